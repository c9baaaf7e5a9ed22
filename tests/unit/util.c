/*
 * Unit tests of util.c's allocation on cache lines of its own
 * (xlinecalloc).  Prints TAP.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "tap.h"

/* Whether p[0..len) holds only zero bytes. */
static int
zero(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

int
main(void)
{
	static const size_t count[] = { 0, 1, 3, 7, 30, 100 };
	unsigned char *p, *q;
	size_t i, len;
	int aligned = 1, zeroed = 1, apart = 1;

	for (i = 0; i < sizeof(count) / sizeof(count[0]); i++) {
		p = xlinecalloc(count[i], 24);
		q = xlinecalloc(count[i], 24);
		/* The whole of the lines is ours: fill it (ASan checks). */
		len = (count[i] * 24 + CACHELINE - 1) / CACHELINE * CACHELINE;
		if (len == 0)
			len = CACHELINE;
		if ((uintptr_t)p % CACHELINE != 0 ||
		    (uintptr_t)q % CACHELINE != 0)
			aligned = 0;
		if (!zero(p, len) || !zero(q, len))
			zeroed = 0;
		memset(p, 0xff, len);
		/* Two blocks share no line. */
		if (p < q ? p + len > q : q + len > p)
			apart = 0;
		if (!zero(q, len))
			apart = 0;
		free(p);
		free(q);
	}
	check("on a cache line's start", aligned);
	check("zeroed, to the end of its last line", zeroed);
	check("two blocks share no line", apart);
	p = xlinecalloc(0, 0);
	check("nothing asked: one line", p != NULL &&
	    (uintptr_t)p % CACHELINE == 0 && zero(p, CACHELINE));
	free(p);
	return tap_end();
}
