/*
 * cbcc-diff-years - the change between two years of an aggregate (SPEC
 * section 6): for each group, dimension and level, the counts and shares
 * of both years, the change in count and the change in percentage points.
 *
 * The change in points is the exact difference of the two shares
 * count/total, rounded once (num_pp), not the difference of two rounded
 * percentages.  A level or group missing on one side keeps its row, with
 * empty values on that side and a warning; an unknown or other non-code
 * level missing where its group and dimension are present counts 0 there,
 * since cbcc-aggregate leaves such zero rows out.
 *
 * Memory: the groups (the group columns other than year) are numbered by
 * a hash table, each key kept once; dimensions and levels are numbered in
 * small tables; each year held has a tally (tally.h) with a row of cells
 * per group: for each dimension its total, the line that gave it, and a
 * cell per level.  The years held are those compared when --from and --to
 * name them (with --consecutive, the years between), else every year.
 */
#include <stdarg.h>
#include <stdint.h>
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
#include "tally.h"

enum {
	OPT_FROM = OPT_PRIVATE,
	OPT_TO,
	OPT_CONSECUTIVE
};

/* The cells of a dimension's segment in a year's tally. */
enum {
	C_TOTAL,		/* the total + 1, 0 for no rows */
	C_LINE,			/* the line that gave the total */
	C_LEVEL			/* then for each level its count + 1 */
};

/* Classes of levels, in output order. */
enum {
	L_CODE,			/* a code of the dimension */
	L_UNKNOWN,		/* unknown */
	L_OTHER,		/* any other value */
	L_PLUS			/* "L or higher" */
};

struct lev {
	int		 cls;		/* L_* */
	int		 rank;		/* code rank for L_CODE and L_PLUS */
};

struct dim {
	char		*name;		/* "education" */
	const struct lvl_dim *lvl;	/* its code list, or NULL */
	struct hash	*vals;		/* its levels, numbered as met */
	struct lev	*lv;		/* their classes */
};

struct year {
	int		 year;		/* the year */
	struct tally	*t;		/* its counts, a row per group */
};

static const char *usage =
    "[-p n] [--from year] [--to year] [--consecutive]\n"
    "[--format fmt] [--rejects file] [--strict] [file ...]";

static char	**gcols;		/* group columns other than year */
static size_t	  ngcols;
static struct hash *groups;		/* their values -> group number */
static struct dim *dims;		/* dimensions, in order of appearance */
static size_t	  ndims;
static struct year *held;		/* years whose counts are held */
static size_t	  nheld;
static int	 *years;		/* years present, ascending */
static size_t	  nyears;
static int	  prec = 1;		/* --precision */
static int	  from = -1;		/* --from, or -1 */
static int	  to = -1;		/* --to, or -1 */
static int	  consecutive;		/* --consecutive */

/* Note year y as present, keeping years ascending. */
static void
addyear(int y)
{
	size_t i;

	for (i = 0; i < nyears && years[i] < y; i++)
		;
	if (i < nyears && years[i] == y)
		return;
	years = xreallocarray(years, nyears + 1, sizeof(*years));
	memmove(years + i + 1, years + i, (nyears - i) * sizeof(*years));
	years[i] = y;
	nyears++;
}

/*
 * Whether the counts of year y are to be held: every year unless --from
 * and --to say which are compared.
 */
static int
holds(int y)
{
	if (consecutive)
		return (from == -1 || y >= from) && (to == -1 || y <= to);
	if (from == -1 || to == -1)
		return 1;
	return y == from || y == to;
}

/* The tally of held year y, added if create, else NULL if none. */
static struct tally *
yeartally(int y, int create)
{
	size_t i;

	for (i = 0; i < nheld; i++)
		if (held[i].year == y)
			return held[i].t;
	if (!create)
		return NULL;
	held = xreallocarray(held, nheld + 1, sizeof(*held));
	held[nheld].year = y;
	held[nheld].t = tally_new();
	return held[nheld++].t;
}

/* The number of dimension name[0..len), added on first sight. */
static size_t
dimnum(const char *name, size_t len)
{
	const struct lvl_dim *l;
	struct dim *d;
	size_t j;

	for (j = 0; j < ndims; j++)
		if (strlen(dims[j].name) == len &&
		    memcmp(dims[j].name, name, len) == 0)
			return j;
	dims = xreallocarray(dims, ndims + 1, sizeof(*dims));
	d = &dims[ndims];
	memset(d, 0, sizeof(*d));
	d->name = xmemdup0(name, len);
	l = lvl_find(name, len);
	d->lvl = l != NULL && strcmp(l->name, d->name) == 0 ? l : NULL;
	d->vals = hash_new();
	return ndims++;
}

