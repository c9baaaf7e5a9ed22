/*
 * Unit tests of text.c: the canonical form and the matching key.
 * Prints TAP.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "text.h"

static int n, failed;

static void
check(const char *what, const char *in, const char *got, const char *want)
{
	n++;
	if (strcmp(got, want) == 0) {
		printf("ok %d - %s \"%s\"\n", n, what, in);
		return;
	}
	failed++;
	printf("not ok %d - %s \"%s\": got \"%s\", want \"%s\"\n", n, what,
	    in, got, want);
}

static void
clean(const char *in, const char *want)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	text_clean(&b, in, strlen(in));
	check("clean", in, b.p, want);
	buf_free(&b);
}

/*
 * A cell of 80 names in NFD, 640 code points: text_clean puts it in NFC
 * on the heap, as it does a short one on the stack.
 */
static void
longclean(void)
{
	struct buf in = { 0 }, want = { 0 };
	int i;

	for (i = 0; i < 80; i++) {
		buf_adds(&in, " Nguye\xcc\x82\xcc\x83n");
		buf_adds(&want, i > 0 ? " Nguyễn" : "Nguyễn");
	}
	clean(in.p, want.p);
	buf_free(&in);
	buf_free(&want);
}

/* Clean in[0..len), which may hold NUL; check the counts text_cleaned gives. */
static void
cleanlen(const char *in, size_t len, const char *want, unsigned long nul,
    unsigned long dropped, long first)
{
	struct buf b = { 0 };
	struct text_drops d;

	buf_adds(&b, "");
	text_cleaned(NULL);
	text_clean(&b, in, len);
	text_cleaned(&d);
	check("clean/len", want, b.p, want);
	n++;
	if (d.nul == nul && d.dropped == dropped && d.first == first)
		printf("ok %d - counts %lu %lu %ld\n", n, nul, dropped, first);
	else {
		failed++;
		printf("not ok %d - counts: got %lu %lu %ld, want %lu %lu "
		    "%ld\n", n, d.nul, d.dropped, d.first, nul, dropped, first);
	}
	buf_free(&b);
}

static void
key(const char *in, int flags, const char *want)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	text_key(&b, in, strlen(in), flags);
	check(flags ? "key/flags" : "key", in, b.p, want);
	buf_free(&b);
}

static void
snake(const char *in, const char *want)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	text_snake(&b, in, strlen(in));
	check("snake", in, b.p, want);
	buf_free(&b);
}

static void
valid(const char *in, size_t len, int want, size_t wantoff)
{
	size_t off = 0;
	int v = text_valid(in, len, &off);

	n++;
	if (v == want && (v || off == wantoff))
		printf("ok %d - valid %d at %zu\n", n, v, off);
	else {
		failed++;
		printf("not ok %d - valid: got %d at %zu, want %d at %zu\n",
		    n, v, off, want, wantoff);
	}
}

/* The first byte of the key of each ASCII letter or digit, then others. */
static void
firstbyte(void)
{
	static const char *const tail[] = { "", "995", "Văn A", ")",
	    "\xcc\x81x", " - x", "/Phường" };
	struct buf b = { 0 };
	char in[32], got[2], want[2];
	size_t k;
	int c, bad = 0;

	for (c = 0; c < 128; c++) {
		if (!isalnum(c))
			continue;
		for (k = 0; k < sizeof(tail) / sizeof(tail[0]); k++) {
			snprintf(in, sizeof(in), "%c%s", c, tail[k]);
			buf_reset(&b);
			text_key(&b, in, strlen(in), TEXT_KEY_PUNCT);
			buf_add(&b, "", 0);
			if (b.p[0] != tolower(c) && bad++ == 0) {
				got[0] = b.p[0];
				want[0] = (char)tolower(c);
				got[1] = want[1] = '\0';
				check("key's first byte", in, got, want);
			}
		}
	}
	if (bad == 0)
		check("key's first byte", "[A-Za-z0-9]...", "same", "same");
	buf_free(&b);
}

