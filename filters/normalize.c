/*
 * cbcc-normalize - raw roster exports in, canonical records out.
 *
 * Each operand is decoded to UTF-8 (enc.c), cut into records (rec.c), and
 * its header row found below any title rows: the first row in which at
 * least two cells name canonical columns.  A second header row under it
 * (merged cells) and a column-numbering row are recognised.  Data rows are
 * cleaned (white space, control characters, NFC, one tone placement) and
 * the canonical columns put in canonical form; everything else is a reject
 * with its reason: title, blank, numbering, header, total, ragged, ...
 *
 * All operands are opened and their headers read first, so that the output
 * header is the union of their columns: the canonical ones in the order of
 * SPEC section 3, then the others in order of first appearance.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbcc.h"
#include "date.h"
#include "enc.h"
#include "hash.h"
#include "memo.h"
#include "opt.h"
#include "out.h"
#include "rec.h"
#include "rej.h"
#include "roster.h"
#include "seen.h"
#include "text.h"
#include "unit.h"
#include "xlsx.h"

enum {
	C_YEAR, C_PROVINCE, C_DISTRICT, C_COMMUNE, C_ID, C_FULL_NAME,
	C_GENDER, C_BIRTH_YEAR, C_ETHNICITY, C_STAFF_TYPE, C_POSITION,
	C_EDUCATION, C_POLITICAL_THEORY, C_STATE_MGMT, C_IT_SKILL,
	C_FOREIGN_LANGUAGE, C_GENERAL_EDUCATION, C_PARTY_MEMBER, NCANON
};

static const char *const canon[NCANON] = {
	"year", "province", "district", "commune", "id", "full_name",
	"gender", "birth_year", "ethnicity", "staff_type", "position",
	"education", "political_theory", "state_mgmt", "it_skill",
	"foreign_language", "general_education", "party_member"
};

/* What an input column holds, beyond its output column. */
enum {
	K_PLAIN,	/* the value of its column */
	K_MALE,		/* "Nam": a mark, or the birth date of a man */
	K_FEMALE	/* "Nữ": a mark, or the birth date of a woman */
};

/* How surely a cell holds a person's data (isdata). */
enum { D_NONE, D_TEXT, D_SURE };

/* Pseudo-columns of the alias table for the special kinds. */
#define A_FEMALE	(-2)

/*
 * Header aliases, as matching keys (text_key with TEXT_KEY_PUNCT: lower
 * case, no diacritics, punctuation as spaces).  The canonical names are
 * aliases of themselves, so normalize's output reads back unchanged.
 */
static const struct alias {
	const char	*key;
	int		 col;
} aliases[] = {
	{ "nam", C_YEAR }, { "nam bao cao", C_YEAR }, { "year", C_YEAR },
	{ "ky bao cao", C_YEAR }, { "nam thong ke", C_YEAR },
	{ "tinh", C_PROVINCE }, { "tinh thanh pho", C_PROVINCE },
	{ "tinh tp", C_PROVINCE }, { "ten tinh", C_PROVINCE },
	{ "province", C_PROVINCE }, { "don vi cap tinh", C_PROVINCE },
	{ "huyen", C_DISTRICT }, { "huyen thi xa thanh pho", C_DISTRICT },
	{ "huyen thi xa tp", C_DISTRICT }, { "huyen tx tp", C_DISTRICT },
	{ "huyen thi", C_DISTRICT }, { "quan huyen", C_DISTRICT },
	{ "ten huyen", C_DISTRICT }, { "don vi cap huyen", C_DISTRICT },
	{ "district", C_DISTRICT }, { "huyen thanh pho", C_DISTRICT },
	{ "xa", C_COMMUNE }, { "xa phuong thi tran", C_COMMUNE },
	{ "xa phuong tt", C_COMMUNE }, { "xa phuong", C_COMMUNE },
	{ "ten xa", C_COMMUNE }, { "don vi cap xa", C_COMMUNE },
	{ "commune", C_COMMUNE }, { "xa thi tran", C_COMMUNE },
	{ "ten don vi", C_COMMUNE }, { "don vi", C_COMMUNE },
	{ "id", C_ID }, { "ma", C_ID }, { "ma so", C_ID },
	{ "ma cb", C_ID }, { "ma can bo", C_ID }, { "ma cbcc", C_ID },
	{ "ma nhan vien", C_ID }, { "so hieu cbcc", C_ID },
	{ "ma dinh danh", C_ID }, { "so hieu cong chuc", C_ID },
	{ "staff id", C_ID }, { "ma cong chuc", C_ID },
	{ "full name", C_FULL_NAME }, { "ho va ten", C_FULL_NAME },
	{ "ho ten", C_FULL_NAME }, { "ho va ten khai sinh", C_FULL_NAME },
	{ "ho ten khai sinh", C_FULL_NAME }, { "name", C_FULL_NAME },
	{ "ho va ten can bo cong chuc", C_FULL_NAME },
	{ "ho ten cbcc", C_FULL_NAME }, { "ho va ten cbcc", C_FULL_NAME },
	{ "gender", C_GENDER }, { "gioi tinh", C_GENDER }, { "gt", C_GENDER },
	{ "sex", C_GENDER }, { "phai", C_GENDER }, { "nu", A_FEMALE },
	{ "nam nu", C_GENDER }, { "gioi tinh nam nu", C_GENDER },
	{ "birth year", C_BIRTH_YEAR }, { "nam sinh", C_BIRTH_YEAR },
	{ "ngay sinh", C_BIRTH_YEAR }, { "ngay thang nam sinh", C_BIRTH_YEAR },
	{ "ngay thang sinh", C_BIRTH_YEAR }, { "sinh ngay", C_BIRTH_YEAR },
	{ "date of birth", C_BIRTH_YEAR }, { "dob", C_BIRTH_YEAR },
	{ "birth date", C_BIRTH_YEAR }, { "ngay sinh nam sinh", C_BIRTH_YEAR },
	{ "ethnicity", C_ETHNICITY }, { "dan toc", C_ETHNICITY },
	{ "staff type", C_STAFF_TYPE }, { "can bo cong chuc", C_STAFF_TYPE },
	{ "cb cc", C_STAFF_TYPE }, { "cbcc", C_STAFF_TYPE },
	{ "loai", C_STAFF_TYPE }, { "phan loai", C_STAFF_TYPE },
	{ "loai cbcc", C_STAFF_TYPE }, { "doi tuong", C_STAFF_TYPE },
	{ "can bo hay cong chuc", C_STAFF_TYPE },
	{ "position", C_POSITION }, { "chuc vu", C_POSITION },
	{ "chuc danh", C_POSITION }, { "chuc vu chuc danh", C_POSITION },
	{ "chuc danh chuc vu", C_POSITION }, { "chuc danh cong chuc", C_POSITION },
	{ "title", C_POSITION }, { "chuc vu hien tai", C_POSITION },
	{ "education", C_EDUCATION }, { "trinh do chuyen mon", C_EDUCATION },
	{ "tdcm", C_EDUCATION }, { "chuyen mon", C_EDUCATION },
	{ "trinh do cm", C_EDUCATION }, { "chuyen mon nghiep vu", C_EDUCATION },
	{ "trinh do chuyen mon nghiep vu", C_EDUCATION },
	{ "trinh do dao tao", C_EDUCATION }, { "cmnv", C_EDUCATION },
	{ "td chuyen mon", C_EDUCATION }, { "trinh do", C_EDUCATION },
	{ "political theory", C_POLITICAL_THEORY },
	{ "ly luan chinh tri", C_POLITICAL_THEORY },
	{ "llct", C_POLITICAL_THEORY }, { "chinh tri", C_POLITICAL_THEORY },
	{ "trinh do llct", C_POLITICAL_THEORY },
	{ "trinh do ly luan chinh tri", C_POLITICAL_THEORY },
	{ "ly luan", C_POLITICAL_THEORY }, { "td llct", C_POLITICAL_THEORY },
	{ "state mgmt", C_STATE_MGMT }, { "quan ly nha nuoc", C_STATE_MGMT },
	{ "qlnn", C_STATE_MGMT }, { "trinh do qlnn", C_STATE_MGMT },
	{ "trinh do quan ly nha nuoc", C_STATE_MGMT },
	{ "state management", C_STATE_MGMT }, { "boi duong qlnn", C_STATE_MGMT },
	{ "kien thuc qlnn", C_STATE_MGMT }, { "td qlnn", C_STATE_MGMT },
	{ "it skill", C_IT_SKILL }, { "tin hoc", C_IT_SKILL },
	{ "trinh do tin hoc", C_IT_SKILL }, { "it", C_IT_SKILL },
	{ "td tin hoc", C_IT_SKILL },
	{ "foreign language", C_FOREIGN_LANGUAGE },
	{ "ngoai ngu", C_FOREIGN_LANGUAGE },
	{ "trinh do ngoai ngu", C_FOREIGN_LANGUAGE },
	{ "td ngoai ngu", C_FOREIGN_LANGUAGE },
	{ "general education", C_GENERAL_EDUCATION },
	{ "trinh do van hoa", C_GENERAL_EDUCATION },
	{ "van hoa", C_GENERAL_EDUCATION }, { "td van hoa", C_GENERAL_EDUCATION },
	{ "tdvh", C_GENERAL_EDUCATION }, { "hoc van", C_GENERAL_EDUCATION },
	{ "trinh do hoc van", C_GENERAL_EDUCATION },
	{ "giao duc pho thong", C_GENERAL_EDUCATION },
	{ "trinh do giao duc pho thong", C_GENERAL_EDUCATION },
	{ "trinh do pho thong", C_GENERAL_EDUCATION },
	{ "gdpt", C_GENERAL_EDUCATION }, { "trinh do gdpt", C_GENERAL_EDUCATION },
	{ "trinh do van hoa pho thong", C_GENERAL_EDUCATION },
	{ "party member", C_PARTY_MEMBER }, { "dang vien", C_PARTY_MEMBER },
	{ "la dang vien", C_PARTY_MEMBER }, { "dv", C_PARTY_MEMBER },
	{ "ngay vao dang", C_PARTY_MEMBER },
	{ "dang vien ngay vao dang", C_PARTY_MEMBER },
	{ "ngay vao dang chinh thuc", C_PARTY_MEMBER },
};

/* Aliases from --map FILE, looked up before the built-in ones. */
static struct mapalias {
	char	*key;		/* matching key of the alias */
	char	*name;		/* column it names */
} *maps;
static size_t nmaps;

/* A row read ahead of its turn, with copies of its bytes. */
struct qrow {
	struct rec	 rec;		/* the row; fields point into mem */
	char		*mem;		/* its fields, then its raw text */
	const char	*raw;		/* the raw text, for rejects */
	size_t		 rawlen;	/* its length */
};

/* Kinds of section a heading row opens (roster_section). */
enum { S_STAFF, S_PROVINCE, S_DISTRICT, S_COMMUNE, NSECT };

/* The canonical column each kind of section fills. */
static const int sectcol[NSECT] = { C_STAFF_TYPE, C_PROVINCE, C_DISTRICT,
    C_COMMUNE };

/* One input file. */
struct src {
	char		*name;		/* file name for messages */
	struct enc	*enc;		/* its decoder */
	struct rec_reader *r;		/* its records */
	size_t		 ncol;		/* header columns */
	int		*out;		/* per column: output column, or -1 */
	int		*kind;		/* per column: K_* */
	char		**hkey;		/* per column: key of its header cell */
	int		 year;		/* year from a title row, or 0 */
	int		 repair;	/* repair mojibake field by field */
	unsigned long	 repaired;	/* fields repaired */
	const char	*fixed;		/* which mojibake was repaired */
	struct qrow	*q;		/* rows read ahead, not yet processed */
	size_t		 nq;		/* how many */
	int		 dead;		/* stopped after an error */
	int		 femaleonly;	/* a Nữ column of marks, no Nam one:
					   an unmarked row is a man's */
	struct xlsx_sheet *sheet;	/* a workbook's sheet, or NULL */
	const char	*tag;		/* --sheet all: commune of its rows */
	struct buf	 sect[NSECT];	/* what the sections above say */
	unsigned long	 sectline[NSECT]; /* where they said it */
	int		 sectrank[NSECT]; /* order of first appearance, 0: none */
	int		 nranks;	/* kinds of section met */
	int		 sectwarned[NSECT]; /* said that it has no column */
	unsigned long	 nsect;		/* section rows */
	struct buf	 sectlog;	/* the first of them, for stderr */
	int		 footer;	/* the signature block has begun */
	unsigned long	 base;		/* lines of the files before it */
	unsigned long	 ndup;		/* duplicates rejected */
	unsigned long	 dupline;	/* the first of them */
	uint32_t	 dupfirst;	/* and what it repeats */
	struct text_drops drops;	/* NUL bytes, characters removed */
	unsigned long	 dropline;	/* the line of the first removed */
};

