/*
 * Differential test of text.c: the fast paths of text_clean, text_key,
 * text_lower and text_upper (text_set_fast(1)) give the same bytes as the general code alone
 * (text_set_fast(0)) on every code point below U+2100 in a few contexts,
 * on the sample rosters' kind of text, and on random strings of the
 * characters where the two could part: o and u before a toned vowel,
 * combining marks, spaces of every kind, controls, Ð ð, ill-formed bytes.
 * And text_valid: its vector check (where the processor has it) and its
 * byte loop give the same answer and offset on every sequence of one to
 * four bytes from a set that holds each boundary of UTF-8, put around
 * the 32-byte blocks of ASCII and of Vietnamese text, and on random soups.
 * Prints TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "text.h"
#include "tap.h"

/* Print s as C string escapes, for a failure message. */
static void
esc(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("\\x%02x", (unsigned char)s[i]);
}

/* Run text_lower (flags -3), text_upper (-2), text_clean (-1) or text_key. */
static void
run(struct buf *b, const char *p, size_t len, int flags)
{
	if (flags == -3)
		text_lower(b, p, len);
	else if (flags == -2)
		text_upper(b, p, len);
	else if (flags == -1)
		text_clean(b, p, len);
	else
		text_key(b, p, len, flags);
}

/*
 * Whether text_clean, every text_key, text_lower and text_upper agree on
 * p[0..len) both ways.
 */
static int
same(const char *p, size_t len)
{
	struct buf a = { 0 }, b = { 0 };
	int flags, ok = 1;

	for (flags = -3; flags < 4 && ok; flags++) {
		buf_reset(&a);
		buf_reset(&b);
		text_set_fast(1);
		run(&a, p, len, flags);
		text_set_fast(0);
		run(&b, p, len, flags);
		if (a.len != b.len || (a.len > 0 && memcmp(a.p, b.p, a.len)))
			ok = 0;
	}
	if (!ok) {
		/* flags is one past the one that differed */
		printf("# differ (%s) on \"", flags == -2 ? "lower" :
		    flags == -1 ? "upper" : flags == 0 ? "clean" : "key");
		esc(p, len);
		printf("\"\n");
	}
	text_set_fast(1);
	buf_free(&a);
	buf_free(&b);
	return ok;
}

