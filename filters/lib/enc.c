/*
 * enc.c - input encodings and mojibake repair (see enc.h).
 *
 * A struct enc reads the file in chunks of raw bytes, converts what it can
 * of them into a buffer of UTF-8 and hands that out; bytes that may still
 * join with what follows (a partial UTF-16 unit or UTF-8 character, a VNI
 * letter whose modifier has not come yet, a TCVN3 letter that a combining
 * tone byte may follow, a mojibake cell not yet ended) stay for the next
 * round.  glibc iconv does UTF-16, CP1258, VISCII and TCVN5712-1; VNI and
 * the Windows-1252 reading are tables here.
 *
 * Whether a word is Vietnamese is decided by its shape: every letter one
 * of the Vietnamese ones (a base letter with at most a circumflex, breve
 * or horn where Vietnamese puts one, and at most one tone mark in the
 * word), and the letters an onset, a vowel nucleus and a coda that
 * Vietnamese syllables are made of, checked syllables (coda c, ch, p, t)
 * taking only the sắc or nặng tone.  Capital abbreviations ("ĐH", "QLNN")
 * count too.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "enc.h"
#include "text.h"

#define READSZ	(64 * 1024)	/* bytes read at a time; the prescan */
#define CELLMAX	(1024 * 1024)	/* longest mojibake cell held whole */
#define GUESSMAX 1000		/* evident words counted by enc_guess */

enum kind {
	K_AUTO,			/* detect at the first read */
	K_UTF8,			/* pass through */
	K_UTF16,		/* iconv, 2-byte units */
	K_ICONV,		/* iconv, 1-byte units */
	K_TCVN3,		/* dec_tcvn3 */
	K_VNI,			/* dec_vni */
	K_FIXTCVN3,		/* UTF-8, cells repaired with enc_fix_tcvn3 */
	K_FIXVNI		/* UTF-8, cells repaired with enc_fix_vni */
};

static const struct encname {
	const char	*name;		/* as given to --encoding */
	int		 kind;		/* enum kind */
	const char	*canon;		/* enc_name; NULL: the BOM decides */
	const char	*icname;	/* iconv name, or NULL */
} names[] = {
	{ "auto", K_AUTO, "utf-8", NULL },
	{ "utf-8", K_UTF8, "utf-8", NULL },
	{ "utf8", K_UTF8, "utf-8", NULL },
	{ "utf-16", K_UTF16, NULL, "UTF-16LE" },
	{ "utf16", K_UTF16, NULL, "UTF-16LE" },
	{ "utf-16le", K_UTF16, "utf-16le", "UTF-16LE" },
	{ "utf16le", K_UTF16, "utf-16le", "UTF-16LE" },
	{ "utf-16be", K_UTF16, "utf-16be", "UTF-16BE" },
	{ "utf16be", K_UTF16, "utf-16be", "UTF-16BE" },
	{ "cp1258", K_ICONV, "cp1258", "CP1258" },
	{ "windows-1258", K_ICONV, "cp1258", "CP1258" },
	{ "tcvn3", K_TCVN3, "tcvn3", NULL },
	{ "abc", K_TCVN3, "tcvn3", NULL },
	{ "tcvn", K_TCVN3, "tcvn3", NULL },
	{ "vn3", K_TCVN3, "tcvn3", NULL },
	{ "tcvn5712-1", K_ICONV, "tcvn5712-1", "TCVN5712-1" },
	{ "vn1", K_ICONV, "tcvn5712-1", "TCVN5712-1" },
	{ "vni", K_VNI, "vni", NULL },
	{ "vni-windows", K_VNI, "vni", NULL },
	{ "viscii", K_ICONV, "viscii", "VISCII" },
	{ "tcvn3-in-utf8", K_FIXTCVN3, "tcvn3-in-utf8", NULL },
	{ "vni-in-utf8", K_FIXVNI, "vni-in-utf8", NULL },
	{ NULL, 0, NULL, NULL }
};

struct enc {
	int		 fd;		/* input */
	int		 kind;		/* enum kind */
	int		 anybom;	/* utf-16: the BOM decides the order */
	const char	*name;		/* for enc_name */
	const char	*icname;	/* iconv name, or NULL */
	iconv_t		 cd;		/* iconv descriptor, or (iconv_t)-1 */
	size_t		 unit;		/* bytes skipped on an iconv EILSEQ */
	unsigned char	*in;		/* raw bytes not converted yet */
	size_t		 inlen;		/* how many */
	size_t		 incap;		/* room in in */
	struct buf	 out;		/* UTF-8 not handed out yet */
	size_t		 outpos;	/* first byte of out to hand out */
	int		 eof;		/* the file is read to its end */
	int		 started;	/* BOM and order looked at */
	int		 done;		/* everything converted */
	int		 seenuni;	/* mojibake: a Unicode cell was met */
	unsigned long	 bad;		/* replaced by U+FFFD */
	unsigned long	 fixed;		/* mojibake cells repaired */
};

/* Windows-1252 0x80-0x9F; 0 where undefined. */
static const uint16_t w1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

static iconv_t tcvn_cd = (iconv_t)-1;	/* TCVN5712-1, opened once */

static const struct encname *
lookup(const char *name)
{
	const struct encname *n;

	for (n = names; n->name != NULL; n++)
		if (strcasecmp(n->name, name) == 0)
			return n;
	return NULL;
}

