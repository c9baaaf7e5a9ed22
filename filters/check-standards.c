/*
 * cbcc-check-standards - the people below their title's required standard.
 *
 * Reads classified records (the *_level columns of cbcc-classify-education)
 * and a standards table.  For each record it takes the first row of the
 * table that is in force in the record's year and whose staff type,
 * position pattern and area fit it, and writes the records that fall short
 * of a minimum of that row with an appended shortfall column, e.g.
 * "education<dai_hoc;it_skill=unknown".  With --all every record is
 * written: "ok" when it meets every minimum, "exempt" when its row sets
 * none (a title whose standards other law sets).  A record that no row
 * covers gets "no_standard", in both modes, and is counted by year on
 * standard error.  The difficult-area lists (-d) name units of the new
 * map (matched against the unit column) or communes of the old one, for
 * the years they hold.  Streams in constant memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "date.h"
#include "lvl.h"
#include "memo.h"
#include "opt.h"
#include "out.h"
#include "rec.h"
#include "rej.h"
#include "text.h"
#include "unit.h"

#define KEYFLAGS	(TEXT_KEY_YI | TEXT_KEY_PUNCT)
#define MAXDIM		16	/* more than lvl_ndims */
#define MAXCOL		32	/* columns of the standards table */
#define NOYEAR		10000	/* nostd[] slot of records without a year */
#define MAXWARN		10	/* names of the list warned about one by one */

enum { AREA_ANY, AREA_DIFFICULT, AREA_OTHER, AREA_UNKNOWN };

/* One row of the standards table. */
struct std {
	char		*stype;		/* staff_type code, NULL = any */
	char		**alt;		/* folded position alternatives */
	size_t		 nalt;		/* how many; 0 = any position */
	int		 area;		/* AREA_ANY, AREA_DIFFICULT, AREA_OTHER */
	int		 from, to;	/* years in force, inclusive; 0 = open */
	int		 nmin;		/* minima it sets; 0: exempt */
	int		*min;		/* per lvl_dims entry: rank, -1 none */
};

static struct std *stds;		/* the table, in file order */
static size_t nstd;			/* its rows */
static int needdim[MAXDIM];		/* a row sets a minimum for dim i */
static int needstype, needpos, needarea, needyear; /* columns rows use */

/* One name of the difficult-area lists. */
struct place {
	int		 kind;		/* PLACE_UNIT, PLACE_COMMUNE */
	char		*type;		/* folded type word ("xa"), "" if none */
	char		*name;		/* folded name without it */
	char		*exact;		/* the name in lower case, not folded */
	int		 plain;		/* it is written without diacritics */
	char		*district;	/* folded district, "" if none given */
	int		 from, to;	/* years it holds, inclusive; 0 = open */
	const char	*path;		/* its list */
	int		 list;		/* which -d it came with */
	unsigned long	 line;		/* its line there */
	char		*text;		/* the line as written */
	char		*first;		/* the first unit it matched, shown */
	char		*firsttype;	/* its type word */
	char		*firstdist;	/* that record's district */
	int		 firstyear;	/* and year */
	char		*second;	/* another unit it matched, or NULL */
};

/*
 * A name of a list is a unit of the records' unit column, else of their
 * commune column (PLACE_UNIT), or a commune of the old map, matched
 * against the commune column and the district when given (PLACE_COMMUNE).
 */
enum { PLACE_UNIT, PLACE_COMMUNE };

static struct {
	struct place	*v;		/* the names, sorted by name */
	size_t		 n;		/* how many */
	size_t		 nkind[2];	/* of each kind */
	int		 district;	/* a name has a district */
	int		 years;		/* a name holds for some years only */
	int		 all;		/* a list holds "*" */
	int		 nlists;	/* lists read */
	int		 used;		/* records are matched against them */
	struct memo	*memo;		/* field -> its keys (see fieldkey) */
} dl;

