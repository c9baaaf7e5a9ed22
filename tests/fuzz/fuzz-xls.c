/*
 * fuzz-xls - libFuzzer harness of the .xls reader (xls.c over cfb.c):
 * open the input as a workbook, read every sheet to its end.
 *
 * The first byte of the input says what the rest is: with its low bit
 * clear, a whole file (an OLE2 compound file, its container fuzzed with
 * its records); with it set, a bare workbook stream (BIFF records), which
 * the harness puts into a well-formed compound file so that every run
 * reaches the records.  The contract checked besides the sanitizers: the
 * text of a sheet is whole CSV lines, and a workbook that opens reads to
 * the end of every sheet.  Seeds (seeds/xls): the .xls fixtures after a
 * byte 0, their workbook streams after a byte 1, and the inputs that
 * found faults (regress-*).
 */
#include "fuzz.h"
#include "xls.h"

#define SS	512U		/* sector size of the wrapper */
#define ENDOFCHAIN 0xFFFFFFFEU
#define FATSECT	0xFFFFFFFDU
#define FREESECT 0xFFFFFFFFU

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

/* Directory entry e named name of type, start sector and size. */
static void
dirent(unsigned char *e, const char *name, int type, uint32_t child,
    uint32_t start, uint32_t size)
{
	size_t i;

	memset(e, 0, 128);
	for (i = 0; name[i] != '\0'; i++)
		put16(e + 2 * i, (unsigned char)name[i]);
	put16(e + 64, (unsigned)(2 * i + 2));
	e[66] = (unsigned char)type;
	e[67] = 1;			/* black */
	put32(e + 68, FREESECT);	/* no left sibling */
	put32(e + 72, FREESECT);	/* no right sibling */
	put32(e + 76, child);
	put32(e + 116, start);
	put32(e + 120, size);
}

/*
 * A compound file (version 3) holding data[0..n) as its Workbook stream,
 * in the FAT whatever its size (the header's mini stream cutoff is 0),
 * into b.  0 if it needs more FAT sectors than the header lists.
 */
static int
wrap(struct buf *b, const uint8_t *data, size_t n)
{
	size_t nstream = (n + SS - 1) / SS, nfat = 1, total, i;
	unsigned char *f;

	while ((nstream + 1 + nfat + SS / 4 - 1) / (SS / 4) > nfat)
		nfat++;
	if (nfat > 109)
		return 0;
	total = nstream + 1 + nfat;
	buf_reset(b);
	buf_reserve(b, SS * (total + 1));
	f = (unsigned char *)b->p;
	memset(f, 0, SS * (total + 1));
	memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	put16(f + 24, 0x3E);
	put16(f + 26, 3);
	put16(f + 28, 0xFFFE);
	put16(f + 30, 9);
	put16(f + 32, 6);
	put32(f + 44, (uint32_t)nfat);
	put32(f + 48, (uint32_t)nstream);	/* the directory */
	put32(f + 56, 0);			/* no mini stream */
	put32(f + 60, ENDOFCHAIN);
	put32(f + 68, ENDOFCHAIN);
	for (i = 0; i < 109; i++)
		put32(f + 76 + 4 * i, i < nfat ? (uint32_t)(nstream + 1 + i) :
		    FREESECT);
	memcpy(f + SS, data, n);
	dirent(f + SS * (nstream + 1), "Root Entry", 5, 1, ENDOFCHAIN, 0);
	dirent(f + SS * (nstream + 1) + 128, "Workbook", 2, FREESECT,
	    nstream > 0 ? 0 : ENDOFCHAIN, (uint32_t)n);
	for (i = 0; i < nfat * SS / 4; i++) {
		uint32_t v = FREESECT;

		if (i + 1 < nstream)
			v = (uint32_t)i + 1;
		else if (i < nstream + 1)
			v = ENDOFCHAIN;
		else if (i < total)
			v = FATSECT;
		put32(f + SS * (nstream + 2) + 4 * i, v);
	}
	b->len = SS * (total + 1);
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = { 0 };
	struct xls_sheet *s;
	struct xls *x;
	char path[64], chunk[4096];
	ssize_t n;
	size_t i;
	int last;

	if (size < 1)
		return 0;
	fuzz_init();
	cbcc_init("fuzz-xls");
	if (data[0] & 1) {
		if (!wrap(&b, data + 1, size - 1)) {
			buf_free(&b);
			return 0;
		}
		fuzz_file(path, (const uint8_t *)b.p, b.len);
	} else
		fuzz_file(path, data + 1, size - 1);
	buf_free(&b);
	if ((x = xls_open(path)) != NULL) {
		for (i = 0; i < xls_nsheets(x); i++) {
			if (xls_sheet_name(x, i) == NULL)
				abort();
			s = xls_sheet_open(x, i);
			last = '\n';
			while ((n = xls_read(s, chunk, sizeof(chunk))) > 0)
				last = chunk[n - 1];
			if (n < 0 || last != '\n')
				abort();	/* a line cut short */
			xls_sheet_close(s);
		}
		xls_close(x);
	}
	unlink(path);
	return 0;
}