/*
 * The number of level p[0..len) of dimension d, added on first sight with
 * its class: a code, unknown, "L or higher", or any other value.
 */
static size_t
levelnum(struct dim *d, const char *p, size_t len)
{
	struct lev *l;
	size_t i;
	int added;

	i = hash_put(d->vals, p, len, &added);
	if (!added)
		return i;
	d->lv = xreallocarray(d->lv, i + 1, sizeof(*d->lv));
	l = &d->lv[i];
	l->cls = L_OTHER;
	l->rank = 0;
	if (d->lvl == NULL)
		return i;
	if ((l->rank = lvl_index(d->lvl, p, len)) >= 0)
		l->cls = L_CODE;
	else if (len == 7 && memcmp(p, "unknown", 7) == 0)
		l->cls = L_UNKNOWN;
	else if (d->lvl->ordered && len > 1 && p[len - 1] == '+' &&
	    (l->rank = lvl_index(d->lvl, p, len - 1)) > 0)
		l->cls = L_PLUS;
	if (l->cls == L_OTHER || l->cls == L_UNKNOWN)
		l->rank = 0;
	return i;
}

/*
 * Check the header h[0..n) of an input and find its columns: ci gets the
 * indices of year, dimension, level, count, total; gfi those of the other
 * group columns (the columns before "dimension" but year).  The first
 * input fixes the group columns; a later one must have the same.
 */
static void
header(const char *file, unsigned long line, const struct field *h,
    size_t n, long *ci, size_t *gfi)
{
	static const char *const need[] = { "year", "dimension", "level",
	    "count", "total" };
	static int known;
	size_t i, ng = 0;

	for (i = 0; i < 5; i++)
		ci[i] = rec_col(h, n, need[i]);
	if (ci[1] == -1 && ci[3] != -1)
		cbcc_at_errx(file, line, "no column 'dimension': a --records "
		    "aggregate; cbcc-diff-years compares levels");
	for (i = 0; i < 5; i++)
		if (ci[i] == -1)
			cbcc_at_errx(file, line, "no column '%s': not an "
			    "aggregate by year (cbcc-aggregate -g year,...)",
			    need[i]);
	if (ci[0] > ci[1])
		cbcc_at_errx(file, line, "'year' is not a group column "
		    "(it comes after 'dimension')");
	for (i = 0; i < (size_t)ci[1]; i++) {
		if ((long)i == ci[0])
			continue;
		if (!known) {
			gcols = xreallocarray(gcols, ngcols + 1,
			    sizeof(*gcols));
			gcols[ngcols++] = xmemdup0(h[i].p, h[i].len);
		} else if (ng >= ngcols || h[i].len != strlen(gcols[ng]) ||
		    memcmp(h[i].p, gcols[ng], h[i].len) != 0)
			cbcc_at_errx(file, line, "group columns differ from "
			    "those of the first input");
		gfi[ng++] = i;
	}
	if (ng > 64)
		cbcc_at_errx(file, line, "more than 64 group columns");
	if (known && ng != ngcols)
		cbcc_at_errx(file, line, "group columns differ from those "
		    "of the first input");
	known = 1;
}

/*
 * Read the aggregate from r into the tallies of the years held.  Rows of
 * other years are checked for their form only.
 */
