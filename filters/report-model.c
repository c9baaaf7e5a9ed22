/*
 * report-model.c - what every output of cbcc-report shares: the model's
 * queries (keys, levels, the items a dimension shows) and the Vietnamese
 * sentences built from them; the sections that are lists in Markdown and
 * HTML.
 */
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "lvl.h"
#include "opt.h"
#include "vnum.h"
#include "report.h"


/*
 * Write buffer b and empty it.  With --excel, text and Markdown get a
 * UTF-8 BOM and CRLF line ends, for Notepad and Excel on Windows.
 */
void
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

/* Append s to b with its first letter in upper case ("đại học": "Đại học"). */
void
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
int
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
const char *
keyget(const struct key *k, const char *col)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (strcmp(k->col[i], col) == 0)
			return k->val[i];
	return NULL;
}

/* Whether a and b are equal but for their year columns. */
int
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
void
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
void
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
long long
levcount(const struct dim *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nlev; i++)
		if (strcmp(d->lev[i].code, code) == 0)
			return d->lev[i].count;
	return 0;
}

/* The records of d at level code or higher. */
long long
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
size_t
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
const char *
dimlabel(const char *name, const struct lvl_dim *ld)
{
	return ld != NULL ? ld->label : name;
}

/* Append "25,6%" for num of den to b. */
void
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
void
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
void
grpsentence(struct buf *b, const struct grp *g)
{
	size_t len = b->len;

	keydesc(b, &g->k, NULL);
	buf_adds(b, b->len > len ? ": tổng số " : "Tổng số ");
	vnum_int(b, g->total);
	buf_adds(b, " người.");
}

/* Append to b "tăng 45,1 điểm phần trăm" for the change pp. */
void
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
void
dval(struct buf *b, const char *s, int p)
{
	vnum_fmt(b, s, strlen(s));
	if (p)
		buf_addc(b, '%');
}

/* The row of level code in diff dimension d, or NULL. */
const struct drow *
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
size_t
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
void
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
void
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
void
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
void
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
void
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
