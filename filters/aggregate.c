/*
 * cbcc-aggregate - counts and shares of levels per group (SPEC section 5):
 * one output row per group, dimension and level with the count, the group
 * total and the exact percentage; or, with --records, the number of records
 * per group, optionally against a plan; or, with --merge, the sum of
 * earlier aggregates.
 *
 * Groups are kept in a hash table keyed by their values, so memory grows
 * with the number of groups and distinct levels, never with the number of
 * records; they are sorted by their values (byte order, column by column)
 * only at the end, so the output does not depend on the order of the input
 * and merging the aggregates of the parts of a file gives, byte for byte,
 * the aggregate of the whole.
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
	OPT_CUMULATIVE = OPT_PRIVATE,
	OPT_MERGE,
	OPT_RECORDS,
	OPT_PLAN
};

struct where {
	const char	*col;		/* column name */
	const char	*val;		/* value it must (not) have */
	size_t		 vlen;		/* its length */
	int		 neg;		/* COL!=VALUE */
	size_t		 fi;		/* column index in the current file */
};

struct dim {
	char		*col;		/* column counted: "education_level" */
	char		*name;		/* dimension: "education" */
	const struct lvl_dim *lvl;	/* its code list, or NULL */
	struct hash	*vals;		/* levels; codes and unknown first */
	unsigned char	*warned;	/* per level: stray value reported */
	size_t		 nwarned;	/* room in warned */
	int		 emptywarned;	/* empty cell reported */
	int		 cumulative;	/* L+ rows wanted */
	size_t		 fi;		/* column index in the current file */
};

struct gd {
	long long	 total;		/* records of the group */
	long long	*c;		/* count per level number of the dim */
	size_t		 n;		/* levels in c */
};

struct grp {
	struct gd	*gd;		/* per dimension */
	size_t		 ngd;		/* dimensions in gd */
	long long	 count;		/* --records: records counted */
	long long	 plan;		/* --plan: the plan */
	int		 hasplan;	/* a plan row was given */
};

struct check {
	long long	 total;		/* --merge: total of group x dim */
	unsigned long	 line;		/* line that gave it */
};

static const char *usage =
    "[-g cols] [-c cols] [-p n] [--cumulative] [--where col=value]\n"
    "[--records [--plan file]] [--merge] [--format fmt]\n"
    "[--rejects file] [--strict] [file ...]";

static char	**gcols;		/* group columns */
static size_t	  ngcols;
static int	  gset;			/* -g given */
static char	**ccols;		/* -c columns, or NULL */
static size_t	  nccols;
static struct where *wh;		/* --where conditions */
static size_t	  nwh;
static struct dim *dims;		/* dimensions counted */
static size_t	  ndims;
static struct hash *groups;		/* group key -> group number */
static struct grp *grps;		/* the groups */
static size_t	  grpcap;
static int	  prec = 1;		/* --precision */
static int	  cumulative;		/* --cumulative */
static int	  merge;		/* --merge */
static int	  records;		/* --records */
static const char *planfile;		/* --plan */
static char	**incols;		/* --merge: group columns of the first */
static size_t	  nin;
static int	  known;		/* --merge: a header was read */
static int	  wasrecords;		/* it was a --records aggregate */

