/*
 * cbcc-classify-education - free-text qualifications to the level codes of
 * SPEC section 4: appends <column>_level for education, political_theory,
 * state_mgmt, it_skill, foreign_language and general_education, and the
 * derived columns ethnic_minority and age_band, by rule tables under
 * filters/rules.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "cls.h"
#include "date.h"
#include "lvl.h"
#include "memo.h"
#include "opt.h"
#include "out.h"
#include "rec.h"
#include "rej.h"
#include "text.h"

#include "cls-rules.h"

#define MAXOUT	16	/* output dimensions, more than lvl_ndims */
#define NRECENT	256	/* cells of a column remembered (memo.c) */
#define RECENTSZ 48	/* the longest cell remembered */

enum {
	OPT_RULES = OPT_PRIVATE,
	OPT_UNMATCHED,
	OPT_RULE_STATS
};

enum { D_LEVEL, D_AGE, D_MINORITY };	/* how a column is found */

/* One column this filter writes. */
struct dst {
	const struct lvl_dim *d;	/* its dimension */
	int		 how;		/* D_* */
	size_t		 src;		/* input column: the text, ethnicity, year */
	size_t		 src2;		/* birth_year for age_band */
	size_t		 col;		/* output column */
	struct field	 val;		/* value for the current record */
	struct memo	*recent;	/* cells seen: their codes */
};

static struct cls *cls;		/* the rules */
static struct dst dst[MAXOUT];	/* the columns written */
static size_t ndst;		/* how many */
static struct seg {
	size_t		 from;		/* first output column */
	size_t		 n;		/* columns */
	int		 d;		/* its dst, or -1: input columns */
} *segs;			/* the output row, in runs */
static size_t nseg;		/* how many */
static int want[MAXOUT];	/* -d: dimensions asked for, by lvl index */
static int dflag;		/* -d given */
static int tallying;		/* --unmatched given */
static int counting;		/* --rule-stats given */
static int codedelim;		/* out_plain's delimiter for the codes */

