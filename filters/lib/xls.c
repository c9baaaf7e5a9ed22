/*
 * xls.c - Excel .xls workbooks (BIFF8, BIFF5) as CSV text, a sheet at a
 * time (see xls.h).  The record layouts are those of [MS-XLS] 2.4 and,
 * for BIFF5, of the OpenOffice.org description of the Excel file format.
 *
 * The workbook stream is held in memory.  xls_open reads its globals (the
 * first substream: code page, date system, formats, XFs, sheets, shared
 * strings) and walks every sheet once to check it; xls_sheet_open walks
 * its sheet again, keeping the cells, sorts them by row and column (a
 * writer may store them in any order) and hands them to the row renderer
 * of sheet.h.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "cfb.h"
#include "sheet.h"
#include "text.h"
#include "xls.h"

/* The record types read ([MS-XLS] 2.3). */
enum {
	R_FORMULA = 0x0006, R_EOF = 0x000A, R_DATEMODE = 0x0022,
	R_FILEPASS = 0x002F, R_CONTINUE = 0x003C, R_CODEPAGE = 0x0042,
	R_BOUNDSHEET = 0x0085, R_MULRK = 0x00BD, R_RSTRING = 0x00D6,
	R_XF = 0x00E0, R_SST = 0x00FC, R_LABELSST = 0x00FD,
	R_DIMENSIONS = 0x0200, R_NUMBER = 0x0203, R_LABEL = 0x0204,
	R_BOOLERR = 0x0205, R_STRING = 0x0207, R_ARRAY = 0x0221,
	R_TABLE = 0x0236, R_RK = 0x027E, R_FORMAT = 0x041E,
	R_SHRFMLA = 0x04BC, R_BOF = 0x0809
};

#define MAXCOL		256	/* Excel 97-2003: columns A to IV */
#define NOCD		((iconv_t)-1)

/* A number format: its number and what it shows. */
struct fmt {
	unsigned	 id;		/* ifmt */
	int		 kind;		/* sheet_numfmt: 0, 'd', 't' */
};

struct xls {
	unsigned char	*s;		/* the workbook stream */
	size_t		 len;		/* its length */
	int		 biff;		/* 8 (Excel 97-2003) or 5 (5.0/95) */
	int		 date1904;	/* the 1904 date system */
	unsigned	 codepage;	/* of BIFF5 text */
	iconv_t		 cd;		/* BIFF5: codepage to UTF-8 */
	struct buf	 sst;		/* shared strings, end to end */
	size_t		*sstoff;	/* start of string i; [nsst] its end */
	size_t		 nsst;		/* strings */
	size_t		 capsst;	/* room in sstoff */
	struct fmt	*fmts;		/* number formats with a code */
	size_t		 nfmts;
	unsigned	*xffmt;		/* the format number of each XF */
	size_t		 nxf;
	unsigned char	*xfkind;	/* what each XF shows: 0, 'd', 't' */
	char		**names;	/* sheet names, UTF-8 */
	size_t		*bof;		/* where each sheet's BOF record is */
	size_t		 nsheets;
	char		 why[320];	/* what is wrong with the workbook */
	struct buf	 raw;		/* scratch: BIFF5 bytes */
	struct buf	 dec;		/* scratch: decoded text */
};

/* A cell of a sheet, kept until the sheet is sorted. */
struct xcell {
	unsigned	 row;		/* from 0 */
	unsigned	 col;		/* from 0 */
	size_t		 seq;		/* order read */
	size_t		 off;		/* its text in the sheet's text */
	size_t		 len;		/* and length */
};

struct xls_sheet {
	struct xls	*x;		/* its workbook */
	struct xcell	*c;		/* its cells */
	size_t		 n;		/* how many */
	size_t		 cap;		/* room in c */
	struct buf	 text;		/* their text */
	unsigned long	 width;		/* columns DIMENSIONS declares */
	size_t		 next;		/* next cell to render */
	unsigned long	 row;		/* next row to render, from 0 */
	struct sheet_row *r;		/* the renderer */
};