int
enc_known(const char *name)
{
	return name != NULL && lookup(name) != NULL;
}

/* The code point of Windows-1252 byte b, or -1 if b is undefined. */
static int32_t
from1252(unsigned char b)
{
	if (b >= 0x80 && b < 0xa0)
		return w1252[b - 0x80] != 0 ? w1252[b - 0x80] : -1;
	return b;
}

/*
 * The Windows-1252 byte of code point c, or -1 if it has none.  The five
 * undefined bytes come back from the C1 controls Windows reads them as.
 */
static int
to1252c(int32_t c)
{
	int i;

	if (c < 0x80 || (c >= 0xa0 && c <= 0xff))
		return c;
	if (c < 0xa0)
		return w1252[c - 0x80] == 0 ? c : -1;
	if ((c >= 0x300 && c < 0x2013) || c > 0x2122)
		return -1;	/* between and past the table's letters */
	for (i = 0; i < 32; i++)
		if (w1252[i] == c)
			return 0x80 + i;
	return -1;
}

/* Append the Windows-1252 bytes of UTF-8 p[0..len) to b; 0 if impossible. */
static int
to1252(struct buf *b, const char *p, size_t len)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_ssize_t n;
	int32_t c;
	size_t i = 0;
	int k;

	while (i < len) {
		n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
		if (n < 0 || (k = to1252c(c)) < 0)
			return 0;
		buf_addc(b, k);
		i += (size_t)n;
	}
	return 1;
}

/* Flush what cd holds back into out, and reset it. */
static void
icflush(iconv_t cd, struct buf *out)
{
	char *op;
	size_t ol;

	buf_reserve(out, 64);
	op = out->p + out->len;
	ol = out->cap - out->len - 1;
	iconv(cd, NULL, NULL, &op, &ol);
	out->len = (size_t)(op - out->p);
	out->p[out->len] = '\0';
	iconv(cd, NULL, NULL, NULL, NULL);
}

/*
 * Convert s[0..n) with cd, appending UTF-8 to out.  Returns the bytes
 * consumed: all, except an incomplete sequence at the end when !final.
 * An undecodable unit (unit bytes) becomes U+FFFD, counted in *bad; with
 * final an incomplete end does too, and cd is flushed and reset.
 */
static size_t
icv(iconv_t cd, struct buf *out, const unsigned char *s, size_t n,
    size_t unit, int final, unsigned long *bad)
{
	char *ip = (char *)s, *op;
	size_t il = n, ol, r, k;

	for (;;) {
		buf_reserve(out, il * 4 + 64);
		op = out->p + out->len;
		ol = out->cap - out->len - 1;
		r = iconv(cd, &ip, &il, &op, &ol);
		out->len = (size_t)(op - out->p);
		out->p[out->len] = '\0';
		if (r != (size_t)-1 || il == 0)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final)
			break;
		icflush(cd, out);
		text_addcp(out, 0xfffd);
		(*bad)++;
		k = il < unit ? il : unit;
		ip += k;
		il -= k;
	}
	if (final)
		icflush(cd, out);
	return n - il;
}

/* The TCVN5712-1 descriptor, opened on first use. */
static iconv_t
tcvncd(void)
{
	if (tcvn_cd == (iconv_t)-1 &&
	    (tcvn_cd = iconv_open("UTF-8", "TCVN5712-1")) == (iconv_t)-1)
		cbcc_err(EXIT_DATA, "iconv TCVN5712-1");
	return tcvn_cd;
}

/*
 * Decode TCVN3 bytes s[0..n) into out (see enc.h): glibc TCVN5712-1, but
 * C0 bytes as themselves and 0x80-0x9F as Windows-1252; output NFC (glibc
 * leaves ư + a combining tone byte apart).
 */
static void
dec_tcvn3(struct buf *out, const unsigned char *s, size_t n,
    unsigned long *bad)
{
	struct buf t = { NULL, 0, 0 };
	size_t i = 0, j;
	int32_t c;

	while (i < n) {
		for (j = i; j < n && s[j] >= 0x20 && (s[j] < 0x80 ||
		    s[j] >= 0xa0); j++)
			;
		if (j > i)
			icv(tcvncd(), &t, s + i, j - i, 1, 1, bad);
		if (j == n)
			break;
		if ((c = from1252(s[j])) < 0) {
			c = 0xfffd;
			(*bad)++;
		}
		text_addcp(&t, c);
		i = j + 1;
	}
	text_nfc(out, t.p != NULL ? t.p : "", t.len);
	buf_free(&t);
}

/*
 * VNI modifier byte b: *grp 0 tone only, 1 circumflex, 2 breve; *tone
 * 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng.  0 if b is no modifier.
 */
static int
vnimod(unsigned char b, int *grp, int *tone)
{
	static const unsigned char mods[3][6] = {
		{ 0, 0xf9, 0xf8, 0xfb, 0xf5, 0xef },	/* ù ø û õ ï */
		{ 0xe2, 0xe1, 0xe0, 0xe5, 0xe3, 0xe4 },	/* â á à å ã ä */
		{ 0xea, 0xe9, 0xe8, 0xfa, 0xfc, 0xeb }	/* ê é è ú ü ë */
	};
	int g, t;

	if (b >= 0xc0 && b < 0xe0)
		b += 0x20;
	for (g = 0; g < 3; g++)
		for (t = 0; t < 6; t++)
			if (mods[g][t] != 0 && mods[g][t] == b) {
				*grp = g;
				*tone = t;
				return 1;
			}
	return 0;
}