/* The input header and where the columns the rows use sit in it. */
static struct {
	char		**names;	/* header of the first operand */
	size_t		 n;		/* its columns */
	long		 stype, pos, year, shortfall; /* index or -1 */
	long		 commune, district, unit;	/* index or -1 */
	long		 place;		/* unit if there, else commune */
	long		 dim[MAXDIM];	/* per lvl_dims entry, or -1 */
} hdr;

static unsigned long nostd[NOYEAR + 1];	/* not judged, by year */
static unsigned long nrecords;		/* records read */

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

/* The keys of a unit name (see placekey). */
struct pkey {
	struct buf	 type;		/* folded type word, "" if none */
	struct buf	 name;		/* folded name without it */
	struct buf	 exact;		/* the name in lower case, not folded */
	struct buf	 show;		/* the canonical name, for messages */
};

/*
 * The keys of unit name p[0..len) at level (UNIT_COMMUNE, UNIT_DISTRICT):
 * its canonical name (unit_name), and that name folded and split into the
 * type word, if it has one, and the rest, which is also kept unfolded.
 */
static void
placekey(int level, const char *p, size_t len, struct pkey *k)
{
	static struct buf low, clean;
	const char *t;
	size_t bare;

	buf_reset(&k->show);
	buf_reset(&k->type);
	buf_reset(&k->name);
	buf_reset(&k->exact);
	buf_reset(&low);
	buf_reset(&clean);
	text_clean(&clean, p, len);	/* NFC, one tone placement */
	unit_name(&k->show, level, clean.p, clean.len);
	buf_add(&k->show, "", 0);
	if ((t = unit_type(k->show.p, k->show.len, &bare)) != NULL)
		text_key(&k->type, t, strlen(t), KEYFLAGS);
	buf_add(&k->type, "", 0);
	text_key(&k->name, k->show.p + bare, k->show.len - bare, KEYFLAGS);
	buf_add(&k->name, "", 0);
	/* The canonical name without its type word, in lower case. */
	text_lower(&low, k->show.p + bare, k->show.len - bare);
	buf_add(&k->exact, low.p, low.len);
	buf_add(&k->exact, "", 0);
}

/* Order of places: by name. */
static int
placecmp(const void *a, const void *b)
{
	return strcmp(((const struct place *)a)->name,
	    ((const struct place *)b)->name);
}

/*
 * The year of column what in field f of a table read at path:line: four
 * digits, or 0 for an empty field (an open end).
 */
static int
tableyear(const struct field *f, const char *what, const char *path,
    unsigned long line)
{
	int y;

	if (f->len == 0)
		return 0;
	if ((y = date_year(f->p, f->len)) <= 0)
		cbcc_at_errx(path, line, "%s '%s' is not a year (four digits, "
		    "or empty for an open end)", what, f->p);
	return y;
}

/* The columns of a difficult list in table form. */
enum { DC_UNIT, DC_COMMUNE, DC_DISTRICT, DC_FROM, DC_TO, DC_SOURCE, DC_N };

/*
 * If rec is the header of a list in table form (its fields all column
 * names, one of them unit or commune), set col[] to where each column is
 * (or -1) and return 1; else 0.  Faults of such a header are fatal.
 */
static int
listheader(const struct rec *rec, long col[DC_N], const char *path)
{
	static const char *const names[DC_N] = { "unit", "commune",
	    "district", "valid_from", "valid_to", "source" };
	size_t i, j;

	for (j = 0; j < DC_N; j++)
		col[j] = -1;
	for (i = 0; i < rec->nf; i++) {
		for (j = 0; j < DC_N && !eq(&rec->f[i], names[j]); j++)
			;
		if (j == DC_N)
			return 0;
		col[j] = (long)i;
	}
	if ((col[DC_UNIT] < 0) == (col[DC_COMMUNE] < 0))
		cbcc_at_errx(path, rec->line, "a list with a header names its "
		    "units in one column, unit or commune");
	if (col[DC_DISTRICT] >= 0 && col[DC_UNIT] >= 0)
		cbcc_at_errx(path, rec->line, "district goes with commune, not "
		    "with unit (the units of 2025 have no district)");
	return 1;
}