int
main(void)
{
	/* White space, controls, NBSP, trimming. */
	clean("  Nguyễn   Văn\tA  ", "Nguyễn Văn A");
	clean("\xc2\xa0Lò\xc2\xa0Thị Hoa\xc2\xa0", "Lò Thị Hoa");
	clean("a\r\nb", "a b");
	clean("a\x01" "b\x7f", "ab");
	clean("Tr\xe2\x80\x8bung", "Trung");
	clean("", "");
	clean("   ", "");
	/* NFD to NFC. */
	clean("Nguye\xcc\x82\xcc\x83n", "Nguyễn");
	clean("\xc4\x90" "a\xcc\xa3" "i ho\xcc\xa3" "c", "Đại học");
	/* Mixed: precomposed base with a combining tone (Unikey). */
	clean("Tr\xc6\xb0\xcc\x80ng", "Trừng");
	/* One tone placement: the traditional one. */
	clean("Hoà", "Hòa");
	clean("hoà bình", "hòa bình");
	clean("thuỷ", "thủy");
	clean("Uỷ ban", "Ủy ban");
	clean("UỶ BAN", "ỦY BAN");
	clean("khoẻ", "khỏe");
	clean("hoạ", "họa");
	clean("Hòa", "Hòa");
	clean("hoàng", "hoàng");
	clean("thuyết", "thuyết");
	clean("quý", "quý");
	clean("quả", "quả");
	clean("Thuận", "Thuận");
	clean("Ð ð", "Đ đ");
	/* NUL is a space; controls and noncharacters go, and are counted. */
	cleanlen("Nguy\xe1\xbb\x85n\0V\xc4\x83n A", 15, "Nguyễn Văn A", 1, 0,
	    -1);
	cleanlen("\0A\0\0B\0", 6, "A B", 4, 0, -1);
	cleanlen("A\x01" "B\x1f", 4, "AB", 0, 2, 1);
	cleanlen("X\xef\xbf\xbeY\xef\xbf\xbfZ", 9, "XYZ", 0, 2, 0xFFFE);
	cleanlen("a\xef\xb7\x90" "b\xf0\x9f\xbf\xbf" "c", 10, "abc", 0, 2,
	    0xFDD0);
	cleanlen("L\xc3\xb2\tV\xc4\x83n\nA", 10, "Lò Văn A", 0, 0, -1);
	cleanlen("\xef\xbf\xbd\xee\x80\x80", 6, "\xef\xbf\xbd\xee\x80\x80", 0,
	    0, -1);
	/* The key. */
	key("Đại Học", 0, "dai hoc");
	key("ĐẠI  HỌC  ", 0, "dai hoc");
	key("Thạc sỹ", TEXT_KEY_YI, "thac si");
	key("Thạc sỹ", 0, "thac sy");
	key("Kỹ sư", TEXT_KEY_YI, "ki su");
	key("Trung cấp L.L.C.T", TEXT_KEY_PUNCT, "trung cap l l c t");
	key("ĐH-Luật", TEXT_KEY_PUNCT, "dh luat");
	key("H\xe2\x80\x99M\xc3\xb4ng", 0, "h'mong");
	key("Khơ\xe2\x80\x93mú", 0, "kho-mu");
	key("Xã/Phường/Thị trấn", TEXT_KEY_PUNCT, "xa phuong thi tran");
	key("Nguye\xcc\x82\xcc\x83n", 0, "nguyen");
	/*
	 * A key begins with the first ASCII letter or digit of a clean
	 * cell, in lower case, whatever follows (normalize's test for a
	 * repeated header counts on it).
	 */
	firstbyte();
	/* Snake-case names of unknown columns. */
	snake("Ghi chú", "ghi_chu");
	snake("STT", "stt");
	snake("Số điện thoại (DĐ)", "so_dien_thoai_dd");
	snake("???", "column");
	/* A cell longer than text_clean's room on the stack. */
	longclean();
	/* UTF-8 validation. */
	valid("abc", 3, 1, 0);
	valid("Vi\xe1\xbb\x87t", 6, 1, 0);
	valid("ab\xc0\xaf", 4, 0, 2);		/* overlong */
	valid("a\xed\xa0\x80", 4, 0, 1);	/* surrogate */
	valid("ab\xe1\xbb", 4, 0, 2);		/* truncated */
	valid("\xff", 1, 0, 0);
	printf("1..%d\n", n);
	return failed != 0;
}
