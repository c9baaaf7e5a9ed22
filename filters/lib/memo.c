/*
 * memo.c - the bounded memo (see memo.h): a cache of sets of two slots
 * (two-way set-associative), a slot to a line of the cache.  A short
 * entry, key and value, lies in its slot, so that a lookup reads one or
 * two lines of memory side by side; a longer one in a buffer of its own
 * that the slot points to.  Two keys of one set do not push each other
 * out, as they would in slots of one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "memo.h"

#define INLINE	56	/* bytes of an entry kept in its slot */

/* The few lines of a lookup, in its caller: no calls on its way. */
#ifdef __GNUC__
#define HOT	static inline __attribute__((always_inline))
#else
#define HOT	static inline
#endif

struct slot {
	uint32_t	 tag;		/* the hash's low half, odd; 0: empty */
	uint16_t	 klen;		/* key length */
	uint16_t	 vlen;		/* value length */
	union {
		char	 in[INLINE];	/* key, value, NUL: klen+vlen < INLINE */
		char	*out;		/* or the same, allocated */
	} u;
};

struct memo {
	struct slot	*slot;		/* the slots */
	void		*mem;		/* where they are allocated */
	size_t		 nslot;		/* how many, a power of two */
	size_t		 setmask;	/* sets (nslot / 2) less one */
	size_t		 maxkey;	/* longer keys are not remembered */
	const void	*lastkey;	/* the key of the last memo_get */
	size_t		 lastlen;	/* its length */
	uint64_t	 lasthv;	/* and its hash value */
};

/* Whether slot s keeps its entry in itself. */
#define INSLOT(s)	((size_t)(s)->klen + (s)->vlen < INLINE)

/*
 * A memo of slots entries (rounded up to a power of two, two at least) for
 * keys of up to maxkey bytes (at most 65535).
 */
struct memo *
memo_new(size_t slots, size_t maxkey)
{
	struct memo *m = xcalloc(1, sizeof(*m));

	for (m->nslot = 2; m->nslot < slots; m->nslot *= 2)
		;	/* a power of two, for a mask; sets of two */
	/*
	 * A slot to a line of the cache: one slot more, and the first
	 * on a line.  calloc, not memset: the pages of a large memo come
	 * zeroed by the system when first touched, not at start-up.
	 */
	m->mem = xcalloc(m->nslot + 1, sizeof(*m->slot));
	m->slot = (struct slot *)(void *)(((uintptr_t)m->mem + 63) &
	    ~(uintptr_t)63);
	m->setmask = m->nslot / 2 - 1;
	m->maxkey = maxkey < UINT16_MAX ? maxkey : UINT16_MAX;
	return m;
}

/*
 * A quick hash of key p[0..len) for the slots: its first and last eight
 * bytes (four, or three single bytes, for a shorter key), its middle
 * eight for a key of over sixteen, and its length.  Cells differ there;
 * keys alike there share a slot, which costs a miss, never a wrong value.
 */
HOT uint64_t
quickhash(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t a = 0, z = 0, m = 0, h;
	uint32_t a4, z4;

	if (len >= 8) {
		memcpy(&a, p, 8);
		memcpy(&z, p + len - 8, 8);
		if (len > 16)
			memcpy(&m, p + (len - 8) / 2, 8);
	} else if (len >= 4) {
		memcpy(&a4, p, 4);
		memcpy(&z4, p + len - 4, 4);
		a = a4;
		z = z4;
	} else if (len > 0)
		a = p[0] | (uint64_t)p[len / 2] << 8 | (uint64_t)p[len - 1] << 16;
	h = (a ^ len) * 0x9E3779B97F4A7C15ULL;
	h ^= (z ^ m) * 0xC2B2AE3D27D4EB4FULL;
	return h ^ (h >> 29);
}

/*
 * The hash value of key p[0..len): the one memo_get computed when it is
 * asked again for the same bytes at the same place (a miss, then its put).
 * Should the caller have changed those bytes in between, the entry goes
 * into a slot where it is not looked for: lost, never wrong, since a hit
 * compares the bytes.
 */
