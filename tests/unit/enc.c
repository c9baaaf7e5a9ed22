/*
 * enc - unit tests of the encoding layer (filters/lib/enc.c), as TAP.
 *
 * The expected text comes from elsewhere than enc.c: legacy bytes are
 * made with glibc iconv from UTF-8, the VNI bytes from the VNI table as
 * published in the xvnkb keyboard (base letter, then the CP1252 modifier
 * byte), and the mojibake by reading those bytes as Windows-1252.  The
 * words are tests/fixtures/enc/words.txt: names, places of Điện Biên,
 * qualifications, positions and the Vietnamese words of the project's
 * documents.  ENC_VERBOSE=1 in the environment lists the mojibake words
 * enc_looks_* does not see alone.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "enc.h"
#include "text.h"

#define WORDS	"tests/fixtures/enc/words.txt"
#define MAXW	1024
#define SZ	((size_t)-1)	/* check: strlen */

static int ntest, nfail;
static char tmpl[] = "/tmp/cbcc-enc.XXXXXX";

/* One TAP line: ok or not ok N - what. */
static int
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	ntest++;
	if (!cond)
		nfail++;
	printf("%sok %d - ", cond ? "" : "not ", ntest);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

/* A TAP comment showing bytes p[0..n). */
static void
diag(const char *what, const char *p, size_t n)
{
	size_t i;

	printf("# %s: ", what);
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			printf("\\x%02x", (unsigned char)p[i]);
		else
			putchar(p[i]);
	putchar('\n');
}

/* Convert p[0..n) from one iconv encoding to another into out; 0 if not. */
static int
conv(const char *from, const char *to, const char *p, size_t n,
    struct buf *out)
{
	iconv_t cd;
	char *ip = (char *)p, *op;
	size_t il = n, ol, r;

	buf_reset(out);
	if ((cd = iconv_open(to, from)) == (iconv_t)-1)
		return 0;
	buf_reserve(out, n * 4 + 16);
	op = out->p;
	ol = out->cap - 1;
	r = iconv(cd, &ip, &il, &op, &ol);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &op, &ol);
	out->len = (size_t)(op - out->p);
	out->p[out->len] = '\0';
	iconv_close(cd);
	return r != (size_t)-1;
}

/* Write p[0..n) to a fresh file; its name is tmpl. */
static void
mkfile(const void *p, size_t n)
{
	int fd;

	strcpy(tmpl + strlen(tmpl) - 6, "XXXXXX");
	if ((fd = mkstemp(tmpl)) == -1 || write(fd, p, n) != (ssize_t)n ||
	    close(fd) == -1) {
		perror(tmpl);
		exit(1);
	}
}

/*
 * Decode p[0..n) in encoding through a file and enc_read calls of chunk
 * bytes into out; *name and *bad get what enc tells.
 */
static void
decode(const void *p, size_t n, const char *encoding, size_t chunk,
    struct buf *out, const char **name, unsigned long *bad)
{
	static char nm[64];
	struct enc *e;
	char b[4096];
	ssize_t k;

	buf_reset(out);
	mkfile(p, n);
	if ((e = enc_open(tmpl, encoding)) == NULL) {
		perror("enc_open");
		exit(1);
	}
	while ((k = enc_read(e, b, chunk < sizeof(b) ? chunk : sizeof(b))) > 0)
		buf_add(out, b, (size_t)k);
	if (k < 0)
		buf_adds(out, "<read error>");
	snprintf(nm, sizeof(nm), "%s", enc_name(e));
	if (name != NULL)
		*name = nm;
	if (bad != NULL)
		*bad = enc_bad(e);
	enc_close(e);
	unlink(tmpl);
}

/* Whether out holds exactly the NUL-terminated s; shows both if not. */
static int
same(const struct buf *out, const char *s)
{
	if (out->len == strlen(s) && (out->len == 0 ||
	    memcmp(out->p, s, out->len) == 0))
		return 1;
	diag("got", out->p, out->len);
	diag("want", s, strlen(s));
	return 0;
}

