/*
 * cbcc-check-standards - the people below their title's required standard.
 *
 * Reads classified records (the *_level columns of cbcc-classify-education)
 * and a standards table, finds for each record the first table row whose
 * staff type, position pattern and area fit it, and writes the records that
 * fall short of a minimum of that row with an appended shortfall column,
 * e.g. "education<dai_hoc;state_mgmt=unknown".  With --all every record is
 * written and the ones that meet every minimum get "ok".  A record that no
 * row fits gets "no_standard", in both modes.  Streams in constant memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "lvl.h"
#include "opt.h"
#include "out.h"
#include "rec.h"
#include "rej.h"
#include "text.h"

#define KEYFLAGS	(TEXT_KEY_YI | TEXT_KEY_PUNCT)

enum { AREA_ANY, AREA_DIFFICULT, AREA_OTHER };

/* One row of the standards table. */
struct std {
	char		*stype;		/* staff_type code, NULL = any */
	char		**alt;		/* folded position alternatives */
	size_t		 nalt;		/* how many; 0 = any position */
	int		 area;		/* AREA_* */
	int		*min;		/* per lvl_dims entry: rank, -1 none */
};

static struct std *stds;		/* the table, in file order */
static size_t nstd;			/* its rows */
static int needdim[16];			/* a row sets a minimum for dim i */
static int needstype, needpos, needarea;	/* columns the rows use */

static char **difficult;		/* folded commune keys, sorted */
static size_t ndifficult;		/* how many */
static int alldifficult;		/* the list holds "*" */

/* The input header and where the columns the rows use sit in it. */
static struct {
	char		**names;	/* header of the first operand */
	size_t		 n;		/* its columns */
	long		 stype, pos, commune, shortfall; /* index or -1 */
	long		 dim[16];	/* per lvl_dims entry, or -1 */
} hdr;

/* 1 if f[0..len) is the string s. */
static int
eq(const struct field *f, const char *s)
{
	return f->len == strlen(s) && memcmp(f->p, s, f->len) == 0;
}

/* 1 if the raw text of record rec of r is a # comment line. */
static int
iscomment(struct rec_reader *r, const struct rec *rec)
{
	const char *raw;
	size_t len;

	rec_raw(r, rec, &raw, &len);
	while (len > 0 && (*raw == ' ' || *raw == '\t')) {
		raw++;
		len--;
	}
	return len > 0 && *raw == '#';
}

/*
 * The folded key of a commune name without its unit prefix (xã, phường,
 * thị trấn, or X. P. TT.), in a fresh string.
 */
static char *
communekey(const char *p, size_t len)
{
	static const char *const pfx[] = { "xa ", "phuong ", "thi tran ",
	    "x ", "p ", "tt " };
	struct buf b = { 0 };
	size_t i, n;
	char *s;

	text_key(&b, p, len, KEYFLAGS);
	s = b.p != NULL ? b.p : xstrdup("");
	for (i = 0; i < sizeof(pfx) / sizeof(pfx[0]); i++) {
		n = strlen(pfx[i]);
		if (strncmp(s, pfx[i], n) == 0 && s[n] != '\0') {
			memmove(s, s + n, strlen(s + n) + 1);
			break;
		}
	}
	return s;
}

/* qsort and bsearch comparison of two string pointers. */
static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Read the difficult-area list: one commune a line, # comments, "*" for
 * every commune.  A line of several fields is an error.
 */
