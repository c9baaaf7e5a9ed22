/*
 * roster.c - the furniture of roster spreadsheets (see roster.h).
 *
 * Labels are compared by their matching key (text_key with punctuation as
 * spaces: "CÁN BỘ" and "can bo" are one), except where a person's name
 * folds to the same key as a word of furniture: "Tòng Công Quý" folds
 * like "tổng cộng", "Phương" like "phường".  Text written with diacritics
 * must then carry the right ones.
 */
#include <ctype.h>
#include <string.h>

#include "cbcc.h"
#include "roster.h"
#include "text.h"
#include "unit.h"

/* The key of p[0..len) in k: words of lower-case ASCII letters, digits. */
static void
keyof(struct buf *k, const char *p, size_t len)
{
	buf_reset(k);
	text_key(k, p, len, TEXT_KEY_PUNCT);
	buf_add(k, "", 0);	/* an empty key is "", not NULL */
}

/* Whether key k is word w or starts with it and a space. */
static int
startsword(const char *k, const char *w)
{
	size_t n = strlen(w);

	return strncmp(k, w, n) == 0 && (k[n] == '\0' || k[n] == ' ');
}

/* Whether key k holds the words w, whole, anywhere. */
static int
haswords(const char *k, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	for (p = k; (p = strstr(p, w)) != NULL; p++)
		if ((p == k || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

static size_t
nwords(const char *k)
{
	size_t n = *k != '\0';

	for (; *k != '\0'; k++)
		n += *k == ' ';
	return n;
}

/* Whether p[0..len) is a roman numeral from I to XXXIX. */
static int
roman(const char *p, size_t len)
{
	size_t i = 0, j = 0;

	while (i < len && i < 3 && p[i] == 'X')
		i++;
	p += i;
	len -= i;
	if (len == 0)
		return i > 0;
	if (len == 2 && (memcmp(p, "IX", 2) == 0 || memcmp(p, "IV", 2) == 0))
		return 1;
	if (p[0] == 'V')
		j++;
	while (j < len && j < 4 && p[j] == 'I')
		j++;
	return j == len && (p[0] == 'V' || j <= 3);
}

/*
 * The list marker that p[0..len) starts with, and its length in *mlen
 * (without the punctuation after it): arabic numbers (1, 12, 1.2),
 * roman numerals (I, IV, XII) and single letters (A, b).
 */
static int
markhead(const char *p, size_t len, size_t *mlen)
{
	size_t i = 0;

	if (len > 0 && isdigit((unsigned char)p[0])) {
		while (i < len && i < 3 && isdigit((unsigned char)p[i]))
			i++;
		/* 1.2: a number under a number. */
		while (i + 1 < len && p[i] == '.' &&
		    isdigit((unsigned char)p[i + 1])) {
			i++;
			while (i < len && isdigit((unsigned char)p[i]))
				i++;
		}
		*mlen = i;
		return ROSTER_ARABIC;
	}
	while (i < len && isupper((unsigned char)p[i]))
		i++;
	if (i > 0 && roman(p, i)) {
		*mlen = i;
		return ROSTER_ROMAN;
	}
	if (len > 0 && isalpha((unsigned char)p[0]) && (len == 1 ||
	    !isalpha((unsigned char)p[1])) && (len == 1 ||
	    (unsigned char)p[1] < 0x80)) {
		*mlen = 1;
		return ROSTER_ROMAN;
	}
	return ROSTER_NOMARK;
}

/*
 * Whether p[0..len) is a list marker alone, as the STT column of a section
 * row holds it: "I", "II.", "A", "b)", "(1)", "2.", "1.2".  Returns its
 * kind, ROSTER_NOMARK if it is something else.
 */
int
roster_marker(const char *p, size_t len)
{
	size_t m = 0;
	int kind;

	if (len >= 2 && p[0] == '(' && p[len - 1] == ')') {
		p++;
		len -= 2;
	}
	if ((kind = markhead(p, len, &m)) == ROSTER_NOMARK)
		return kind;
	if (m < len && strchr(".):/", p[m]) != NULL)
		m++;
	return m == len ? kind : ROSTER_NOMARK;
}

/*
 * The offset in label p[0..len) past the list marker it starts with
 * ("A. CÁN BỘ", "B - Công chức", "1. UBND xã", "II.CÔNG CHỨC", "a) Cán
 * bộ"), or 0 if it starts with none; *kind gets the marker's kind.  A
 * marker must be followed by . ) : / or a dash, then the label.
 */
size_t
roster_unmark(const char *p, size_t len, int *kind)
{
	size_t m = 0, i;
	int k;

	*kind = ROSTER_NOMARK;
	if ((k = markhead(p, len, &m)) == ROSTER_NOMARK)
		return 0;
	i = m;
	while (i < len && p[i] == ' ')
		i++;
	if (i < len && strchr(".):/-", p[i]) != NULL)
		i++;
	else if (i + 3 <= len && (memcmp(p + i, "\xe2\x80\x93", 3) == 0 ||
	    memcmp(p + i, "\xe2\x80\x94", 3) == 0))
		i += 3;			/* an en or em dash */
	else
		return 0;
	while (i < len && p[i] == ' ')
		i++;
	if (i == len)
		return 0;
	*kind = k;
	return i;
}

/* Words that may stand before the staff type: "Khối cán bộ". */
static const char *const staffpre[] = { "khoi", "cac chuc danh", "chuc danh",
    "cac", "danh sach", "nhom" };

/* Words that may stand before a unit: "UBND xã Thanh An". */
static const char *const orgpre[] = { "ubnd", "uy ban nhan dan", "hdnd",
    "dang uy", "dang bo", "don vi", "co quan" };

/*
 * What label p[0..len), of a row that holds no person's data, says when
 * it is a section heading: a staff type ("CÁN BỘ", "Công chức cấp xã",
 * "Khối cán bộ"), part-time workers ("Người hoạt động không chuyên
 * trách"), a unit with its type word ("Xã Mường Phăng", "UBND xã Thanh
 * An", "Huyện Điện Biên"), or, after a roman or letter marker, any short
 * heading without digits ("II. KHỐI ĐOÀN THỂ").  The label may start with a
 * list marker; marker[0..mlen), if not empty, is the cell before it,
 * which must be a list marker alone.  Returns ROSTER_* or -1 if it is no
 * section.  For a unit, *unit gets the text that names it.
 */
int
roster_section(const char *marker, size_t mlen, const char *p, size_t len,
    struct buf *unit)
{
	static struct buf k;
	size_t off, i, w;
	int mk = ROSTER_NOMARK, lvl, pk = ROSTER_NOMARK;
	const char *q;

	if (mlen > 0 && (mk = roster_marker(marker, mlen)) == ROSTER_NOMARK)
		return -1;
	buf_reset(unit);
	/* "X. Sa Lông" is a commune, not list item X. */
	if ((lvl = unit_level(p, len)) == -1) {
		off = roster_unmark(p, len, &pk);
		p += off;
		len -= off;
		if (mk == ROSTER_NOMARK)
			mk = pk;
	}
	keyof(&k, p, len);
	if (k.len == 0 || nwords(k.p) > 10)
		return -1;
	if (haswords(k.p, "khong chuyen trach"))
		return ROSTER_NOT_CBCC;
	/* An organ before a unit: its words skipped in the text too. */
	for (i = 0; lvl == -1 && i < sizeof(orgpre) / sizeof(orgpre[0]); i++)
		if (startsword(k.p, orgpre[i])) {
			for (w = nwords(orgpre[i]), q = p; w > 0 && q < p + len;
			    w--) {
				while (q < p + len && *q != ' ')
					q++;
				while (q < p + len && *q == ' ')
					q++;
			}
			len -= (size_t)(q - p);
			p = q;
			lvl = unit_level(p, len);
			break;
		}
	if (lvl != -1) {
		buf_add(unit, p, len);
		return lvl == UNIT_PROVINCE ? ROSTER_PROVINCE :
		    lvl == UNIT_DISTRICT ? ROSTER_DISTRICT : ROSTER_COMMUNE;
	}
	q = k.p;
	for (i = 0; i < sizeof(staffpre) / sizeof(staffpre[0]); i++)
		if (startsword(q, staffpre[i])) {
			q += strlen(staffpre[i]);
			q += *q == ' ';
			break;
		}
	if (startsword(q, "can bo") && !haswords(q, "cong chuc"))
		return ROSTER_CAN_BO;
	if (startsword(q, "cong chuc") && !haswords(q, "can bo"))
		return ROSTER_CONG_CHUC;
	if (startsword(q, "can bo") || startsword(q, "cong chuc") ||
	    startsword(k.p, "khoi"))
		return ROSTER_NONE;
	if (mk == ROSTER_ROMAN && strpbrk(k.p, "0123456789") == NULL)
		return ROSTER_NONE;
	return -1;
}

/* Total labels, as keys, and as written (lower case) when not ASCII. */
static const struct total {
	const char	*key;		/* the label's key */
	int		 more;		/* it may go on: "Tổng cộng toàn huyện" */
} totals[] = {
	{ "tong cong", 1 }, { "tong so", 1 }, { "tong", 0 }, { "cong", 0 },
	{ "total", 1 }, { "grand total", 1 }, { "cong toan", 1 },
	{ "tong toan", 1 }, { "cong xa", 1 }, { "cong huyen", 1 },
};

/*
 * Whether cell p[0..len) is the label of a total row: "Tổng cộng", "Tổng
 * số: 25 người", "Cộng", "TỔNG CỘNG TOÀN HUYỆN", "Tong cong".  Written with
 * diacritics, it must start with "tổng" or "cộng" as written, so that
 * "Tòng Công Quý" is a name.
 */
int
roster_total(const char *p, size_t len)
{
	static struct buf k, low;
	size_t i, n;

	if (len == 0 || len > 120)
		return 0;
	/* A key starts with an ASCII letter or digit as it stands. */
	if (isalnum((unsigned char)p[0]) && strchr("TtCcGg", p[0]) == NULL)
		return 0;
	keyof(&k, p, len);
	for (i = 0; i < sizeof(totals) / sizeof(totals[0]); i++) {
		n = strlen(totals[i].key);
		if (strncmp(k.p, totals[i].key, n) != 0 || (k.p[n] != '\0' &&
		    k.p[n] != ' '))
			continue;
		/* "Cộng: 25", "Tổng 25 người"; not "Cộng Văn Thành". */
		if (k.p[n] == ' ' && !totals[i].more &&
		    strspn(k.p + n, " 0123456789") != strlen(k.p + n) &&
		    strcmp(k.p + n + strspn(k.p + n, " 0123456789"), "nguoi") != 0)
			continue;
		if (text_ascii(p, len))
			return 1;
		buf_reset(&low);
		text_lower(&low, p, len);
		return strncmp(low.p, "tổng", strlen("tổng")) == 0 ||
		    strncmp(low.p, "cộng", strlen("cộng")) == 0;
	}
	return 0;
}

/* Words of the signature block, anywhere in a cell's key. */
static const char *const footwords[] = { "nguoi lap bieu", "nguoi lap",
    "lap bieu", "thu truong", "ky ten", "ky ghi ro", "ky va ghi ro",
    "ky dong dau", "ky ho ten", "ghi ro ho ten", "xac nhan cua",
    "noi nhan", "nguoi ky" };

/* Words a signature block starts with: "TM. UBND", "KT. CHỦ TỊCH". */
static const char *const footstart[] = { "tm", "kt", "tl", "tuq" };

/*
 * Whether cell p[0..len) belongs to the signature block under a table:
 * "Người lập biểu", "Thủ trưởng đơn vị", "(Ký, ghi rõ họ tên)", "TM. UBND
 * XÃ", "KT. CHỦ TỊCH", or a place and date, "Điện Biên, ngày 31 tháng 12
 * năm 2024" (the day and month may be left blank to fill in by hand).
 */
int
roster_footer(const char *p, size_t len)
{
	static struct buf k;
	const char *d, *m;
	size_t i;

	if (len == 0 || len > 200)
		return 0;
	keyof(&k, p, len);
	for (i = 0; i < sizeof(footwords) / sizeof(footwords[0]); i++)
		if (haswords(k.p, footwords[i]))
			return 1;
	for (i = 0; i < sizeof(footstart) / sizeof(footstart[0]); i++)
		if (startsword(k.p, footstart[i]) && (p[strlen(footstart[i])] ==
		    '.' || p[strlen(footstart[i])] == '/'))
			return 1;
	/* ngay ... thang ... nam NNNN */
	if ((d = strstr(k.p, "ngay ")) != NULL && (d == k.p || d[-1] == ' ') &&
	    (m = strstr(d, " thang ")) != NULL &&
	    (m = strstr(m, " nam ")) != NULL &&
	    isdigit((unsigned char)m[5]))
		return 1;
	return 0;
}