/* Combining marks of the tones 1-5. */
static const int32_t tonemark[6] = { 0, 0x301, 0x300, 0x309, 0x303, 0x323 };

/*
 * Decode VNI-Windows bytes s[0..n) into out, NFC: a vowel followed by a
 * modifier byte of its case (ù ø û õ ï tones, â á à å ã ä circumflex on
 * a e o, ê é è ú ü ë breve on a; capitals alike; i has none), ô ö ñ for
 * ơ ư đ, í ì æ ó ò î for í ì ỉ ĩ ị ỵ;
 * a modifier with nothing to modify is U+FFFD, counted in *bad; other
 * bytes are Windows-1252.
 */
static void
dec_vni(struct buf *out, const unsigned char *s, size_t n,
    unsigned long *bad)
{
	static const char singles[] = "\xed\xec\xe6\xf3\xf2\xee";
	struct buf t = { NULL, 0, 0 };
	size_t i;
	int32_t c;
	int grp, tone, lb, k;

	for (i = 0; i < n; i++) {
		unsigned char b = s[i];
		unsigned char lo = (b >= 0xc0 && b < 0xe0) ? b + 0x20 : b;

		lb = b < 0x80 ? (b | 0x20) : lo;
		if (b < 0x80 && strchr("aeiouy", lb) != NULL && lb != 0) {
			text_addcp(&t, b);
		} else if (lo == 0xf4 || lo == 0xf6) {
			c = lo == 0xf4 ? 0x1a1 : 0x1b0;
			text_addcp(&t, b == lo ? c : c - 1);
		} else if (lo == 0xf1) {
			text_addcp(&t, b == lo ? 0x111 : 0x110);
			continue;
		} else if (lo >= 0xe0 && strchr(singles, lo) != NULL) {
			k = (int)(strchr(singles, lo) - singles);
			text_addcp(&t, k == 5 ? (b == lo ? 'y' : 'Y') :
			    (b == lo ? 'i' : 'I'));
			text_addcp(&t, tonemark[k == 5 ? 5 : k + 1]);
			continue;
		} else if (vnimod(b, &grp, &tone)) {
			text_addcp(&t, 0xfffd);
			(*bad)++;
			continue;
		} else {
			if ((c = from1252(b)) < 0) {
				c = 0xfffd;
				(*bad)++;
			}
			text_addcp(&t, c);
			continue;
		}
		/* A vowel: a modifier of its case may follow. */
		if (i + 1 < n && vnimod(s[i + 1], &grp, &tone) &&
		    ((b == lb) == (s[i + 1] >= 0xe0)) &&
		    ((grp == 0 && lb != 'i') ||
		    (grp == 1 && strchr("aeo", lb) != NULL) ||
		    (grp == 2 && lb == 'a'))) {
			if (grp == 1)
				text_addcp(&t, 0x302);
			else if (grp == 2)
				text_addcp(&t, 0x306);
			if (tone > 0)
				text_addcp(&t, tonemark[tone]);
			i++;
		}
	}
	text_nfc(out, t.p != NULL ? t.p : "", t.len);
	buf_free(&t);
}

/* Decode by kind (K_TCVN3 or K_VNI). */
static void
dec(int kind, struct buf *out, const unsigned char *s, size_t n,
    unsigned long *bad)
{
	if (kind == K_TCVN3 || kind == K_FIXTCVN3)
		dec_tcvn3(out, s, n, bad);
	else
		dec_vni(out, s, n, bad);
}

/* Repair p[0..len) with the Windows-1252 bytes decoded by kind. */
static int
fix(int kind, struct buf *out, const char *p, size_t len)
{
	struct buf raw = { NULL, 0, 0 };
	unsigned long bad = 0;
	int ok;

	if ((ok = to1252(&raw, p, len)))
		dec(kind, out, (unsigned char *)raw.p, raw.len, &bad);
	else
		buf_add(out, p, len);
	buf_free(&raw);
	return ok;
}

int
enc_fix_tcvn3(struct buf *out, const char *p, size_t len)
{
	return fix(K_TCVN3, out, p, len);
}

int
enc_fix_vni(struct buf *out, const char *p, size_t len)
{
	return fix(K_VNI, out, p, len);
}

/*
 * Code point c as a Vietnamese letter: *sym gets its lowercase letter with
 * its vowel mark folded in (â A, ă W, ê E, ô O, ơ P, ư U, đ D), *tone 0-5,
 * *up whether it is a capital.  0 if c is no Vietnamese letter.
 */