/* A cursor over one record and the CONTINUE records that carry it on. */
struct rd {
	struct xls	*x;		/* the workbook */
	size_t		 pos;		/* next byte in x->s */
	size_t		 end;		/* end of the part being read */
	int		 cont;		/* CONTINUE records carry it on */
	int		 ok;		/* 0: a read went past its end */
};

/* The little-endian 16-bit number at p. */
static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/*
 * The type and body size of the record at pos of x's stream; 0 if it
 * does not lie whole in the stream.
 */
static int
rechdr(const struct xls *x, size_t pos, unsigned *type, size_t *size)
{
	if (pos > x->len || x->len - pos < 4)
		return 0;
	*type = get16(x->s + pos);
	*size = get16(x->s + pos + 2);
	return x->len - pos - 4 >= *size;
}

/*
 * A cursor on the body of the record at pos (which rechdr found whole),
 * carried on by the CONTINUE records after it if cont is set.
 */
static void
rd_open(struct rd *r, struct xls *x, size_t pos, int cont)
{
	r->x = x;
	r->pos = pos + 4;
	r->end = r->pos + get16(x->s + pos + 2);
	r->cont = cont;
	r->ok = 1;
}

/* Step into the CONTINUE record after the part read: 1, or 0 if none. */
static int
rd_next(struct rd *r)
{
	unsigned t;
	size_t n;

	if (!r->cont || !rechdr(r->x, r->end, &t, &n) || t != R_CONTINUE)
		return 0;
	r->pos = r->end + 4;
	r->end = r->pos + n;
	return 1;
}

/* Whether the record and its CONTINUE records are read to their end. */
static int
rd_atend(const struct rd *r)
{
	unsigned t;
	size_t n;

	return r->pos == r->end && !(r->cont && rechdr(r->x, r->end, &t,
	    &n) && t == R_CONTINUE);
}

/*
 * Read n bytes into out (NULL: skip them).  Past the end, zeros, and
 * r->ok is cleared.
 */
static void
rd_bytes(struct rd *r, void *out, size_t n)
{
	unsigned char *o = out;
	size_t k;

	while (n > 0) {
		if (r->pos == r->end && !rd_next(r)) {
			r->ok = 0;
			if (o != NULL)
				memset(o, 0, n);
			return;
		}
		k = r->end - r->pos < n ? r->end - r->pos : n;
		if (o != NULL) {
			memcpy(o, r->x->s + r->pos, k);
			o += k;
		}
		r->pos += k;
		n -= k;
	}
}

/* The next 8, 16 or 32 bits of the record, little-endian; 0 past its end. */
static unsigned
rd_u8(struct rd *r)
{
	unsigned char b[1];

	rd_bytes(r, b, 1);
	return b[0];
}

static unsigned
rd_u16(struct rd *r)
{
	unsigned char b[2];

	rd_bytes(r, b, 2);
	return get16(b);
}

static uint32_t
rd_u32(struct rd *r)
{
	unsigned char b[4];

	rd_bytes(r, b, 4);
	return (uint32_t)get16(b) | (uint32_t)get16(b + 2) << 16;
}

/* The little-endian IEEE double at b. */
static double
f64(const unsigned char *b)
{
	uint64_t u = 0;
	double d;
	int i;

	for (i = 7; i >= 0; i--)
		u = u << 8 | b[i];
	memcpy(&d, &u, sizeof(d));
	return d;
}

/* The next 8 bytes of the record as a double. */
static double
rd_f64(struct rd *r)
{
	unsigned char b[8];

	rd_bytes(r, b, 8);
	return f64(b);
}

/* Append code point c to out as UTF-8; U+0000 is dropped. */
static void
putcp(struct buf *out, long c)
{
	if (c > 0)
		text_addcp(out, (int32_t)c);
}

/*
 * Append UTF-16 code unit u to out, pairing surrogates through *hi (the
 * high one waiting); a lone surrogate is U+FFFD.
 */
static void
put16(struct buf *out, unsigned u, unsigned *hi)
{
	if (*hi != 0) {
		if (u >= 0xDC00 && u <= 0xDFFF) {
			putcp(out, 0x10000 + ((long)(*hi - 0xD800) << 10) +
			    (long)(u - 0xDC00));
			*hi = 0;
			return;
		}
		putcp(out, 0xFFFD);
		*hi = 0;
	}
	if (u >= 0xD800 && u <= 0xDBFF)
		*hi = u;
	else
		putcp(out, u >= 0xDC00 && u <= 0xDFFF ? 0xFFFD : u);
}