/* Decode s in encoding and check the text, the name and the bad count. */
static void
check(const char *what, const void *p, size_t n, const char *encoding,
    const char *want, const char *wname, unsigned long wbad)
{
	struct buf out = { NULL, 0, 0 };
	const char *name;
	unsigned long bad;
	size_t chunks[] = { 65536, 1, 3 }, i;
	int good = 1;

	if (n == SZ)
		n = strlen(p);

	for (i = 0; i < 3 && good; i++) {
		decode(p, n, encoding, chunks[i], &out, &name, &bad);
		good = same(&out, want) && strcmp(name, wname) == 0 &&
		    bad == wbad;
		if (!good)
			printf("# read by %zu: name %s, bad %lu\n", chunks[i],
			    name, bad);
	}
	ok(good, "%s", what);
	buf_free(&out);
}

/*
 * The VNI table as the xvnkb keyboard publishes it, capitals: for A Â Ă
 * E Ê O Ô Ơ U Ư I Y the plain letter and sắc, huyền, hỏi, ngã, nặng;
 * then Đ.  The small letters are the same bytes plus 0x20.
 */
static const char *const vnicap[] = {
	"A", "A\xd9", "A\xd8", "A\xdb", "A\xd5", "A\xcf",
	"A\xc2", "A\xc1", "A\xc0", "A\xc5", "A\xc3", "A\xc4",
	"A\xca", "A\xc9", "A\xc8", "A\xda", "A\xdc", "A\xcb",
	"E", "E\xd9", "E\xd8", "E\xdb", "E\xd5", "E\xcf",
	"E\xc2", "E\xc1", "E\xc0", "E\xc5", "E\xc3", "E\xc4",
	"O", "O\xd9", "O\xd8", "O\xdb", "O\xd5", "O\xcf",
	"O\xc2", "O\xc1", "O\xc0", "O\xc5", "O\xc3", "O\xc4",
	"\xd4", "\xd4\xd9", "\xd4\xd8", "\xd4\xdb", "\xd4\xd5", "\xd4\xcf",
	"U", "U\xd9", "U\xd8", "U\xdb", "U\xd5", "U\xcf",
	"\xd6", "\xd6\xd9", "\xd6\xd8", "\xd6\xdb", "\xd6\xd5", "\xd6\xcf",
	"I", "\xcd", "\xcc", "\xc6", "\xd3", "\xd2",
	"Y", "Y\xd9", "Y\xd8", "Y\xdb", "Y\xd5", "\xce",
	"\xd1"
};
#define NVNI	(sizeof(vnicap) / sizeof(vnicap[0]))

static char letter[2 * NVNI][8];	/* UTF-8, capitals then small */
static char vni[2 * NVNI][4];		/* their VNI bytes */

/* Fill letter[] and vni[] in the order of vnicap. */
static void
letters(void)
{
	static const char *const base[] = { "A", "A\xcc\x82", "A\xcc\x86",
		"E", "E\xcc\x82", "O", "O\xcc\x82", "O\xcc\x9b", "U",
		"U\xcc\x9b", "I", "Y" };
	static const char *const tone[] = { "", "\xcc\x81", "\xcc\x80",
		"\xcc\x89", "\xcc\x83", "\xcc\xa3" };
	utf8proc_uint8_t *d;
	utf8proc_int32_t c;
	char s[16];
	size_t i, j;

	for (i = 0; i < NVNI; i++) {
		if (i == NVNI - 1)
			strcpy(s, "\xc4\x90");
		else
			snprintf(s, sizeof(s), "%s%s", base[i / 6],
			    tone[i % 6]);
		utf8proc_map((utf8proc_uint8_t *)s, 0, &d,
		    UTF8PROC_NULLTERM | UTF8PROC_COMPOSE);
		strcpy(letter[i], (char *)d);
		utf8proc_iterate(d, -1, &c);
		c = utf8proc_tolower(c);
		letter[NVNI + i][utf8proc_encode_char(c,
		    (utf8proc_uint8_t *)letter[NVNI + i])] = '\0';
		free(d);
		strcpy(vni[i], vnicap[i]);
		for (j = 0; vnicap[i][j] != '\0'; j++)
			vni[NVNI + i][j] = (char)((unsigned char)vnicap[i][j] +
			    0x20);
		vni[NVNI + i][j] = '\0';
	}
}

/*
 * The VNI bytes of UTF-8 NFC text w into out, by the table; 0 if w holds
 * a non-ASCII character the table lacks.
 */
