/*
 * seen.h - a compact set of 64-bit fingerprints, each with the 32-bit value
 * it was first added with: "have I seen this key before, and where?" over
 * millions of records in a few bytes each.
 *
 *	struct seen *s = seen_new();
 *	uint32_t first;
 *	if (seen_put(s, hash_bytes(key, len), line, &first))
 *		...a repeat of the record at line first...
 *
 * Memory: 8 bytes a fingerprint, and up to 1.25 more for the newest ones
 * (at most a 64th of the rest, held whole until they are merged), plus
 * 640 KiB once more than a few thousand are held.  Two keys are taken for one when 48 of the 64 bits of
 * their fingerprints agree: for n keys about n * n / 2^49 such pairs are
 * expected (one in 500 sets of a million keys, one in 50,000 sets of
 * 100,000).
 */
#ifndef SEEN_H
#define SEEN_H

#include <stddef.h>
#include <stdint.h>

struct seen;

struct seen	*seen_new(void);
int		 seen_put(struct seen *, uint64_t fp, uint32_t val,
		    uint32_t *first);
void		 seen_prefetch(const struct seen *, uint64_t fp);
size_t		 seen_count(const struct seen *);
size_t		 seen_bytes(const struct seen *);
void		 seen_free(struct seen *);

#endif /* SEEN_H */