/*
 * Read a difficult-area list: one unit a line, or "commune,district" for a
 * commune of the old map, # comments, "*" for every unit; or a table whose
 * header names unit or commune and optionally district, valid_from,
 * valid_to and source.  A line of more fields, or an empty name, is an
 * error.
 */
static void
loaddifficult(const char *path)
{
	static struct pkey k;
	struct buf b = { 0 };
	struct rec_reader *r;
	struct place *pl;
	struct rec rec;
	long col[DC_N];
	size_t cap = dl.n, nf = 0;
	int first = 1, table = 0, kind;
	const struct field *name, *dist;

	if ((r = rec_open(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	rec_set_delim(r, ',');	/* comments must not sway the detection */
	while (rec_next(r, &rec) > 0) {
		if (iscomment(r, &rec))
			continue;
		if (rec.err != NULL)
			cbcc_at_errx(path, rec.line, "%s", rec.err);
		if (first) {
			first = 0;
			if ((table = listheader(&rec, col, path)) != 0) {
				nf = rec.nf;
				continue;
			}
		}
		if (table && rec.nf != nf)
			cbcc_at_errx(path, rec.line, "%zu fields, the header "
			    "has %zu", rec.nf, nf);
		if (!table && rec.nf > 2)
			cbcc_at_errx(path, rec.line, "one unit a line (a name, "
			    "or a commune and its district), not %zu fields",
			    rec.nf);
		if (!table && rec.nf == 1 && eq(&rec.f[0], "*")) {
			dl.all = 1;
			continue;
		}
		if (table) {
			kind = col[DC_UNIT] >= 0 ? PLACE_UNIT : PLACE_COMMUNE;
			name = &rec.f[col[kind == PLACE_UNIT ? DC_UNIT :
			    DC_COMMUNE]];
			dist = col[DC_DISTRICT] >= 0 &&
			    rec.f[col[DC_DISTRICT]].len > 0 ?
			    &rec.f[col[DC_DISTRICT]] : NULL;
		} else {
			dist = rec.nf == 2 ? &rec.f[1] : NULL;
			kind = dist != NULL ? PLACE_COMMUNE : PLACE_UNIT;
			name = &rec.f[0];
		}
		placekey(UNIT_COMMUNE, name->p, name->len, &k);
		if (k.name.len == 0)
			cbcc_at_errx(path, rec.line, "no name");
		if (dl.n == cap) {
			cap = cap ? cap * 2 : 64;
			dl.v = xreallocarray(dl.v, cap, sizeof(*dl.v));
		}
		pl = &dl.v[dl.n++];
		memset(pl, 0, sizeof(*pl));
		pl->kind = kind;
		pl->type = xstrdup(k.type.p);
		pl->name = xstrdup(k.name.p);
		pl->exact = xstrdup(k.exact.p);
		pl->plain = text_ascii(k.exact.p, k.exact.len);
		pl->path = path;
		pl->list = dl.nlists;
		pl->line = rec.line;
		buf_reset(&b);
		buf_add(&b, name->p, name->len);
		pl->district = xstrdup("");
		if (dist != NULL) {
			placekey(UNIT_DISTRICT, dist->p, dist->len, &k);
			if (k.name.len == 0)
				cbcc_at_errx(path, rec.line, "no district "
				    "after the comma");
			buf_printf(&k.name, "%s%s", k.type.len > 0 ? " " : "",
			    k.type.p);
			free(pl->district);
			pl->district = xstrdup(k.name.p);
			buf_adds(&b, ", ");
			buf_add(&b, dist->p, dist->len);
			dl.district = 1;
		}
		if (table && col[DC_FROM] >= 0)
			pl->from = tableyear(&rec.f[col[DC_FROM]],
			    "valid_from", path, rec.line);
		if (table && col[DC_TO] >= 0)
			pl->to = tableyear(&rec.f[col[DC_TO]], "valid_to",
			    path, rec.line);
		if (pl->from > 0 && pl->to > 0 && pl->from > pl->to)
			cbcc_at_errx(path, rec.line, "valid_from %d is after "
			    "valid_to %d", pl->from, pl->to);
		if (pl->from > 0 || pl->to > 0)
			dl.years = 1;
		dl.nkind[kind]++;
		buf_add(&b, "", 0);
		pl->text = xstrdup(b.p);
	}
	rec_close(r);
	dl.nlists++;
	if (dl.memo == NULL)
		dl.memo = memo_new(4096, 128);
	buf_free(&b);
}

/* Append b's text and its NUL to v. */
static void
addz(struct buf *v, const struct buf *b)
{
	buf_add(v, b->p, b->len);
	buf_addc(v, '\0');
}

/* Set b to the NUL-terminated string at *p, and step *p past it. */
static void
takez(struct buf *b, const char **p)
{
	size_t n = strlen(*p);

	buf_reset(b);
	buf_add(b, *p, n);
	*p += n + 1;
}

/* The keys of field f of the input at level, as placekey, through the memo. */
static void
fieldkey(int level, const struct field *f, struct pkey *k)
{
	static struct buf mk, v;
	const char *val;
	size_t vlen;

	buf_reset(&mk);
	buf_addc(&mk, level);
	buf_add(&mk, f->p, f->len);
	if ((val = memo_get(dl.memo, mk.p, mk.len, &vlen)) != NULL) {
		takez(&k->type, &val);
		takez(&k->name, &val);
		takez(&k->exact, &val);
		takez(&k->show, &val);
		return;
	}
	placekey(level, f->p, f->len, k);
	buf_reset(&v);
	addz(&v, &k->type);
	addz(&v, &k->name);
	addz(&v, &k->exact);
	addz(&v, &k->show);
	memo_put(dl.memo, mk.p, mk.len, v.p, v.len);
}

/* Whether type words a and b fit: equal, or one of them not given. */
static int
typefits(const char *a, const char *b)
{
	return *a == '\0' || *b == '\0' || strcmp(a, b) == 0;
}

/*
 * Note that place pl matched the unit of type word type, shown as show, of
 * district dist in year y.  The first one is kept; a unit of another type,
 * or one of another district in the same year, marks pl as naming more
 * than one unit.  (A commune that changed district between years, or one
 * spelled in two ways, is one unit.)
 */
static void
placehit(struct place *pl, const char *type, const char *show,
    const char *dist, int y)
{
	struct buf b = { 0 };

	if (pl->first == NULL) {
		pl->first = xstrdup(show);
		pl->firsttype = xstrdup(type);
		pl->firstdist = xstrdup(dist);
		pl->firstyear = y;
		return;
	}
	if (pl->second != NULL)
		return;
	if (!(*type != '\0' && *pl->firsttype != '\0' &&
	    strcmp(type, pl->firsttype) != 0) && !(y == pl->firstyear &&
	    *dist != '\0' && *pl->firstdist != '\0' &&
	    strcmp(dist, pl->firstdist) != 0))
		return;
	if (*pl->firstdist != '\0') {
		buf_printf(&b, "%s, %s", pl->first, pl->firstdist);
		free(pl->first);
		pl->first = xstrdup(b.p);
		buf_reset(&b);
	}
	buf_adds(&b, show);
	if (*dist != '\0')
		buf_printf(&b, ", %s", dist);
	pl->second = xstrdup(b.p);
	buf_free(&b);
}

/* 1 if year y is in from..to (0: open ends); a record without a year
 * (-1) is only in a period open at both ends. */
static int
inforce(int y, int from, int to)
{
	return !((from > 0 && (y < 0 || y < from)) ||
	    (to > 0 && (y < 0 || y > to)));
}

/*
 * Match the names of the lists of kind against the unit named in field f
 * of the record of year y: 1 if one fits, 0 if none does, -1 if the field
 * names no unit.  Names fit when they are the same but for case, type
 * words and tone placement, or when one of them is written without
 * diacritics and they fold alike: "Na Tong" fits "Nà Tòng" and "Na Tông",
 * which do not fit each other.  A name given with a district fits the
 * communes of that district only.
 */
static int
fits(const struct rec *rec, const struct field *f, int kind, int y)
{
	static struct pkey k, dk;
	static struct buf dist;
	struct place probe, *pl, *lo, *end = dl.v + dl.n;
	int found = 0, ddone = 0, plain;

	fieldkey(UNIT_COMMUNE, f, &k);
	if (k.name.len == 0)
		return -1;
	probe.name = k.name.p;
	if ((pl = bsearch(&probe, dl.v, dl.n, sizeof(*dl.v),
	    placecmp)) == NULL)
		return 0;
	/* A commune of the old map is told apart by its district. */
	buf_reset(&dist);
	if (hdr.district >= 0 && (kind == PLACE_COMMUNE || hdr.unit < 0))
		buf_add(&dist, rec->f[hdr.district].p, rec->f[hdr.district].len);
	buf_add(&dist, "", 0);
	for (lo = pl; lo > dl.v && strcmp(lo[-1].name, k.name.p) == 0; lo--)
		;
	plain = text_ascii(k.exact.p, k.exact.len);
	for (pl = lo; pl < end && strcmp(pl->name, k.name.p) == 0; pl++) {
		if (pl->kind != kind || !typefits(pl->type, k.type.p) ||
		    !inforce(y, pl->from, pl->to))
			continue;
		if (!plain && !pl->plain && strcmp(pl->exact, k.exact.p) != 0)
			continue;
		if (*pl->district != '\0') {
			if (!ddone) {
				fieldkey(UNIT_DISTRICT, &rec->f[hdr.district],
				    &dk);
				buf_printf(&dk.name, "%s%s", dk.type.len > 0 ?
				    " " : "", dk.type.p);
				ddone = 1;
			}
			if (strcmp(pl->district, dk.name.p) != 0)
				continue;
		}
		placehit(pl, k.type.p, k.show.p, dist.p, y);
		found = 1;
	}
	return found;
}

/*
 * The area of the record of year y by the difficult lists: AREA_DIFFICULT
 * when a name of them fits it, AREA_OTHER when none does, AREA_UNKNOWN
 * when the record names no unit.
 */
static int
area(const struct rec *rec, int y)
{
	int a = 0, b = 0;

	if (dl.all)
		return AREA_DIFFICULT;
	if (!dl.used)
		return AREA_OTHER;
	if (dl.nkind[PLACE_COMMUNE] > 0)
		a = fits(rec, &rec->f[hdr.commune], PLACE_COMMUNE, y);
	if (dl.nkind[PLACE_UNIT] > 0)
		b = fits(rec, &rec->f[hdr.place], PLACE_UNIT, y);
	if (a > 0 || b > 0)
		return AREA_DIFFICULT;
	return (dl.nkind[PLACE_UNIT] > 0 ? b : a) < 0 ? AREA_UNKNOWN :
	    AREA_OTHER;
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
 * Read the standards table: a header naming staff_type, position, the
 * optional area, valid_from, valid_to and source, and the *_level columns
 * of the ordered dimensions, then one row per standard; # lines are
 * comments.  Any fault is fatal.
 */
static void
loadstandards(const char *path)
{
	struct rec_reader *r;
	struct rec rec;
	long col[MAXCOL], cstype = -1, cpos = -1, carea = -1, cfrom = -1;
	long cto = -1;
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
			if (ncol > MAXCOL)
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
				else if (eq(f, "valid_from"))
					cfrom = (long)i;
				else if (eq(f, "valid_to"))
					cto = (long)i;
				else if (eq(f, "source"))
					continue;
				else if ((d = lvl_find(f->p, f->len)) != NULL &&
				    d->ordered && eq(f, d->column))
					col[i] = d - lvl_dims;
				else
					cbcc_at_errx(path, rec.line,
					    "unknown column '%s' (staff_type, "
					    "position, area, valid_from, "
					    "valid_to, source or a *_level "
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
		if (cfrom >= 0)
			s->from = tableyear(&rec.f[cfrom], "valid_from", path,
			    rec.line);
		if (cto >= 0)
			s->to = tableyear(&rec.f[cto], "valid_to", path,
			    rec.line);
		if (s->from > 0 && s->to > 0 && s->from > s->to)
			cbcc_at_errx(path, rec.line, "valid_from %d is after "
			    "valid_to %d", s->from, s->to);
		if (s->from > 0 || s->to > 0)
			needyear = 1;
		for (i = 0; i < ncol; i++) {
			if (col[i] < 0 || rec.f[i].len == 0)
				continue;
			d = &lvl_dims[col[i]];
			if ((k = lvl_index(d, rec.f[i].p, rec.f[i].len)) < 0)
				cbcc_at_errx(path, rec.line, "'%s' is not a "
				    "level of %s", rec.f[i].p, d->column);
			s->min[col[i]] = k;
			s->nmin++;
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
	hdr.year = column("year");
	hdr.commune = column("commune");
	hdr.district = column("district");
	hdr.unit = column("unit");
	hdr.place = hdr.unit >= 0 ? hdr.unit : hdr.commune;
	hdr.shortfall = column("shortfall");
	if (needstype && hdr.stype < 0)
		cbcc_at_errx(file, rec->line, "no column staff_type (the "
		    "standards name staff types)");
	if (needpos && hdr.pos < 0)
		cbcc_at_errx(file, rec->line, "no column position (the "
		    "standards name positions)");
	if (needyear && hdr.year < 0)
		cbcc_at_errx(file, rec->line, "no column year (the standards "
		    "are in force for some years only)");
	if (needarea && dl.n > 0 && !dl.all) {
		if (hdr.place < 0)
			cbcc_at_errx(file, rec->line, "no column unit or "
			    "commune (needed by --difficult)");
		if (dl.nkind[PLACE_COMMUNE] > 0 && hdr.commune < 0)
			cbcc_at_errx(file, rec->line, "no column commune (the "
			    "--difficult list names communes)");
		if (dl.district && hdr.district < 0)
			cbcc_at_errx(file, rec->line, "no column district (the "
			    "--difficult list names communes with their "
			    "district)");
		if (dl.years && hdr.year < 0)
			cbcc_at_errx(file, rec->line, "no column year (the "
			    "--difficult list holds for some years only)");
		dl.used = 1;
	}
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

/*
 * The first standard that is in force in year y (-1: none given) and fits
 * the record in area a, or NULL.
 */
static const struct std *
match(const struct rec *rec, int y, int a)
{
	static struct buf key;
	const struct std *s;
	size_t i, j;

	buf_reset(&key);
	if (hdr.pos >= 0)
		text_key(&key, rec->f[hdr.pos].p, rec->f[hdr.pos].len,
		    KEYFLAGS);
	for (i = 0; i < nstd; i++) {
		s = &stds[i];
		if (!inforce(y, s->from, s->to))
			continue;
		if (s->stype != NULL && !eq(&rec->f[hdr.stype], s->stype))
			continue;
		if (s->area != AREA_ANY && s->area != a)
			continue;
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
 * "dim=unknown" in dimension order, "ok" when none, "exempt" when s sets
 * no minimum, "no_standard" without a standard.  Returns NULL, or the
 * reason to reject the record (a level that is not a code of its
 * dimension).
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
	if (s->nmin == 0) {
		buf_adds(b, "exempt");
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

/*
 * Say on standard error how many records no standard covers, by year:
 * "2016: 12 records, no standard in force".
 */
static void
summary(void)
{
	size_t y;
	unsigned long n;

	for (y = 0; y <= NOYEAR; y++) {
		if ((n = nostd[y]) == 0)
			continue;
		if (hdr.year < 0)
			cbcc_warnx("%lu record%s, no standard in force", n,
			    n == 1 ? "" : "s");
		else if (y == NOYEAR)
			cbcc_warnx("no year: %lu record%s, no standard in "
			    "force", n, n == 1 ? "" : "s");
		else
			cbcc_warnx("%zu: %lu record%s, no standard in force",
			    y, n, n == 1 ? "" : "s");
	}
}

/* Order of place pointers: by list, then line. */
static int
linecmp(const void *a, const void *b)
{
	const struct place *x = *(struct place *const *)a;
	const struct place *y = *(struct place *const *)b;

	if (x->list != y->list)
		return x->list < y->list ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Warn about the names of the difficult list that matched no record, and
 * those that matched more than one unit (a name without its type word or
 * district that two units share).
 */
static void
placewarn(void)
{
	const char *what = hdr.unit >= 0 ? "unit" : "commune";
	struct place *pl, **byline;
	size_t i, nwarn = 0;

	if (!dl.used || nrecords == 0)
		return;
	byline = xcalloc(dl.n, sizeof(*byline));
	for (i = 0; i < dl.n; i++)
		byline[i] = &dl.v[i];
	qsort(byline, dl.n, sizeof(*byline), linecmp);
	for (i = 0; i < dl.n; i++) {
		pl = byline[i];
		if (pl->second != NULL)
			cbcc_at_warnx(pl->path, pl->line, "'%s' names more than "
			    "one unit (%s; %s): write its type or district",
			    pl->text, pl->first, pl->second);
		if (pl->first != NULL)
			continue;
		if (nwarn++ < MAXWARN)
			cbcc_at_warnx(pl->path, pl->line, "'%s' matches no "
			    "record's %s", pl->text, *pl->district != '\0' ?
			    "commune and district" : pl->kind == PLACE_COMMUNE ?
			    "commune" : what);
	}
	if (nwarn > MAXWARN)
		cbcc_warnx("%zu more names of --difficult match no record",
		    nwarn - MAXWARN);
	free(byline);
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
	const struct std *s;
	const char *why, *stdpath = NULL, **lists = NULL;
	size_t i, nlists = 0;
	int c, n = 0, all = 0, first, y;

	opt_init("cbcc-check-standards", "-s standards [-a] [-d difficult] "
	    "[--format fmt] [--rejects file] [--strict] [file ...]");
	argv[0] = (char *)cbcc_progname;	/* getopt's messages name it too */
	while ((c = getopt_long(argc, argv, "ad:hs:", longopts, NULL)) != -1)
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'd':
			lists = xreallocarray(lists, nlists + 1,
			    sizeof(*lists));
			lists[nlists++] = optarg;
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
	for (i = 0; i < nlists; i++)
		loaddifficult(lists[i]);
	free(lists);
	if (dl.n > 0)
		qsort(dl.v, dl.n, sizeof(*dl.v), placecmp);
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
			nrecords++;
			y = hdr.year >= 0 ? date_year(rec.f[hdr.year].p,
			    rec.f[hdr.year].len) : -1;
			s = match(&rec, y, area(&rec, y));
			if ((why = shortfall(&sf, &rec, s)) != NULL) {
				rej_rec(r, &rec, "%s", why);
				continue;
			}
			if (s == NULL)
				nostd[y >= 0 ? y : NOYEAR]++;
			if (!all && (strcmp(sf.p, "ok") == 0 ||
			    strcmp(sf.p, "exempt") == 0))
				continue;
			/* The input columns, shortfall in its place or after. */
			i = hdr.shortfall >= 0 ? (size_t)hdr.shortfall : rec.nf;
			out_plain(o, rec.f, i, rec_plain(r, &rec));
			out_field(o, sf.p, sf.len);
			if (i < rec.nf)
				out_plain(o, rec.f + i + 1, rec.nf - i - 1,
				    rec_plain(r, &rec));
			out_end(o);
		}
		rec_close(r);
	}
	buf_free(&sf);
	out_close(o);
	placewarn();
	summary();
	rej_close();
	return cbcc_exit();
}
