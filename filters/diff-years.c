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
 */
#include <stdarg.h>
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

enum {
	OPT_FROM = OPT_PRIVATE,
	OPT_TO,
	OPT_CONSECUTIVE
};

struct yv {
	int		 year;		/* the year */
	long long	 v;		/* count or total */
	unsigned long	 line;		/* line that gave it */
};

struct yvs {
	struct yv	*a;		/* values by year, in input order */
	size_t		 n;		/* how many */
};

struct key {
	size_t		 gd;		/* its group x dimension number */
	size_t		 dim;		/* its dimension number */
	int		 cls;		/* 0 code, 1 unknown, 2 other, 3 L+ */
	int		 rank;		/* code rank for classes 0 and 3 */
	struct yvs	 counts;	/* count per year */
};

static const char *usage =
    "[-p n] [--from year] [--to year] [--consecutive]\n"
    "[--format fmt] [--rejects file] [--strict] [file ...]";

static char	**gcols;		/* group columns other than year */
static size_t	  ngcols;
static char	**dimnames;		/* dimensions, in order of appearance */
static const struct lvl_dim **dimlvl;	/* their code lists, or NULL */
static size_t	  ndims;
static struct hash *keys;		/* group, dimension, level -> key */
static struct key *kv;
static struct hash *gds;		/* group, dimension -> totals */
static struct yvs *gdv;
static unsigned char *gdwarned;		/* per gd: missing side reported */
static int	 *years;		/* years present, ascending */
static size_t	  nyears;
static int	  prec = 1;		/* --precision */

/* The entry of year y in v, or NULL. */
static struct yv *
yfind(const struct yvs *v, int y)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->a[i].year == y)
			return &v->a[i];
	return NULL;
}

/* Add year y, value x, line to v. */
static void
yadd(struct yvs *v, int y, long long x, unsigned long line)
{
	v->a = xreallocarray(v->a, v->n + 1, sizeof(*v->a));
	v->a[v->n].year = y;
	v->a[v->n].v = x;
	v->a[v->n].line = line;
	v->n++;
}

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

/* The number of dimension name[0..len), added on first sight. */
static size_t
dimnum(const char *name, size_t len)
{
	const struct lvl_dim *d;
	size_t j;

	for (j = 0; j < ndims; j++)
		if (strlen(dimnames[j]) == len &&
		    memcmp(dimnames[j], name, len) == 0)
			return j;
	dimnames = xreallocarray(dimnames, ndims + 1, sizeof(*dimnames));
	dimlvl = xreallocarray(dimlvl, ndims + 1, sizeof(*dimlvl));
	dimnames[ndims] = xmemdup0(name, len);
	d = lvl_find(name, len);
	dimlvl[ndims] = d != NULL && strcmp(d->name, dimnames[ndims]) == 0 ?
	    d : NULL;
	return ndims++;
}

/*
 * The class of level p[0..len) of a dimension with code list d (or none):
 * 0 a code, 1 unknown, 2 any other value, 3 "L or higher"; *rank gets the
 * code's rank for classes 0 and 3.
 */