HOT uint64_t
hashof(struct memo *m, const void *p, size_t len)
{
	if (p != m->lastkey || len != m->lastlen) {
		m->lastkey = p;
		m->lastlen = len;
		m->lasthv = quickhash(p, len);
	}
	return m->lasthv;
}

/*
 * Whether the n bytes at a and b are the same.  Keys are short cells:
 * compared eight bytes at a time, the last eight overlapping the ones
 * before, or in two overlapping half-words, or byte by byte below four,
 * without a call.
 */
HOT int
same(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t x4, y4, u4, v4;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&x4, a, 4);
		memcpy(&y4, b, 4);
		memcpy(&u4, a + n - 4, 4);
		memcpy(&v4, b + n - 4, 4);
		return ((x4 ^ y4) | (u4 ^ v4)) == 0;
	}
	for (; n > 0; n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/*
 * The set of hash value hv, two slots side by side: by its high half (the
 * best mixed bits).  The newer entry of a set is in its first slot.
 */
static struct slot *
setof(struct memo *m, uint64_t hv)
{
	return &m->slot[((hv >> 32) & m->setmask) * 2];
}

/* The tag of hv in its slot: the low half, odd. */
static uint32_t
tagof(uint64_t hv)
{
	return (uint32_t)hv | 1;
}

/* The bytes of slot s, if it holds key[0..klen) (tag t), else NULL. */
HOT const char *
match(const struct slot *s, uint32_t t, const void *key, size_t klen)
{
	const char *p;

	/* The tag and the length first: no compare of bytes that cannot
	 * match. */
	if (s->tag != t || s->klen != klen)
		return NULL;
	p = INSLOT(s) ? s->u.in : s->u.out;
	return same(p, key, klen) ? p : NULL;
}

/*
 * The value remembered for key[0..klen), NUL-terminated, its length in
 * *vlenp; NULL if there is none.  Valid until the next memo_put.
 */
const char *
memo_get(struct memo *m, const void *key, size_t klen, size_t *vlenp)
{
	struct slot *s;
	const char *p;
	uint64_t hv;
	uint32_t t;

	if (klen > m->maxkey)
		return NULL;
	m->lastkey = NULL;	/* hashed afresh: the bytes may be new */
	hv = hashof(m, key, klen);
	s = setof(m, hv);
	t = tagof(hv);
	if ((p = match(s, t, key, klen)) == NULL &&
	    (p = match(++s, t, key, klen)) == NULL)
		return NULL;
	*vlenp = s->vlen;
	return p + klen;
}

/*
 * Remember val[0..vlen) for key[0..klen) in the first slot of its set,
 * the entry there moving to the second in place of the older one; a key
 * longer than the memo's maximum, or a value longer than 65535 bytes, is
 * not remembered.
 */
void
memo_put(struct memo *m, const void *key, size_t klen, const void *val,
    size_t vlen)
{
	struct slot *s;
	uint64_t hv;
	uint32_t t;
	char *p;

	if (klen > m->maxkey || vlen > UINT16_MAX)
		return;
	hv = hashof(m, key, klen);
	s = setof(m, hv);
	t = tagof(hv);
	if (s[0].tag != 0 && (s[0].tag != t || s[0].klen != klen)) {
		if (s[1].tag != 0 && !INSLOT(&s[1]))
			free(s[1].u.out);
		s[1] = s[0];
	} else if (s[0].tag != 0 && !INSLOT(&s[0]))
		free(s[0].u.out);	/* a key like it, or itself, replaced */
	s->klen = (uint16_t)klen;
	s->vlen = (uint16_t)vlen;
	p = INSLOT(s) ? s->u.in : (s->u.out = xmalloc(klen + vlen + 1));
	memcpy(p, key, klen);
	if (vlen > 0)
		memcpy(p + klen, val, vlen);
	p[klen + vlen] = '\0';
	s->tag = t;
}

void
memo_free(struct memo *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nslot; i++)
		if (m->slot[i].tag != 0 && !INSLOT(&m->slot[i]))
			free(m->slot[i].u.out);
	free(m->mem);
	free(m);
}
