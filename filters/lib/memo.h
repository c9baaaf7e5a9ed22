/*
 * memo.h - a bounded memo of a pure function over short byte strings:
 * key -> value, a fixed number of slots in sets of two, the oldest entry
 * of a set giving way to a new one.  Memory is bounded by the slot count
 * whatever the input, so a streaming filter stays in constant memory.
 * A slot is one line of the cache and keeps a short entry in itself; it
 * holds half its key's hash value, compared with the length before the
 * bytes; memo_put after a missed memo_get of the same key does not hash it
 * again.
 *
 *	struct memo *m = memo_new(4096, 64);
 *	if ((v = memo_get(m, key, klen, &vlen)) == NULL) {
 *		...compute the value...
 *		memo_put(m, key, klen, value, vlen);
 *	}
 */
#ifndef MEMO_H
#define MEMO_H

#include <stddef.h>

struct memo;

struct memo	*memo_new(size_t slots, size_t maxkey);
const char	*memo_get(struct memo *, const void *key, size_t klen,
		    size_t *vlenp);
void		 memo_put(struct memo *, const void *key, size_t klen,
		    const void *val, size_t vlen);
void		 memo_free(struct memo *);

#endif /* MEMO_H */
