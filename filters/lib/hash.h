/*
 * hash.h - a hash table of byte-string keys, numbered densely in the order
 * they were first added, so that callers keep their values in plain arrays
 * indexed by that number.  Used for group tables (memory proportional to
 * the number of distinct keys, not to the number of records).
 *
 *	struct hash *h = hash_new();
 *	size_t i = hash_put(h, key, len, &added);  (0, 1, 2 ... in order)
 *	if (added) ...grow the value array to hash_count(h)...
 */
#ifndef HASH_H
#define HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cbcc.h"
#include "rec.h"

#define HASH_NONE	((size_t)-1)	/* hash_get: no such key */

/*
 * A quick hash of a short key p[0..len), for caches in front of a table:
 * its first and last eight bytes (four, or three single bytes, for a
 * shorter key), its middle eight for a key of over sixteen, and its
 * length.  Cells differ there; keys alike there share a slot, which costs
 * a miss, never a wrong value.  Its top bits are the best mixed: a
 * cache takes its slot from them (hv >> (64 - bits)); a difference in the
 * last byte of a word, as between "2016" and "2017", reaches no lower bit
 * than that byte's.
 */
static inline uint64_t
hash_quick(const void *key, size_t len)
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
 * Append field p[0..len) to a compound key in b: its length, then its
 * bytes, so that no two lists of fields give the same key (hash_split
 * cuts it back into them).
 */
static inline void
hash_join(struct buf *b, const char *p, size_t len)
{
	uint32_t n = (uint32_t)len;

	buf_add(b, &n, sizeof(n));
	buf_add(b, p, len);
}

struct hash;

uint64_t	 hash_bytes(const void *, size_t);
struct hash	*hash_new(void);
size_t		 hash_put(struct hash *, const void *key, size_t len,
		    int *added);
size_t		 hash_get(const struct hash *, const void *key, size_t len);
size_t		 hash_count(const struct hash *);
const char	*hash_key(const struct hash *, size_t i, size_t *lenp);
void		 hash_free(struct hash *);
size_t		 hash_split(const char *key, size_t len, struct field *f,
		    size_t n);

#endif /* HASH_H */