static int
vniencode(const char *w, struct buf *out)
{
	const char *p = w;
	size_t i, l;

	buf_reset(out);
	while (*p != '\0') {
		if ((unsigned char)*p < 0x80) {
			buf_addc(out, *p++);
			continue;
		}
		for (i = 0; i < 2 * NVNI; i++) {
			l = strlen(letter[i]);
			if ((unsigned char)letter[i][0] >= 0x80 &&
			    strncmp(p, letter[i], l) == 0)
				break;
		}
		if (i == 2 * NVNI)
			return 0;
		buf_adds(out, vni[i]);
		p += l;
	}
	return 1;
}

/*
 * The TCVN3 bytes of w into out: glibc TCVN5712-1, when the bytes are
 * all in TCVN3 (no C0 or 0x80-0x9F capital of VN1); 0 if not.
 */
static int
tcvnencode(const char *w, struct buf *out)
{
	size_t i;

	if (!conv("UTF-8", "TCVN5712-1", w, strlen(w), out))
		return 0;
	for (i = 0; i < out->len; i++) {
		unsigned char b = (unsigned char)out->p[i];

		if ((b < 0x20 && b != '\n') || (b >= 0x80 && b < 0xa0))
			return 0;
	}
	return 1;
}

/* Read the words file into w[]; returns how many. */
static size_t
readwords(char *w[], size_t max)
{
	FILE *fp;
	char line[512];
	size_t n = 0;

	if ((fp = fopen(WORDS, "r")) == NULL) {
		perror(WORDS);
		exit(1);
	}
	while (n < max && fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] != '\0')
			w[n++] = xstrdup(line);
	}
	fclose(fp);
	return n;
}

static void
test_names(void)
{
	struct enc *e;

	ok(enc_known("utf-8") && enc_known("UTF8") && enc_known("utf-16") &&
	    enc_known("utf-16le") && enc_known("utf-16be") &&
	    enc_known("cp1258") && enc_known("windows-1258") &&
	    enc_known("tcvn3") && enc_known("abc") && enc_known("tcvn") &&
	    enc_known("vn3") && enc_known("vni") && enc_known("viscii") &&
	    enc_known("tcvn3-in-utf8") && enc_known("vni-in-utf8") &&
	    enc_known("auto") && enc_known("tcvn5712-1"),
	    "enc_known: every documented name, any case");
	ok(!enc_known("latin1") && !enc_known("") && !enc_known(NULL) &&
	    !enc_known("utf-32"), "enc_known: other names are not");
	errno = 0;
	e = enc_open("tests/fixtures/enc/no such file", NULL);
	ok(e == NULL && errno == ENOENT, "enc_open: missing file, ENOENT");
	errno = 0;
	e = enc_open(WORDS, "latin1");
	ok(e == NULL && errno == EINVAL, "enc_open: unknown encoding, EINVAL");
}

static void
test_letters(void)
{
	struct buf u = { NULL, 0, 0 }, b = { NULL, 0, 0 }, t = { NULL, 0, 0 };
	struct buf v = { NULL, 0, 0 };
	static const char *const ic[][3] = {
		{ "CP1258", "cp1258", "cp1258" },
		{ "VISCII", "viscii", "viscii" },
		{ "TCVN5712-1", "tcvn5712-1", "tcvn5712-1" },
		{ "TCVN5712-1", "vn1", "tcvn5712-1" }
	};
	size_t i, n = 0, nt = 0;

	for (i = 0; i < 2 * NVNI; i++) {
		if ((unsigned char)letter[i][0] < 0x80)
			continue;
		n++;
		buf_adds(&u, letter[i]);
		buf_addc(&u, ' ');
		buf_adds(&v, vni[i]);
		buf_addc(&v, ' ');
		if (tcvnencode(letter[i], &b)) {
			buf_adds(&t, letter[i]);
			buf_addc(&t, ' ');
			nt++;
		}
	}
	buf_addc(&u, '\n');
	buf_addc(&v, '\n');
	buf_addc(&t, '\n');
	ok(n == 134, "134 precomposed Vietnamese letters (%zu)", n);
	for (i = 0; i < 4; i++) {
		if (!conv("UTF-8", ic[i][0], u.p, u.len, &b)) {
			ok(0, "iconv to %s", ic[i][0]);
			continue;
		}
		check(ic[i][1], b.p, b.len, ic[i][1], u.p, ic[i][2], 0);
	}
	ok(nt == 90, "TCVN3 bytes carry the 67 small letters, Ă Â Ê Ô Ơ Ư Đ "
	    "and the 16 toned capitals VN1 puts among them (%zu)", nt);
	tcvnencode(t.p, &b);
	check("tcvn3: those 90 letters", b.p, b.len, "abc", t.p, "tcvn3", 0);
	check("vni: all 134 letters by the xvnkb table", v.p, v.len, "vni",
	    u.p, "vni", 0);
	buf_free(&u);
	buf_free(&b);
	buf_free(&t);
	buf_free(&v);
}

