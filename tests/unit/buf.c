/*
 * Unit tests of buf.c: growing, copies and compares (bytes_eq) of every
 * length, and views (buf_view) of bytes a buffer does not own.  Prints
 * TAP.
 */
#include <string.h>

#include "cbcc.h"
#include "tap.h"

int
main(void)
{
	char src[] = "Lò Văn Pâng", two[] = "Lò", alpha[40], dst[48];
	struct buf b = { 0 }, v = { 0 };
	size_t i, len;
	int ok = 1;

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

	/* Every length of copy, in words or not, lands whole. */
	for (i = 0; i < 40; i++)
		alpha[i] = (char)('A' + i);
	for (len = 0; len <= 40; len++) {
		buf_reset(&b);
		buf_addc(&b, '<');
		buf_add(&b, alpha, len);
		buf_addc(&b, '>');
		if (b.len != len + 2 || b.p[0] != '<' ||
		    memcmp(b.p + 1, alpha, len) != 0 ||
		    b.p[len + 1] != '>' || b.p[len + 2] != '\0')
			ok = 0;
		memset(dst, '.', sizeof(dst));
		buf_copy(dst + 1, alpha, len);
		if (dst[0] != '.' || memcmp(dst + 1, alpha, len) != 0 ||
		    dst[len + 1] != '.')
			ok = 0;
	}
	check("buf_add and buf_copy of 0-40 bytes, none beyond", ok);
	buf_free(&b);

	/*
	 * bytes_eq of every length: equal bytes, one byte different at each
	 * place (up or down by one, or its top bit), and bytes past the
	 * length different, which do not count.
	 */
	ok = 1;
	for (len = 0; len <= 40; len++) {
		memcpy(dst, alpha, 40);
		dst[40] = '!';
		if (!bytes_eq(dst, alpha, len))
			ok = 0;
		for (i = 0; i < len; i++) {
			dst[i] = (char)(alpha[i] + 1);
			if (bytes_eq(dst, alpha, len))
				ok = 0;
			dst[i] = (char)(alpha[i] - 1);
			if (bytes_eq(alpha, dst, len))
				ok = 0;
			dst[i] = (char)(alpha[i] ^ 0x80);
			if (bytes_eq(dst, alpha, len))
				ok = 0;
			dst[i] = alpha[i];
		}
		if (len < 40) {
			dst[len] = '?';
			if (!bytes_eq(dst, alpha, len))
				ok = 0;
		}
	}
	check("bytes_eq of 0-40 bytes: a byte apart anywhere tells, none "
	    "beyond", ok);

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
