/*
 * sheet - unit test of what the workbook readers share (sheet.c): which
 * number formats are dates, and how numbers and dates read; prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "sheet.h"

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

/* sheet_numfmt of format id with code must say want ("d", "t", "0"). */
static void
fmt(long id, const char *code, const char *want)
{
	char what[128], got[2];
	int k = sheet_numfmt(id, code);

	got[0] = k != 0 ? (char)k : '0';
	got[1] = '\0';
	snprintf(what, sizeof(what), "format %ld \"%s\"", id,
	    code != NULL ? code : "(built in)");
	check(what, got, want);
}

/* sheet_date of serial must give want. */
static void
date(double serial, int is1904, int time, const char *want)
{
	char what[64], got[64];

	sheet_date(got, sizeof(got), serial, is1904, time);
	snprintf(what, sizeof(what), "date %.17g%s%s", serial,
	    is1904 ? " 1904" : "", time ? " time" : "");
	check(what, got, want);
}

/* sheet_number of d must give want. */
static void
number(double d, const char *want)
{
	char what[64], got[64];

	sheet_number(got, sizeof(got), d);
	snprintf(what, sizeof(what), "number %.17g", d);
	check(what, got, want);
}

int
main(void)
{
	/* A date by its code, whatever its number. */
	fmt(100, "dd/mm/yyyy", "d");		/* Gnumeric */
	fmt(165, "[$-42A]dd/mm/yyyy", "d");	/* LibreOffice */
	fmt(164, "[$-42A]dd/mm/yyyy;@", "d");	/* Excel, Vietnamese */
	fmt(164, "yyyy-mm-dd", "d");		/* openpyxl */
	fmt(14, "m/d/yyyy", "d");		/* a code for a built-in */
	fmt(170, "mmm-yy", "d");
	fmt(171, "\"Ngày \"dd\" tháng \"mm", "d");
	fmt(172, "dd/mm/yyyy hh:mm:ss", "d");
	fmt(173, "h:mm", "t");
	fmt(174, "mm:ss", "t");
	fmt(175, "[h]:mm:ss", "t");
	fmt(176, "hh:mm AM/PM", "t");
	/* Not dates: letters in quotes, brackets, escapes, sections. */
	fmt(177, "General", "0");
	fmt(178, "@", "0");
	fmt(179, "0.00_);[Red](0.00)", "0");
	fmt(180, "[Red]0", "0");
	fmt(181, "#,##0 \"đồng\"", "0");
	fmt(182, "0\\d", "0");
	fmt(183, "#,##0;[Red]\"âm\" #,##0", "0");
	fmt(184, "0.00E+00", "0");
	fmt(185, "_-* #,##0_-;-* #,##0_-;_-* \"-\"_-;_-@_-", "0");
	/* The first section decides. */
	fmt(186, "0;dd/mm/yyyy", "0");
	/* Built-in formats, with no code of their own. */
	fmt(14, NULL, "d");
	fmt(17, NULL, "d");
	fmt(22, NULL, "d");
	fmt(18, NULL, "t");
	fmt(21, NULL, "t");
	fmt(45, NULL, "t");
	fmt(47, NULL, "t");
	fmt(0, NULL, "0");
	fmt(13, NULL, "0");
	fmt(23, NULL, "0");
	fmt(44, NULL, "0");
	fmt(48, NULL, "0");
	fmt(100, NULL, "0");

	date(38264, 0, 0, "04/10/2004");
	date(1, 0, 0, "01/01/1900");
	date(59, 0, 0, "28/02/1900");
	date(60, 0, 0, "29/02/1900");	/* Excel's day that never was */
	date(61, 0, 0, "01/03/1900");
	date(32202, 0, 0, "29/02/1988");
	date(30740, 1, 0, "29/02/1988");
	date(0, 1, 0, "01/01/1904");
	date(32874.5, 0, 0, "01/01/1990 12:00:00");
	date(0.5, 0, 1, "12:00:00");
	date(0.99999999, 0, 0, "01/01/1900");	/* rounds up to midnight */
	date(2958465, 0, 0, "31/12/9999");
	date(2958467, 0, 0, "2958467");
	date(-1, 0, 0, "-1");

	number(1985, "1985");
	number(0.25, "0.25");
	number(-3.5, "-3.5");
	number(1.0000000000000002, "1.0000000000000002");
	number(0.1 + 0.2, "0.30000000000000004");
	number(1e15, "1e+15");
	number(123456789012345.0, "123456789012345");

	printf("1..%d\n", ntest);
	return nfail != 0;
}
