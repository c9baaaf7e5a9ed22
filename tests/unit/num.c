/*
 * num - unit test of the exact percentages of num.c, printing TAP.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "num.h"

static int ntest, nfail;

/* One case: 100 * (a/b - c/d) at prec decimals must read want. */
static void
pp(long long a, long long b, long long c, long long d, int prec,
    const char *want)
{
	struct buf s = { 0 };

	num_pp(&s, a, b, c, d, prec);
	ntest++;
	if (strcmp(s.p != NULL ? s.p : "", want) != 0) {
		nfail++;
		printf("not ok %d - 100*(%lld/%lld-%lld/%lld) prec %d: got "
		    "'%s', want '%s'\n", ntest, a, b, c, d, prec,
		    s.p != NULL ? s.p : "", want);
	} else
		printf("ok %d - 100*(%lld/%lld-%lld/%lld) prec %d = '%s'\n",
		    ntest, a, b, c, d, prec, want);
	buf_free(&s);
}

/* One case of num_parse: want is the value, or the reason. */
static void
parse(const char *in, const char *want)
{
	char got[64];
	const char *why;
	long long v;

	why = num_parse(in, strlen(in), &v);
	if (why == NULL)
		snprintf(got, sizeof(got), "%lld", v);
	else
		snprintf(got, sizeof(got), "%s", why);
	ntest++;
	if (strcmp(got, want) != 0) {
		nfail++;
		printf("not ok %d - parse '%s': got '%s', want '%s'\n", ntest,
		    in, got, want);
	} else
		printf("ok %d - parse '%s' = '%s'\n", ntest, in, want);
}

int
main(void)
{
	/* The article's figures. */
	pp(327, 1279, 0, 1, 1, "25.6");
	pp(122, 1279, 0, 1, 1, "9.5");
	pp(827, 1279, 0, 1, 1, "64.7");
	pp(3, 1279, 0, 1, 1, "0.2");
	pp(769, 1279, 0, 1, 1, "60.1");
	pp(8672, 8145, 0, 1, 1, "106.5");
	pp(8, 1000, 0, 1, 1, "0.8");
	/* Half away from zero at every .5 boundary. */
	pp(1, 8, 0, 1, 0, "13");
	pp(1, 8, 0, 1, 1, "12.5");
	pp(1, 16, 0, 1, 1, "6.3");
	pp(1, 16, 0, 1, 2, "6.25");
	pp(1, 40, 0, 1, 0, "3");
	pp(3, 8, 0, 1, 0, "38");
	pp(1, 3, 0, 1, 3, "33.333");
	pp(2, 3, 0, 1, 3, "66.667");
	pp(2, 3, 0, 1, 0, "67");
	pp(1, 1, 0, 1, 6, "100.000000");
	pp(0, 7, 0, 1, 1, "0.0");
	pp(1, 200000, 0, 1, 3, "0.001");
	pp(1, 2000000, 0, 1, 3, "0.000");
	pp(999995, 1000000, 0, 1, 3, "100.000");
	pp(999994, 1000000, 0, 1, 3, "99.999");
	pp(9999995, 10000000, 0, 1, 4, "100.0000");
	pp(99999995, 100000000, 0, 1, 5, "100.00000");
	pp(19999, 20000, 0, 1, 2, "100.00");
	pp(19998, 20000, 0, 1, 2, "99.99");
	pp(39999, 40000, 0, 1, 2, "100.00");
	/* Negative differences round away from zero too. */
	pp(0, 1, 1, 2000, 1, "-0.1");
	pp(0, 1, 1, 2001, 1, "0.0");
	pp(0, 1, 1, 8, 0, "-13");
	pp(1, 3, 2, 3, 2, "-33.33");
	pp(2, 3, 1, 3, 2, "33.33");
	/* The exact difference, not the difference of rounded shares. */
	pp(1, 8, 1, 16, 0, "6");
	pp(3, 40, 1, 40, 0, "5");
	/* No share at all. */
	pp(1, 0, 0, 1, 1, "");
	pp(0, 1, 1, 0, 1, "");
	/* Extremes. */
	pp(NUM_MAX, 1, 0, 1, 6, "100000000000000000.000000");
	pp(NUM_MAX, NUM_MAX, 1, NUM_MAX, 6, "100.000000");
	pp(1, NUM_MAX, 0, 1, 6, "0.000000");
	pp(NUM_MAX - 1, NUM_MAX, 0, 1, 6, "100.000000");
	pp(1, 1, NUM_MAX - 1, NUM_MAX, 6, "0.000000");
	parse("0", "0");
	parse("1279", "1279");
	parse("007", "7");
	parse("1000000000000000", "1000000000000000");
	parse("1000000000000001", "too large");
	parse("99999999999999999999999", "too large");
	parse("-3", "negative");
	parse("", "empty");
	parse("1.5", "not a whole number");
	parse(" 3", "not a whole number");
	parse("+3", "not a whole number");
	printf("1..%d\n", ntest);
	return nfail != 0;
}
