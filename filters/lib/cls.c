/*
 * cls.c - free-text qualifications to level codes (see cls.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "cls.h"
#include "hash.h"
#include "lvl.h"
#include "out.h"
#include "text.h"

#define MAXDIM		16	/* more than lvl_ndims */
#define CACHEMAX	4096	/* cells remembered before the cache restarts */
#define KEYFLAGS	(TEXT_KEY_YI | TEXT_KEY_PUNCT)

enum {
	CODE_IGNORE = -2,	/* consumes its words, counts nothing */
	CODE_STUDYING = -3,	/* cancels the qualification beside it */
	CODE_OTHER = -4		/* another kind of certificate: cancels the
				 * levels after it, or else the one before */
};

struct rule {
	const char	*file;	/* rule file, for messages */
	unsigned long	 line;	/* its line */
	int		 dim;	/* index in lvl_dims */
	int		 code;	/* rank in the dimension, or CODE_* */
	char		*phrase;	/* the phrase as written */
	unsigned long	 hits;	/* cells it matched (when counting) */
};

struct word {
	size_t		 off;	/* offset in the key buffer */
	size_t		 len;	/* length; 0: a boundary between parts */
};

struct match {
	size_t		 rule;	/* index in cls.r */
	int		 off;	/* cancelled by a studying phrase */
};

struct cls {
	struct rule	*r;		/* the rules, in file order */
	size_t		 nr;		/* how many */
	char		**files;	/* rule file names */
	size_t		 nfiles;	/* how many */
	struct hash	*phrases;	/* (dim, phrase key), numbered as r */
	size_t		 maxw[MAXDIM];	/* longest phrase, in words */
	size_t		 nrules[MAXDIM]; /* rules of each dimension */
	struct hash	*cache;		/* (dim, cell) seen lately */
	signed char	*lvl;		/* their levels */
	struct hash	*miss;		/* (dim, cell) not recognised */
	unsigned long	*nmiss;		/* their counts */
	size_t		 missed;	/* nmiss allocated */
	struct buf	 dk;		/* a table key being built */
	int		 counting;	/* count rule hits, no cache */
	struct buf	 key;		/* folded parts of a cell */
	struct word	*w;		/* their words */
	size_t		 nw, wcap;	/* words used, allocated */
	struct match	*m;		/* matches in one part */
	size_t		 mcap;		/* allocated */
};

/*
 * The key of (dim, p[0..len)) in the tables: a byte for the dimension,
 * then the text.  Valid until the next call.
 */
static const char *
dkey(struct cls *c, int dim, const char *p, size_t len, size_t *klen)
{
	buf_reset(&c->dk);
	buf_addc(&c->dk, dim);
	buf_add(&c->dk, p, len);
	*klen = c->dk.len;
	return c->dk.p;
}

/* A new, empty rule set. */
struct cls *
cls_new(void)
{
	struct cls *c = xcalloc(1, sizeof(struct cls));

	c->phrases = hash_new();
	c->cache = hash_new();
	c->lvl = xcalloc(CACHEMAX, sizeof(*c->lvl));
	c->miss = hash_new();
	return c;
}

/* Forget the cells seen (the cache is bounded, and rules may change). */
static void
forget(struct cls *c)
{
	hash_free(c->cache);
	c->cache = hash_new();
}

/* Whether d is a dimension of qualification text: its column is NAME_level. */
int
cls_dim(const struct lvl_dim *d)
{
	size_t n;

	if (d == NULL)
		return 0;
	n = strlen(d->name);
	return strncmp(d->column, d->name, n) == 0 &&
	    strcmp(d->column + n, "_level") == 0;
}

/*
 * The names of the dimensions of qualification text, "education,
 * political_theory, ..." with last between the last two.  Static.
 */
const char *
cls_dimnames(const char *last)
{
	static struct buf b;
	size_t i, n = 0, k = 0;

	for (i = 0; i < lvl_ndims; i++)
		n += cls_dim(&lvl_dims[i]);
	buf_reset(&b);
	for (i = 0; i < lvl_ndims; i++) {
		if (!cls_dim(&lvl_dims[i]))
			continue;
		if (k > 0)
			buf_adds(&b, k + 1 == n ? last : ", ");
		buf_adds(&b, lvl_dims[i].name);
		k++;
	}
	return b.p;
}

/* How many rules d has. */
size_t
cls_nrules(const struct cls *c, const struct lvl_dim *d)
{
	return c->nrules[d - lvl_dims];
}

