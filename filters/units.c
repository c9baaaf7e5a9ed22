/*
 * cbcc-units - the unit of the 2025 map that each record's commune is or
 * became (SPEC section 10).
 *
 * A crosswalk (one row per old unit: new_unit, old_unit, old_district;
 * optionally province and other_names) is read whole; then every record
 * gets the column unit.  A record that names a district is looked up among
 * the old units of that district, one that names none among the new units.
 * Names compare in the canonical form cbcc-normalize writes (unit_canon):
 * the exact name first, then the folding key, each time only when one unit
 * answers; a type word the record writes (xã, phường, thị trấn) must be the
 * unit's.  A commune that no unit or several units answer gets an empty
 * unit, is counted on standard error and listed by --unmatched; nothing is
 * guessed.  Memory holds the crosswalk and a bounded memo of the names
 * met; the records stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "hash.h"
#include "memo.h"
#include "opt.h"
#include "out.h"
#include "rec.h"
#include "rej.h"
#include "unit.h"
#include "xwalk.h"

#define MAXLISTED	10000	/* distinct names --unmatched lists */
#define NEWMAP		"\036"	/* the district of the new map's scopes */

enum {
	OPT_UNMATCHED = OPT_PRIVATE
};

/* Why a record has no unit: the categories of the stderr summary. */
enum {
	W_NOCOMMUNE,		/* the commune is empty */
	W_NOPROVINCE,		/* no province of that name */
	W_NODISTRICT,		/* no district of that name */
	W_AMBDISTRICT,		/* several districts of that name */
	W_NOUNIT,		/* no unit of that name */
	W_AMBUNIT,		/* several units of that name */
	NWHY
};

static const char *const whyname[NWHY] = {
	"no commune", "no such province", "no such district",
	"ambiguous district", "no such unit", "ambiguous"
};

/*
 * A set of units that names are looked up in: the old units of one
 * district, or the new units of one province (or of the whole crosswalk,
 * when it has no province column).
 */
struct scope {
	char		*province;	/* canonical province, "" if none */
	char		*pkey;		/* its folding key */
	char		*district;	/* canonical old district; NULL: new map */
	const char	*dtype;		/* the district's type word, or NULL */
	char		*dbare;		/* the district's name after it */
	char		*dkey;		/* folding key of dbare */
};

/* One name of a unit, in its scope. */
struct name {
	size_t		 scope;		/* the scope it is in */
	const char	*type;		/* its type word (unit_type) */
	char		*full;		/* canonical name, type word first */
	size_t		 unit;		/* the new unit it is or became */
	unsigned long	 line;		/* the crosswalk line it comes from */
};

/* A growable list of name numbers. */
struct list {
	size_t		*v;		/* the numbers */
	size_t		 n;		/* how many */
	size_t		 cap;		/* room */
};

/* The crosswalk. */
static struct {
	const char	*path;		/* its file */
	struct xwalk	*x;		/* reading it */
	int		 hasprov;	/* it has a province column */
	struct hash	*scopes;	/* province, district: scope number */
	struct scope	*scope;		/* the scopes, by number */
	struct hash	*names;		/* scope, full name: name number */
	struct name	*name;		/* the names, by number */
	struct hash	*exact;		/* scope, bare name: list number */
	struct list	*exactl;	/* its lists */
	struct hash	*folded;	/* scope, folding key: list number */
	struct list	*foldedl;	/* its lists */
	struct hash	*units;		/* province, full name: new unit */
	char		**unit;		/* canonical name of each new unit */
} cw;

/* The names that found no unit, for --unmatched. */
static struct {
	struct hash	*names;		/* province, district, commune */
	unsigned long	*count;		/* records of each */
	char		**why;		/* the reason */
	char		**file;		/* the first record's file */
	unsigned long	*line;		/* and line */
	unsigned long	 more;		/* records of names past MAXLISTED */
	unsigned long	 n[NWHY];	/* records without a unit, by reason */
} um;

/* The input header and where the columns this filter reads sit in it. */
static struct {
	char		**names;	/* header of the first operand */
	size_t		 n;		/* its columns */
	long		 province, district, commune, unit; /* or -1 */
} hdr;

