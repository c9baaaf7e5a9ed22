/*
 * cbcc-aggregate - counts and shares of levels per group (SPEC section 5):
 * one output row per group, dimension and level with the count, the group
 * total and the exact percentage; or, with --records, the number of records
 * per group, optionally against a plan; or, with --merge, the sum of
 * earlier aggregates.
 *
 * Groups are numbered by a hash table of their values, each key kept once,
 * and counted in a tally (tally.h): one row of cells per group, its record
 * count, then for each dimension a cell per level, indexed by the level's
 * number.  Memory grows with the number of groups and levels, never with
 * the number of records.  Groups are sorted by their values (byte order,
 * column by column) only at the end, so the output does not depend on the
 * order of the input and merging the aggregates of the parts of a file
 * gives, byte for byte, the aggregate of the whole.
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
#include "text.h"

enum {
	OPT_CUMULATIVE = OPT_PRIVATE,
	OPT_MERGE,
	OPT_RECORDS,
	OPT_PLAN
};

/* The cells of segment 0 of a group's row in the tally. */
enum {
	G_COUNT,		/* records counted (selected) */
	G_PLAN			/* --plan: the plan + 1, 0 for none */
};

#define WH_KEEP		100	/* values of a --where column kept */
#define WH_SHOW		20	/* of which a warning names at most */
#define KEYFLAGS	(TEXT_KEY_YI | TEXT_KEY_PUNCT)

struct item {
	char		*s;		/* a value given to --where */
	int		 coded;		/* a code of the column's list */
	int		 seen;		/* a record has it */
};

struct where {
	const char	*arg;		/* the condition as given */
	char		*col;		/* column name */
	int		 neg;		/* COL!=VALUES */
	struct item	*it;		/* the values given */
	size_t		 nit;
	struct field	*v;		/* cell values matched: codes for labels */
	size_t		*vit;		/* the item each one comes from */
	size_t		 nv;
	size_t		 unseen;	/* items no record has had yet */
	struct hash	*vals;		/* values of the column met, WH_KEEP */
	int		 more;		/* more values met than kept */
	size_t		 fi;		/* column index in the current file */
};

/*
 * A cache in front of a hash table (the groups, a dimension's levels): the
 * numbers of the keys met last, a slot a key, chosen by hash_quick's top
 * bits.  A slot is a cache line; longer keys go to the table each time.
 */
struct kslot {
	size_t		 n;		/* the key's number + 1, 0 for none */
	size_t		 len;		/* its length */
	char		 k[48];		/* and bytes */
};
#define LVCBITS		6	/* 1 << LVCBITS slots for a dimension's levels */
#define GCBITS		8	/* and for the groups */

/* The slot of key p[0..len) in cache c of 1 << bits slots. */
static inline struct kslot *
kslot(struct kslot *c, unsigned bits, const char *p, size_t len)
{
	return &c[hash_quick(p, len) >> (64 - bits)];
}

/* The number of key p[0..len) if slot c holds it, else HASH_NONE. */
static inline size_t
kfind(const struct kslot *c, const char *p, size_t len)
{
	return c->n != 0 && c->len == len && bytes_eq(c->k, p, len) ?
	    c->n - 1 : HASH_NONE;
}

/* Remember in slot c that key p[0..len) is number n, if it fits. */
static void
kkeep(struct kslot *c, const char *p, size_t len, size_t n)
{
	if (len <= sizeof(c->k)) {
		c->n = n + 1;
		c->len = len;
		memcpy(c->k, p, len);
	}
}