/* Parse the -d list: dimension or column names, comma-separated. */
static void
dimensions(const char *arg)
{
	const struct lvl_dim *d;
	const char *p = arg;
	size_t n;

	dflag = 1;
	for (;;) {
		n = strcspn(p, ",");
		if ((d = lvl_find(p, n)) == NULL) {
			cbcc_warnx("-d: unknown dimension '%.*s' (%s, "
			    "ethnic_minority, age_band)", (int)n, p,
			    cls_dimnames(", "));
			opt_usage();
		}
		want[d - lvl_dims] = 1;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
}

/*
 * Lay out the columns for the header h[0..nf) of file: the input columns,
 * then the dimensions that are not there yet.  Returns the output width;
 * a dimension asked for with -d whose input is missing is fatal.
 */
static size_t
layout(const char *file, const struct field *h, size_t nf)
{
	const struct lvl_dim *d;
	struct dst *t;
	size_t i, k, width = nf;
	long a, b, have;
	int *colmap;

	ndst = 0;
	for (i = 0; i < lvl_ndims && i < MAXOUT; i++) {
		d = &lvl_dims[i];
		if (dflag && !want[i])
			continue;
		b = 0;
		if (cls_dim(d))
			a = rec_col(h, nf, d->name);
		else if (strcmp(d->name, "ethnic_minority") == 0)
			a = rec_col(h, nf, "ethnicity");
		else if (strcmp(d->name, "age_band") == 0) {
			a = rec_col(h, nf, "year");
			b = rec_col(h, nf, "birth_year");
		} else
			continue;
		if (a < 0 || b < 0) {
			if (dflag)
				cbcc_at_errx(file, 1, "no column '%s' for %s",
				    a < 0 ? (strcmp(d->name, "ethnic_minority") ==
				    0 ? "ethnicity" : strcmp(d->name, "age_band")
				    == 0 ? "year" : d->name) : "birth_year",
				    d->name);
			continue;
		}
		t = &dst[ndst++];
		t->d = d;
		t->how = strcmp(d->name, "age_band") == 0 ? D_AGE :
		    strcmp(d->name, "ethnic_minority") == 0 ? D_MINORITY :
		    D_LEVEL;
		t->src = (size_t)a;
		t->src2 = (size_t)b;
		have = rec_col(h, nf, d->column);
		t->col = have >= 0 ? (size_t)have : width++;
		/* A dimension's few dozen spellings, and the peoples'
		 * names, repeat on every row: their codes are remembered. */
		memo_free(t->recent);
		t->recent = memo_new(NRECENT, RECENTSZ);
	}
	colmap = xcalloc(width, sizeof(*colmap));
	for (i = 0; i < width; i++)
		colmap[i] = -1;
	for (i = 0; i < ndst; i++)
		colmap[dst[i].col] = (int)i;
	/* Runs of input columns, and each written column alone. */
	segs = xreallocarray(segs, width, sizeof(*segs));
	for (i = 0, nseg = 0; i < width; i += segs[nseg++].n) {
		segs[nseg].from = i;
		segs[nseg].d = colmap[i];
		for (k = i + 1; colmap[i] < 0 && k < width && colmap[k] < 0;
		    k++)
			;
		segs[nseg].n = colmap[i] < 0 ? k - i : 1;
	}
	free(colmap);
	codedelim = opt.format == FMT_TSV ? '\t' : ',';
	for (i = 0; i < ndst; i++)
		for (k = 0; k < dst[i].d->n; k++)
			if (strpbrk(dst[i].d->codes[k], ",\t\"\r\n") != NULL)
				codedelim = 0;	/* not plain: out_field */
	return width;
}

/* Write the header h[0..nf) and the names of the appended columns. */
static void
header(struct out *o, const struct field *h, size_t nf, size_t width)
{
	const char **names = xcalloc(width, sizeof(*names));
	size_t i;

	for (i = 0; i < nf; i++)
		names[i] = h[i].p;
	for (i = 0; i < ndst; i++)
		names[dst[i].col] = dst[i].d->column;
	out_header(o, width, names);
	free(names);
}

/* The age band at 31 December of year y of someone born in b, or "". */
static const char *
ageband(const struct lvl_dim *d, int y, int b)
{
	int age = y - b;

	if (y < 0 || b < 0 || age < 0 || age > 120)
		return "";
	return d->codes[age <= 30 ? 0 : age <= 40 ? 1 : age <= 50 ? 2 :
	    age <= 60 ? 3 : 4];
}

/* "0" for Kinh (Kinh, Việt, Kinh (Việt)), "" for empty, else "1". */
static const char *
minority(const struct field *f)
{
	static struct buf k;
	const char *code;

	buf_reset(&k);
	text_key(&k, f->p, f->len, TEXT_KEY_PUNCT);
	if (k.len == 0)
		code = "";
	else if (strcmp(k.p, "kinh") == 0 || strcmp(k.p, "viet") == 0 ||
	    strcmp(k.p, "kinh viet") == 0)
		code = "0";
	else
		code = "1";
	return code;
}

/* Whether p[0..len) holds anything but white space. */
static int
blank(const char *p, size_t len)
{
	static struct buf k;

	buf_reset(&k);
	text_key(&k, p, len, 0);
	return k.len == 0;
}

/* Set t's value to the code s. */
static void
setval(struct dst *t, const char *s)
{
	t->val.p = s;
	t->val.len = strlen(s);
}

/*
 * Whether t's recent cells hold cell p[0..len): t's value is then its
 * code.
 */
static int
recent(struct dst *t, const char *p, size_t len)
{
	const char *v;
	size_t vlen;

	if ((v = memo_get(t->recent, p, len, &vlen)) == NULL)
		return 0;
	t->val.p = v;
	t->val.len = vlen;
	return 1;
}

/*
 * Set t's value to the code of its level of cell p[0..len), as cls_match
 * says, by way of t's recent cells but when each cell is to be counted
 * (--rule-stats) or its level told (--unmatched).
 */
static void
setlevel(struct dst *t, const char *p, size_t len)
{
	int lvl, cache = !counting && !tallying;

	if (cache && recent(t, p, len))
		return;
	lvl = cls_match(cls, t->d, p, len);
	setval(t, lvl >= 0 ? t->d->codes[lvl] : "unknown");
	if (lvl < 0 && tallying && !blank(p, len))
		cls_tally(cls, t->d, p, len);
	if (cache)
		memo_put(t->recent, p, len, t->val.p, t->val.len);
}

/* The values of the written columns for the record f. */
static void
classify(const struct field *f)
{
	const struct field *x;
	struct dst *t;
	size_t i;

	for (i = 0; i < ndst; i++) {
		t = &dst[i];
		x = &f[t->src];
		if (t->how == D_AGE)
			setval(t, ageband(t->d, date_year(x->p, x->len),
			    date_year(f[t->src2].p, f[t->src2].len)));
		else if (t->how == D_MINORITY) {
			if (!recent(t, x->p, x->len)) {
				setval(t, minority(x));
				memo_put(t->recent, x->p, x->len, t->val.p,
				    t->val.len);
			}
		}
		else
			setlevel(t, x->p, x->len);
	}
}

/*
 * Write the record f with the values of the written columns; plain is
 * rec_plain of the record: each run of columns written unchanged goes out
 * in one piece.
 */
static void
row(struct out *o, const struct field *f, int plain)
{
	size_t i;

	for (i = 0; i < nseg; i++)
		if (segs[i].d < 0)
			out_plain(o, f + segs[i].from, segs[i].n, plain);
		else
			out_plain(o, &dst[segs[i].d].val, 1, codedelim);
	out_end(o);
}

/* Whether the header f[0..nf) is the same as h[0..nh). */
static int
sameheader(const struct field *f, size_t nf, char **h, size_t nh)
{
	size_t i;

	if (nf != nh)
		return 0;
	for (i = 0; i < nf; i++)
		if (strcmp(f[i].p, h[i]) != 0)
			return 0;
	return 1;
}

/* Read the rules file path into the rule set. */
static void
loadrules(const char *path)
{
	struct buf b = { 0 };
	char chunk[8192];
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "r")) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(fp))
		cbcc_err(EXIT_DATA, "%s", path);
	fclose(fp);
	cls_load(cls, path, b.p, b.len);
	buf_free(&b);
}

