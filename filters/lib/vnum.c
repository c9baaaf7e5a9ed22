/*
 * vnum.c - Vietnamese number style (see vnum.h).
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "num.h"
#include "vnum.h"

/*
 * Whether s[0..len) is a plain decimal number in machine form: an optional
 * sign, digits, and optionally a point and more digits ("-2.0", "1279").
 */
int
vnum_valid(const char *s, size_t len)
{
	size_t i = 0, n;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (n = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		n++;
	if (n == 0)
		return 0;
	if (i < len && s[i] == '.') {
		for (i++, n = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			n++;
		if (n == 0)
			return 0;
	}
	return i == len;
}

/*
 * Append the machine-form number s[0..len) to b in Vietnamese style:
 * "1279.5" becomes "1.279,5", "-2.0" becomes "-2,0"; a "+" sign is
 * dropped.  Returns 0, or -1 (b unchanged) when s is not a plain decimal
 * number (vnum_valid).
 */
int
vnum_fmt(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, start, ndig;

	if (!vnum_valid(s, len))
		return -1;
	if (s[i] == '-' || s[i] == '+') {
		if (s[i] == '-')
			buf_addc(b, '-');
		i++;
	}
	start = i;
	while (i < len && s[i] != '.')
		i++;
	ndig = i - start;
	for (; start < i; start++) {
		buf_addc(b, s[start]);
		if (--ndig > 0 && ndig % 3 == 0)
			buf_addc(b, '.');
	}
	if (i < len) {
		buf_addc(b, ',');
		buf_add(b, s + i + 1, len - i - 1);
	}
	return 0;
}

/* Append the whole number v in Vietnamese style: 8672 is "8.672". */
void
vnum_int(struct buf *b, long long v)
{
	char num[32];
	int n = snprintf(num, sizeof(num), "%lld", v);

	vnum_fmt(b, num, (size_t)n);
}

/*
 * Append 100 * num / den in Vietnamese style, prec decimals, no "%",
 * computed exactly by num_percent: 769 of 1279 at one decimal is "60,1".
 * den 0 appends nothing.
 */
void
vnum_percent(struct buf *b, long long num, long long den, int prec)
{
	struct buf m = { 0 };

	num_percent(&m, num, den, prec);
	if (m.len > 0)
		vnum_fmt(b, m.p, m.len);
	buf_free(&m);
}