static void
test_legacy(void)
{
	check("tcvn3: C0 bytes stay controls (VN1 capitals there)",
	    "a\x01\x02\x04\x11\x17\tb\r\n", SZ, "tcvn3",
	    "a\x01\x02\x04\x11\x17\tb\r\n", "tcvn3", 0);
	check("tcvn5712-1: C0 bytes are VN1 capitals", "\x01\x11", SZ, "vn1",
	    "\xc3\x9a\xe1\xbb\xa8", "tcvn5712-1", 0);
	check("tcvn3: 0x80-0x9F are Windows-1252 punctuation",
	    "\x93\xa7\xb9i h\xe4\x63\x94 \x96 \x85", SZ, "tcvn3",
	    "\xe2\x80\x9c\xc4\x90\xe1\xba\xa1i h\xe1\xbb\x8d\x63\xe2\x80\x9d"
	    " \xe2\x80\x93 \xe2\x80\xa6", "tcvn3", 0);
	check("tcvn3: an undefined byte is U+FFFD, counted", "a\x81z", SZ,
	    "tcvn3", "a\xef\xbf\xbdz", "tcvn3", 1);
	check("tcvn3: letter + combining tone byte composes", "a\xb0 \xad\xb3",
	    5, "tcvn3", "\xc3\xa0 \xe1\xbb\xa9", "tcvn3", 0);
	check("cp1258: combining tone bytes compose to NFC",
	    "Vi\xeat Nam, \xd0i\xea\xf2n", SZ, "cp1258",
	    "Vi\xc3\xaat Nam, \xc4\x90i\xe1\xbb\x87n", "cp1258", 0);
	check("cp1258: an undefined byte is U+FFFD, counted", "x\x8ay", SZ,
	    "windows-1258", "x\xef\xbf\xbdy", "cp1258", 1);
	check("vni: words", "\xd1\x61\xefi ho\xef" "c, Tr\xf6\xf4\xf8ng, "
	    "\xd1ie\xe4n Bie\xe2n", SZ, "vni", "\xc4\x90\xe1\xba\xa1i "
	    "h\xe1\xbb\x8d\x63, Tr\xc6\xb0\xe1\xbb\x9dng, \xc4\x90i\xe1\xbb"
	    "\x87n Bi\xc3\xaan", "vni", 0);
	check("vni: a modifier with nothing to modify is U+FFFD, counted",
	    "\xf9n\xe2 \xe1", SZ, "vni",
	    "\xef\xbf\xbdn\xef\xbf\xbd \xef\xbf\xbd", "vni", 3);
	check("vni: other bytes are Windows-1252", "\x93x\x94 \xb0", SZ, "vni",
	    "\xe2\x80\x9cx\xe2\x80\x9d \xc2\xb0", "vni", 0);
	check("vni: a breve only on a, a circumflex only on a e o",
	    "oa\xea", SZ, "vni", "o\xc4\x83", "vni", 0);
	check("vni: capitals", "NGUYE\xc3N V\x41\xcaN H\x55\xd8NG", SZ,
	    "vni", "NGUY\xe1\xbb\x84N V\xc4\x82N H\xc3\x99NG", "vni", 0);
}

