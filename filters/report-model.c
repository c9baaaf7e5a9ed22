/*
 * report-model.c - what every output of cbcc-report shares: the model's
 * queries (keys, levels, the items a dimension shows) and the Vietnamese
 * sentences built from them; the sections that are lists in Markdown and
 * HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "lvl.h"
#include "opt.h"
#include "text.h"
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
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (n <= 0) {
		buf_adds(b, s);
		return;
	}
	text_addcp(b, utf8proc_toupper(cp));
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

/* Append to b how a report names the one value val[0..len) of column col. */
static void
keyval1(struct buf *b, const char *col, const char *val, size_t len)
{
	const struct lvl_dim *ld;
	const char *l;

	if (len == 0)
		buf_printf(b, "%s: không rõ", col);
	else if (strcmp(col, "staff_type") == 0 && len == 9 &&
	    strncmp(val, "cong_chuc", len) == 0)
		buf_adds(b, "công chức");
	else if (strcmp(col, "staff_type") == 0 && len == 6 &&
	    strncmp(val, "can_bo", len) == 0)
		buf_adds(b, "cán bộ");
	else if (strcmp(col, "party_member") == 0 && len == 1 && *val == '0')
		buf_adds(b, "ngoài Đảng");
	else if ((ld = lvl_find(col, strlen(col))) != NULL &&
	    (l = lvl_label(ld, val, len)) != NULL)
		buf_adds(b, l);
	else
		buf_add(b, val, len);
}

/*
 * Append to b how a report names the value of group column col:
 * "Năm 2021", "công chức", "nữ", a unit name as it is.  A selection of
 * cbcc-aggregate --where, a list ("dai_hoc,thac_si") or all but one
 * ("!nu"), is named value by value: "đại học, thạc sĩ", "trừ nữ".
 */
void
keyval(struct buf *b, const char *col, const char *val)
{
	size_t n;

	if (strcmp(col, "year") == 0 && *val != '\0') {
		buf_printf(b, "Năm %s", val);
		return;
	}
	if (*val == '!') {
		buf_adds(b, "trừ ");
		val++;
	}
	for (;;) {
		n = strcspn(val, ",");
		keyval1(b, col, val, n);
		if (val[n] == '\0')
			break;
		buf_adds(b, ", ");
		val += n + 1;
	}
}

/*
 * The group columns that name an administrative unit, the narrowest
 * first: the order a sentence names them in ("xã Mường Phăng, huyện Điện
 * Biên").
 */
static const char *const unitcols[] = { "commune", "unit", "district",
    "province" };
#define NUNITCOLS	(sizeof(unitcols) / sizeof(unitcols[0]))

/* Whether group column col names a unit. */
static int
isunit(const char *col)
{
	size_t i;

	for (i = 0; i < NUNITCOLS; i++)
		if (strcmp(col, unitcols[i]) == 0)
			return 1;
	return 0;
}

/* Whether key k names a unit, or is the whole province. */
int
keyunit(const struct key *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (isunit(k->col[i]))
			return 1;
	return 0;
}

/*
 * Append unit name val as it reads mid-sentence, its type word in lower
 * case: "Huyện Điện Biên" is "huyện Điện Biên", "Thành phố Điện Biên Phủ"
 * "thành phố Điện Biên Phủ".
 */
static void
unitname(struct buf *b, const char *val)
{
	static const char *const types[] = { "Thành phố ", "Thị xã ",
	    "Thị trấn ", "Huyện ", "Quận ", "Tỉnh ", "Xã ", "Phường " };
	size_t i, n;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strncmp(val, types[i], n = strlen(types[i])) == 0) {
			text_lower(b, val, n);
			buf_adds(b, val + n);
			return;
		}
	buf_adds(b, *val != '\0' ? val : "đơn vị không rõ");
}

/*
 * Append to b the people of group k: its staff_type, one code or a list
 * of them as --where selected ("can_bo,cong_chuc"; "!can_bo" for all
 * but), as "công chức", "cán bộ", "cán bộ, công chức"; deflt (POP_STAFF
 * or POP_TRAINED) when k has no staff_type.
 */
