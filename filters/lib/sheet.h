/*
 * sheet.h - what the two workbook readers share (xlsx.c for .xlsx, xls.c
 * for .xls): the renderer of sheet rows into CSV text, and how a cell's
 * number reads (a number, or a date by its number format).
 *
 *	struct sheet_row *r = sheet_row_new();
 *	sheet_row_cell(r, 0, "Lò Văn Thắm", 12);	(column from 0)
 *	sheet_row_cell(r, 2, "04/10/2004", 10);
 *	sheet_row_end(r, width);		-> "Lò Văn Thắm,,04/10/2004\n"
 *	n = sheet_row_take(r, buf, sizeof(buf));
 *	sheet_row_free(r);
 *
 * A sheet reads as CSV text, one line per sheet row, through the one CSV
 * writer (out.c): cells keep their columns, a row is as wide as the widest
 * so far, a line break in a cell is a space, a row with nothing in it an
 * empty line.
 *
 * A number format is a date by its code, whatever its number: d, m or y
 * outside quotes, brackets and escapes make a date (m alone with h or s is
 * minutes: a time), h or s a time; "[Red]", "[$-42A]" and "\d" are not
 * letters of it; only the first section (before ';') counts.  A format
 * with no code of its own is one of Excel's built-in ones: 14-17 and 22
 * dates, 18-21 and 45-47 times.
 */
#ifndef SHEET_H
#define SHEET_H

#include <stddef.h>

struct sheet_row;

/* A renderer with no text yet. */
struct sheet_row *sheet_row_new(void);

/*
 * Add cell col (from 0) holding p[0..len) to the current row; an empty
 * cell is nothing.  Of two cells in one column the later one stands.
 */
void	 sheet_row_cell(struct sheet_row *, unsigned long col, const char *p,
	    size_t len);

/*
 * End the current row: one line, as wide as the widest row so far and at
 * least width; an empty line if no cell holds anything.
 */
void	 sheet_row_end(struct sheet_row *, unsigned long width);

/* Rows with nothing in them: nrows empty lines. */
void	 sheet_row_skip(struct sheet_row *, unsigned long nrows);

/* Hand out up to n bytes of the text so far into buf; how many. */
size_t	 sheet_row_take(struct sheet_row *, char *buf, size_t n);

/* Bytes of text not yet handed out. */
size_t	 sheet_row_pending(const struct sheet_row *);

/* Free the renderer; NULL is ignored. */
void	 sheet_row_free(struct sheet_row *);

/*
 * What number format code (NULL: none, a built-in format) with number id
 * shows: 'd' a date, 't' a time of day, 0 a number.
 */
int	 sheet_numfmt(long id, const char *code);

/*
 * Write Excel serial day number serial as "dd/mm/yyyy" (and " hh:mm:ss"
 * when it has a time of day), or with time set as "hh:mm:ss", into out.
 * Day 1 is 1900-01-01 and day 60 Excel's 29/02/1900; in the 1904 system
 * (is1904) day 0 is 1904-01-01.  A serial outside 0 to 31/12/9999 is
 * written as a number.
 */
void	 sheet_date(char *out, size_t outsz, double serial, int is1904,
	    int time);

/*
 * Write number d into out: a whole number as one ("1985"), else in the
 * fewest significant digits, from 15 (what Excel shows) to 17, that read
 * back as d ("0.25", "1.0000000000000002").
 */
void	 sheet_number(char *out, size_t outsz, double d);

#endif /* SHEET_H */