static struct src *srcs;
static size_t nsrcs;
static struct hash *extras;	/* columns other than the canonical ones */
static size_t noutcols;		/* output columns, once the header is out */
static int canonused[NCANON];	/* some file has this canonical column */
static int canonpos[NCANON];	/* output column of each canonical one, -1 */
static size_t ncanonout;	/* canonical columns in the output */
static int delimiter;		/* --delimiter, 0 = detect */
static int keepdups;		/* --keep-duplicates */
static struct seen *seenset;	/* fingerprints of the records written */
static const struct qrow *curq;	/* the row read ahead being processed, or
				   NULL (not in struct src: the reader
				   thread reads that, and this changes every
				   row) */
static int fillyear;		/* --year */
static const char *encoding;	/* --encoding */
static const char *sheetarg;	/* --sheet */
static struct xlsx **books;	/* workbooks open */
static size_t nbooks;
static unsigned long nwarn;	/* data warnings given */

#define MAXWARN	20

/* A warning about the data; after MAXWARN of them only a count. */
static void
dwarn(const char *file, unsigned long line, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	int n;

	if (++nwarn > MAXWARN)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_reserve(&b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b.p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	cbcc_at_warnx(file, line, "%s", b.p);
	buf_free(&b);
}

static void
keyof(struct buf *k, const char *p, size_t len)
{
	buf_reset(k);
	text_key(k, p, len, TEXT_KEY_PUNCT);
	buf_add(k, "", 0);	/* an empty key is "", not NULL */
}

#define MEMO_GET	1	/* cleanfield looks the cell up */
#define MEMO_PUT	2	/* and remembers it (the row is valid UTF-8) */
static void	cleanfield(struct src *, struct buf *, const struct field *,
		    int);
static void	cleancells(struct src *, const struct rec *,
		    const unsigned char *);
static int	validcells(struct src *, const struct rec *, size_t *,
		    size_t *);
static int	badutf8(struct src *, const struct rec *, size_t, size_t,
		    int);
static int	persondata(const struct src *);
static int	isdata(const struct buf *, int, int);
static const struct buf *canoncell(const struct src *, int);
static int	totalrow(const struct src *);
static int	sectionrow(const struct src *, const struct buf **,
		    struct buf *);

/* The matching key of field f of s, repaired and cleaned first. */
static void
fieldkey(struct src *s, struct buf *k, const struct field *f)
{
	static struct buf c;
	unsigned long n = s->repaired;

	cleanfield(s, &c, f, MEMO_GET);
	s->repaired = n;	/* only data fields are counted */
	keyof(k, c.p, c.len);
}

/*
 * The column header key k names: a canonical column (>= 0), A_FEMALE, or
 * -1.  *mapname gets a --map target that is not canonical.
 */
static int
lookup(const char *k, const char **mapname)
{
	size_t i;
	int c;

	*mapname = NULL;
	for (i = 0; i < nmaps; i++)
		if (strcmp(maps[i].key, k) == 0) {
			for (c = 0; c < NCANON; c++)
				if (strcmp(canon[c], maps[i].name) == 0)
					return c;
			*mapname = maps[i].name;
			return -1;
		}
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].key, k) == 0)
			return aliases[i].col;
	return -1;
}

/* Words of one alternative of a slash-separated header, and what they name. */
static const struct altword {
	const char	*key;		/* the words, as a key */
	unsigned long	 cols;		/* the columns they may name, bits */
} altwords[] = {
	{ "xa", 1UL << C_COMMUNE }, { "phuong", 1UL << C_COMMUNE },
	{ "thi tran", 1UL << C_COMMUNE }, { "tt", 1UL << C_COMMUNE },
	{ "huyen", 1UL << C_DISTRICT }, { "quan", 1UL << C_DISTRICT },
	{ "thi xa", 1UL << C_DISTRICT }, { "tx", 1UL << C_DISTRICT },
	{ "thanh pho", 1UL << C_DISTRICT | 1UL << C_PROVINCE },
	{ "tp", 1UL << C_DISTRICT | 1UL << C_PROVINCE },
	{ "tinh", 1UL << C_PROVINCE },
	{ "can bo", 1UL << C_STAFF_TYPE }, { "cong chuc", 1UL << C_STAFF_TYPE },
	{ "cb", 1UL << C_STAFF_TYPE }, { "cc", 1UL << C_STAFF_TYPE },
};

/*
 * The column that slash-separated alternatives v[0..len) name, in any
 * order ("Huyện/Thành phố/Thị xã", "Thị xã/Huyện", "Công chức/Cán bộ"):
 * the one column that every alternative may name, or -1.
 */
static int
alternatives(const char *v, size_t len)
{
	static struct buf k;
	const char *p = v, *e = v + len, *q;
	const char *m;
	unsigned long all = ~0UL, cols;
	size_t i;
	int c, n = 0;

	for (; p <= e; p = q + 1) {
		if ((q = memchr(p, '/', (size_t)(e - p))) == NULL)
			q = e;
		keyof(&k, p, (size_t)(q - p));
		cols = 0;
		if ((c = lookup(k.p, &m)) >= 0)
			cols |= 1UL << c;
		for (i = 0; i < sizeof(altwords) / sizeof(altwords[0]); i++)
			if (strcmp(altwords[i].key, k.p) == 0)
				cols |= altwords[i].cols;
		all &= cols;
		n++;
	}
	if (n < 2 || all == 0 || (all & (all - 1)) != 0)
		return -1;
	for (c = 0; !(all & 1UL << c); c++)
		;
	return c;
}

/*
 * Append to t the header cell v[0..len) without the number it starts with
 * ("8. Trình độ chuyên môn", "(8) Trình độ") and without hints in
 * parentheses or brackets ("Giới tính (Nam/Nữ)", "Đảng viên (ngày vào
 * Đảng)").
 */
static void
bareheader(struct buf *t, const char *v, size_t len)
{
	const char *p = v, *e = v + len;
	int depth = 0;

	if (p < e && *p == '(' && p + 1 < e && isdigit((unsigned char)p[1]))
		p++;
	if (p < e && isdigit((unsigned char)*p)) {
		while (p < e && isdigit((unsigned char)*p))
			p++;
		while (p < e && strchr(".):- ", *p) != NULL)
			p++;
	}
	for (; p < e; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if (depth == 0)
			buf_addc(t, *p);
	}
}

/*
 * The column header cell v[0..len) (clean text) names, as lookup says,
 * matched by its parts when the whole cell names none: without its number
 * and hints (bareheader), then as slash-separated alternatives.  A line
 * break inside the cell is a space by now.
 */
static int
headcol(const char *v, size_t len, const char **mapname)
{
	static struct buf k, t;
	int c;

	keyof(&k, v, len);
	if ((c = lookup(k.p, mapname)) != -1 || *mapname != NULL)
		return c;
	buf_reset(&t);
	bareheader(&t, v, len);
	buf_add(&t, "", 0);
	keyof(&k, t.p, t.len);
	if (k.len > 0 && ((c = lookup(k.p, mapname)) != -1 ||
	    *mapname != NULL))
		return c;
	if (memchr(t.p, '/', t.len) != NULL)
		return alternatives(t.p, t.len);
	return -1;
}

/* The column field f of s names as a header cell (headcol). */
static int
fieldcol(struct src *s, const struct field *f, const char **mapname)
{
	static struct buf c;
	unsigned long n = s->repaired;

	cleanfield(s, &c, f, MEMO_GET);
	s->repaired = n;	/* only data fields are counted */
	return headcol(c.p != NULL ? c.p : "", c.len, mapname);
}

/* Add output column name, if new; return its index among the extras. */
static int
outcol(const char *name)
{
	int added;

	if (extras == NULL)
		extras = hash_new();
	return (int)hash_put(extras, name, strlen(name), &added);
}

static int
isblankrec(const struct rec *rec)
{
	size_t i, j;

	for (i = 0; i < rec->nf; i++)
		for (j = 0; j < rec->f[i].len; j++)
			if (!isspace((unsigned char)rec->f[i].p[j]))
				return 0;
	return 1;
}

/* How many cells of rec name a column (canonical, --map, or Nữ). */
static int
namedcells(struct src *s, const struct rec *rec)
{
	const char *m;
	size_t i;
	int n = 0;

	for (i = 0; i < rec->nf; i++) {
		if (rec->f[i].len > 120)
			continue;
		if (fieldcol(s, &rec->f[i], &m) != -1 || m != NULL)
			n++;
	}
	return n;
}

/* A 4-digit year 1900-2100 standing alone in key k ("nam 2021"), or 0. */
static int
yearin(const char *k)
{
	const char *p;
	int y;

	for (p = k; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || (p > k &&
		    isdigit((unsigned char)p[-1])))
			continue;
		if (isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) &&
		    isdigit((unsigned char)p[3]) &&
		    !isdigit((unsigned char)p[4])) {
			y = atoi(p);
			if (y >= 1900 && y <= 2100)
				return y;
		}
	}
	return 0;
}

/*
 * The raw text of rec, a row of s: of the row read ahead being processed
 * (curq), or of the one its reader gave last.
 */
static void
rawtext(struct src *s, const struct rec *rec, const char **raw, size_t *len)
{
	if (curq != NULL && rec == &curq->rec) {
		*raw = curq->raw;
		*len = curq->rawlen;
	} else
		rec_raw(s->r, rec, raw, len);
}

/* Reject rec, a row of s, for reason, with its raw text. */
static void
reject(struct src *s, const struct rec *rec, const char *reason)
{
	const char *raw;
	size_t len;

	rawtext(s, rec, &raw, &len);
	rej_add(s->name, rec->line, reason, raw, len);
}

/* The legacy encodings other than guess, for a message: "tcvn3, vni". */
static const char *
otherencodings(const char *guess)
{
	static const char *const all[] = { "cp1258", "tcvn3", "vni", "viscii" };
	static char list[64];
	size_t i;

	list[0] = '\0';
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i], guess) != 0) {
			if (list[0] != '\0')
				strcat(list, ", ");
			strcat(list, all[i]);
		}
	return list;
}

/*
 * Check that rec is UTF-8; if not, the file is in another encoding: stop
 * it with a message that names the line, the byte and the way out.
 */
static int
checkutf8(struct src *s, const struct rec *rec)
{
	size_t i, off;

	for (i = 0; i < rec->nf; i++)
		if (!text_valid(rec->f[i].p, rec->f[i].len, &off))
			return badutf8(s, rec, i, off,
			    (unsigned char)rec->f[i].p[off]);
	return 1;
}

/*
 * Stop s at field i of rec, invalid UTF-8 from byte off, byte c: say
 * where, and what the file may be if it is no UTF-8.  Returns 0.
 */
static int
badutf8(struct src *s, const struct rec *rec, size_t i, size_t off, int c)
{
	const char *raw, *guess, *others;
	size_t len;

	rawtext(s, rec, &raw, &len);
	if (rec->line == 1 && len >= 4 && (memcmp(raw, "PK\x03\x04", 4) == 0 ||
	    memcmp(raw, "\xD0\xCF\x11\xE0", 4) == 0)) {
		/* Standard input is not sniffed: a pipe cannot be read
		 * twice. */
		cbcc_warnx("%s: an Excel workbook (%s) on standard input: "
		    "name its file as an operand", s->name, *raw == 'P' ?
		    ".xlsx" : ".xls");
		cbcc_status = EXIT_DATA;
		s->dead = 1;
		return 0;
	}
	if ((guess = enc_guess(raw, len)) == NULL)
		guess = "cp1258";
	others = otherencodings(guess);
	cbcc_at_warnx(s->name, rec->line, "invalid UTF-8: byte 0x%02X in "
	    "field %zu (byte %zu of the field); name the file's encoding with "
	    "--encoding: perhaps %s (or %s)", c, i + 1, off + 1, guess, others);
	cbcc_status = EXIT_DATA;
	s->dead = 1;
	return 0;
}

