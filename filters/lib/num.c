/*
 * num.c - exact percentages (see num.h).
 *
 * A share difference 100 * (a/b - c/d) is the fraction
 * 100 * (a*d - c*b) / (b*d).  With every count at most NUM_MAX (10^15,
 * under 2^50) the products stay under 2^100, so the numerator and the
 * denominator fit a 128-bit integer, here two 64-bit halves so that no
 * compiler extension is needed.  The quotient is produced digit by digit by
 * long division, as a string, and rounded half away from zero on the
 * remainder: nothing is ever approximated.
 */
#include <stdint.h>
#include <string.h>

#include "cbcc.h"
#include "num.h"
#include "rec.h"
#include "rej.h"

struct u128 {
	uint64_t	hi;	/* high 64 bits */
	uint64_t	lo;	/* low 64 bits */
};

/* The full 128-bit product of x and y. */
static struct u128
mul(uint64_t x, uint64_t y)
{
	uint64_t x0 = x & 0xffffffff, x1 = x >> 32;
	uint64_t y0 = y & 0xffffffff, y1 = y >> 32;
	uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
	uint64_t mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
	struct u128 r;

	r.lo = (mid << 32) | (p00 & 0xffffffff);
	r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
	return r;
}

/* -1, 0 or 1 as x is below, equal to or above y. */
static int
cmp(struct u128 x, struct u128 y)
{
	if (x.hi != y.hi)
		return x.hi < y.hi ? -1 : 1;
	if (x.lo != y.lo)
		return x.lo < y.lo ? -1 : 1;
	return 0;
}

/* x - y, for x >= y. */
static struct u128
sub(struct u128 x, struct u128 y)
{
	struct u128 r;

	r.lo = x.lo - y.lo;
	r.hi = x.hi - y.hi - (x.lo < y.lo);
	return r;
}

/* x + y, for a sum under 2^128. */
static struct u128
add(struct u128 x, struct u128 y)
{
	struct u128 r;

	r.lo = x.lo + y.lo;
	r.hi = x.hi + y.hi + (r.lo < x.lo);
	return r;
}

/* x shifted left by one bit, for x under 2^127. */
static struct u128
shl1(struct u128 x)
{
	struct u128 r;

	r.hi = (x.hi << 1) | (x.lo >> 63);
	r.lo = x.lo << 1;
	return r;
}

/*
 * Append to b the decimal digits of n / d (d > 0) by long division and
 * return the remainder in *rp.  The quotient is below 2^64 for the numbers
 * num_pp gives it.
 */
static void
divide(struct buf *b, struct u128 n, struct u128 d, struct u128 *rp)
{
	struct u128 r = { 0, 0 };
	uint64_t q = 0;
	int i;

	for (i = 127; i >= 0; i--) {
		r = shl1(r);
		r.lo |= (i >= 64 ? n.hi >> (i - 64) : n.lo >> i) & 1;
		q <<= 1;
		if (cmp(r, d) >= 0) {
			r = sub(r, d);
			q |= 1;
		}
	}
	buf_printf(b, "%llu", (unsigned long long)q);
	*rp = r;
}

/*
 * Append to b the value 100 * (a/b - c/d) rounded half away from zero to
 * prec decimals (0 to NUM_MAXPREC), as [-]digits[.digits]; a rounded zero
 * has no sign.  Appends nothing when bb or d is 0 (no share to speak of).
 * Every argument must lie in 0..NUM_MAX.
 */
void
num_pp(struct buf *out, long long a, long long bb, long long c, long long d,
    int prec)
{
	struct u128 p, q, n, den, r, r10;
	char digits[80];
	struct buf s = { 0 };
	size_t i, intlen, start;
	int neg = 0, k, dg;

	if (bb <= 0 || d <= 0)
		return;
	if (prec < 0)
		prec = 0;
	if (prec > NUM_MAXPREC)
		prec = NUM_MAXPREC;
	p = mul((uint64_t)a, (uint64_t)d);
	q = mul((uint64_t)c, (uint64_t)bb);
	if (cmp(p, q) >= 0)
		n = sub(p, q);
	else {
		n = sub(q, p);
		neg = 1;
	}
	den = mul((uint64_t)bb, (uint64_t)d);
	divide(&s, n, den, &r);
	/* Two digits for the factor 100, then the decimals. */
	for (k = 0; k < 2 + prec; k++) {
		r10 = add(shl1(shl1(shl1(r))), shl1(r));
		for (dg = 0; cmp(r10, den) >= 0; dg++)
			r10 = sub(r10, den);
		buf_addc(&s, '0' + dg);
		r = r10;
	}
	/* Half away from zero: round up when 2r >= den. */
	if (cmp(shl1(r), den) >= 0) {
		for (i = s.len; i > 0 && s.p[i - 1] == '9'; i--)
			s.p[i - 1] = '0';
		if (i > 0)
			s.p[i - 1]++;
		else {
			memmove(digits + 1, s.p, s.len + 1);
			digits[0] = '1';
			buf_reset(&s);
			buf_adds(&s, digits);
		}
	}
	intlen = s.len - (size_t)prec;
	for (start = 0; start + 1 < intlen && s.p[start] == '0'; start++)
		;
	if (neg && strspn(s.p, "0") != s.len)
		buf_addc(out, '-');
	buf_add(out, s.p + start, intlen - start);
	if (prec > 0) {
		buf_addc(out, '.');
		buf_add(out, s.p + intlen, (size_t)prec);
	}
	buf_free(&s);
}

/* Append 100 * n / d rounded like num_pp; nothing when d is 0. */
void
num_percent(struct buf *out, long long n, long long d, int prec)
{
	num_pp(out, n, d, 0, 1, prec);
}

/* Append the decimal form of v. */
void
num_int(struct buf *out, long long v)
{
	buf_printf(out, "%lld", v);
}

/*
 * Parse p[0..len) as a count: decimal digits only, 0 to NUM_MAX.  Returns
 * NULL and sets *vp, or the reason it is not a count.
 */
const char *
num_parse(const char *p, size_t len, long long *vp)
{
	long long v = 0;
	size_t i;

	if (len == 0)
		return "empty";
	if (p[0] == '-' && len > 1 && p[1] >= '0' && p[1] <= '9')
		return "negative";
	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return "not a whole number";
		if (v > (NUM_MAX - (p[i] - '0')) / 10)
			return "too large";
		v = v * 10 + (p[i] - '0');
	}
	*vp = v;
	return NULL;
}

/*
 * Parse field f of record rec, the count in column name, into *vp.  A bad
 * count rejects the record ("bad count: '-3' is negative") and gives -1.
 */
int
num_field(struct rec_reader *r, const struct rec *rec, const struct field *f,
    const char *name, long long *vp)
{
	const char *why;

	if ((why = num_parse(f->p, f->len, vp)) == NULL)
		return 0;
	rej_rec(r, rec, "bad %s: '%s' is %s", name, f->p, why);
	return -1;
}