/* Append a number to list l. */
static void
listadd(struct list *l, size_t v)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = v;
}

/*
 * The list of key k in table h with lists *lp, made when k is new (and
 * add set), or NULL when there is none.
 */
static struct list *
listof(struct hash *h, struct list **lp, const struct buf *k, int add)
{
	size_t i, n;
	int added;

	if (!add)
		return (i = hash_get(h, k->p, k->len)) == HASH_NONE ? NULL :
		    &(*lp)[i];
	n = hash_count(h);
	i = hash_put(h, k->p, k->len, &added);
	if (added) {
		*lp = xreallocarray(*lp, n + 1, sizeof(**lp));
		memset(&(*lp)[i], 0, sizeof(**lp));
	}
	return &(*lp)[i];
}

/* Canonical name of text p[0..len) in unit column c, in a fresh string. */
static char *
canon(int c, const char *p, size_t len)
{
	struct buf b = { 0 };

	unit_canon(&b, c, p, len);
	return b.p != NULL ? b.p : xstrdup("");
}

/* The folding key of p[0..len), in a fresh string. */
static char *
keydup(const char *p, size_t len)
{
	struct buf b = { 0 };

	unit_key(&b, p, len);
	return b.p;
}

/* The number of the scope of province p and district d (NULL: new map). */
static size_t
scopeof(const char *p, const char *d)
{
	struct buf k = { 0 };
	struct scope *s;
	size_t i, n = hash_count(cw.scopes), bare;
	int added;

	hash_join(&k, p, strlen(p));
	hash_join(&k, d != NULL ? d : NEWMAP, strlen(d != NULL ? d : NEWMAP));
	i = hash_put(cw.scopes, k.p, k.len, &added);
	buf_free(&k);
	if (!added)
		return i;
	cw.scope = xreallocarray(cw.scope, n + 1, sizeof(*cw.scope));
	s = &cw.scope[i];
	memset(s, 0, sizeof(*s));
	s->province = xstrdup(p);
	s->pkey = keydup(p, strlen(p));
	if (d != NULL) {
		s->district = xstrdup(d);
		s->dtype = unit_type(d, strlen(d), &bare);
		s->dbare = xstrdup(d + bare);
		s->dkey = keydup(s->dbare, strlen(s->dbare));
	}
	return i;
}

/* The key of bare name or folding key b in scope s, in k. */
static void
scopedkey(struct buf *k, size_t s, const char *b)
{
	buf_reset(k);
	hash_join(k, (const char *)&s, sizeof(s));
	hash_join(k, b, strlen(b));
}

/*
 * Add the canonical unit name full, of new unit u, to scope s; the name
 * comes from line of the crosswalk.  A name already in the scope is an
 * error: a repeated row, or an old unit mapped to two new units.
 */
static void
addname(size_t s, const char *full, size_t u, unsigned long line)
{
	static struct buf k, fk;
	struct name *nm;
	const char *type, *where;
	size_t i, n = hash_count(cw.names), bare;
	int added;

	type = unit_type(full, strlen(full), &bare);
	scopedkey(&k, s, full);
	i = hash_put(cw.names, k.p, k.len, &added);
	if (!added) {
		nm = &cw.name[i];
		where = cw.scope[s].district != NULL ? cw.scope[s].district :
		    "the new map";
		if (nm->unit == u)
			cbcc_at_errx(cw.path, line, "%s of %s repeated (first "
			    "at line %lu)", full, where, nm->line);
		cbcc_at_errx(cw.path, line, "%s of %s mapped to two new "
		    "units: %s (line %lu) and %s", full, where,
		    cw.unit[nm->unit], nm->line, cw.unit[u]);
	}
	cw.name = xreallocarray(cw.name, n + 1, sizeof(*cw.name));
	nm = &cw.name[i];
	nm->scope = s;
	nm->type = type;
	nm->full = xstrdup(full);
	nm->unit = u;
	nm->line = line;
	scopedkey(&k, s, full + bare);
	listadd(listof(cw.exact, &cw.exactl, &k, 1), i);
	buf_reset(&fk);
	unit_key(&fk, full + bare, strlen(full + bare));
	scopedkey(&k, s, fk.p);
	listadd(listof(cw.folded, &cw.foldedl, &k, 1), i);
}

