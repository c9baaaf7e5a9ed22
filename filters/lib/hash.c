/*
 * hash.c - the hash table of byte-string keys (see hash.h): open
 * addressing with linear probing over a power-of-two slot array; keys live
 * in one arena and are numbered in the order they were added.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "hash.h"

struct hash {
	struct buf	 arena;		/* key bytes, each followed by a NUL */
	size_t		*off;		/* key i starts at arena.p + off[i] */
	size_t		*len;		/* and is len[i] bytes long */
	uint64_t	*hv;		/* its hash value */
	size_t		 n;		/* keys */
	size_t		 cap;		/* room in off, len, hv */
	size_t		*slot;		/* key number + 1, or 0 if free */
	size_t		 nslot;		/* slots, a power of two */
};

/*
 * The hash value of p[0..len): a multiplicative hash taking eight bytes a
 * step (the keys are short cells and group keys).  The last step of a key
 * of eight bytes or more reads the eight bytes that end it, overlapping
 * the step before; a shorter key is read in at most three loads.
 */
uint64_t
hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, w;
	uint32_t w4;
	uint16_t w2;
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 < len; i += 8) {
			memcpy(&w, s + i, 8);
			h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
			h ^= h >> 32;
		}
		memcpy(&w, s + len - 8, 8);
	} else {
		w = 0;
		i = 0;
		if (len & 4) {
			memcpy(&w4, s, 4);
			w = w4;
			i = 4;
		}
		if (len & 2) {
			memcpy(&w2, s + i, 2);
			w |= (uint64_t)w2 << (8 * i);
			i += 2;
		}
		if (len & 1)
			w |= (uint64_t)s[i] << (8 * i);
	}
	h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
	h ^= h >> 32;
	h *= 0xC4CEB9FE1A85EC53ULL;
	return h ^ (h >> 29);
}

/* An empty table. */
struct hash *
hash_new(void)
{
	struct hash *h = xcalloc(1, sizeof(*h));

	h->nslot = 64;
	h->slot = xcalloc(h->nslot, sizeof(*h->slot));
	return h;
}

/* The slot where key (hash value hv) is, or the free slot it would go in. */
static size_t
probe(const struct hash *h, const void *key, size_t len, uint64_t hv)
{
	size_t mask = h->nslot - 1, s = (size_t)hv & mask, k;

	while ((k = h->slot[s]) != 0) {
		k--;
		if (h->hv[k] == hv && h->len[k] == len &&
		    bytes_eq(h->arena.p + h->off[k], key, len))
			break;
		s = (s + 1) & mask;
	}
	return s;
}

/* Double the slot array and put every key back. */
static void
grow(struct hash *h)
{
	size_t i, s, mask;

	free(h->slot);
	h->nslot *= 2;
	h->slot = xcalloc(h->nslot, sizeof(*h->slot));
	mask = h->nslot - 1;
	for (i = 0; i < h->n; i++) {
		for (s = (size_t)h->hv[i] & mask; h->slot[s] != 0;
		    s = (s + 1) & mask)
			;
		h->slot[s] = i + 1;
	}
}

/*
 * The number of key[0..len), adding the key if it is new; *added (if not
 * NULL) says whether it was.  Numbers run 0, 1, 2... in order of addition.
 */
size_t
hash_put(struct hash *h, const void *key, size_t len, int *added)
{
	uint64_t hv = hash_bytes(key, len);
	size_t s = probe(h, key, len, hv);

	if (h->slot[s] != 0) {
		if (added != NULL)
			*added = 0;
		return h->slot[s] - 1;
	}
	if (h->n == h->cap) {
		h->cap = h->cap == 0 ? 64 : h->cap * 2;
		h->off = xreallocarray(h->off, h->cap, sizeof(*h->off));
		h->len = xreallocarray(h->len, h->cap, sizeof(*h->len));
		h->hv = xreallocarray(h->hv, h->cap, sizeof(*h->hv));
	}
	h->off[h->n] = h->arena.len;
	h->len[h->n] = len;
	h->hv[h->n] = hv;
	buf_add(&h->arena, key, len);
	buf_addc(&h->arena, '\0');
	h->slot[s] = ++h->n;
	if (h->n * 2 > h->nslot)
		grow(h);
	if (added != NULL)
		*added = 1;
	return h->n - 1;
}

/* The number of key[0..len), or HASH_NONE. */
size_t
hash_get(const struct hash *h, const void *key, size_t len)
{
	size_t s = probe(h, key, len, hash_bytes(key, len));

	return h->slot[s] != 0 ? h->slot[s] - 1 : HASH_NONE;
}

size_t
hash_count(const struct hash *h)
{
	return h->n;
}

/*
 * Key number i, NUL-terminated, its length in *lenp; valid until the next
 * hash_put.
 */
const char *
hash_key(const struct hash *h, size_t i, size_t *lenp)
{
	if (lenp != NULL)
		*lenp = h->len[i];
	return h->arena.p + h->off[i];
}

void
hash_free(struct hash *h)
{
	if (h == NULL)
		return;
	buf_free(&h->arena);
	free(h->off);
	free(h->len);
	free(h->hv);
	free(h->slot);
	free(h);
}

/*
 * Cut a compound key made by hash_join back into at most n fields in f
 * (pointing into key; not NUL-terminated).  Returns the number of fields.
 */
size_t
hash_split(const char *key, size_t len, struct field *f, size_t n)
{
	size_t i = 0, at = 0;
	uint32_t flen;

	while (at + sizeof(flen) <= len && i < n) {
		memcpy(&flen, key + at, sizeof(flen));
		at += sizeof(flen);
		f[i].p = key + at;
		f[i].len = flen;
		at += flen;
		i++;
	}
	return i;
}
