/*
 * text.c - UTF-8 text over utf8proc (see text.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "text.h"

static size_t	dec(const unsigned char *, size_t, utf8proc_int32_t *);
static int	validavx2(const unsigned char *, size_t);

static int fast = 1;		/* the fast paths are on (text_set_fast) */

/*
 * Whether p[0..len) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF).  If not, *badoff gets the offset of the first
 * bad byte.  Text of some length is checked 32 bytes at a time where the
 * processor can (AVX2); the loop below finds where it went wrong.
 */
int
text_valid(const char *p, size_t len, size_t *badoff)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0;
	uint64_t w;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	if (len >= 64 && fast && validavx2(s, len))
		return 1;
	while (i < len) {
		if (s[i] < 0x80) {
			/* ASCII: eight bytes at a time while it lasts. */
			for (i++; i + 8 <= len; i += 8) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
			}
			continue;
		}
		if ((n = (utf8proc_ssize_t)dec(s + i, len - i, &cp)) > 0) {
			i += (size_t)n;
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

/*
 * Whether c is a noncharacter: U+FDD0-U+FDEF and the last two code points
 * of every plane (U+FFFE, U+FFFF, U+1FFFE, ...), which no text may carry
 * (XML 1.0 refuses U+FFFE and U+FFFF).
 */
static int
isnonchar(utf8proc_int32_t c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/*
 * Control characters, invisible format characters and noncharacters:
 * removed.
 */
static int
isdropcp(utf8proc_int32_t c)
{
	const utf8proc_property_t *pr;

	if (c < 0x20 || c == 0x7f)
		return 1;
	if (c < 0x80)
		return 0;
	if (isnonchar(c))
		return 1;
	pr = utf8proc_get_property(c);
	return pr->category == UTF8PROC_CATEGORY_CC ||
	    pr->category == UTF8PROC_CATEGORY_CF;
}

/*
 * What text_clean changed beyond white space, since text_cleaned: each
 * thread counts its own (cbcc-normalize cleans on a thread of its own).
 */
static _Thread_local struct text_drops drops = { 0, 0, -1 };

/*
 * Copy into *d what text_clean has done since the last call (NUL bytes
 * read as spaces; control, format and noncharacters removed, and the first
 * of those), and start counting again.  d may be NULL: only the reset.
 */
void
text_cleaned(struct text_drops *d)
{
	if (d != NULL)
		*d = drops;
	drops.nul = drops.dropped = 0;
	drops.first = -1;
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
 * Use the fast paths of text_valid, text_clean and text_key (on, the
 * default) or the general code alone (off): both give the same answers for
 * every input, and the differential unit tests hold them to it.
 */
void
text_set_fast(int on)
{
	fast = on;
}

/*
 * Decode the well-formed UTF-8 character of one to three bytes at
 * s[0..n): its code point in *cp, its length returned.  Returns 0 for
 * anything else (a four-byte character, an ill-formed sequence), which
 * callers hand to the general code.
 */
static size_t
dec(const unsigned char *s, size_t n, utf8proc_int32_t *cp)
{
	utf8proc_int32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = (utf8proc_int32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] >= 0xE0 && s[0] < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		c = (utf8proc_int32_t)(s[0] & 0x0F) << 12 |
		    (utf8proc_int32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c < 0xE000))
			return 0;
		*cp = c;
		return 3;
	}
	return 0;
}

/*
 * Whether code point c, a precomposed Latin letter of Vietnamese text, is
 * its own canonical form whatever stands around it, as long as no
 * combining mark follows: Latin-1 letters, Latin Extended-A and the part
 * of Extended-B up to ư, and the Vietnamese block U+1EA0-U+1EF9; not Ð ð
 * (which text_clean makes Đ đ).  All are NFC and none composes with a
 * following starter.
 */
static int
plainviet(utf8proc_int32_t c)
{
	return (c >= 0xC0 && c <= 0x1B0 && c != 0xD0 && c != 0xF0) ||
	    (c >= 0x1EA0 && c <= 0x1EF9);
}

/* Whether c is a letter as tones() sees words. */
static int
isletter(utf8proc_int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return utf8proc_isupper(c) || utf8proc_islower(c);
}

/*
 * Whether text_clean would give p[0..len) back unchanged: ASCII without
 * controls, tabs or runs of spaces, and no space at either end; other
 * characters only those of plainviet (so no combining marks, NBSP or
 * format characters); and no "o" or "u" before a precomposed vowel that
 * ends a word, the one place where tones() may move a mark (hoà, thuỷ).
 * A false answer only means "take the general code".
 */
static int
canon(const char *p, size_t len)
{
	const unsigned char *s = (const unsigned char *)p;
	utf8proc_int32_t c, d;
	size_t i, n, m;
	int prev = ' ';

	if (len > 0 && s[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i += n) {
		if (s[i] < 0x80) {
			n = 1;
			if (s[i] < 0x20 || s[i] == 0x7f ||
			    (s[i] == ' ' && prev == ' '))
				return 0;
			prev = s[i];
			continue;
		}
		if ((n = dec(s + i, len - i, &c)) == 0 || !plainviet(c))
			return 0;
		if (prev == 'o' || prev == 'O' || prev == 'u' || prev == 'U') {
			/* A word's last letter after o or u: the slow way. */
			if (i + n == len)
				return 0;
			if ((m = dec(s + i + n, len - i - n, &d)) == 0 ||
			    !isletter(d))
				return 0;
		}
		prev = 0x80;
	}
	return 1;
}

/* Append code point c to b as UTF-8. */
void
text_addcp(struct buf *b, int32_t c)
{
	buf_reserve(b, 4);
	b->len += (size_t)utf8proc_encode_char(c,
	    (utf8proc_uint8_t *)b->p + b->len);
	b->p[b->len] = '\0';
}

/*
 * Append the canonical form of valid UTF-8 p[0..len): white space (NBSP
 * and the other Unicode spaces too, and NUL bytes) collapsed to one space
 * and trimmed, control and invisible format characters and noncharacters
 * removed, Ð ð (CP1258 read as CP1252) made Đ đ, NFC, one tone-mark
 * placement.  text_cleaned tells what was read as a space or removed.
 */
void
text_clean(struct buf *b, const char *p, size_t len)
{
	utf8proc_int32_t small[256], *cp = small, c;
	size_t cpcap = sizeof(small) / sizeof(small[0]);
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_ssize_t n, m;
	size_t i, k, start;
	int space = 0, ascii = 1;

	if (fast && canon(p, len)) {
		buf_add(b, p, len);
		return;
	}
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
		if (c == 0) {
			/* A NUL inside a cell stands between words. */
			drops.nul++;
			space = 1;
			continue;
		}
		if (isspacecp(c)) {
			space = 1;
			continue;
		}
		if (isdropcp(c)) {
			if (drops.dropped++ == 0)
				drops.first = c;
			continue;
		}
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
			text_addcp(b, c);
		}
	}
	if (ascii)
		return;
	/*
	 * Pass 2: NFD, tone placement, NFC, in code points on the stack,
	 * or for a long cell on the heap: no state, so threads may clean.
	 */
	if (cpcap < (b->len - start) * 4 + 16) {
		cpcap = (b->len - start) * 4 + 16;
		cp = xreallocarray(NULL, cpcap, sizeof(*cp));
	}
	n = utf8proc_decompose((const utf8proc_uint8_t *)b->p + start,
	    (utf8proc_ssize_t)(b->len - start), cp, (utf8proc_ssize_t)cpcap,
	    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (n < 0 || (size_t)n > cpcap)
		goto done;
	tones(cp, (size_t)n);
	m = utf8proc_normalize_utf32(cp, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m < 0)
		goto done;
	b->len = start;
	for (k = 0; k < (size_t)m; k++)
		text_addcp(b, cp[k]);
done:
	if (cp != small)
		free(cp);
}

/*
 * The key of code point c under flags, as items in it[0..8): code points,
 * -1 for a space (white space, controls, punctuation with TEXT_KEY_PUNCT),
 * none for a dropped combining mark.  Returns how many.
 */
static int
keyitems(utf8proc_int32_t c, int flags, utf8proc_int32_t it[8])
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t nd, j;
	int lb, k = 0;

	nd = 1;
	d[0] = c;
	if (c >= 0x80) {
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
		else if (c == 0x2019 || c == 0x2018 || c == '`' || c == 0xB4)
			c = '\'';
		else if (c == 0x2013 || c == 0x2014 || c == 0x2212 ||
		    c == 0x2010 || c == 0x2011)
			c = '-';
		if ((flags & TEXT_KEY_YI) && c == 'y')
			c = 'i';
		/* A combining mark of NFD input: dropped, not a space. */
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_MN)
			continue;
		if (isspacecp(c) || isdropcp(c) || ((flags & TEXT_KEY_PUNCT) &&
		    !utf8proc_isupper(c) && !utf8proc_islower(c) &&
		    !(c >= '0' && c <= '9') && !(c >= 0x80 &&
		    utf8proc_category(c) == UTF8PROC_CATEGORY_LO)))
			it[k++] = -1;
		else
			it[k++] = c;
	}
	return k;
}

