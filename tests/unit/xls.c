/*
 * xls - unit test of the .xls reader (xls.c) on BIFF records made here,
 * for the cases no writer at hand makes: text split across CONTINUE
 * records where it changes width, rich-text and phonetic data split too,
 * a formula's text result continued, surrogate pairs, cells out of order,
 * a chart inside a sheet, RK numbers of each kind, the 1904 date system,
 * Excel 5.0/95 text in code page 1258, and the damage that makes a
 * workbook unreadable; prints TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbcc.h"
#include "xls.h"
#include "../fuzz/cfb-wrap.h"

static int ntest, nfail;

/* One TAP line: got must equal want. */
static void
check(const char *what, const char *got, const char *want)
{
	ntest++;
	if (strcmp(got, want) == 0)
		printf("ok %d - %s\n", ntest, what);
	else {
		nfail++;
		printf("not ok %d - %s: got '%s', want '%s'\n", ntest, what,
		    got, want);
	}
}

/* Append v to b as 8, 16 or 32 bits, little-endian, or as a double. */
static void
u8(struct buf *b, unsigned v)
{
	buf_addc(b, (int)(v & 0xFF));
}

static void
u16(struct buf *b, unsigned v)
{
	u8(b, v);
	u8(b, v >> 8);
}

static void
u32(struct buf *b, uint32_t v)
{
	u16(b, v & 0xFFFF);
	u16(b, v >> 16);
}

static void
f64(struct buf *b, double d)
{
	uint64_t u;
	int i;

	memcpy(&u, &d, sizeof(u));
	for (i = 0; i < 8; i++)
		u8(b, (unsigned)(u >> (8 * i)));
}

/* A record of type with body p[0..n) appended to s. */
static void
rec(struct buf *s, unsigned type, const struct buf *body)
{
	u16(s, type);
	u16(s, (unsigned)body->len);
	buf_add(s, body->p, body->len);
}

/* Start a record body. */
static struct buf *
body(void)
{
	static struct buf b;

	buf_reset(&b);
	buf_adds(&b, "");
	return &b;
}

/* A cell's row, column and XF. */
static struct buf *
cell(unsigned row, unsigned col, unsigned xf)
{
	struct buf *b = body();

	u16(b, row);
	u16(b, col);
	u16(b, xf);
	return b;
}

/*
 * The globals of a workbook of one sheet, "Sheet1" (BIFF8, or BIFF5 with
 * code page 1258 and sheet name name5), with XF 0 general, XF 1 built-in
 * format 14 and XF 2 format 164 "dd/mm/yyyy"; sst[0..sstlen) the records
 * of the shared strings (SST and CONTINUE), and whether the 1904 system.
 * Returns where the sheet's offset is to be patched.
 */
static size_t
globals(struct buf *s, int biff, const struct buf *sst, int is1904)
{
	static const char code[] = "dd/mm/yyyy";
	struct buf *b;
	size_t at, i;

	b = body();
	u16(b, biff == 8 ? 0x0600 : 0x0500);
	u16(b, 0x0005);
	u32(b, 0);
	u32(b, 0);
	rec(s, 0x0809, b);
	b = body();
	u16(b, biff == 8 ? 1200 : 1258);
	rec(s, 0x0042, b);
	b = body();
	u16(b, (unsigned)is1904);
	rec(s, 0x0022, b);
	b = body();
	u16(b, 164);
	if (biff == 8) {
		u16(b, sizeof(code) - 1);
		u8(b, 0);
	} else
		u8(b, sizeof(code) - 1);
	buf_add(b, code, sizeof(code) - 1);
	rec(s, 0x041E, b);
	for (i = 0; i < 3; i++) {
		b = body();
		u16(b, 0);
		u16(b, i == 0 ? 0 : i == 1 ? 14 : 164);
		for (; b->len < (biff == 8 ? 20U : 16U);)
			u8(b, 0);
		rec(s, 0x00E0, b);
	}
	b = body();
	at = s->len + 4;
	u32(b, 0);
	u16(b, 0);
	if (biff == 8) {
		u8(b, 6);
		u8(b, 0);
		buf_adds(b, "Sheet1");
	} else {
		u8(b, 3);
		buf_adds(b, "S\xF4\xD2");	/* Sổ */
	}
	rec(s, 0x0085, b);
	if (sst != NULL)
		buf_add(s, sst->p, sst->len);
	rec(s, 0x000A, body());
	return at;
}