static void
readagg(struct rec_reader *r)
{
	struct buf gk = { 0 };
	struct rec rec;
	struct tally *t;
	size_t *gfi = NULL, hnf = 0, i, g, j, l;
	long ci[5];
	long long cnt, tot;
	uint64_t pt;
	const char *errstr;
	int inheader = 1, y;

	while (rec_next(r, &rec) > 0) {
		if (rec.err != NULL) {
			if (inheader)
				cbcc_at_errx(rec_name(r), rec.line,
				    "header: %s", rec.err);
			rej_rec(r, &rec, "%s", rec.err);
			continue;
		}
		if (inheader) {
			gfi = xcalloc(rec.nf + 1, sizeof(*gfi));
			header(rec_name(r), rec.line, rec.f, rec.nf, ci, gfi);
			hnf = rec.nf;
			inheader = 0;
			continue;
		}
		if (rej_bad(r, &rec, hnf))
			continue;
		y = (int)cbcc_strtonum(rec.f[ci[0]].p, 0, 9999, &errstr);
		if (errstr != NULL) {
			rej_rec(r, &rec, "bad year: '%s'", rec.f[ci[0]].p);
			continue;
		}
		if (num_field(r, &rec, &rec.f[ci[3]], "count", &cnt) ||
		    num_field(r, &rec, &rec.f[ci[4]], "total", &tot))
			continue;
		if (cnt > tot) {
			rej_rec(r, &rec, "count exceeds total: %lld > %lld",
			    cnt, tot);
			continue;
		}
		if (rec.f[ci[1]].len == 0) {
			rej_rec(r, &rec, "empty dimension");
			continue;
		}
		j = dimnum(rec.f[ci[1]].p, rec.f[ci[1]].len);
		if (!holds(y)) {
			addyear(y);
			continue;
		}
		buf_reset(&gk);
		for (i = 0; i < ngcols; i++)
			hash_join(&gk, rec.f[gfi[i]].p, rec.f[gfi[i]].len);
		g = hash_put(groups, gk.p != NULL ? gk.p : "", gk.len, NULL);
		l = levelnum(&dims[j], rec.f[ci[2]].p, rec.f[ci[2]].len);
		t = yeartally(y, 1);

		/* One total per group, dimension and year. */
		pt = tally_get(t, g, j, C_TOTAL);
		if (pt != 0 && pt - 1 != (uint64_t)tot) {
			rej_rec(r, &rec, "totals disagree: %lld here, %llu on "
			    "line %llu for this group, dimension and year",
			    tot, (unsigned long long)(pt - 1),
			    (unsigned long long)tally_get(t, g, j, C_LINE));
			continue;
		}
		if (tally_get(t, g, j, C_LEVEL + l) != 0) {
			rej_rec(r, &rec, "duplicate: a second row for this "
			    "group, dimension, level and year");
			continue;
		}
		if (pt == 0) {
			tally_set(t, g, j, C_TOTAL, (uint64_t)tot + 1);
			tally_set(t, g, j, C_LINE, rec.line);
		}
		tally_set(t, g, j, C_LEVEL + l, (uint64_t)cnt + 1);
		addyear(y);
	}
	free(gfi);
	buf_free(&gk);
}

/* Group order: the values of the group columns, in byte order. */
static int
grpcmp(const void *a, const void *b)
{
	struct field fa[64], fb[64];
	const char *ka, *kb;
	size_t la, lb, i, m;
	int c;

	ka = hash_key(groups, *(const size_t *)a, &la);
	kb = hash_key(groups, *(const size_t *)b, &lb);
	hash_split(ka, la, fa, ngcols);
	hash_split(kb, lb, fb, ngcols);
	for (i = 0; i < ngcols; i++) {
		m = fa[i].len < fb[i].len ? fa[i].len : fb[i].len;
		if ((c = memcmp(fa[i].p, fb[i].p, m)) != 0)
			return c;
		if (fa[i].len != fb[i].len)
			return fa[i].len < fb[i].len ? -1 : 1;
	}
	return 0;
}

static const struct dim *lvcmpdim;	/* lvcmp: the dimension */

/*
 * Level order, as cbcc-aggregate writes them: codes in code order,
 * unknown, other values in byte order, L+ rows in code order.
 */
static int
lvcmp(const void *a, const void *b)
{
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	const struct lev *x = &lvcmpdim->lv[ia], *y = &lvcmpdim->lv[ib];
	const char *ka, *kb;
	size_t la, lb;
	int c;

	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	ka = hash_key(lvcmpdim->vals, ia, &la);
	kb = hash_key(lvcmpdim->vals, ib, &lb);
	if ((c = memcmp(ka, kb, la < lb ? la : lb)) != 0)
		return c;
	return la < lb ? -1 : la > lb;
}

/*
 * Group g and dimension j (none when SIZE_MAX; else its level l unless -1)
 * as text, for messages.
 */
static void
keyname(struct buf *b, size_t g, size_t j, long l)
{
	struct field f[64];
	const char *k;
	size_t len, i;

	if (ngcols > 0) {
		k = hash_key(groups, g, &len);
		hash_split(k, len, f, ngcols);
		buf_adds(b, "group '");
		for (i = 0; i < ngcols; i++) {
			if (i > 0)
				buf_addc(b, ',');
			buf_add(b, f[i].p, f[i].len);
		}
		buf_adds(b, j == SIZE_MAX ? "'" : "', ");
	}
	if (j == SIZE_MAX)
		return;
	buf_adds(b, "dimension ");
	buf_adds(b, dims[j].name);
	if (l >= 0) {
		buf_adds(b, ", level ");
		buf_adds(b, hash_key(dims[j].vals, (size_t)l, NULL));
	}
}