void
population(struct buf *b, const struct key *k, const char *deflt)
{
	const char *v = keyget(k, "staff_type"), *p;
	size_t n;
	int cb = 0, cc = 0, other = 0, not = 0;

	if (v == NULL) {
		buf_adds(b, deflt);
		return;
	}
	if (*v == '!')
		not = 1, v++;
	for (p = v; *p != '\0'; p += n) {
		p += strspn(p, ",+; ");
		if ((n = strcspn(p, ",+; ")) == 0)
			break;
		if (n == 6 && strncmp(p, "can_bo", n) == 0)
			cb = 1;
		else if (n == 9 && strncmp(p, "cong_chuc", n) == 0)
			cc = 1;
		else
			other = 1;
	}
	if (not && !other)
		cb = !cb, cc = !cc;
	if (other || (!cb && !cc))
		buf_printf(b, "người có staff_type %s%s", not ? "khác " : "",
		    *v != '\0' ? v : "không rõ");
	else
		buf_adds(b, cb && cc ? POP_STAFF : cb ? "cán bộ" : "công chức");
}

/*
 * Append to b the group columns of k that are neither the year, the
 * people nor a unit, in parentheses: " (nữ)", " (trình độ chuyên môn: đại
 * học, thạc sĩ)", " (position: Văn phòng)"; nothing when it has none.  A
 * yes/no dimension is named by its value, another one by its label.
 */
static void
keyothers(struct buf *b, const struct key *k)
{
	const struct lvl_dim *ld;
	const char *l;
	size_t i;
	int first = 1;

	for (i = 0; i < k->n; i++) {
		if (strcmp(k->col[i], "year") == 0 ||
		    strcmp(k->col[i], "staff_type") == 0 || isunit(k->col[i]))
			continue;
		buf_adds(b, first ? " (" : "; ");
		first = 0;
		ld = lvl_find(k->col[i], strlen(k->col[i]));
		if (ld == NULL || ld->ordered || ld->n != 2) {
			l = ld != NULL ? ld->label : k->col[i];
			text_lower(b, l, strlen(l));
			buf_adds(b, ": ");
		}
		keyval(b, k->col[i], k->val[i]);
	}
	if (!first)
		buf_addc(b, ')');
}

/*
 * Append to b the description of key k: with KD_YEAR "Năm 2021" first;
 * with KD_POP its people before the unit ("công chức toàn tỉnh"); the
 * units, narrowest first ("xã Mường Phăng, huyện Điện Biên"), or "toàn
 * tỉnh" for a key that names none; then, unless KD_NOOTHER, the other
 * group columns (keyothers).
 * The staff_type is the people's, and said only with KD_POP.
 */
void
keydesc(struct buf *b, const struct key *k, int flags)
{
	const char *v;
	size_t i, u;
	int first = 1;

	if ((flags & KD_YEAR) && (v = keyget(k, "year")) != NULL) {
		keyval(b, "year", v);
		buf_adds(b, ", ");
	}
	if (flags & KD_POP) {
		population(b, k, POP_STAFF);
		buf_addc(b, ' ');
	}
	for (u = 0; u < NUNITCOLS; u++)
		for (i = 0; i < k->n; i++)
			if (strcmp(k->col[i], unitcols[u]) == 0) {
				if (!first)
					buf_adds(b, ", ");
				unitname(b, k->val[i]);
				first = 0;
			}
	if (first)
		buf_adds(b, "toàn tỉnh");
	if (!(flags & KD_NOOTHER))
		keyothers(b, k);
}

/* Append keydesc of k as it starts a heading, a cell: its first letter up. */
void
keytitle(struct buf *b, const struct key *k, int flags)
{
	struct buf s = { 0 };

	keydesc(&s, k, flags);
	cap1(b, s.p);
	buf_free(&s);
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
			it[n].label = it[n].code = d->lev[i].code;
			it[n].unk = 0;
			it[n++].count = d->lev[i].count;
		}
		return n;
	}
	for (i = 0; i < d->ld->n; i++) {
		if (strcmp(d->name, "education") == 0 &&
		    strcmp(d->ld->codes[i], "thac_si") == 0) {
			it[n].label = "trên đại học";
			it[n].code = "thac_si+";
			it[n].unk = 0;
			it[n++].count = levfrom(d, "thac_si");
			break;
		}
		it[n].label = d->ld->labels[i];
		it[n].code = d->ld->codes[i];
		it[n].unk = 0;
		it[n++].count = levcount(d, d->ld->codes[i]);
	}
	if ((c = levcount(d, "unknown")) > 0) {
		it[n].label = lvl_label(d->ld, "unknown", 7);
		it[n].code = "unknown";
		it[n].unk = 1;
		it[n++].count = c;
	}
	return n;
}

