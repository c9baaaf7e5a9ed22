/*
 * xls.h - Excel 97-2003 (BIFF8) and Excel 5.0/95 (BIFF5) workbooks, the
 * .xls half of xlsx.h: used through xlsx_open and xlsx_read, which say
 * how a sheet reads as text.
 *
 *	struct xls *x = xls_open(path);		(NULL: error reported)
 *	...xls_nsheets(x), xls_sheet_name(x, i)...
 *	struct xls_sheet *s = xls_sheet_open(x, i);
 *	while ((n = xls_read(s, buf, sizeof(buf))) > 0) ...
 *	xls_sheet_close(s); xls_close(x);
 *
 * The workbook stream comes out of the compound file through cfb.c; every
 * record is read through a cursor that cannot leave it.  Read: the sheet
 * list (BOUNDSHEET), shared strings (SST, split across CONTINUE records
 * anywhere, a string's characters too), text cells (LABELSST, LABEL,
 * RSTRING: rich-text runs dropped), numbers (NUMBER, RK, MULRK), booleans
 * and errors (BOOLERR), the last computed value of a formula (FORMULA, a
 * text result in the STRING record after it), dates by the number format
 * of the cell's XF (FORMAT, XF; DATEMODE for the 1904 system), the
 * sheet's width (DIMENSIONS), and for BIFF5 the code page of its 8-bit
 * text (CODEPAGE, through iconv; Windows-1252 when none is named).
 * Merged ranges change nothing: a merged cell holds its value in its
 * first cell, as it is stored.  Charts embedded in a sheet are skipped.
 *
 * xls_open checks the whole workbook, every sheet, before it returns: a
 * damaged file is one message, "PROG: path: not a readable .xls
 * workbook: why", and a sheet that opens reads to its end.
 */
#ifndef XLS_H
#define XLS_H

#include <stddef.h>
#include <sys/types.h>

struct xls;
struct xls_sheet;

/*
 * Open the .xls workbook at path and check it.  NULL if it cannot be
 * read: the reason is reported on stderr as "PROG: path: why" and
 * cbcc_status set.
 */
struct xls	*xls_open(const char *path);

/* Sheets in the workbook, in tab order, and the name of sheet i. */
size_t		 xls_nsheets(const struct xls *);
const char	*xls_sheet_name(const struct xls *, size_t i);

/* Start reading sheet i (less than xls_nsheets) of x. */
struct xls_sheet *xls_sheet_open(struct xls *, size_t i);

/* A rec_readfn over a sheet: up to n bytes of its CSV text; 0 at its end. */
ssize_t		 xls_read(void *sheet, char *buf, size_t n);

/* Close a sheet; NULL is ignored. */
void		 xls_sheet_close(struct xls_sheet *);

/* Close the workbook (after its sheets); NULL is ignored. */
void		 xls_close(struct xls *);

#endif /* XLS_H */