static void
test_utf(void)
{
	/* "Họ tên\tNăm\r\n😀" in UTF-16LE, BOM first. */
	static const char le[] = "\xff\xfeH\0\xcd\x1e \0t\0\xea\0n\0\t\0N\0"
	    "\x03\x01m\0\r\0\n\0\x3d\xd8\x00\xde";
	static const char be[] = "\xfe\xff\0H\x1e\xcd\0 \0t\0\xea\0n\0\t\0N"
	    "\x01\x03\0m\0\r\0\n\xd8\x3d\xde\x00";
	static const char want[] = "H\xe1\xbb\x8d t\xc3\xaan\tN\xc4\x83m\r\n"
	    "\xf0\x9f\x98\x80";

	check("utf-8: passes through", "H\xe1\xbb\x8d,x\n", 7, NULL,
	    "H\xe1\xbb\x8d,x\n", "utf-8", 0);
	check("utf-8: BOM dropped", "\xef\xbb\xbfH\xe1\xbb\x8d\n", 8, NULL,
	    "H\xe1\xbb\x8d\n", "utf-8 (BOM)", 0);
	check("utf-8: BOM dropped with --encoding utf-8",
	    "\xef\xbb\xbfx\n", 5, "utf8", "x\n", "utf-8", 0);
	check("utf-8: invalid bytes left for the caller", "a\xe0z\xff\n", 5,
	    NULL, "a\xe0z\xff\n", "utf-8", 0);
	check("utf-8: empty input", "", 0, NULL, "", "utf-8", 0);
	check("utf-16le: BOM, surrogate pair, CRLF kept", le, sizeof(le) - 1,
	    NULL, want, "utf-16le", 0);
	check("utf-16be: BOM", be, sizeof(be) - 1, NULL, want, "utf-16be", 0);
	check("utf-16le without BOM, by its NUL bytes", le + 2,
	    sizeof(le) - 3, NULL, want, "utf-16le (no BOM)", 0);
	check("utf-16be without BOM, by its NUL bytes", be + 2,
	    sizeof(be) - 3, NULL, want, "utf-16be (no BOM)", 0);
	check("--encoding utf-16: the BOM decides", be, sizeof(be) - 1,
	    "utf-16", want, "utf-16be", 0);
	check("--encoding utf-16: little-endian without one", le + 2,
	    sizeof(le) - 3, "UTF-16", want, "utf-16le", 0);
	check("--encoding utf-16le: its BOM dropped", le, sizeof(le) - 1,
	    "utf-16le", want, "utf-16le", 0);
	check("utf-16le: lone high surrogate is U+FFFD, counted",
	    "\xff\xfe\x3d\xd8\x41\0", 6, NULL, "\xef\xbf\xbd\x41",
	    "utf-16le", 1);
	check("utf-16le: lone low surrogate is U+FFFD, counted",
	    "\xff\xfe\x00\xde\x41\0", 6, NULL, "\xef\xbf\xbd\x41",
	    "utf-16le", 1);
	check("utf-16le: odd last byte is U+FFFD, counted",
	    "\xff\xfe\x41\0\x42", 5, NULL, "A\xef\xbf\xbd", "utf-16le", 1);
}

/*
 * Sequences cut by the 64 KiB reads of the file: each case padded so that
 * it starts 3, 2 and 1 bytes before the boundary, and at it.
 */
