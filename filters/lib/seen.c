/*
 * seen.c - the set of fingerprints (see seen.h).
 *
 * New fingerprints go into a small open-addressing table that holds them
 * whole.  When it fills, its entries are sorted and merged into the main
 * array, which holds every older fingerprint as 8 bytes: the low 32 bits
 * and the value.  The main array is sorted by (top 16 bits, low 32 bits);
 * the top 16 bits are not stored but told by a directory of 65,536 bucket
 * offsets, so a lookup is a search in one bucket, which starts where the
 * uniform low bits put the entry.  A merge sorts the recent ones (radix)
 * and moves the main array once from its end (no second copy is held).
 * It happens when the recent ones reach RECENT or a 64th of the main
 * array, whichever is more: a merge costs a pass over the main array, so
 * with a fixed batch the passes would add up to the square of the count.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "seen.h"

#define RECENT	8192		/* fingerprints held whole before a merge, */
#define RECENTPART 64		/* or this part of the main array if more */
#define NBUCKET	65536		/* buckets of the main array: top 16 bits */

struct recent {
	uint64_t	 fp;		/* the fingerprint, 0 if the slot is free */
	uint32_t	 val;		/* its value */
};

struct old {
	uint32_t	 lo;		/* low 32 bits of the fingerprint */
	uint32_t	 val;		/* its value */
};

struct seen {
	struct recent	*tab;		/* the recent ones, open addressing */
	size_t		 ntab;		/* slots of tab, a power of two */
	size_t		 nrecent;	/* fingerprints in tab */
	int		 zero;		/* fingerprint 0 was added */
	uint32_t	 zeroval;	/* with this value */
	struct old	*main;		/* the older ones, sorted */
	size_t		 nmain;		/* how many */
	uint32_t	*dir;		/* bucket b is main[dir[b]..dir[b + 1]) */
	struct recent	*tmp;		/* scratch of a merge's sort */
	size_t		 ntmp;		/* its room */
};

struct seen *
seen_new(void)
{
	struct seen *s = xcalloc(1, sizeof(*s));

	s->ntab = 64;
	s->tab = xcalloc(s->ntab, sizeof(*s->tab));
	return s;
}

void
seen_free(struct seen *s)
{
	if (s == NULL)
		return;
	free(s->tab);
	free(s->main);
	free(s->dir);
	free(s->tmp);
	free(s);
}

/* The number of fingerprints held. */
size_t
seen_count(const struct seen *s)
{
	return s->nmain + s->nrecent + (size_t)s->zero;
}

/* The bytes held by s, for the benchmark and the man page's figure. */
size_t
seen_bytes(const struct seen *s)
{
	return sizeof(*s) + s->ntab * sizeof(*s->tab) + s->nmain *
	    sizeof(*s->main) + (s->dir != NULL ? (NBUCKET + 1) *
	    sizeof(*s->dir) : 0) + s->ntmp * sizeof(*s->tmp);
}

/* The slot of fp in the recent table, or the free one it would take. */
static size_t
slot(const struct seen *s, uint64_t fp)
{
	size_t mask = s->ntab - 1, i = (size_t)(fp ^ fp >> 32) & mask;

	while (s->tab[i].fp != 0 && s->tab[i].fp != fp)
		i = (i + 1) & mask;
	return i;
}

/*
 * The index in the main array where a search for fp starts: the low 32
 * bits of the fingerprints are uniform, so the entry sits near the same
 * fraction of its bucket as fp's low bits of 2^32.  One guess and a short
 * walk touch a cache line or two where a binary search touches five.
 */
static size_t
guess(const struct seen *s, uint64_t fp)
{
	size_t b = (size_t)(fp >> 48), lo = s->dir[b], n = s->dir[b + 1] - lo;

	return lo + (size_t)(((uint64_t)(uint32_t)fp * n) >> 32);
}

/*
 * The first index of main[lo..hi), a part of fp's bucket, whose low bits
 * are not below fp's, or hi.  From the guess, a few steps; if they do not
 * reach it (the bucket's bits are not spread as hashes are), a binary
 * search of the side left.
 */