/* Add the other names of old unit old (in scope s, of new unit u). */
static void
othernames(const struct field *f, const char *old, size_t s, size_t u,
    unsigned long line)
{
	static struct buf name;
	struct field one;
	const char *p = f->p, *e = f->p + f->len, *bar, *type;
	size_t bare;

	type = unit_type(old, strlen(old), &bare);
	while (p < e) {
		if ((bar = memchr(p, '|', (size_t)(e - p))) == NULL)
			bar = e;
		one.p = p;
		one.len = (size_t)(bar - p);
		xwalk_unit(cw.x, &name, &one, "other_names", type, line);
		addname(s, name.p, u, line);
		p = bar + 1;
	}
}

/*
 * Read the crosswalk (xwalk.h): the new units, the old units by province
 * and district, and their other names.
 */
static void
loadcrosswalk(const char *path)
{
	static struct buf k;
	struct xwalk_row row;
	size_t s, u, n;
	int added;

	cw.x = xwalk_open(path);
	cw.path = path;
	cw.hasprov = xwalk_hasprov(cw.x);
	cw.scopes = hash_new();
	cw.names = hash_new();
	cw.exact = hash_new();
	cw.folded = hash_new();
	cw.units = hash_new();
	while (xwalk_next(cw.x, &row)) {
		/* The new unit, the first time it is met. */
		buf_reset(&k);
		hash_join(&k, row.province, strlen(row.province));
		hash_join(&k, row.new, strlen(row.new));
		n = hash_count(cw.units);
		u = hash_put(cw.units, k.p, k.len, &added);
		if (added) {
			cw.unit = xreallocarray(cw.unit, n + 1,
			    sizeof(*cw.unit));
			cw.unit[u] = xstrdup(row.new);
			addname(scopeof(row.province, NULL), row.new, u,
			    row.line);
		}

		/* The old unit and its other names. */
		s = scopeof(row.province, row.district);
		addname(s, row.old, u, row.line);
		if (row.other != NULL)
			othernames(row.other, row.old, s, u, row.line);
	}
	xwalk_close(cw.x);
	cw.x = NULL;
}

/* Whether scope s is in province p (key pk); "" (no province) is any. */
static int
inprovince(const struct scope *s, const char *p, const char *pk)
{
	if (!cw.hasprov || *p == '\0')
		return 1;
	return strcmp(s->province, p) == 0 || strcmp(s->pkey, pk) == 0;
}

/*
 * The scopes of district d (canonical) in province p, into l: those of the
 * district named exactly so, else of the one whose folding key is d's; a
 * type word written in d must be the district's.  Returns 0, or minus the
 * category (W_NODISTRICT, W_AMBDISTRICT) with the reason in why when no
 * district or several answer.
 */
static int
districtscopes(struct list *l, const char *d, const char *p, const char *pk,
    struct buf *why)
{
	const struct scope *s, *first;
	const char *type;
	char *dk;
	size_t i, bare, pass;

	type = unit_type(d, strlen(d), &bare);
	dk = keydup(d + bare, strlen(d + bare));
	for (pass = 0; pass < 2 && l->n == 0; pass++)
		for (i = 0; i < hash_count(cw.scopes); i++) {
			s = &cw.scope[i];
			if (s->district == NULL || !inprovince(s, p, pk) ||
			    (type != NULL && strcmp(type, s->dtype != NULL ?
			    s->dtype : "") != 0))
				continue;
			if (strcmp(pass == 0 ? s->dbare : s->dkey,
			    pass == 0 ? d + bare : dk) == 0)
				listadd(l, i);
		}
	free(dk);
	if (l->n == 0) {
		buf_printf(why, "%s: %s", whyname[W_NODISTRICT], d);
		return -W_NODISTRICT;
	}
	first = &cw.scope[l->v[0]];
	for (i = 1; i < l->n; i++)
		if (strcmp(cw.scope[l->v[i]].district, first->district) != 0) {
			buf_printf(why, "%s: %s is %s or %s",
			    whyname[W_AMBDISTRICT], d, first->district,
			    cw.scope[l->v[i]].district);
			return -W_AMBDISTRICT;
		}
	return 0;
}