/*
 * Read cch characters of a BIFF8 string, 16-bit if high, else 8-bit
 * (Latin-1: the high bytes left out), into out.  In a CONTINUE record
 * the characters go on after a byte of their own flags: the rest of a
 * string may change width.
 */
static void
rd_chars(struct rd *r, size_t cch, int high, struct buf *out)
{
	const unsigned char *p;
	unsigned hi = 0;
	size_t k, i;

	while (cch > 0 && r->ok) {
		if (r->pos == r->end) {
			if (!rd_next(r) || r->pos == r->end) {
				r->ok = 0;
				break;
			}
			high = r->x->s[r->pos++] & 1;
			continue;
		}
		p = r->x->s + r->pos;
		if (high) {
			k = (r->end - r->pos) / 2 < cch ?
			    (r->end - r->pos) / 2 : cch;
			if (k == 0) {
				r->ok = 0;	/* a character cut in two */
				break;
			}
			for (i = 0; i < k; i++)
				put16(out, get16(p + 2 * i), &hi);
			r->pos += 2 * k;
		} else {
			k = r->end - r->pos < cch ? r->end - r->pos : cch;
			for (i = 0; i < k; i++)
				put16(out, p[i], &hi);
			r->pos += k;
		}
		cch -= k;
	}
	if (hi != 0)
		putcp(out, 0xFFFD);
}

/*
 * Read a BIFF8 string into out: its length (lenbytes 1 or 2), flags and
 * characters; with rich set, the rich-text runs and phonetic data the
 * flags announce are read past too (XLUnicodeRichExtendedString, in the
 * SST).  A string of no characters may end the record without flags.
 */
static void
rd_ustr(struct rd *r, int lenbytes, int rich, struct buf *out)
{
	size_t cch, runs = 0, ext = 0;
	unsigned fl;

	cch = lenbytes == 1 ? rd_u8(r) : rd_u16(r);
	if (cch == 0 && rd_atend(r))
		return;
	fl = rd_u8(r);
	if (rich && (fl & 0x08))
		runs = rd_u16(r);
	if (rich && (fl & 0x04))
		ext = rd_u32(r);
	rd_chars(r, cch, fl & 0x01, out);
	rd_bytes(r, NULL, 4 * runs);
	rd_bytes(r, NULL, ext);
}

/*
 * Decode BIFF5 text p[0..n) from the workbook's code page into out, in
 * NFC; a byte the code page lacks is U+FFFD.
 */
static void
cpdecode(struct xls *x, const char *p, size_t n, struct buf *out)
{
	char ob[512], *in = (char *)p, *o;
	size_t inl = n, ol, i, rc;

	buf_reset(&x->dec);
	iconv(x->cd, NULL, NULL, NULL, NULL);
	while (inl > 0) {
		o = ob;
		ol = sizeof(ob);
		rc = iconv(x->cd, &in, &inl, &o, &ol);
		buf_add(&x->dec, ob, (size_t)(o - ob));
		if (rc == (size_t)-1 && errno != E2BIG) {
			buf_adds(&x->dec, "\xEF\xBF\xBD");
			in++;
			inl--;
		}
	}
	/* Cp1258 holds back a letter for the tone mark that may follow. */
	do {
		o = ob;
		ol = sizeof(ob);
		rc = iconv(x->cd, NULL, NULL, &o, &ol);
		buf_add(&x->dec, ob, (size_t)(o - ob));
	} while (rc == (size_t)-1 && errno == E2BIG);
	for (i = 0; i < x->dec.len; i++)
		if (x->dec.p[i] == '\0')
			x->dec.p[i] = ' ';
	text_nfc(out, x->dec.p, x->dec.len);
}