static int
levelclass(const struct lvl_dim *d, const char *p, size_t len, int *rank)
{
	*rank = 0;
	if (d == NULL)
		return 2;
	if ((*rank = lvl_index(d, p, len)) >= 0)
		return 0;
	if (len == 7 && memcmp(p, "unknown", 7) == 0)
		return 1;
	if (d->ordered && len > 1 && p[len - 1] == '+' &&
	    (*rank = lvl_index(d, p, len - 1)) > 0)
		return 3;
	*rank = 0;
	return 2;
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

/* Read the aggregate from r into the tables. */
static void
readagg(struct rec_reader *r)
{
	struct buf gk = { 0 }, kk = { 0 };
	struct rec rec;
	struct key *k;
	struct yv *yv;
	size_t *gfi = NULL, hnf = 0, i, gi, ki, dj;
	long ci[5];
	long long cnt, tot;
	const char *errstr;
	int inheader = 1, added, y;

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
		buf_reset(&gk);
		for (i = 0; i < ngcols; i++)
			hash_join(&gk, rec.f[gfi[i]].p, rec.f[gfi[i]].len);
		hash_join(&gk, rec.f[ci[1]].p, rec.f[ci[1]].len);
		buf_reset(&kk);
		buf_add(&kk, gk.p, gk.len);
		hash_join(&kk, rec.f[ci[2]].p, rec.f[ci[2]].len);

		/* One total per group, dimension and year. */
		gi = hash_put(gds, gk.p, gk.len, &added);
		if (added) {
			gdv = xreallocarray(gdv, gi + 1, sizeof(*gdv));
			memset(&gdv[gi], 0, sizeof(gdv[gi]));
			gdwarned = xreallocarray(gdwarned, gi + 1, 1);
			gdwarned[gi] = 0;
		}
		if ((yv = yfind(&gdv[gi], y)) != NULL && yv->v != tot) {
			rej_rec(r, &rec, "totals disagree: %lld here, %lld on "
			    "line %lu for this group, dimension and year", tot,
			    yv->v, yv->line);
			continue;
		}
		ki = hash_get(keys, kk.p, kk.len);
		if (ki != HASH_NONE && yfind(&kv[ki].counts, y) != NULL) {
			rej_rec(r, &rec, "duplicate: a second row for this "
			    "group, dimension, level and year");
			continue;
		}
		if (yv == NULL)
			yadd(&gdv[gi], y, tot, rec.line);
		if (ki == HASH_NONE) {
			ki = hash_put(keys, kk.p, kk.len, NULL);
			kv = xreallocarray(kv, ki + 1, sizeof(*kv));
			k = &kv[ki];
			memset(k, 0, sizeof(*k));
			k->gd = gi;
			dj = dimnum(rec.f[ci[1]].p, rec.f[ci[1]].len);
			k->dim = dj;
			k->cls = levelclass(dimlvl[dj], rec.f[ci[2]].p,
			    rec.f[ci[2]].len, &k->rank);
		}
		yadd(&kv[ki].counts, y, cnt, rec.line);
		addyear(y);
	}
	free(gfi);
	buf_free(&gk);
	buf_free(&kk);
}

/*
 * Output order: group values column by column in byte order, then the
 * dimensions in order of appearance, then the levels as cbcc-aggregate
 * writes them (codes, unknown, other values in byte order, L+ rows).
 */
static int
keycmp(const void *a, const void *b)
{
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	const struct key *x = &kv[ia], *y = &kv[ib];
	struct field fa[66], fb[66];
	const char *ka, *kb;
	size_t la, lb, i, m, n = ngcols + 2;
	int c;

	ka = hash_key(keys, ia, &la);
	kb = hash_key(keys, ib, &lb);
	hash_split(ka, la, fa, n);
	hash_split(kb, lb, fb, n);
	for (i = 0; i < ngcols; i++) {
		m = fa[i].len < fb[i].len ? fa[i].len : fb[i].len;
		if ((c = memcmp(fa[i].p, fb[i].p, m)) != 0)
			return c;
		if (fa[i].len != fb[i].len)
			return fa[i].len < fb[i].len ? -1 : 1;
	}
	if (x->dim != y->dim)
		return x->dim < y->dim ? -1 : 1;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	i = ngcols + 1;
	m = fa[i].len < fb[i].len ? fa[i].len : fb[i].len;
	if ((c = memcmp(fa[i].p, fb[i].p, m)) != 0)
		return c;
	return fa[i].len < fb[i].len ? -1 : fa[i].len > fb[i].len;
}

/* The group, dimension and level of key ki as text, for messages. */
static void
keyname(struct buf *b, size_t ki, int withlevel)
{
	struct field f[66];
	const char *k;
	size_t len, n, i;

	k = hash_key(keys, ki, &len);
	n = hash_split(k, len, f, ngcols + 2);
	if (ngcols > 0) {
		buf_adds(b, "group '");
		for (i = 0; i < ngcols; i++) {
			if (i > 0)
				buf_addc(b, ',');
			buf_add(b, f[i].p, f[i].len);
		}
		buf_adds(b, "', ");
	}
	buf_adds(b, "dimension ");
	buf_add(b, f[ngcols].p, f[ngcols].len);
	if (withlevel && n > ngcols + 1) {
		buf_adds(b, ", level ");
		buf_add(b, f[ngcols + 1].p, f[ngcols + 1].len);
	}
}