/*
 * The names in scopes sc of type (NULL: any) whose bare name (pass 0) or
 * folding key (pass 1) is b, into l.
 */
static void
candidates(struct list *l, const struct list *sc, int pass, const char *type,
    const char *b)
{
	struct buf k = { 0 };
	const struct list *m;
	size_t i, j;

	for (i = 0; i < sc->n; i++) {
		scopedkey(&k, sc->v[i], b);
		m = listof(pass == 0 ? cw.exact : cw.folded, pass == 0 ?
		    &cw.exactl : &cw.foldedl, &k, 0);
		for (j = 0; m != NULL && j < m->n; j++)
			if (type == NULL || strcmp(cw.name[m->v[j]].type,
			    type) == 0)
				listadd(l, m->v[j]);
	}
	buf_free(&k);
}

/* Whether the names of l lead to more than one new unit. */
static int
several(const struct list *l)
{
	size_t i;

	for (i = 1; i < l->n; i++)
		if (cw.name[l->v[i]].unit != cw.name[l->v[0]].unit)
			return 1;
	return 0;
}

/*
 * Append the full names of l to why: "A", "A and B", "A, B and C"; an old
 * unit with the new unit it became, "A (now X)".
 */
static void
saynames(struct buf *why, const struct list *l, const char *and, int now)
{
	const struct name *nm;
	size_t i;

	for (i = 0; i < l->n; i++) {
		nm = &cw.name[l->v[i]];
		buf_printf(why, "%s%s", i == 0 ? "" : i + 1 == l->n ? and :
		    ", ", nm->full);
		if (cw.hasprov)
			buf_printf(why, " of %s", cw.scope[nm->scope].province);
		if (now && cw.scope[nm->scope].district != NULL)
			buf_printf(why, " (now %s)", cw.unit[nm->unit]);
	}
}

/*
 * Why commune c (type, bare name b, key k) is no unit of scopes sc (where
 * says which): the units of that name but of another type there, and,
 * for the new map, an old unit of that name.
 */
static void
nounit(struct buf *why, const char *c, const char *type, const char *b,
    const char *k, const struct list *sc, const char *where, const char *p,
    const char *pk)
{
	struct list l = { 0 }, old = { 0 };
	const char *d = cw.scope[sc->v[0]].district;
	size_t i, n = 0;
	int pass;

	buf_printf(why, "%s: %s %s", whyname[W_NOUNIT], c, where);
	for (pass = 0; pass < 2 && type != NULL && l.n == 0; pass++)
		candidates(&l, sc, pass, NULL, pass == 0 ? b : k);
	if (l.n > 0) {
		buf_printf(why, " (%s has ", d != NULL ? d : "the new map");
		saynames(why, &l, " and ", 0);
		n++;
	}
	if (d == NULL) {
		for (i = 0; i < hash_count(cw.scopes); i++)
			if (cw.scope[i].district != NULL &&
			    inprovince(&cw.scope[i], p, pk))
				listadd(&old, i);
		l.n = 0;
		for (pass = 0; pass < 2 && l.n == 0; pass++)
			candidates(&l, &old, pass, type, pass == 0 ? b : k);
		if (l.n > 0)
			buf_printf(why, "%s%s was a unit of %s: the record "
			    "names no district", n++ > 0 ? "; " : " (",
			    cw.name[l.v[0]].full,
			    cw.scope[cw.name[l.v[0]].scope].district);
	}
	if (n > 0)
		buf_addc(why, ')');
	free(l.v);
	free(old.v);
}

/*
 * The new unit of a record in province p, district d and commune c
 * (canonical names; "" when not given), or -(reason + 1) with the reason
 * in why.
 */