/* Free the list v[0..n). */
static void
freelist(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Split the comma list s into *vp, *np, freeing the list they held; the
 * empty string is the empty list.  An empty item is a usage error.
 */
static void
splitlist(const char *s, const char *what, char ***vp, size_t *np)
{
	const char *p = s, *c;

	freelist(*vp, *np);
	*vp = NULL;
	*np = 0;
	if (*s == '\0')
		return;
	for (;;) {
		c = strchr(p, ',');
		if ((c != NULL ? (size_t)(c - p) : strlen(p)) == 0) {
			cbcc_warnx("empty column name in %s '%s'", what, s);
			opt_usage();
		}
		*vp = xreallocarray(*vp, *np + 1, sizeof(**vp));
		(*vp)[(*np)++] = c != NULL ? xmemdup0(p, (size_t)(c - p)) :
		    xstrdup(p);
		if (c == NULL)
			break;
		p = c + 1;
	}
}

/* Add the --where condition s: COL=VALUE or COL!=VALUE. */
static void
addwhere(const char *s)
{
	const char *eq = strchr(s, '=');
	struct where *w;
	size_t clen;

	if (eq == NULL || eq == s || (eq == s + 1 && s[0] == '!')) {
		cbcc_warnx("bad --where '%s': use COL=VALUE or COL!=VALUE", s);
		opt_usage();
	}
	wh = xreallocarray(wh, nwh + 1, sizeof(*wh));
	w = &wh[nwh++];
	clen = (size_t)(eq - s);
	w->neg = eq[-1] == '!';
	if (w->neg)
		clen--;
	w->col = xmemdup0(s, clen);
	w->val = eq + 1;
	w->vlen = strlen(eq + 1);
}

/*
 * Add dimension number ndims for column col (aggregate) or for the
 * dimension named name (merge), with its code list when lvl.h has one:
 * the codes get level numbers 0..n-1 and unknown n.
 */
static struct dim *
adddim(const char *col, const char *name)
{
	struct dim *d;
	size_t i, len;

	dims = xreallocarray(dims, ndims + 1, sizeof(*dims));
	d = &dims[ndims++];
	memset(d, 0, sizeof(*d));
	if (col != NULL) {
		d->col = xstrdup(col);
		len = strlen(col);
		if (len > 6 && strcmp(col + len - 6, "_level") == 0)
			len -= 6;
		d->name = xmemdup0(col, len);
		d->lvl = lvl_find(col, strlen(col));
		if (d->lvl != NULL && strcmp(d->lvl->column, col) != 0)
			d->lvl = NULL;
	} else {
		d->name = xstrdup(name);
		d->lvl = lvl_find(name, strlen(name));
		if (d->lvl != NULL && strcmp(d->lvl->name, name) != 0)
			d->lvl = NULL;
	}
	d->vals = hash_new();
	if (d->lvl != NULL) {
		for (i = 0; i < d->lvl->n; i++)
			hash_put(d->vals, d->lvl->codes[i],
			    strlen(d->lvl->codes[i]), NULL);
		hash_put(d->vals, "unknown", 7, NULL);
	}
	d->cumulative = cumulative && d->lvl != NULL && d->lvl->ordered;
	return d;
}

/* The group whose key is k[0..len), added (with no counts) if new. */
static struct grp *
getgroup(const char *k, size_t len)
{
	size_t i;
	int added;

	i = hash_put(groups, k, len, &added);
	if (added) {
		if (i >= grpcap) {
			grpcap = grpcap == 0 ? 256 : grpcap * 2;
			grps = xreallocarray(grps, grpcap, sizeof(*grps));
		}
		memset(&grps[i], 0, sizeof(grps[i]));
	}
	return &grps[i];
}

/* The counts of dimension j in group g, grown to hold level number lv. */
static struct gd *
getgd(struct grp *g, size_t j, size_t lv)
{
	struct gd *gd;
	size_t n;

	if (j >= g->ngd) {
		n = ndims > j + 1 ? ndims : j + 1;
		g->gd = xreallocarray(g->gd, n, sizeof(*g->gd));
		memset(g->gd + g->ngd, 0, (n - g->ngd) * sizeof(*g->gd));
		g->ngd = n;
	}
	gd = &g->gd[j];
	if (lv != HASH_NONE && lv >= gd->n) {
		n = hash_count(dims[j].vals);
		if (n <= lv)
			n = lv + 1;
		gd->c = xreallocarray(gd->c, n, sizeof(*gd->c));
		memset(gd->c + gd->n, 0, (n - gd->n) * sizeof(*gd->c));
		gd->n = n;
	}
	return gd;
}

/*
 * The level number of value p[0..len) in dimension d, adding it if new.
 * In a dimension with a code list, an empty cell counts as unknown and any
 * other value that is not a code is counted as a level of its own; both
 * are reported once (at file:line) unless quiet.
 */
static size_t
level(struct dim *d, const char *p, size_t len, const char *file,
    unsigned long line, int quiet)
{
	size_t lv;
	int added;

	if (d->lvl != NULL && len == 0) {
		if (!d->emptywarned && !quiet)
			cbcc_at_warnx(file, line, "empty %s counted as "
			    "unknown", d->col);
		d->emptywarned = 1;
		return d->lvl->n;
	}
	lv = hash_put(d->vals, p, len, &added);
	if (added && d->lvl != NULL && !quiet)
		cbcc_at_warnx(file, line, "'%s' is not a code of %s; counted "
		    "as a level of its own", hash_key(d->vals, lv, NULL),
		    d->col);
	return lv;
}

/*
 * Whether record f passes every --where condition.
 */
static int
selected(const struct field *f)
{
	size_t i;
	int eq;

	for (i = 0; i < nwh; i++) {
		eq = f[wh[i].fi].len == wh[i].vlen &&
		    memcmp(f[wh[i].fi].p, wh[i].val, wh[i].vlen) == 0;
		if (eq == wh[i].neg)
			return 0;
	}
	return 1;
}

/*
 * Look the columns this run needs up in the header h[0..n) of file:
 * group, counted and --where columns.  The first file fixes the counted
 * columns when -c was not given: every column named *_level.  A missing
 * column is a fatal error.
 */
static void
header(const char *file, unsigned long line, const struct field *h,
    size_t n, size_t *gfi, int first)
{
	size_t i;
	long k;

	for (i = 0; i < ngcols; i++) {
		if ((k = rec_col(h, n, gcols[i])) == -1)
			cbcc_at_errx(file, line, "no column '%s' to group by",
			    gcols[i]);
		gfi[i] = (size_t)k;
	}
	if (first && !records) {
		if (ccols != NULL) {
			for (i = 0; i < nccols; i++)
				adddim(ccols[i], NULL);
		} else
			for (i = 0; i < n; i++)
				if (h[i].len > 6 && strcmp(h[i].p + h[i].len -
				    6, "_level") == 0)
					adddim(h[i].p, NULL);
		if (ndims == 0)
			cbcc_at_errx(file, line, "no *_level column to "
			    "count; name the columns with -c");
	}
	for (i = 0; i < ndims; i++) {
		if ((k = rec_col(h, n, dims[i].col)) == -1)
			cbcc_at_errx(file, line, "no column '%s' to count",
			    dims[i].col);
		dims[i].fi = (size_t)k;
	}
	for (i = 0; i < nwh; i++) {
		if ((k = rec_col(h, n, wh[i].col)) == -1)
			cbcc_at_errx(file, line, "no column '%s' for --where",
			    wh[i].col);
		wh[i].fi = (size_t)k;
	}
}

/*
 * Count the records of reader r; first says whether it is the first
 * header.  Returns whether r had a header.
 */
static int
readrecords(struct rec_reader *r, int first)
{
	static size_t *gfi;
	struct buf key = { 0 };
	struct rec rec;
	struct grp *g;
	struct gd *gd;
	size_t hnf = 0, i, lv;
	int inheader = 1;

	gfi = xreallocarray(gfi, ngcols + 1, sizeof(*gfi));
	while (rec_next(r, &rec) > 0) {
		if (rec.err != NULL) {
			if (inheader)
				cbcc_at_errx(rec_name(r), rec.line,
				    "header: %s", rec.err);
			rej_rec(r, &rec, "%s", rec.err);
			continue;
		}
		if (inheader) {
			header(rec_name(r), rec.line, rec.f, rec.nf, gfi,
			    first);
			hnf = rec.nf;
			inheader = 0;
			continue;
		}
		if (rej_bad(r, &rec, hnf))
			continue;
		buf_reset(&key);
		for (i = 0; i < ngcols; i++)
			hash_join(&key, rec.f[gfi[i]].p, rec.f[gfi[i]].len);
		g = getgroup(key.p != NULL ? key.p : "", key.len);
		if (!selected(rec.f)) {
			for (i = 0; i < ndims; i++)
				getgd(g, i, HASH_NONE);
			continue;
		}
		g->count++;
		for (i = 0; i < ndims; i++) {
			lv = level(&dims[i], rec.f[dims[i].fi].p,
			    rec.f[dims[i].fi].len, rec_name(r), rec.line, 0);
			gd = getgd(g, i, lv);
			gd->total++;
			gd->c[lv]++;
		}
	}
	buf_free(&key);
	return !inheader;
}

/* The number of dimension name[0..len), added on first sight (--merge). */
static size_t
dimnum(const char *name, size_t len)
{
	size_t j;
	char *s;

	for (j = 0; j < ndims; j++)
		if (strlen(dims[j].name) == len &&
		    memcmp(dims[j].name, name, len) == 0)
			return j;
	s = xmemdup0(name, len);
	adddim(NULL, s);
	free(s);
	return ndims - 1;
}

/*
 * Whether level p[0..len) of d is an "L or higher" row: a code above the
 * lowest of an ordered dimension followed by '+'.
 */
static int
isplus(const struct dim *d, const char *p, size_t len)
{
	return d->lvl != NULL && d->lvl->ordered && len > 1 &&
	    p[len - 1] == '+' && lvl_index(d->lvl, p, len - 1) > 0;
}

/*
 * The columns of an aggregate: the group columns are those before
 * "dimension" (levels) or before "count" (--records).  The first file
 * fixes them; a later file must have the same.
 */
static void
mergeheader(const char *file, unsigned long line, const struct field *h,
    size_t n, long *ci, size_t *ning, size_t *gfi)
{
	long dimc = rec_col(h, n, "dimension"), k;
	size_t i, ng;

	ci[0] = dimc;
	ci[1] = rec_col(h, n, "level");
	ci[2] = rec_col(h, n, "count");
	ci[3] = rec_col(h, n, "total");
	if (ci[2] == -1)
		cbcc_at_errx(file, line, "no column 'count': not an "
		    "aggregate");
	if (dimc != -1 && (ci[1] == -1 || ci[3] == -1))
		cbcc_at_errx(file, line, "no column '%s': not an aggregate",
		    ci[1] == -1 ? "level" : "total");
	if (known && (dimc == -1) != wasrecords)
		cbcc_at_errx(file, line, "a %s aggregate among %s aggregates",
		    dimc == -1 ? "--records" : "levels",
		    wasrecords ? "--records" : "levels");
	if (!known && (dimc == -1) != records)
		cbcc_at_errx(file, line, "a %s aggregate: %s--records",
		    dimc == -1 ? "--records" : "levels",
		    dimc == -1 ? "use " : "drop ");
	ng = (size_t)(dimc != -1 ? dimc : ci[2]);
	if (ng > 60)
		cbcc_at_errx(file, line, "more than 60 group columns");
	if (!known) {
		known = 1;
		wasrecords = dimc == -1;
		nin = ng;
		incols = xcalloc(ng + 1, sizeof(*incols));
		for (i = 0; i < ng; i++)
			incols[i] = xmemdup0(h[i].p, h[i].len);
		if (!gset) {
			freelist(gcols, ngcols);
			ngcols = ng;
			gcols = xcalloc(ng + 1, sizeof(*gcols));
			for (i = 0; i < ng; i++)
				gcols[i] = xstrdup(incols[i]);
		}
	} else {
		for (i = 0; i < ng && i < nin; i++)
			if (h[i].len != strlen(incols[i]) ||
			    memcmp(h[i].p, incols[i], h[i].len) != 0)
				break;
		if (ng != nin || i != ng)
			cbcc_at_errx(file, line, "group columns differ from "
			    "those of the first input");
	}
	for (i = 0; i < ngcols; i++) {
		if ((k = rec_col(h, ng, gcols[i])) == -1)
			cbcc_at_errx(file, line, "no group column '%s' in "
			    "the aggregate", gcols[i]);
		gfi[i] = (size_t)k;
	}
	*ning = ng;
}

/*
 * Sum the aggregate read from r into the groups.  Within one input the
 * rows of one group and dimension must give one total; a row that does
 * not, or whose count is not a whole number from 0 to the total, is
 * rejected.
 */
static void
readmerge(struct rec_reader *r)
{
	static size_t *gfi;
	struct buf key = { 0 }, ck = { 0 };
	struct hash *seen = hash_new();
	struct check *chk = NULL;
	struct rec rec;
	struct grp *g;
	struct gd *gd;
	size_t hnf = 0, i, j, lv, ng = 0, nchk = 0, ci2;
	long ci[4] = { -1, -1, -1, -1 };
	long long cnt, tot = 0;
	int inheader = 1;

	gfi = xreallocarray(gfi, ngcols + 64, sizeof(*gfi));
	while (rec_next(r, &rec) > 0) {
		if (rec.err != NULL) {
			if (inheader)
				cbcc_at_errx(rec_name(r), rec.line,
				    "header: %s", rec.err);
			rej_rec(r, &rec, "%s", rec.err);
			continue;
		}
		if (inheader) {
			gfi = xreallocarray(gfi, rec.nf + ngcols + 1,
			    sizeof(*gfi));
			mergeheader(rec_name(r), rec.line, rec.f, rec.nf, ci,
			    &ng, gfi);
			hnf = rec.nf;
			inheader = 0;
			continue;
		}
		if (rej_bad(r, &rec, hnf))
			continue;
		buf_reset(&key);
		for (i = 0; i < ngcols; i++)
			hash_join(&key, rec.f[gfi[i]].p, rec.f[gfi[i]].len);
		if (ci[0] == -1) {
			if (num_field(r, &rec, &rec.f[ci[2]], "count", &cnt))
				continue;
			g = getgroup(key.p != NULL ? key.p : "", key.len);
			g->count += cnt;
			continue;
		}
		if (num_field(r, &rec, &rec.f[ci[3]], "total", &tot))
			continue;
		if (rec.f[ci[0]].len == 0) {
			rej_rec(r, &rec, "empty dimension");
			continue;
		}
		/* One total per input group and dimension. */
		buf_reset(&ck);
		for (i = 0; i <= ng; i++)
			hash_join(&ck, rec.f[i < ng ? i : (size_t)ci[0]].p,
			    rec.f[i < ng ? i : (size_t)ci[0]].len);
		ci2 = hash_put(seen, ck.p, ck.len, NULL);
		if (ci2 == nchk) {
			chk = xreallocarray(chk, ++nchk, sizeof(*chk));
			chk[ci2].total = tot;
			chk[ci2].line = rec.line;
			j = dimnum(rec.f[ci[0]].p, rec.f[ci[0]].len);
			g = getgroup(key.p != NULL ? key.p : "", key.len);
			getgd(g, j, HASH_NONE)->total += tot;
		} else if (chk[ci2].total != tot) {
			rej_rec(r, &rec, "totals disagree: %lld here, %lld on "
			    "line %lu for this group and dimension", tot,
			    chk[ci2].total, chk[ci2].line);
			continue;
		}
		if (num_field(r, &rec, &rec.f[ci[2]], "count", &cnt))
			continue;
		if (cnt > tot) {
			rej_rec(r, &rec, "count exceeds total: %lld > %lld",
			    cnt, tot);
			continue;
		}
		j = dimnum(rec.f[ci[0]].p, rec.f[ci[0]].len);
		g = getgroup(key.p != NULL ? key.p : "", key.len);
		if (isplus(&dims[j], rec.f[ci[1]].p, rec.f[ci[1]].len)) {
			/* Recomputed from the plain levels. */
			dims[j].cumulative = 1;
			continue;
		}
		lv = level(&dims[j], rec.f[ci[1]].p, rec.f[ci[1]].len,
		    rec_name(r), rec.line, 1);
		gd = getgd(g, j, lv);
		gd->c[lv] += cnt;
	}
	free(chk);
	hash_free(seen);
	buf_free(&key);
	buf_free(&ck);
}

/* The group columns of a group as a comma list, for messages. */
static void
groupname(struct buf *b, size_t gi)
{
	struct field f[64];
	const char *k;
	size_t len, n, i;

	k = hash_key(groups, gi, &len);
	n = hash_split(k, len, f, 64);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_add(b, f[i].p, f[i].len);
	}
}