/*
 * Whether rec, the row under the header, is a second header row: cells
 * under merged cells of the first ("Ngày sinh" over "Nam | Nữ", "Trình độ"
 * over "Chuyên môn | LLCT | QLNN").  It is when it holds no person (the
 * name column is empty) and some cell of it names a column or is Nam/Nữ.
 */
static int
subheader(struct src *s, const struct rec *rec, int namecol)
{
	struct buf k = { 0 };
	const char *m;
	size_t i;
	int named = 0;

	if (namecol >= 0 && (size_t)namecol < rec->nf &&
	    rec->f[namecol].len > 0)
		return 0;
	for (i = 0; i < rec->nf; i++) {
		if (rec->f[i].len == 0 || rec->f[i].len > 80)
			continue;
		fieldkey(s, &k, &rec->f[i]);
		if (isdigit((unsigned char)k.p[0]) || (k.p[0] == '\0'))
			continue;
		if (fieldcol(s, &rec->f[i], &m) != -1 || m != NULL ||
		    strcmp(k.p, "nam") == 0)
			named++;
	}
	buf_free(&k);
	return namecol >= 0 ? named >= 1 : named >= 2;
}

/*
 * Set up the columns of s from header row h and, if sub is not NULL, the
 * second header row under it.
 */
static void
header(struct src *s, const struct rec *h, const struct rec *sub)
{
	struct buf k = { 0 }, cell = { 0 }, top = { 0 }, name = { 0 };
	const char *m;
	size_t i, n;
	int c, topc, hasnu = 0, used[NCANON] = { 0 };

	/* Excel pads rows with empty cells: they name no column. */
	n = h->nf;
	if (sub != NULL && sub->nf > n)
		n = sub->nf;
	while (n > 0 && (n > h->nf || h->f[n - 1].len == 0) &&
	    (sub == NULL || n > sub->nf || sub->f[n - 1].len == 0))
		n--;
	s->ncol = n;
	s->out = xcalloc(n, sizeof(*s->out));
	s->kind = xcalloc(n, sizeof(*s->kind));
	s->hkey = xcalloc(n, sizeof(*s->hkey));
	for (i = 0; i < h->nf; i++) {
		keyof(&k, h->f[i].p, h->f[i].len);
		hasnu |= strcmp(k.p, "nu") == 0;
	}
	topc = -1;
	for (i = 0; i < n; i++) {
		buf_reset(&cell);
		if (i < h->nf)
			cleanfield(s, &cell, &h->f[i], MEMO_GET);
		if (cell.len > 0) {
			buf_reset(&top);
			buf_add(&top, cell.p, cell.len);
		}
		s->kind[i] = K_PLAIN;
		keyof(&k, cell.p ? cell.p : "", cell.len);
		c = headcol(cell.p ? cell.p : "", cell.len, &m);
		/* "Nam" beside "Nữ" is the men's column, not "Năm". */
		if (c == C_YEAR && hasnu && strcmp(cell.p, "Nam") == 0) {
			c = C_GENDER;
			s->kind[i] = K_MALE;
		}
		if (cell.len > 0)
			topc = c;
		if (sub != NULL && i < sub->nf && sub->f[i].len > 0) {
			/* Under a merged cell: the lower cell names it. */
			cleanfield(s, &cell, &sub->f[i], MEMO_GET);
			keyof(&k, cell.p, cell.len);
			s->kind[i] = K_PLAIN;
			if ((topc == C_BIRTH_YEAR || topc == C_GENDER) &&
			    (strcmp(k.p, "nam") == 0 || strcmp(k.p, "nu") == 0)) {
				/* Ngày sinh or Giới tính over Nam | Nữ. */
				c = topc;
				s->kind[i] = k.p[1] == 'a' ? K_MALE : K_FEMALE;
			} else if ((c = headcol(cell.p, cell.len, &m)) == -1 &&
			    m == NULL) {
				/* "Trình độ" over "Tin học" names both. */
				buf_reset(&name);
				buf_add(&name, top.p, top.len);
				buf_addc(&name, ' ');
				buf_add(&name, cell.p, cell.len);
				keyof(&k, name.p, name.len);
				if ((c = headcol(name.p, name.len, &m)) == -1 &&
				    m == NULL) {
					buf_reset(&cell);
					buf_add(&cell, name.p, name.len);
				}
			}
		}
		s->hkey[i] = xstrdup(k.p);
		if (c == A_FEMALE) {
			s->kind[i] = K_FEMALE;
			c = C_GENDER;
		}
		if (s->kind[i] == K_MALE)
			s->femaleonly = -1;
		else if (s->kind[i] == K_FEMALE && s->femaleonly == 0 &&
		    c == C_GENDER)
			s->femaleonly = 1;
		if (s->kind[i] != K_PLAIN)
			canonused[C_GENDER] = 1;
		if (c >= 0 && used[c] && s->kind[i] == K_PLAIN) {
			dwarn(s->name, h->line, "two columns name %s; the "
			    "second, \"%s\", is kept under its own name",
			    canon[c], cell.p ? cell.p : "");
			c = -1;
		}
		if (c >= 0) {
			used[c] = 1;
			canonused[c] = 1;
			s->out[i] = c;	/* resolved to an output index later */
			continue;
		}
		buf_reset(&name);
		if (m != NULL)
			buf_adds(&name, m);
		else if (cell.len == 0)
			buf_printf(&name, "column_%zu", i + 1);
		else
			text_snake(&name, cell.p, cell.len);
		s->out[i] = -1 - outcol(name.p);	/* an extra column */
	}
	buf_free(&k);
	buf_free(&cell);
	buf_free(&top);
	buf_free(&name);
}

/*
 * Whether path is a regular file, which can be read twice: a FIFO or a
 * /dev/fd name (bash's <(...)) cannot, and looking at its first bytes
 * would take them from the records.
 */
static int
regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The repair a file named path needs, from its first 64 KiB: for UTF-8
 * that holds legacy text Excel re-saved, "tcvn3-in-utf8" or "vni-in-utf8",
 * which repair the whole file exactly; else NULL.  Standard input cannot be
 * read twice: its cells are repaired one by one instead.
 */
