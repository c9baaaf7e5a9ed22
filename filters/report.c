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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "hash.h"
#include "lvl.h"
#include "num.h"
#include "opt.h"
#include "out.h"
#include "rec.h"
#include "rej.h"
#include "text.h"
#include "unit.h"
#include "vnum.h"
#include "xwalk.h"
#include "report.h"

struct grp *grps;			/* the aggregate's groups */
size_t ngrp;
struct dgrp *dgrps;			/* the diff's groups */
size_t ndgrp;
int diffread;				/* a diff was read, perhaps empty */
struct rrow *rrows;			/* the record counts */
size_t nrrow;
struct sfrow *sfs;			/* --shortfall: the counts */
size_t nsf;
struct crosswalk xwalk;			/* --crosswalk: what it maps */
int prec = 1;				/* --precision */
int fmt = TEXT;				/* --format */
const char *title = DEFTITLE;		/* --title */
const char *outpath;			/* -o: the workbook written */

static const char *const diffcols[] = { "count_from", "count_to",
    "percent_from", "percent_to", "change_count", "change_pp" };

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
 * Take a record of cbcc-check-standards: count it, by its year and staff
 * type, as below the standard in force, judged by none (no_standard),
 * exempt from it, or meeting it (ok; these two with --all only).
 */
static void
short_row(const struct rec *rec, const int *ci)
{
	const char *y = ci[1] >= 0 ? rec->f[ci[1]].p : "";
	const char *t = ci[2] >= 0 ? rec->f[ci[2]].p : NULL;
	const char *v = rec->f[ci[0]].p;
	struct sfrow *sf = NULL;
	size_t i;

	for (i = 0; i < nsf && sf == NULL; i++)
		if (strcmp(sfs[i].year, y) == 0 && (t == NULL ?
		    sfs[i].stype == NULL : sfs[i].stype != NULL &&
		    strcmp(sfs[i].stype, t) == 0))
			sf = &sfs[i];
	if (sf == NULL) {
		sfs = xreallocarray(sfs, nsf + 1, sizeof(*sfs));
		sf = &sfs[nsf++];
		memset(sf, 0, sizeof(*sf));
		sf->year = xstrdup(y);
		sf->stype = t != NULL ? xstrdup(t) : NULL;
	}
	if (strcmp(v, "no_standard") == 0)
		sf->nostd++;
	else if (strcmp(v, "exempt") == 0)
		sf->exempt++;
	else if (strcmp(v, "ok") == 0)
		sf->ok++;
	else
		sf->below++;
}

/*
 * Make the fields of rec text every output can hold, in place: the
 * characters XML 1.0 does not allow become U+FFFD, line breaks and tabs
 * spaces (out_xmlsafe), the new text kept in arena.  Adds the characters
 * replaced to *nbad, and sets *first to the line of the first.
 */
