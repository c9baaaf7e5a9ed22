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
#include "hash.h"
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
	unsigned	 setbits;	/* nslot / 2 sets: 1 << setbits */
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
	for (m->setbits = 0; (size_t)2 << m->setbits < m->nslot; m->setbits++)
		;
	m->maxkey = maxkey < UINT16_MAX ? maxkey : UINT16_MAX;
	return m;
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
		m->lasthv = hash_quick(p, len);
	}
	return m->lasthv;
}

/*
 * The set of hash value hv, two slots side by side: by its top bits, the
 * best mixed (see hash_quick; two shifts, so that a memo of one set takes
 * none).  The newer entry of a set is in its first slot.
 */
static struct slot *
setof(struct memo *m, uint64_t hv)
{
	return &m->slot[(hv >> (63 - m->setbits) >> 1) * 2];
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
	return bytes_eq(p, key, klen) ? p : NULL;
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
