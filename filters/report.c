/*
 * cbcc-report - the indicators as a clerk writes them: reads the output of
 * cbcc-aggregate (and of cbcc-diff-years and cbcc-aggregate --records) and
 * writes a report in Vietnamese, as plain text, Markdown or one
 * self-contained HTML page with SVG bar charts.
 *
 * Every input is recognised by its header: a change_pp column makes a
 * diff, a dimension column an aggregate, a count column alone a record
 * count (training participations, with plan when --plan was given).  The
 * columns a kind does not know are its group columns (year, district...).
 * Percentages of the aggregate are recomputed exactly from count and total
 * (--precision, default 1 decimal); those of a diff are printed as given.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>
#include <xlsxwriter.h>

#include "cbcc.h"
#include "lvl.h"
#include "num.h"
#include "opt.h"
#include "rec.h"
#include "rej.h"
#include "vnum.h"

enum { TEXT, MD, HTML, XLSX };	/* --format */
enum { K_AGG, K_DIFF, K_RECORDS };	/* kinds of input */

#define DEFTITLE	"Chất lượng đội ngũ cán bộ, công chức cấp xã"

struct key {
	char		**col;	/* group column names */
	char		**val;	/* their values */
	size_t		 n;	/* how many */
};

struct lev {
	char		*code;	/* level code as read */
	long long	 count;	/* records at that level */
};

struct dim {
	char		*name;	/* dimension as read: "education" */
	const struct lvl_dim *ld; /* its code list, NULL if not a known one */
	long long	 total;	/* records in the group */
	struct lev	*lev;	/* levels in input order */
	size_t		 nlev;
};

struct grp {
	struct key	 k;	/* group columns and values */
	long long	 total;	/* total of its first dimension */
	struct dim	*dim;	/* dimensions in input order */
	size_t		 ndim;
};

/* A row of a diff: the level and its values, strings as read. */
enum { D_CF, D_CT, D_PF, D_PT, D_CC, D_PP, D_N };
struct drow {
	char		*level;		/* level code */
	char		*v[D_N];	/* count_from ... change_pp */
};

struct ddim {
	char		*name;		/* dimension */
	const struct lvl_dim *ld;	/* its code list or NULL */
	struct drow	*row;		/* rows in input order */
	size_t		 nrow;
};

struct dgrp {
	struct key	 k;		/* the other group columns */
	char		*yfrom, *yto;	/* the two years compared */
	struct ddim	*dim;
	size_t		 ndim;
};

struct rrow {
	struct key	 k;		/* group columns */
	long long	 count;		/* participations */
	long long	 plan;		/* planned, -1 if none */
};

/* An item of a dimension as reports show it: a level or levels merged. */
struct item {
	const char	*label;		/* Vietnamese label */
	long long	 count;		/* records */
	int		 unk;		/* the unknown level */
};

#define MAXITEMS	64

static struct grp *grps;		/* the aggregate's groups */
static size_t ngrp;
static struct dgrp *dgrps;		/* the diff's groups */
static size_t ndgrp;
static int diffread;			/* a diff was read, perhaps empty */
static struct rrow *rrows;		/* the record counts */
static size_t nrrow;
static int prec = 1;			/* --precision */
static int fmt = TEXT;			/* --format */
static const char *title = DEFTITLE;	/* --title */
static const char *outpath;		/* -o: the workbook written */

/* What a diff without rows (the rosters of one year) says. */
#define NOEARLIER	"Không có năm trước để so sánh."

static const char *const diffcols[] = { "count_from", "count_to",
    "percent_from", "percent_to", "change_count", "change_pp" };

/*
 * Write buffer b and empty it.  With --excel, text and Markdown get a
 * UTF-8 BOM and CRLF line ends, for Notepad and Excel on Windows.
 */
static void
putb(struct buf *b)
{
	static int bom;
	const char *p, *e, *nl;

	if (opt.excel && (fmt == TEXT || fmt == MD)) {
		if (!bom)
			fputs("\xEF\xBB\xBF", stdout);
		bom = 1;
		for (p = b->p, e = p + b->len; p < e; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL) {
				fwrite(p, 1, (size_t)(e - p), stdout);
				break;
			}
			fwrite(p, 1, (size_t)(nl - p), stdout);
			fputs("\r\n", stdout);
		}
	} else if (b->len > 0)
		fwrite(b->p, 1, b->len, stdout);
	cbcc_wcheck(stdout, "standard output");
	buf_reset(b);
}

/* Append s to b escaped for HTML text and attribute values. */
static void
html_esc(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *s);
		}
}