/*
 * Whether p[i] separates two qualifications: ; , + / and line breaks, but
 * not the slash between two digits ("12/12", "bậc 3/6").
 */
static int
issep(const char *p, size_t len, size_t i)
{
	switch (p[i]) {
	case ';':
	case ',':
	case '+':
	case '\n':
	case '\r':
		return 1;
	case '/':
		return !(i > 0 && i + 1 < len && p[i - 1] >= '0' &&
		    p[i - 1] <= '9' && p[i + 1] >= '0' && p[i + 1] <= '9');
	default:
		return 0;
	}
}

/* Append a word (len 0: a boundary) to the words of the cell. */
static void
addword(struct cls *c, size_t off, size_t len)
{
	if (c->nw == c->wcap) {
		c->wcap = c->wcap ? c->wcap * 2 : 32;
		c->w = xreallocarray(c->w, c->wcap, sizeof(*c->w));
	}
	c->w[c->nw].off = off;
	c->w[c->nw].len = len;
	c->nw++;
}

/*
 * Fold p[0..len), one part of a cell, into c->key and its words into c->w,
 * the word "và" as a boundary, and a boundary after it.
 */
static void
addpart(struct cls *c, const char *p, size_t len)
{
	size_t i, start = c->key.len, w;

	text_key(&c->key, p, len, KEYFLAGS);
	for (i = start; i < c->key.len; i = w + 1) {
		for (w = i; w < c->key.len && c->key.p[w] != ' '; w++)
			;
		if (w - i == 2 && memcmp(c->key.p + i, "va", 2) == 0)
			addword(c, i, 0);
		else if (w > i)
			addword(c, i, w - i);
	}
	addword(c, c->key.len, 0);
	buf_addc(&c->key, ' ');
}

/* Split p[0..len) into parts and fold them into c->key and c->w. */
static void
fold(struct cls *c, const char *p, size_t len)
{
	size_t i, start = 0;

	buf_reset(&c->key);
	c->nw = 0;
	for (i = 0; i <= len; i++)
		if (i == len || issep(p, len, i)) {
			addpart(c, p + start, i - start);
			start = i + 1;
		}
}

/* Error out on a bad rule, naming its file and line. */
#define BAD(...)	cbcc_at_errx(file, line, __VA_ARGS__)

/* Add the rule "code phrase" of dimension dim, read at file:line. */
static void
addrule(struct cls *c, const char *file, unsigned long line, int dim,
    const char *code, const char *phrase)
{
	const struct lvl_dim *d = &lvl_dims[dim];
	struct rule *r;
	const char *k;
	size_t i, nw, klen, idx;
	int lvl, added;

	if (strcmp(code, "ignore") == 0)
		lvl = CODE_IGNORE;
	else if (strcmp(code, "studying") == 0)
		lvl = CODE_STUDYING;
	else if (strcmp(code, "other") == 0)
		lvl = CODE_OTHER;
	else if ((lvl = lvl_index(d, code, strlen(code))) < 0)
		BAD("'%s' is not a level of %s", code, d->name);
	for (i = 0; phrase[i] != '\0'; i++)
		if (issep(phrase, strlen(phrase), i))
			BAD("phrase '%s' holds '%c', which separates "
			    "qualifications", phrase, phrase[i]);
	fold(c, phrase, strlen(phrase));
	if (c->nw == 1)
		BAD("phrase '%s' has no letter or digit", phrase);
	for (i = 0, nw = 0; i < c->nw - 1; i++, nw++)
		if (c->w[i].len == 0)
			BAD("phrase '%s' holds 'và', which separates "
			    "qualifications", phrase);
	/* The key of the phrase: its words, one space between them. */
	k = dkey(c, dim, c->key.p, c->key.len - 1, &klen);
	idx = hash_put(c->phrases, k, klen, &added);
	if (!added) {
		r = &c->r[idx];
		BAD("phrase '%s' is the same as '%s' at %s:%lu", phrase,
		    r->phrase, r->file, r->line);
	}
	c->r = xreallocarray(c->r, c->nr + 1, sizeof(*c->r));
	r = &c->r[c->nr++];
	r->file = file;
	r->line = line;
	r->dim = dim;
	r->code = lvl;
	r->phrase = xstrdup(phrase);
	r->hits = 0;
	if (nw > c->maxw[dim])
		c->maxw[dim] = nw;
	c->nrules[dim]++;
}

/*
 * Read the rules in text[0..len), named file in messages: "[dimension]"
 * lines open a section, other lines are "code phrase", # starts a comment.
 * A bad line is fatal (status 1) with its file and line.
 */