/* The sheet's BOF; its offset patched in at at. */
static void
sheetbof(struct buf *s, size_t at, int biff)
{
	struct buf *b = body();
	size_t off = s->len;

	s->p[at] = (char)(off & 0xFF);
	s->p[at + 1] = (char)(off >> 8 & 0xFF);
	s->p[at + 2] = (char)(off >> 16 & 0xFF);
	s->p[at + 3] = (char)(off >> 24 & 0xFF);
	u16(b, biff == 8 ? 0x0600 : 0x0500);
	u16(b, 0x0010);
	u32(b, 0);
	u32(b, 0);
	rec(s, 0x0809, b);
}

/*
 * Read the workbook stream s[0..) as an .xls file: the text of its first
 * sheet, "sheet name: text", or "ERROR" if it does not open.
 */
static char *
readxls(const struct buf *s)
{
	struct buf f = { 0 }, out = { 0 };
	struct xls_sheet *sh;
	struct xls *x;
	char path[] = "/tmp/cbcc-unit-xls.XXXXXX", chunk[256];
	ssize_t n;
	FILE *fp;
	int fd;

	if (!cw_wrap(&f, (const uint8_t *)s->p, s->len))
		abort();
	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "wb")) == NULL ||
	    fwrite(f.p, 1, f.len, fp) != f.len || fclose(fp) != 0)
		abort();
	buf_free(&f);
	if ((x = xls_open(path)) == NULL)
		buf_adds(&out, "ERROR");
	else {
		buf_printf(&out, "%s: ", xls_sheet_name(x, 0));
		sh = xls_sheet_open(x, 0);
		while ((n = xls_read(sh, chunk, sizeof(chunk))) > 0)
			buf_add(&out, chunk, (size_t)n);
		xls_sheet_close(sh);
		xls_close(x);
	}
	unlink(path);
	return out.p;
}

/* The stream s read must give want. */
static void
expect(const char *what, const struct buf *s, const char *want)
{
	char *got = readxls(s);

	check(what, got, want);
	free(got);
}

/* A workbook of the shared strings sst and the cells of sheet. */
static void
book(struct buf *s, int biff, const struct buf *sst, int is1904,
    const struct buf *sheet)
{
	size_t at;

	buf_reset(s);
	at = globals(s, biff, sst, is1904);
	sheetbof(s, at, biff);
	buf_add(s, sheet->p, sheet->len);
	rec(s, 0x000A, body());
}

/* A LABELSST cell (row, col) of string i. */
static void
labelsst(struct buf *sh, unsigned row, unsigned col, uint32_t i)
{
	struct buf *b = cell(row, col, 0);

	u32(b, i);
	rec(sh, 0x00FD, b);
}

