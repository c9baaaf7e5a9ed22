/*
 * cfb-wrap.h - cw_wrap: a workbook stream put into a well-formed OLE2
 * compound file (version 3, 512-byte sectors), for the tests of the .xls
 * reader that make their own BIFF records: fuzz-xls and tests/unit/xls.
 */
#ifndef CFB_WRAP_H
#define CFB_WRAP_H

#include <stdint.h>
#include <string.h>

#include "cbcc.h"

#define CW_SS	512U		/* sector size of the wrapper */
#define CW_ENDOFCHAIN 0xFFFFFFFEU
#define CW_FATSECT	0xFFFFFFFDU
#define CW_FREESECT 0xFFFFFFFFU

static void
cw_put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
cw_put32(unsigned char *p, uint32_t v)
{
	cw_put16(p, v & 0xFFFF);
	cw_put16(p + 2, v >> 16);
}

/* Directory entry e named name of type, start sector and size. */
static void
cw_dirent(unsigned char *e, const char *name, int type, uint32_t child,
    uint32_t start, uint32_t size)
{
	size_t i;

	memset(e, 0, 128);
	for (i = 0; name[i] != '\0'; i++)
		cw_put16(e + 2 * i, (unsigned char)name[i]);
	cw_put16(e + 64, (unsigned)(2 * i + 2));
	e[66] = (unsigned char)type;
	e[67] = 1;			/* black */
	cw_put32(e + 68, CW_FREESECT);	/* no left sibling */
	cw_put32(e + 72, CW_FREESECT);	/* no right sibling */
	cw_put32(e + 76, child);
	cw_put32(e + 116, start);
	cw_put32(e + 120, size);
}

/*
 * A compound file (version 3) holding data[0..n) as its Workbook stream,
 * in the FAT whatever its size (the header's mini stream cutoff is 0),
 * into b.  0 if it needs more FAT sectors than the header lists.
 */
static int
cw_wrap(struct buf *b, const uint8_t *data, size_t n)
{
	size_t nstream = (n + CW_SS - 1) / CW_SS, nfat = 1, total, i;
	unsigned char *f;

	while ((nstream + 1 + nfat + CW_SS / 4 - 1) / (CW_SS / 4) > nfat)
		nfat++;
	if (nfat > 109)
		return 0;
	total = nstream + 1 + nfat;
	buf_reset(b);
	buf_reserve(b, CW_SS * (total + 1));
	f = (unsigned char *)b->p;
	memset(f, 0, CW_SS * (total + 1));
	memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	cw_put16(f + 24, 0x3E);
	cw_put16(f + 26, 3);
	cw_put16(f + 28, 0xFFFE);
	cw_put16(f + 30, 9);
	cw_put16(f + 32, 6);
	cw_put32(f + 44, (uint32_t)nfat);
	cw_put32(f + 48, (uint32_t)nstream);	/* the directory */
	cw_put32(f + 56, 0);			/* no mini stream */
	cw_put32(f + 60, CW_ENDOFCHAIN);
	cw_put32(f + 68, CW_ENDOFCHAIN);
	for (i = 0; i < 109; i++)
		cw_put32(f + 76 + 4 * i, i < nfat ? (uint32_t)(nstream + 1 + i) :
		    CW_FREESECT);
	memcpy(f + CW_SS, data, n);
	cw_dirent(f + CW_SS * (nstream + 1), "Root Entry", 5, 1, CW_ENDOFCHAIN, 0);
	cw_dirent(f + CW_SS * (nstream + 1) + 128, "Workbook", 2, CW_FREESECT,
	    nstream > 0 ? 0 : CW_ENDOFCHAIN, (uint32_t)n);
	for (i = 0; i < nfat * CW_SS / 4; i++) {
		uint32_t v = CW_FREESECT;

		if (i + 1 < nstream)
			v = (uint32_t)i + 1;
		else if (i < nstream + 1)
			v = CW_ENDOFCHAIN;
		else if (i < total)
			v = CW_FATSECT;
		cw_put32(f + CW_SS * (nstream + 2) + 4 * i, v);
	}
	b->len = CW_SS * (total + 1);
	return 1;
}

#endif /* CFB_WRAP_H */
