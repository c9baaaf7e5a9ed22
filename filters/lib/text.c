/*
 * text.c - UTF-8 text over utf8proc (see text.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "text.h"

/*
 * Whether p[0..len) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF).  If not, *badoff gets the offset of the first
 * bad byte.
 */
int
text_valid(const char *p, size_t len, size_t *badoff)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			if (badoff != NULL)
				*badoff = i;
			return 0;
		}
		i += (size_t)n;
	}
	return 1;
}

int
text_ascii(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)p[i] >= 0x80)
			return 0;
	return 1;
}

/* Append the NFC form of valid UTF-8 p[0..len) to b. */
void
text_nfc(struct buf *b, const char *p, size_t len)
{
	utf8proc_uint8_t *d = NULL;
	utf8proc_ssize_t n;

	if (text_ascii(p, len)) {
		buf_add(b, p, len);
		return;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len,
	    &d, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		buf_add(b, p, len);	/* not UTF-8: left for the caller */
		return;
	}
	buf_add(b, d, (size_t)n);
	free(d);
}

static int
isspacecp(utf8proc_int32_t c)
{
	const utf8proc_property_t *pr;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f' || c == 0xA0)
		return 1;
	if (c < 0x80)
		return 0;
	pr = utf8proc_get_property(c);
	return pr->category == UTF8PROC_CATEGORY_ZS ||
	    pr->category == UTF8PROC_CATEGORY_ZL ||
	    pr->category == UTF8PROC_CATEGORY_ZP;
}

/* Control and invisible format characters: removed. */
static int
isdropcp(utf8proc_int32_t c)
{
	const utf8proc_property_t *pr;

	if (c < 0x20 || c == 0x7f)
		return 1;
	if (c < 0x80)
		return 0;
	pr = utf8proc_get_property(c);
	return pr->category == UTF8PROC_CATEGORY_CC ||
	    pr->category == UTF8PROC_CATEGORY_CF;
}

/* Tone marks: huyền, sắc, ngã, hỏi, nặng. */
static int
istone(utf8proc_int32_t c)
{
	return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 ||
	    c == 0x323;
}

static int
lowerascii(utf8proc_int32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int
isvowel(utf8proc_int32_t c)
{
	c = lowerascii(c);
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'y';
}

/*
 * One tone-mark placement.  In an open syllable whose vowels are oa, oe or
 * uy, the traditional style puts the tone on the first vowel (hòa, khỏe,
 * thủy), the newer one on the second (hoà, khoẻ, thuỷ).  cbcc writes the
 * traditional style, the one of official unit names (Ủy ban, Hòa).
 * Syllables with a final consonant (hoàng, thuyết) are the same in both
 * styles.  cp[0..n) is a string in NFD.
 */
static void
tones(utf8proc_int32_t *cp, size_t n)
{
	size_t i = 0, w, j, v[3], nv, base, t;

	while (i < n) {
		/* A word: letters with their marks. */
		if (!utf8proc_isupper(cp[i]) && !utf8proc_islower(cp[i])) {
			i++;
			continue;
		}
		for (w = i; w < n && (utf8proc_isupper(cp[w]) ||
		    utf8proc_islower(cp[w]) ||
		    utf8proc_get_property(cp[w])->category ==
		    UTF8PROC_CATEGORY_MN); w++)
			;
		/* Base letters of the word: onset, vowels, coda. */
		nv = 0;
		for (j = i; j < w; j++) {
			if (utf8proc_get_property(cp[j])->category ==
			    UTF8PROC_CATEGORY_MN)
				continue;
			if (isvowel(cp[j])) {
				if (nv < 3)
					v[nv] = j;
				nv++;
			} else if (nv > 0)
				break;
		}
		/* j < w: a consonant follows the vowels; "qu" is an onset. */
		if (nv == 2 && j == w && !(v[0] > i &&
		    lowerascii(cp[v[0] - 1]) == 'q')) {
			int a = lowerascii(cp[v[0]]), b = lowerascii(cp[v[1]]);

			if ((a == 'o' && (b == 'a' || b == 'e')) ||
			    (a == 'u' && b == 'y')) {
				/* Plain vowels only: not ơa, ưy, ... */
				base = v[0] + 1;
				if (base == v[1]) {
					t = 0;
					for (j = v[1] + 1; j < w; j++)
						if (istone(cp[j]))
							t = j;
						else
							break;
					if (t != 0 && t == v[1] + 1) {
						utf8proc_int32_t m = cp[t];

						memmove(cp + v[0] + 2, cp + v[0] + 1,
						    (size_t)(t - v[0] - 1) *
						    sizeof(*cp));
						cp[v[0] + 1] = m;
					}
				}
			}
		}
		i = w;
	}
}

/*
 * Append the canonical form of valid UTF-8 p[0..len): white space (NBSP
 * and the other Unicode spaces too) collapsed to one space and trimmed,
 * control and invisible format characters removed, Ð ð (CP1258 read as
 * CP1252) made Đ đ, NFC, one tone-mark placement.
 */
void
text_clean(struct buf *b, const char *p, size_t len)
{
	static utf8proc_int32_t *cp;
	static size_t cpcap;
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_int32_t c;
	utf8proc_ssize_t n, m;
	size_t i, k, start;
	int space = 0, ascii = 1;

	start = b->len;
	/* Pass 1, on bytes for ASCII: spaces and controls. */
	for (i = 0; i < len; i += (size_t)n) {
		n = 1;
		c = s[i];
		if (c >= 0x80) {
			n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i),
			    &c);
			if (n < 0) {
				n = 1;
				c = 0xFFFD;
			}
		}
		if (isspacecp(c)) {
			space = 1;
			continue;
		}
		if (isdropcp(c))
			continue;
		if (space && b->len > start)
			buf_addc(b, ' ');
		space = 0;
		if (c == 0xD0)
			c = 0x110;
		else if (c == 0xF0)
			c = 0x111;
		if (c < 0x80)
			buf_addc(b, (int)c);
		else {
			ascii = 0;
			buf_reserve(b, 4);
			b->len += (size_t)utf8proc_encode_char(c,
			    (utf8proc_uint8_t *)b->p + b->len);
			b->p[b->len] = '\0';
		}
	}
	if (ascii)
		return;
	/* Pass 2: NFD, tone placement, NFC. */
	if (cpcap < (b->len - start) * 4 + 16) {
		cpcap = (b->len - start) * 4 + 16;
		cp = xreallocarray(cp, cpcap, sizeof(*cp));
	}
	n = utf8proc_decompose((const utf8proc_uint8_t *)b->p + start,
	    (utf8proc_ssize_t)(b->len - start), cp, (utf8proc_ssize_t)cpcap,
	    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (n < 0 || (size_t)n > cpcap)
		return;
	tones(cp, (size_t)n);
	m = utf8proc_normalize_utf32(cp, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m < 0)
		return;
	b->len = start;
	for (k = 0; k < (size_t)m; k++) {
		buf_reserve(b, 4);
		b->len += (size_t)utf8proc_encode_char(cp[k],
		    (utf8proc_uint8_t *)b->p + b->len);
	}
	b->p[b->len] = '\0';
}

