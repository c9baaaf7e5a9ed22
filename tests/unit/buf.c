/*
 * Unit tests of buf.c: growing, and views (buf_view) of bytes a buffer
 * does not own.  Prints TAP.
 */
#include <string.h>

#include "cbcc.h"
#include "tap.h"

int
main(void)
{
	char src[] = "Lò Văn Pâng", two[] = "Lò";
	struct buf b = { 0 }, v = { 0 };
	size_t i;

	/* Growing keeps the bytes and the NUL after them. */
	for (i = 0; i < 1000; i++)
		buf_addc(&b, 'a' + (int)(i % 26));
	check("1,000 bytes added one by one", b.len == 1000 &&
	    b.cap > 1000 && b.p[999] == 'l' && b.p[1000] == '\0');
	buf_reset(&b);
	check("reset keeps the memory", b.len == 0 && b.cap > 1000 &&
	    b.p != NULL && b.p[0] == '\0');
	buf_add(&b, "", 0);
	check("adding nothing", b.len == 0 && b.p[0] == '\0');
	buf_free(&b);
	check("free", b.p == NULL && b.len == 0 && b.cap == 0);

	/* A view reads as any buffer, without a copy. */
	buf_view(&v, src, strlen(src));
	check("a view shows the bytes where they are", v.p == src &&
	    v.len == strlen(src) && v.cap == 0 && strcmp(v.p, src) == 0);
	buf_reset(&v);
	check("reset forgets a view's bytes, and leaves them",
	    v.p == NULL && v.len == 0 && strcmp(src, "Lò Văn Pâng") == 0);
	buf_view(&v, two, strlen(two));
	buf_adds(&v, " Thị");
	check("adding to a view copies its bytes first", v.p != two &&
	    v.cap > 0 && strcmp(v.p, "Lò Thị") == 0 &&
	    strcmp(two, "Lò") == 0);
	buf_free(&v);
	buf_view(&v, src, strlen(src));
	buf_printf(&v, " %d", 1984);
	check("printf to a view", v.p != src && v.cap > 0 &&
	    strcmp(v.p, "Lò Văn Pâng 1984") == 0);
	buf_free(&v);
	buf_view(&v, src, strlen(src));
	buf_reserve(&v, 0);
	check("reserve owns the bytes", v.p != src && v.cap > 0 &&
	    strcmp(v.p, "Lò Văn Pâng") == 0);
	buf_free(&v);
	/* A view is not freed: src is on the stack. */
	buf_view(&v, src, strlen(src));
	buf_free(&v);
	check("free forgets a view", v.p == NULL && v.len == 0 &&
	    v.cap == 0 && strcmp(src, "Lò Văn Pâng") == 0);
	buf_view(&v, "", 0);
	buf_addc(&v, 'x');
	check("an empty view", v.len == 1 && strcmp(v.p, "x") == 0);
	buf_free(&v);
	return tap_end();
}