static long
resolve(const char *p, const char *d, const char *c, struct buf *why)
{
	struct list sc = { 0 }, l = { 0 };
	struct buf where = { 0 };
	const char *type;
	char *k, *pk;
	size_t i, bare;
	long u = -1;
	int pass, e;

	if (*c == '\0') {
		buf_adds(why, whyname[W_NOCOMMUNE]);
		return -(W_NOCOMMUNE + 1);
	}
	pk = keydup(p, strlen(p));
	for (i = 0; i < hash_count(cw.scopes) &&
	    !inprovince(&cw.scope[i], p, pk); i++)
		;
	if (i == hash_count(cw.scopes)) {
		buf_printf(why, "%s: %s", whyname[W_NOPROVINCE], p);
		u = -(W_NOPROVINCE + 1);
		goto done;
	}
	if (*d != '\0') {
		if ((e = districtscopes(&sc, d, p, pk, why)) < 0) {
			u = e - 1;
			goto done;
		}
		buf_printf(&where, "in %s", cw.scope[sc.v[0]].district);
	} else {
		for (i = 0; i < hash_count(cw.scopes); i++)
			if (cw.scope[i].district == NULL &&
			    inprovince(&cw.scope[i], p, pk))
				listadd(&sc, i);
		buf_adds(&where, "among the new units");
	}
	type = unit_type(c, strlen(c), &bare);
	k = keydup(c + bare, strlen(c + bare));
	for (pass = 0; pass < 2 && l.n == 0; pass++)
		candidates(&l, &sc, pass, type, pass == 0 ? c + bare : k);
	if (l.n == 0) {
		nounit(why, c, type, c + bare, k, &sc, where.p, p, pk);
		u = -(W_NOUNIT + 1);
	} else if (several(&l)) {
		buf_printf(why, "%s: %s %s is ", whyname[W_AMBUNIT], c,
		    where.p);
		saynames(why, &l, " or ", 1);
		u = -(W_AMBUNIT + 1);
	} else
		u = (long)cw.name[l.v[0]].unit;
	free(k);
done:
	free(pk);
	free(sc.v);
	free(l.v);
	buf_free(&where);
	return u;
}

/*
 * Count a record of file, line without a unit: category w, then in v the
 * reason and the canonical province, district and commune (not
 * NUL-terminated); under --strict it is fatal.
 */
static void
unmatched(const char *file, unsigned long line, int w, const struct field *v)
{
	struct buf k = { 0 };
	size_t i, n;
	int added;

	if (opt.strict)
		cbcc_at_errx(file, line, "%.*s", (int)v[0].len, v[0].p);
	um.n[w]++;
	if (um.names == NULL)
		um.names = hash_new();
	for (i = 1; i < 4; i++)
		hash_join(&k, v[i].p, v[i].len);
	n = hash_count(um.names);
	if (n >= MAXLISTED && hash_get(um.names, k.p, k.len) == HASH_NONE) {
		um.more++;
		buf_free(&k);
		return;
	}
	i = hash_put(um.names, k.p, k.len, &added);
	if (added) {
		um.count = xreallocarray(um.count, n + 1, sizeof(*um.count));
		um.why = xreallocarray(um.why, n + 1, sizeof(*um.why));
		um.file = xreallocarray(um.file, n + 1, sizeof(*um.file));
		um.line = xreallocarray(um.line, n + 1, sizeof(*um.line));
		um.count[i] = 0;
		um.why[i] = xmemdup0(v[0].p, v[0].len);
		um.file[i] = xstrdup(file);
		um.line[i] = line;
	}
	um.count[i]++;
	buf_free(&k);
}

/*
 * The unit of the record f, as a string valid until the next call: from
 * the memo of the names met, else resolved (and remembered).  A record
 * without a unit is counted, with the file and line given.
 */