static size_t
search(const struct seen *s, uint64_t fp, size_t lo, size_t hi)
{
	uint32_t want = (uint32_t)fp;
	size_t i, mid, step = 0;

	if (lo >= hi)
		return hi;
	i = guess(s, fp);
	if (i < lo)
		i = lo;
	if (i >= hi)
		i = hi - 1;
	if (s->main[i].lo < want) {
		while (++i < hi && s->main[i].lo < want)
			if (++step == 8) {
				lo = i + 1;
				goto bisect;
			}
		return i;
	}
	while (i > lo && s->main[i - 1].lo >= want) {
		i--;
		if (++step == 8) {
			hi = i;
			goto bisect;
		}
	}
	return i;
bisect:
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->main[mid].lo < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether the main array holds fp; if so, *val gets its value. */
static int
inmain(const struct seen *s, uint64_t fp, uint32_t *val)
{
	size_t b = (size_t)(fp >> 48), i;

	if (s->dir == NULL)
		return 0;
	i = search(s, fp, s->dir[b], s->dir[b + 1]);
	if (i < s->dir[b + 1] && s->main[i].lo == (uint32_t)fp) {
		*val = s->main[i].val;
		return 1;
	}
	return 0;
}

/*
 * Start loading the memory a seen_put of fp will read, so that the
 * lookups of the keys of one record wait for memory together rather than
 * one after the other.  Only a hint: it changes nothing.
 */
void
seen_prefetch(const struct seen *s, uint64_t fp)
{
#ifdef __GNUC__
	const struct recent *r = &s->tab[(size_t)(fp ^ fp >> 32) &
	    (s->ntab - 1)];

	__builtin_prefetch(r);
	if (s->dir != NULL && s->dir[fp >> 48] < s->dir[(fp >> 48) + 1])
		__builtin_prefetch(&s->main[guess(s, fp)]);
#else
	(void)s;
	(void)fp;
#endif
}

/*
 * The index of the first of the main array's entries below end that comes
 * after fingerprint fp (by its top 16 bits, then its low 32): where fp
 * goes among them.  fp is not among them (seen_put looked).
 */
static size_t
lower(const struct seen *s, uint64_t fp, size_t end)
{
	size_t b = (size_t)(fp >> 48), lo = s->dir[b], hi = s->dir[b + 1];

	if (lo > end)
		return end;
	return search(s, fp, lo, hi < end ? hi : end);
}

/*
 * Sort r[0..n) in the order of the main array, by the top 16 bits and then
 * the low 32, with tmp[0..n) for scratch: a radix sort on those six bytes,
 * the lowest first.
 */
static void
sortrecent(struct recent *r, struct recent *tmp, size_t n)
{
	static const int shift[] = { 0, 8, 16, 24, 48, 56 };
	struct recent *from = r, *to = tmp, *t;
	size_t count[256], i, sum, c;
	int pass;

	for (pass = 0; pass < 6; pass++) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(from[i].fp >> shift[pass]) & 0xFF]++;
		for (i = 0, sum = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i].fp >> shift[pass]) & 0xFF]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	/* Six passes: the sorted entries are back in r. */
}

/* Move the recent fingerprints into the main array. */
static void
merge(struct seen *s)
{
	struct recent *r = s->tab;
	size_t i, j, k, p, n = 0, b;

	if (s->dir == NULL)
		s->dir = xcalloc(NBUCKET + 1, sizeof(*s->dir));
	/* The recent ones, packed at the start of tab and sorted. */
	for (i = 0; i < s->ntab; i++)
		if (r[i].fp != 0)
			r[n++] = r[i];
	if (s->ntmp < n) {
		free(s->tmp);
		s->ntmp = n;
		s->tmp = xcalloc(s->ntmp, sizeof(*s->tmp));
	}
	sortrecent(r, s->tmp, n);
	/*
	 * Merge from the ends into the grown main array: each new entry, the
	 * last first, goes after the old ones of its bucket that are lower,
	 * and the old ones above it move up in one block.
	 */
	s->main = xreallocarray(s->main, s->nmain + n, sizeof(*s->main));
	i = s->nmain;
	k = s->nmain + n;
	for (j = n; j-- > 0;) {
		p = lower(s, r[j].fp, i);
		memmove(s->main + k - (i - p), s->main + p, (i - p) *
		    sizeof(*s->main));
		k -= i - p;
		i = p;
		s->main[--k].lo = (uint32_t)r[j].fp;
		s->main[k].val = r[j].val;
	}
	/* Each bucket starts later by the new entries of the ones before. */
	for (b = 0, j = 0; b <= NBUCKET; b++) {
		while (j < n && (size_t)(r[j].fp >> 48) < b)
			j++;
		s->dir[b] += (uint32_t)j;
	}
	s->nmain += n;
	memset(s->tab, 0, s->ntab * sizeof(*s->tab));
	s->nrecent = 0;
}

/* Double the recent table and put its fingerprints back. */
static void
grow(struct seen *s)
{
	struct recent *old = s->tab;
	size_t i, n = s->ntab;

	s->ntab *= 2;
	s->tab = xcalloc(s->ntab, sizeof(*s->tab));
	for (i = 0; i < n; i++)
		if (old[i].fp != 0)
			s->tab[slot(s, old[i].fp)] = old[i];
	free(old);
}

/*
 * Add fingerprint fp with value val and return 0; or, if fp is held
 * already, return 1 with its first value in *first and add nothing.
 */
int
seen_put(struct seen *s, uint64_t fp, uint32_t val, uint32_t *first)
{
	size_t i;

	if (fp == 0) {		/* 0 marks a free slot: kept aside */
		if (s->zero) {
			*first = s->zeroval;
			return 1;
		}
		s->zero = 1;
		s->zeroval = val;
		return 0;
	}
	seen_prefetch(s, fp);
	i = slot(s, fp);
	if (s->tab[i].fp == fp) {
		*first = s->tab[i].val;
		return 1;
	}
	if (inmain(s, fp, first))
		return 1;
	s->tab[i].fp = fp;
	s->tab[i].val = val;
	if (++s->nrecent >= RECENT && s->nrecent >= s->nmain / RECENTPART)
		merge(s);
	else if (s->nrecent * 2 > s->ntab)
		grow(s);
	return 0;
}