/* Append the UTF-8 form of code point c to b. */
static void
put(struct buf *b, long c)
{
	if (c < 0x80)
		buf_addc(b, (int)c);
	else if (c < 0x800) {
		buf_addc(b, (int)(0xC0 | c >> 6));
		buf_addc(b, (int)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_addc(b, (int)(0xE0 | c >> 12));
		buf_addc(b, (int)(0x80 | (c >> 6 & 0x3F)));
		buf_addc(b, (int)(0x80 | (c & 0x3F)));
	} else {
		buf_addc(b, (int)(0xF0 | c >> 18));
		buf_addc(b, (int)(0x80 | (c >> 12 & 0x3F)));
		buf_addc(b, (int)(0x80 | (c >> 6 & 0x3F)));
		buf_addc(b, (int)(0x80 | (c & 0x3F)));
	}
}

/* Every code point up to U+20FF alone and between letters. */
static void
codepoints(void)
{
	static const char *const ctx[][2] = { { "", "" }, { "o", "" },
	    { "U", " x" }, { "ho", "ng" }, { " a", "a " }, { "qu", "" },
	    { "u", "\xcc\x80" }, { "x", "-" }, { "o", "y" } };
	struct buf b = { 0 };
	size_t k;
	long c;
	int ok = 1;

	for (c = 1; c < 0x2100 && ok; c++) {
		if (c >= 0xD800 && c < 0xE000)
			continue;
		for (k = 0; k < sizeof(ctx) / sizeof(ctx[0]) && ok; k++) {
			buf_reset(&b);
			buf_adds(&b, ctx[k][0]);
			put(&b, c);
			buf_adds(&b, ctx[k][1]);
			ok = same(b.p, b.len);
		}
	}
	check("every code point below U+2100, in contexts", ok);
	buf_free(&b);
}

/* Words of the rosters, in both tone placements, NFC and NFD. */
static void
words(void)
{
	static const char *const w[] = { "Hòa", "Hoà", "hoà bình", "Thuỷ",
	    "Thủy", "THUỶ", "Uỷ ban", "khoẻ", "hoạ", "Hoàng", "Thuận",
	    "Quý", "quả", "Nguyễn Văn Hưởng", "Đại học Luật", "ĐH Luật",
	    "Tỏa Tình", "Toả Tình", "Xuyến", "Huổi Lếch", "Mường Ảng",
	    "Ẳng Nưa", "  Trung cấp   Kế toán ", "Văn hoá - Xã hội",
	    "Thạc sỹ", "Kĩ sư", "H'Mông", "Khơ-mú", "Chứng chỉ A, B",
	    "12/12", "TP. Điện Biên Phủ", "Nguye\xcc\x82\xcc\x83n",
	    "Ho\xcc\x80" "a", "hoa\xcc\x80", "Ð", "a\xc2\xa0" "b",
	    "a\xe2\x80\x8b" "b", "x\ty", "a\x01" "b", "\xff\xfe", "oà\xff",
	    "uý\xf0\x9f\x98\x80", "o\xcc\x81" "a", "Tr\xc6\xb0\xcc\x80ng" };
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		ok &= same(w[i], strlen(w[i]));
	check("roster words", ok);
}

/* Random strings over the pieces where the paths could part. */
static void
soup(void)
{
	static const char *const piece[] = { "o", "O", "u", "U", "q", "a",
	    "e", "y", "Y", "h", "n", " ", " ", "  ", "\t", "\r", "\n",
	    "\x01", "\x7f", "-", ".", ",", "'", "à", "á", "ả", "ã", "ạ", "è",
	    "ẻ", "ỳ", "ý", "ỷ", "ỹ", "ỵ", "Ỷ", "À", "É", "ơ", "ư", "ă", "â",
	    "ê", "ô", "đ", "Đ", "Ð", "ð", "ĸ", "×", "ặ", "ướ", "\xcc\x80",
	    "\xcc\x81", "\xcc\x83", "\xcc\x89", "\xcc\xa3", "\xcc\x82",
	    "\xcc\x86", "\xcc\x9b", "\xc2\xa0", "\xe2\x80\x8b", "\xe2\x80\x99",
	    "\xe2\x80\x93", "\xe3\x80\x80", "\xff", "\xc3", "\xe1\xbb",
	    "\xf0\x9f\x98\x80", "1", "9" };
	struct buf b = { 0 };
	int i, k, len, ok = 1;

	srand(20220615);
	for (i = 0; i < 200000 && ok; i++) {
		buf_reset(&b);
		len = rand() % 9;
		for (k = 0; k < len; k++)
			buf_adds(&b, piece[rand() %
			    (int)(sizeof(piece) / sizeof(piece[0]))]);
		ok = same(b.p != NULL ? b.p : "", b.len);
	}
	check("200000 random strings", ok);
	buf_free(&b);
}

static const unsigned char edge[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
    0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
    0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF };
#define NEDGE	(sizeof(edge) / sizeof(edge[0]))

/* Whether text_valid agrees with itself both ways on p[0..len). */
static int
agree(const unsigned char *p, size_t len)
{
	static int told;
	size_t oa = (size_t)-1, ob = (size_t)-1;
	int a, b;

	text_set_fast(1);
	a = text_valid((const char *)p, len, &oa);
	text_set_fast(0);
	b = text_valid((const char *)p, len, &ob);
	text_set_fast(1);
	if (a == b && (a || oa == ob))
		return 1;
	if (told++ < 3) {
		printf("# text_valid: fast %d (%zu), loop %d (%zu) on \"", a,
		    oa, b, ob);
		esc((const char *)p, len);
		printf("\"\n");
	}
	return 0;
}

/*
 * Every sequence of k edge bytes at every offset from lo to hi in base
 * (the blocks are 32 bytes: 29 to 32 puts one across the first border).
 */
static int
sequences(const char *base, size_t k, size_t lo, size_t hi)
{
	unsigned char buf[128];
	size_t idx[4] = { 0 }, off, i, len = strlen(base);
	int ok = 1;

	for (;;) {
		for (off = lo; off <= hi && off + k <= len; off++) {
			memcpy(buf, base, len);
			for (i = 0; i < k; i++)
				buf[off + i] = edge[idx[i]];
			ok &= agree(buf, len);
			ok &= agree(buf, off + k);	/* cut at the end */
		}
		for (i = 0; i < k && ++idx[i] == NEDGE; i++)
			idx[i] = 0;
		if (i == k)
			return ok;
	}
}

/* text_valid, fast and slow. */
static void
valid(void)
{
	/* 96 bytes of each: a multiple of 32, whole characters only. */
	static const char ascii[] = "Chat luong doi ngu can bo, cong chuc cap "
	    "xa - Dien Bien, 2021; dai hoc 64,7%; trung cap 25,6%...";
	static const char viet[] = "Trình độ chuyên môn: đại học 64,7%; "
	    "trung cấp 25,6% — Điện Biên, Mường Ả";
	unsigned char soup[200];
	unsigned s = 20261202;
	size_t k, i, len;
	int ok = 1;

	check("text_valid: the texts are 96 bytes", strlen(ascii) == 96 &&
	    strlen(viet) == 96);
#if defined(__x86_64__) && defined(__GNUC__)
	printf("# the vector check %s\n", __builtin_cpu_supports("avx2") ?
	    "runs (AVX2)" : "does not run here (no AVX2)");
#endif
	check("text_valid: valid texts agree",
	    agree((const unsigned char *)ascii, 96) &&
	    agree((const unsigned char *)viet, 96));
	for (k = 1; k <= 3; k++) {
		char what[96];

		snprintf(what, sizeof(what), "text_valid: every %zu-byte "
		    "sequence agrees, in ASCII and in Vietnamese", k);
		check(what, sequences(ascii, k, 24, 72) &&
		    sequences(viet, k, 24, 72));
	}
	check("text_valid: every 4-byte sequence agrees across a block "
	    "border", sequences(ascii, 4, 29, 32) && sequences(viet, 4, 29, 32));
	for (i = 0; i < 200000; i++) {
		s = s * 1103515245u + 12345u;
		len = 64 + (s >> 16) % 130;
		for (k = 0; k < len; k++) {
			s = s * 1103515245u + 12345u;
			/* Mostly ASCII and valid pairs, now and then an edge. */
			switch ((s >> 16) % 8) {
			case 0:
				soup[k] = edge[(s >> 20) % NEDGE];
				break;
			case 1:
			case 2:
				if (k + 1 < len) {
					soup[k++] = 0xC3;
					soup[k] = 0xA0 + (s >> 20) % 16;
					break;
				}
				/* FALLTHROUGH */
			default:
				soup[k] = 'a' + (s >> 20) % 26;
			}
		}
		ok &= agree(soup, len);
	}
	check("text_valid: 200000 random soups agree", ok);
}

int
main(void)
{
	codepoints();
	words();
	soup();
	valid();
	return tap_end();
}