/* Read a BIFF5 string (its length in lenbytes 1 or 2) into out. */
static void
rd_bstr(struct rd *r, int lenbytes, struct buf *out)
{
	struct xls *x = r->x;
	size_t n;

	n = lenbytes == 1 ? rd_u8(r) : rd_u16(r);
	buf_reset(&x->raw);
	buf_reserve(&x->raw, n + 1);
	rd_bytes(r, x->raw.p, n);
	if (r->ok)
		cpdecode(x, x->raw.p, n, out);
}

/* Read a string of the workbook's BIFF into out (BIFF8 not rich). */
static void
rd_str(struct rd *r, int lenbytes, struct buf *out)
{
	if (r->x->biff == 8)
		rd_ustr(r, lenbytes, 0, out);
	else
		rd_bstr(r, lenbytes, out);
}

/* Set what is wrong with x; returns it. */
static const char *
wrong(struct xls *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->why, sizeof(x->why), fmt, ap);
	va_end(ap);
	return x->why;
}

/* The iconv name of Windows code page cp, into b; NULL if none. */
static const char *
cpname(unsigned cp, char *b, size_t bsz)
{
	switch (cp) {
	case 367:
		return "ASCII";
	case 10000:
	case 32768:
		return "MACINTOSH";
	case 32769:
		return "CP1252";
	case 437: case 737: case 775: case 850: case 852: case 855:
	case 857: case 858: case 860: case 861: case 862: case 863:
	case 864: case 865: case 866: case 869: case 874: case 932:
	case 936: case 949: case 950: case 1250: case 1251: case 1252:
	case 1253: case 1254: case 1255: case 1256: case 1257: case 1258:
		snprintf(b, bsz, "CP%u", cp);
		return b;
	default:
		return NULL;
	}
}

/* Add shared string s[0..n) to x. */
static void
sstadd(struct xls *x, const char *s, size_t n)
{
	if (x->nsst + 2 > x->capsst) {
		x->capsst = x->capsst ? 2 * x->capsst : 1024;
		x->sstoff = xreallocarray(x->sstoff, x->capsst,
		    sizeof(*x->sstoff));
	}
	x->sstoff[x->nsst++] = x->sst.len;
	buf_add(&x->sst, s, n);
	x->sstoff[x->nsst] = x->sst.len;
}

/*
 * The shared strings of the SST record at pos.  Fewer strings than it
 * counts are taken when they end with the record; a string cut short is
 * damage.
 */
static const char *
readsst(struct xls *x, size_t pos)
{
	struct buf s = { 0 };
	struct rd r;
	uint32_t i, n;

	rd_open(&r, x, pos, 1);
	rd_u32(&r);
	n = rd_u32(&r);
	for (i = 0; i < n && r.ok && !rd_atend(&r); i++) {
		buf_reset(&s);
		rd_ustr(&r, 2, 1, &s);
		if (r.ok)
			sstadd(x, s.p != NULL ? s.p : "", s.len);
	}
	buf_free(&s);
	return r.ok ? NULL : "its shared strings (SST) are cut short";
}

/* Record a number format's code; later records win. */
static void
addfmt(struct xls *x, unsigned id, const char *code)
{
	x->fmts = xreallocarray(x->fmts, x->nfmts + 1, sizeof(*x->fmts));
	x->fmts[x->nfmts].id = id;
	x->fmts[x->nfmts++].kind = sheet_numfmt((long)id, code);
}

/* What each XF shows, from its format (with a code, or built in). */
static void
xfkinds(struct xls *x)
{
	size_t i, j;

	x->xfkind = xcalloc(x->nxf + 1, 1);
	for (i = 0; i < x->nxf; i++) {
		x->xfkind[i] = (unsigned char)sheet_numfmt(x->xffmt[i], NULL);
		for (j = x->nfmts; j > 0; j--)
			if (x->fmts[j - 1].id == x->xffmt[i]) {
				x->xfkind[i] = (unsigned char)x->fmts[j - 1].kind;
				break;
			}
	}
}