static void
test_splits(void)
{
	static const struct {
		const char	*enc;	/* --encoding */
		const char	*in;	/* bytes */
		size_t		 len;	/* how many */
		const char	*want;	/* UTF-8 */
		int		 wide;	/* pad with UTF-16LE "x" */
	} c[] = {
		{ "utf-16le", "\x3d\xd8\x00\xde\x41\0", 6,
		    "\xf0\x9f\x98\x80\x41", 1 },
		{ "utf-16le", "\xcd\x1e\x41\0", 4, "\xe1\xbb\x8d\x41", 1 },
		{ "cp1258", "a\xcc\xd0", 3, "\xc3\xa0\xc4\x90", 0 },
		{ "tcvn3", "a\xb0\xa7", 3, "\xc3\xa0\xc4\x90", 0 },
		{ "vni", "a\xf9o\xe4", 4, "\xc3\xa1\xe1\xbb\x99", 0 },
		{ "viscii", "\xd5\xa0", 2, "\xe1\xba\xa1\xc3\x95", 0 },
		{ "utf-8", "\xe1\xbb\x87\xf0\x9f\x98\x80", 7,
		    "\xe1\xbb\x87\xf0\x9f\x98\x80", 0 },
		{ "tcvn3-in-utf8", "\xc2\xa7\xc2\xb9i h\xc3\xa4\x63", 10,
		    "\xc4\x90\xe1\xba\xa1i h\xe1\xbb\x8d\x63", 0 },
		{ "vni-in-utf8", "\xc3\x91\x61\xc3\xafi", 6,
		    "\xc4\x90\xe1\xba\xa1i", 0 }
	};
	struct buf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	struct buf out = { NULL, 0, 0 };
	size_t i, sh, pad, k;
	int good;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		good = 1;
		for (sh = 0; sh <= 3 && good; sh++) {
			buf_reset(&in);
			buf_reset(&want);
			pad = 65536 - (c[i].wide ? 2 * sh : sh);
			for (k = 0; k < pad; k += c[i].wide ? 2 : 1) {
				buf_addc(&in, k + 1 == pad ? ',' : 'x');
				if (c[i].wide)
					buf_addc(&in, 0);
				buf_addc(&want, !c[i].wide && k + 1 == pad ?
				    ',' : 'x');
			}
			buf_add(&in, c[i].in, c[i].len);
			buf_adds(&want, c[i].want);
			decode(in.p, in.len, c[i].enc, 65536, &out, NULL, NULL);
			if (!(good = out.len == want.len &&
			    memcmp(out.p, want.p, want.len) == 0))
				diag("got end", out.p + pad / (c[i].wide ?
				    2 : 1), out.len - pad / (c[i].wide ?
				    2 : 1));
		}
		ok(good, "%s: a sequence across the 64 KiB read boundary",
		    c[i].enc);
	}
	buf_free(&in);
	buf_free(&want);
	buf_free(&out);
}

/* The mojibake of w (its legacy bytes read as Windows-1252) into out. */
static int
mojibake(const struct buf *legacy, struct buf *out)
{
	return conv("CP1252", "UTF-8", legacy->p, legacy->len, out);
}