static const char *
unitof(const struct field *f, const char *file, unsigned long line)
{
	static struct memo *memo;
	static struct buf key, why, val;
	static const struct field none = { "", 0 };
	const struct field *p, *d, *c;
	struct field v[4];
	const char *m;
	char *cp, *cd, *cc;
	size_t mlen;
	long u;

	p = hdr.province >= 0 ? &f[hdr.province] : &none;
	d = hdr.district >= 0 ? &f[hdr.district] : &none;
	c = &f[hdr.commune];
	if (memo == NULL)
		memo = memo_new(4096, 256);
	buf_reset(&key);
	hash_join(&key, p->p, p->len);
	hash_join(&key, d->p, d->len);
	hash_join(&key, c->p, c->len);
	if ((m = memo_get(memo, key.p, key.len, &mlen)) == NULL) {
		/* "=unit", or "!" the reason, why and the canonical names. */
		cp = canon(UNIT_PROVINCE, p->p, p->len);
		cd = canon(UNIT_DISTRICT, d->p, d->len);
		cc = canon(UNIT_COMMUNE, c->p, c->len);
		buf_reset(&why);
		buf_reset(&val);
		if ((u = resolve(cp, cd, cc, &why)) >= 0)
			buf_printf(&val, "=%s", cw.unit[u]);
		else {
			buf_printf(&val, "!%c", (int)('0' + (-u - 1)));
			hash_join(&val, why.p, why.len);
			hash_join(&val, cp, strlen(cp));
			hash_join(&val, cd, strlen(cd));
			hash_join(&val, cc, strlen(cc));
		}
		memo_put(memo, key.p, key.len, val.p, val.len);
		free(cp);
		free(cd);
		free(cc);
		m = val.p;
		mlen = val.len;
	}
	if (*m == '=')
		return m + 1;
	hash_split(m + 2, mlen - 2, v, 4);
	unmatched(file, line, m[1] - '0', v);
	return "";
}

/*
 * Take the header of an operand.  The first one sets the output header
 * (with unit appended unless it is there) and must have a commune column;
 * a later one must be the same.  Returns 0 if it differs.
 */
static int
setheader(struct out *o, const char *file, const struct rec *rec)
{
	const char **names;
	size_t i;

	if (hdr.names != NULL) {
		if (rec->nf != hdr.n)
			return 0;
		for (i = 0; i < hdr.n; i++)
			if (rec->f[i].len != strlen(hdr.names[i]) ||
			    memcmp(rec->f[i].p, hdr.names[i],
			    rec->f[i].len) != 0)
				return 0;
		return 1;
	}
	hdr.n = rec->nf;
	hdr.names = xcalloc(hdr.n + 1, sizeof(*hdr.names));
	for (i = 0; i < hdr.n; i++)
		hdr.names[i] = xmemdup0(rec->f[i].p, rec->f[i].len);
	hdr.province = rec_col(rec->f, hdr.n, "province");
	hdr.district = rec_col(rec->f, hdr.n, "district");
	hdr.commune = rec_col(rec->f, hdr.n, "commune");
	hdr.unit = rec_col(rec->f, hdr.n, "unit");
	if (hdr.commune < 0)
		cbcc_at_errx(file, rec->line, "no column commune");
	names = xcalloc(hdr.n + 1, sizeof(*names));
	for (i = 0; i < hdr.n; i++)
		names[i] = hdr.names[i];
	names[hdr.n] = "unit";
	out_header(o, hdr.n + (hdr.unit < 0), names);
	free(names);
	return 1;
}

/* Write the --unmatched table to fp, named path: most records first. */
static void
writeunmatched(FILE *fp, const char *path)
{
	static const char *const cols[] = { "province", "district", "commune",
	    "count", "reason", "file", "line" };
	struct field f[3];
	struct out *o;
	size_t *ord, i, j, n, t, len;
	char num[64];
	const char *key;

	o = out_open(fp, path, FMT_CSV);
	out_header(o, 7, cols);
	n = um.names != NULL ? hash_count(um.names) : 0;
	ord = xcalloc(n, sizeof(*ord));
	for (i = 0; i < n; i++) {
		/* Insertion sort: by count, then first seen. */
		for (j = i; j > 0 && um.count[ord[j - 1]] < um.count[i]; j--)
			ord[j] = ord[j - 1];
		ord[j] = i;
	}
	for (i = 0; i < n; i++) {
		t = ord[i];
		key = hash_key(um.names, t, &len);
		hash_split(key, len, f, 3);
		for (j = 0; j < 3; j++)
			out_field(o, f[j].p, f[j].len);
		snprintf(num, sizeof(num), "%lu", um.count[t]);
		out_str(o, num);
		out_str(o, um.why[t]);
		out_str(o, um.file[t]);
		snprintf(num, sizeof(num), "%lu", um.line[t]);
		out_str(o, num);
		out_end(o);
	}
	if (um.more > 0) {
		/* Names past the table's bound: counted, not listed. */
		for (j = 0; j < 3; j++)
			out_str(o, "");
		snprintf(num, sizeof(num), "%lu", um.more);
		out_str(o, num);
		snprintf(num, sizeof(num), "names past the first %d, not "
		    "listed", MAXLISTED);
		out_str(o, num);
		out_str(o, "");
		out_str(o, "");
		out_end(o);
	}
	free(ord);
	out_close(o);
	cbcc_close(fp, path);
}