static const char *
sniff(const char *path)
{
	static char b[64 * 1024];
	const char *g;
	ssize_t n;
	size_t len = 0;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0 || !regular(path) ||
	    (fd = open(path, O_RDONLY)) == -1)
		return NULL;
	while (len < sizeof(b) && (n = read(fd, b + len, sizeof(b) - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (!text_valid(b, len, NULL) && len < sizeof(b))
		return NULL;
	g = enc_guess(b, len);
	if (g != NULL && (strcmp(g, "tcvn3-in-utf8") == 0 ||
	    strcmp(g, "vni-in-utf8") == 0))
		return g;
	return NULL;
}

/* Keep a copy of rec, the row the reader of s just gave, for later. */
static void
enqueue(struct src *s, const struct rec *rec)
{
	struct qrow *q;
	const char *raw;
	size_t rawlen, i, n = 0;
	char *p;

	rec_raw(s->r, rec, &raw, &rawlen);
	for (i = 0; i < rec->nf; i++)
		n += rec->f[i].len + 1;
	s->q = xreallocarray(s->q, s->nq + 1, sizeof(*s->q));
	q = &s->q[s->nq++];
	q->rec = *rec;
	q->rec.f = xcalloc(rec->nf + 1, sizeof(*q->rec.f));
	q->mem = p = xmalloc(n + rawlen + 1);
	for (i = 0; i < rec->nf; i++) {
		memcpy(p, rec->f[i].p, rec->f[i].len);
		p[rec->f[i].len] = '\0';
		q->rec.f[i].p = p;
		q->rec.f[i].len = rec->f[i].len;
		p += rec->f[i].len + 1;
	}
	memcpy(p, raw, rawlen);
	p[rawlen] = '\0';
	q->raw = p;
	q->rawlen = rawlen;
}

#define AHEAD		100		/* rows read ahead, at most */
#define AHEADBYTES	(1024 * 1024)	/* and their bytes */

/*
 * Read the rows under the header ahead, up to the first person's row, so
 * that a section row above the people that names a staff type or a unit
 * ("I. CÁN BỘ", "Xã Mường Phăng") puts its column into the output header.
 * The rows are kept to be processed in their turn.
 */
static void
lookahead(struct src *s)
{
	struct buf unit = { 0 };
	const struct buf *lab, *nm;
	const struct rec *r;
	struct rec rec;
	unsigned long rep = s->repaired;
	size_t i, j, bytes = 0;
	int k, ok;

	for (i = 0;; i++) {
		if (i == s->nq) {
			if (s->nq >= AHEAD || bytes > AHEADBYTES ||
			    rec_next(s->r, &rec) <= 0)
				break;
			enqueue(s, &rec);
		}
		r = &s->q[i].rec;
		bytes += s->q[i].rawlen;
		if (r->err != NULL || isblankrec(r))
			continue;
		for (j = 0, ok = 1; j < r->nf && ok; j++)
			ok = text_valid(r->f[j].p, r->f[j].len, NULL);
		if (!ok)
			break;		/* process() says what is wrong */
		cleancells(s, r, NULL);
		if (persondata(s)) {
			nm = canoncell(s, C_FULL_NAME);
			if (nm == NULL || nm->len > 0)
				break;
			continue;
		}
		if (totalrow(s))
			continue;
		k = sectionrow(s, &lab, &unit);
		if (k == ROSTER_CAN_BO || k == ROSTER_CONG_CHUC)
			canonused[C_STAFF_TYPE] = 1;
		else if (k == ROSTER_PROVINCE)
			canonused[C_PROVINCE] = 1;
		else if (k == ROSTER_DISTRICT)
			canonused[C_DISTRICT] = 1;
		else if (k == ROSTER_COMMUNE)
			canonused[C_COMMUNE] = 1;
	}
	s->repaired = rep;	/* process() counts them */
	buf_free(&unit);
}

/*
 * Open operand path and read up to its header, rejecting the title rows
 * above it.  Returns 0 if the file has no header row (reported).
 */
static int
openhead(struct src *s, const char *path)
{
	struct rec rec, h;
	struct field *hf;
	struct buf k = { 0 };
	size_t i;
	int namecol = -1, named, rv;
	const char *m;

	const char *e = encoding;

	if (s->sheet != NULL) {
		/* A workbook's sheet: UTF-8 text, cells repaired alone. */
		s->name = xstrdup(xlsx_sheet_label(s->sheet));
		s->r = rec_open_src(s->name, xlsx_read, s->sheet);
		rec_set_delim(s->r, ',');
		s->repair = encoding == NULL;
		goto rows;
	}
	if (e == NULL)
		e = sniff(path);
	if ((s->enc = enc_open(path, e)) == NULL) {
		cbcc_warnx("%s: %s", path, strerror(errno));
		cbcc_status = EXIT_DATA;
		return 0;
	}
	s->name = xstrdup(path == NULL || strcmp(path, "-") == 0 ?
	    "<stdin>" : path);
	s->r = rec_open_src(s->name, enc_read, s->enc);
	if (delimiter != 0)
		rec_set_delim(s->r, delimiter);
	s->repair = e == NULL;	/* standard input: field by field */
	if (e != NULL && encoding == NULL)
		cbcc_at_warnx(s->name, 0, "this UTF-8 holds %s text that Excel "
		    "re-saved (\"%s\" for \"Đại học\"); read as --encoding "
		    "%s", strcmp(e, "vni-in-utf8") == 0 ? "VNI" : "TCVN3 (ABC)",
		    strcmp(e, "vni-in-utf8") == 0 ? "Ñaïi hoïc" : "§¹i häc", e);
rows:
	while ((rv = rec_next(s->r, &rec)) > 0) {
		if (rec.err != NULL) {
			reject(s, &rec, rec.err);
			continue;
		}
		if (!checkutf8(s, &rec))
			return 0;
		if (isblankrec(&rec)) {
			reject(s, &rec, "blank");
			continue;
		}
		if ((named = namedcells(s, &rec)) < 2) {
			for (i = 0; i < rec.nf && s->year == 0; i++) {
				fieldkey(s, &k, &rec.f[i]);
				if (strncmp(k.p, "nam ", 4) == 0 ||
				    strstr(k.p, " nam ") != NULL)
					s->year = yearin(k.p);
			}
			reject(s, &rec, "title");
			continue;
		}
		/* The header: keep a copy, then look at the next row. */
		h = rec;
		hf = xcalloc(rec.nf, sizeof(*hf));
		for (i = 0; i < rec.nf; i++) {
			hf[i].p = xmemdup0(rec.f[i].p, rec.f[i].len);
			hf[i].len = rec.f[i].len;
			if (fieldcol(s, &rec.f[i], &m) == C_FULL_NAME)
				namecol = (int)i;
		}
		h.f = hf;
		buf_free(&k);
		if (rec_next(s->r, &rec) > 0) {
			if (rec.err == NULL && checkutf8(s, &rec) &&
			    subheader(s, &rec, namecol))
				header(s, &h, &rec);
			else {
				header(s, &h, NULL);
				if (!s->dead)
					enqueue(s, &rec);
			}
		} else
			header(s, &h, NULL);
		if (!s->dead)
			lookahead(s);
		for (i = 0; i < h.nf; i++)
			free((char *)hf[i].p);
		free(hf);
		s->repaired = 0;	/* only data fields are counted */
		for (i = 0; i < s->ncol; i++)
			if (s->out[i] == C_YEAR)
				s->year = 0;	/* the data has its years */
		if (s->year != 0 && fillyear == 0) {
			canonused[C_YEAR] = 1;
			cbcc_at_warnx(s->name, 0, "no year column: year %d "
			    "taken from the title", s->year);
		}
		return !s->dead;
	}
	buf_free(&k);
	if (!s->dead && rv == 0) {	/* -1: the read error is reported */
		cbcc_at_warnx(s->name, 0, "no header row found (no row names "
		    "two columns such as \"Họ và tên\" and \"Trình độ chuyên "
		    "môn\"); --map FILE can name a site's own headers");
		cbcc_status = EXIT_DATA;
	}
	return 0;
}

/* The output column of input column i of s. */
static int
outindex(const struct src *s, size_t i)
{
	int o = s->out[i];

	if (o >= 0)
		return canonpos[o];
	return (int)ncanonout + (-1 - o);
}

static int
mdays(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Parse the leading digits of *pp; -1 if none.  Advances *pp. */
static long
digits(const char **pp, int *nd)
{
	const char *p = *pp;
	long v = 0;

	*nd = 0;
	while (isdigit((unsigned char)*p) && *nd < 9) {
		v = v * 10 + (*p++ - '0');
		(*nd)++;
	}
	*pp = p;
	return *nd > 0 ? v : -1;
}

/*
 * The date of birth in date text v, as yyyymmdd: dd/mm/yyyy (or - .),
 * yyyy-mm-dd, an Excel serial day number; mm/yyyy gives yyyymm00 and a
 * bare year yyyy0000.  A time after a space is ignored.  Returns 0 for
 * text that is no valid date.
 */
static long
birthdate(const char *v)
{
	const char *p = v;
	long a, b, c;
	int na, nb, nc, y, m, d;
	char sep;

	a = digits(&p, &na);
	if (a < 0)
		return 0;
	if (*p == '\0' || (*p == ' ' && na >= 4) ||
	    (*p == '.' && p[1] == '0' && p[2] == '\0')) {
		if (na == 4)
			return a >= 1900 && a <= 2100 ? a * 10000 : 0;
		if (na == 5 && a >= 60 && (*p == '\0' || *p == '.')) {
			/* Excel: day 1 is 1900-01-01, day 60 the bogus
			 * 1900-02-29; day 25569 is 1970-01-01. */
			date_civil(a - 25569, &y, &m, &d);
			return y * 10000L + m * 100 + d;
		}
		return 0;
	}
	sep = *p;
	if (sep != '/' && sep != '-' && sep != '.')
		return 0;
	p++;
	b = digits(&p, &nb);
	if (b < 0)
		return 0;
	if (*p == '\0' && na <= 2 && nb == 4) {
		/* mm/yyyy */
		return a >= 1 && a <= 12 && b >= 1900 && b <= 2100 ?
		    b * 10000 + a * 100 : 0;
	}
	if (*p != sep)
		return 0;
	p++;
	c = digits(&p, &nc);
	if (c < 0 || (*p != '\0' && *p != ' ' && *p != 'T'))
		return 0;
	if (na == 4) {		/* yyyy-mm-dd */
		y = (int)a;
		m = (int)b;
		d = (int)c;
	} else if (nc == 4) {	/* dd/mm/yyyy */
		d = (int)a;
		m = (int)b;
		y = (int)c;
	} else
		return 0;
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays(y, m))
		return 0;
	return y * 10000L + m * 100 + d;
}

/* The birth year of date text v (birthdate), or 0. */
static int
birthyear(const char *v)
{
	return (int)(birthdate(v) / 10000);
}

/* Append year y, 1900-2100, in four digits: no printf on every row. */
static void
putyear(struct buf *b, int y)
{
	char d[4];

	d[0] = (char)('0' + y / 1000);
	d[1] = (char)('0' + y / 100 % 10);
	d[2] = (char)('0' + y / 10 % 10);
	d[3] = (char)('0' + y % 10);
	buf_add(b, d, 4);
}

/* Canonical values of the small closed columns; NULL: not recognised. */
static const char *
gendercode(const char *k)
{
	if (strcmp(k, "nam") == 0 || strcmp(k, "male") == 0 ||
	    strcmp(k, "m") == 0 || strcmp(k, "trai") == 0)
		return "nam";
	if (strcmp(k, "nu") == 0 || strcmp(k, "female") == 0 ||
	    strcmp(k, "f") == 0 || strcmp(k, "gai") == 0)
		return "nu";
	return NULL;
}

static const char *
stafftype(const char *k)
{
	if (strcmp(k, "can bo") == 0 || strcmp(k, "cb") == 0 ||
	    strcmp(k, "can bo chuyen trach") == 0 ||
	    strcmp(k, "can bo cap xa") == 0 || strcmp(k, "can bo xa") == 0 ||
	    strcmp(k, "can bo") == 0)
		return "can_bo";
	if (strcmp(k, "cong chuc") == 0 || strcmp(k, "cc") == 0 ||
	    strcmp(k, "cong chuc cap xa") == 0 ||
	    strcmp(k, "cong chuc xa") == 0)
		return "cong_chuc";
	return NULL;
}

static int
ismark(const char *k)
{
	return strcmp(k, "x") == 0 || strcmp(k, "1") == 0 ||
	    strcmp(k, "co") == 0 || strcmp(k, "v") == 0 ||
	    strcmp(k, "yes") == 0 || strcmp(k, "true") == 0 ||
	    strcmp(k, "dang vien") == 0 || strcmp(k, "dv") == 0;
}

static const char *
partycode(const char *k, const char *v)
{
	if (ismark(k) || birthyear(v) != 0 || strcmp(k, "\xe2\x9c\x93") == 0)
		return "1";
	if (strcmp(k, "0") == 0 || strcmp(k, "khong") == 0 ||
	    strcmp(k, "no") == 0 || strcmp(k, "false") == 0 ||
	    strcmp(k, "chua") == 0)
		return "0";
	return NULL;
}

/*
 * Per input column its clean value.  The thread that reads ahead (reader)
 * cleans into its own, which process's thread copies from.
 */
static _Thread_local struct buf *cells;
static _Thread_local size_t ncells;
static struct buf *vals;	/* per output column: the value written */
static long bdate;		/* the row's date of birth (birthdate), or 0 */
static const struct buf *bdcell; /* the cell isdata parsed a date of */
static long bdcache;		/* and that date */
static size_t cursrc;		/* the file being processed */
static struct buf kb, tb;	/* scratch: a key, a text */

/*
 * The memo of clean cells, and per column of the file being processed
 * whether it is worth asking: a column whose values do not repeat (ids,
 * full names) costs a lookup and a copy a cell for nothing, so a column
 * stops using it once MEMOTRY lookups found fewer than one in MEMORATE.
 * The memo holds only cells of rows found to be UTF-8: a hit needs no
 * check.
 */
#define MEMOTRY		1024
#define MEMORATE	8
static struct memo *cellmemo;
static struct colmemo {
	unsigned	 tries;		/* lookups */
	unsigned	 hits;		/* of them found */
	int		 off;		/* the memo is not used for it */
} *colmemo;			/* on lines of its own: the reader thread
				   changes it every cell */
static size_t ncolmemo;
static const struct src *memosrc; /* the file colmemo is of */
static _Thread_local unsigned char *prefilled; /* per column: its cell is
					   clean already */
static _Thread_local unsigned long cleanline; /* the line of the row
					   cleancells cleans, or 0 */

/*
 * Clean field f into b, repairing legacy text that Excel re-saved.  In a
 * row's cells (cleanline), NUL bytes read as spaces and characters removed
 * are counted for s (text_cleaned), with the line of the first removed.  memo
 * says whether the memo of clean cells is asked (MEMO_GET) and told
 * (MEMO_PUT, only for a field that is valid UTF-8).
 */
static void
cleanfield(struct src *s, struct buf *b, const struct field *f, int memo)
{
	static struct buf fix;	/* a repaired text */
	struct text_drops d;
	const char *v;
	size_t vlen;
	int fixed = 0;

	buf_reset(b);
	if (cellmemo == NULL)
		cellmemo = memo_new(8192, 64);
	if (s->repair && (memo & MEMO_GET) &&
	    (v = memo_get(cellmemo, f->p, f->len, &vlen)) != NULL) {
		buf_add(b, v, vlen);
		return;
	}
	text_cleaned(NULL);
	if (s->repair && !text_ascii(f->p, f->len)) {
		buf_reset(&fix);
		if (enc_looks_tcvn3(f->p, f->len) &&
		    enc_fix_tcvn3(&fix, f->p, f->len)) {
			s->fixed = "TCVN3 (ABC)";
			fixed = 1;
		} else {
			buf_reset(&fix);
			if (enc_looks_vni(f->p, f->len) &&
			    enc_fix_vni(&fix, f->p, f->len)) {
				s->fixed = "VNI";
				fixed = 1;
			}
		}
	}
	if (fixed) {
		s->repaired++;
		text_clean(b, fix.p, fix.len);
	} else
		text_clean(b, f->p, f->len);
	text_cleaned(&d);
	if (d.nul > 0 || d.dropped > 0) {
		if (cleanline == 0)
			return;
		if (s->drops.dropped == 0 && d.dropped > 0) {
			s->drops.first = d.first;
			s->dropline = cleanline;
		}
		s->drops.nul += d.nul;
		s->drops.dropped += d.dropped;
	} else if (s->repair && !fixed && (memo & MEMO_PUT))
		memo_put(cellmemo, f->p, f->len, b->p, b->len);
}

/* A column-numbering row: 1,2,3... or (1),(2),... increasing. */
static int
numbering(const struct src *s)
{
	size_t i;
	long last = -1, v;
	int n = 0;
	const char *e;

	for (i = 0; i < s->ncol; i++) {
		const char *p = cells[i].p;

		if (cells[i].len == 0)
			continue;
		if (*p == '(')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		/* Column numbers: no more than 18 digits. */
		for (v = 0, e = p; isdigit((unsigned char)*e) && e - p < 18;
		    e++)
			v = v * 10 + (*e - '0');
		if (*e == ')' && *cells[i].p == '(')
			e++;
		if (*e != '\0' || v <= last)
			return 0;
		last = v;
		n++;
	}
	return n >= 2;
}

/* A repeat of the header row (sheets pasted one under another). */
static int
repeatedheader(const struct src *s)
{
	size_t i;
	int same = 0, c;

	for (i = 0; i < s->ncol; i++) {
		if (cells[i].len == 0)
			continue;
		/* A key begins with the cell's first ASCII letter or digit,
		 * in lower case: most rows differ there, no key built. */
		c = (unsigned char)cells[i].p[0];
		if (isascii(c) && isalnum(c) &&
		    tolower(c) != (unsigned char)s->hkey[i][0])
			return 0;
		keyof(&kb, cells[i].p, cells[i].len);
		if (strcmp(kb.p, s->hkey[i]) != 0)
			return 0;
		same++;
	}
	return same >= 2;
}

/* Whether clean cell v holds a letter: text, not a count. */
static int
hasletter(const struct buf *v)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		if (isalpha((unsigned char)v->p[i]) ||
		    (unsigned char)v->p[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * Whether clean cell v, in canonical column c (or under Nam or Nữ, kind),
 * is a person's data: an id; a date of birth; a gender, staff type or
 * party membership the column knows; a mark under Nam or Nữ (these are
 * D_SURE: no furniture holds them); text in a column of free text
 * (ethnicity, position, qualifications: D_TEXT, which a signature block
 * may hold).  Numbers alone are not, but for an id and a date: a total row
 * holds counts where the data would be.  Nor is text that a closed column
 * does not know.  Returns D_NONE, D_TEXT or D_SURE.
 */
static int
isdata(const struct buf *v, int c, int kind)
{
	if (v->len == 0)
		return D_NONE;
	if (kind != K_PLAIN) {
		keyof(&kb, v->p, v->len);
		return ismark(kb.p) || birthyear(v->p) != 0 ? D_SURE : D_NONE;
	}
	switch (c) {
	case C_ID:
		return D_SURE;
	case C_BIRTH_YEAR:
		/* canonical() takes the date from here, parsed once */
		bdcell = v;
		bdcache = birthdate(v->p);
		return bdcache != 0 ? D_SURE : D_NONE;
	case C_GENDER:
		keyof(&kb, v->p, v->len);
		return gendercode(kb.p) != NULL ? D_SURE : D_NONE;
	case C_STAFF_TYPE:
		keyof(&kb, v->p, v->len);
		return stafftype(kb.p) != NULL ||
		    strstr(kb.p, "khong chuyen trach") != NULL ? D_SURE : D_NONE;
	case C_PARTY_MEMBER:
		keyof(&kb, v->p, v->len);
		return (hasletter(v) ? ismark(kb.p) : birthyear(v->p) != 0) ?
		    D_SURE : D_NONE;
	case C_ETHNICITY:
	case C_POSITION:
	case C_EDUCATION:
	case C_POLITICAL_THEORY:
	case C_STATE_MGMT:
	case C_IT_SKILL:
	case C_FOREIGN_LANGUAGE:
	case C_GENERAL_EDUCATION:
		return hasletter(v) ? D_TEXT : D_NONE;
	default:		/* names, units, years, unknown columns */
		return D_NONE;
	}
}

/* How surely this row holds a person's data (isdata): the best of its cells. */
static int
persondata(const struct src *s)
{
	size_t i;
	int d, best = D_NONE;

	for (i = 0; i < s->ncol && best != D_SURE; i++)
		if (cells[i].len > 0 && (d = isdata(&cells[i], s->out[i],
		    s->kind[i])) > best)
			best = d;
	return best;
}

/* A total row: "Tổng cộng", "Cộng", "Tổng số" among its first cells. */
static int
totalrow(const struct src *s)
{
	size_t i;
	int seen = 0;

	for (i = 0; i < s->ncol && seen < 3; i++)
		if (cells[i].len > 0) {
			seen++;
			if (roster_total(cells[i].p, cells[i].len))
				return 1;
		}
	return 0;
}

/*
 * Whether this row, which holds no person's data, is a section heading
 * (roster_section): one label, alone or after a list marker in a cell of
 * its own (the STT column's, not the name's: "A" there is a name).  A
 * label in a unit column beside a marker is a person's row that lacks
 * its name.  Returns the ROSTER_* it says, or -1; *lab gets the label's
 * cell, unit the text of a unit it names.
 */
static int
sectionrow(const struct src *s, const struct buf **lab, struct buf *unit)
{
	size_t i, n = 0, c[2];

	for (i = 0; i < s->ncol; i++)
		if (cells[i].len > 0) {
			if (n == 2)
				return -1;
			c[n++] = i;
		}
	if (n == 0)
		return -1;
	*lab = &cells[c[n - 1]];
	if (n == 1)
		return roster_section("", 0, cells[c[0]].p, cells[c[0]].len,
		    unit);
	if (s->out[c[0]] == C_FULL_NAME || s->out[c[1]] == C_PROVINCE ||
	    s->out[c[1]] == C_DISTRICT || s->out[c[1]] == C_COMMUNE)
		return -1;
	return roster_section(cells[c[0]].p, cells[c[0]].len, cells[c[1]].p,
	    cells[c[1]].len, unit);
}

/*
 * Whether cells of this row belong to a signature block (roster_footer):
 * some of them, or with all set, every one.
 */
static int
footerrow(const struct src *s, int all)
{
	size_t i;
	int some = 0;

	for (i = 0; i < s->ncol; i++)
		if (cells[i].len > 0) {
			if (roster_footer(cells[i].p, cells[i].len))
				some = 1;
			else if (all)
				return 0;
		}
	return some;
}

/*
 * Section row rec says what roster_section returned, k, of the rows below
 * it (lab, its label; unit, the unit it names): remember it, forget what
 * the sections nested in the one it replaces said, log it for stderr, and
 * give its reject reason in why.
 */
static void
section(struct src *s, const struct rec *rec, int k, const struct buf *lab,
    const struct buf *unit, struct buf *why)
{
	static const char *const staff[] = { "can_bo", "cong_chuc",
	    "not cbcc" };
	int kind, j, clear;

	s->nsect++;
	buf_reset(why);
	buf_adds(why, "section");
	kind = k == ROSTER_CAN_BO || k == ROSTER_CONG_CHUC ||
	    k == ROSTER_NOT_CBCC ? S_STAFF : k == ROSTER_PROVINCE ? S_PROVINCE :
	    k == ROSTER_DISTRICT ? S_DISTRICT : k == ROSTER_COMMUNE ?
	    S_COMMUNE : -1;
	if (kind != -1) {
		if (s->sectrank[kind] == 0)
			s->sectrank[kind] = ++s->nranks;
		/* A unit ends the units below it; any section ends the
		 * sections first met after it (nested in it). */
		for (j = 0; j < NSECT; j++) {
			if (j == kind)
				continue;
			if (j != S_STAFF && kind != S_STAFF)
				clear = j > kind;	/* a lower level */
			else
				clear = s->sectrank[j] > s->sectrank[kind];
			if (clear)
				buf_reset(&s->sect[j]);
		}
		buf_reset(&s->sect[kind]);
		if (kind == S_STAFF)
			buf_adds(&s->sect[kind], staff[k - ROSTER_CAN_BO]);
		else
			unit_name(&s->sect[kind], kind == S_PROVINCE ?
			    UNIT_PROVINCE : kind == S_DISTRICT ? UNIT_DISTRICT :
			    UNIT_COMMUNE, unit->p, unit->len);
		s->sectline[kind] = rec->line;
		buf_printf(why, ": %s %s", k == ROSTER_NOT_CBCC ?
		    "part-time workers below," : canon[sectcol[kind]],
		    k == ROSTER_NOT_CBCC ? "not cbcc" : s->sect[kind].p);
		if (k != ROSTER_NOT_CBCC && canonpos[sectcol[kind]] < 0 &&
		    !s->sectwarned[kind]) {
			s->sectwarned[kind] = 1;
			dwarn(s->name, rec->line, "section \"%s\" names a %s, "
			    "but the output has no %s column (no section "
			    "above the first people named one): not carried "
			    "down", lab->p, canon[sectcol[kind]],
			    canon[sectcol[kind]]);
		}
	}
	if (s->nsect <= 8)
		buf_printf(&s->sectlog, "%sline %lu \"%s\"%s%s%s",
		    s->nsect > 1 ? ", " : "", rec->line, lab->p,
		    kind != -1 ? " (" : "", kind != -1 ? why->p +
		    strlen("section: ") : "", kind != -1 ? ")" : "");
}

/* The clean value of canonical column c in this row, or NULL. */
static const struct buf *
canoncell(const struct src *s, int c)
{
	size_t i;

	for (i = 0; i < s->ncol; i++)
		if (s->out[i] == c && s->kind[i] == K_PLAIN)
			return &cells[i];
	return NULL;
}

/*
 * Append src to dst, taking its bytes rather than copying them when dst is
 * empty: the buffers are swapped, or if src is a view (buf_view) dst
 * becomes one too.  src is not to be read again.
 */
static void
take(struct buf *dst, struct buf *src)
{
	struct buf t;

	if (dst->len == 0 && src->cap == 0 && src->p != NULL) {
		buf_free(dst);
		*dst = *src;
	} else if (dst->len == 0) {
		t = *dst;
		*dst = *src;
		*src = t;
	} else
		buf_add(dst, src->p, src->len);
}

/*
 * Whether canonical column c keeps its clean values as they are (names,
 * ids, free text): canonical has no more to do than take them.
 */
static int
kept(int c)
{
	switch (c) {
	case C_YEAR:
	case C_PROVINCE:
	case C_DISTRICT:
	case C_COMMUNE:
	case C_GENDER:
	case C_BIRTH_YEAR:
	case C_STAFF_TYPE:
	case C_PARTY_MEMBER:
		return 0;
	default:
		return 1;
	}
}

/*
 * Put clean value v of canonical column c into its canonical form in
 * out.  Returns a reject reason, or NULL.  A value kept as it is goes
 * by take: v is not to be read again.
 */
static const char *
canonical(struct src *s, const struct rec *rec, int c, struct buf *v,
    struct buf *out)
{
	static char reason[256];
	static struct memo *formmemo[NCANON];	/* per column */
	const char *code, *m;
	size_t mlen, start = out->len;
	int y;

	if (kept(c)) {
		take(out, v);
		return NULL;
	}
	/*
	 * A roster's party column marks the members (x, a date of joining):
	 * the others are left blank, not unknown.
	 */
	if (v->len == 0 && c == C_PARTY_MEMBER) {
		buf_addc(out, '0');
		return NULL;
	}
	if (v->len == 0)
		return NULL;
	/*
	 * The values of the columns left but the date of birth repeat on
	 * every row and their forms depend on the value alone: remembered
	 * once found (not a value rejected or warned of, so that each row
	 * says so).
	 */
	if (c != C_BIRTH_YEAR) {
		if (formmemo[c] == NULL)
			formmemo[c] = memo_new(1024, 128);
		if ((m = memo_get(formmemo[c], v->p, v->len, &mlen)) != NULL) {
			buf_add(out, m, mlen);
			return NULL;
		}
	}
	switch (c) {
	case C_YEAR:
		keyof(&kb, v->p, v->len);
		if ((y = yearin(kb.p)) == 0 || (strlen(kb.p) != 4 &&
		    strncmp(kb.p, "nam ", 4) != 0)) {
			snprintf(reason, sizeof(reason), "bad year: \"%.100s\"",
			    v->p);
			return reason;
		}
		putyear(out, y);
		break;
	case C_PROVINCE:
	case C_DISTRICT:
	case C_COMMUNE:
		unit_name(out, c == C_PROVINCE ? UNIT_PROVINCE : c ==
		    C_DISTRICT ? UNIT_DISTRICT : UNIT_COMMUNE, v->p, v->len);
		break;
	case C_GENDER:
		keyof(&kb, v->p, v->len);
		if ((code = gendercode(kb.p)) == NULL) {
			dwarn(s->name, rec->line, "gender \"%s\" is neither "
			    "nam nor nu; left empty", v->p);
			return NULL;
		}
		buf_adds(out, code);
		break;
	case C_BIRTH_YEAR:
		if ((bdate = v == bdcell ? bdcache : birthdate(v->p)) != 0)
			putyear(out, (int)(bdate / 10000));
		else
			dwarn(s->name, rec->line, "\"%s\" is no date of birth; "
			    "birth_year left empty", v->p);
		return NULL;
	case C_STAFF_TYPE:
		keyof(&kb, v->p, v->len);
		if (strstr(kb.p, "khong chuyen trach") != NULL ||
		    strcmp(kb.p, "kct") == 0) {
			snprintf(reason, sizeof(reason), "not cbcc: \"%.100s\" "
			    "(part-time workers are not cán bộ, công chức)",
			    v->p);
			return reason;
		}
		if ((code = stafftype(kb.p)) == NULL) {
			dwarn(s->name, rec->line, "\"%s\" is neither cán bộ "
			    "nor công chức; staff_type left empty", v->p);
			return NULL;
		}
		buf_adds(out, code);
		break;
	case C_PARTY_MEMBER:
		keyof(&kb, v->p, v->len);
		if ((code = partycode(kb.p, v->p)) == NULL) {
			dwarn(s->name, rec->line, "party_member \"%s\" is not "
			    "understood; left empty", v->p);
			return NULL;
		}
		buf_adds(out, code);
		break;
	default:		/* kept(c) */
		return NULL;
	}
	memo_put(formmemo[c], v->p, v->len, out->p + start, out->len - start);
	return NULL;
}

/*
 * Cell i of a "Nam" or "Nữ" column, sex being "nam" or "nu": a mark gives
 * the gender; a date (the forms write the birth date under Nam or Nữ)
 * gives the birth year and the gender.
 */
static void
sexcell(struct src *s, const struct rec *rec, size_t i, const char *sex)
{
	struct buf *g = &vals[canonpos[C_GENDER]];
	long d;

	if (cells[i].len == 0)
		return;
	keyof(&kb, cells[i].p, cells[i].len);
	if (ismark(kb.p) || strcmp(kb.p, sex) == 0) {
		if (g->len == 0)
			buf_adds(g, sex);
		return;
	}
	if (canonpos[C_BIRTH_YEAR] >= 0 && (d = birthdate(cells[i].p)) != 0) {
		if (vals[canonpos[C_BIRTH_YEAR]].len == 0) {
			putyear(&vals[canonpos[C_BIRTH_YEAR]],
			    (int)(d / 10000));
			bdate = d;
		}
		if (g->len == 0)
			buf_adds(g, sex);
		return;
	}
	dwarn(s->name, rec->line, "\"%s\" under %s is neither a mark nor a "
	    "date of birth; left out", cells[i].p, strcmp(sex, "nam") == 0 ?
	    "Nam" : "Nữ");
}

/* Room in cells (and prefilled) for the columns of s. */
static void
cellroom(const struct src *s)
{
	if (ncells < s->ncol) {
		cells = xreallocarray(cells, s->ncol, sizeof(*cells));
		memset(cells + ncells, 0, (s->ncol - ncells) * sizeof(*cells));
		prefilled = xrealloc(prefilled, s->ncol);
		ncells = s->ncol;
	}
}

/*
 * Check that rec, a row of s, is UTF-8, and clean into cells at once
 * those of its cells that the memo knows, marking them in prefilled for
 * cleancells.  Returns 0 if the row is not UTF-8, with the field and the
 * offset of the first bad byte in *bad and *off.
 */
static int
validcells(struct src *s, const struct rec *rec, size_t *bad, size_t *boff)
{
	struct colmemo *cm;
	const struct field *f;
	const char *v;
	size_t i, vlen, off;

	cellroom(s);
	if (memosrc != s || ncolmemo != s->ncol) {
		free(colmemo);
		colmemo = xlinecalloc(s->ncol, sizeof(*colmemo));
		ncolmemo = s->ncol;
		memosrc = s;
	}
	if (cellmemo == NULL)
		cellmemo = memo_new(8192, 64);
	for (i = 0; i < rec->nf; i++) {
		f = &rec->f[i];
		if (i < s->ncol) {
			prefilled[i] = 0;
			cm = &colmemo[i];
			if (s->repair && !cm->off) {
				if ((v = memo_get(cellmemo, f->p, f->len,
				    &vlen)) != NULL) {
					buf_reset(&cells[i]);
					buf_add(&cells[i], v, vlen);
					prefilled[i] = 1;
					cm->hits++;
				}
				if (++cm->tries == MEMOTRY &&
				    cm->hits * MEMORATE < cm->tries)
					cm->off = 1;
				if (prefilled[i])
					continue;
			}
		}
		if (!text_valid(f->p, f->len, &off)) {
			*bad = i;
			*boff = off;
			return 0;
		}
	}
	return 1;
}

/*
 * Clean the cells of rec, a row of s, into cells; the cells of a short
 * row that it does not have are empty.  With pre (after validcells), the
 * cells it marks are clean already, and the others are remembered in the
 * memo unless their column does without it.
 */
static void
cleancells(struct src *s, const struct rec *rec, const unsigned char *pre)
{
	size_t i;

	cellroom(s);
	for (i = 0; i < s->ncol; i++)
		if (i >= rec->nf)
			buf_reset(&cells[i]);
		else if (pre == NULL)
			cleanfield(s, &cells[i], &rec->f[i],
			    MEMO_GET | MEMO_PUT);
		else if (!pre[i])
			cleanfield(s, &cells[i], &rec->f[i],
			    memosrc == s && !colmemo[i].off ? MEMO_PUT : 0);
}

/*
 * Fill what the sections above say into the empty staff_type and unit
 * cells of this row.  Returns a reject reason for a row under a section
 * of part-time workers that says nothing else of itself, or NULL.
 */
static const char *
carry(struct src *s)
{
	static char reason[256];
	struct buf *v;
	int k;

	for (k = 0; k < NSECT; k++) {
		if (s->sect[k].len == 0 || canonpos[sectcol[k]] < 0 ||
		    vals[canonpos[sectcol[k]]].len > 0)
			continue;
		v = &vals[canonpos[sectcol[k]]];
		if (k == S_STAFF && strcmp(s->sect[k].p, "not cbcc") == 0) {
			snprintf(reason, sizeof(reason), "not cbcc: under the "
			    "section of part-time workers on line %lu",
			    s->sectline[k]);
			return reason;
		}
		buf_add(v, s->sect[k].p, s->sect[k].len);
	}
	if (canonpos[C_STAFF_TYPE] < 0 && s->sect[S_STAFF].len > 0 &&
	    strcmp(s->sect[S_STAFF].p, "not cbcc") == 0) {
		snprintf(reason, sizeof(reason), "not cbcc: under the section "
		    "of part-time workers on line %lu", s->sectline[S_STAFF]);
		return reason;
	}
	return NULL;
}

/* The file and line of global line number g (srcs[].base). */
static void
whereis(uint32_t g, const char **file, unsigned long *line)
{
	size_t i = cursrc + 1;

	while (i > 1 && srcs[i - 1].base >= g)
		i--;
	*file = srcs[i - 1].name;
	*line = g - srcs[i - 1].base;
}

/* Append clean value v to key k, and a NUL to end it. */
static void
keyadd(struct buf *k, const struct buf *v)
{
	buf_add(k, v->p != NULL ? v->p : "", v->len);
	buf_addc(k, '\0');
}

/*
 * Whether the record of this row, in vals, repeats one written before:
 * the same id in the same year, or the same full_name, date of birth (or
 * birth year, bdate) and unit in the same year.  Each record leaves one
 * fingerprint per key (seen.c: 8 bytes).  Gives the reject reason in why.
 */
static int
duplicate(struct src *s, const struct rec *rec, struct buf *why)
{
	static struct buf k;
	const struct buf *v;
	const char *file;
	unsigned long line;
	uint64_t g = s->base + rec->line, idfp = 0, namefp = 0;
	uint32_t first;
	int c, byid, byname;

	if (g > UINT32_MAX)
		return 0;
	if (seenset == NULL)
		seenset = seen_new();
	buf_reset(why);
	/* Both keys first, so that their lookups wait for memory at once. */
	byid = canonpos[C_ID] >= 0 && vals[canonpos[C_ID]].len > 0;
	if (byid) {
		buf_reset(&k);
		buf_addc(&k, 'i');
		if (canonpos[C_YEAR] >= 0)
			keyadd(&k, &vals[canonpos[C_YEAR]]);
		keyadd(&k, &vals[canonpos[C_ID]]);
		idfp = hash_bytes(k.p, k.len);
		seen_prefetch(seenset, idfp);
	}
	byname = bdate != 0 && canonpos[C_FULL_NAME] >= 0 &&
	    vals[canonpos[C_FULL_NAME]].len > 0;
	if (byname) {
		buf_reset(&k);
		buf_addc(&k, 'n');
		v = &vals[canonpos[C_FULL_NAME]];
		text_lower(&k, v->p, v->len);
		buf_addc(&k, '\0');
		buf_add(&k, &bdate, sizeof(bdate));
		for (c = C_YEAR; c <= C_COMMUNE; c++)
			if (canonpos[c] >= 0)
				keyadd(&k, &vals[canonpos[c]]);
		namefp = hash_bytes(k.p, k.len);
		seen_prefetch(seenset, namefp);
	}
	if (byid && seen_put(seenset, idfp, (uint32_t)g, &first)) {
		whereis(first, &file, &line);
		buf_printf(why, "duplicate: same id \"%s\" as %s:%lu",
		    vals[canonpos[C_ID]].p, file, line);
	}
	if (why->len == 0 && byname &&
	    seen_put(seenset, namefp, (uint32_t)g, &first)) {
		whereis(first, &file, &line);
		buf_printf(why, "duplicate: same full_name, birth %s and "
		    "commune as %s:%lu", bdate % 10000 == 0 ? "year" : "date",
		    file, line);
	}
	if (why->len == 0)
		return 0;
	if (s->ndup++ == 0) {
		s->dupline = rec->line;
		s->dupfirst = first;
	}
	return 1;
}

/* Reject rec, a row of s, as ragged. */
static void
ragged(struct src *s, const struct rec *rec)
{
	static struct buf why;

	buf_reset(&why);
	buf_printf(&why, "ragged: %zu field%s, header has %zu", rec->nf,
	    rec->nf == 1 ? "" : "s", s->ncol);
	reject(s, rec, why.p);
}

/*
 * Whether this row, which holds no person's data, is furniture: a total,
 * a section heading (whose word is then carried down) or a line of the
 * signature block.  If so it is rejected with its reason.
 */
static int
furniture(struct src *s, const struct rec *rec)
{
	static struct buf why, unit;
	const struct buf *lab;
	int k;

	if (totalrow(s)) {
		reject(s, rec, "total");
		return 1;
	}
	if ((k = sectionrow(s, &lab, &unit)) != -1) {
		section(s, rec, k, lab, &unit, &why);
		reject(s, rec, why.p);
		return 1;
	}
	if (s->footer || footerrow(s, 0)) {
		s->footer = 1;
		reject(s, rec, "footer: the signature block under the table");
		return 1;
	}
	return 0;
}

/* What prepare found of a row. */
enum {
	R_CLEAN,	/* its cells are clean in cells */
	R_ERR,		/* the reader could not parse it (rec->err) */
	R_BADUTF8,	/* it is not UTF-8 */
	R_BLANK,	/* it holds nothing but white space */
	R_RAGGED	/* it has more cells than the header */
};

struct prep {
	int		 st;		/* R_* */
	size_t		 field;		/* R_BADUTF8: the field */
	size_t		 off;		/* the offset in it */
	int		 byte;		/* and the byte */
};

/*
 * The first part of processing rec, a row of s, which needs nothing but
 * the row and its file's header: check that it is UTF-8, not blank and
 * no longer than the header, and clean its cells into cells.  What it
 * found goes in *p.
 */
static void
prepare(struct src *s, const struct rec *rec, struct prep *p)
{
	size_t i;

	if (rec->err != NULL) {
		p->st = R_ERR;
		return;
	}
	if (!validcells(s, rec, &p->field, &p->off)) {
		p->byte = (unsigned char)rec->f[p->field].p[p->off];
		p->st = R_BADUTF8;
		return;
	}
	if (isblankrec(rec)) {
		p->st = R_BLANK;
		return;
	}
	for (i = s->ncol; i < rec->nf; i++)
		if (rec->f[i].len > 0) {
			p->st = R_RAGGED;
			return;
		}
	cleanline = rec->line;
	cleancells(s, rec, prefilled);
	cleanline = 0;
	p->st = R_CLEAN;
}

/*
 * Process one row of s, after prepare: write it, or reject it with its
 * reason.  Of rec only the line, the number of fields and err are read.
 */
static void
process(struct src *s, const struct rec *rec, const struct prep *p,
    struct out *o)
{
	static struct buf why;
	const struct buf *nm, *id;
	const char *reason;
	size_t i, j;
	int y, d;

	switch (p->st) {
	case R_ERR:
		reject(s, rec, rec->err);
		return;
	case R_BADUTF8:
		badutf8(s, rec, p->field, p->off, p->byte);
		return;
	case R_BLANK:
		reject(s, rec, "blank");
		return;
	case R_RAGGED:
		ragged(s, rec);
		return;
	}
	bdcell = NULL;
	if (rec->nf < s->ncol) {
		/* Short: a heading or total typed alone, or ragged. */
		if (persondata(s) != D_NONE || !furniture(s, rec))
			ragged(s, rec);
		return;
	}
	if (numbering(s)) {
		reject(s, rec, "numbering");
		return;
	}
	if (repeatedheader(s)) {
		reject(s, rec, "header");
		return;
	}
	if ((d = persondata(s)) == D_NONE) {
		if (furniture(s, rec))
			return;
	} else if (d == D_TEXT && (s->footer || footerrow(s, 1))) {
		/* "Thủ trưởng đơn vị" under Trình độ is no person's, nor
		 * are the titles and names of the signatories. */
		s->footer = 1;
		reject(s, rec, "footer: the signature block under the table");
		return;
	}
	nm = canoncell(s, C_FULL_NAME);
	id = canoncell(s, C_ID);
	if (nm != NULL && nm->len == 0 && (id == NULL || id->len == 0)) {
		reject(s, rec, "no full_name: not a person's row");
		return;
	}

	bdate = 0;
	for (j = 0; j < noutcols; j++)
		buf_reset(&vals[j]);
	for (i = 0; i < s->ncol; i++) {
		struct buf *v = &vals[outindex(s, i)];

		switch (s->kind[i]) {
		case K_MALE:
		case K_FEMALE:
			sexcell(s, rec, i, s->kind[i] == K_MALE ? "nam" : "nu");
			break;
		default:
			if (s->out[i] < 0 || kept(s->out[i])) {
				take(v, &cells[i]);
				break;
			}
			if ((reason = canonical(s, rec, s->out[i], &cells[i],
			    v)) != NULL) {
				reject(s, rec, reason);
				return;
			}
		}
	}
	if (s->tag != NULL) {
		buf_reset(&tb);
		text_clean(&tb, s->tag, strlen(s->tag));
		canonical(s, rec, C_COMMUNE, &tb, &vals[canonpos[C_COMMUNE]]);
	}
	if ((reason = carry(s)) != NULL) {
		reject(s, rec, reason);
		return;
	}
	if (s->femaleonly == 1 && vals[canonpos[C_GENDER]].len == 0)
		buf_adds(&vals[canonpos[C_GENDER]], "nam");
	if (canonpos[C_YEAR] >= 0 && vals[canonpos[C_YEAR]].len == 0) {
		y = fillyear != 0 ? fillyear : s->year;
		if (y != 0)
			putyear(&vals[canonpos[C_YEAR]], y);
	}
	if (!keepdups && duplicate(s, rec, &why)) {
		reject(s, rec, why.p);
		return;
	}
	out_bufs(o, vals, noutcols);
	out_end(o);
}

/* Free the cells of this thread. */
static void
freecells(void)
{
	size_t i;

	for (i = 0; i < ncells; i++)
		buf_free(&cells[i]);
	free(cells);
	free(prefilled);
	cells = NULL;
	prefilled = NULL;
	ncells = 0;
}

/*
 * Reading ahead on a second thread.  While process writes the rows of a
 * file, a reader thread reads the next ones and prepares them, and hands
 * them over in batches, in order: each row with its clean cells and a
 * copy of its raw text for the rejects, not its fields (process reads
 * none).  A row that is not UTF-8 ends the reading, as it ends the file.
 * The batches go round a ring of NBATCH, so that memory stays bounded.
 * CBCC_THREADS=1 in the environment keeps to one thread.
 */
#define NBATCH		4
#define BATCHROWS	512		/* rows of a batch, at most */
#define BATCHCELLS	16384		/* and their cells */
#define BATCHBYTES	(256 * 1024)	/* and the bytes of their text */

struct span {
	size_t		 off;		/* in the batch's text */
	size_t		 len;		/* SIZE_MAX: a cell the row lacks */
};

struct batch {
	struct qrow	 row[BATCHROWS];	/* the rows, fields left out */
	struct prep	 prep[BATCHROWS];	/* what prepare found of them */
	size_t		 rawoff[BATCHROWS];	/* their raw text in text */
	struct span	*cell;		/* per row, its clean cells */
	size_t		 ncell;		/* room in cell */
	size_t		 n;		/* rows */
	struct buf	 text;		/* the raw texts and the clean cells */
	int		 last;		/* the reader has ended */
};

static struct {
	pthread_mutex_t	 mu;
	pthread_cond_t	 filled;	/* a batch was handed over */
	pthread_cond_t	 freed;		/* a batch was processed */
	struct batch	 b[NBATCH];
	size_t		 head;		/* the batch process takes next */
	size_t		 nfull;		/* batches handed over, not processed */
} ring = { .mu = PTHREAD_MUTEX_INITIALIZER,
    .filled = PTHREAD_COND_INITIALIZER, .freed = PTHREAD_COND_INITIALIZER };

/*
 * Add rec, a row of s just prepared, to batch b: its raw text, then its
 * clean cells, each ended by a NUL.
 */
static void
keep(struct src *s, struct batch *b, const struct rec *rec)
{
	struct qrow *q = &b->row[b->n];
	struct span *c = &b->cell[b->n * s->ncol];
	char *p;
	size_t i, n, need;

	q->rec = *rec;
	q->rec.f = NULL;
	q->mem = NULL;
	b->rawoff[b->n] = b->text.len;
	rec_rawadd(s->r, rec, &b->text);
	q->rawlen = b->text.len - b->rawoff[b->n];
	n = b->prep[b->n].st == R_CLEAN ? s->ncol : 0;
	need = 1;
	for (i = 0; i < n && i < rec->nf; i++)
		need += cells[i].len + 1;
	buf_reserve(&b->text, need);
	p = b->text.p + b->text.len + 1;	/* after the raw text's NUL */
	for (i = 0; i < n; i++) {
		c[i].off = (size_t)(p - b->text.p);
		if (i < rec->nf) {
			c[i].len = cells[i].len;
			buf_copy(p, cells[i].p, cells[i].len);
			p[cells[i].len] = '\0';
			p += cells[i].len + 1;
		} else
			c[i].len = SIZE_MAX;
	}
	b->text.len = (size_t)(p - b->text.p);
	b->n++;
}

/* The reader thread of file arg: fill batches until the end. */
static void *
reader(void *arg)
{
	struct src *s = arg;
	struct batch *b;
	struct rec rec;
	size_t rows, k;
	int last = 0;

	rows = BATCHCELLS / s->ncol;
	if (rows > BATCHROWS)
		rows = BATCHROWS;
	if (rows == 0)
		rows = 1;
	while (!last) {
		pthread_mutex_lock(&ring.mu);
		while (ring.nfull == NBATCH)
			pthread_cond_wait(&ring.freed, &ring.mu);
		b = &ring.b[(ring.head + ring.nfull) % NBATCH];
		pthread_mutex_unlock(&ring.mu);
		if (b->ncell < rows * s->ncol) {
			b->ncell = rows * s->ncol;
			b->cell = xreallocarray(b->cell, b->ncell,
			    sizeof(*b->cell));
		}
		b->n = 0;
		buf_reset(&b->text);
		while (b->n < rows && b->text.len < BATCHBYTES) {
			if (rec_next(s->r, &rec) <= 0) {
				last = 1;
				break;
			}
			prepare(s, &rec, &b->prep[b->n]);
			keep(s, b, &rec);
			if (b->prep[b->n - 1].st == R_BADUTF8) {
				last = 1;
				break;
			}
		}
		for (k = 0; k < b->n; k++)
			b->row[k].raw = b->text.p + b->rawoff[k];
		b->last = last;
		pthread_mutex_lock(&ring.mu);
		ring.nfull++;
		pthread_cond_signal(&ring.filled);
		pthread_mutex_unlock(&ring.mu);
	}
	freecells();
	return NULL;
}

/*
 * Make cells views (buf_view) of the clean cells of row k of batch b, a
 * batch of s: no copy.  The values written are views of them too (take),
 * until the next row.
 */
static void
unpack(const struct src *s, const struct batch *b, size_t k)
{
	const struct span *c = &b->cell[k * s->ncol];
	size_t i;

	for (i = 0; i < s->ncol; i++)
		if (c[i].len == SIZE_MAX)
			buf_view(&cells[i], "", 0);
		else
			buf_view(&cells[i], b->text.p + c[i].off, c[i].len);
}

static pthread_t	readert;	/* the reader thread, */
static int		readerup;	/* while it is not joined */

/*
 * At exit (a write error, --strict's first reject), the reader thread is
 * left to end with the process, where it is: it may be waiting for input
 * that will not come.  Detached, it is not an error of ours left behind.
 */
static void
leavereader(void)
{
	if (readerup && !pthread_equal(pthread_self(), readert))
		pthread_detach(readert);
	readerup = 0;
}

/*
 * Process the rows of s left to read, on two threads (see reader); 0 if
 * the reader thread could not be started.
 */
static int
twothreads(struct src *s, struct out *o)
{
	static int once;
	struct batch *b;
	struct buf *own = cells;
	size_t i, k, nown = ncells;
	int last = 0;

	ring.head = ring.nfull = 0;
	if (!once && atexit(leavereader) != 0)
		return 0;
	once = 1;
	if (pthread_create(&readert, NULL, reader, s) != 0)
		return 0;
	readerup = 1;
	/*
	 * This thread's cells show the batches' while the reader runs, on
	 * lines of their own: they change every row.
	 */
	cells = xlinecalloc(s->ncol, sizeof(*cells));
	ncells = s->ncol;
	while (!last) {
		pthread_mutex_lock(&ring.mu);
		while (ring.nfull == 0)
			pthread_cond_wait(&ring.filled, &ring.mu);
		b = &ring.b[ring.head];
		pthread_mutex_unlock(&ring.mu);
		for (k = 0; k < b->n && !s->dead; k++) {
			curq = &b->row[k];
			if (b->prep[k].st == R_CLEAN)
				unpack(s, b, k);
			process(s, &b->row[k].rec, &b->prep[k], o);
		}
		curq = NULL;
		last = b->last;
		pthread_mutex_lock(&ring.mu);
		ring.head = (ring.head + 1) % NBATCH;
		ring.nfull--;
		pthread_cond_signal(&ring.freed);
		pthread_mutex_unlock(&ring.mu);
	}
	pthread_join(readert, NULL);
	readerup = 0;
	free(cells);
	cells = own;
	ncells = nown;
	for (i = 0; i < NBATCH; i++) {
		buf_free(&ring.b[i].text);
		free(ring.b[i].cell);
		ring.b[i].cell = NULL;
		ring.b[i].ncell = 0;
	}
	return 1;
}

/* Process the rows of s left to read. */
static void
rows(struct src *s, struct out *o)
{
	struct rec rec;
	struct prep p;
	const char *e;

	if (s->ncol > 0 && ((e = getenv("CBCC_THREADS")) == NULL ||
	    strcmp(e, "1") != 0) && twothreads(s, o))
		return;
	while (!s->dead && rec_next(s->r, &rec) > 0) {
		prepare(s, &rec, &p);
		process(s, &rec, &p, o);
	}
}

/*
 * Say on stderr what was found in s beyond its records: the section rows
 * and what they carried down, the duplicates, the NUL bytes and the
 * invisible characters removed from cells.
 */
static void
summary(const struct src *s)
{
	const char *file;
	unsigned long line;

	if (s->nsect > 0) {
		if (s->nsect > 8)
			cbcc_at_warnx(s->name, 0, "sections found: %s, and %lu "
			    "more", s->sectlog.p, s->nsect - 8);
		else
			cbcc_at_warnx(s->name, 0, "sections found: %s",
			    s->sectlog.p);
	}
	if (s->ndup > 0) {
		whereis(s->dupfirst, &file, &line);
		cbcc_at_warnx(s->name, 0, "%lu record%s repeat%s earlier "
		    "one%s, rejected as duplicate (the first, line %lu, "
		    "repeats %s:%lu); --keep-duplicates keeps them", s->ndup,
		    s->ndup == 1 ? "" : "s", s->ndup == 1 ? "s an" : "",
		    s->ndup == 1 ? "" : "s", s->dupline, file, line);
	}
	if (s->drops.nul > 0)
		cbcc_at_warnx(s->name, 0, "%lu NUL byte%s in cells read as "
		    "%s", s->drops.nul, s->drops.nul == 1 ? "" : "s",
		    s->drops.nul == 1 ? "a space" : "spaces");
	if (s->drops.dropped > 0)
		cbcc_at_warnx(s->name, 0, "%lu control character%s, format "
		    "character%s or noncharacter%s removed from cells (the "
		    "first, U+%04lX, on line %lu)", s->drops.dropped,
		    s->drops.dropped == 1 ? "" : "s", s->drops.dropped == 1 ?
		    "" : "s", s->drops.dropped == 1 ? "" : "s",
		    (unsigned long)s->drops.first, s->dropline);
}

/* Read --map FILE: CSV alias,column (a header row alias,column is fine). */
static void
readmap(const char *path)
{
	struct rec_reader *r;
	struct rec rec;
	size_t i;
	const char *p;

	if ((r = rec_open(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	while (rec_next(r, &rec) > 0) {
		if (rec.err != NULL)
			cbcc_at_errx(path, rec.line, "%s", rec.err);
		if (rec.nf != 2)
			cbcc_at_errx(path, rec.line, "expected alias,column; "
			    "found %zu fields", rec.nf);
		if (rec.line == 1 && strcmp(rec.f[0].p, "alias") == 0 &&
		    strcmp(rec.f[1].p, "column") == 0)
			continue;
		for (p = rec.f[1].p; *p != '\0'; p++)
			if (!islower((unsigned char)*p) && *p != '_' &&
			    !isdigit((unsigned char)*p))
				break;
		if (*p != '\0' || rec.f[1].len == 0)
			cbcc_at_errx(path, rec.line, "column \"%s\" is not an "
			    "ASCII snake_case name", rec.f[1].p);
		maps = xreallocarray(maps, nmaps + 1, sizeof(*maps));
		buf_reset(&kb);
		text_key(&kb, rec.f[0].p, rec.f[0].len, TEXT_KEY_PUNCT);
		maps[nmaps].key = xstrdup(kb.p);
		maps[nmaps].name = xstrdup(rec.f[1].p);
		nmaps++;
	}
	rec_close(r);
	(void)i;
}

/* A new input in srcs[], zeroed. */
static struct src *
newsrc(void)
{
	srcs = xreallocarray(srcs, nsrcs + 1, sizeof(*srcs));
	memset(&srcs[nsrcs], 0, sizeof(*srcs));
	return &srcs[nsrcs++];
}

/*
 * Whether sheet i of x holds a header row among its first 200 rows that
 * hold something: 1 or 0; -1 if it cannot be opened (reported).
 */
static int
sheethead(struct xlsx *x, size_t i)
{
	struct xlsx_sheet *sh;
	struct src t;
	struct rec rec;
	int n = 0, found = 0;

	if ((sh = xlsx_sheet_open(x, i)) == NULL)
		return -1;
	xlsx_sheet_quiet(sh);
	memset(&t, 0, sizeof(t));
	t.name = (char *)xlsx_sheet_label(sh);
	t.r = rec_open_src(t.name, xlsx_read, sh);
	rec_set_delim(t.r, ',');
	t.repair = encoding == NULL;
	while (!found && n++ < 200 && rec_next(t.r, &rec) > 0)
		if (rec.err == NULL && !isblankrec(&rec) &&
		    text_valid(rec.f[0].p, rec.f[0].len, NULL))
			found = namedcells(&t, &rec) >= 2;
	rec_close(t.r);
	xlsx_sheet_close(sh);
	return found;
}

/* Open sheet i of x as a new input, tagged with its name if tag. */
static void
addsheet(struct xlsx *x, size_t i, int tag)
{
	struct src *s = newsrc();
	size_t j;

	if ((s->sheet = xlsx_sheet_open(x, i)) == NULL) {
		s->dead = 1;
		return;
	}
	if (!openhead(s, NULL)) {
		s->dead = 1;
		return;
	}
	if (!tag)
		return;
	s->tag = xlsx_sheet_name(x, i);
	for (j = 0; j < s->ncol; j++)
		if (s->out[j] == C_COMMUNE)
			s->tag = NULL;	/* the sheet names its communes */
	if (s->tag != NULL)
		canonused[C_COMMUNE] = 1;
}

/*
 * Open operand path: a text file as one input; a workbook (told by its
 * first bytes) as the sheet --sheet names, every sheet with a header row
 * (--sheet all), or the first sheet that holds a header row.
 */
static void
operand(const char *path)
{
	struct xlsx *x;
	size_t i, n, nbad = 0;
	long si;
	int kind = XLSX_TEXT, h = 0;

	if (strcmp(path, "-") != 0 && regular(path) &&
	    (kind = xlsx_sniff(path)) == -1)
		kind = XLSX_TEXT;	/* enc_open reports it */
	if (kind == XLSX_TEXT) {
		if (!openhead(newsrc(), path))
			srcs[nsrcs - 1].dead = 1;
		return;
	}
	if ((x = xlsx_open(path, kind)) == NULL)
		return;
	books = xreallocarray(books, nbooks + 1, sizeof(*books));
	books[nbooks++] = x;
	n = xlsx_nsheets(x);
	if (sheetarg != NULL && strcmp(sheetarg, "all") == 0) {
		for (i = 0, si = 0; i < n; i++)
			if ((h = sheethead(x, i)) == 1) {
				addsheet(x, i, 1);
				si++;
			} else if (h == -1)
				nbad++;
			else
				cbcc_warnx("%s: sheet \"%s\" holds no header "
				    "row; not read", path,
				    xlsx_sheet_name(x, i));
		if (si == 0 && nbad == 0) {
			cbcc_warnx("%s: no sheet holds a header row",
			    path);
			cbcc_status = EXIT_DATA;
		}
		return;
	}
	if (sheetarg != NULL) {
		if ((si = xlsx_sheet_find(x, sheetarg)) == -1) {
			cbcc_warnx("%s: no sheet \"%s\" (its sheets: %s%s)",
			    path, sheetarg, xlsx_sheet_name(x, 0), n > 1 ?
			    ", ..." : "");
			cbcc_status = EXIT_DATA;
			return;
		}
	} else {
		for (si = 0; (size_t)si < n; si++)
			if ((h = sheethead(x, (size_t)si)) != 0)
				break;
		if (h == -1)
			return;
		if ((size_t)si == n)
			si = 0;		/* openhead says what is wrong */
		if (n > 1)
			cbcc_warnx("%s: sheet \"%s\" read, %ld of %zu; "
			    "--sheet NAME reads another, --sheet all every "
			    "one", path, xlsx_sheet_name(x, (size_t)si),
			    si + 1, n);
	}
	addsheet(x, (size_t)si, 0);
}

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "map", required_argument, NULL, 'm' },
		{ "sheet", required_argument, NULL, 's' },
		{ "keep-duplicates", no_argument, NULL, OPT_PRIVATE },
		OPT_COMMON,
		{ NULL, 0, NULL, 0 }
	};
	struct out *o;
	struct prep p;
	const char *errstr, *path;
	const char **names;
	unsigned long lines = 0;
	size_t i, j, n;
	int c, nargs;

	opt_init("cbcc-normalize", "[-y year] [-e encoding] [-d delimiter] "
	    "[-m mapfile] [-s sheet] [--keep-duplicates]\n[--format fmt] "
	    "[--rejects file] [--strict] [--excel] [file ...]");
	while ((c = getopt_long(argc, argv, "y:e:d:m:s:h", longopts, NULL)) !=
	    -1)
		switch (c) {
		case 'y':
			fillyear = (int)cbcc_strtonum(optarg, 1900, 2100,
			    &errstr);
			if (errstr != NULL) {
				cbcc_warnx("year %s: %s (1900-2100)", optarg,
				    errstr);
				opt_usage();
			}
			break;
		case 'e':
			if (!enc_known(optarg)) {
				cbcc_warnx("unknown encoding '%s' (utf-8, "
				    "utf-16, cp1258, tcvn3, vni, viscii, "
				    "tcvn3-in-utf8, vni-in-utf8)", optarg);
				opt_usage();
			}
			encoding = optarg;
			break;
		case 'd':
			if (strcmp(optarg, "tab") == 0 ||
			    strcmp(optarg, "\\t") == 0)
				delimiter = '\t';
			else if (strlen(optarg) == 1 && strchr(",;\t|",
			    optarg[0]) != NULL)
				delimiter = optarg[0];
			else {
				cbcc_warnx("delimiter '%s': use , ; | or tab",
				    optarg);
				opt_usage();
			}
			break;
		case 'm':
			readmap(optarg);
			break;
		case OPT_PRIVATE:
			keepdups = 1;
			break;
		case 's':
			if (*optarg == '\0') {
				cbcc_warnx("--sheet: name a sheet, give its "
				    "number from 1, or all");
				opt_usage();
			}
			sheetarg = optarg;
			break;
		default:
			opt_common(c, optarg);
		}
	argc -= optind;
	argv += optind;

	o = opt_output();
	nargs = argc > 0 ? argc : 1;
	for (i = 0; i < (size_t)nargs; i++) {
		path = argc > 0 ? argv[i] : "-";
		operand(path);
	}
	if (fillyear != 0)
		canonused[C_YEAR] = 1;
	n = 0;
	for (c = 0; c < NCANON; c++)
		canonpos[c] = canonused[c] ? (int)n++ : -1;
	ncanonout = n;
	noutcols = n + (extras != NULL ? hash_count(extras) : 0);
	names = xcalloc(noutcols, sizeof(*names));
	for (c = 0; c < NCANON; c++)
		if (canonpos[c] >= 0)
			names[canonpos[c]] = canon[c];
	for (i = n; i < noutcols; i++)
		names[i] = hash_key(extras, i - n, NULL);
	vals = xcalloc(noutcols, sizeof(*vals));
	if (noutcols > 0)
		out_header(o, noutcols, names);
	free(names);

	for (i = 0; i < nsrcs; i++) {
		struct src *s = &srcs[i];

		cursrc = i;
		s->base = lines;
		if (s->r != NULL && !s->dead) {
			for (j = 0; j < s->nq && !s->dead; j++) {
				curq = &s->q[j];
				prepare(s, &s->q[j].rec, &p);
				process(s, &s->q[j].rec, &p, o);
			}
			curq = NULL;
			if (!s->dead)
				rows(s, o);
			lines += rec_lines(s->r);
			if (s->repaired > 0)
				cbcc_at_warnx(s->name, 0, "%lu field%s held %s "
				    "text that Excel re-saved as UTF-8; "
				    "repaired", s->repaired, s->repaired == 1 ?
				    "" : "s", s->fixed);
			if (s->enc != NULL && enc_bad(s->enc) > 0)
				cbcc_at_warnx(s->name, 0, "%lu byte sequence%s "
				    "not %s, written as U+FFFD", enc_bad(s->enc),
				    enc_bad(s->enc) == 1 ? " was" : "s were",
				    enc_name(s->enc));
			summary(s);
		}
		for (j = 0; j < s->nq; j++) {
			free(s->q[j].rec.f);
			free(s->q[j].mem);
		}
		free(s->q);
		rec_close(s->r);
		if (s->enc != NULL)
			enc_close(s->enc);
		xlsx_sheet_close(s->sheet);
	}
	for (i = 0; i < nbooks; i++)
		xlsx_close(books[i]);
	if (nwarn > MAXWARN)
		cbcc_warnx("%lu more warnings like these", nwarn - MAXWARN);
	rej_close();
	out_close(o);
	return cbcc_exit();
}