static int
vnletter(int32_t c, char *sym, int *tone, int *up)
{
	utf8proc_int32_t d[4];
	utf8proc_ssize_t n, i;
	int bc = 0, q = 0;
	char b;

	*tone = 0;
	if (c == 0x110 || c == 0x111) {
		*sym = 'D';
		*up = c == 0x110;
		return 1;
	}
	n = utf8proc_decompose_char(c, d, 4, UTF8PROC_DECOMPOSE, &bc);
	if (n < 1 || n > 3 || d[0] > 0x7f ||
	    !((d[0] | 0x20) >= 'a' && (d[0] | 0x20) <= 'z'))
		return 0;
	*up = d[0] < 'a';
	b = (char)(d[0] | 0x20);
	for (i = 1; i < n; i++) {
		int k;

		for (k = 1; k < 6 && tonemark[k] != d[i]; k++)
			;
		if (k < 6 && *tone == 0 && strchr("aeiouy", b) != NULL)
			*tone = k;
		else if (q == 0 && (d[i] == 0x302 || d[i] == 0x306 ||
		    d[i] == 0x31b))
			q = d[i];
		else
			return 0;
	}
	if (q == 0)
		*sym = b;
	else if (q == 0x302 && b == 'a')
		*sym = 'A';
	else if (q == 0x302 && b == 'e')
		*sym = 'E';
	else if (q == 0x302 && b == 'o')
		*sym = 'O';
	else if (q == 0x306 && b == 'a')
		*sym = 'W';
	else if (q == 0x31b && b == 'o')
		*sym = 'P';
	else if (q == 0x31b && b == 'u')
		*sym = 'U';
	else
		return 0;
	return 1;
}

/*
 * Whether nucleus v[0..n) followed by coda k is a Vietnamese rime (i, y,
 * uy, uê take nh and ch, not ng and c), with tone (0-5) on letter tpos
 * of the nucleus (-1: no tone): on the last
 * vowel before a coda, else on the first of two (but either for oa, oe,
 * uy: hòa and hoà) or the middle one of three (uê, uơ: the second).
 */
static int
rime(const char *v, size_t n, const char *k, int tone, int tpos)
{
	static const char *const both[] = { "a", "e", "E", "i", "o", "O",
		"P", "u", "U", "y", "oa", "oe", "uy", "uE", NULL };
	static const char *const closed[] = { "W", "A", "iE", "yE", "uO",
		"UP", "oW", "uA", "uyE", "oo", NULL };
	static const char *const open[] = { "ai", "ao", "au", "ay", "Au",
		"Ay", "eo", "Eu", "ia", "iu", "oi", "Oi", "Pi", "ua", "ui",
		"Ua", "Ui", "Uu", "uOi", "UPi", "UPu", "iEu", "yEu", "oai",
		"oao", "oay", "oeo", "uAy", "uya", "uyu", "uP", NULL };
	static const char *const palatal[] = { "a", "E", "i", "y", "oa",
		"uy", "uE", NULL };
	const char *const *l;
	int ok = 0;

	if (n == 0)
		return 0;
	if (*k == '\0')
		l = open;
	else
		l = closed;
	for (; *l != NULL && !ok; l++)
		ok = strlen(*l) == n && memcmp(*l, v, n) == 0;
	for (l = both; *l != NULL && !ok; l++)
		ok = strlen(*l) == n && memcmp(*l, v, n) == 0;
	if (!ok)
		return 0;
	if (strcmp(k, "ch") == 0 || strcmp(k, "nh") == 0) {
		for (ok = 0, l = palatal; *l != NULL && !ok; l++)
			ok = strlen(*l) == n && memcmp(*l, v, n) == 0;
		if (!ok)
			return 0;
	}
	if (strchr("cpt", *k) != NULL && *k != '\0' && tone != 1 &&
	    tone != 5)
		return 0;
	if ((strcmp(k, "ng") == 0 || strcmp(k, "c") == 0) && (n == 1 ?
	    (*v == 'i' || *v == 'y') : (n == 2 && (memcmp(v, "uy", 2) == 0 ||
	    memcmp(v, "uE", 2) == 0))))
		return 0;
	if (tpos < 0 || n == 1)
		return tpos <= 0;
	if (*k != '\0')
		return tpos == (int)n - 1;
	if (n == 3)
		return tpos == 1;
	if (memcmp(v, "oa", 2) == 0 || memcmp(v, "oe", 2) == 0 ||
	    memcmp(v, "uy", 2) == 0)
		return 1;
	if (memcmp(v, "uE", 2) == 0 || memcmp(v, "uP", 2) == 0)
		return tpos == 1;
	return tpos == 0;
}

/*
 * Whether s (letters as vnletter folds them) is a Vietnamese syllable with
 * tone on letter tpos (-1: none); gh, ngh and k only before i e ê (k: y).
 */
static int
syllable(const char *s, int tone, int tpos)
{
	static const char *const onsets[] = { "ngh", "ng", "nh", "ch", "gh",
		"gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "D", "g",
		"h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "f",
		"j", "w", "z", "", NULL };
	static const char *const codas[] = { "ng", "nh", "ch", "c", "m",
		"n", "p", "t", "", NULL };
	const char *const *o, *const *k, *r;
	size_t n = strlen(s), rl, kl;

	for (o = onsets; *o != NULL; o++) {
		if (strncmp(s, *o, strlen(*o)) != 0)
			continue;
		r = s + strlen(*o);
		rl = n - strlen(*o);
		if ((strcmp(*o, "gh") == 0 || strcmp(*o, "ngh") == 0 ||
		    strcmp(*o, "k") == 0) && (*r == '\0' ||
		    strchr(strcmp(*o, "k") == 0 ? "ieEy" : "ieE", *r) == NULL))
			continue;
		for (k = codas; *k != NULL; k++) {
			kl = strlen(*k);
			if (kl < rl && strcmp(r + rl - kl, *k) == 0 &&
			    rime(r, rl - kl, *k, tone, tpos < 0 ? -1 :
			    tpos - (int)strlen(*o)))
				return 1;
		}
	}
	return 0;
}