/* Append s to b with the characters Markdown would act on escaped. */
static void
md_esc(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\`*_[]<>|#", *s) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
}

/* Append s to b with its first letter in upper case ("đại học": "Đại học"). */
static void
cap1(struct buf *b, const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n <= 0) {
		buf_adds(b, s);
		return;
	}
	buf_add(b, u, (size_t)utf8proc_encode_char(utf8proc_toupper(cp), u));
	buf_adds(b, s + n);
}

/* Whether two keys have the same columns and values. */
static int
keyeq(const struct key *a, const struct key *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->col[i], b->col[i]) != 0 ||
		    strcmp(a->val[i], b->val[i]) != 0)
			return 0;
	return 1;
}

/* The value of column col in k, or NULL. */
static const char *
keyget(const struct key *k, const char *col)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->col[i], col) == 0)
			return k->val[i];
	return NULL;
}

/* Whether a and b are equal but for their year columns. */
static int
keyeq_but_year(const struct key *a, const struct key *b)
{
	size_t i, j;

	for (i = 0, j = 0; i < a->n || j < b->n; i++, j++) {
		while (i < a->n && strcmp(a->col[i], "year") == 0)
			i++;
		while (j < b->n && strcmp(b->col[j], "year") == 0)
			j++;
		if (i >= a->n || j >= b->n)
			return i >= a->n && j >= b->n;
		if (strcmp(a->col[i], b->col[j]) != 0 ||
		    strcmp(a->val[i], b->val[j]) != 0)
			return 0;
	}
	return 1;
}

/*
 * Append to b how a report names the value of group column col:
 * "Năm 2021", "công chức", a unit name as it is.
 */
static void
keyval(struct buf *b, const char *col, const char *val)
{
	const struct lvl_dim *ld;
	const char *l;

	if (*val == '\0')
		buf_printf(b, "%s: không rõ", col);
	else if (strcmp(col, "year") == 0)
		buf_printf(b, "Năm %s", val);
	else if (strcmp(col, "staff_type") == 0 &&
	    strcmp(val, "cong_chuc") == 0)
		buf_adds(b, "công chức");
	else if (strcmp(col, "staff_type") == 0 && strcmp(val, "can_bo") == 0)
		buf_adds(b, "cán bộ");
	else if (strcmp(col, "gender") == 0 && strcmp(val, "nu") == 0)
		buf_adds(b, "nữ");
	else if (strcmp(col, "party_member") == 0 && strcmp(val, "1") == 0)
		buf_adds(b, "đảng viên");
	else if (strcmp(col, "party_member") == 0 && strcmp(val, "0") == 0)
		buf_adds(b, "ngoài Đảng");
	else if ((ld = lvl_find(col, strlen(col))) != NULL &&
	    (l = lvl_label(ld, val, strlen(val))) != NULL)
		buf_adds(b, l);
	else
		buf_adds(b, val);
}

/*
 * Append to b the description of key k, "Năm 2021, công chức"; columns
 * named in skip (NULL or one name) are left out.  Empty when nothing is.
 */
static void
keydesc(struct buf *b, const struct key *k, const char *skip)
{
	size_t i;
	int first = 1;

	for (i = 0; i < k->n; i++) {
		if (skip != NULL && strcmp(k->col[i], skip) == 0)
			continue;
		if (!first)
			buf_adds(b, ", ");
		keyval(b, k->col[i], k->val[i]);
		first = 0;
	}
}

/* The count of level code in d (0 when absent). */
static long long
levcount(const struct dim *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nlev; i++)
		if (strcmp(d->lev[i].code, code) == 0)
			return d->lev[i].count;
	return 0;
}

/* The records of d at level code or higher. */
static long long
levfrom(const struct dim *d, const char *code)
{
	int k = lvl_index(d->ld, code, strlen(code));
	long long n = 0;
	size_t i;

	for (i = (size_t)k; i < d->ld->n; i++)
		n += levcount(d, d->ld->codes[i]);
	return n;
}

/*
 * Fill it[] with the items a report shows for d, in code order: every
 * level of its code list (thạc sĩ and tiến sĩ as one "trên đại học" in
 * education), then unknown when not zero.  A dimension without a code
 * list shows its levels as read.  Returns how many.
 */
static size_t
items(const struct dim *d, struct item *it)
{
	size_t i, n = 0;
	long long c;

	if (d->ld == NULL) {
		for (i = 0; i < d->nlev && n < MAXITEMS; i++) {
			it[n].label = d->lev[i].code;
			it[n].unk = 0;
			it[n++].count = d->lev[i].count;
		}
		return n;
	}
	for (i = 0; i < d->ld->n; i++) {
		if (strcmp(d->name, "education") == 0 &&
		    strcmp(d->ld->codes[i], "thac_si") == 0) {
			it[n].label = "trên đại học";
			it[n].unk = 0;
			it[n++].count = levfrom(d, "thac_si");
			break;
		}
		it[n].label = d->ld->labels[i];
		it[n].unk = 0;
		it[n++].count = levcount(d, d->ld->codes[i]);
	}
	if ((c = levcount(d, "unknown")) > 0) {
		it[n].label = lvl_label(d->ld, "unknown", 7);
		it[n].unk = 1;
		it[n++].count = c;
	}
	return n;
}

/* The label a report gives dimension d. */
static const char *
dimlabel(const char *name, const struct lvl_dim *ld)
{
	return ld != NULL ? ld->label : name;
}

/* Append "25,6%" for num of den to b. */
static void
pct(struct buf *b, long long num, long long den)
{
	vnum_percent(b, num, den, prec);
	buf_addc(b, '%');
}

/*
 * Append to b the sentence on dimension d, as a clerk writes it:
 * "Trình độ chuyên môn: trung cấp 25,6%; cao đẳng 9,5%; đại học 64,7%;
 * trên đại học 0,2%."  Levels nobody holds are left out.
 */
static void
dimsentence(struct buf *b, const struct dim *d)
{
	struct item it[MAXITEMS];
	size_t i, n = items(d, it);
	int first = 1;
	long long c;

	if (d->ld != NULL && strcmp(d->name, "state_mgmt") == 0) {
		c = levfrom(d, "chuyen_vien");
		vnum_int(b, c);
		buf_addc(b, '/');
		vnum_int(b, d->total);
		buf_adds(b, " người (");
		pct(b, c, d->total);
		buf_adds(b, ") đã qua bồi dưỡng quản lý nhà nước");
		for (i = 1; i < n; i++) {
			if (it[i].count == 0)
				continue;
			buf_adds(b, first ? ": " : "; ");
			buf_printf(b, "%s ", it[i].label);
			pct(b, it[i].count, d->total);
			first = 0;
		}
		buf_addc(b, '.');
		return;
	}
	cap1(b, dimlabel(d->name, d->ld));
	buf_addc(b, ':');
	for (i = 0; i < n; i++) {
		if (it[i].count == 0 || it[i].unk)
			continue;
		buf_printf(b, "%s %s ", first ? "" : ";", it[i].label);
		pct(b, it[i].count, d->total);
		first = 0;
	}
	if (d->ld != NULL && strcmp(d->name, "political_theory") == 0) {
		buf_printf(b, "%s trung cấp trở lên ", first ? "" : ";");
		pct(b, levfrom(d, "trung_cap"), d->total);
		first = 0;
	}
	if (n > 0 && it[n - 1].unk) {
		buf_printf(b, "%s %s ", first ? "" : ";", it[n - 1].label);
		pct(b, it[n - 1].count, d->total);
		first = 0;
	}
	if (first)
		buf_adds(b, " không có ai");
	buf_addc(b, '.');
}

/* Append to b the opening sentence of group g: "Năm 2021: tổng số ...". */
static void
grpsentence(struct buf *b, const struct grp *g)
{
	size_t len = b->len;

	keydesc(b, &g->k, NULL);
	buf_adds(b, b->len > len ? ": tổng số " : "Tổng số ");
	vnum_int(b, g->total);
	buf_adds(b, " người.");
}

/* Append to b "tăng 45,1 điểm phần trăm" for the change pp. */
static void
change(struct buf *b, const char *pp)
{
	if (strspn(pp, "-+0.") == strlen(pp)) {
		buf_adds(b, "không đổi");
		return;
	}
	if (*pp == '-') {
		buf_adds(b, "giảm ");
		pp++;
	} else
		buf_adds(b, "tăng ");
	vnum_fmt(b, pp, strlen(pp));
	buf_adds(b, " điểm phần trăm");
}

/* Append the diff value s (a percentage when p) in Vietnamese style. */
static void
dval(struct buf *b, const char *s, int p)
{
	vnum_fmt(b, s, strlen(s));
	if (p)
		buf_addc(b, '%');
}

/* The row of level code in diff dimension d, or NULL. */
static const struct drow *
drowof(const struct ddim *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nrow; i++)
		if (strcmp(d->row[i].level, code) == 0)
			return &d->row[i];
	return NULL;
}

/*
 * Fill row[] and label[] with the rows of diff dimension d in the order a
 * report shows them: the levels in code order ("thac_si+" as trên đại học
 * in place of thạc sĩ and tiến sĩ when the diff has it), then the headline
 * sum ("trung_cap+" of political theory, "chuyen_vien+" of state
 * management), then unknown.  Other "L+" rows are left out.  Returns how
 * many.
 */
static size_t
dorder(const struct ddim *d, const struct drow **row, const char **label)
{
	const struct drow *r;
	size_t i, n = 0;
	int merged;

	if (d->ld == NULL) {
		for (i = 0; i < d->nrow && n < MAXITEMS; i++) {
			row[n] = &d->row[i];
			label[n++] = d->row[i].level;
		}
		return n;
	}
	merged = strcmp(d->name, "education") == 0 &&
	    drowof(d, "thac_si+") != NULL;
	for (i = 0; i < d->ld->n; i++) {
		if (merged && strcmp(d->ld->codes[i], "thac_si") == 0) {
			row[n] = drowof(d, "thac_si+");
			label[n++] = "trên đại học";
			break;
		}
		if ((r = drowof(d, d->ld->codes[i])) != NULL) {
			row[n] = r;
			label[n++] = d->ld->labels[i];
		}
	}
	if (strcmp(d->name, "political_theory") == 0 &&
	    (r = drowof(d, "trung_cap+")) != NULL) {
		row[n] = r;
		label[n++] = "trung cấp trở lên";
	}
	if (strcmp(d->name, "state_mgmt") == 0 &&
	    (r = drowof(d, "chuyen_vien+")) != NULL) {
		row[n] = r;
		label[n++] = "đã qua bồi dưỡng";
	}
	if ((r = drowof(d, "unknown")) != NULL) {
		row[n] = r;
		label[n++] = lvl_label(d->ld, "unknown", 7);
	}
	return n;
}

/*
 * Append to b the sentence on the change of one level: "đại học tăng 45,1
 * điểm phần trăm (từ 19,6% lên 64,7%)".  A level present in one year only
 * says so.
 */
static void
drowsentence(struct buf *b, const struct dgrp *g, const struct drow *r,
    const char *label)
{
	buf_printf(b, "%s ", label);
	if (*r->v[D_PF] == '\0' || *r->v[D_PT] == '\0') {
		buf_printf(b, "chỉ có số liệu năm %s (",
		    *r->v[D_PF] == '\0' ? g->yto : g->yfrom);
		dval(b, *r->v[D_PF] == '\0' ? r->v[D_PT] : r->v[D_PF], 1);
		buf_addc(b, ')');
		return;
	}
	change(b, r->v[D_PP]);
	buf_adds(b, " (");
	if (strspn(r->v[D_PP], "-+0.") == strlen(r->v[D_PP]))
		dval(b, r->v[D_PT], 1);
	else {
		buf_adds(b, "từ ");
		dval(b, r->v[D_PF], 1);
		buf_adds(b, *r->v[D_PP] == '-' ? " xuống " : " lên ");
		dval(b, r->v[D_PT], 1);
	}
	buf_addc(b, ')');
}

/* Append to b the sentence on the changes of dimension d. */
static void
ddimsentence(struct buf *b, const struct dgrp *g, const struct ddim *d)
{
	const struct drow *row[MAXITEMS];
	const char *label[MAXITEMS];
	size_t i, n = dorder(d, row, label);
	int first = 1;

	cap1(b, dimlabel(d->name, d->ld));
	buf_addc(b, ':');
	for (i = 0; i < n; i++) {
		if (strcmp(row[i]->v[D_CF], "0") == 0 &&
		    strcmp(row[i]->v[D_CT], "0") == 0)
			continue;
		buf_adds(b, first ? " " : "; ");
		drowsentence(b, g, row[i], label[i]);
		first = 0;
	}
	if (first)
		buf_adds(b, " không có ai");
	buf_addc(b, '.');
}

/* Append to b the heading of diff group g: "So sánh năm 2021 với năm 2016". */
static void
dgrpsentence(struct buf *b, const struct dgrp *g)
{
	buf_printf(b, "So sánh năm %s với năm %s", g->yto, g->yfrom);
	if (g->k.n > 0) {
		buf_adds(b, ", ");
		keydesc(b, &g->k, NULL);
	}
	buf_addc(b, ':');
}

/* Append to b the sentence on record count r: "... 8.672/8.145 lượt ...". */
static void
rrowsentence(struct buf *b, const struct rrow *r)
{
	size_t len = b->len;

	keydesc(b, &r->k, NULL);
	buf_adds(b, b->len > len ? ": bồi dưỡng " : "Bồi dưỡng ");
	vnum_int(b, r->count);
	if (r->plan < 0) {
		buf_adds(b, " lượt.");
		return;
	}
	buf_addc(b, '/');
	vnum_int(b, r->plan);
	buf_adds(b, " lượt");
	if (r->plan > 0) {
		buf_adds(b, ", đạt ");
		pct(b, r->count, r->plan);
		buf_adds(b, " kế hoạch");
	}
	buf_addc(b, '.');
}

/* ---- reading ---- */

/* The key of record rec: the columns of h not in used[]. */
static void
mkkey(struct key *k, const struct rec *h, const unsigned char *used,
    const struct rec *rec)
{
	size_t i;

	k->n = 0;
	k->col = xcalloc(h->nf, sizeof(*k->col));
	k->val = xcalloc(h->nf, sizeof(*k->val));
	for (i = 0; i < h->nf; i++)
		if (!used[i]) {
			k->col[k->n] = xstrdup(h->f[i].p);
			k->val[k->n++] = xmemdup0(rec->f[i].p, rec->f[i].len);
		}
}

static void
freekey(struct key *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->col[i]);
		free(k->val[i]);
	}
	free(k->col);
	free(k->val);
}

/* Find or add the aggregate group of key k (k is taken over or freed). */
static struct grp *
getgrp(struct key *k)
{
	static size_t last;
	size_t i;

	for (i = 0; i < ngrp; i++) {
		size_t j = (last + i) % ngrp;

		if (keyeq(&grps[j].k, k)) {
			freekey(k);
			last = j;
			return &grps[j];
		}
	}
	grps = xreallocarray(grps, ngrp + 1, sizeof(*grps));
	memset(&grps[ngrp], 0, sizeof(*grps));
	grps[ngrp].k = *k;
	grps[ngrp].total = -1;
	last = ngrp;
	return &grps[ngrp++];
}

/* Find or add the dimension name of g. */
static struct dim *
getdim(struct grp *g, const char *name, const struct lvl_dim *ld)
{
	size_t i;

	for (i = 0; i < g->ndim; i++)
		if (strcmp(g->dim[i].name, name) == 0)
			return &g->dim[i];
	g->dim = xreallocarray(g->dim, g->ndim + 1, sizeof(*g->dim));
	memset(&g->dim[g->ndim], 0, sizeof(*g->dim));
	g->dim[g->ndim].name = xstrdup(name);
	g->dim[g->ndim].ld = ld;
	g->dim[g->ndim].total = -1;
	return &g->dim[g->ndim++];
}

/*
 * Whether level is acceptable in dimension ld: one of its codes, unknown,
 * or a code followed by "+" (a --cumulative row) when cum is set.
 */
static int
levelok(const struct lvl_dim *ld, const char *level, int cum)
{
	size_t len = strlen(level);

	if (ld == NULL)
		return 1;
	if (lvl_label(ld, level, len) != NULL)
		return 1;
	return cum && len > 1 && level[len - 1] == '+' &&
	    lvl_index(ld, level, len - 1) >= 0;
}

/* Take an aggregate row. */
static void
agg_row(struct rec_reader *r, const struct rec *h, const struct rec *rec,
    const int *ci, const unsigned char *used)
{
	const char *dname = rec->f[ci[0]].p, *level = rec->f[ci[1]].p;
	const struct lvl_dim *ld = lvl_find(dname, rec->f[ci[0]].len);
	struct key k;
	struct grp *g;
	struct dim *d;
	long long c, t;
	size_t i, len = rec->f[ci[1]].len;

	if (rec->f[ci[0]].len == 0 || len == 0) {
		rej_rec(r, rec, "%s: empty", len == 0 && rec->f[ci[0]].len ?
		    "level" : "dimension");
		return;
	}
	if (!levelok(ld, level, 1)) {
		rej_rec(r, rec, "level: '%s' is not a code of %s", level, dname);
		return;
	}
	if (num_field(r, rec, &rec->f[ci[2]], "count", &c) == -1 ||
	    num_field(r, rec, &rec->f[ci[3]], "total", &t) == -1)
		return;
	if (c > t) {
		rej_rec(r, rec, "count: %lld above total %lld", c, t);
		return;
	}
	mkkey(&k, h, used, rec);
	g = getgrp(&k);
	d = getdim(g, dname, ld);
	if (d->total != -1 && d->total != t) {
		rej_rec(r, rec, "total: %lld differs from the group's %lld", t,
		    d->total);
		return;
	}
	for (i = 0; i < d->nlev; i++)
		if (strcmp(d->lev[i].code, level) == 0) {
			rej_rec(r, rec, "duplicate: %s %s seen before", dname, level);
			return;
		}
	d->total = t;
	if (g->total == -1)
		g->total = t;
	/* "L+" rows are sums of the others: reports compute their own. */
	if (ld != NULL && level[len - 1] == '+')
		return;
	d->lev = xreallocarray(d->lev, d->nlev + 1, sizeof(*d->lev));
	d->lev[d->nlev].code = xstrdup(level);
	d->lev[d->nlev++].count = c;
}

/* Take a diff row. */
static void
diff_row(struct rec_reader *r, const struct rec *h, const struct rec *rec,
    const int *ci, const unsigned char *used)
{
	const char *dname = rec->f[ci[0]].p, *level = rec->f[ci[1]].p;
	const struct lvl_dim *ld = lvl_find(dname, rec->f[ci[0]].len);
	struct key k;
	struct dgrp *g = NULL;
	struct ddim *d = NULL;
	struct drow *row;
	size_t i, j;

	if (!levelok(ld, level, 1)) {
		rej_rec(r, rec, "level: '%s' is not a code of %s", level, dname);
		return;
	}
	for (j = 0; j < D_N; j++) {
		const struct field *f = &rec->f[ci[4 + j]];

		if (f->len > 0 && !vnum_valid(f->p, f->len)) {
			rej_rec(r, rec, "%s: not a number", diffcols[j]);
			return;
		}
	}
	mkkey(&k, h, used, rec);
	for (i = 0; i < ndgrp && g == NULL; i++)
		if (keyeq(&dgrps[i].k, &k) &&
		    strcmp(dgrps[i].yfrom, rec->f[ci[2]].p) == 0 &&
		    strcmp(dgrps[i].yto, rec->f[ci[3]].p) == 0)
			g = &dgrps[i];
	if (g == NULL) {
		dgrps = xreallocarray(dgrps, ndgrp + 1, sizeof(*dgrps));
		g = &dgrps[ndgrp++];
		memset(g, 0, sizeof(*g));
		g->k = k;
		g->yfrom = xstrdup(rec->f[ci[2]].p);
		g->yto = xstrdup(rec->f[ci[3]].p);
	} else
		freekey(&k);
	for (i = 0; i < g->ndim && d == NULL; i++)
		if (strcmp(g->dim[i].name, dname) == 0)
			d = &g->dim[i];
	if (d == NULL) {
		g->dim = xreallocarray(g->dim, g->ndim + 1, sizeof(*g->dim));
		d = &g->dim[g->ndim++];
		memset(d, 0, sizeof(*d));
		d->name = xstrdup(dname);
		d->ld = ld;
	}
	d->row = xreallocarray(d->row, d->nrow + 1, sizeof(*d->row));
	row = &d->row[d->nrow++];
	row->level = xstrdup(level);
	for (j = 0; j < D_N; j++)
		row->v[j] = xmemdup0(rec->f[ci[4 + j]].p, rec->f[ci[4 + j]].len);
}

/* Take a record-count row. */
static void
records_row(struct rec_reader *r, const struct rec *h, const struct rec *rec,
    const int *ci, const unsigned char *used)
{
	long long c, p = -1;

	if (num_field(r, rec, &rec->f[ci[0]], "count", &c) == -1)
		return;
	if (ci[1] >= 0 && rec->f[ci[1]].len > 0 &&
	    num_field(r, rec, &rec->f[ci[1]], "plan", &p) == -1)
		return;
	rrows = xreallocarray(rrows, nrrow + 1, sizeof(*rrows));
	mkkey(&rrows[nrrow].k, h, used, rec);
	rrows[nrrow].count = c;
	rrows[nrrow++].plan = p;
}

/*
 * Read every record of r, of the kind its header says (want: the kind it
 * must be, or -1 for any).  Missing columns are fatal, bad rows rejected.
 */
static void
load(struct rec_reader *r, int want)
{
	static const char *const aggc[] = { "dimension", "level", "count",
	    "total", "percent", NULL };
	static const char *const diffc[] = { "dimension", "level",
	    "year_from", "year_to", "count_from", "count_to", "percent_from",
	    "percent_to", "change_count", "change_pp", NULL };
	static const char *const recc[] = { "count", "plan",
	    "percent_of_plan", NULL };
	static const char *const kname[] = { "an aggregate", "a diff",
	    "a record count" };
	const char *const *need;
	struct rec h, rec;
	unsigned char *used;
	int ci[16], kind, nneed, i, j;

	if ((i = rec_next(r, &h)) == -1)
		cbcc_exit();	/* the read error is reported */
	if (i == 0)
		cbcc_at_errx(rec_name(r), 0, "empty input, no header row");
	if (h.err != NULL)
		cbcc_at_errx(rec_name(r), h.line, "header: %s", h.err);
	/* Copy the header: the next rec_next reuses its memory. */
	h.f = memcpy(xcalloc(h.nf, sizeof(*h.f)), h.f, h.nf * sizeof(*h.f));
	for (i = 0; i < (int)h.nf; i++)
		h.f[i].p = xmemdup0(h.f[i].p, h.f[i].len);
	if (rec_col(h.f, h.nf, "change_pp") >= 0)
		kind = K_DIFF, need = diffc, nneed = 10, diffread = 1;
	else if (rec_col(h.f, h.nf, "dimension") >= 0)
		kind = K_AGG, need = aggc, nneed = 4;
	else if (rec_col(h.f, h.nf, "count") >= 0)
		kind = K_RECORDS, need = recc, nneed = 1;
	else
		cbcc_at_errx(rec_name(r), h.line, "not an aggregate, a diff or "
		    "a record count: no dimension, change_pp or count column");
	if (want >= 0 && kind != want)
		cbcc_at_errx(rec_name(r), h.line, "%s, not %s", kname[kind],
		    kname[want]);
	used = xcalloc(h.nf, 1);
	for (i = 0; need[i] != NULL; i++) {
		ci[i] = (int)rec_col(h.f, h.nf, need[i]);
		if (ci[i] < 0 && i < nneed)
			cbcc_at_errx(rec_name(r), h.line, "no %s column",
			    need[i]);
		if (ci[i] >= 0)
			used[ci[i]] = 1;
	}
	while (rec_next(r, &rec) > 0) {
		if (rej_bad(r, &rec, h.nf))
			continue;
		if (kind == K_AGG)
			agg_row(r, &h, &rec, ci, used);
		else if (kind == K_DIFF)
			diff_row(r, &h, &rec, ci, used);
		else
			records_row(r, &h, &rec, ci, used);
	}
	for (j = 0; j < (int)h.nf; j++)
		free((char *)h.f[j].p);
	free(h.f);
	free(used);
}

/* ---- writing ---- */

/* Text: one paragraph per group, a line per dimension. */
static void
text(void)
{
	struct buf b = { 0 };
	size_t i, j;
	int para = 0;

	for (i = 0; i < ngrp; i++, para = 1) {
		if (para)
			buf_addc(&b, '\n');
		grpsentence(&b, &grps[i]);
		buf_addc(&b, '\n');
		for (j = 0; j < grps[i].ndim; j++) {
			dimsentence(&b, &grps[i].dim[j]);
			buf_addc(&b, '\n');
		}
		putb(&b);
	}
	for (i = 0; i < ndgrp; i++, para = 1) {
		if (para)
			buf_addc(&b, '\n');
		dgrpsentence(&b, &dgrps[i]);
		buf_addc(&b, '\n');
		for (j = 0; j < dgrps[i].ndim; j++) {
			ddimsentence(&b, &dgrps[i], &dgrps[i].dim[j]);
			buf_addc(&b, '\n');
		}
		putb(&b);
	}
	if (diffread && ndgrp == 0) {
		buf_adds(&b, para ? "\n" NOEARLIER "\n" : NOEARLIER "\n");
		putb(&b);
		para = 1;
	}
	for (i = 0; i < nrrow; i++) {
		if (para && i == 0)
			buf_addc(&b, '\n');
		rrowsentence(&b, &rrows[i]);
		buf_addc(&b, '\n');
		putb(&b);
	}
	buf_free(&b);
}

/* The markup of the sections that are lists, in Markdown and in HTML. */
struct markup {
	const char	*h2, *h2end;	/* around a heading */
	const char	*ul, *ulend;	/* around a list */
	const char	*li, *liend;	/* around an item */
	void		(*esc)(struct buf *, const char *); /* text escape */
};

static const struct markup mdmarkup = { "\n## ", "\n\n", "", "", "- ",
    "\n", md_esc };
static const struct markup htmlmarkup = { "<h2>", "</h2>\n", "<ul>\n",
    "</ul>\n", "<li>", "</li>\n", html_esc };

/* Append a heading, its text escaped, and open a list under it. */
static void
listhead(struct buf *b, const struct markup *m, const char *text)
{
	buf_adds(b, m->h2);
	m->esc(b, text);
	buf_adds(b, m->h2end);
	buf_adds(b, m->ul);
}

/* Append the list item of sentence s, escaped. */
static void
listitem(struct buf *b, const struct markup *m, const char *s)
{
	buf_adds(b, m->li);
	m->esc(b, s);
	buf_adds(b, m->liend);
}

/*
 * Append and write the sections that are lists: the changes between years
 * (one heading and list per group) and the training against the plan.  s
 * is scratch.
 */
static void
lists(struct buf *b, struct buf *s, const struct markup *m)
{
	size_t i, j;

	for (i = 0; i < ndgrp; i++) {
		buf_reset(s);
		dgrpsentence(s, &dgrps[i]);
		s->p[--s->len] = '\0';		/* no colon in a heading */
		listhead(b, m, s->p);
		for (j = 0; j < dgrps[i].ndim; j++) {
			buf_reset(s);
			ddimsentence(s, &dgrps[i], &dgrps[i].dim[j]);
			listitem(b, m, s->p);
		}
		buf_adds(b, m->ulend);
		putb(b);
	}
	if (diffread && ndgrp == 0) {
		listhead(b, m, "So sánh với năm trước");
		listitem(b, m, NOEARLIER);
		buf_adds(b, m->ulend);
		putb(b);
	}
	if (nrrow > 0)
		listhead(b, m, "Bồi dưỡng, tập huấn");
	for (i = 0; i < nrrow; i++) {
		buf_reset(s);
		rrowsentence(s, &rrows[i]);
		listitem(b, m, s->p);
		putb(b);
	}
	if (nrrow > 0) {
		buf_adds(b, m->ulend);
		putb(b);
	}
}

/* Append a Markdown table row of cells (NULL-terminated), escaped. */
static void
mdrow(struct buf *b, const char *const *cell)
{
	for (; *cell != NULL; cell++) {
		buf_adds(b, "| ");
		md_esc(b, *cell);
		buf_addc(b, ' ');
	}
	buf_adds(b, "|\n");
}

/* Append the Markdown table of dimension d of a group. */
static void
mdtable(struct buf *b, const struct dim *d)
{
	struct item it[MAXITEMS];
	struct buf lab = { 0 }, c = { 0 }, p = { 0 };
	const char *cell[4];
	size_t i, n = items(d, it);

	buf_adds(&lab, "");
	cap1(&lab, dimlabel(d->name, d->ld));
	cell[0] = lab.p;
	cell[1] = "Số người";
	cell[2] = "Tỷ lệ";
	cell[3] = NULL;
	mdrow(b, cell);
	buf_adds(b, "|---|--:|--:|\n");
	for (i = 0; i <= n; i++) {
		buf_reset(&lab);
		buf_reset(&c);
		buf_reset(&p);
		if (i < n) {
			cap1(&lab, it[i].label);
			vnum_int(&c, it[i].count);
			pct(&p, it[i].count, d->total);
		} else if (d->ld != NULL &&
		    strcmp(d->name, "political_theory") == 0) {
			buf_adds(&lab, "Trung cấp trở lên");
			vnum_int(&c, levfrom(d, "trung_cap"));
			pct(&p, levfrom(d, "trung_cap"), d->total);
		} else if (d->ld != NULL && strcmp(d->name, "state_mgmt") == 0) {
			buf_adds(&lab, "Đã qua bồi dưỡng");
			vnum_int(&c, levfrom(d, "chuyen_vien"));
			pct(&p, levfrom(d, "chuyen_vien"), d->total);
		} else
			break;
		cell[0] = lab.p;
		cell[1] = c.p;
		cell[2] = p.p;
		mdrow(b, cell);
	}
	buf_free(&lab);
	buf_free(&c);
	buf_free(&p);
}

/* Markdown: a section per group with its sentences and tables. */
static void
md(void)
{
	struct buf b = { 0 }, s = { 0 };
	size_t i, j;

	buf_adds(&b, "# ");
	md_esc(&b, title);
	buf_adds(&b, "\n");
	putb(&b);
	for (i = 0; i < ngrp; i++) {
		buf_adds(&b, "\n## ");
		buf_adds(&s, "");
		keydesc(&s, &grps[i].k, NULL);
		md_esc(&b, s.len > 0 ? s.p : "Toàn bộ");
		buf_adds(&b, "\n\n");
		buf_reset(&s);
		grpsentence(&s, &grps[i]);
		md_esc(&b, s.p);
		buf_adds(&b, "\n");
		for (j = 0; j < grps[i].ndim; j++) {
			buf_reset(&s);
			dimsentence(&s, &grps[i].dim[j]);
			buf_adds(&b, "\n");
			md_esc(&b, s.p);
			buf_adds(&b, "\n\n");
			mdtable(&b, &grps[i].dim[j]);
		}
		buf_reset(&s);
		putb(&b);
	}
	lists(&b, &s, &mdmarkup);
	buf_free(&b);
	buf_free(&s);
}

static const char *const colours[] = { "#4e79a7", "#f28e2b", "#59a14f",
    "#e15759", "#76b7b2", "#b07aa1" };

/*
 * Append one SVG bar chart: dimension name across the groups gs[0..ns)
 * (the years of one unit), a bar per level and group, years side by side,
 * each labelled with its share.
 */
static void
svgchart(struct buf *b, const char *name, struct grp *const *gs, size_t ns)
{
	struct item it[MAXITEMS];
	const char *label[MAXITEMS];
	struct buf s = { 0 };
	const struct dim *d;
	const struct lvl_dim *ld = NULL;
	size_t nl = 0, i, j, k, n;
	double v, ymax = 0, step, bw = 44, cw, x, y, h;
	const double ph = 220, top = 40, left = 44;
	long long cnt;

	/* The categories: the items of every group, in order. */
	for (i = 0; i < ns; i++)
		for (j = 0; j < gs[i]->ndim; j++) {
			d = &gs[i]->dim[j];
			if (strcmp(d->name, name) != 0)
				continue;
			ld = d->ld;
			n = items(d, it);
			for (k = 0; k < n; k++) {
				size_t m;

				for (m = 0; m < nl; m++)
					if (strcmp(label[m], it[k].label) == 0)
						break;
				if (m == nl && nl < MAXITEMS)
					label[nl++] = it[k].label;
				if (d->total > 0 && (v = 100.0 *
				    (double)it[k].count / (double)d->total) >
				    ymax)
					ymax = v;
			}
		}
	step = ymax <= 50 ? 10 : 20;	/* the scale: whole steps */
	for (v = step; v < ymax; v += step)
		;
	ymax = v;
	cw = (double)ns * bw + 24;
	if (cw < 140)
		cw = 140;
	buf_printf(b, "<figure><figcaption>");
	cap1(&s, dimlabel(name, ld));
	if (gs[0]->k.n > 0) {
		buf_adds(&s, " — ");
		n = s.len;
		keydesc(&s, &gs[0]->k, "year");
		if (s.len == n)
			s.len -= strlen(" — "), s.p[s.len] = '\0';
	}
	html_esc(b, s.p);
	buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%.0f\" height=\"%.0f\" role=\"img\">\n",
	    left + (double)nl * cw + 10, top + ph + 60);
	for (v = 0; v <= ymax; v += step) {	/* the grid, 0 to ymax */
		y = top + ph - ph * v / ymax;
		buf_printf(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" "
		    "y2=\"%.1f\" class=\"grid\"/>", left, y,
		    left + (double)nl * cw, y);
		buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" class=\"axis\">"
		    "%.0f%%</text>\n", left - 6, y + 4, v);
	}
	for (i = 0; i < ns; i++) {	/* the legend */
		buf_reset(&s);
		buf_adds(&s, "");
		keyval(&s, "year", keyget(&gs[i]->k, "year") ?
		    keyget(&gs[i]->k, "year") : "?");
		if (keyget(&gs[i]->k, "year") == NULL) {
			buf_reset(&s);
			buf_adds(&s, "Tổng số");
		}
		buf_printf(b, "<rect x=\"%.0f\" y=\"8\" width=\"12\" "
		    "height=\"12\" fill=\"%s\"/><text x=\"%.0f\" y=\"18\" "
		    "class=\"legend\">", left + (double)i * 110,
		    colours[i % 6], left + (double)i * 110 + 16);
		html_esc(b, s.p);
		buf_adds(b, "</text>\n");
	}
	for (k = 0; k < nl; k++) {
		x = left + (double)k * cw + (cw - (double)ns * bw) / 2;
		for (i = 0; i < ns; i++, x += bw) {
			d = NULL;
			for (j = 0; j < gs[i]->ndim; j++)
				if (strcmp(gs[i]->dim[j].name, name) == 0)
					d = &gs[i]->dim[j];
			if (d == NULL || d->total <= 0)
				continue;
			n = items(d, it);
			cnt = 0;
			for (j = 0; j < n; j++)
				if (strcmp(it[j].label, label[k]) == 0)
					cnt = it[j].count;
			h = ph * 100.0 * (double)cnt / (double)d->total / ymax;
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\""
			    " height=\"%.1f\" fill=\"%s\"/>", x + 2,
			    top + ph - h, bw - 4, h, colours[i % 6]);
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
			    "class=\"val\">", x + bw / 2, top + ph - h - 4);
			pct(b, cnt, d->total);
			buf_adds(b, "</text>\n");
		}
		buf_printf(b, "<text x=\"%.1f\" y=\"%.0f\" class=\"cat\">",
		    left + (double)k * cw + cw / 2, top + ph + 18);
		buf_reset(&s);
		buf_adds(&s, "");
		cap1(&s, label[k]);
		html_esc(b, s.p);
		buf_adds(b, "</text>\n");
	}
	buf_adds(b, "</svg></figure>\n");
	buf_free(&s);
}

/* The charts: one per dimension and unit, the unit's years side by side. */
static void
charts(struct buf *b)
{
	struct grp **gs = xcalloc(ngrp + 1, sizeof(*gs));
	unsigned char *done = xcalloc(ngrp + 1, 1);
	size_t i, j, k, ns;

	for (i = 0; i < ngrp; i++) {
		if (done[i])
			continue;
		ns = 0;
		for (j = i; j < ngrp; j++)
			if (!done[j] && keyeq_but_year(&grps[i].k, &grps[j].k) &&
			    grps[i].k.n == grps[j].k.n) {
				gs[ns++] = &grps[j];
				done[j] = 1;
			}
		for (k = 0; k < grps[i].ndim; k++) {
			svgchart(b, grps[i].dim[k].name, gs, ns);
			putb(b);
		}
	}
	free(gs);
	free(done);
}

static const char css[] =
    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,sans-serif;"
    "margin:2em auto;max-width:60em;padding:0 1em;color:#222;"
    "line-height:1.5}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em;"
    "border-bottom:1px solid #ccc}\n"
    "figure{margin:1em 0;overflow-x:auto}"
    "figcaption{font-weight:bold;margin-bottom:.3em}\n"
    "svg text{font-size:12px;fill:#222}"
    "svg .val{font-size:11px;text-anchor:middle}"
    "svg .cat{text-anchor:middle}svg .axis{text-anchor:end;fill:#666}\n"
    "svg .grid{stroke:#ddd;stroke-width:1}\n";

/* HTML: one page, the sentences, then the charts; all text escaped. */
static void
html(void)
{
	struct buf b = { 0 }, s = { 0 };
	size_t i, j;

	buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	html_esc(&b, title);
	buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>", css);
	html_esc(&b, title);
	buf_adds(&b, "</h1>\n");
	putb(&b);
	for (i = 0; i < ngrp; i++) {
		buf_adds(&s, "");
		keydesc(&s, &grps[i].k, NULL);
		buf_adds(&b, "<h2>");
		html_esc(&b, s.len > 0 ? s.p : "Toàn bộ");
		buf_adds(&b, "</h2>\n<p>");
		buf_reset(&s);
		grpsentence(&s, &grps[i]);
		html_esc(&b, s.p);
		buf_adds(&b, "</p>\n<ul>\n");
		for (j = 0; j < grps[i].ndim; j++) {
			buf_reset(&s);
			dimsentence(&s, &grps[i].dim[j]);
			buf_adds(&b, "<li>");
			html_esc(&b, s.p);
			buf_adds(&b, "</li>\n");
		}
		buf_adds(&b, "</ul>\n");
		buf_reset(&s);
		putb(&b);
	}
	lists(&b, &s, &htmlmarkup);
	if (ngrp > 0) {
		buf_adds(&b, "<h2>Biểu đồ</h2>\n");
		charts(&b);
	}
	buf_adds(&b, "</body>\n</html>\n");
	putb(&b);
	buf_free(&b);
	buf_free(&s);
}

/* ---- the workbook (--format xlsx) ---- */

/* The cell formats of the workbook. */
static struct {
	lxw_format	*title;		/* the sheet's title */
	lxw_format	*note;		/* a line under it */
	lxw_format	*head;		/* header cells: bold, wrapped, boxed */
	lxw_format	*text;		/* a boxed text cell */
	lxw_format	*count;		/* a count: #,##0 (1.279 in Vietnamese) */
	lxw_format	*share;		/* a share as a fraction: 0.0% (64,7%) */
	lxw_format	*pp;		/* a change in points: +0.0 */
} xf;

/* A boxed cell format; num is its number format, or NULL. */
static lxw_format *
xformat(lxw_workbook *wb, int bold, const char *num)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (bold) {
		format_set_bold(f);
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_CENTER);
		format_set_bg_color(f, 0xDDEBF7);
	}
	if (num != NULL)
		format_set_num_format(f, num);
	return f;
}

/* Write s over rows r1..r2 and columns c1..c2, merged when it spans. */
static void
xhead(lxw_worksheet *ws, int r1, int c1, int r2, int c2, const char *s)
{
	if (r1 == r2 && c1 == c2)
		worksheet_write_string(ws, (lxw_row_t)r1, (lxw_col_t)c1, s,
		    xf.head);
	else
		worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1,
		    (lxw_row_t)r2, (lxw_col_t)c2, s, xf.head);
}

/* A title and a note line over a sheet, merged across ncol columns. */
static void
xtitle(lxw_worksheet *ws, int ncol, const char *t, const char *note)
{
	if (ncol < 2)
		ncol = 2;
	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncol - 1), t,
	    xf.title);
	worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)(ncol - 1), note,
	    xf.note);
	worksheet_set_row(ws, 0, 24, NULL);
}

/* Write s with its first letter up. */
static void
xcap(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	struct buf b = { 0 };

	cap1(&b, s);
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, b.p, f);
	buf_free(&b);
}

/* The unit of key k as a row names it: the key without its year. */
static void
xunit(struct buf *b, const struct key *k)
{
	struct buf s = { 0 };

	buf_reset(b);
	keydesc(&s, k, "year");
	if (s.len == 0)
		buf_adds(b, "Toàn bộ");
	else
		cap1(b, s.p);
	buf_free(&s);
}

/* Write a year cell: a number when it is one. */
static void
xyear(lxw_worksheet *ws, int r, int c, const char *y)
{
	const char *errstr;
	long long v;

	v = cbcc_strtonum(y != NULL ? y : "", 0, 9999, &errstr);
	if (errstr == NULL)
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
		    (double)v, xf.text);
	else
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
		    y != NULL ? y : "", xf.text);
}

/*
 * Write a number read as text (a diff value), a percentage as its
 * fraction when pc ("5.4" is 0.054, read as "5.4e-2" so that no rounding
 * creeps in); blank if empty.
 */
static void
xnum(lxw_worksheet *ws, int r, int c, const char *v, int pc,
    lxw_format *f)
{
	struct buf b = { 0 };
	char *e;
	double d;

	buf_adds(&b, v);
	if (pc && *v != '\0')
		buf_adds(&b, "e-2");
	d = strtod(b.p, &e);
	e = *e == '\0' ? NULL : e;
	buf_free(&b);
	if (*v == '\0' || e != NULL)
		worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
	else
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, d, f);
}

/* The columns of the quality table: dimensions and their items. */
struct xcol {
	const char	*dim;			/* dimension name */
	const struct lvl_dim *ld;		/* its code list */
	const char	*label[MAXITEMS];	/* items, in order */
	size_t		 n;
};

/* The dimensions of every group and the union of their items, in order. */
static size_t
xcols(struct xcol *xc, size_t max)
{
	struct item it[MAXITEMS];
	size_t nx = 0, i, j, k, m, n;
	const struct dim *d;

	for (i = 0; i < ngrp; i++)
		for (j = 0; j < grps[i].ndim; j++) {
			d = &grps[i].dim[j];
			for (k = 0; k < nx; k++)
				if (strcmp(xc[k].dim, d->name) == 0)
					break;
			if (k == nx) {
				if (nx == max)
					continue;
				xc[nx].dim = d->name;
				xc[nx].ld = d->ld;
				xc[nx++].n = 0;
			}
			n = items(d, it);
			for (m = 0; m < n; m++) {
				size_t q;

				for (q = 0; q < xc[k].n; q++)
					if (strcmp(xc[k].label[q],
					    it[m].label) == 0)
						break;
				if (q == xc[k].n && q < MAXITEMS)
					xc[k].label[xc[k].n++] = it[m].label;
			}
		}
	return nx;
}

/* The count of item label in d (0 when d has no such item). */
static long long
xcount(const struct dim *d, const char *label)
{
	struct item it[MAXITEMS];
	size_t i, n = items(d, it);

	for (i = 0; i < n; i++)
		if (strcmp(it[i].label, label) == 0)
			return it[i].count;
	return 0;
}

/* The group's dimension named name, or NULL. */
static const struct dim *
xdim(const struct grp *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->ndim; i++)
		if (strcmp(g->dim[i].name, name) == 0)
			return &g->dim[i];
	return NULL;
}

#define XDIMS	16

/*
 * The quality table, in the layout of the official forms: a row per unit
 * and year, then for each dimension a column pair per level, the number
 * of people and their share of the total.
 */
static void
xquality(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Chất lượng");
	struct xcol xc[XDIMS];
	struct buf b = { 0 };
	const struct dim *d;
	size_t nx = xcols(xc, XDIMS), i, j, k;
	int c, r, ncol = 3;
	long long n;

	for (i = 0; i < nx; i++)
		ncol += 2 * (int)xc[i].n;
	xtitle(ws, ncol, title, "Số người và tỷ lệ (%) trên tổng số của "
	    "từng đơn vị, từng năm.");
	xhead(ws, 3, 0, 5, 0, "Đơn vị");
	xhead(ws, 3, 1, 5, 1, "Năm");
	xhead(ws, 3, 2, 5, 2, "Tổng số (người)");
	for (i = 0, c = 3; i < nx; i++) {
		buf_reset(&b);
		cap1(&b, dimlabel(xc[i].dim, xc[i].ld));
		xhead(ws, 3, c, 3, c + 2 * (int)xc[i].n - 1, b.p);
		for (j = 0; j < xc[i].n; j++, c += 2) {
			buf_reset(&b);
			cap1(&b, xc[i].label[j]);
			xhead(ws, 4, c, 4, c + 1, b.p);
			xhead(ws, 5, c, 5, c, "Số người");
			xhead(ws, 5, c + 1, 5, c + 1, "Tỷ lệ");
		}
	}
	worksheet_set_row(ws, 4, 30, NULL);
	for (i = 0, r = 6; i < ngrp; i++, r++) {
		xunit(&b, &grps[i].k);
		worksheet_write_string(ws, (lxw_row_t)r, 0, b.p, xf.text);
		xyear(ws, r, 1, keyget(&grps[i].k, "year"));
		worksheet_write_number(ws, (lxw_row_t)r, 2,
		    (double)grps[i].total, xf.count);
		for (j = 0, c = 3; j < nx; j++) {
			d = xdim(&grps[i], xc[j].dim);
			for (k = 0; k < xc[j].n; k++, c += 2) {
				if (d == NULL) {
					worksheet_write_blank(ws, (lxw_row_t)r,
					    (lxw_col_t)c, xf.count);
					worksheet_write_blank(ws, (lxw_row_t)r,
					    (lxw_col_t)c + 1, xf.share);
					continue;
				}
				n = xcount(d, xc[j].label[k]);
				worksheet_write_number(ws, (lxw_row_t)r,
				    (lxw_col_t)c, (double)n, xf.count);
				if (d->total > 0)
					worksheet_write_number(ws, (lxw_row_t)r,
					    (lxw_col_t)c + 1, (double)n /
					    (double)d->total, xf.share);
				else
					worksheet_write_blank(ws, (lxw_row_t)r,
					    (lxw_col_t)c + 1, xf.share);
			}
		}
	}
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 2, 9, NULL);
	if (ncol > 3)
		worksheet_set_column(ws, 3, (lxw_col_t)(ncol - 1), 9, NULL);
	worksheet_freeze_panes(ws, 6, 3);
	worksheet_set_landscape(ws);
	worksheet_repeat_rows(ws, 3, 5);
	buf_free(&b);
}

/* The changes between years (--diff): a row per unit, dimension, level. */
static void
xchanges(lxw_workbook *wb)
{
	static const char *const head[] = { "Đơn vị", "Từ năm", "Đến năm",
	    "Chỉ tiêu", "Mức", "Số người (từ)", "Số người (đến)",
	    "Tỷ lệ (từ)", "Tỷ lệ (đến)", "Thay đổi (người)",
	    "Thay đổi (điểm %)" };
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Thay đổi");
	const struct drow *row[MAXITEMS];
	const char *label[MAXITEMS];
	const struct ddim *d;
	struct buf b = { 0 };
	size_t i, j, k, n;
	int c, r = 4;

	xtitle(ws, 11, "Thay đổi giữa các năm", "Tỷ lệ (%) trên tổng số; "
	    "thay đổi tính bằng điểm phần trăm.");
	for (c = 0; c < 11; c++)
		xhead(ws, 3, c, 3, c, head[c]);
	if (ndgrp == 0)
		worksheet_write_string(ws, 4, 0, NOEARLIER, xf.text);
	for (i = 0; i < ndgrp; i++)
		for (j = 0; j < dgrps[i].ndim; j++) {
			d = &dgrps[i].dim[j];
			n = dorder(d, row, label);
			for (k = 0; k < n; k++, r++) {
				xunit(&b, &dgrps[i].k);
				worksheet_write_string(ws, (lxw_row_t)r, 0,
				    b.p, xf.text);
				xyear(ws, r, 1, dgrps[i].yfrom);
				xyear(ws, r, 2, dgrps[i].yto);
				xcap(ws, r, 3, dimlabel(d->name, d->ld),
				    xf.text);
				xcap(ws, r, 4, label[k], xf.text);
				xnum(ws, r, 5, row[k]->v[D_CF], 0, xf.count);
				xnum(ws, r, 6, row[k]->v[D_CT], 0, xf.count);
				xnum(ws, r, 7, row[k]->v[D_PF], 1,
				    xf.share);
				xnum(ws, r, 8, row[k]->v[D_PT], 1,
				    xf.share);
				xnum(ws, r, 9, row[k]->v[D_CC], 0, xf.count);
				xnum(ws, r, 10, row[k]->v[D_PP], 0, xf.pp);
			}
		}
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 2, 8, NULL);
	worksheet_set_column(ws, 3, 3, 24, NULL);
	worksheet_set_column(ws, 4, 4, 22, NULL);
	worksheet_set_column(ws, 5, 10, 11, NULL);
	worksheet_freeze_panes(ws, 4, 0);
	worksheet_set_landscape(ws);
	buf_free(&b);
}

/*
 * The charts: per unit, a table of the education shares, a column per
 * year, and beside it a native column chart of them, year beside year.
 */
static void
xcharts(lxw_workbook *wb)
{
	static const char sheet[] = "Biểu đồ";
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	struct grp **gs = xcalloc(ngrp + 1, sizeof(*gs));
	unsigned char *done = xcalloc(ngrp + 1, 1);
	const char *label[MAXITEMS];
	struct item it[MAXITEMS];
	struct buf b = { 0 };
	const struct dim *d;
	lxw_chart *ch;
	lxw_chart_series *se;
	size_t i, j, k, m, n, ns, nl;
	int r = 3;

	xtitle(ws, 8, "Trình độ chuyên môn: tỷ lệ (%) theo năm",
	    "Mỗi đơn vị một bảng và một biểu đồ; các năm đặt cạnh nhau.");
	for (i = 0; i < ngrp; i++) {
		if (done[i] || xdim(&grps[i], "education") == NULL)
			continue;
		for (j = i, ns = 0; j < ngrp; j++)
			if (!done[j] && grps[i].k.n == grps[j].k.n &&
			    keyeq_but_year(&grps[i].k, &grps[j].k) &&
			    xdim(&grps[j], "education") != NULL) {
				gs[ns++] = &grps[j];
				done[j] = 1;
			}
		for (j = 0, nl = 0; j < ns; j++) {
			n = items(xdim(gs[j], "education"), it);
			for (k = 0; k < n; k++) {
				for (m = 0; m < nl; m++)
					if (strcmp(label[m], it[k].label) == 0)
						break;
				if (m == nl && nl < MAXITEMS)
					label[nl++] = it[k].label;
			}
		}
		xunit(&b, &gs[0]->k);
		worksheet_write_string(ws, (lxw_row_t)r, 0, b.p, xf.note);
		xhead(ws, r + 1, 0, r + 1, 0, "Trình độ");
		for (j = 0; j < ns; j++) {
			buf_reset(&b);
			if (keyget(&gs[j]->k, "year") != NULL)
				keyval(&b, "year", keyget(&gs[j]->k, "year"));
			else
				buf_adds(&b, "Tổng số");
			xhead(ws, r + 1, (int)j + 1, r + 1, (int)j + 1, b.p);
		}
		for (k = 0; k < nl; k++) {
			xcap(ws, r + 2 + (int)k, 0, label[k], xf.text);
			for (j = 0; j < ns; j++) {
				d = xdim(gs[j], "education");
				if (d->total > 0)
					worksheet_write_number(ws,
					    (lxw_row_t)(r + 2 + (int)k),
					    (lxw_col_t)(j + 1),
					    (double)xcount(d, label[k]) /
					    (double)d->total, xf.share);
			}
		}
		ch = workbook_add_chart(wb, LXW_CHART_COLUMN);
		xunit(&b, &gs[0]->k);
		buf_adds(&b, ": trình độ chuyên môn");
		chart_title_set_name(ch, b.p);
		for (j = 0; j < ns; j++) {
			se = chart_add_series(ch, NULL, NULL);
			chart_series_set_categories(se, sheet,
			    (lxw_row_t)(r + 2), 0,
			    (lxw_row_t)(r + 1 + (int)nl), 0);
			chart_series_set_values(se, sheet, (lxw_row_t)(r + 2),
			    (lxw_col_t)(j + 1), (lxw_row_t)(r + 1 + (int)nl),
			    (lxw_col_t)(j + 1));
			chart_series_set_name_range(se, sheet,
			    (lxw_row_t)(r + 1), (lxw_col_t)(j + 1));
			chart_series_set_labels(se);
			chart_series_set_labels_num_format(se, "0.0%");
		}
		chart_axis_set_num_format(ch->y_axis, "0%");
		chart_axis_set_min(ch->y_axis, 0);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
		worksheet_insert_chart(ws, (lxw_row_t)r,
		    (lxw_col_t)(ns + 2), ch);
		r += (int)nl + 3 > 18 ? (int)nl + 3 : 18;
	}
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 6, 11, NULL);
	free(gs);
	free(done);
	buf_free(&b);
}

/* The record counts (training participations) against their plan. */
static void
xrecords(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Bồi dưỡng");
	struct buf b = { 0 };
	size_t i;
	int r;

	xtitle(ws, 4, "Bồi dưỡng, tập huấn", "Số lượt bồi dưỡng so với kế "
	    "hoạch.");
	xhead(ws, 3, 0, 3, 0, "Đơn vị");
	xhead(ws, 3, 1, 3, 1, "Số lượt");
	xhead(ws, 3, 2, 3, 2, "Kế hoạch");
	xhead(ws, 3, 3, 3, 3, "Đạt (% kế hoạch)");
	for (i = 0, r = 4; i < nrrow; i++, r++) {
		buf_reset(&b);
		keydesc(&b, &rrows[i].k, NULL);
		if (b.len == 0)
			buf_adds(&b, "Toàn bộ");
		worksheet_write_string(ws, (lxw_row_t)r, 0, b.p, xf.text);
		worksheet_write_number(ws, (lxw_row_t)r, 1,
		    (double)rrows[i].count, xf.count);
		if (rrows[i].plan < 0) {
			worksheet_write_blank(ws, (lxw_row_t)r, 2, xf.count);
			worksheet_write_blank(ws, (lxw_row_t)r, 3, xf.share);
			continue;
		}
		worksheet_write_number(ws, (lxw_row_t)r, 2,
		    (double)rrows[i].plan, xf.count);
		if (rrows[i].plan > 0)
			worksheet_write_number(ws, (lxw_row_t)r, 3,
			    (double)rrows[i].count / (double)rrows[i].plan,
			    xf.share);
		else
			worksheet_write_blank(ws, (lxw_row_t)r, 3, xf.share);
	}
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, 3, 14, NULL);
	worksheet_freeze_panes(ws, 4, 0);
	buf_free(&b);
}

/*
 * The workbook at outpath: the quality table, the changes when a diff was
 * read, the charts, the training counts when read.  Shares are fractions
 * shown as percentages (a Vietnamese Excel shows 64,7%), counts #,##0.
 */
static void
xlsx(void)
{
	lxw_workbook_options wo = { 0 };
	lxw_doc_properties dp = { 0 };
	lxw_workbook *wb;
	struct buf pf = { 0 };
	char *dig;
	int errfd, null = -1, saved;
	lxw_error e;
	int i;

	wo.tmpdir = getenv("TMPDIR");
	if ((wb = workbook_new_opt(outpath, &wo)) == NULL)
		cbcc_errx(EXIT_DATA, "%s: cannot create the workbook",
		    outpath);
	dp.title = (char *)title;
	dp.company = "cbcc";
	workbook_set_properties(wb, &dp);
	xf.title = workbook_add_format(wb);
	format_set_bold(xf.title);
	format_set_font_size(xf.title, 14);
	xf.note = workbook_add_format(wb);
	format_set_italic(xf.note);
	xf.head = xformat(wb, 1, NULL);
	xf.text = xformat(wb, 0, NULL);
	xf.count = xformat(wb, 0, "#,##0");
	buf_adds(&pf, prec > 0 ? "0." : "0");
	for (i = 0; i < prec; i++)
		buf_addc(&pf, '0');
	buf_addc(&pf, '%');
	xf.share = xformat(wb, 0, pf.p);
	pf.len -= 1;		/* "0.0": then "+0.0;-0.0;0.0" */
	pf.p[pf.len] = '\0';
	dig = xstrdup(pf.p);
	buf_reset(&pf);
	buf_printf(&pf, "+%s;-%s;%s", dig, dig, dig);
	xf.pp = xformat(wb, 0, pf.p);
	free(dig);
	xquality(wb);
	if (diffread)
		xchanges(wb);
	xcharts(wb);
	if (nrrow > 0)
		xrecords(wb);
	/* libxlsxwriter tells its errors on stderr: ours say it once. */
	fflush(stderr);
	if ((errfd = dup(STDERR_FILENO)) != -1 &&
	    (null = open("/dev/null", O_WRONLY)) != -1) {
		dup2(null, STDERR_FILENO);
		close(null);
	}
	errno = 0;
	e = workbook_close(wb);
	saved = errno;
	if (errfd != -1) {
		dup2(errfd, STDERR_FILENO);
		close(errfd);
	}
	if (e != LXW_NO_ERROR && saved != 0)
		cbcc_errx(EXIT_DATA, "%s: cannot write the workbook: %s",
		    outpath, strerror(saved));
	if (e != LXW_NO_ERROR)
		cbcc_errx(EXIT_DATA, "%s: cannot write the workbook: %s",
		    outpath, lxw_strerror(e));
	buf_free(&pf);
}

enum {
	OPT_RFORMAT = OPT_PRIVATE,
	OPT_DIFF,
	OPT_RECORDS,
	OPT_PRECISION,
	OPT_TITLE
};

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_RFORMAT },
		{ "diff", required_argument, NULL, OPT_DIFF },
		{ "records", required_argument, NULL, OPT_RECORDS },
		{ "precision", required_argument, NULL, OPT_PRECISION },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "output", required_argument, NULL, 'o' },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_reader *r;
	const char *diff = NULL, *records = NULL, *errstr;
	int c, i = 0;

	opt_init("cbcc-report", "[--strict] [--diff file] [--format fmt] "
	    "[--precision n] [--records file] [--rejects file] "
	    "[--title text] [-o file] [file ...]");
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1)
		switch (c) {
		case OPT_RFORMAT:
			if (strcmp(optarg, "text") == 0)
				fmt = TEXT;
			else if (strcmp(optarg, "md") == 0)
				fmt = MD;
			else if (strcmp(optarg, "html") == 0)
				fmt = HTML;
			else if (strcmp(optarg, "xlsx") == 0)
				fmt = XLSX;
			else {
				cbcc_warnx("unknown format '%s' (text, md, "
				    "html or xlsx)", optarg);
				opt_usage();
			}
			break;
		case OPT_DIFF:
			diff = optarg;
			break;
		case OPT_RECORDS:
			records = optarg;
			break;
		case OPT_PRECISION:
			prec = (int)cbcc_strtonum(optarg, 0, NUM_MAXPREC,
			    &errstr);
			if (errstr != NULL) {
				cbcc_warnx("precision %s: %s (0 to %d)", optarg,
				    errstr, NUM_MAXPREC);
				opt_usage();
			}
			break;
		case OPT_TITLE:
			title = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		default:
			opt_common(c, optarg);
		}
	argc -= optind;
	argv += optind;
	if (fmt == XLSX && outpath == NULL) {
		cbcc_warnx("--format xlsx writes a workbook file: name it with "
		    "-o FILE (a workbook cannot go to standard output)");
		opt_usage();
	}
	if (fmt != XLSX && outpath != NULL) {
		cbcc_warnx("-o is for --format xlsx; the other formats go to "
		    "standard output");
		opt_usage();
	}

	rej_open(opt.rejects, opt.strict);
	while ((r = opt_operand(argc, argv, &i)) != NULL) {
		load(r, -1);
		rec_close(r);
	}
	if (diff != NULL) {
		if ((r = rec_open(diff)) == NULL)
			cbcc_err(EXIT_DATA, "%s", diff);
		load(r, K_DIFF);
		rec_close(r);
	}
	if (records != NULL) {
		if ((r = rec_open(records)) == NULL)
			cbcc_err(EXIT_DATA, "%s", records);
		load(r, K_RECORDS);
		rec_close(r);
	}
	if (fmt == TEXT)
		text();
	else if (fmt == MD)
		md();
	else if (fmt == HTML)
		html();
	else
		xlsx();
	rej_close();
	return cbcc_exit();
}