struct dim {
	struct kslot	 lvc[1 << LVCBITS]; /* the levels met last */
	char		*col;		/* column counted: "education_level" */
	char		*name;		/* dimension: "education" */
	const struct lvl_dim *lvl;	/* its code list, or NULL */
	struct hash	*vals;		/* levels; codes and unknown first */
	int		 warnempty;	/* an empty cell is reported */
	int		 emptywarned;	/* and was */
	int		 cumulative;	/* L+ rows wanted */
	size_t		 fi;		/* column index in the current file */
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
static struct tally *tl;		/* group number -> its cells */
static size_t	  hd;			/* cells before a dimension's levels */
static struct kslot gcache[1 << GCBITS]; /* the groups met last */
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

/* The code list of column col, when col is the column lvl.h counts. */
static const struct lvl_dim *
collvl(const char *col)
{
	const struct lvl_dim *d = lvl_find(col, strlen(col));

	return d != NULL && strcmp(d->column, col) == 0 ? d : NULL;
}

/* Whether the folding keys of a and b are equal. */
static int
samekey(const char *a, const char *b)
{
	struct buf ka = { 0 }, kb = { 0 };
	int eq;

	text_key(&ka, a, strlen(a), KEYFLAGS);
	text_key(&kb, b, strlen(b), KEYFLAGS);
	eq = ka.len == kb.len && (ka.len == 0 ||
	    memcmp(ka.p, kb.p, ka.len) == 0);
	buf_free(&ka);
	buf_free(&kb);
	return eq;
}

/*
 * The level of dimension d that the --where value s names: a code; or a
 * label or code compared through the folding key, so that case, diacritics
 * and punctuation do not matter ("Nữ" is nu, "đại học" dai_hoc); d->n for
 * unknown ("không rõ").  -1 for none.  A value naming two levels is a usage
 * error.
 */
static int
lookup(const struct lvl_dim *d, const char *s)
{
	const char *unk = lvl_label(d, "unknown", 7);
	size_t i;
	int k = -1;

	if ((k = lvl_index(d, s, strlen(s))) >= 0)
		return k;
	if (strcmp(s, "unknown") == 0)
		return (int)d->n;
	if (*s == '\0')
		return -1;
	for (i = 0; i <= d->n; i++) {
		if (i < d->n ? !samekey(s, d->labels[i]) &&
		    !samekey(s, d->codes[i]) : !samekey(s, unk) &&
		    !samekey(s, "unknown"))
			continue;
		if (k >= 0) {
			cbcc_warnx("--where %s: '%s' names both %s and %s",
			    d->column, s, d->codes[k], i < d->n ?
			    d->codes[i] : "unknown");
			opt_usage();
		}
		k = (int)i;
	}
	return k;
}

/* Match cells of w equal to p[0..len) as item it. */
static void
addvalue(struct where *w, const char *p, size_t len, size_t it)
{
	w->v = xreallocarray(w->v, w->nv + 1, sizeof(*w->v));
	w->vit = xreallocarray(w->vit, w->nv + 1, sizeof(*w->vit));
	w->v[w->nv].p = xmemdup0(p, len);
	w->v[w->nv].len = len;
	w->vit[w->nv++] = it;
}

/*
 * Add item s[0..len) (a backslash keeps the next character) to w: the
 * value itself, and for a column with a code list the code it names, and
 * for unknown the empty cell too (counted as unknown).
 */
static void
additem(struct where *w, const struct lvl_dim *d, const char *s, size_t len)
{
	struct item *it;
	size_t i, n = 0, first;
	char *v = xmalloc(len + 1);
	int k;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		v[n++] = s[i];
	}
	v[n] = '\0';
	w->it = xreallocarray(w->it, w->nit + 1, sizeof(*w->it));
	it = &w->it[w->nit];
	memset(it, 0, sizeof(*it));
	it->s = v;
	k = d != NULL ? lookup(d, v) : -1;
	first = w->nv;
	if (k >= 0 && (size_t)k < d->n)
		addvalue(w, d->codes[k], strlen(d->codes[k]), w->nit);
	else if (k >= 0) {
		addvalue(w, "unknown", 7, w->nit);
		addvalue(w, "", 0, w->nit);
	}
	for (i = first; i < w->nv && (w->v[i].len != n ||
	    memcmp(w->v[i].p, v, n) != 0); i++)
		;
	if (i == w->nv)
		addvalue(w, v, n, w->nit);
	it->coded = k >= 0;
	w->nit++;
	w->unseen++;
}

/*
 * Add the --where condition s: COL=VALUES or COL!=VALUES, VALUES a comma
 * list (a backslash before a comma keeps it in the value).
 */
