/*
 * memo.c - the bounded memo (see memo.h): a direct-mapped cache; each slot
 * holds one key and its value in a buffer of its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "hash.h"
#include "memo.h"

struct slot {
	char		*p;		/* key bytes, then value bytes, a NUL */
	uint64_t	 hv;		/* the key's hash value */
	size_t		 klen;		/* key length */
	size_t		 vlen;		/* value length */
	size_t		 cap;		/* bytes allocated at p */
	int		 used;		/* holds an entry */
};

struct memo {
	struct slot	*slot;		/* the slots */
	size_t		 nslot;		/* how many, a power of two */
	size_t		 maxkey;	/* longer keys are not remembered */
	const void	*lastkey;	/* the key of the last memo_get */
	size_t		 lastlen;	/* its length */
	uint64_t	 lasthv;	/* and its hash value */
};

/*
 * A memo of slots entries (rounded up to a power of two) for keys of up to
 * maxkey bytes.
 */
struct memo *
memo_new(size_t slots, size_t maxkey)
{
	struct memo *m = xcalloc(1, sizeof(*m));

	for (m->nslot = 1; m->nslot < slots; m->nslot *= 2)
		;	/* a power of two, for a mask */
	m->slot = xcalloc(m->nslot, sizeof(*m->slot));
	m->maxkey = maxkey;
	return m;
}

/*
 * The hash value of key p[0..len): the one memo_get computed when it is
 * asked again for the same bytes at the same place (a miss, then its put).
 * Should the caller have changed those bytes in between, the entry goes
 * into a slot where it is not looked for: lost, never wrong, since a hit
 * compares the bytes.
 */
static uint64_t
hashof(struct memo *m, const void *p, size_t len)
{
	if (p != m->lastkey || len != m->lastlen) {
		m->lastkey = p;
		m->lastlen = len;
		m->lasthv = hash_bytes(p, len);
	}
	return m->lasthv;
}

/* The slot of hash value hv. */
/*
 * Whether the n bytes at a and b are the same.  Keys are short cells: up
 * to sixteen bytes are compared in two overlapping eight-byte words, or
 * fewer for a shorter key, without a call.
 */
static int
same(const char *a, const char *b, size_t n)
{
	uint64_t x, y, u, v;
	uint32_t x4, y4;

	if (n > 16)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(&u, a + n - 8, 8);
		memcpy(&v, b + n - 8, 8);
		return ((x ^ y) | (u ^ v)) == 0;
	}
	if (n >= 4) {
		memcpy(&x4, a, 4);
		memcpy(&y4, b, 4);
		u = x4 ^ y4;
		memcpy(&x4, a + n - 4, 4);
		memcpy(&y4, b + n - 4, 4);
		return (u | (x4 ^ y4)) == 0;
	}
	for (; n > 0; n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static struct slot *
slotof(struct memo *m, uint64_t hv)
{
	return &m->slot[(hv >> 32) & (m->nslot - 1)];
}

/*
 * The value remembered for key[0..klen), NUL-terminated, its length in
 * *vlenp; NULL if there is none.  Valid until the next memo_put.
 */
const char *
memo_get(struct memo *m, const void *key, size_t klen, size_t *vlenp)
{
	struct slot *s;
	uint64_t hv;

	if (klen > m->maxkey)
		return NULL;
	m->lastkey = NULL;	/* hashed afresh: the bytes may be new */
	hv = hashof(m, key, klen);
	s = slotof(m, hv);
	/* The hash value and the length first: no compare of bytes that
	 * cannot match. */
	if (!s->used || s->hv != hv || s->klen != klen ||
	    !same(s->p, key, klen))
		return NULL;
	*vlenp = s->vlen;
	return s->p + klen;
}

/*
 * Remember val[0..vlen) for key[0..klen), in place of what the slot held;
 * a key longer than the memo's maximum is not remembered.
 */
void
memo_put(struct memo *m, const void *key, size_t klen, const void *val,
    size_t vlen)
{
	struct slot *s;
	uint64_t hv;

	if (klen > m->maxkey)
		return;
	hv = hashof(m, key, klen);
	s = slotof(m, hv);
	if (s->cap < klen + vlen + 1) {
		s->cap = klen + vlen + 1;
		s->p = xrealloc(s->p, s->cap);
	}
	memcpy(s->p, key, klen);
	if (vlen > 0)
		memcpy(s->p + klen, val, vlen);
	s->p[klen + vlen] = '\0';
	s->hv = hv;
	s->klen = klen;
	s->vlen = vlen;
	s->used = 1;
}

void
memo_free(struct memo *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nslot; i++)
		free(m->slot[i].p);
	free(m->slot);
	free(m);
}