/* A BOUNDSHEET record at pos: a sheet's name and place. */
static const char *
addsheet(struct xls *x, size_t pos)
{
	struct buf name = { 0 };
	struct rd r;
	size_t off, n;

	rd_open(&r, x, pos, 0);
	off = rd_u32(&r);
	rd_u16(&r);		/* visibility, sheet type */
	if (x->biff == 8)
		rd_ustr(&r, 1, 0, &name);
	else {
		/* Decoded once the code page is known (globals). */
		n = rd_u8(&r);
		buf_reserve(&name, n + 1);
		rd_bytes(&r, name.p, n);
		name.len = n;
		name.p[n] = '\0';
	}
	if (!r.ok) {
		buf_free(&name);
		return "a sheet's entry (BOUNDSHEET) is cut short";
	}
	x->names = xreallocarray(x->names, x->nsheets + 1, sizeof(char *));
	x->bof = xreallocarray(x->bof, x->nsheets + 1, sizeof(size_t));
	x->names[x->nsheets] = name.p != NULL ? name.p : xstrdup("");
	x->bof[x->nsheets++] = off;
	return NULL;
}

/*
 * Read the globals of x: from the BOF at the start of the stream to its
 * EOF.  NULL, or what is wrong; "" for an encrypted workbook.
 */
static const char *
globals(struct xls *x)
{
	char cpb[16];
	const char *why, *name;
	size_t pos, size, n, i;
	unsigned type, v, dt;
	struct rd r;

	if (!rechdr(x, 0, &type, &size) || type != R_BOF || size < 4)
		return "its workbook stream does not start with a BOF record";
	rd_open(&r, x, 0, 0);
	v = rd_u16(&r);
	dt = rd_u16(&r);
	if (v == 0x0600)
		x->biff = 8;
	else if (v == 0x0500)
		x->biff = 5;
	else
		return wrong(x, "BIFF version %#06x; Excel 97-2003 (BIFF8) and "
		    "Excel 5.0/95 (BIFF5) files are read", v);
	if (dt != 0x0005)
		return "its workbook stream does not start with the workbook "
		    "globals";
	x->codepage = 1252;
	for (pos = 4 + size;; pos += 4 + size) {
		if (!rechdr(x, pos, &type, &size))
			return pos >= x->len ? "its workbook globals have no "
			    "end (EOF record)" : "a record runs past the end "
			    "of the workbook stream";
		if (type == R_EOF)
			break;
		rd_open(&r, x, pos, 0);
		switch (type) {
		case R_BOF:
			return "its workbook globals have no end (EOF record)";
		case R_FILEPASS:
			return "";
		case R_CODEPAGE:
			x->codepage = rd_u16(&r);
			break;
		case R_DATEMODE:
			x->date1904 = rd_u16(&r) != 0;
			break;
		case R_FORMAT:
			v = rd_u16(&r);
			buf_reset(&x->dec);
			if (x->biff == 8)
				rd_ustr(&r, 2, 0, &x->dec);
			else {
				/* The letters that matter are ASCII. */
				n = rd_u8(&r);
				buf_reserve(&x->dec, n + 1);
				rd_bytes(&r, x->dec.p, n);
				x->dec.len = n;
				x->dec.p[n] = '\0';
			}
			if (r.ok)
				addfmt(x, v, x->dec.p != NULL ? x->dec.p : "");
			break;
		case R_XF:
			rd_u16(&r);
			v = rd_u16(&r);
			x->xffmt = xreallocarray(x->xffmt, x->nxf + 1,
			    sizeof(*x->xffmt));
			x->xffmt[x->nxf++] = r.ok ? v : 0;
			break;
		case R_BOUNDSHEET:
			if ((why = addsheet(x, pos)) != NULL)
				return why;
			break;
		case R_SST:
			if (x->biff == 8 && (why = readsst(x, pos)) != NULL)
				return why;
			break;
		}
	}
	if (x->biff == 5) {
		if ((name = cpname(x->codepage, cpb, sizeof(cpb))) == NULL ||
		    (x->cd = iconv_open("UTF-8", name)) == NOCD)
			return wrong(x, "its code page (%u) is not known",
			    x->codepage);
		for (i = 0; i < x->nsheets; i++) {
			struct buf b = { 0 };

			cpdecode(x, x->names[i], strlen(x->names[i]), &b);
			free(x->names[i]);
			x->names[i] = b.p != NULL ? b.p : xstrdup("");
		}
	}
	xfkinds(x);
	return NULL;
}