/*
 * Whether code points c[0..n) make a Vietnamese word: a syllable, or a
 * capital abbreviation of two letters or more without marks but Đ's.  Unless anycase, only
 * "xxx", "Xxx" and "XXX" are Vietnamese.
 */
static int
vnword(const int32_t *c, size_t n, int anycase)
{
	char s[32], sym;
	int tone = 0, tpos = -1, t, up, allup = 1, laterup = 0, plain = 1;
	size_t i;

	if (n == 0 || n >= sizeof(s))
		return 0;
	for (i = 0; i < n; i++) {
		if (!vnletter(c[i], &sym, &t, &up))
			return 0;
		if (t != 0) {
			if (tone != 0)
				return 0;
			tone = t;
			tpos = (int)i;
		}
		if (t != 0 || (sym != (char)(c[i] | 0x20) && sym != 'D'))
			plain = 0;
		if (!up)
			allup = 0;
		else if (i > 0)
			laterup = 1;
		s[i] = sym;
	}
	s[n] = '\0';
	if (allup && plain && n >= 2)
		return 1;
	if (laterup && !allup && !anycase)
		return 0;
	return syllable(s, tone, tpos);
}

/* Whether code point c belongs to a word: letters, and Latin-1 signs. */
static int
wordcp(int32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return c > 0xa0 && !(c >= 0x2000 && c <= 0x22ff);
}

/* UTF-8 p[0..len) as code points into c[0..max); how many, -1 if bad. */
static ssize_t
cps(const char *p, size_t len, int32_t *c, size_t max)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_ssize_t n;
	size_t i = 0, k = 0;

	while (i < len) {
		n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c[k]);
		if (n < 0 || k + 1 >= max)
			return -1;
		i += (size_t)n;
		k++;
	}
	return (ssize_t)k;
}

/*
 * The answers of wordkind for the words last met, by a hash of the word:
 * a roster's words are a few thousand syllables, met again and again.
 */
#define WORDMEMO	4096
static struct wordmemo {
	unsigned char	 len;		/* length of the word, 0: empty slot */
	char		 kind;		/* K_TCVN3 or K_VNI */
	char		 res;		/* wordkind's answer */
	char		 w[29];		/* the word's bytes */
} wordmemo[WORDMEMO];

static int	wordkind1(int, const char *, size_t);

/*
 * A word p[0..len) (UTF-8, every character with a Windows-1252 byte, some
 * not ASCII) read as it stands and as kind repairs it: 'M' Vietnamese only
 * once repaired (then of two letters or more), 'U' only as it stands,
 * 'A' both ways, 0 neither.
 */
static int
wordkind(int kind, const char *p, size_t len)
{
	int r;
	struct wordmemo *e = NULL;
	uint32_t h = 2166136261u;
	size_t i;

	if (len <= sizeof(e->w)) {
		/* The answer for a word met before (FNV-1a of kind and word). */
		h = (h ^ (uint32_t)kind) * 16777619u;
		for (i = 0; i < len; i++)
			h = (h ^ (unsigned char)p[i]) * 16777619u;
		e = &wordmemo[h % WORDMEMO];
		if (e->len == len && e->kind == kind &&
		    memcmp(e->w, p, len) == 0)
			return e->res;
	}
	r = wordkind1(kind, p, len);
	if (e != NULL) {
		e->len = (unsigned char)len;
		e->kind = (char)kind;
		e->res = (char)r;
		memcpy(e->w, p, len);
	}
	return r;
}

/* wordkind without the memo. */
static int
wordkind1(int kind, const char *p, size_t len)
{
	int32_t c[32];
	struct buf b = { NULL, 0, 0 };
	ssize_t n, m;
	int asis, rep;

	if ((n = cps(p, len, c, 32)) < 0)
		return 0;
	asis = vnword(c, (size_t)n, 0);
	fix(kind, &b, p, len);
	m = cps(b.p, b.len, c, 32);
	rep = m >= 0 && vnword(c, (size_t)m, 1);
	buf_free(&b);
	if (rep && !asis)
		return m >= 2 ? 'M' : 0;
	if (asis && !rep)
		return 'U';
	return asis && rep ? 'A' : 0;
}

/*
 * Count the words of UTF-8 p[0..len) by wordkind into cnt['M'], cnt['U'],
 * cnt['A'], stopping when cnt['M'] reaches stop.  Words holding characters
 * with no Windows-1252 byte are skipped; returns 1 if there were any such
 * characters that are Vietnamese letters or combining marks, -1 if p is
 * not UTF-8, else 0.
 */