/* Report the records without a unit on stderr, by reason. */
static void
summary(const char *unmatchedpath)
{
	struct buf b = { 0 };
	unsigned long total = 0;
	int w;

	for (w = 0; w < NWHY; w++)
		if (um.n[w] > 0) {
			buf_printf(&b, "%s%s %lu", total > 0 ? ", " : "",
			    whyname[w], um.n[w]);
			total += um.n[w];
		}
	if (total > 0)
		cbcc_warnx("%lu record%s without a unit (%s)%s", total,
		    total == 1 ? "" : "s", b.p, unmatchedpath != NULL ? "" :
		    "; --unmatched FILE lists them");
	buf_free(&b);
}

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "crosswalk", required_argument, NULL, 'c' },
		{ "unmatched", required_argument, NULL, OPT_UNMATCHED },
		OPT_COMMON,
		{ NULL, 0, NULL, 0 }
	};
	const char *cwpath = NULL, *unmatchedpath = NULL, *u;
	struct rec_reader *r;
	struct out *o;
	FILE *ufp = NULL;
	struct rec rec;
	size_t i;
	int c, n = 0, first;

	opt_init("cbcc-units", "-c crosswalk [--unmatched file] "
	    "[--format fmt] [--rejects file]\n"
	    "[--strict] [--excel] [file ...]");
	argv[0] = (char *)cbcc_progname;	/* getopt's messages name it too */
	while ((c = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1)
		switch (c) {
		case 'c':
			cwpath = optarg;
			break;
		case OPT_UNMATCHED:
			unmatchedpath = optarg;
			break;
		default:
			opt_common(c, optarg);
		}
	argc -= optind;
	argv += optind;
	if (cwpath == NULL) {
		cbcc_warnx("--crosswalk FILE is required");
		opt_usage();
	}
	loadcrosswalk(cwpath);
	if (unmatchedpath != NULL && (ufp = fopen(unmatchedpath, "w")) == NULL)
		cbcc_err(EXIT_DATA, "%s", unmatchedpath);
	o = opt_output();
	while ((r = opt_operand(argc, argv, &n)) != NULL) {
		first = 1;
		while (rec_next(r, &rec) > 0) {
			if (rec.err != NULL) {
				rej_rec(r, &rec, "%s", rec.err);
				continue;
			}
			if (first) {
				first = 0;
				if (setheader(o, rec_name(r), &rec))
					continue;
				cbcc_at_warnx(rec_name(r), rec.line, "header "
				    "differs from the first file's; file "
				    "skipped");
				cbcc_status = EXIT_DATA;
				break;
			}
			if (rej_bad(r, &rec, hdr.n))
				continue;
			u = unitof(rec.f, rec_name(r), rec.line);
			/* The input columns, the unit in its place or after. */
			i = hdr.unit >= 0 ? (size_t)hdr.unit : rec.nf;
			out_plain(o, rec.f, i, rec_plain(r, &rec));
			out_str(o, u);
			if (i < rec.nf)
				out_plain(o, rec.f + i + 1, rec.nf - i - 1,
				    rec_plain(r, &rec));
			out_end(o);
		}
		rec_close(r);
	}
	out_close(o);
	rej_close();
	if (ufp != NULL)
		writeunmatched(ufp, unmatchedpath);
	summary(unmatchedpath);
	return cbcc_exit();
}