/* Keep cell (row, col) of text p[0..n) in sheet s (NULL: just checked). */
static void
keep(struct xls_sheet *s, unsigned row, unsigned col, const char *p,
    size_t n)
{
	if (s == NULL || n == 0)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->c = xreallocarray(s->c, s->cap, sizeof(*s->c));
	}
	s->c[s->n].row = row;
	s->c[s->n].col = col;
	s->c[s->n].seq = s->n;
	s->c[s->n].off = s->text.len;
	s->c[s->n].len = n;
	s->n++;
	buf_add(&s->text, p, n);
}

/* Keep number d of XF xf: a date or time if its format is one. */
static void
keepnum(struct xls_sheet *s, unsigned row, unsigned col, unsigned xf,
    double d)
{
	char nb[64];
	int kind;

	if (s == NULL)
		return;
	kind = xf < s->x->nxf ? s->x->xfkind[xf] : 0;
	if (kind != 0)
		sheet_date(nb, sizeof(nb), d, s->x->date1904, kind == 't');
	else
		sheet_number(nb, sizeof(nb), d);
	keep(s, row, col, nb, strlen(nb));
}

/* An RK number ([MS-XLS] 2.5.217): 30 bits of an integer or a double. */
static double
rknum(uint32_t rk)
{
	uint64_t u;
	double d;

	if (rk & 2)
		d = (double)((int32_t)(rk & ~3U) / 4);
	else {
		u = (uint64_t)(rk & ~3U) << 32;
		memcpy(&d, &u, sizeof(d));
	}
	return rk & 1 ? d / 100 : d;
}

/* The text of a BOOLERR value v, an error if err. */
static const char *
boolerr(unsigned v, unsigned err)
{
	if (!err)
		return v ? "TRUE" : "FALSE";
	switch (v) {
	case 0x00: return "#NULL!";
	case 0x07: return "#DIV/0!";
	case 0x17: return "#REF!";
	case 0x1D: return "#NAME?";
	case 0x24: return "#NUM!";
	case 0x2A: return "#N/A";
	case 0x2B: return "#GETTING_DATA";
	default: return "#VALUE!";
	}
}

/*
 * Walk sheet i of x from its BOF to its EOF, keeping its cells in s (NULL:
 * only checking them).  NULL, or what is wrong.
 */