static void
loaddifficult(const char *path)
{
	struct rec_reader *r;
	struct rec rec;
	size_t cap = 0;

	if ((r = rec_open(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	rec_set_delim(r, ',');	/* comments must not sway the detection */
	while (rec_next(r, &rec) > 0) {
		if (iscomment(r, &rec))
			continue;
		if (rec.err != NULL)
			cbcc_at_errx(path, rec.line, "%s", rec.err);
		if (rec.nf != 1)
			cbcc_at_errx(path, rec.line, "one commune a line, "
			    "not %zu fields", rec.nf);
		if (eq(&rec.f[0], "*")) {
			alldifficult = 1;
			continue;
		}
		if (ndifficult == cap) {
			cap = cap ? cap * 2 : 64;
			difficult = xreallocarray(difficult, cap,
			    sizeof(*difficult));
		}
		difficult[ndifficult++] = communekey(rec.f[0].p,
		    rec.f[0].len);
	}
	rec_close(r);
	if (ndifficult > 0)
		qsort(difficult, ndifficult, sizeof(*difficult), strpcmp);
}

/* Split pattern p[0..len) at '|' into folded alternatives of s. */
static void
setpattern(struct std *s, const char *p, size_t len, const char *path,
    unsigned long line)
{
	struct buf b = { 0 };
	size_t i, start = 0;

	if ((len == 1 && *p == '*') || len == 0)
		return;
	for (i = 0; i <= len; i++) {
		if (i < len && p[i] != '|')
			continue;
		buf_reset(&b);
		text_key(&b, p + start, i - start, KEYFLAGS);
		if (b.len == 0 || strcmp(b.p, "*") == 0)
			cbcc_at_errx(path, line, "empty alternative in "
			    "position pattern '%.*s'", (int)len, p);
		s->alt = xreallocarray(s->alt, s->nalt + 1, sizeof(*s->alt));
		s->alt[s->nalt++] = xstrdup(b.p);
		start = i + 1;
	}
	buf_free(&b);
}

/*
 * Read the standards table: a header naming staff_type, position, an
 * optional area and the *_level columns of the ordered dimensions, then
 * one row per standard; # lines are comments.  Any fault is fatal.
 */
static void
loadstandards(const char *path)
{
	struct rec_reader *r;
	struct rec rec;
	long col[16], cstype = -1, cpos = -1, carea = -1;
	size_t i, j, ncol = 0, cap = 0;
	int header = 1, k;
	struct std *s;
	const struct lvl_dim *d;
	const struct field *f;

	if ((r = rec_open(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	rec_set_delim(r, ',');	/* comments must not sway the detection */
	while (rec_next(r, &rec) > 0) {
		if (iscomment(r, &rec))
			continue;
		if (rec.err != NULL)
			cbcc_at_errx(path, rec.line, "%s", rec.err);
		if (header) {
			ncol = rec.nf;
			if (ncol > 16)
				cbcc_at_errx(path, rec.line, "too many columns");
			for (i = 0; i < ncol; i++) {
				f = &rec.f[i];
				col[i] = -1;
				if (eq(f, "staff_type"))
					cstype = (long)i;
				else if (eq(f, "position"))
					cpos = (long)i;
				else if (eq(f, "area"))
					carea = (long)i;
				else if ((d = lvl_find(f->p, f->len)) != NULL &&
				    d->ordered && eq(f, d->column))
					col[i] = d - lvl_dims;
				else
					cbcc_at_errx(path, rec.line,
					    "unknown column '%s' (staff_type, "
					    "position, area or a *_level "
					    "column)", f->p);
			}
			if (cstype < 0 || cpos < 0)
				cbcc_at_errx(path, rec.line, "the header needs "
				    "the columns staff_type and position");
			header = 0;
			continue;
		}
		if (rec.nf != ncol)
			cbcc_at_errx(path, rec.line, "%zu fields, the header "
			    "has %zu", rec.nf, ncol);
		if (nstd == cap) {
			cap = cap ? cap * 2 : 16;
			stds = xreallocarray(stds, cap, sizeof(*stds));
		}
		s = &stds[nstd++];
		memset(s, 0, sizeof(*s));
		s->min = xcalloc(lvl_ndims, sizeof(*s->min));
		for (j = 0; j < lvl_ndims; j++)
			s->min[j] = -1;
		f = &rec.f[cstype];
		if (f->len > 0 && !eq(f, "*")) {
			if (!eq(f, "can_bo") && !eq(f, "cong_chuc"))
				cbcc_at_errx(path, rec.line, "staff_type '%s' "
				    "is not can_bo, cong_chuc or *", f->p);
			s->stype = xstrdup(f->p);
			needstype = 1;
		}
		setpattern(s, rec.f[cpos].p, rec.f[cpos].len, path, rec.line);
		if (s->nalt > 0)
			needpos = 1;
		if (carea >= 0) {
			f = &rec.f[carea];
			if (eq(f, "difficult"))
				s->area = AREA_DIFFICULT;
			else if (eq(f, "other"))
				s->area = AREA_OTHER;
			else if (f->len > 0 && !eq(f, "*"))
				cbcc_at_errx(path, rec.line, "area '%s' is not "
				    "difficult, other or *", f->p);
			if (s->area != AREA_ANY)
				needarea = 1;
		}
		for (i = 0; i < ncol; i++) {
			if (col[i] < 0 || rec.f[i].len == 0)
				continue;
			d = &lvl_dims[col[i]];
			if ((k = lvl_index(d, rec.f[i].p, rec.f[i].len)) < 0)
				cbcc_at_errx(path, rec.line, "'%s' is not a "
				    "level of %s", rec.f[i].p, d->column);
			s->min[col[i]] = k;
			needdim[col[i]] = 1;
		}
	}
	if (header)
		cbcc_errx(EXIT_DATA, "%s: no header", path);
	rec_close(r);
}

/* The index of the column named s in the header, or -1. */
static long
column(const char *s)
{
	size_t i;

	for (i = 0; i < hdr.n; i++)
		if (strcmp(hdr.names[i], s) == 0)
			return (long)i;
	return -1;
}

/*
 * Take the header of an operand.  The first one sets the output header
 * (with shortfall appended unless it is there) and the columns the
 * standards need must be in it; a later one must be the same.
 */
static void
setheader(struct out *o, const char *file, const struct rec *rec)
{
	const char **names;
	size_t i;

	if (hdr.names != NULL) {
		if (rec->nf != hdr.n)
			goto differs;
		for (i = 0; i < hdr.n; i++)
			if (!eq(&rec->f[i], hdr.names[i]))
				goto differs;
		return;
	}
	hdr.n = rec->nf;
	hdr.names = xcalloc(hdr.n, sizeof(*hdr.names));
	for (i = 0; i < hdr.n; i++)
		hdr.names[i] = xmemdup0(rec->f[i].p, rec->f[i].len);
	hdr.stype = column("staff_type");
	hdr.pos = column("position");
	hdr.commune = column("commune");
	hdr.shortfall = column("shortfall");
	if (needstype && hdr.stype < 0)
		cbcc_at_errx(file, rec->line, "no column staff_type (the "
		    "standards name staff types)");
	if (needpos && hdr.pos < 0)
		cbcc_at_errx(file, rec->line, "no column position (the "
		    "standards name positions)");
	if (needarea && ndifficult > 0 && hdr.commune < 0)
		cbcc_at_errx(file, rec->line, "no column commune (needed by "
		    "--difficult)");
	for (i = 0; i < lvl_ndims; i++) {
		hdr.dim[i] = column(lvl_dims[i].column);
		if (needdim[i] && hdr.dim[i] < 0)
			cbcc_at_errx(file, rec->line, "no column %s (the "
			    "standards set a minimum for it)",
			    lvl_dims[i].column);
	}
	names = xcalloc(hdr.n + 1, sizeof(*names));
	for (i = 0; i < hdr.n; i++)
		names[i] = hdr.names[i];
	names[hdr.n] = "shortfall";
	out_header(o, hdr.n + (hdr.shortfall < 0), names);
	free(names);
	return;
differs:
	cbcc_at_errx(file, rec->line, "header differs from the first "
	    "input's");
}

/* 1 if folded key k holds alternative a as whole words. */
static int
haswords(const char *k, const char *a)
{
	size_t n = strlen(a);
	const char *p;

	for (p = k; (p = strstr(p, a)) != NULL; p++)
		if ((p == k || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* 1 if the record's commune is in the difficult-area list. */
static int
isdifficult(const struct rec *rec)
{
	char *k;
	int found;

	if (alldifficult)
		return 1;
	if (difficult == NULL || hdr.commune < 0)
		return 0;
	k = communekey(rec->f[hdr.commune].p, rec->f[hdr.commune].len);
	found = bsearch(&k, difficult, ndifficult, sizeof(*difficult),
	    strpcmp) != NULL;
	free(k);
	return found;
}

/* The first standard that fits the record, or NULL. */
static const struct std *
match(const struct rec *rec)
{
	static struct buf key;
	const struct std *s;
	size_t i, j;
	int area = -1;

	buf_reset(&key);
	if (hdr.pos >= 0)
		text_key(&key, rec->f[hdr.pos].p, rec->f[hdr.pos].len,
		    KEYFLAGS);
	for (i = 0; i < nstd; i++) {
		s = &stds[i];
		if (s->stype != NULL && !eq(&rec->f[hdr.stype], s->stype))
			continue;
		if (s->area != AREA_ANY) {
			if (area < 0)
				area = isdifficult(rec) ? AREA_DIFFICULT :
				    AREA_OTHER;
			if (s->area != area)
				continue;
		}
		if (s->nalt == 0)
			return s;
		for (j = 0; j < s->nalt; j++)
			if (key.len > 0 && haswords(key.p, s->alt[j]))
				return s;
	}
	return NULL;
}

/*
 * Write the shortfall of the record against s into b: "dim<code" or
 * "dim=unknown" in dimension order, "ok" when none, "no_standard" without
 * a standard.  Returns NULL, or the reason to reject the record (a level
 * that is not a code of its dimension).
 */
static const char *
shortfall(struct buf *b, const struct rec *rec, const struct std *s)
{
	static struct buf why;
	const struct lvl_dim *d;
	const struct field *f;
	size_t i;
	int k;

	buf_reset(b);
	if (s == NULL) {
		buf_adds(b, "no_standard");
		return NULL;
	}
	for (i = 0; i < lvl_ndims; i++) {
		if (s->min[i] < 0)
			continue;
		d = &lvl_dims[i];
		f = &rec->f[hdr.dim[i]];
		if (f->len == 0 || eq(f, "unknown")) {
			buf_printf(b, "%s%s=unknown", b->len ? ";" : "",
			    d->name);
			continue;
		}
		if ((k = lvl_index(d, f->p, f->len)) < 0) {
			buf_reset(&why);
			buf_printf(&why, "bad level: %s '%.*s'", d->column,
			    (int)f->len, f->p);
			return why.p;
		}
		if (k < s->min[i])
			buf_printf(b, "%s%s<%s", b->len ? ";" : "", d->name,
			    d->codes[s->min[i]]);
	}
	if (b->len == 0)
		buf_adds(b, "ok");
	return NULL;
}

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "difficult", required_argument, NULL, 'd' },
		{ "standards", required_argument, NULL, 's' },
		OPT_COMMON,
		{ NULL, 0, NULL, 0 }
	};
	struct rec_reader *r;
	struct out *o;
	struct rec rec;
	struct buf sf = { 0 };
	const char *why, *stdpath = NULL, *diffpath = NULL;
	size_t i;
	int c, n = 0, all = 0, first;

	opt_init("cbcc-check-standards", "-s standards [-a] [-d difficult] "
	    "[--format fmt] [--rejects file] [--strict] [file ...]");
	argv[0] = (char *)cbcc_progname;	/* getopt's messages name it too */
	while ((c = getopt_long(argc, argv, "ad:hs:", longopts, NULL)) != -1)
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'd':
			diffpath = optarg;
			break;
		case 's':
			stdpath = optarg;
			break;
		default:
			opt_common(c, optarg);
		}
	argc -= optind;
	argv += optind;
	if (stdpath == NULL) {
		cbcc_warnx("--standards FILE is required");
		opt_usage();
	}
	loadstandards(stdpath);
	if (diffpath != NULL)
		loaddifficult(diffpath);
	o = opt_output();
	while ((r = opt_operand(argc, argv, &n)) != NULL) {
		first = 1;
		while (rec_next(r, &rec) > 0) {
			if (rec.err != NULL) {
				rej_rec(r, &rec, "%s", rec.err);
				continue;
			}
			if (first) {
				setheader(o, rec_name(r), &rec);
				first = 0;
				continue;
			}
			if (rej_bad(r, &rec, hdr.n))
				continue;
			if ((why = shortfall(&sf, &rec, match(&rec))) != NULL) {
				rej_rec(r, &rec, "%s", why);
				continue;
			}
			if (!all && strcmp(sf.p, "ok") == 0)
				continue;
			for (i = 0; i < rec.nf; i++)
				if ((long)i == hdr.shortfall)
					out_field(o, sf.p, sf.len);
				else
					out_field(o, rec.f[i].p, rec.f[i].len);
			if (hdr.shortfall < 0)
				out_field(o, sf.p, sf.len);
			out_end(o);
		}
		rec_close(r);
	}
	buf_free(&sf);
	out_close(o);
	rej_close();
	return cbcc_exit();
}