/*
 * One side (a year's tally t) of level l of dimension j of group g: the
 * count and total in *cp, *tp; returns whether there is one.  *gdok says
 * whether the group and dimension have a total.  A missing unknown or
 * other level counts 0 when its group and dimension have a total.
 */
static int
side(const struct tally *t, size_t g, size_t j, size_t l, long long *cp,
    long long *tp, int *gdok)
{
	uint64_t c, tt;
	int cls = dims[j].lv[l].cls;

	tt = tally_get(t, g, j, C_TOTAL);
	c = tally_get(t, g, j, C_LEVEL + l);
	*gdok = tt != 0;
	if (tt == 0)
		return 0;
	*tp = (long long)(tt - 1);
	if (c != 0) {
		*cp = (long long)(c - 1);
		return 1;
	}
	if (cls == L_UNKNOWN || cls == L_OTHER) {
		*cp = 0;
		return 1;
	}
	return 0;
}

/* Append the count of a side, or nothing. */
static void
field(struct out *o, struct buf *b, int have, long long v)
{
	buf_reset(b);
	if (have)
		num_int(b, v);
	out_field(o, b->p != NULL ? b->p : "", b->len);
}

/*
 * Write the rows of level l of dimension j of group g comparing year yf
 * (tally tf) with year yt (tt); *warned says whether the group and
 * dimension were reported missing on a side.
 */
static void
compare1(struct out *o, size_t g, size_t j, size_t l, int yf, int yt,
    const struct tally *tf, const struct tally *tt, int *warned)
{
	static struct buf b, msg;
	struct field f[64];
	const char *kb;
	long long cf = 0, tof = 0, ct = 0, tot = 0;
	size_t i, klen;
	int hf, ht, gf, gt;

	hf = side(tf, g, j, l, &cf, &tof, &gf);
	ht = side(tt, g, j, l, &ct, &tot, &gt);
	buf_reset(&msg);
	if (!gf || !gt) {
		if (!*warned) {
			keyname(&msg, g, j, -1);
			cbcc_warnx("%s: no rows for %d, left empty", msg.p,
			    !gf ? yf : yt);
		}
		*warned = 1;
	} else if (!hf || !ht) {
		keyname(&msg, g, j, (long)l);
		cbcc_warnx("%s: no row for %d, left empty", msg.p,
		    !hf ? yf : yt);
	}
	kb = hash_key(groups, g, &klen);
	hash_split(kb, klen, f, ngcols);
	for (i = 0; i < ngcols; i++)
		out_field(o, f[i].p, f[i].len);
	out_str(o, dims[j].name);
	out_str(o, hash_key(dims[j].vals, l, NULL));
	field(o, &b, 1, yf);
	field(o, &b, 1, yt);
	field(o, &b, hf, cf);
	field(o, &b, ht, ct);
	buf_reset(&b);
	if (hf)
		num_percent(&b, cf, tof, prec);
	out_field(o, b.p != NULL ? b.p : "", b.len);
	buf_reset(&b);
	if (ht)
		num_percent(&b, ct, tot, prec);
	out_field(o, b.p != NULL ? b.p : "", b.len);
	field(o, &b, hf && ht, ct - cf);
	buf_reset(&b);
	if (hf && ht)
		num_pp(&b, ct, tot, cf, tof, prec);
	out_field(o, b.p != NULL ? b.p : "", b.len);
	out_end(o);
}

/* Whether group g has rows in the year of tally t, in any dimension. */
static int
ingroup(const struct tally *t, size_t g)
{
	size_t j;

	for (j = 0; j < ndims; j++)
		if (tally_get(t, g, j, C_TOTAL) != 0)
			return 1;
	return 0;
}

/*
 * Write the rows comparing year yf with year yt: groups in order[0..ng),
 * dimensions in order of appearance, levels in lorder[j] order; a level
 * with no row in either year is left out.
 */
static void
compare(struct out *o, const size_t *order, size_t ng, size_t **lorder,
    int yf, int yt)
{
	const struct tally *tf = yeartally(yf, 1), *tt = yeartally(yt, 1);
	static struct buf msg;
	size_t i, j, k, l, nl;
	int warned, gone, hf, ht;

	for (i = 0; i < ng; i++) {
		/* A group a year has no rows for: one warning, not one a dimension. */
		hf = ingroup(tf, order[i]);
		ht = ingroup(tt, order[i]);
		gone = hf && !ht ? yt : !hf && ht ? yf : 0;
		if (gone != 0) {
			buf_reset(&msg);
			keyname(&msg, order[i], SIZE_MAX, -1);
			cbcc_warnx("%s: no rows for %d, left empty", msg.p,
			    gone);
		}
		for (j = 0; j < ndims; j++) {
			warned = gone != 0;
			nl = hash_count(dims[j].vals);
			for (k = 0; k < nl; k++) {
				l = lorder[j][k];
				if (tally_get(tf, order[i], j, C_LEVEL + l) ==
				    0 && tally_get(tt, order[i], j, C_LEVEL +
				    l) == 0)
					continue;
				compare1(o, order[i], j, l, yf, yt, tf, tt,
				    &warned);
			}
		}
	}
}