static const char *
walk(struct xls *x, size_t i, struct xls_sheet *s)
{
	struct buf t = { 0 };
	const char *why = NULL;
	unsigned type, row = 0, col, xf, n, k, depth = 0, frow = 0, fcol = 0;
	size_t pos = x->bof[i], size;
	int fpend = 0;
	unsigned char res[8];
	uint32_t rk;
	struct rd r;

	if (!rechdr(x, pos, &type, &size) || type != R_BOF)
		return wrong(x, "sheet \"%s\": its place (%zu) is not the start "
		    "of a sheet", x->names[i], pos);
	for (pos += 4 + size;; pos += 4 + size) {
		if (!rechdr(x, pos, &type, &size)) {
			why = pos >= x->len ? "it has no end (EOF record)" :
			    "a record runs past the end of the workbook "
			    "stream";
			break;
		}
		if (type == R_BOF) {
			depth++;	/* a chart in the sheet */
			continue;
		}
		if (type == R_EOF && depth-- == 0)
			break;
		if (depth > 0)
			continue;
		if (fpend && type != R_STRING && type != R_SHRFMLA &&
		    type != R_ARRAY && type != R_TABLE && type != R_CONTINUE)
			fpend = 0;	/* a text result never came */
		rd_open(&r, x, pos, type == R_STRING);
		col = 0;
		buf_reset(&t);
		switch (type) {
		case R_LABELSST:
			row = rd_u16(&r);
			col = rd_u16(&r);
			rd_u16(&r);
			rk = rd_u32(&r);
			if (r.ok && (x->biff != 8 || rk >= x->nsst)) {
				why = wrong(x, "sheet \"%s\", row %u: shared "
				    "string %lu does not exist", x->names[i],
				    row + 1, (unsigned long)rk);
				goto out;
			}
			if (r.ok)
				keep(s, row, col, x->sst.p + x->sstoff[rk],
				    x->sstoff[rk + 1] - x->sstoff[rk]);
			break;
		case R_LABEL:
		case R_RSTRING:
			row = rd_u16(&r);
			col = rd_u16(&r);
			rd_u16(&r);
			rd_str(&r, 2, &t);
			if (r.ok && s != NULL)
				keep(s, row, col, t.p, t.len);
			break;
		case R_NUMBER:
			row = rd_u16(&r);
			col = rd_u16(&r);
			xf = rd_u16(&r);
			if (r.ok)
				keepnum(s, row, col, xf, rd_f64(&r));
			break;
		case R_RK:
			row = rd_u16(&r);
			col = rd_u16(&r);
			xf = rd_u16(&r);
			rk = rd_u32(&r);
			if (r.ok)
				keepnum(s, row, col, xf, rknum(rk));
			break;
		case R_MULRK:
			if (size < 12 || (size - 6) % 6 != 0) {
				r.ok = 0;
				break;
			}
			row = rd_u16(&r);
			col = rd_u16(&r);
			n = (unsigned)(size - 6) / 6;
			if (col + n > MAXCOL) {
				col += n - 1;	/* reported below */
				break;
			}
			for (k = 0; k < n; k++) {
				xf = rd_u16(&r);
				keepnum(s, row, col + k, xf, rknum(rd_u32(&r)));
			}
			break;
		case R_BOOLERR:
			row = rd_u16(&r);
			col = rd_u16(&r);
			rd_u16(&r);
			n = rd_u8(&r);
			k = rd_u8(&r);
			if (r.ok)
				keep(s, row, col, boolerr(n, k),
				    strlen(boolerr(n, k)));
			break;
		case R_FORMULA:
			row = rd_u16(&r);
			col = rd_u16(&r);
			xf = rd_u16(&r);
			rd_bytes(&r, res, sizeof(res));
			if (!r.ok)
				break;
			if (res[6] != 0xFF || res[7] != 0xFF)
				keepnum(s, row, col, xf, f64(res));
			else if (res[0] == 0) {
				fpend = 1;	/* in the STRING record next */
				frow = row;
				fcol = col;
			} else if (res[0] == 1 || res[0] == 2)
				keep(s, row, col, boolerr(res[2], res[0] == 2),
				    strlen(boolerr(res[2], res[0] == 2)));
			break;
		case R_STRING:
			if (!fpend)
				break;
			fpend = 0;
			row = frow;
			col = fcol;
			rd_str(&r, 2, &t);
			if (r.ok && s != NULL)
				keep(s, row, col, t.p, t.len);
			break;
		case R_DIMENSIONS:
			if (s == NULL || size < (x->biff == 8 ? 12U : 8U))
				break;
			rd_bytes(&r, NULL, x->biff == 8 ? 10 : 6);
			n = rd_u16(&r);
			s->width = n <= MAXCOL ? n : 0;
			break;
		}
		if (!r.ok) {
			why = wrong(x, "sheet \"%s\", row %u: a cell's record is "
			    "cut short", x->names[i], row + 1);
			break;
		}
		if (col >= MAXCOL) {
			why = wrong(x, "sheet \"%s\", row %u: a cell in column "
			    "%u, beyond the 256 of Excel 97-2003", x->names[i],
			    row + 1, col + 1);
			break;
		}
	}
out:
	buf_free(&t);
	if (why != NULL && why != x->why)
		why = wrong(x, "sheet \"%s\": %s", x->names[i], why);
	return why;
}

/* Report "PROG: path: why" and set the status. */
static void
bad(const char *path, const char *why)
{
	cbcc_warnx("%s: %s", path, why);
	cbcc_status = EXIT_DATA;
}

/*
 * The workbook stream of the compound file at path into x.  0 if there
 * is none (reported).
 */