/* The keys of the code points below KEYMAX, per flags, as they are met. */
#define KEYMAX	0x2100
struct keyent {
	signed char	 n;		/* 0: not known; items + 1; -1: too many */
	utf8proc_int32_t it[3];		/* the items */
};
static struct keyent *keytab[4];

/*
 * Append the matching key of UTF-8 p[0..len) (DOMAIN.md 7.5): lower case,
 * đ as d, no diacritics, ’ ‘ ` as ', dashes as -, white space collapsed and
 * trimmed; with TEXT_KEY_YI y as i; with TEXT_KEY_PUNCT every character
 * that is not a letter or digit as a space.  Bytes that are not UTF-8 are
 * skipped.
 */
void
text_key(struct buf *b, const char *p, size_t len, int flags)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_int32_t c, items[8], *it;
	utf8proc_ssize_t n;
	struct keyent *e, *tab = NULL;
	size_t i, start = b->len;
	int space = 0, k, ni;

	if (fast && (tab = keytab[flags & 3]) == NULL)
		tab = keytab[flags & 3] = xcalloc(KEYMAX, sizeof(*tab));
	for (i = 0; i < len; i += (size_t)n) {
		if (tab != NULL && (n = (utf8proc_ssize_t)dec(s + i, len - i,
		    &c)) > 0 && c < KEYMAX) {
			e = &tab[c];
			if (e->n == 0) {
				ni = keyitems(c, flags, items);
				if (ni <= 3) {
					memcpy(e->it, items,
					    (size_t)ni * sizeof(*items));
					e->n = (signed char)(ni + 1);
				} else
					e->n = -1;
			}
			if (e->n > 0) {
				it = e->it;
				ni = e->n - 1;
			} else {
				ni = keyitems(c, flags, items);
				it = items;
			}
		} else {
			n = 1;
			c = s[i];
			if (c >= 0x80) {
				n = utf8proc_iterate(s + i,
				    (utf8proc_ssize_t)(len - i), &c);
				if (n < 0) {
					n = 1;
					continue;
				}
			}
			ni = keyitems(c, flags, items);
			it = items;
		}
		for (k = 0; k < ni; k++) {
			c = it[k];
			if (c == -1) {
				space = 1;
				continue;
			}
			if (space && b->len > start)
				buf_addc(b, ' ');
			space = 0;
			if (c < 0x80)
				buf_addc(b, (int)c);
			else
				text_addcp(b, c);
		}
	}
}

