/*
 * xls.c - Excel 97-2003 .xls workbooks (BIFF in an OLE2 compound file) as
 * CSV text, through libfreexl; the .xls half of xlsx.h.  libfreexl reads
 * the workbook into memory when it opens it (an .xls holds at most 65,536
 * rows a sheet); its cells come out here one row at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <freexl.h>

#include "cbcc.h"
#include "xlsx.h"

struct xls {
	const void	*h;		/* the libfreexl handle */
	char		*path;		/* for messages */
	char		**names;	/* sheet names, UTF-8 */
	size_t		 nsheets;
	long		 active;	/* the sheet selected, -1 none */
};

struct xsheet {
	struct xls	*x;		/* its workbook */
	unsigned short	 idx;		/* its index */
	unsigned int	 rows;		/* rows in use */
	unsigned short	 cols;		/* columns in use */
	unsigned int	 next;		/* next row to render, from 0 */
	struct xlsx_row	*row;		/* the renderer */
};

/*
 * Whether the compound file at path holds an "EncryptedPackage" stream:
 * an .xlsx (or .docx) that Excel saved with a password to open.  The
 * stream's name is looked for as UTF-16LE anywhere in the file (in its
 * directory sectors).
 */
static int
encrypted(const char *path)
{
	static const char name[] = "EncryptedPackage";
	char pat[2 * sizeof(name) - 2], buf[65536 + sizeof(pat)];
	size_t i, keep = 0;
	ssize_t n;
	int fd, found = 0;

	for (i = 0; i + 1 < sizeof(name); i++) {
		pat[2 * i] = name[i];
		pat[2 * i + 1] = '\0';
	}
	if ((fd = open(path, O_RDONLY)) == -1)
		return 0;
	while (!found && (n = read(fd, buf + keep, sizeof(buf) - keep)) > 0) {
		n += (ssize_t)keep;
		found = memmem(buf, (size_t)n, pat, sizeof(pat)) != NULL;
		keep = (size_t)n < sizeof(pat) ? (size_t)n : sizeof(pat);
		memmove(buf, buf + n - keep, keep);
	}
	close(fd);
	return found;
}

/* The libfreexl error code rv in words. */
static const char *
xlerr(int rv)
{
	switch (rv) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return "out of memory";
	case FREEXL_CFBF_READ_ERROR:
	case FREEXL_CFBF_SEEK_ERROR:
		return "read error (a truncated file?)";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "no workbook stream in the compound file (not an "
		    "Excel file?)";
	case FREEXL_UNSUPPORTED_CHARSET:
		return "its code page is not supported";
	case FREEXL_INVALID_CHARACTER:
		return "text that its code page cannot decode";
	case FREEXL_CRAFTED_FILE:
		return "a damaged or crafted file";
	default:
		return "a damaged file, or not Excel 97-2003 (BIFF)";
	}
}

static void
xbad(const char *path, const char *why)
{
	cbcc_warnx("%s: %s", path, why);
	cbcc_status = EXIT_DATA;
}

struct xls *
xls_open(const char *path)
{
	struct xls *x;
	const char *nm;
	unsigned int n, pw;
	size_t i;
	int rv;

	if (encrypted(path)) {
		xbad(path, "a password-protected (encrypted) workbook: open "
		    "it in Excel, remove the password (File, Info, Protect "
		    "Workbook) and save it again");
		return NULL;
	}
	x = xcalloc(1, sizeof(*x));
	x->path = xstrdup(path);
	x->active = -1;
	if ((rv = freexl_open(path, &x->h)) != FREEXL_OK) {
		char msg[256];

		snprintf(msg, sizeof(msg), "not a readable .xls workbook: %s",
		    xlerr(rv));
		xbad(path, msg);
		x->h = NULL;
		xls_close(x);
		return NULL;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK &&
	    pw != FREEXL_BIFF_PLAIN) {
		xbad(path, "a password-protected (encrypted) workbook: open "
		    "it in Excel, remove the password and save it again");
		xls_close(x);
		return NULL;
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK ||
	    n == 0) {
		xbad(path, "the workbook has no sheets");
		xls_close(x);
		return NULL;
	}
	x->names = xcalloc(n, sizeof(*x->names));
	for (i = 0; i < n; i++) {
		if (freexl_get_worksheet_name(x->h, (unsigned short)i, &nm) !=
		    FREEXL_OK || nm == NULL)
			nm = "";
		x->names[i] = xstrdup(nm);
	}
	x->nsheets = n;
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

void *
xls_sheet_open(struct xls *x, size_t i, const char *label)
{
	struct xsheet *s;

	s = xcalloc(1, sizeof(*s));
	s->x = x;
	s->idx = (unsigned short)i;
	if (freexl_select_active_worksheet(x->h, s->idx) != FREEXL_OK ||
	    (x->active = (long)i, freexl_worksheet_dimensions(x->h, &s->rows,
	    &s->cols)) != FREEXL_OK) {
		cbcc_warnx("%s: the sheet cannot be read", label);
		cbcc_status = EXIT_DATA;
		free(s);
		return NULL;
	}
	s->row = xlsx_row_new();
	return s;
}

/* Render cell value v into text t (at least 64 bytes). */
static const char *
cellstr(const FreeXL_CellValue *v, char *t, size_t tsz)
{
	int y, m, d, hh, mm, ss;

	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(t, tsz, "%d", v->value.int_value);
		return t;
	case FREEXL_CELL_DOUBLE:
		xlsx_number(t, tsz, v->value.double_value);
		return t;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_TIME:
		return v->value.text_value != NULL ? v->value.text_value : "";
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
		hh = mm = ss = 0;
		if (v->value.text_value == NULL || sscanf(v->value.text_value,
		    "%4d-%2d-%2d %2d:%2d:%2d", &y, &m, &d, &hh, &mm, &ss) < 3)
			return v->value.text_value != NULL ?
			    v->value.text_value : "";
		if (hh == 0 && mm == 0 && ss == 0)
			snprintf(t, tsz, "%02d/%02d/%04d", d, m, y);
		else
			snprintf(t, tsz, "%02d/%02d/%04d %02d:%02d:%02d", d, m,
			    y, hh, mm, ss);
		return t;
	default:
		return "";
	}
}

ssize_t
xls_read(void *ctx, char *buf, size_t n)
{
	struct xsheet *s = ctx;
	FreeXL_CellValue v;
	unsigned short c;
	const char *p;
	char t[128];

	while (xlsx_row_pending(s->row) == 0 && s->next < s->rows) {
		if (s->x->active != s->idx && freexl_select_active_worksheet(
		    s->x->h, s->idx) != FREEXL_OK)
			break;
		s->x->active = s->idx;
		for (c = 0; c < s->cols; c++) {
			if (freexl_get_cell_value(s->x->h, s->next, c, &v) !=
			    FREEXL_OK)
				continue;
			p = cellstr(&v, t, sizeof(t));
			xlsx_row_cell(s->row, c, p, strlen(p));
		}
		xlsx_row_end(s->row, s->cols);
		s->next++;
	}
	return (ssize_t)xlsx_row_take(s->row, buf, n);
}

void
xls_sheet_close(void *ctx)
{
	struct xsheet *s = ctx;

	if (s == NULL)
		return;
	xlsx_row_free(s->row);
	free(s);
}

void
xls_close(struct xls *x)
{
	size_t i;

	if (x == NULL)
		return;
	if (x->h != NULL)
		freexl_close(x->h);
	for (i = 0; i < x->nsheets; i++)
		free(x->names[i]);
	free(x->names);
	free(x->path);
	free(x);
}