static void
test_mojibake(void)
{
	char *w[MAXW];
	struct buf b = { NULL, 0, 0 }, m = { NULL, 0, 0 }, f = { NULL, 0, 0 };
	struct buf all = { NULL, 0, 0 }, allm = { NULL, 0, 0 };
	struct buf allv = { NULL, 0, 0 }, allvm = { NULL, 0, 0 };
	struct buf tall = { NULL, 0, 0 };
	size_t n, i, fp = 0, nfd = 0, tn = 0, thit = 0, tfix = 0, vn = 0;
	size_t vhit = 0, vfix = 0, hi = 0, vsame = 0;
	int verbose;
	utf8proc_uint8_t *d;

	verbose = getenv("ENC_VERBOSE") != NULL;
	n = readwords(w, MAXW);
	ok(n >= 300, "%zu real words and names to try", n);
	for (i = 0; i < n; i++) {
		size_t l = strlen(w[i]);

		if (!text_ascii(w[i], l))
			hi++;
		if (enc_looks_tcvn3(w[i], l) || enc_looks_vni(w[i], l)) {
			fp++;
			diag("false positive", w[i], l);
		}
		utf8proc_map((utf8proc_uint8_t *)w[i], 0, &d,
		    UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE);
		if (enc_looks_tcvn3((char *)d, strlen((char *)d)) ||
		    enc_looks_vni((char *)d, strlen((char *)d))) {
			nfd++;
			diag("false positive on NFD", w[i], l);
		}
		free(d);
		buf_adds(&all, w[i]);
		buf_addc(&all, '\n');
		if (tcvnencode(w[i], &b) && mojibake(&b, &m) &&
		    !text_ascii(w[i], l)) {
			tn++;
			buf_adds(&tall, w[i]);
			buf_addc(&tall, '\n');
			buf_add(&allm, m.p, m.len);
			buf_addc(&allm, '\n');
			if (enc_looks_tcvn3(m.p, m.len))
				thit++;
			else if (verbose)
				diag("tcvn3 mojibake not seen", m.p, m.len);
			buf_reset(&f);
			if (enc_fix_tcvn3(&f, m.p, m.len) && same(&f, w[i]))
				tfix++;
		}
		if (vniencode(w[i], &b) && mojibake(&b, &m)) {
			vn++;
			buf_adds(&allv, w[i]);
			buf_addc(&allv, '\n');
			buf_add(&allvm, m.p, m.len);
			buf_addc(&allvm, '\n');
			if (m.len == l && memcmp(m.p, w[i], l) == 0)
				vsame++;
			else if (enc_looks_vni(m.p, m.len))
				vhit++;
			else if (verbose)
				diag("vni mojibake not seen", m.p, m.len);
			buf_reset(&f);
			if (enc_fix_vni(&f, m.p, m.len) && same(&f, w[i]))
				vfix++;
		}
	}
	ok(fp == 0, "no false positive on %zu words (%zu with diacritics)",
	    n, hi);
	ok(nfd == 0, "no false positive on their NFD forms");
	ok(!enc_looks_tcvn3("Ho ten, Nam sinh; 12/12 (1)", 27) &&
	    !enc_looks_vni("Ho ten, Nam sinh; 12/12 (1)", 27) &&
	    !enc_looks_tcvn3("25\xc2\xb0\x43 \xc2\xa9 2021 \xc2\xbd", 13) &&
	    !enc_looks_tcvn3("\xc3\x90inh, Caf\xc3\xa9, ABC\xc2\xae", 17),
	    "no false positive on ASCII, signs, Latin-1 words");
	ok(!enc_looks_tcvn3(all.p, all.len) && !enc_looks_vni(all.p, all.len),
	    "no false positive on all the words at once");
	ok(tn >= 300, "%zu words with diacritics typeable in TCVN3", tn);
	ok(tfix == tn, "enc_fix_tcvn3 restores all %zu exactly (%zu)", tn,
	    tfix);
	ok(thit * 100 >= tn * 85, "enc_looks_tcvn3 sees %zu of %zu alone (85%%"
	    " or more; the rest read as Vietnamese both ways)", thit, tn);
	ok(enc_looks_tcvn3(allm.p, allm.len), "enc_looks_tcvn3 on all");
	ok(vn == n, "every word typeable in VNI (%zu of %zu)", vn, n);
	ok(vfix == vn, "enc_fix_vni restores all %zu exactly (%zu)", vn, vfix);
	ok(vhit * 100 >= (vn - vsame) * 90, "enc_looks_vni sees %zu of %zu alone"
	    " (90%% or more; %zu are the same in VNI)", vhit, vn - vsame, vsame);
	ok(enc_looks_vni(allvm.p, allvm.len), "enc_looks_vni on all");

	/* The streams. */
	tcvnencode(tall.p, &b);
	check("tcvn3: all the words from TCVN3 bytes", b.p, b.len, "tcvn3",
	    tall.p, "tcvn3", 0);
	check("tcvn3-in-utf8: all the words restored", allm.p, allm.len,
	    "tcvn3-in-utf8", tall.p, "tcvn3-in-utf8", 0);
	vniencode(allv.p, &b);
	check("vni: all the words from VNI bytes", b.p, b.len, "vni",
	    allv.p, "vni", 0);
	check("vni-in-utf8: all the words restored", allvm.p, allvm.len,
	    "vni-in-utf8", allv.p, "vni-in-utf8", 0);
	ok(strcmp(enc_guess(allm.p, allm.len), "tcvn3-in-utf8") == 0,
	    "enc_guess: TCVN3 mojibake");
	ok(strcmp(enc_guess(allvm.p, allvm.len), "vni-in-utf8") == 0,
	    "enc_guess: VNI mojibake");
	ok(enc_guess(all.p, all.len) == NULL, "enc_guess: Unicode is fine");
	tcvnencode(tall.p, &b);
	ok(strcmp(enc_guess(b.p, b.len), "tcvn3") == 0,
	    "enc_guess: TCVN3 bytes");
	vniencode(allv.p, &b);
	ok(strcmp(enc_guess(b.p, b.len), "vni") == 0, "enc_guess: VNI bytes");
	conv("UTF-8", "CP1258", all.p, all.len, &b);
	ok(strcmp(enc_guess(b.p, b.len), "cp1258") == 0,
	    "enc_guess: CP1258 bytes");
	for (i = 0; i < n; i++)
		free(w[i]);
	buf_free(&b);
	buf_free(&m);
	buf_free(&f);
	buf_free(&all);
	buf_free(&allm);
	buf_free(&allv);
	buf_free(&allvm);
	buf_free(&tall);
}