/*
 * Code point c (below 0x10000) as mapcase keeps it: its UTF-8 bytes, the
 * first lowest, and their count in the top byte.
 */
static uint32_t
packcp(utf8proc_int32_t c)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char(c, u);

	return (uint32_t)n << 24 | (uint32_t)u[0] | (n > 1 ? (uint32_t)u[1] <<
	    8 : 0) | (n > 2 ? (uint32_t)u[2] << 16 : 0);
}

/*
 * Append p[0..len) with every letter mapped by f.  The mappings of code
 * points below KEYMAX are kept in *tabp as they are met, as packcp gives
 * them (0: not yet): a character is then a lookup and three stores.
 */
static void
mapcase(struct buf *b, const char *p, size_t len,
    utf8proc_int32_t (*f)(utf8proc_int32_t), uint32_t **tabp)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	uint32_t *tab = NULL, e;
	size_t i;
	char *w;

	if (fast && (tab = *tabp) == NULL)
		tab = *tabp = xcalloc(KEYMAX, sizeof(*tab));
	/* No character grows beyond twice its bytes; 3 more for the
	 * stores of the last. */
	buf_reserve(b, 2 * len + 3);
	w = b->p + b->len;
	for (i = 0; i < len; i += (size_t)n) {
		if (tab != NULL && s[i] < 0x80) {
			n = 1;
			if ((e = tab[s[i]]) == 0)
				e = tab[s[i]] = packcp(f(s[i]));
		} else if (tab != NULL && (n = (utf8proc_ssize_t)dec(s + i,
		    len - i, &c)) > 0 && c < KEYMAX) {
			if ((e = tab[c]) == 0)
				e = tab[c] = packcp(f(c));
		} else {
			n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i),
			    &c);
			if (n < 0) {
				n = 1;
				c = s[i];
			}
			w += utf8proc_encode_char(f(c), (utf8proc_uint8_t *)w);
			continue;
		}
		w[0] = (char)(e & 0xFF);
		w[1] = (char)(e >> 8 & 0xFF);
		w[2] = (char)(e >> 16 & 0xFF);
		w += e >> 24;
	}
	b->len = (size_t)(w - b->p);
	b->p[b->len] = '\0';
}