static void
addwhere(const char *s)
{
	const char *eq = strchr(s, '='), *p, *c;
	const struct lvl_dim *d;
	struct where *w;
	size_t clen;

	if (eq == NULL || eq == s || (eq == s + 1 && s[0] == '!')) {
		cbcc_warnx("bad --where '%s': use COL=VALUE or COL!=VALUE", s);
		opt_usage();
	}
	wh = xreallocarray(wh, nwh + 1, sizeof(*wh));
	w = &wh[nwh++];
	memset(w, 0, sizeof(*w));
	w->arg = s;
	clen = (size_t)(eq - s);
	w->neg = eq[-1] == '!';
	if (w->neg)
		clen--;
	w->col = xmemdup0(s, clen);
	w->vals = hash_new();
	d = collvl(w->col);
	for (p = eq + 1;; p = c + 1) {
		for (c = p; *c != '\0' && *c != ','; c++)
			if (*c == '\\' && c[1] != '\0')
				c++;
		additem(w, d, p, (size_t)(c - p));
		if (*c == '\0')
			break;
	}
}

/*
 * Note for the warnings of wherewarn that column cell f of w holds a
 * value: the first WH_KEEP values met are kept.
 */
static void
note(struct where *w, const struct field *f)
{
	if (hash_count(w->vals) < WH_KEEP)
		hash_put(w->vals, f->p, f->len, NULL);
	else if (!w->more && hash_get(w->vals, f->p, f->len) == HASH_NONE)
		w->more = 1;
}

/*
 * Whether record f passes every --where condition.  Every condition is
 * looked at, so that each knows which of its values occur in the input.
 */
static int
selected(const struct field *f)
{
	struct where *w;
	const struct field *c;
	size_t i, k;
	int ok = 1, hit;

	for (i = 0; i < nwh; i++) {
		w = &wh[i];
		c = &f[w->fi];
		hit = 0;
		for (k = 0; k < w->nv; k++)
			if (c->len == w->v[k].len &&
			    memcmp(c->p, w->v[k].p, c->len) == 0) {
				hit = 1;
				if (!w->it[w->vit[k]].seen) {
					w->it[w->vit[k]].seen = 1;
					w->unseen--;
				}
				if (w->unseen == 0)
					break;
			}
		if (w->unseen > 0)
			note(w, c);
		if (hit == w->neg)
			ok = 0;
	}
	return ok;
}

static const struct hash *strcmpvals;	/* keycmp: the keys compared */

/* Order of keys of strcmpvals by number: byte order. */
static int
keycmp(const void *a, const void *b)
{
	const char *ka, *kb;
	size_t la, lb;
	int c;

	ka = hash_key(strcmpvals, *(const size_t *)a, &la);
	kb = hash_key(strcmpvals, *(const size_t *)b, &lb);
	if ((c = memcmp(ka, kb, la < lb ? la : lb)) != 0)
		return c;
	return la < lb ? -1 : la > lb;
}

/*
 * Once the input is read: warn of each --where value that no record has
 * and that is no code of the column's list (so selects nothing, or with
 * != everything), naming the values the column has.
 */
static void
wherewarn(void)
{
	struct buf b = { 0 }, hint = { 0 };
	struct where *w;
	const char *k;
	size_t i, j, n, *idx, klen;

	for (i = 0; i < nwh; i++) {
		w = &wh[i];
		n = hash_count(w->vals);
		idx = xcalloc(n + 1, sizeof(*idx));
		for (j = 0; j < n; j++)
			idx[j] = j;
		strcmpvals = w->vals;
		qsort(idx, n, sizeof(*idx), keycmp);
		for (j = 0; j < w->nit; j++) {
			if (w->it[j].seen || w->it[j].coded)
				continue;
			buf_reset(&b);
			buf_reset(&hint);
			for (n = 0; n < hash_count(w->vals); n++) {
				k = hash_key(w->vals, idx[n], &klen);
				if (n < WH_SHOW)
					buf_printf(&b, "%s'%s'", n > 0 ?
					    ", " : "", k);
				if (hint.len == 0 && samekey(k, w->it[j].s))
					buf_printf(&hint, " (perhaps '%s')",
					    k);
			}
			if (n == 0)
				buf_adds(&b, "there are no records");
			else if (n > WH_SHOW || w->more)
				buf_printf(&b, ", ... (%s%zu values)",
				    w->more ? "more than " : "", n);
			cbcc_warnx("--where %s: no record has '%s'%s; %s%s%s",
			    w->arg, w->it[j].s, hint.p != NULL ? hint.p : "",
			    n > 0 ? w->col : "", n > 0 ? " has " : "", b.p);
		}
		free(idx);
	}
	buf_free(&b);
	buf_free(&hint);
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
		if (len > 6 && strcmp(col + len - 6, "_level") == 0) {
			len -= 6;
			d->warnempty = 1;
		}
		d->name = xmemdup0(col, len);
		d->lvl = collvl(col);
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
		tally_reserve(tl, ndims, hd + d->lvl->n + 1);
	} else
		tally_reserve(tl, ndims, hd + 1);
	d->cumulative = cumulative && d->lvl != NULL && d->lvl->ordered;
	return d;
}