static int
stream(struct xls *x, const char *path)
{
	struct cfb *c;
	const char *why;
	int rv;

	if ((c = cfb_open(path, CFB_MAXFILE, &why)) == NULL) {
		if (why == NULL)
			cbcc_warnx("%s: %s", path, strerror(errno));
		else
			cbcc_warnx("%s: not a readable .xls workbook: %s",
			    path, why);
		cbcc_status = EXIT_DATA;
		return 0;
	}
	if (cfb_has(c, "EncryptedPackage", &why) == 1) {
		bad(path, "a password-protected (encrypted) workbook: open it "
		    "in Excel, remove the password (File, Info, Protect "
		    "Workbook) and save it again");
		cfb_close(c);
		return 0;
	}
	if ((rv = cfb_stream(c, "Workbook", &x->s, &x->len, &why)) == 0)
		rv = cfb_stream(c, "Book", &x->s, &x->len, &why);
	cfb_close(c);
	if (rv == 0)
		why = "no workbook stream in the compound file (a Word or "
		    "PowerPoint file?)";
	if (rv != 1) {
		wrong(x, "not a readable .xls workbook: %s", why);
		bad(path, x->why);
		return 0;
	}
	return 1;
}

struct xls *
xls_open(const char *path)
{
	struct xls *x = xcalloc(1, sizeof(*x));
	const char *why;
	size_t i;

	x->cd = NOCD;
	if (!stream(x, path)) {
		xls_close(x);
		return NULL;
	}
	why = globals(x);
	for (i = 0; why == NULL && i < x->nsheets; i++)
		why = walk(x, i, NULL);
	if (why != NULL && *why == '\0') {
		bad(path, "a password-protected (encrypted) workbook: open it "
		    "in Excel, remove the password and save it again");
		xls_close(x);
		return NULL;
	}
	if (why == NULL && x->nsheets == 0)
		why = "the workbook has no sheets";
	if (why != NULL) {
		char msg[sizeof(x->why) + 40];

		snprintf(msg, sizeof(msg), "not a readable .xls workbook: %s",
		    why);
		bad(path, msg);
		xls_close(x);
		return NULL;
	}
	return x;
}

size_t
xls_nsheets(const struct xls *x)
{
	return x->nsheets;
}

const char *
xls_sheet_name(const struct xls *x, size_t i)
{
	return i < x->nsheets ? x->names[i] : NULL;
}

/* Cells by row, then column, then as read (the later stands). */
static int
cellcmp(const void *a, const void *b)
{
	const struct xcell *p = a, *q = b;

	if (p->row != q->row)
		return p->row < q->row ? -1 : 1;
	if (p->col != q->col)
		return p->col < q->col ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

struct xls_sheet *
xls_sheet_open(struct xls *x, size_t i)
{
	struct xls_sheet *s = xcalloc(1, sizeof(*s));

	s->x = x;
	(void)walk(x, i, s);	/* checked by xls_open */
	if (s->n > 1)
		qsort(s->c, s->n, sizeof(*s->c), cellcmp);
	s->r = sheet_row_new();
	return s;
}

ssize_t
xls_read(void *ctx, char *buf, size_t n)
{
	struct xls_sheet *s = ctx;
	unsigned row;

	while (sheet_row_pending(s->r) == 0 && s->next < s->n) {
		row = s->c[s->next].row;
		sheet_row_skip(s->r, row - s->row);
		for (; s->next < s->n && s->c[s->next].row == row; s->next++)
			sheet_row_cell(s->r, s->c[s->next].col,
			    s->text.p + s->c[s->next].off, s->c[s->next].len);
		sheet_row_end(s->r, s->width);
		s->row = row + 1UL;
	}
	return (ssize_t)sheet_row_take(s->r, buf, n);
}

void
xls_sheet_close(struct xls_sheet *s)
{
	if (s == NULL)
		return;
	sheet_row_free(s->r);
	buf_free(&s->text);
	free(s->c);
	free(s);
}

void
xls_close(struct xls *x)
{
	size_t i;

	if (x == NULL)
		return;
	if (x->cd != NOCD)
		iconv_close(x->cd);
	for (i = 0; i < x->nsheets; i++)
		free(x->names[i]);
	free(x->names);
	free(x->bof);
	free(x->s);
	buf_free(&x->sst);
	free(x->sstoff);
	free(x->fmts);
	free(x->xffmt);
	free(x->xfkind);
	buf_free(&x->raw);
	buf_free(&x->dec);
	free(x);
}
