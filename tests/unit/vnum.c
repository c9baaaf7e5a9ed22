/*
 * vnum - unit test of the Vietnamese number style (vnum.c); prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "vnum.h"

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

/* vnum_fmt of s must give want ("ERR" for a rejected number). */
static void
fmt(const char *s, const char *want)
{
	struct buf b = { 0 };
	char what[64];

	buf_adds(&b, "");
	if (vnum_fmt(&b, s, strlen(s)) == -1)
		buf_adds(&b, "ERR");
	snprintf(what, sizeof(what), "fmt %s", s);
	check(what, b.p, want);
	buf_free(&b);
}

/* vnum_percent of num/den must give want. */
static void
pct(long long num, long long den, int prec, const char *want)
{
	struct buf b = { 0 };
	char what[64];

	buf_adds(&b, "");
	vnum_percent(&b, num, den, prec);
	snprintf(what, sizeof(what), "percent %lld/%lld .%d", num, den, prec);
	check(what, b.p, want);
	buf_free(&b);
}

int
main(void)
{
	struct buf b = { 0 };

	fmt("1279", "1.279");
	fmt("8672", "8.672");
	fmt("64.7", "64,7");
	fmt("0.2", "0,2");
	fmt("-2.0", "-2,0");
	fmt("+45.1", "45,1");
	fmt("100", "100");
	fmt("1000", "1.000");
	fmt("1234567.891", "1.234.567,891");
	fmt("106.47", "106,47");
	fmt("0", "0");
	fmt("", "ERR");
	fmt("1,279", "ERR");
	fmt("1.", "ERR");
	fmt(".5", "ERR");
	fmt("-", "ERR");
	fmt("12a", "ERR");
	pct(327, 1279, 1, "25,6");
	pct(122, 1279, 1, "9,5");
	pct(827, 1279, 1, "64,7");
	pct(3, 1279, 1, "0,2");
	pct(769, 1279, 1, "60,1");
	pct(8672, 8145, 1, "106,5");
	pct(8672, 8145, 2, "106,47");
	pct(8672, 8145, 0, "106");
	pct(1, 8, 1, "12,5");
	pct(1, 16, 2, "6,25");	/* exactly half: away from zero */
	pct(1, 40, 1, "2,5");
	pct(1, 80, 1, "1,3");		/* 1.25 */
	pct(9996, 10000, 1, "100,0");	/* 99.96: carry through */
	pct(0, 5, 1, "0,0");
	pct(5, 5, 1, "100,0");
	pct(1, 3, 3, "33,333");
	pct(2, 3, 0, "67");
	pct(1, 0, 1, "");
	pct(1279000, 1000, 1, "127.900,0");
	buf_adds(&b, "");
	vnum_int(&b, 1279);
	check("int 1279", b.p, "1.279");
	buf_free(&b);
	printf("1..%d\n", ntest);
	return nfail != 0;
}