/* A year given to --from or --to. */
static int
yeararg(const char *s, const char *what)
{
	const char *errstr;
	int y;

	y = (int)cbcc_strtonum(s, 0, 9999, &errstr);
	if (errstr != NULL) {
		cbcc_warnx("%s '%s' is not a year", what, s);
		opt_usage();
	}
	return y;
}

/* Whether year y is present. */
static int
present(int y)
{
	size_t i;

	for (i = 0; i < nyears; i++)
		if (years[i] == y)
			return 1;
	return 0;
}

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "precision", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "consecutive", no_argument, NULL, OPT_CONSECUTIVE },
		OPT_COMMON,
		{ NULL, 0, NULL, 0 }
	};
	static const char *const cols[] = { "dimension", "level",
	    "year_from", "year_to", "count_from", "count_to", "percent_from",
	    "percent_to", "change_count", "change_pp" };
	struct rec_reader *r;
	struct out *o;
	const char **h;
	const char *errstr;
	size_t *order, **lorder, n, i, j, nl;
	int c, ai = 0;

	opt_init("cbcc-diff-years", usage);
	while ((c = getopt_long(argc, argv, "hp:", longopts, NULL)) != -1)
		switch (c) {
		case 'p':
			prec = (int)cbcc_strtonum(optarg, 0, NUM_MAXPREC,
			    &errstr);
			if (errstr != NULL) {
				cbcc_warnx("precision '%s' is %s (0 to %d)",
				    optarg, errstr, NUM_MAXPREC);
				opt_usage();
			}
			break;
		case OPT_FROM:
			from = yeararg(optarg, "--from");
			break;
		case OPT_TO:
			to = yeararg(optarg, "--to");
			break;
		case OPT_CONSECUTIVE:
			consecutive = 1;
			break;
		default:
			opt_common(c, optarg);
		}
	argc -= optind;
	argv += optind;
	groups = hash_new();
	o = opt_output();
	while ((r = opt_operand(argc, argv, &ai)) != NULL) {
		readagg(r);
		rec_close(r);
	}
	if (from != -1 && !present(from))
		cbcc_errx(EXIT_DATA, "no rows for year %d (--from)", from);
	if (to != -1 && !present(to))
		cbcc_errx(EXIT_DATA, "no rows for year %d (--to)", to);
	if (nyears == 1 && (from == -1 || to == -1))
		cbcc_errx(EXIT_DATA, "only one year (%d) in the input: "
		    "nothing to compare", years[0]);

	h = xcalloc(ngcols + 10, sizeof(*h));
	for (i = 0; i < ngcols; i++)
		h[i] = gcols[i];
	for (i = 0; i < 10; i++)
		h[ngcols + i] = cols[i];
	out_header(o, ngcols + 10, h);
	for (i = ngcols + 2; i < ngcols + 10; i++)
		out_numeric(o, i, 1);
	free(h);

	n = hash_count(groups);
	order = xcalloc(n + 1, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort(order, n, sizeof(*order), grpcmp);
	lorder = xcalloc(ndims + 1, sizeof(*lorder));
	for (j = 0; j < ndims; j++) {
		nl = hash_count(dims[j].vals);
		lorder[j] = xcalloc(nl + 1, sizeof(**lorder));
		for (i = 0; i < nl; i++)
			lorder[j][i] = i;
		lvcmpdim = &dims[j];
		qsort(lorder[j], nl, sizeof(**lorder), lvcmp);
	}
	if (nyears > 0) {
		if (from == -1)
			from = years[0];
		if (to == -1)
			to = years[nyears - 1];
		if (!consecutive)
			compare(o, order, n, lorder, from, to);
		else
			for (i = 0; i + 1 < nyears; i++)
				if (years[i] >= from && years[i + 1] <= to)
					compare(o, order, n, lorder, years[i],
					    years[i + 1]);
	}
	for (j = 0; j < ndims; j++)
		free(lorder[j]);
	free(lorder);
	free(order);
	out_close(o);
	rej_close();
	return cbcc_exit();
}
