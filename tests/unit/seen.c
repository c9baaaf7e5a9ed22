/*
 * Unit tests of seen.c: fingerprints added are found again with their
 * first value, across merges into the main array; others are not; the
 * memory is 8 bytes a fingerprint and 1.25 for the newest, plus the
 * fixed tables.  Prints TAP.
 */
#include <stdint.h>
#include <stdio.h>

#include "cbcc.h"
#include "seen.h"
#include "tap.h"

/* splitmix64: well-spread fingerprints from a counter. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

int
main(void)
{
	struct seen *s = seen_new();
	uint32_t first = 0, i, N = 300000;
	int bad;

	check("an empty set holds nothing", seen_put(s, 42, 7, &first) == 0);
	check("a fingerprint added is found with its value",
	    seen_put(s, 42, 8, &first) == 1 && first == 7);
	check("fingerprint 0 is one like the others",
	    seen_put(s, 0, 3, &first) == 0 && seen_put(s, 0, 4, &first) == 1 &&
	    first == 3);
	for (i = 0, bad = 0; i < N; i++)
		bad += seen_put(s, mix(i), i, &first);
	check("300,000 new fingerprints: none taken for another", bad == 0);
	check("count", seen_count(s) == N + 2);
	for (i = 0, bad = 0; i < N; i++)
		if (seen_put(s, mix(i), N + i, &first) != 1 || first != i)
			bad++;
	check("each found again with its first value, old or recent",
	    bad == 0);
	check("nothing added by the repeats", seen_count(s) == N + 2);
	for (i = N, bad = 0; i < 2 * N; i++)
		bad += seen_put(s, mix(i), i, &first);
	check("300,000 more: none taken for another", bad == 0);
	check("9.25 bytes a fingerprint, plus fixed tables of 640 KiB and "
	    "the first batch's",
	    seen_bytes(s) <= 8 * seen_count(s) + seen_count(s) * 5 / 4 +
	    641 * 1024 + 8192 * 80);
	/* The 16 middle bits are not kept (seen.h says so). */
	check("fingerprints equal but for bits 32-47 are one",
	    seen_put(s, mix(5) ^ 0x0000ABCD00000000ULL, 1, &first) == 1 &&
	    first == 5);
	seen_free(s);

	/*
	 * A lookup starts where a bucket's low bits would put the entry if
	 * they were uniform: fingerprints crowded at one end of one bucket,
	 * and ones at the very ends of the low 32 bits, are found all the
	 * same, and the gaps between them are not.
	 */
	s = seen_new();
	for (i = 0, bad = 0; i < 20000; i++)
		bad += seen_put(s, 0x0005000000000000ULL | (uint64_t)i * 2, i,
		    &first);
	bad += seen_put(s, 0x0005000000000000ULL | 0xFFFFFFFFULL, 1, &first);
	bad += seen_put(s, 0x0006000000000000ULL | 0xFFFFFFFFULL, 2, &first);
	bad += seen_put(s, 0x0007000000000000ULL, 3, &first);
	check("crowded bucket: all added", bad == 0);
	for (i = 0, bad = 0; i < 20000; i++)
		if (seen_put(s, 0x0005000000000000ULL | (uint64_t)i * 2, 0,
		    &first) != 1 || first != i)
			bad++;
	check("crowded bucket: each found with its value", bad == 0);
	for (i = 0, bad = 0; i < 20000; i++)
		if (seen_put(s, 0x0005000000000000ULL | ((uint64_t)i * 2 + 1),
		    0, &first) != 0)
			bad++;
	check("crowded bucket: the gaps are new", bad == 0);
	check("the ends of the low bits are found",
	    seen_put(s, 0x0005000000000000ULL | 0xFFFFFFFFULL, 0, &first) ==
	    1 && first == 1 &&
	    seen_put(s, 0x0006000000000000ULL | 0xFFFFFFFFULL, 0, &first) ==
	    1 && first == 2 &&
	    seen_put(s, 0x0007000000000000ULL, 0, &first) == 1 && first == 3);
	seen_free(s);
	return tap_end();
}