static void
cleanrec(struct rec *rec, struct buf *arena, size_t *nbad,
    unsigned long *first)
{
	static size_t *off;
	static size_t offcap;
	size_t i, n = 0;

	if (rec->nf > offcap) {
		offcap = rec->nf;
		off = xreallocarray(off, offcap, sizeof(*off));
	}
	buf_reset(arena);
	for (i = 0; i < rec->nf; i++) {
		off[i] = arena->len;
		n += out_xmlsafe(arena, rec->f[i].p, rec->f[i].len,
		    OUT_XML_LINE);
		buf_addc(arena, '\0');
	}
	if (n == 0)
		return;
	for (i = 0; i < rec->nf; i++) {
		rec->f[i].p = arena->p + off[i];
		rec->f[i].len = strlen(rec->f[i].p);
	}
	if (*nbad == 0)
		*first = rec->line;
	*nbad += n;
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
	static const char *const sfc[] = { "shortfall", "year", "staff_type",
	    NULL };
	static const char *const kname[] = { "an aggregate", "a diff",
	    "a record count", "a list of cbcc-check-standards" };
	const char *const *need;
	struct rec h, rec;
	struct buf arena = { 0 };
	unsigned char *used;
	unsigned long first = 0;
	size_t nbad = 0;
	int ci[16], kind, nneed, i, j;

	if ((i = rec_next(r, &h)) == -1)
		cbcc_exit();	/* the read error is reported */
	if (i == 0)
		cbcc_at_errx(rec_name(r), 0, "empty input, no header row");
	if (h.err != NULL)
		cbcc_at_errx(rec_name(r), h.line, "header: %s", h.err);
	/* Copy the header: the next rec_next reuses its memory. */
	cleanrec(&h, &arena, &nbad, &first);
	h.f = memcpy(xcalloc(h.nf, sizeof(*h.f)), h.f, h.nf * sizeof(*h.f));
	for (i = 0; i < (int)h.nf; i++)
		h.f[i].p = xmemdup0(h.f[i].p, h.f[i].len);
	if (rec_col(h.f, h.nf, "change_pp") >= 0)
		kind = K_DIFF, need = diffc, nneed = 10, diffread = 1;
	else if (rec_col(h.f, h.nf, "dimension") >= 0)
		kind = K_AGG, need = aggc, nneed = 4;
	else if (rec_col(h.f, h.nf, "shortfall") >= 0)
		kind = K_SHORT, need = sfc, nneed = 1;
	else if (rec_col(h.f, h.nf, "count") >= 0)
		kind = K_RECORDS, need = recc, nneed = 1;
	else
		cbcc_at_errx(rec_name(r), h.line, "not an aggregate, a diff, "
		    "a record count or a shortfall list: no dimension, "
		    "change_pp, count or shortfall column");
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
		cleanrec(&rec, &arena, &nbad, &first);
		if (kind == K_AGG)
			agg_row(r, &h, &rec, ci, used);
		else if (kind == K_DIFF)
			diff_row(r, &h, &rec, ci, used);
		else if (kind == K_SHORT)
			short_row(&rec, ci);
		else
			records_row(r, &h, &rec, ci, used);
	}
	if (nbad > 0)
		cbcc_at_warnx(rec_name(r), first, "%zu character%s no report "
		    "can show (a control character, line break, U+FFFE or "
		    "U+FFFF) replaced, the first on this line", nbad,
		    nbad == 1 ? "" : "s");
	for (j = 0; j < (int)h.nf; j++)
		free((char *)h.f[j].p);
	free(h.f);
	free(used);
	buf_free(&arena);
}

/*
 * Read --crosswalk path (xwalk.h) and count what it maps: the old units
 * (by province, district and name), their districts and the new units
 * they became.
 */
static void
loadcrosswalk(const char *path)
{
	struct hash *oldu = hash_new(), *dist = hash_new(), *newu = hash_new();
	struct buf k = { 0 };
	struct xwalk *x = xwalk_open(path);
	struct xwalk_row row;
	const char *slash;
	int added;

	while (xwalk_next(x, &row)) {
		buf_reset(&k);
		hash_join(&k, row.province, strlen(row.province));
		hash_join(&k, row.district, strlen(row.district));
		(void)hash_put(dist, k.p, k.len, &added);
		hash_join(&k, row.old, strlen(row.old));
		(void)hash_put(oldu, k.p, k.len, &added);
		buf_reset(&k);
		hash_join(&k, row.province, strlen(row.province));
		hash_join(&k, row.new, strlen(row.new));
		(void)hash_put(newu, k.p, k.len, &added);
	}
	xwalk_close(x);
	xwalk.name = (slash = strrchr(path, '/')) != NULL ? slash + 1 : path;
	xwalk.nold = hash_count(oldu);
	xwalk.ndist = hash_count(dist);
	xwalk.nnew = hash_count(newu);
	hash_free(oldu);
	hash_free(dist);
	hash_free(newu);
	buf_free(&k);
}

/* --where: the selections the inputs were made with. */
static struct key where;

/*
 * Note --where s, COL=VALUES or COL!=VALUES as cbcc-aggregate took it: the
 * selection the inputs were made with, a group column of every group that
 * has not that column (its value VALUES, or !VALUES for all but).
 */