/* The count of the item labelled label in d (0 when d has none). */
long long
itemcount(const struct dim *d, const char *label)
{
	struct item it[MAXITEMS];
	size_t i, n = items(d, it);

	for (i = 0; i < n; i++)
		if (strcmp(it[i].label, label) == 0)
			return it[i].count;
	return 0;
}

/* The dimension named name of group g, or NULL. */
const struct dim *
grpdim(const struct grp *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->ndim; i++)
		if (strcmp(g->dim[i].name, name) == 0)
			return &g->dim[i];
	return NULL;
}

/*
 * Whether dimension ld is a yes/no one, whose form column is the number
 * of its second level (gender: nu; party_member, ethnic_minority: 1).
 */
int
yesno(const struct lvl_dim *ld)
{
	return ld != NULL && !ld->ordered && ld->n == 2;
}

/*
 * Fill fd[0..max) with the columns of the form table: the dimensions of
 * every group, in the form's order (the yes/no ones under "trong đó",
 * general schooling, professional education, political theory, state
 * management, IT, languages, age; then the others as read), each with the
 * union of the items its groups show.  Returns how many.
 */
size_t
formdims(struct fdim *fd, size_t max)
{
	static const char *const order[] = { "gender", "party_member",
	    "ethnic_minority", "general_education", "education",
	    "political_theory", "state_mgmt", "it_skill", "foreign_language",
	    "age_band" };
	struct item it[MAXITEMS];
	const struct dim *d;
	size_t nf = 0, i, j, k, m, n, q, pass;

	for (pass = 0; pass <= sizeof(order) / sizeof(order[0]); pass++)
		for (i = 0; i < ngrp; i++)
			for (j = 0; j < grps[i].ndim; j++) {
				d = &grps[i].dim[j];
				for (m = 0; m < sizeof(order) / sizeof(order[0]);
				    m++)
					if (strcmp(d->name, order[m]) == 0)
						break;
				if (m != pass)
					continue;
				for (k = 0; k < nf; k++)
					if (strcmp(fd[k].dim, d->name) == 0)
						break;
				if (k == nf) {
					if (nf == max)
						continue;
					fd[nf].dim = d->name;
					fd[nf].ld = d->ld;
					fd[nf].yesno = yesno(d->ld);
					fd[nf++].n = 0;
				}
				if (fd[k].yesno) {
					fd[k].label[0] = d->ld->labels[1];
					fd[k].code[0] = d->ld->codes[1];
					fd[k].n = 1;
					continue;
				}
				n = items(d, it);
				for (m = 0; m < n; m++) {
					for (q = 0; q < fd[k].n; q++)
						if (strcmp(fd[k].code[q],
						    it[m].code) == 0)
							break;
					if (q == fd[k].n && q < MAXITEMS) {
						fd[k].label[q] = it[m].label;
						fd[k].code[q] = it[m].code;
						fd[k].n++;
					}
				}
			}
	return nf;
}

/*
 * The count of item i of form column fd in group g, and the group's
 * total in *total; -1 when g has not that dimension.
 */
long long
formcount(const struct grp *g, const struct fdim *fd, size_t i,
    long long *total)
{
	struct item it[MAXITEMS];
	const struct dim *d;
	size_t k, n;

	if ((d = grpdim(g, fd->dim)) == NULL)
		return -1;
	*total = d->total;
	if (fd->yesno)
		return levcount(d, fd->code[i]);
	n = items(d, it);
	for (k = 0; k < n; k++)
		if (strcmp(it[k].code, fd->code[i]) == 0)
			return it[k].count;
	return 0;
}

/*
 * Whether the staff type selection sel of a group (a code; a list "a,b";
 * "!a", all but) holds code; an empty one holds the empty code only.
 */
static int
selects(const char *sel, const char *code)
{
	const char *p;
	size_t n, len = strlen(code);
	int not = *sel == '!', in = 0;

	if (*sel == '\0')
		return *code == '\0';
	for (p = sel + not; *(p += strspn(p, ",+; ")) != '\0'; p += n)
		if ((n = strcspn(p, ",+; ")) == len && strncmp(p, code, n) == 0)
			in = 1;
	return in != not;
}

/*
 * The people of group g who meet the standard in force, in *meet, of the
 * *judged that a standard judges: those below a minimum or meeting every
 * one, not those exempt or judged by none.  The list of --all holds every
 * record, each counted as it says; a list without --all holds those below
 * and those judged by none, the rest of the group's total taken to meet
 * (the exempt among them cannot be told).  Returns 0 when there is no
 * --shortfall, or g has group columns other than the year and the staff
 * type (the list is counted by those).
 */