static int
words(int kind, const char *p, size_t len, size_t cnt[128], size_t stop)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_ssize_t n;
	int32_t c;
	size_t i = 0, w = 0;
	int inw = 0, high = 0, no1252 = 0, uni = 0, k, t, up;
	char sym;

	for (;;) {
		n = 0;
		if (i < len) {
			n = utf8proc_iterate(s + i,
			    (utf8proc_ssize_t)(len - i), &c);
			if (n < 0)
				return -1;
		}
		if (i < len && wordcp(c)) {
			if (!inw) {
				inw = 1;
				w = i;
				high = no1252 = 0;
			}
			if (c >= 0x80)
				high = 1;
			if (to1252c(c) < 0) {
				no1252 = 1;
				if (!uni && vnletter(c, &sym, &t, &up))
					uni = 1;
			}
		} else {
			if (inw && high && !no1252) {
				k = wordkind(kind, p + w, i - w);
				cnt[k]++;
				if (cnt['M'] >= stop)
					return uni;
			}
			inw = 0;
			if (i < len && c >= 0x300 && c <= 0x323)
				uni = 1;
		}
		if (i >= len)
			break;
		i += (size_t)n;
	}
	return uni;
}

/* Evident mojibake words of kind in p[0..len), counted up to stop. */
static size_t
evident(int kind, const char *p, size_t len, size_t stop)
{
	size_t cnt[128] = { 0 };

	if (words(kind, p, len, cnt, stop) < 0)
		return 0;
	return cnt['M'];
}

/*
 * Whether every character of UTF-8 p[0..len) that is not ASCII is one VNI
 * uses for Vietnamese (a modifier, ô ö ñ, í ì æ ó ò î, or a capital of
 * them): TCVN3 mojibake nearly always has others (§ ¹ µ ¸ ­ ¬ « ª).
 */
static int
vnichars(const char *p, size_t len)
{
	static const char vch[] = "\xf9\xf8\xfb\xf5\xef\xe2\xe1\xe0\xe5\xe3"
	    "\xe4\xea\xe9\xe8\xfa\xfc\xeb\xf4\xf6\xf1\xed\xec\xe6\xf3\xf2\xee";
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)p;
	utf8proc_ssize_t n;
	int32_t c;
	size_t i = 0;

	while (i < len) {
		if ((n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i),
		    &c)) < 0)
			return 0;
		if (c >= 0xc0 && c < 0xe0 && c != 0xd7)
			c += 0x20;
		if (c >= 0x80 && (c < 0xe0 || c > 0xff ||
		    strchr(vch, (char)c) == NULL))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/*
 * Which mojibake p[0..len) holds: 'T' TCVN3, 'V' VNI, 0 none; the one with
 * more evident words, on a tie VNI if vnichars says so.
 */
static int
looks1(const char *p, size_t len)
{
	size_t t = evident(K_TCVN3, p, len, GUESSMAX);
	size_t v = evident(K_VNI, p, len, GUESSMAX);

	if (t == 0 && v == 0)
		return 0;
	if (t != v)
		return t > v ? 'T' : 'V';
	return vnichars(p, len) ? 'V' : 'T';
}

/*
 * looks1, remembered for the texts last met (by a hash of the text): a
 * cell is asked about twice (enc_looks_tcvn3, enc_looks_vni), and the
 * cells of a column repeat.
 */
#define LOOKMEMO	1024
static struct lookmemo {
	unsigned char	 len;		/* length of the text, 0: empty slot */
	char		 res;		/* looks1's answer */
	char		 p[62];		/* the text's bytes */
} lookmemo[LOOKMEMO];

static int
looks(const char *p, size_t len)
{
	struct lookmemo *e;
	uint32_t h = 2166136261u;
	size_t i;

	if (len == 0 || len > sizeof(e->p))
		return looks1(p, len);
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	e = &lookmemo[h % LOOKMEMO];
	if (e->len != len || memcmp(e->p, p, len) != 0) {
		e->res = (char)looks1(p, len);
		e->len = (unsigned char)len;
		memcpy(e->p, p, len);
	}
	return e->res;
}

int
enc_looks_tcvn3(const char *p, size_t len)
{
	return looks(p, len) == 'T';
}

int
enc_looks_vni(const char *p, size_t len)
{
	return looks(p, len) == 'V';
}

/* Words of UTF-8 p[0..len) that are Vietnamese and not ASCII. */
static size_t
vncount(const char *p, size_t len)
{
	int32_t c[32];
	size_t i = 0, w = 0, cnt = 0;
	ssize_t n;
	int32_t cp;
	utf8proc_ssize_t k;
	int inw = 0;

	for (;;) {
		k = 0;
		if (i < len && (k = utf8proc_iterate((const utf8proc_uint8_t *)
		    p + i, (utf8proc_ssize_t)(len - i), &cp)) < 0)
			return cnt;
		if (i < len && wordcp(cp)) {
			if (!inw)
				w = i;
			inw = 1;
		} else {
			if (inw && !text_ascii(p + w, i - w) &&
			    (n = cps(p + w, i - w, c, 32)) > 0 &&
			    vnword(c, (size_t)n, 0))
				cnt++;
			inw = 0;
		}
		if (i >= len)
			break;
		i += (size_t)k;
	}
	return cnt;
}