static uint32_t *lowtab, *uptab;	/* mapcase's tables */

/* Append p[0..len) in lower case. */
void
text_lower(struct buf *b, const char *p, size_t len)
{
	mapcase(b, p, len, utf8proc_tolower, &lowtab);
}

/* Append p[0..len) in upper case. */
void
text_upper(struct buf *b, const char *p, size_t len)
{
	mapcase(b, p, len, utf8proc_toupper, &uptab);
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


#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/*
 * The kinds of error a pair of bytes can show, as bits: the "lookup"
 * check of UTF-8 (J. Keiser, D. Lemire, "Validating UTF-8 in less than one
 * instruction per byte", 2021).  Three tables, indexed by the high and the
 * low nibble of a byte and the high nibble of the byte after it, give the
 * errors each allows; a pair is wrong where all three agree, but for the
 * third and fourth bytes of a sequence, which must be continuation bytes
 * (TWO_CONTS expected there, an error anywhere else).
 */
#define TOO_SHORT	0x01	/* a lead byte, then no continuation byte */
#define TOO_LONG	0x02	/* ASCII, then a continuation byte */
#define OVERLONG_3	0x04	/* E0 80..9F */
#define TOO_LARGE	0x08	/* F4 90..BF, F5..FF */
#define SURROGATE	0x10	/* ED A0..BF */
#define OVERLONG_2	0x20	/* C0, C1 */
#define OVERLONG_4	0x40	/* F0 80..8F; also F5..FF 80..8F */
#define TWO_CONTS	0x80	/* a continuation byte, then another */
#define CARRY		(TOO_SHORT | TOO_LONG | TWO_CONTS)
#define LARGE		(CARRY | TOO_LARGE | OVERLONG_4)
#define CONT		(TOO_LONG | OVERLONG_2 | TWO_CONTS)
#define C(x)		((char)(x))
#define X2(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
	_mm256_setr_epi8(C(a), C(b), C(c), C(d), C(e), C(f), C(g), C(h), \
	    C(i), C(j), C(k), C(l), C(m), C(n), C(o), C(p), C(a), C(b), C(c), \
	    C(d), C(e), C(f), C(g), C(h), C(i), C(j), C(k), C(l), C(m), C(n), \
	    C(o), C(p))

/* Whether s[0..len) is UTF-8, 32 bytes at a time; 0 without AVX2 too. */
__attribute__((target("avx2")))
static int
validavx2(const unsigned char *s, size_t len)
{
	__m256i b1h, b1l, b2h, lo4, cut, prev, err, in, sh, p1, p2, p3, sc;
	__m256i m;
	unsigned char tail[32];
	size_t i;

	if (!__builtin_cpu_supports("avx2"))
		return 0;
	b1h = X2(TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	    TOO_LONG, TOO_LONG, TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
	    TOO_SHORT | OVERLONG_2, TOO_SHORT,
	    TOO_SHORT | OVERLONG_3 | SURROGATE,
	    TOO_SHORT | TOO_LARGE | OVERLONG_4);
	b1l = X2(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
	    CARRY | OVERLONG_2, CARRY, CARRY, CARRY | TOO_LARGE, LARGE, LARGE,
	    LARGE, LARGE, LARGE, LARGE, LARGE, LARGE, LARGE | SURROGATE, LARGE,
	    LARGE);
	b2h = X2(TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT,
	    CONT | OVERLONG_3 | OVERLONG_4, CONT | OVERLONG_3 | TOO_LARGE,
	    CONT | SURROGATE | TOO_LARGE, CONT | SURROGATE | TOO_LARGE,
	    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
	lo4 = _mm256_set1_epi8(0x0F);
	/* Above these at the end, a sequence is cut short. */
	cut = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	    -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
	prev = err = _mm256_setzero_si256();
	for (i = 0; i < len; i += 32) {
		if (len - i >= 32)
			in = _mm256_loadu_si256((const __m256i *)(s + i));
		else {
			memset(tail, 0, sizeof(tail));
			memcpy(tail, s + i, len - i);
			in = _mm256_loadu_si256((const __m256i *)tail);
		}
		if (_mm256_movemask_epi8(in) == 0) {
			/* ASCII: wrong only after a sequence cut short. */
			err = _mm256_or_si256(err, _mm256_subs_epu8(prev, cut));
			prev = in;
			continue;
		}
		/* The input one, two and three bytes back. */
		sh = _mm256_permute2x128_si256(prev, in, 0x21);
		p1 = _mm256_alignr_epi8(in, sh, 15);
		p2 = _mm256_alignr_epi8(in, sh, 14);
		p3 = _mm256_alignr_epi8(in, sh, 13);
		sc = _mm256_and_si256(_mm256_and_si256(
		    _mm256_shuffle_epi8(b1h,
		    _mm256_and_si256(_mm256_srli_epi16(p1, 4), lo4)),
		    _mm256_shuffle_epi8(b1l, _mm256_and_si256(p1, lo4))),
		    _mm256_shuffle_epi8(b2h,
		    _mm256_and_si256(_mm256_srli_epi16(in, 4), lo4)));
		/* 0x80 where a byte must be the third or fourth of three or four. */
		m = _mm256_and_si256(_mm256_or_si256(
		    _mm256_subs_epu8(p2, _mm256_set1_epi8(0xE0 - 0x80)),
		    _mm256_subs_epu8(p3, _mm256_set1_epi8((char)(0xF0 - 0x80)))),
		    _mm256_set1_epi8((char)0x80));
		err = _mm256_or_si256(err, _mm256_xor_si256(m, sc));
		prev = in;
	}
	err = _mm256_or_si256(err, _mm256_subs_epu8(prev, cut));
	return _mm256_testz_si256(err, err);
}
#else
/* No vector check here: the loop of text_valid does it all. */
static int
validavx2(const unsigned char *s, size_t len)
{
	(void)s;
	(void)len;
	return 0;
}
#endif