int
main(void)
{
	struct buf s = { 0 }, sst = { 0 }, sh = { 0 }, *b;
	size_t at;

	cbcc_init("xls-test");
	/* The messages of the damaged ones: tests/bad.bats looks at them. */
	if (freopen("/dev/null", "w", stderr) == NULL)
		return 1;

	/*
	 * An SST string that starts 8-bit and goes on 16-bit in a CONTINUE
	 * record; rich-text runs and phonetic data split across one; a
	 * surrogate pair and a lone surrogate.
	 */
	b = body();
	u32(b, 5);
	u32(b, 5);
	u16(b, 15);		/* Quàng Văn Hưởng: Quàng 8-bit, the rest 16 */
	u8(b, 0);
	buf_adds(b, "Qu\xE0ng ");
	rec(&sst, 0x00FC, b);
	b = body();
	u8(b, 1);
	u16(b, 'V'), u16(b, 0x0103), u16(b, 'n'), u16(b, ' '), u16(b, 'H');
	u16(b, 0x01B0), u16(b, 0x1EDF), u16(b, 'n'), u16(b, 'g');
	u16(b, 4);		/* Tòng, a run and 6 bytes of phonetic data */
	u8(b, 0x0C);
	u16(b, 1);
	u32(b, 6);
	buf_adds(b, "T\xF2ng");
	u16(b, 0);		/* half a run */
	rec(&sst, 0x003C, b);
	b = body();
	u16(b, 1);		/* the other half */
	buf_add(b, "\1\2\3\4\5\6", 6);
	u16(b, 2);		/* Ón */
	u8(b, 0);
	buf_adds(b, "\xD3n");
	u16(b, 2);		/* U+1F600 */
	u8(b, 1);
	u16(b, 0xD83D), u16(b, 0xDE00);
	u16(b, 2);		/* a lone high surrogate */
	u8(b, 1);
	u16(b, 0xD800), u16(b, 'a');
	rec(&sst, 0x003C, b);
	buf_reset(&sh);
	labelsst(&sh, 0, 0, 0);
	labelsst(&sh, 0, 1, 1);
	labelsst(&sh, 0, 2, 2);
	labelsst(&sh, 1, 0, 3);
	labelsst(&sh, 1, 1, 4);
	book(&s, 8, &sst, 0, &sh);
	expect("SST across CONTINUE records", &s,
	    "Sheet1: Quàng Văn Hưởng,Tòng,Ón\n\xF0\x9F\x98\x80,\xEF\xBF\xBD" "a,\n");

	/*
	 * A formula's text result: a CONTINUE of the formula between it and
	 * its STRING, the text itself continued 16-bit; booleans, errors,
	 * an empty text result.
	 */
	buf_reset(&sh);
	b = cell(0, 0, 0);
	buf_add(b, "\0\0\0\0\0\0\xFF\xFF", 8);
	u16(b, 0);
	u32(b, 0);
	u16(b, 0);
	rec(&sh, 0x0006, b);
	rec(&sh, 0x003C, body());
	b = body();
	u16(b, 19);		/* Tổng cộng: 12 người */
	u8(b, 0);
	buf_adds(b, "T");
	rec(&sh, 0x0207, b);
	b = body();
	u8(b, 1);
	u16(b, 0x1ED5), u16(b, 'n'), u16(b, 'g'), u16(b, ' '), u16(b, 'c');
	u16(b, 0x1ED9), u16(b, 'n'), u16(b, 'g'), u16(b, ':'), u16(b, ' ');
	u16(b, '1'), u16(b, '2'), u16(b, ' '), u16(b, 'n'), u16(b, 'g');
	u16(b, 0x01B0), u16(b, 0x1EDD), u16(b, 'i');
	rec(&sh, 0x003C, b);
	b = cell(0, 1, 0);
	buf_add(b, "\1\0\1\0\0\0\xFF\xFF", 8);	/* TRUE */
	buf_add(b, "\0\0\0\0\0\0\0\0", 8);
	rec(&sh, 0x0006, b);
	b = cell(0, 2, 0);
	buf_add(b, "\2\0\x2A\0\0\0\xFF\xFF", 8);	/* #N/A */
	buf_add(b, "\0\0\0\0\0\0\0\0", 8);
	rec(&sh, 0x0006, b);
	b = cell(0, 3, 0);
	buf_add(b, "\3\0\0\0\0\0\xFF\xFF", 8);	/* "" */
	buf_add(b, "\0\0\0\0\0\0\0\0", 8);
	rec(&sh, 0x0006, b);
	b = cell(0, 4, 0);
	u8(b, 0);
	u8(b, 0);
	rec(&sh, 0x0205, b);
	b = cell(0, 5, 0);
	u8(b, 0x07);
	u8(b, 1);
	rec(&sh, 0x0205, b);
	b = cell(0, 6, 0);	/* a text result that never comes */
	buf_add(b, "\0\0\0\0\0\0\xFF\xFF", 8);
	buf_add(b, "\0\0\0\0\0\0\0\0", 8);
	rec(&sh, 0x0006, b);
	b = cell(0, 7, 0);
	f64(b, 7);
	rec(&sh, 0x0203, b);
	b = body();		/* a STRING with no formula: nothing */
	u16(b, 1);
	u8(b, 0);
	buf_adds(b, "z");
	rec(&sh, 0x0207, b);
	book(&s, 8, NULL, 0, &sh);
	expect("formula results, booleans, errors", &s,
	    "Sheet1: Tổng cộng: 12 người,TRUE,#N/A,,FALSE,#DIV/0!,,7\n");

	/*
	 * Cells out of order, a later cell standing where an earlier one
	 * was, DIMENSIONS wider than the cells, a chart in the sheet, an
	 * empty LABEL ending without its flags byte, RK numbers of each
	 * kind.
	 */
	buf_reset(&sh);
	b = body();
	u32(b, 0);
	u32(b, 3);
	u16(b, 0);
	u16(b, 5);
	u16(b, 0);
	rec(&sh, 0x0200, b);
	b = cell(2, 1, 0);
	f64(b, 2);
	rec(&sh, 0x0203, b);
	b = cell(0, 0, 0);
	u16(b, 4);
	u8(b, 0);
	buf_adds(b, "Nh\xE3n");	/* 8-bit: ã */
	rec(&sh, 0x0204, b);
	b = body();		/* a chart, its cells not the sheet's */
	u16(b, 0x0600);
	u16(b, 0x0020);
	u32(b, 0);
	u32(b, 0);
	rec(&sh, 0x0809, b);
	b = cell(1, 0, 0);
	f64(b, 99);
	rec(&sh, 0x0203, b);
	rec(&sh, 0x000A, body());
	b = cell(2, 1, 0);
	f64(b, 3);
	rec(&sh, 0x0203, b);
	b = cell(0, 1, 0);
	u16(b, 0);
	rec(&sh, 0x0204, b);
	b = body();		/* MULRK: 1985, 0.25, 1.5, -7 */
	u16(b, 3);
	u16(b, 0);
	u16(b, 0), u32(b, 1985U << 2 | 2);
	u16(b, 0), u32(b, 25U << 2 | 3);
	u16(b, 0), u32(b, 0x3FF80000U);
	u16(b, 0), u32(b, (uint32_t)-7 << 2 | 2);
	u16(b, 3);
	rec(&sh, 0x00BD, b);
	book(&s, 8, NULL, 0, &sh);
	expect("order, dimensions, a chart, RK", &s,
	    "Sheet1: Nhãn,,,,\n\n,3,,,\n1985,0.25,1.5,-7,\n");

	/* Dates: built-in 14 and a format with a code, 1900 and 1904. */
	buf_reset(&sh);
	b = cell(0, 0, 1);
	f64(b, 32202);
	rec(&sh, 0x0203, b);
	b = cell(0, 1, 2);
	u32(b, 32202U << 2 | 2);
	rec(&sh, 0x027E, b);
	b = cell(0, 2, 0);
	f64(b, 32202);
	rec(&sh, 0x0203, b);
	b = cell(0, 3, 9);	/* an XF that is not there: a number */
	f64(b, 32202);
	rec(&sh, 0x0203, b);
	book(&s, 8, NULL, 0, &sh);
	expect("dates", &s, "Sheet1: 29/02/1988,29/02/1988,32202,32202\n");
	book(&s, 8, NULL, 1, &sh);
	expect("dates, 1904", &s, "Sheet1: 01/03/1992,01/03/1992,32202,32202\n");

	/* Excel 5.0/95: a sheet name and text in code page 1258. */
	buf_reset(&sh);
	b = cell(0, 0, 0);
	u16(b, 5);
	buf_adds(b, "Th\xE3\xECm");	/* Thắm: ă, then the acute tone */
	rec(&sh, 0x0204, b);
	b = cell(0, 1, 0);
	u16(b, 1);
	buf_adds(b, "x");
	rec(&sh, 0x0204, b);
	b = cell(0, 2, 0);
	u16(b, 3);
	buf_adds(b, "\xD0\xE3u");	/* Đău */
	u8(b, 0);
	rec(&sh, 0x00D6, b);
	book(&s, 5, NULL, 0, &sh);
	expect("BIFF5, code page 1258", &s, "Sổ: Thắm,x,Đău\n");

	/* Damage: each makes the workbook unreadable. */
	buf_reset(&sh);
	labelsst(&sh, 0, 0, 5);
	book(&s, 8, &sst, 0, &sh);
	expect("a shared string that is not there", &s, "ERROR");
	buf_reset(&sh);
	b = cell(0, 256, 0);
	f64(b, 1);
	rec(&sh, 0x0203, b);
	book(&s, 8, NULL, 0, &sh);
	expect("column 257", &s, "ERROR");
	buf_reset(&sh);
	b = body();
	u16(b, 0);
	u16(b, 250);
	u16(b, 0), u32(b, 2);
	u16(b, 0), u32(b, 2);
	u16(b, 0), u32(b, 2);
	u16(b, 0), u32(b, 2);
	u16(b, 0), u32(b, 2);
	u16(b, 0), u32(b, 2);
	u16(b, 0), u32(b, 2);
	u16(b, 255);
	rec(&sh, 0x00BD, b);
	book(&s, 8, NULL, 0, &sh);
	expect("MULRK past column 256", &s, "ERROR");
	buf_reset(&sh);
	b = cell(0, 0, 0);
	rec(&sh, 0x0203, b);
	book(&s, 8, NULL, 0, &sh);
	expect("a NUMBER cut short", &s, "ERROR");
	buf_reset(&sh);
	book(&s, 8, NULL, 0, &sh);
	s.len -= 4;		/* the sheet's EOF */
	expect("a sheet with no EOF", &s, "ERROR");
	buf_reset(&s);
	at = globals(&s, 8, NULL, 0);
	s.len -= 4;		/* the globals' EOF */
	sheetbof(&s, at, 8);
	rec(&s, 0x000A, body());
	expect("globals with no EOF", &s, "ERROR");
	book(&s, 8, NULL, 0, &sh);
	s.p[at] = 1;		/* the sheet's offset, wrong */
	expect("a sheet's offset not at a BOF", &s, "ERROR");
	buf_reset(&s);
	b = body();
	u16(b, 0x0400);
	u16(b, 0x0005);
	rec(&s, 0x0809, b);
	expect("BIFF4", &s, "ERROR");
	book(&s, 8, NULL, 0, &sh);
	s.p[16] = 0x2F;		/* CODEPAGE, after the BOF, as FILEPASS */
	expect("encrypted", &s, "ERROR");
	buf_reset(&s);
	b = body();
	u32(b, 1);
	u32(b, 1);
	u16(b, 3);
	u8(b, 1);
	u16(b, 'a');
	rec(&s, 0x00FC, b);
	buf_reset(&sst);
	buf_add(&sst, s.p, s.len);
	buf_reset(&sh);
	book(&s, 8, &sst, 0, &sh);
	expect("an SST string cut short", &s, "ERROR");

	buf_free(&s);
	buf_free(&sst);
	buf_free(&sh);
	buf_free(body());
	printf("1..%d\n", ntest);
	return nfail != 0;
}
