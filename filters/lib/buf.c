/*
 * buf.c - growable byte buffers, always NUL-terminated.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"

/*
 * Make room for n more bytes and the NUL.  The bytes of a view (buf_view)
 * are copied into memory of b's own first.
 */
void
buf_reserve(struct buf *b, size_t n)
{
	size_t need = b->len + n + 1;
	char *p;

	if (need <= b->cap)
		return;
	if (b->cap == 0) {
		b->cap = 64;
		while (b->cap < need)
			b->cap *= 2;
		p = xmalloc(b->cap);
		if (b->p != NULL)	/* a view */
			memcpy(p, b->p, b->len);
		p[b->len] = '\0';
		b->p = p;
		return;
	}
	while (b->cap < need)
		b->cap *= 2;
	b->p = xrealloc(b->p, b->cap);
}

/*
 * Make b, which owns no memory, a view of the len bytes at p, which are
 * followed by a NUL and stay put while b shows them: b can be read as
 * any other; buf_reset and buf_free forget them, and adding to b copies
 * them first.
 */
void
buf_view(struct buf *b, const char *p, size_t len)
{
	b->p = (char *)p;
	b->len = len;
	b->cap = 0;
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Most text fits the room there is: then one call does. */
	buf_reserve(b, 32);
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->p[b->len] = '\0';
		return;
	}
	if ((size_t)n < b->cap - b->len) {
		b->len += (size_t)n;
		return;
	}
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_free(struct buf *b)
{
	if (b->cap > 0)
		free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