static void
test_cells(void)
{
	struct buf f = { NULL, 0, 0 };
	/* "Họ và tên,Dân tộc" then "Lò Thị Mai,Thái" in TCVN3 mojibake. */
	static const char head[] = "H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan,"
	    "D\xc3\xa2n t\xe1\xbb\x99\x63\n";
	static const char mojrow[] = "L\xc3\x9f Th\xc3\x9e Mai,Th\xc2\xb8i\n";
	static const char row[] = "L\xc3\xb2 Th\xe1\xbb\x8b Mai,Th\xc3\xa1i\n";
	char in[256], want[256];

	snprintf(in, sizeof(in), "%s%s\"Th\xc3\xa1i\";M\xc3\xa9t\r\n", head,
	    mojrow);
	snprintf(want, sizeof(want), "%s%s\"Th\xc3\xa1i\";M\xc3\xa9t\r\n", head,
	    row);
	check("tcvn3-in-utf8: a Unicode file keeps cells readable both ways",
	    in, strlen(in), "tcvn3-in-utf8", want, "tcvn3-in-utf8", 0);
	snprintf(in, sizeof(in), "%s\"Th\xc3\xa1i\";M\xc3\xa9t\r\n", mojrow);
	snprintf(want, sizeof(want), "%s\"Th\xe1\xbb\x8fi\";M\xe1\xbb\x99t\r\n",
	    row);
	check("tcvn3-in-utf8: a mojibake file repairs them", in, strlen(in),
	    "tcvn3-in-utf8", want, "tcvn3-in-utf8", 0);
	check("tcvn3-in-utf8: a BOM is dropped, NUL kept",
	    "\xef\xbb\xbf\xc2\xa7H\0", 6, "tcvn3-in-utf8", "\xc4\x90H", 
	    "tcvn3-in-utf8", 0);
	ok(enc_fix_tcvn3(&f, "Vi\xe1\xbb\x87t \xc2\xa7", 9) == 0 &&
	    same(&f, "Vi\xe1\xbb\x87t \xc2\xa7"),
	    "enc_fix_tcvn3: 0 and unchanged with a non-CP1252 character");
	buf_reset(&f);
	ok(enc_fix_vni(&f, "a\xff\xc3", 3) == 0 && same(&f, "a\xff\xc3"),
	    "enc_fix_vni: 0 and unchanged on bytes that are not UTF-8");
	buf_reset(&f);
	ok(enc_fix_tcvn3(&f, "\xc2\xa7\xc2\xb9I H\xc3\xa4\x43", 10) == 1 &&
	    same(&f, "\xc4\x90\xe1\xba\xa1I H\xe1\xbb\x8d\x43"),
	    ".VnTimeH capitals come back as small toned vowels");
	ok(enc_looks_tcvn3("\xc2\xa7\xc2\xb9I H\xc3\xa4\x43", 10),
	    "enc_looks_tcvn3 sees .VnTimeH text");
	ok(enc_looks_vni("Chu\xc3\xbb t\xc3\xb2\x63h UBND", 16) &&
	    !enc_looks_tcvn3("Chu\xc3\xbb t\xc3\xb2\x63h UBND", 16) &&
	    enc_looks_vni("Da\xc3\xa2n to\xc3\xa4\x63", 12) &&
	    !enc_looks_tcvn3("Da\xc3\xa2n to\xc3\xa4\x63", 12),
	    "VNI words that also read as TCVN3 go to the better reading");
	buf_free(&f);
}

static void
test_errors(void)
{
	struct enc *e;
	char b[16];
	ssize_t r;

	e = enc_open("tests", NULL);
	errno = 0;
	r = e != NULL ? enc_read(e, b, sizeof(b)) : 0;
	ok(e != NULL && r == -1 && errno == EISDIR,
	    "enc_read: a read error is -1 with errno");
	enc_close(e);
	enc_close(NULL);
}

int
main(void)
{
	cbcc_init("enc");
	letters();
	test_names();
	test_letters();
	test_legacy();
	test_utf();
	test_splits();
	test_mojibake();
	test_cells();
	test_errors();
	printf("1..%d\n", ntest);
	return nfail != 0;
}