const char *
enc_guess(const char *p, size_t len)
{
	struct buf b = { NULL, 0, 0 };
	size_t bad = 0, i, t, v, w;
	unsigned long bad1258 = 0;
	const char *r;
	iconv_t cd;
	int32_t c;

	if (text_valid(p, len, &bad) || len - bad < 4) {
		if (!text_valid(p, len, NULL))
			len = bad;
		t = evident(K_TCVN3, p, len, GUESSMAX);
		v = evident(K_VNI, p, len, GUESSMAX);
		if (t == 0 && v == 0)
			return NULL;
		return t >= v ? "tcvn3-in-utf8" : "vni-in-utf8";
	}
	for (i = 0; i < len; i++)
		if ((c = from1252((unsigned char)p[i])) >= 0)
			text_addcp(&b, c);
	t = evident(K_TCVN3, b.p, b.len, GUESSMAX);
	v = evident(K_VNI, b.p, b.len, GUESSMAX);
	buf_reset(&b);
	if ((cd = iconv_open("UTF-8", "CP1258")) != (iconv_t)-1) {
		icv(cd, &b, (const unsigned char *)p, len, 1, 1, &bad1258);
		iconv_close(cd);
	}
	w = vncount(b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	if (t > v && t > w)
		r = "tcvn3";
	else if (v > t && v > w)
		r = "vni";
	else
		r = "cp1258";
	return r;
}

/* Whether byte c ends a mojibake cell. */
static int
cellend(int c)
{
	return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '"';
}

/*
 * Whether mojibake cell p[0..len) is to be repaired (see enc.h); notes a
 * Unicode Vietnamese cell in e->seenuni.
 */
static int
verdict(struct enc *e, const char *p, size_t len)
{
	size_t cnt[128] = { 0 };
	struct buf b = { NULL, 0, 0 };

	if (text_ascii(p, len))
		return 0;
	if (!to1252(&b, p, len)) {
		buf_free(&b);
		if (words(e->kind, p, len, cnt, (size_t)-1) > 0)
			e->seenuni = 1;
		return 0;
	}
	buf_free(&b);
	if (words(e->kind, p, len, cnt, (size_t)-1) < 0)
		return 0;
	if (cnt['M'] != cnt['U'])
		return cnt['M'] > cnt['U'];
	return !e->seenuni;
}

/* Look at the cells of in[0..inlen) for Unicode Vietnamese. */
static void
prescan(struct enc *e)
{
	size_t i = 0, j;

	while (i < e->inlen && !e->seenuni) {
		for (j = i; j < e->inlen && !cellend(e->in[j]); j++)
			;
		verdict(e, (char *)e->in + i, j - i);
		i = j + 1;
	}
}

/* Drop the first n bytes of e->in. */
static void
consume(struct enc *e, size_t n)
{
	memmove(e->in, e->in + n, e->inlen - n);
	e->inlen -= n;
}

struct enc *
enc_open(const char *path, const char *encoding)
{
	const struct encname *nm;
	struct enc *e;
	int fd;

	if ((nm = lookup(encoding != NULL ? encoding : "auto")) == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if (path == NULL || strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	e = xcalloc(1, sizeof(*e));
	e->fd = fd;
	e->kind = nm->kind;
	e->anybom = nm->canon == NULL;
	e->name = nm->canon != NULL ? nm->canon : "utf-16le";
	e->icname = nm->icname;
	e->unit = e->kind == K_UTF16 ? 2 : 1;
	e->cd = (iconv_t)-1;
	e->incap = 2 * READSZ;
	e->in = xmalloc(e->incap);
	return e;
}

/* Whether in[] starts with the n bytes of s; drops them if so. */
static int
bom(struct enc *e, const char *s, size_t n)
{
	if (e->inlen < n || memcmp(e->in, s, n) != 0)
		return 0;
	consume(e, n);
	return 1;
}

/*
 * The byte order of UTF-16 without a BOM, from the NUL bytes of s[0..n):
 * 'l' if a third of the first 256 units or more have a NUL high byte and
 * fewer than a quarter as many a NUL low byte, 'b' the other way round,
 * else 0 (UTF-8 text has no NUL bytes).
 */
static int
nulorder(const unsigned char *s, size_t n)
{
	size_t i, even = 0, odd = 0;

	if (n > 512)
		n = 512;
	n &= ~(size_t)1;
	for (i = 0; i < n; i += 2) {
		even += s[i] == 0;
		odd += s[i + 1] == 0;
	}
	if (n < 4)
		return 0;
	if (odd * 3 >= n / 2 && even * 4 < odd)
		return 'l';
	if (even * 3 >= n / 2 && odd * 4 < even)
		return 'b';
	return 0;
}

/* Look at the start of the input: BOMs, byte order; open iconv. */
static int
start(struct enc *e)
{
	const unsigned char *s = e->in;
	int k;

	e->started = 1;
	if (e->kind == K_AUTO) {
		e->kind = K_UTF8;
		if (bom(e, "\xef\xbb\xbf", 3))
			e->name = "utf-8 (BOM)";
		else if (e->inlen >= 2 && ((s[0] == 0xff && s[1] == 0xfe) ||
		    (s[0] == 0xfe && s[1] == 0xff)))
			e->kind = K_UTF16, e->anybom = 1, e->unit = 2;
		else if ((k = nulorder(s, e->inlen)) != 0) {
			e->kind = K_UTF16, e->unit = 2;
			e->name = k == 'l' ? "utf-16le (no BOM)" :
			    "utf-16be (no BOM)";
			e->icname = k == 'l' ? "UTF-16LE" : "UTF-16BE";
		}
	}
	if (e->kind == K_UTF8 || e->kind == K_FIXTCVN3 || e->kind == K_FIXVNI)
		bom(e, "\xef\xbb\xbf", 3);
	if (e->kind == K_FIXTCVN3 || e->kind == K_FIXVNI)
		prescan(e);
	if (e->kind == K_UTF16) {
		if (e->anybom) {
			if (bom(e, "\xfe\xff", 2)) {
				e->name = "utf-16be";
				e->icname = "UTF-16BE";
			} else {
				bom(e, "\xff\xfe", 2);
				e->name = "utf-16le";
				e->icname = "UTF-16LE";
			}
		} else if (strcmp(e->icname, "UTF-16LE") == 0)
			bom(e, "\xff\xfe", 2);
		else
			bom(e, "\xfe\xff", 2);
	}
	if (e->icname != NULL &&
	    (e->cd = iconv_open("UTF-8", e->icname)) == (iconv_t)-1)
		return -1;
	return 0;
}

/* Read more raw input; -1 on a read error. */
static int
fill(struct enc *e)
{
	ssize_t n;

	if (e->eof)
		return 0;
	if (e->incap - e->inlen < READSZ) {
		e->incap *= 2;
		e->in = xrealloc(e->in, e->incap);
	}
	if ((n = read(e->fd, e->in + e->inlen, READSZ)) == -1)
		return -1;
	if (n == 0)
		e->eof = 1;
	e->inlen += (size_t)n;
	return 0;
}

/*
 * Repair the mojibake cells of in[] that are complete, into out: all of
 * them at the end of the input, else those up to the last cell end; a
 * cell longer than CELLMAX is cut before a UTF-8 character.
 */
static void
fixcells(struct enc *e)
{
	size_t cut = e->inlen, i, j;

	if (!e->eof) {
		for (cut = e->inlen; cut > 0 && !cellend(e->in[cut - 1]);
		    cut--)
			;
		if (cut == 0 && e->inlen >= CELLMAX)
			for (cut = e->inlen - 1; cut > 0 &&
			    (e->in[cut] & 0xc0) == 0x80; cut--)
				;
	}
	for (i = 0; i < cut; i = j + 1) {
		for (j = i; j < cut && !cellend(e->in[j]); j++)
			;
		if (verdict(e, (char *)e->in + i, j - i)) {
			fix(e->kind, &e->out, (char *)e->in + i, j - i);
			e->fixed++;
		} else
			buf_add(&e->out, e->in + i, j - i);
		if (j < cut)
			buf_addc(&e->out, e->in[j]);
	}
	consume(e, cut);
}

/*
 * Whether legacy byte b must wait for the next: a TCVN3 letter a combining
 * tone byte may follow, a VNI vowel a modifier may follow.
 */
static int
holdlast(int kind, unsigned char b)
{
	if (kind == K_TCVN3)
		return b < 0xb0 || b > 0xb4;
	return strchr("aeiouyAEIOUY\xf4\xf6\xd4\xd6", b) != NULL && b != 0;
}

/* Convert what can be converted of in[] into out. */
static void
convert(struct enc *e)
{
	size_t n;

	switch (e->kind) {
	case K_UTF8:
		buf_add(&e->out, e->in, e->inlen);
		consume(e, e->inlen);
		break;
	case K_UTF16:
	case K_ICONV:
		n = icv(e->cd, &e->out, e->in, e->inlen, e->unit, e->eof,
		    &e->bad);
		consume(e, n);
		break;
	case K_TCVN3:
	case K_VNI:
		n = e->inlen;
		if (!e->eof && n > 0 && holdlast(e->kind, e->in[n - 1]))
			n--;
		dec(e->kind, &e->out, e->in, n, &e->bad);
		consume(e, n);
		break;
	default:
		fixcells(e);
		break;
	}
	if (e->eof && e->inlen == 0)
		e->done = 1;
}

ssize_t
enc_read(void *ctx, char *buf, size_t n)
{
	struct enc *e = ctx;
	ssize_t r;
	size_t k;

	/*
	 * UTF-8 passes as it is: once what was read ahead is given, it is
	 * read straight into the caller's buffer, not copied twice.
	 */
	if (e->started && e->kind == K_UTF8 && e->outpos == e->out.len &&
	    e->inlen == 0 && !e->done) {
		if ((r = read(e->fd, buf, n)) == 0)
			e->eof = e->done = 1;
		return r;
	}
	while (e->outpos == e->out.len) {
		if (e->done)
			return 0;
		buf_reset(&e->out);
		e->outpos = 0;
		if (fill(e) == -1)
			return -1;
		if (!e->started) {
			if (!e->eof && e->inlen < (e->kind == K_FIXTCVN3 ||
			    e->kind == K_FIXVNI ? READSZ : 4))
				continue;
			if (start(e) == -1)
				return -1;
		}
		convert(e);
	}
	k = e->out.len - e->outpos;
	if (k > n)
		k = n;
	memcpy(buf, e->out.p + e->outpos, k);
	e->outpos += k;
	return (ssize_t)k;
}

const char *
enc_name(struct enc *e)
{
	return e->name;
}

unsigned long
enc_bad(struct enc *e)
{
	return e->bad;
}

unsigned long
enc_fixed(struct enc *e)
{
	return e->fixed;
}

void
enc_close(struct enc *e)
{
	if (e == NULL)
		return;
	if (e->fd > STDIN_FILENO)
		close(e->fd);
	if (e->cd != (iconv_t)-1)
		iconv_close(e->cd);
	free(e->in);
	buf_free(&e->out);
	free(e);
}