static void
addwhere(const char *s)
{
	const char *eq = strchr(s, '=');
	size_t n;
	int neg;

	if (eq == NULL || eq == s || eq[1] == '\0' ||
	    (eq[-1] == '!' && eq - 1 == s)) {
		cbcc_warnx("bad --where '%s': use COL=VALUE or COL!=VALUE", s);
		opt_usage();
	}
	neg = eq[-1] == '!';
	n = (size_t)(eq - s) - (size_t)neg;
	where.col = xreallocarray(where.col, where.n + 1, sizeof(*where.col));
	where.val = xreallocarray(where.val, where.n + 1, sizeof(*where.val));
	where.col[where.n] = xmemdup0(s, n);
	where.val[where.n] = xmalloc(strlen(eq + 1) + 2);
	strcpy(where.val[where.n], neg ? "!" : "");
	strcat(where.val[where.n++], eq + 1);
}

/* Give key k the --where selections it has no column for. */
static void
keywhere(struct key *k)
{
	size_t i;

	for (i = 0; i < where.n; i++) {
		if (keyget(k, where.col[i]) != NULL)
			continue;
		k->col = xreallocarray(k->col, k->n + 1, sizeof(*k->col));
		k->val = xreallocarray(k->val, k->n + 1, sizeof(*k->val));
		k->col[k->n] = xstrdup(where.col[i]);
		k->val[k->n++] = xstrdup(where.val[i]);
	}
}

enum {
	OPT_RFORMAT = OPT_PRIVATE,
	OPT_DIFF,
	OPT_RECORDS,
	OPT_PRECISION,
	OPT_SHORTFALL,
	OPT_CROSSWALK,
	OPT_TITLE,
	OPT_WHERE
};

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_RFORMAT },
		{ "diff", required_argument, NULL, OPT_DIFF },
		{ "records", required_argument, NULL, OPT_RECORDS },
		{ "precision", required_argument, NULL, OPT_PRECISION },
		{ "shortfall", required_argument, NULL, OPT_SHORTFALL },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "where", required_argument, NULL, OPT_WHERE },
		{ "crosswalk", required_argument, NULL, OPT_CROSSWALK },
		{ "output", required_argument, NULL, 'o' },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_reader *r;
	struct buf tb = { 0 };
	const char *diff = NULL, *records = NULL, *shortfall = NULL, *errstr;
	const char *crosswalk = NULL;
	size_t j;
	int c, i = 0;

	opt_init("cbcc-report", "[--strict] [--crosswalk file] [--diff file] "
	    "[--format fmt] [--precision n]\n[--records file] [--rejects file] "
	    "[--shortfall file] [--title text] [--where col=value]\n"
	    "[-o file] [file ...]");
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
		case OPT_SHORTFALL:
			shortfall = optarg;
			break;
		case OPT_TITLE:
			title = optarg;
			break;
		case OPT_WHERE:
			addwhere(optarg);
			break;
		case OPT_CROSSWALK:
			crosswalk = optarg;
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

	if (out_xmlsafe(&tb, title, strlen(title), OUT_XML_LINE) > 0)
		cbcc_warnx("--title: a character no report can show (a control "
		    "character, line break, U+FFFE, U+FFFF or a byte that is "
		    "not UTF-8) replaced");
	title = tb.p;

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
	if (shortfall != NULL) {
		if ((r = rec_open(shortfall)) == NULL)
			cbcc_err(EXIT_DATA, "%s", shortfall);
		load(r, K_SHORT);
		rec_close(r);
	}
	if (crosswalk != NULL)
		loadcrosswalk(crosswalk);
	for (j = 0; j < ngrp; j++)
		keywhere(&grps[j].k);
	for (j = 0; j < ndgrp; j++)
		keywhere(&dgrps[j].k);
	for (j = 0; j < nrrow; j++)
		keywhere(&rrows[j].k);
	if (fmt == TEXT)
		report_text();
	else if (fmt == MD)
		report_md();
	else if (fmt == HTML)
		report_html();
	else
		report_xlsx();
	title = DEFTITLE;
	buf_free(&tb);
	rej_close();
	return cbcc_exit();
}
