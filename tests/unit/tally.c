/*
 * Unit tests of tally.c: cells read back what was added or set, 0 where
 * nothing was; growing a segment, adding rows and widening the cells to
 * 64 bits keep every value.  Prints TAP.
 */
#include <stdint.h>
#include <stdio.h>

#include "cbcc.h"
#include "tally.h"
#include "tap.h"

/* The value the pattern below puts in row r, segment s, cell i. */
static uint64_t
pattern(size_t r, size_t s, size_t i)
{
	return r * 1000 + s * 100 + i + 1;
}

/* Whether rows [0, nr) hold the pattern in segments [0, ns) x [0, ni). */
static int
holds(const struct tally *t, size_t nr, size_t ns, size_t ni)
{
	size_t r, s, i;

	for (r = 0; r < nr; r++)
		for (s = 0; s < ns; s++)
			for (i = 0; i < ni; i++)
				if (tally_get(t, r, s, i) != pattern(r, s, i))
					return 0;
	return 1;
}

int
main(void)
{
	struct tally *t = tally_new();
	size_t r, s, i;

	check("an empty table reads 0", tally_get(t, 5, 2, 7) == 0);
	tally_reserve(t, 0, 2);
	tally_reserve(t, 1, 8);
	check("reserve lays the row out exactly", tally_cells(t) == 10);
	tally_add(t, 0, 1, 3, 1);
	tally_add(t, 0, 1, 3, 2);
	check("add adds", tally_get(t, 0, 1, 3) == 3);
	check("a cell beside stays 0", tally_get(t, 0, 1, 2) == 0 &&
	    tally_get(t, 0, 1, 4) == 0 && tally_get(t, 0, 0, 0) == 0);
	check("a row beyond reads 0", tally_get(t, 1, 1, 3) == 0);
	tally_set(t, 0, 1, 3, 0);
	for (r = 0; r < 300; r++)
		for (s = 0; s < 2; s++)
			for (i = 0; i < 2; i++)
				tally_add(t, r, s, i, pattern(r, s, i));
	check("300 rows read back", holds(t, 300, 2, 2));
	check("the layout did not grow", tally_cells(t) == 10);
	tally_add(t, 7, 1, 20, 5);
	check("a segment grows for a cell beyond its room",
	    tally_get(t, 7, 1, 20) == 5 && tally_cells(t) > 20);
	check("and every row keeps its values", holds(t, 300, 2, 2));
	tally_add(t, 2, 4, 0, 9);
	check("a new segment: its cells, the others kept",
	    tally_get(t, 2, 4, 0) == 9 && tally_get(t, 2, 3, 0) == 0 &&
	    holds(t, 300, 2, 2) && tally_get(t, 7, 1, 20) == 5);
	tally_add(t, 3, 0, 0, UINT32_MAX - pattern(3, 0, 0));
	check("a sum of 2^32 - 1 fits 32 bits",
	    tally_get(t, 3, 0, 0) == UINT32_MAX);
	tally_add(t, 3, 0, 0, 1);
	check("one more widens the cells to 64 bits",
	    tally_get(t, 3, 0, 0) == (uint64_t)UINT32_MAX + 1);
	tally_set(t, 3, 0, 0, pattern(3, 0, 0));
	check("and every value is kept", holds(t, 300, 2, 2) &&
	    tally_get(t, 7, 1, 20) == 5 && tally_get(t, 2, 4, 0) == 9);
	tally_add(t, 299, 1, 1, (uint64_t)1 << 62);
	check("64-bit sums are exact", tally_get(t, 299, 1, 1) ==
	    ((uint64_t)1 << 62) + pattern(299, 1, 1));
	tally_free(t);

	t = tally_new();
	tally_set(t, 10, 0, 0, (uint64_t)1 << 40);
	check("set of a 64-bit value widens at once",
	    tally_get(t, 10, 0, 0) == (uint64_t)1 << 40 &&
	    tally_get(t, 9, 0, 0) == 0);
	tally_free(t);
	tally_free(NULL);
	return tap_end();
}