int
meeting(const struct grp *g, long long *meet, long long *judged)
{
	const char *y = keyget(&g->k, "year"), *t = keyget(&g->k, "staff_type");
	long long below = 0, nostd = 0, ok = 0, exempt = 0;
	size_t i;

	if (nsf == 0 || g->k.n != (size_t)(y != NULL) + (t != NULL))
		return 0;
	for (i = 0; i < nsf; i++)
		if (strcmp(sfs[i].year, y != NULL ? y : "") == 0 &&
		    (t == NULL || (sfs[i].stype != NULL &&
		    selects(t, sfs[i].stype)))) {
			below += sfs[i].below;
			nostd += sfs[i].nostd;
			ok += sfs[i].ok;
			exempt += sfs[i].exempt;
		}
	if (ok + exempt + below + nostd == g->total) {
		*meet = ok;
		*judged = ok + below;
	} else {
		*judged = g->total - nostd - exempt;
		*meet = *judged - below;
	}
	return 1;
}

/*
 * The rank of the people of group g in the form: all staff, then cán bộ,
 * then công chức, then any other selection.
 */
static int
poprank(const struct grp *g)
{
	const char *v = keyget(&g->k, "staff_type");

	if (v == NULL)
		return 0;
	return strcmp(v, "can_bo") == 0 ? 1 : strcmp(v, "cong_chuc") == 0 ?
	    2 : 3;
}

/*
 * Fill rows[] with the groups in the order of the form: by year, then by
 * their people, the whole province before its units, else as read.
 * Returns how many (ngrp).
 */