void
cls_load(struct cls *c, const char *file, const char *text, size_t len)
{
	struct buf l = { 0 };
	const struct lvl_dim *d;
	unsigned long line = 0;
	size_t i = 0, n, k;
	char *s, *e, *code;
	int dim = -1;

	c->files = xreallocarray(c->files, c->nfiles + 1, sizeof(*c->files));
	file = c->files[c->nfiles++] = xstrdup(file);
	forget(c);		/* answers of the old rules */
	while (i < len) {
		line++;
		for (n = i; n < len && text[n] != '\n'; n++)
			;
		if (memchr(text + i, '\0', n - i) != NULL)
			BAD("NUL byte in a rule");
		buf_reset(&l);
		buf_add(&l, text + i, n - i);
		i = n + 1;
		if ((s = strchr(l.p, '#')) != NULL)
			*s = '\0';
		for (s = l.p; *s == ' ' || *s == '\t' || *s == '\r'; s++)
			;
		for (e = s + strlen(s); e > s && (e[-1] == ' ' ||
		    e[-1] == '\t' || e[-1] == '\r'); e--)
			;
		*e = '\0';
		if (*s == '\0')
			continue;
		if (*s == '[') {
			if (e[-1] != ']' || e - s < 3)
				BAD("bad section line '%s'", s);
			d = lvl_find(s + 1, (size_t)(e - s - 2));
			if (d == NULL || !cls_dim(d))
				BAD("unknown section '%s' (%s)", s,
				    cls_dimnames(" or "));
			dim = (int)(d - lvl_dims);
			continue;
		}
		if (dim < 0)
			BAD("rule before the first [section]");
		code = s;
		k = strcspn(s, " \t");
		if (s[k] == '\0')
			BAD("rule '%s' has no phrase", s);
		s[k] = '\0';
		for (s += k + 1; *s == ' ' || *s == '\t'; s++)
			;
		addrule(c, file, line, dim, code, s);
	}
	buf_free(&l);
}

/*
 * The level of the cell p[0..len) in dimension dim, by the rules: the
 * highest level named and not being studied, or -1.
 */
static int
classify(struct cls *c, int dim, const char *p, size_t len)
{
	struct rule *r;
	const char *k;
	size_t s, end, i, j, L, nm, off, klen, idx = HASH_NONE;
	int lvl = -1, found, code;

	fold(c, p, len);
	for (s = 0; s < c->nw; s = end + 1) {
		for (end = s; end < c->nw && c->w[end].len > 0; end++)
			;
		/* The words of one part, [s, end): longest phrases first. */
		nm = 0;
		for (i = s; i < end; i += L > 0 ? L : 1) {
			L = end - i < c->maxw[dim] ? end - i : c->maxw[dim];
			for (idx = HASH_NONE; L > 0; L--) {
				off = c->w[i].off;
				klen = c->w[i + L - 1].off +
				    c->w[i + L - 1].len - off;
				k = dkey(c, dim, c->key.p + off, klen, &klen);
				idx = hash_get(c->phrases, k, klen);
				if (idx != HASH_NONE)
					break;
			}
			if (idx == HASH_NONE)
				continue;
			if (nm == c->mcap) {
				c->mcap = c->mcap ? c->mcap * 2 : 8;
				c->m = xreallocarray(c->m, c->mcap,
				    sizeof(*c->m));
			}
			c->m[nm].rule = idx;
			c->m[nm].off = 0;
			nm++;
		}
		/* A studying phrase cancels the next qualification, or else
		 * the one before it; an "other" phrase every qualification
		 * after it, or else the one before it. */
		for (i = 0; i < nm; i++) {
			code = c->r[c->m[i].rule].code;
			if (code != CODE_STUDYING && code != CODE_OTHER)
				continue;
			found = 0;
			for (j = i + 1; j < nm && (!found ||
			    code == CODE_OTHER); j++)
				if (c->r[c->m[j].rule].code >= 0 &&
				    !c->m[j].off)
					c->m[j].off = found = 1;
			for (j = i; j-- > 0 && !found;)
				if (c->r[c->m[j].rule].code >= 0 &&
				    !c->m[j].off)
					c->m[j].off = found = 1;
		}
		for (i = 0; i < nm; i++) {
			r = &c->r[c->m[i].rule];
			if (c->counting)
				r->hits++;
			if (r->code > lvl && !c->m[i].off)
				lvl = r->code;
		}
	}
	return lvl;
}

