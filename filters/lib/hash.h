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

#include "cbcc.h"
#include "rec.h"

#define HASH_NONE	((size_t)-1)	/* hash_get: no such key */

struct hash;

uint64_t	 hash_bytes(const void *, size_t);
struct hash	*hash_new(void);
size_t		 hash_put(struct hash *, const void *key, size_t len,
		    int *added);
size_t		 hash_get(const struct hash *, const void *key, size_t len);
size_t		 hash_count(const struct hash *);
const char	*hash_key(const struct hash *, size_t i, size_t *lenp);
void		 hash_free(struct hash *);
void		 hash_join(struct buf *, const char *p, size_t len);
size_t		 hash_split(const char *key, size_t len, struct field *f,
		    size_t n);

#endif /* HASH_H */