/*
 * Append the matching key of UTF-8 p[0..len) (DOMAIN.md 7.5): lower case,
 * đ as d, no diacritics, ’ ‘ ` as ', dashes as -, white space collapsed and
 * trimmed; with TEXT_KEY_YI y as i; with TEXT_KEY_PUNCT every character
 * that is not a letter or digit as a space.
 */
void
text_key(struct buf *b, const char *p, size_t len, int flags)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_int32_t c, d[8];
	utf8proc_ssize_t n, nd, j;
	size_t i, start = b->len;
	int space = 0, lb;

	for (i = 0; i < len; i += (size_t)n) {
		n = 1;
		c = s[i];
		nd = 1;
		d[0] = c;
		if (c >= 0x80) {
			n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i),
			    &c);
			if (n < 0) {
				n = 1;
				continue;
			}
			nd = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE |
			    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &lb);
			if (nd < 1 || nd > 8) {
				d[0] = c;
				nd = 1;
			}
		}
		for (j = 0; j < nd; j++) {
			c = d[j];
			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (c == 0x111 || c == 0x110 || c == 0xF0 || c == 0xD0)
				c = 'd';
			else if (c == 0x2019 || c == 0x2018 || c == '`' ||
			    c == 0xB4)
				c = '\'';
			else if (c == 0x2013 || c == 0x2014 || c == 0x2212 ||
			    c == 0x2010 || c == 0x2011)
				c = '-';
			if ((flags & TEXT_KEY_YI) && c == 'y')
				c = 'i';
			/* A combining mark of NFD input: dropped, not a space. */
			if (utf8proc_category(c) == UTF8PROC_CATEGORY_MN)
				continue;
			if (isspacecp(c) || isdropcp(c) ||
			    ((flags & TEXT_KEY_PUNCT) &&
			    !utf8proc_isupper(c) && !utf8proc_islower(c) &&
			    !(c >= '0' && c <= '9') && !(c >= 0x80 &&
			    utf8proc_category(c) == UTF8PROC_CATEGORY_LO))) {
				space = 1;
				continue;
			}
			if (space && b->len > start)
				buf_addc(b, ' ');
			space = 0;
			if (c < 0x80)
				buf_addc(b, (int)c);
			else {
				buf_reserve(b, 4);
				b->len += (size_t)utf8proc_encode_char(c,
				    (utf8proc_uint8_t *)b->p + b->len);
				b->p[b->len] = '\0';
			}
		}
	}
}

/* Append p[0..len) with every letter mapped by f. */
static void
mapcase(struct buf *b, const char *p, size_t len,
    utf8proc_int32_t (*f)(utf8proc_int32_t))
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t i;

	for (i = 0; i < len; i += (size_t)n) {
		n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
		if (n < 0) {
			n = 1;
			c = s[i];
		}
		c = f(c);
		buf_reserve(b, 4);
		b->len += (size_t)utf8proc_encode_char(c,
		    (utf8proc_uint8_t *)b->p + b->len);
		b->p[b->len] = '\0';
	}
}

/* Append p[0..len) in lower case. */
void
text_lower(struct buf *b, const char *p, size_t len)
{
	mapcase(b, p, len, utf8proc_tolower);
}

/* Append p[0..len) in upper case. */
void
text_upper(struct buf *b, const char *p, size_t len)
{
	mapcase(b, p, len, utf8proc_toupper);
}

/* Append the ASCII snake_case name of a header: "Ghi chú" -> ghi_chu. */
void
text_snake(struct buf *b, const char *p, size_t len)
{
	struct buf k = { 0 };
	size_t i, start = b->len;

	text_key(&k, p, len, TEXT_KEY_PUNCT);
	for (i = 0; i < k.len; i++) {
		unsigned char c = (unsigned char)k.p[i];

		if (c == ' ')
			buf_addc(b, '_');
		else if (c < 0x80)
			buf_addc(b, c);
	}
	if (b->len == start)
		buf_adds(b, "column");
	buf_free(&k);
}