/*
 * Read the plan file: the group columns and "plan".  A plan row for a group
 * with no records adds the group with count 0; a bad or repeated row is
 * rejected.
 */
static void
readplan(const char *path)
{
	struct rec_reader *r;
	struct buf key = { 0 };
	struct rec rec;
	struct grp *g;
	size_t *gfi = xcalloc(ngcols + 1, sizeof(*gfi)), i, hnf = 0;
	long k, pc = -1;
	long long v;

	if ((r = rec_open(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	while (rec_next(r, &rec) > 0) {
		if (rec.err != NULL) {
			if (pc == -1)
				cbcc_at_errx(path, rec.line, "header: %s",
				    rec.err);
			rej_rec(r, &rec, "%s", rec.err);
			continue;
		}
		if (pc == -1) {
			for (i = 0; i < ngcols; i++) {
				if ((k = rec_col(rec.f, rec.nf, gcols[i])) ==
				    -1)
					cbcc_at_errx(path, rec.line, "no "
					    "group column '%s' in the plan",
					    gcols[i]);
				gfi[i] = (size_t)k;
			}
			if ((pc = rec_col(rec.f, rec.nf, "plan")) == -1)
				cbcc_at_errx(path, rec.line, "no column "
				    "'plan'");
			hnf = rec.nf;
			continue;
		}
		if (rej_bad(r, &rec, hnf))
			continue;
		if (num_field(r, &rec, &rec.f[pc], "plan", &v))
			continue;
		buf_reset(&key);
		for (i = 0; i < ngcols; i++)
			hash_join(&key, rec.f[gfi[i]].p, rec.f[gfi[i]].len);
		g = getgroup(key.p != NULL ? key.p : "", key.len);
		if (g->hasplan) {
			rej_rec(r, &rec, "duplicate: a second plan for this "
			    "group");
			continue;
		}
		g->hasplan = 1;
		g->plan = v;
	}
	if (pc == -1)
		cbcc_errx(EXIT_DATA, "%s: no header", path);
	rec_close(r);
	buf_free(&key);
	free(gfi);
}

/* Group order: the group values, column by column, in byte order. */
static int
grpcmp(const void *a, const void *b)
{
	struct field fa[64], fb[64];
	const char *ka, *kb;
	size_t la, lb, na, nb, i, m;
	int c;

	ka = hash_key(groups, *(const size_t *)a, &la);
	kb = hash_key(groups, *(const size_t *)b, &lb);
	na = hash_split(ka, la, fa, 64);
	nb = hash_split(kb, lb, fb, 64);
	for (i = 0; i < na && i < nb; i++) {
		m = fa[i].len < fb[i].len ? fa[i].len : fb[i].len;
		if ((c = memcmp(fa[i].p, fb[i].p, m)) != 0)
			return c;
		if (fa[i].len != fb[i].len)
			return fa[i].len < fb[i].len ? -1 : 1;
	}
	return na < nb ? -1 : na > nb;
}

static const struct hash *lvcmpvals;	/* lvcmp: levels of the dimension */

/* Level order of strays and free values: byte order. */
static int
lvcmp(const void *a, const void *b)
{
	const char *ka, *kb;
	size_t la, lb;
	int c;

	ka = hash_key(lvcmpvals, *(const size_t *)a, &la);
	kb = hash_key(lvcmpvals, *(const size_t *)b, &lb);
	if ((c = memcmp(ka, kb, la < lb ? la : lb)) != 0)
		return c;
	return la < lb ? -1 : la > lb;
}

/* Write one row: the group fields gf, then the rest. */
static void
row(struct out *o, const struct field *gf, const char *dim,
    const char *lvl, size_t lvlen, long long cnt, long long tot)
{
	static struct buf b;
	size_t i;

	for (i = 0; i < ngcols; i++)
		out_field(o, gf[i].p, gf[i].len);
	out_str(o, dim);
	out_field(o, lvl, lvlen);
	buf_reset(&b);
	num_int(&b, cnt);
	out_field(o, b.p, b.len);
	buf_reset(&b);
	num_int(&b, tot);
	out_field(o, b.p, b.len);
	buf_reset(&b);
	num_percent(&b, cnt, tot, prec);
	out_field(o, b.p != NULL ? b.p : "", b.len);
	out_end(o);
}

/* Write the rows of dimension j of the group with fields gf. */
static void
writedim(struct out *o, const struct field *gf, struct grp *g, size_t j)
{
	struct dim *d = &dims[j];
	struct gd *gd = getgd(g, j, HASH_NONE);
	struct buf lb = { 0 };
	size_t nv = hash_count(d->vals), first, i, ns = 0, *idx;
	long long sum;
	const char *k;
	size_t klen;

	getgd(g, j, nv - 1 + (nv == 0));
	idx = xcalloc(nv + 1, sizeof(*idx));
	first = 0;
	if (d->lvl != NULL) {
		for (i = 0; i < d->lvl->n; i++)
			row(o, gf, d->name, d->lvl->codes[i],
			    strlen(d->lvl->codes[i]), gd->c[i], gd->total);
		if (gd->c[d->lvl->n] > 0)
			row(o, gf, d->name, "unknown", 7, gd->c[d->lvl->n],
			    gd->total);
		first = d->lvl->n + 1;
	}
	for (i = first; i < nv; i++)
		if (gd->c[i] > 0)
			idx[ns++] = i;
	lvcmpvals = d->vals;
	qsort(idx, ns, sizeof(*idx), lvcmp);
	for (i = 0; i < ns; i++) {
		k = hash_key(d->vals, idx[i], &klen);
		row(o, gf, d->name, k, klen, gd->c[idx[i]], gd->total);
	}
	if (d->cumulative && d->lvl != NULL && d->lvl->ordered)
		for (i = 1; i < d->lvl->n; i++) {
			for (sum = 0, first = i; first < d->lvl->n; first++)
				sum += gd->c[first];
			buf_reset(&lb);
			buf_adds(&lb, d->lvl->codes[i]);
			buf_addc(&lb, '+');
			row(o, gf, d->name, lb.p, lb.len, sum, gd->total);
		}
	buf_free(&lb);
	free(idx);
}

/* Write every group, sorted, in the output form asked. */
static void
writeall(struct out *o)
{
	static const char *const lcols[] = { "dimension", "level", "count",
	    "total", "percent" };
	static const char *const rcols[] = { "count", "plan",
	    "percent_of_plan" };
	const char **h;
	struct field gf[64];
	struct buf b = { 0 };
	size_t n = hash_count(groups), *order, i, j, nh, nextra;
	const char *k;
	size_t klen;

	nextra = !records ? 5 : planfile != NULL ? 3 : 1;
	nh = ngcols + nextra;
	h = xcalloc(nh, sizeof(*h));
	for (i = 0; i < ngcols; i++)
		h[i] = gcols[i];
	for (i = 0; i < nextra; i++)
		h[ngcols + i] = records ? rcols[i] : lcols[i];
	out_header(o, nh, h);
	for (i = ngcols + (records ? 0 : 2); i < nh; i++)
		out_numeric(o, i, 1);
	free(h);
	order = xcalloc(n + 1, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort(order, n, sizeof(*order), grpcmp);
	for (i = 0; i < n; i++) {
		struct grp *g = &grps[order[i]];

		k = hash_key(groups, order[i], &klen);
		hash_split(k, klen, gf, 64);
		if (!records) {
			for (j = 0; j < ndims; j++)
				writedim(o, gf, g, j);
			continue;
		}
		if (planfile != NULL && !g->hasplan) {
			buf_reset(&b);
			groupname(&b, order[i]);
			cbcc_warnx("no plan for group '%s'", b.p);
		}
		for (j = 0; j < ngcols; j++)
			out_field(o, gf[j].p, gf[j].len);
		buf_reset(&b);
		num_int(&b, g->count);
		out_field(o, b.p, b.len);
		if (planfile != NULL) {
			buf_reset(&b);
			if (g->hasplan)
				num_int(&b, g->plan);
			out_field(o, b.p != NULL ? b.p : "", b.len);
			buf_reset(&b);
			if (g->hasplan)
				num_percent(&b, g->count, g->plan, prec);
			out_field(o, b.p != NULL ? b.p : "", b.len);
		}
		out_end(o);
	}
	free(order);
	buf_free(&b);
}

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "group-by", required_argument, NULL, 'g' },
		{ "count", required_argument, NULL, 'c' },
		{ "precision", required_argument, NULL, 'p' },
		{ "where", required_argument, NULL, 'w' },
		{ "cumulative", no_argument, NULL, OPT_CUMULATIVE },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "records", no_argument, NULL, OPT_RECORDS },
		{ "plan", required_argument, NULL, OPT_PLAN },
		OPT_COMMON,
		{ NULL, 0, NULL, 0 }
	};
	struct rec_reader *r;
	struct out *o;
	const char *errstr;
	int c, i = 0, first = 1;

	opt_init("cbcc-aggregate", usage);
	splitlist("year", "-g", &gcols, &ngcols);
	while ((c = getopt_long(argc, argv, "c:g:hp:w:", longopts, NULL)) !=
	    -1)
		switch (c) {
		case 'c':
			splitlist(optarg, "-c", &ccols, &nccols);
			if (nccols == 0) {
				cbcc_warnx("-c needs at least one column");
				opt_usage();
			}
			break;
		case 'g':
			splitlist(optarg, "-g", &gcols, &ngcols);
			if (ngcols > 60) {
				cbcc_warnx("too many group columns");
				opt_usage();
			}
			gset = 1;
			break;
		case 'p':
			prec = (int)cbcc_strtonum(optarg, 0, NUM_MAXPREC,
			    &errstr);
			if (errstr != NULL) {
				cbcc_warnx("precision '%s' is %s (0 to %d)",
				    optarg, errstr, NUM_MAXPREC);
				opt_usage();
			}
			break;
		case 'w':
			addwhere(optarg);
			break;
		case OPT_CUMULATIVE:
			cumulative = 1;
			break;
		case OPT_MERGE:
			merge = 1;
			break;
		case OPT_RECORDS:
			records = 1;
			break;
		case OPT_PLAN:
			planfile = optarg;
			break;
		default:
			opt_common(c, optarg);
		}
	argc -= optind;
	argv += optind;
	if (planfile != NULL && !records) {
		cbcc_warnx("--plan goes with --records");
		opt_usage();
	}
	if (merge && (nwh > 0 || ccols != NULL)) {
		cbcc_warnx("--where and -c apply to records, not to --merge");
		opt_usage();
	}
	if (records && (ccols != NULL || cumulative)) {
		cbcc_warnx("-c and --cumulative count levels, not --records");
		opt_usage();
	}
	groups = hash_new();
	o = opt_output();
	while ((r = opt_operand(argc, argv, &i)) != NULL) {
		if (merge)
			readmerge(r);
		else if (readrecords(r, first))
			first = 0;
		rec_close(r);
	}
	if (planfile != NULL)
		readplan(planfile);
	writeall(o);
	out_close(o);
	rej_close();
	return cbcc_exit();
}