/*
 * The level of cell p[0..len) in dimension d: a rank in d's codes, or -1
 * for unknown (empty, or no rule names a level).  Cells already seen are
 * answered from a bounded cache, unless rule hits are being counted.
 */
int
cls_match(struct cls *c, const struct lvl_dim *d, const char *p, size_t len)
{
	int dim = (int)(d - lvl_dims), lvl, added;
	const char *k;
	size_t klen, i;

	if (!c->counting) {
		k = dkey(c, dim, p, len, &klen);
		if ((i = hash_get(c->cache, k, klen)) != HASH_NONE)
			return c->lvl[i];
	}
	lvl = classify(c, dim, p, len);
	if (!c->counting) {
		if (hash_count(c->cache) >= CACHEMAX)
			forget(c);
		k = dkey(c, dim, p, len, &klen);
		i = hash_put(c->cache, k, klen, &added);
		c->lvl[i] = (signed char)lvl;
	}
	return lvl;
}

/* Count the cells each rule matches (on), which turns the cache off. */
void
cls_count(struct cls *c, int on)
{
	c->counting = on;
}

/* Write the rules with their hit counts: file,line,dimension,level,phrase,hits. */
void
cls_hits(const struct cls *c, struct out *o)
{
	static const char *const cols[] = { "file", "line", "dimension",
	    "level", "phrase", "hits" };
	const struct rule *r;
	char num[32];
	size_t i;

	out_header(o, 6, cols);
	for (i = 0; i < c->nr; i++) {
		r = &c->r[i];
		out_str(o, r->file);
		snprintf(num, sizeof(num), "%lu", r->line);
		out_str(o, num);
		out_str(o, lvl_dims[r->dim].name);
		out_str(o, r->code == CODE_IGNORE ? "ignore" :
		    r->code == CODE_STUDYING ? "studying" :
		    r->code == CODE_OTHER ? "other" :
		    lvl_dims[r->dim].codes[r->code]);
		out_str(o, r->phrase);
		snprintf(num, sizeof(num), "%lu", r->hits);
		out_str(o, num);
		out_end(o);
	}
}

/* Count one more unrecognised cell p[0..len) of dimension d. */
void
cls_tally(struct cls *c, const struct lvl_dim *d, const char *p, size_t len)
{
	const char *k;
	size_t klen, i;
	int added;

	k = dkey(c, (int)(d - lvl_dims), p, len, &klen);
	i = hash_put(c->miss, k, klen, &added);
	if (i >= c->missed) {
		c->missed = c->missed ? c->missed * 2 : 64;
		c->nmiss = xreallocarray(c->nmiss, c->missed,
		    sizeof(*c->nmiss));
	}
	if (added)
		c->nmiss[i] = 0;
	c->nmiss[i]++;
}

/* An unrecognised cell, for sorting. */
struct miss {
	const char	*p;	/* its text */
	size_t		 len;	/* length */
	int		 dim;	/* its dimension */
	unsigned long	 n;	/* how many times */
};

/* Most frequent first, then by text, then by dimension. */
static int
bycount(const void *a, const void *b)
{
	const struct miss *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int cmp;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if ((cmp = memcmp(x->p, y->p, n)) != 0)
		return cmp;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->dim - y->dim;
}

/* Write the tallied cells: column,text,count, most frequent first. */
void
cls_unmatched(const struct cls *c, struct out *o)
{
	static const char *const cols[] = { "column", "text", "count" };
	size_t i, n = hash_count(c->miss), len;
	struct miss *v;
	const char *k;
	char num[32];

	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		k = hash_key(c->miss, i, &len);
		v[i].dim = (unsigned char)k[0];
		v[i].p = k + 1;
		v[i].len = len - 1;
		v[i].n = c->nmiss[i];
	}
	qsort(v, n, sizeof(*v), bycount);
	out_header(o, 3, cols);
	for (i = 0; i < n; i++) {
		out_str(o, lvl_dims[v[i].dim].name);
		out_field(o, v[i].p, v[i].len);
		snprintf(num, sizeof(num), "%lu", v[i].n);
		out_str(o, num);
		out_end(o);
	}
	free(v);
}

void
cls_free(struct cls *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nr; i++)
		free(c->r[i].phrase);
	free(c->r);
	for (i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	hash_free(c->phrases);
	hash_free(c->cache);
	free(c->lvl);
	hash_free(c->miss);
	free(c->nmiss);
	buf_free(&c->dk);
	buf_free(&c->key);
	free(c->w);
	free(c->m);
	free(c);
}