size_t
formrows(const struct grp **rows)
{
	const struct grp *t;
	const char *ya, *yb;
	size_t i, j;
	int c;

	for (i = 0; i < ngrp; i++)
		rows[i] = &grps[i];
	/* An insertion sort: stable, and the groups are few. */
	for (i = 1; i < ngrp; i++)
		for (j = i; j > 0; j--) {
			ya = keyget(&rows[j - 1]->k, "year");
			yb = keyget(&rows[j]->k, "year");
			c = strcmp(ya != NULL ? ya : "", yb != NULL ? yb : "");
			if (c == 0)
				c = poprank(rows[j - 1]) - poprank(rows[j]);
			if (c == 0)
				c = keyunit(&rows[j - 1]->k) -
				    keyunit(&rows[j]->k);
			if (c <= 0)
				break;
			t = rows[j - 1];
			rows[j - 1] = rows[j];
			rows[j] = t;
		}
	return ngrp;
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

	if (yesno(d->ld))
		return;
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

/*
 * Append to b the opening sentence of group g, which names its people and
 * the shares of its yes/no dimensions, as the form's "trong đó": "Năm
 * 2021, toàn tỉnh có 1.279 công chức, trong đó nữ 420 người (32,8%),
 * đảng viên 1.100 người (86,0%)."  dimsentence says nothing of those.
 */
void
grpsentence(struct buf *b, const struct grp *g)
{
	static const char *const yesnodims[] = { "gender", "party_member",
	    "ethnic_minority" };
#define NYESNO	(sizeof(yesnodims) / sizeof(yesnodims[0]))
	const struct dim *d;
	long long c;
	size_t i, j;
	int first = 1;

	keytitle(b, &g->k, KD_YEAR | KD_NOOTHER);
	buf_adds(b, " có ");
	vnum_int(b, g->total);
	buf_addc(b, ' ');
	population(b, &g->k, POP_STAFF);
	keyothers(b, &g->k);
	/* The form's order: nữ, đảng viên, dân tộc thiểu số, the others. */
	for (i = 0; i < g->ndim + NYESNO; i++) {
		if (i < NYESNO)
			d = grpdim(g, yesnodims[i]);
		else {
			d = &g->dim[i - NYESNO];
			for (j = 0; j < NYESNO && d != NULL; j++)
				if (strcmp(d->name, yesnodims[j]) == 0)
					d = NULL;
		}
		if (d == NULL || !yesno(d->ld))
			continue;
		buf_adds(b, first ? ", trong đó " : ", ");
		first = 0;
		buf_printf(b, "%s ", d->ld->labels[1]);
		vnum_int(b, levcount(d, d->ld->codes[1]));
		buf_adds(b, " người (");
		pct(b, levcount(d, d->ld->codes[1]), d->total);
		if ((c = levcount(d, "unknown")) > 0) {
			buf_adds(b, "; ");
			vnum_int(b, c);
			buf_adds(b, " người không rõ");
		}
		buf_addc(b, ')');
	}
	buf_addc(b, '.');
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

	if (yesno(d->ld)) {
		/* "Tỷ lệ nữ tăng 2,0 điểm phần trăm (từ 50,0% lên 52,0%)." */
		buf_adds(b, "Tỷ lệ ");
		for (i = 0; i < n; i++)
			if (row[i] == drowof(d, d->ld->codes[1]) ||
			    (strcmp(row[i]->level, "unknown") == 0 &&
			    (strcmp(row[i]->v[D_CF], "0") != 0 ||
			    strcmp(row[i]->v[D_CT], "0") != 0))) {
				if (!first)
					buf_adds(b, "; ");
				drowsentence(b, g, row[i], label[i]);
				first = 0;
			}
		if (first)
			buf_printf(b, "%s: không có số liệu", d->ld->labels[1]);
		buf_addc(b, '.');
		return;
	}
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
	buf_printf(b, "So sánh năm %s với năm %s, ", g->yto, g->yfrom);
	keydesc(b, &g->k, KD_POP);
	buf_addc(b, ':');
}

/*
 * Append to b the sentence on record count r, which names who is counted:
 * "Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công
 * chức, viên chức, đạt 106,5% kế hoạch."
 */
void
rrowsentence(struct buf *b, const struct rrow *r)
{
	keytitle(b, &r->k, KD_YEAR);
	buf_adds(b, ": bồi dưỡng ");
	vnum_int(b, r->count);
	if (r->plan >= 0) {
		buf_addc(b, '/');
		vnum_int(b, r->plan);
	}
	buf_adds(b, " lượt ");
	population(b, &r->k, POP_TRAINED);
	if (r->plan > 0) {
		buf_adds(b, ", đạt ");
		pct(b, r->count, r->plan);
		buf_adds(b, " kế hoạch");
	}
	buf_addc(b, '.');
}

/* The year the 2025 reorganisation took effect (1 July). */
#define REORG_YEAR	2025

/*
 * Append to b the sentence on the map of units the figures are on, when
 * a group of the aggregate or the diff is by unit (cbcc-units' column,
 * the unit of the map after 1 July 2025): the figures, or the comparison
 * between years, are on the new map; with --crosswalk, what it maps,
 * counted from the file; a comparison from a year before 2025 to one of
 * 2025 or later crosses the reorganisation, and is flagged.  Returns
 * whether it wrote anything.
 */
int
mapsentence(struct buf *b)
{
	const struct dgrp *cross = NULL;
	size_t i;
	int agg = 0, diff = 0;

	for (i = 0; i < ngrp; i++)
		if (keyget(&grps[i].k, "unit") != NULL)
			agg = 1;
	for (i = 0; i < ndgrp; i++)
		if (keyget(&dgrps[i].k, "unit") != NULL) {
			diff = 1;
			if (cross == NULL && atoi(dgrps[i].yfrom) < REORG_YEAR &&
			    atoi(dgrps[i].yto) >= REORG_YEAR)
				cross = &dgrps[i];
		}
	if (!agg && !diff)
		return 0;
	buf_adds(b, diff ? "So sánh trên" : "Số liệu theo");
	buf_adds(b, " địa giới đơn vị hành chính cấp xã sau sắp xếp (từ "
	    "01/7/2025)");
	if (xwalk.name != NULL) {
		buf_adds(b, ": ");
		vnum_int(b, (long long)xwalk.nold);
		buf_adds(b, " đơn vị cũ của ");
		vnum_int(b, (long long)xwalk.ndist);
		buf_adds(b, " đơn vị cấp huyện quy về ");
		vnum_int(b, (long long)xwalk.nnew);
		buf_printf(b, " đơn vị mới (theo %s)", xwalk.name);
	}
	buf_addc(b, '.');
	if (cross != NULL)
		buf_printf(b, " So sánh năm %s với năm %s vượt qua đợt sắp xếp: "
		    "số liệu năm %s của các đơn vị cũ được cộng vào đơn vị mới "
		    "mà chúng hợp thành; số người có thể thay đổi do sáp nhập "
		    "và do cán bộ, công chức cấp huyện chuyển về xã.",
		    cross->yto, cross->yfrom, cross->yfrom);
	return 1;
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