/*
 * Side y of key k: the count and total in *cp, *tp; returns whether there
 * is one.  A missing unknown or other level counts 0 when its group and
 * dimension have a total that year.
 */
static int
side(const struct key *k, int y, long long *cp, long long *tp, int *gdok)
{
	struct yv *c, *t;

	t = yfind(&gdv[k->gd], y);
	c = yfind(&k->counts, y);
	*gdok = t != NULL;
	if (t == NULL)
		return 0;
	*tp = t->v;
	if (c != NULL) {
		*cp = c->v;
		return 1;
	}
	if (k->cls == 1 || k->cls == 2) {
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

/* Write the rows comparing year yf with year yt, keys in order. */
static void
compare(struct out *o, const size_t *order, size_t n, int yf, int yt)
{
	struct field f[66];
	struct buf b = { 0 }, msg = { 0 };
	const struct key *k;
	const char *kb;
	long long cf = 0, tf = 0, ct = 0, tt = 0;
	size_t i, j, klen;
	int hf, ht, gf, gt;

	if (gdwarned != NULL)
		memset(gdwarned, 0, hash_count(gds));
	for (i = 0; i < n; i++) {
		k = &kv[order[i]];
		if (yfind(&k->counts, yf) == NULL &&
		    yfind(&k->counts, yt) == NULL)
			continue;	/* a level of other years only */
		hf = side(k, yf, &cf, &tf, &gf);
		ht = side(k, yt, &ct, &tt, &gt);
		if (!gf || !gt) {
			if (!gdwarned[k->gd]) {
				buf_reset(&msg);
				keyname(&msg, order[i], 0);
				cbcc_warnx("%s: no rows for %d, left empty",
				    msg.p, !gf ? yf : yt);
			}
			gdwarned[k->gd] = 1;
		} else if (!hf || !ht) {
			buf_reset(&msg);
			keyname(&msg, order[i], 1);
			cbcc_warnx("%s: no row for %d, left empty", msg.p,
			    !hf ? yf : yt);
		}
		kb = hash_key(keys, order[i], &klen);
		hash_split(kb, klen, f, ngcols + 2);
		for (j = 0; j < ngcols + 2; j++)
			out_field(o, f[j].p, f[j].len);
		field(o, &b, 1, yf);
		field(o, &b, 1, yt);
		field(o, &b, hf, cf);
		field(o, &b, ht, ct);
		buf_reset(&b);
		if (hf)
			num_percent(&b, cf, tf, prec);
		out_field(o, b.p != NULL ? b.p : "", b.len);
		buf_reset(&b);
		if (ht)
			num_percent(&b, ct, tt, prec);
		out_field(o, b.p != NULL ? b.p : "", b.len);
		field(o, &b, hf && ht, ct - cf);
		buf_reset(&b);
		if (hf && ht)
			num_pp(&b, ct, tt, cf, tf, prec);
		out_field(o, b.p != NULL ? b.p : "", b.len);
		out_end(o);
	}
	buf_free(&b);
	buf_free(&msg);
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
	size_t *order, n, i;
	int c, ai = 0, from = -1, to = -1, consecutive = 0;

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
	keys = hash_new();
	gds = hash_new();
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

	n = hash_count(keys);
	order = xcalloc(n + 1, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort(order, n, sizeof(*order), keycmp);
	if (nyears > 0) {
		if (from == -1)
			from = years[0];
		if (to == -1)
			to = years[nyears - 1];
		if (!consecutive)
			compare(o, order, n, from, to);
		else
			for (i = 0; i + 1 < nyears; i++)
				if (years[i] >= from && years[i + 1] <= to)
					compare(o, order, n, years[i],
					    years[i + 1]);
	}
	free(order);
	out_close(o);
	rej_close();
	return cbcc_exit();
}
