/*
 * out.c - the csv / tsv / jsonl writer (see out.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "out.h"

struct out {
	FILE		*fp;		/* destination */
	char		*name;		/* its name for messages */
	int		 fmt;		/* FMT_* */
	int		 delim;		/* ',' or '\t' */
	int		 excel;		/* spreadsheet-safe output */
	int		 bom;		/* BOM still to write */
	char		**names;	/* jsonl: header names, JSON-quoted */
	unsigned char	*numeric;	/* jsonl: column is a number */
	size_t		 ncol;		/* columns in the header */
	size_t		 col;		/* next column of the current row */
	unsigned char	 special[256];	/* csv: bytes that force quoting */
};

/* FMT_* for a --format argument, -1 if there is none. */
int
out_format(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return FMT_CSV;
	if (strcmp(s, "tsv") == 0)
		return FMT_TSV;
	if (strcmp(s, "jsonl") == 0)
		return FMT_JSONL;
	return -1;
}

struct out *
out_open(FILE *fp, const char *name, int fmt)
{
	struct out *o = xcalloc(1, sizeof(*o));

	o->fp = fp;
	o->name = xstrdup(name);
	o->fmt = fmt;
	o->delim = fmt == FMT_TSV ? '\t' : ',';
	o->special[(unsigned char)o->delim] = 1;
	o->special['"'] = 1;
	o->special['\n'] = 1;
	o->special['\r'] = 1;
	return o;
}

void
out_set_excel(struct out *o, int on)
{
	o->excel = on;
	o->bom = on;
}

static void
jsonstr(struct buf *b, const char *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (c) {
		case '"':
			buf_add(b, "\\\"", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				buf_add(b, "\\u00", 4);
				buf_addc(b, hex[c >> 4]);
				buf_addc(b, hex[c & 15]);
			} else
				buf_addc(b, c);
		}
	}
	buf_addc(b, '"');
}

/* Set the columns; a csv or tsv writer prints the header row. */
void
out_header(struct out *o, size_t n, const char *const *names)
{
	struct buf b = { 0 };
	size_t i;

	o->ncol = n;
	if (o->fmt == FMT_JSONL) {
		o->names = xcalloc(n, sizeof(*o->names));
		o->numeric = xcalloc(n, 1);
		for (i = 0; i < n; i++) {
			jsonstr(&b, names[i], strlen(names[i]));
			o->names[i] = xstrdup(b.p);
			buf_reset(&b);
		}
		buf_free(&b);
		return;
	}
	for (i = 0; i < n; i++)
		out_str(o, names[i]);
	out_end(o);
}

void
out_header_fields(struct out *o, const struct field *f, size_t n)
{
	const char **names = xcalloc(n, sizeof(*names));
	size_t i;

	for (i = 0; i < n; i++)
		names[i] = f[i].p;
	out_header(o, n, names);
	free(names);
}

/* In jsonl, write column col as a JSON number (on) or string. */
void
out_numeric(struct out *o, size_t col, int on)
{
	if (o->numeric != NULL && col < o->ncol)
		o->numeric[col] = (unsigned char)on;
}

static int
isjsonnum(const char *p, size_t len)
{
	size_t i = 0;

	if (i < len && p[i] == '-')
		i++;
	if (i == len || p[i] < '0' || p[i] > '9')
		return 0;
	if (p[i] == '0' && i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '9')
		return 0;
	while (i < len && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i < len && p[i] == '.') {
		if (++i == len)
			return 0;
		while (i < len && p[i] >= '0' && p[i] <= '9')
			i++;
	}
	return i == len;
}

/* Append the next field of the current row. */
void
out_field(struct out *o, const char *p, size_t len)
{
	FILE *fp = o->fp;
	size_t i;
	int quote = 0;

	if (o->bom) {
		fputs("\xEF\xBB\xBF", fp);
		o->bom = 0;
	}
	if (o->fmt == FMT_JSONL) {
		static struct buf b;

		buf_reset(&b);
		buf_addc(&b, o->col == 0 ? '{' : ',');
		if (o->col < o->ncol)
			buf_adds(&b, o->names[o->col]);
		else
			buf_printf(&b, "\"%zu\"", o->col + 1);
		buf_addc(&b, ':');
		if (o->col < o->ncol && o->numeric[o->col] &&
		    isjsonnum(p, len))
			buf_add(&b, p, len);
		else if (o->col < o->ncol && o->numeric[o->col] && len == 0)
			buf_add(&b, "null", 4);
		else
			jsonstr(&b, p, len);
		fwrite(b.p, 1, b.len, fp);
		o->col++;
		return;
	}
	if (o->col++ > 0)
		putc_unlocked(o->delim, fp);
	for (i = 0; i < len; i++)
		if (o->special[(unsigned char)p[i]]) {
			quote = 1;
			break;
		}
	if (o->excel && len > 0 && strchr("=+-@", p[0]) != NULL &&
	    p[0] != '\0') {
		/* A formula to Excel: make it text. */
		quote = 1;
		fputs("\"'", fp);
	} else if (quote)
		putc_unlocked('"', fp);
	if (!quote) {
		fwrite(p, 1, len, fp);
		return;
	}
	for (i = 0; i < len; i++) {
		if (p[i] == '"')
			putc_unlocked('"', fp);
		putc_unlocked(p[i], fp);
	}
	putc_unlocked('"', fp);
}

void
out_str(struct out *o, const char *s)
{
	out_field(o, s, strlen(s));
}

/* End the current row. */
void
out_end(struct out *o)
{
	if (o->fmt == FMT_JSONL)
		fputs(o->col == 0 ? "{}\n" : "}\n", o->fp);
	else
		fputs(o->excel ? "\r\n" : "\n", o->fp);
	o->col = 0;
	cbcc_wcheck(o->fp, o->name);
}

void
out_row(struct out *o, const struct field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out_field(o, f[i].p, f[i].len);
	out_end(o);
}

/* Free o; the stream itself is closed by the caller. */
int
out_close(struct out *o)
{
	size_t i;

	if (o == NULL)
		return 0;
	if (o->names != NULL)
		for (i = 0; i < o->ncol; i++)
			free(o->names[i]);
	free(o->names);
	free(o->numeric);
	free(o->name);
	free(o);
	return 0;
}