/*
 * The group number of key b (made by hash_join), added if new.  The groups
 * met last are kept in a small cache in front of the table: a roster comes
 * sorted by unit, or holds few groups, so that most records find theirs
 * there, with a quick hash and a compare.
 */
static size_t
group(const struct buf *b)
{
	const char *p = b->p != NULL ? b->p : "";
	struct kslot *c = kslot(gcache, GCBITS, p, b->len);
	size_t g;

	if ((g = kfind(c, p, b->len)) != HASH_NONE)
		return g;
	g = hash_put(groups, p, b->len, NULL);
	kkeep(c, p, b->len, g);
	return g;
}

/*
 * level's way when the value is not in d's cache (slot c): the level
 * number from d's hash table, the value added if new and remembered in c.
 * Out of line, so that level is the few instructions of a hit.
 */
static size_t __attribute__((noinline))
levelmiss(struct dim *d, struct kslot *c, const char *p, size_t len,
    const char *file, unsigned long line, int quiet)
{
	size_t lv;
	int added;

	if (d->lvl != NULL && len == 0) {
		if (d->warnempty && !d->emptywarned && !quiet)
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
	if (len > 0)
		kkeep(c, p, len, lv);
	return lv;
}

/*
 * The level number of value p[0..len) in dimension d, adding it if new;
 * looked up in d's cache first, then in its hash table.
 * In a dimension with a code list, an empty cell counts as unknown (in a
 * *_level column it is reported once, at file:line, unless quiet) and any
 * other value that is not a code is counted as a level of its own,
 * reported once unless quiet.  An empty value is never in the cache.
 */
static inline size_t
level(struct dim *d, const char *p, size_t len, const char *file,
    unsigned long line, int quiet)
{
	struct kslot *c = kslot(d->lvc, LVCBITS, p, len);
	size_t lv;

	if (len > 0 && (lv = kfind(c, p, len)) != HASH_NONE)
		return lv;
	return levelmiss(d, c, p, len, file, line, quiet);
}

/* Whether dimension column name[0..len) is counted already. */
static int
counted(const char *name, size_t len)
{
	size_t j;

	for (j = 0; j < ndims; j++)
		if (strlen(dims[j].col) == len &&
		    memcmp(dims[j].col, name, len) == 0)
			return 1;
	return 0;
}

/*
 * Look the columns this run needs up in the header h[0..n) of file:
 * group, counted and --where columns.  The first file fixes the counted
 * columns when -c was not given: the columns of the dimensions of lvl.h
 * present, in its order, then every other column named *_level.  A
 * missing column is a fatal error.
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
		} else {
			for (i = 0; i < lvl_ndims; i++)
				if (rec_col(h, n, lvl_dims[i].column) != -1)
					adddim(lvl_dims[i].column, NULL);
			for (i = 0; i < n; i++)
				if (h[i].len > 6 && strcmp(h[i].p + h[i].len -
				    6, "_level") == 0 &&
				    !counted(h[i].p, h[i].len))
					adddim(h[i].p, NULL);
		}
		if (ndims == 0)
			cbcc_at_errx(file, line, "no column to count (no "
			    "*_level column, none of gender, age_band...); "
			    "name the columns with -c");
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
	size_t hnf = 0, i, g, lv;
	int inheader = 1;
	const char *name = rec_name(r);

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
		g = group(&key);
		if (!selected(rec.f))
			continue;
		tally_add(tl, g, 0, G_COUNT, 1);
		for (i = 0; i < ndims; i++) {
			lv = level(&dims[i], rec.f[dims[i].fi].p,
			    rec.f[dims[i].fi].len, name, rec.line, 0);
			tally_add(tl, g, 1 + i, lv, 1);
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
 * fixes them; a later file must have the same.  *rollup says whether -g
 * keeps fewer of them (or others in another order), so that several
 * groups of the input make one of the output.
 */
static void
mergeheader(const char *file, unsigned long line, const struct field *h,
    size_t n, long *ci, size_t *ning, size_t *gfi, int *rollup)
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
	*rollup = ngcols != ng;
	for (i = 0; i < ngcols; i++) {
		if ((k = rec_col(h, ng, gcols[i])) == -1)
			cbcc_at_errx(file, line, "no group column '%s' in "
			    "the aggregate", gcols[i]);
		gfi[i] = (size_t)k;
		if (gfi[i] != i)
			*rollup = 1;
	}
	*ning = ng;
}