/* Open a side table (--unmatched, --rule-stats) for writing, or NULL. */
static FILE *
sideopen(const char *path)
{
	FILE *fp;

	if (path == NULL)
		return NULL;
	if ((fp = cbcc_create(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	return fp;
}

/* Write a side table to fp, named path, with fn, and close it. */
static void
sidetable(FILE *fp, const char *path,
    void (*fn)(const struct cls *, struct out *))
{
	struct out *o;

	if (fp == NULL)
		return;
	o = out_open(fp, path, FMT_CSV);
	fn(cls, o);
	out_close(o);
	cbcc_close(fp, path);
}

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "dimensions", required_argument, NULL, 'd' },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "unmatched", required_argument, NULL, OPT_UNMATCHED },
		{ "rule-stats", required_argument, NULL, OPT_RULE_STATS },
		OPT_COMMON,
		{ NULL, 0, NULL, 0 }
	};
	const char *rules = NULL, *unmatched = NULL, *stats = NULL;
	struct rec_reader *r;
	struct out *o;
	struct rec rec;
	FILE *ufp, *sfp;
	char **h = NULL;
	size_t i, nh = 0, width = 0;
	int c, op = 0, first;

	opt_init("cbcc-classify-education", "[-d dims] [--rules file] "
	    "[--unmatched file] [--rule-stats file]\n"
	    "[--format csv|tsv|jsonl] [--rejects file] [--strict] [--excel] "
	    "[file ...]");
	argv[0] = (char *)cbcc_progname;	/* getopt's messages name it too */
	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1)
		switch (c) {
		case 'd':
			dimensions(optarg);
			break;
		case OPT_RULES:
			rules = optarg;
			break;
		case OPT_UNMATCHED:
			unmatched = optarg;
			break;
		case OPT_RULE_STATS:
			stats = optarg;
			break;
		default:
			opt_common(c, optarg);
		}
	argc -= optind;
	argv += optind;

	cls = cls_new();
	if (rules != NULL)
		loadrules(rules);
	else
		for (i = 0; i < sizeof(cls_builtin) / sizeof(cls_builtin[0]);
		    i++)
			cls_load(cls, cls_builtin[i].file, cls_builtin[i].text,
			    strlen(cls_builtin[i].text));
	counting = stats != NULL;
	cls_count(cls, counting);
	tallying = unmatched != NULL;
	ufp = sideopen(unmatched);
	sfp = sideopen(stats);

	o = opt_output();
	while ((r = opt_operand(argc, argv, &op)) != NULL) {
		first = 1;
		while (rec_next(r, &rec) > 0) {
			if (rec.err != NULL) {
				rej_rec(r, &rec, "%s", rec.err);
				continue;
			}
			if (first && h == NULL) {
				/* The first header sets the columns. */
				width = layout(rec_name(r), rec.f, rec.nf);
				header(o, rec.f, rec.nf, width);
				nh = rec.nf;
				h = xcalloc(nh, sizeof(*h));
				for (i = 0; i < nh; i++)
					h[i] = xstrdup(rec.f[i].p);
				first = 0;
				continue;
			}
			if (first) {
				first = 0;
				if (sameheader(rec.f, rec.nf, h, nh))
					continue;
				cbcc_at_warnx(rec_name(r), rec.line, "header "
				    "differs from the first file's; file "
				    "skipped");
				cbcc_status = EXIT_DATA;
				break;
			}
			if (rej_bad(r, &rec, nh))
				continue;
			classify(rec.f);
			row(o, rec.f, rec_plain(r, &rec));
		}
		rec_close(r);
	}
	out_close(o);
	rej_close();
	sidetable(ufp, unmatched, cls_unmatched);
	sidetable(sfp, stats, cls_hits);
	for (i = 0; i < nh; i++)
		free(h[i]);
	free(h);
	free(segs);
	for (i = 0; i < MAXOUT; i++)
		memo_free(dst[i].recent);
	cls_free(cls);
	return cbcc_exit();
}
