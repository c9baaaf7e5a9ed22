/*
 * xlsx.h - workbooks as record sources: Excel .xlsx (Office Open XML,
 * read with libzip, loaded with the first workbook, and expat,
 * streaming) and Excel 97-2003 and 5.0/95
 * .xls (BIFF8 and BIFF5 in an OLE2 compound file, read by xls.c and
 * cfb.c).
 *
 *	int kind = xlsx_sniff(path);		(by the first bytes)
 *	struct xlsx *x = xlsx_open(path, kind);	(NULL: error reported)
 *	for (i = 0; i < xlsx_nsheets(x); i++) ...xlsx_sheet_name(x, i)...
 *	struct xlsx_sheet *s = xlsx_sheet_open(x, i);
 *	struct rec_reader *r = rec_open_src(xlsx_sheet_label(s), xlsx_read, s);
 *	rec_set_delim(r, ',');
 *	...
 *	rec_close(r); xlsx_sheet_close(s); xlsx_close(x);
 *
 * A sheet reads as CSV text, one line per sheet row, so that the reader's
 * line numbers are row numbers: a missing row is an empty line (no
 * record), a row is as wide as the widest row so far (at least the
 * sheet's declared dimension, when under 1,024 columns), and cells keep the column their reference
 * ("C7") names.  A line break in a cell (Alt+Enter) becomes a space.
 * Cells read as Excel shows them without its formatting: text (shared or
 * inline, rich text runs joined, phonetic runs dropped, _xHHHH_ escapes
 * decoded), numbers in the shortest form that reads back ("1985",
 * "0.25"), booleans TRUE and FALSE, errors as written (#N/A), the cached
 * value of a formula, and numbers in a date format as dd/mm/yyyy dates
 * (a time format: hh:mm:ss; which formats are dates: sheet.h).  Merged
 * cells hold their value in their first cell, as Excel stores them.
 *
 * Bad workbooks are errors with a message, never a crash: a damaged or
 * truncated ZIP, a package part declared larger than XLSX_MAXPART (parts
 * held in memory: shared strings, styles) or XLSX_MAXSHEET (a sheet, read
 * streaming) or inflating to more than it declares (a zip bomb),
 * malformed XML or XML with a DTD, a row or column beyond Excel's limits,
 * a password-protected (encrypted) workbook, an OpenDocument spreadsheet;
 * an .xls whose compound file or records do not hold together (xls.h).
 */
#ifndef XLSX_H
#define XLSX_H

#include <stddef.h>
#include <sys/types.h>

enum {
	XLSX_TEXT,		/* not a workbook: text */
	XLSX_XLSX,		/* a ZIP archive: PK 03 04 */
	XLSX_XLS		/* an OLE2 compound file: D0 CF 11 E0 */
};

#define XLSX_MAXPART	(256UL << 20)	/* bytes, a part held in memory */
#define XLSX_MAXSHEET	(2UL << 30)	/* bytes, a sheet's XML */
#define XLSX_MAXCELL	(1UL << 20)	/* bytes, one cell's text */
#define XLSX_MAXROW	1048576UL	/* Excel's rows */
#define XLSX_MAXCOL	16384UL		/* Excel's columns, A to XFD */

struct xlsx;
struct xlsx_sheet;

/*
 * What the file at path is, by its first bytes: XLSX_XLSX, XLSX_XLS or
 * XLSX_TEXT (also for a file too short to tell); -1 with errno set if it
 * cannot be opened or read.
 */
int		 xlsx_sniff(const char *path);

/*
 * Open the workbook at path, of kind XLSX_XLSX or XLSX_XLS, and read its
 * sheet list (and, for .xlsx, its shared strings and date styles).
 * NULL if it cannot be read: the reason is reported on stderr as
 * "PROG: path: why" and cbcc_status set.
 */
struct xlsx	*xlsx_open(const char *path, int kind);

/* Sheets in the workbook, in tab order, and the name of sheet i. */
size_t		 xlsx_nsheets(const struct xlsx *);
const char	*xlsx_sheet_name(const struct xlsx *, size_t i);

/*
 * The index of the sheet that arg names: a sheet name (exactly, else
 * ignoring case and diacritics if only one sheet matches) or a number
 * from 1; -1 if none.
 */
long		 xlsx_sheet_find(const struct xlsx *, const char *arg);

/*
 * Start reading sheet i of x.  Several sheets of one workbook may be
 * open at once.  NULL if it cannot be read (reported, cbcc_status set).
 */
struct xlsx_sheet *xlsx_sheet_open(struct xlsx *, size_t i);

/*
 * Make the errors of sheet s silent (a look ahead: the sheet is read
 * again and reports them then).
 */
void		 xlsx_sheet_quiet(struct xlsx_sheet *);

/* "path[Sheet name]": the sheet's name for messages and rejects. */
const char	*xlsx_sheet_label(const struct xlsx_sheet *);

/*
 * A rec_readfn over a sheet: up to n bytes of its CSV text; 0 at its
 * end.  An error in the sheet (bad XML, a part inflating to more than it
 * declares) is reported "PROG: path[Sheet]:ROW: why", sets cbcc_status
 * and ends the text there (0).
 */
ssize_t		 xlsx_read(void *sheet, char *buf, size_t n);

/* Close a sheet; NULL is ignored. */
void		 xlsx_sheet_close(struct xlsx_sheet *);

/* Close the workbook (after its sheets); NULL is ignored. */
void		 xlsx_close(struct xlsx *);

#endif /* XLSX_H */