/*
 * Sum the aggregate read from r into the groups.  Within one input the
 * rows of one group and dimension must give one total; a row that does
 * not, or whose count is not a whole number from 0 to the total, is
 * rejected.  The totals of this input are checked in a tally of their
 * own, a row per group of the input: the output's groups when -g keeps
 * every group column, else the input's, numbered by a hash table.
 */
static void
readmerge(struct rec_reader *r)
{
	static size_t *gfi;
	struct buf key = { 0 }, ik = { 0 };
	struct tally *chk = tally_new();
	struct hash *seen = NULL;
	struct rec rec;
	size_t hnf = 0, i, j, lv, ng = 0, g, cg;
	long ci[4] = { -1, -1, -1, -1 };
	long long cnt, tot = 0;
	uint64_t prev;
	int inheader = 1, rollup = 0;

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
			    &ng, gfi, &rollup);
			if (rollup)
				seen = hash_new();
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
			tally_add(tl, group(&key), 0, G_COUNT,
			    (uint64_t)cnt);
			continue;
		}
		if (num_field(r, &rec, &rec.f[ci[3]], "total", &tot))
			continue;
		if (rec.f[ci[0]].len == 0) {
			rej_rec(r, &rec, "empty dimension");
			continue;
		}
		/* One total per input group and dimension. */
		j = dimnum(rec.f[ci[0]].p, rec.f[ci[0]].len);
		g = group(&key);
		cg = g;
		if (rollup) {
			buf_reset(&ik);
			for (i = 0; i < ng; i++)
				hash_join(&ik, rec.f[i].p, rec.f[i].len);
			cg = hash_put(seen, ik.p != NULL ? ik.p : "", ik.len,
			    NULL);
		}
		if ((prev = tally_get(chk, cg, j, 0)) == 0) {
			tally_set(chk, cg, j, 0, (uint64_t)tot + 1);
			tally_set(chk, cg, j, 1, rec.line);
			tally_add(tl, g, 1 + j, 0, (uint64_t)tot);
		} else if (prev - 1 != (uint64_t)tot) {
			rej_rec(r, &rec, "totals disagree: %lld here, %llu on "
			    "line %llu for this group and dimension", tot,
			    (unsigned long long)(prev - 1),
			    (unsigned long long)tally_get(chk, cg, j, 1));
			continue;
		}
		if (num_field(r, &rec, &rec.f[ci[2]], "count", &cnt))
			continue;
		if (cnt > tot) {
			rej_rec(r, &rec, "count exceeds total: %lld > %lld",
			    cnt, tot);
			continue;
		}
		if (isplus(&dims[j], rec.f[ci[1]].p, rec.f[ci[1]].len)) {
			/* Recomputed from the plain levels. */
			dims[j].cumulative = 1;
			continue;
		}
		lv = level(&dims[j], rec.f[ci[1]].p, rec.f[ci[1]].len,
		    rec_name(r), rec.line, 1);
		tally_add(tl, g, 1 + j, hd + lv, (uint64_t)cnt);
	}
	tally_free(chk);
	hash_free(seen);
	buf_free(&key);
	buf_free(&ik);
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
	size_t *gfi = xcalloc(ngcols + 1, sizeof(*gfi)), i, hnf = 0, g;
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
		g = group(&key);
		if (tally_get(tl, g, 0, G_PLAN) != 0) {
			rej_rec(r, &rec, "duplicate: a second plan for this "
			    "group");
			continue;
		}
		tally_set(tl, g, 0, G_PLAN, (uint64_t)v + 1);
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

