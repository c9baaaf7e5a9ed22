/*
 * sheet.c - sheet rows as CSV text, and numbers and dates as a sheet shows
 * them, for the .xlsx and .xls readers (see sheet.h).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "date.h"
#include "out.h"
#include "sheet.h"

struct scell {
	unsigned long	 col;		/* column, from 0 */
	size_t		 off;		/* its text in row->text */
	size_t		 len;		/* and length */
};

struct sheet_row {
	FILE		*fp;		/* a stream into pend */
	struct out	*o;		/* the CSV writer on it */
	struct buf	 pend;		/* CSV text not yet handed out */
	size_t		 taken;		/* of it, bytes handed out */
	struct buf	 text;		/* the cells of the current row */
	struct scell	*cells;		/* and where they are */
	size_t		 ncells;	/* cells in the current row */
	size_t		 capcells;	/* room in cells */
	unsigned long	 width;		/* widest row so far */
};

/* fopencookie write: append to the pending text. */
static ssize_t
rowwrite(void *cookie, const char *p, size_t n)
{
	struct sheet_row *r = cookie;

	buf_add(&r->pend, p, n);
	return (ssize_t)n;
}

struct sheet_row *
sheet_row_new(void)
{
	static const cookie_io_functions_t io = { NULL, rowwrite, NULL, NULL };
	struct sheet_row *r = xcalloc(1, sizeof(*r));

	if ((r->fp = fopencookie(r, "w", io)) == NULL)
		cbcc_err(EXIT_DATA, "fopencookie");
	r->o = out_open(r->fp, "sheet text", FMT_CSV);
	return r;
}

void
sheet_row_cell(struct sheet_row *r, unsigned long col, const char *p,
    size_t len)
{
	size_t i;

	if (len == 0)
		return;
	if (r->ncells == r->capcells) {
		r->capcells = r->capcells ? 2 * r->capcells : 32;
		r->cells = xreallocarray(r->cells, r->capcells,
		    sizeof(*r->cells));
	}
	r->cells[r->ncells].col = col;
	r->cells[r->ncells].off = r->text.len;
	r->cells[r->ncells].len = len;
	r->ncells++;
	/* One row, one line: a line break in a cell is a space. */
	for (i = 0; i < len; i++)
		buf_addc(&r->text, p[i] == '\n' || p[i] == '\r' ? ' ' : p[i]);
}

/* Cells by column, then in the order they came. */
static int
cellcmp(const void *a, const void *b)
{
	const struct scell *x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

void
sheet_row_end(struct sheet_row *r, unsigned long width)
{
	unsigned long c;
	size_t i, j;

	if (width > r->width)
		r->width = width;
	if (r->ncells == 0) {
		buf_addc(&r->pend, '\n');
		return;
	}
	qsort(r->cells, r->ncells, sizeof(*r->cells), cellcmp);
	if (r->cells[r->ncells - 1].col + 1 > r->width)
		r->width = r->cells[r->ncells - 1].col + 1;
	for (c = 0, i = 0; c < r->width; c++) {
		/* Two cells in one column: the later one stands. */
		for (j = i; j < r->ncells && r->cells[j].col == c; j++)
			i = j;
		if (i < r->ncells && r->cells[i].col == c) {
			out_field(r->o, r->text.p + r->cells[i].off,
			    r->cells[i].len);
			i++;
		} else
			out_field(r->o, "", 0);
	}
	out_end(r->o);
	fflush(r->fp);
	r->ncells = 0;
	buf_reset(&r->text);
}

void
sheet_row_skip(struct sheet_row *r, unsigned long nrows)
{
	while (nrows-- > 0)
		buf_addc(&r->pend, '\n');
}

size_t
sheet_row_take(struct sheet_row *r, char *buf, size_t n)
{
	size_t k = r->pend.len - r->taken;

	if (k > n)
		k = n;
	if (k == 0)
		return 0;	/* nothing held: pend.p may still be NULL */
	memcpy(buf, r->pend.p + r->taken, k);
	r->taken += k;
	if (r->taken == r->pend.len) {
		buf_reset(&r->pend);
		r->taken = 0;
	}
	return k;
}

size_t
sheet_row_pending(const struct sheet_row *r)
{
	return r->pend.len - r->taken;
}

void
sheet_row_free(struct sheet_row *r)
{
	if (r == NULL)
		return;
	out_close(r->o);
	fclose(r->fp);
	buf_free(&r->pend);
	buf_free(&r->text);
	free(r->cells);
	free(r);
}

/*
 * What format code shows: 'd' a date, 't' a time, 0 a number (see
 * sheet.h).
 */
static int
codekind(const char *code)
{
	int d = 0, m = 0, y = 0, h = 0, s = 0;
	const char *p;

	for (p = code; *p != '\0' && *p != ';'; p++) {
		switch (*p) {
		case '"':
			while (p[1] != '\0' && *++p != '"')
				;
			break;
		case '[':
			while (p[1] != '\0' && *++p != ']')
				;
			break;
		case '\\':
		case '_':
		case '*':
			if (p[1] != '\0')
				p++;
			break;
		default:
			switch (tolower((unsigned char)*p)) {
			case 'd': d++; break;
			case 'm': m++; break;
			case 'y': y++; break;
			case 'h': h++; break;
			case 's': s++; break;
			}
		}
	}
	if (d || y || (m && !h && !s))
		return 'd';
	if (h || (m && s))
		return 't';
	return 0;
}

int
sheet_numfmt(long id, const char *code)
{
	if (code != NULL)
		return codekind(code);
	if ((id >= 14 && id <= 17) || id == 22)
		return 'd';
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return 't';
	return 0;
}

void
sheet_date(char *out, size_t outsz, double serial, int is1904, int time)
{
	long day, secs;
	int y, m, d;

	if (!isfinite(serial) || serial < 0 || serial > 2958466) {
		sheet_number(out, outsz, serial);
		return;
	}
	day = (long)floor(serial);
	secs = lround((serial - (double)day) * 86400.0);
	if (secs >= 86400) {
		day++;
		secs -= 86400;
	}
	if (time) {
		snprintf(out, outsz, "%02ld:%02ld:%02ld", secs / 3600,
		    secs / 60 % 60, secs % 60);
		return;
	}
	if (is1904)
		date_civil(date_days(1904, 1, 1) + day, &y, &m, &d);
	else if (day == 60) {
		y = 1900, m = 2, d = 29;
	} else
		date_civil(date_days(1899, 12, day < 60 ? 31 : 30) + day, &y,
		    &m, &d);
	if (secs == 0)
		snprintf(out, outsz, "%02d/%02d/%04d", d, m, y);
	else
		snprintf(out, outsz, "%02d/%02d/%04d %02ld:%02ld:%02ld", d, m,
		    y, secs / 3600, secs / 60 % 60, secs % 60);
}

void
sheet_number(char *out, size_t outsz, double d)
{
	int p;

	if (d == floor(d) && fabs(d) < 1e15) {
		snprintf(out, outsz, "%.0f", d);
		return;
	}
	for (p = 15; p <= 17; p++) {
		snprintf(out, outsz, "%.*g", p, d);
		if (strtod(out, NULL) == d)
			break;
	}
}
