/*
 * tap.h - the Test Anything Protocol for the C unit tests: check() prints
 * a test's line, tap_end() the plan and gives main its exit status.
 * Static, for the one file of a test program; n and failed are there for
 * a check of its own.
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>

static int n, failed;		/* tests run, and of them failed */

static void
check(const char *what, int ok)
{
	n++;
	if (!ok)
		failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", n, what);
}

static int
tap_end(void)
{
	printf("1..%d\n", n);
	return failed != 0;
}

#endif /* TAP_H */
