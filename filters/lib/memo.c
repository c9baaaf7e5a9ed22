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
	size_t		 klen;		/* key length */
	size_t		 vlen;		/* value length */
	size_t		 cap;		/* bytes allocated at p */
	int		 used;		/* holds an entry */
};

struct memo {
	struct slot	*slot;		/* the slots */
	size_t		 nslot;		/* how many, a power of two */
	size_t		 maxkey;	/* longer keys are not remembered */
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

/* The slot of key p[0..len). */
static struct slot *
slotof(struct memo *m, const void *p, size_t len)
{
	return &m->slot[(hash_bytes(p, len) >> 32) & (m->nslot - 1)];
}

/*
 * The value remembered for key[0..klen), NUL-terminated, its length in
 * *vlenp; NULL if there is none.  Valid until the next memo_put.
 */
const char *
memo_get(struct memo *m, const void *key, size_t klen, size_t *vlenp)
{
	struct slot *s;

	if (klen > m->maxkey)
		return NULL;
	s = slotof(m, key, klen);
	if (!s->used || s->klen != klen || memcmp(s->p, key, klen) != 0)
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

	if (klen > m->maxkey)
		return;
	s = slotof(m, key, klen);
	if (s->cap < klen + vlen + 1) {
		s->cap = klen + vlen + 1;
		s->p = xrealloc(s->p, s->cap);
	}
	memcpy(s->p, key, klen);
	if (vlen > 0)
		memcpy(s->p + klen, val, vlen);
	s->p[klen + vlen] = '\0';
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