/* Cell i of segment seg of group g, as the number it is. */
static long long
cellv(size_t g, size_t seg, size_t i)
{
	uint64_t v = tally_get(tl, g, seg, i);

	if (v > (uint64_t)NUM_MAX * 1000)
		cbcc_errx(EXIT_DATA, "a count past %lld", NUM_MAX * 1000);
	return (long long)v;
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

/*
 * Write the rows of dimension j of group g (fields gf): every code, then
 * unknown when not zero, then the other levels met in this group in byte
 * order (strays[0..ns), sorted once for all groups), then the L+ rows.
 */
static void
writedim(struct out *o, const struct field *gf, size_t g, size_t j,
    const size_t *strays, size_t ns)
{
	struct dim *d = &dims[j];
	struct buf lb = { 0 };
	size_t i, k, s = 1 + j;
	long long sum, tot, c;
	const char *key;
	size_t klen;

	tot = merge ? cellv(g, s, 0) : cellv(g, 0, G_COUNT);
	if (d->lvl != NULL) {
		for (i = 0; i < d->lvl->n; i++)
			row(o, gf, d->name, d->lvl->codes[i],
			    strlen(d->lvl->codes[i]), cellv(g, s, hd + i),
			    tot);
		if ((c = cellv(g, s, hd + d->lvl->n)) > 0)
			row(o, gf, d->name, "unknown", 7, c, tot);
	}
	for (i = 0; i < ns; i++)
		if ((c = cellv(g, s, hd + strays[i])) > 0) {
			key = hash_key(d->vals, strays[i], &klen);
			row(o, gf, d->name, key, klen, c, tot);
		}
	if (d->cumulative && d->lvl != NULL && d->lvl->ordered)
		for (i = 1; i < d->lvl->n; i++) {
			for (sum = 0, k = i; k < d->lvl->n; k++)
				sum += cellv(g, s, hd + k);
			buf_reset(&lb);
			buf_adds(&lb, d->lvl->codes[i]);
			buf_addc(&lb, '+');
			row(o, gf, d->name, lb.p, lb.len, sum, tot);
		}
	buf_free(&lb);
}

/* Write the --records row of group g (fields gf). */
static void
writerecords(struct out *o, const struct field *gf, size_t g)
{
	struct buf b = { 0 };
	long long cnt = cellv(g, 0, G_COUNT), plan = cellv(g, 0, G_PLAN);
	size_t j;

	if (planfile != NULL && plan == 0) {
		groupname(&b, g);
		cbcc_warnx("no plan for group '%s'", b.p);
	}
	for (j = 0; j < ngcols; j++)
		out_field(o, gf[j].p, gf[j].len);
	buf_reset(&b);
	num_int(&b, cnt);
	out_field(o, b.p, b.len);
	if (planfile != NULL) {
		buf_reset(&b);
		if (plan > 0)
			num_int(&b, plan - 1);
		out_field(o, b.p != NULL ? b.p : "", b.len);
		buf_reset(&b);
		if (plan > 0)
			num_percent(&b, cnt, plan - 1, prec);
		out_field(o, b.p != NULL ? b.p : "", b.len);
	}
	out_end(o);
	buf_free(&b);
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
	size_t n = hash_count(groups), *order, i, j, nh, nextra, first, nv;
	size_t **strays, *ns;
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
	strays = xcalloc(ndims + 1, sizeof(*strays));
	ns = xcalloc(ndims + 1, sizeof(*ns));
	for (j = 0; j < ndims; j++) {
		first = dims[j].lvl != NULL ? dims[j].lvl->n + 1 : 0;
		nv = hash_count(dims[j].vals);
		strays[j] = xcalloc(nv + 1, sizeof(**strays));
		for (i = first; i < nv; i++)
			strays[j][ns[j]++] = i;
		strcmpvals = dims[j].vals;
		qsort(strays[j], ns[j], sizeof(**strays), keycmp);
	}
	order = xcalloc(n + 1, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort(order, n, sizeof(*order), grpcmp);
	for (i = 0; i < n; i++) {
		k = hash_key(groups, order[i], &klen);
		hash_split(k, klen, gf, 64);
		if (records)
			writerecords(o, gf, order[i]);
		else
			for (j = 0; j < ndims; j++)
				writedim(o, gf, order[i], j, strays[j], ns[j]);
	}
	for (j = 0; j < ndims; j++)
		free(strays[j]);
	free(strays);
	free(ns);
	free(order);
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
	tl = tally_new();
	tally_reserve(tl, 0, 2);
	hd = merge ? 1 : 0;
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
	wherewarn();
	writeall(o);
	out_close(o);
	rej_close();
	return cbcc_exit();
}
