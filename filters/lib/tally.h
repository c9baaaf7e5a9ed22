/*
 * tally.h - a table of counters for many groups: for each group, numbered
 * densely as hash.h numbers its keys, a row of cells, the row divided into
 * segments (one per dimension counted, or whatever the caller lays out).
 *
 *	struct tally *t = tally_new();
 *	tally_add(t, g, seg, i, 1);	(makes room for row g, segment seg
 *					 and cell i as needed)
 *	v = tally_get(t, g, seg, i);	(0 for a cell never written)
 *
 * The rows lie side by side in one array, so a group costs its cells and
 * nothing else: no pointer, no allocation of its own.  Cells are 32 bits
 * wide until a value needs more; then the whole table becomes 64 bits
 * wide, so counts stay exact up to 2^64 - 1 (tally_add stops the program
 * past that).  A segment asked for a cell beyond its room grows, and every
 * row with it: callers reserve what they know first (tally_reserve) so
 * that this stays rare.
 */
#ifndef TALLY_H
#define TALLY_H

#include <stddef.h>
#include <stdint.h>

/*
 * The table.  Its fields are tally.c's; they are here for tally_add's
 * common case, inline in its callers.
 */
struct tally {
	unsigned char	*cells;		/* caprow rows of ncell cells */
	size_t		 nrow;		/* rows in use, zeroed when added */
	size_t		 caprow;	/* rows allocated */
	size_t		*off;		/* first cell of segment s in a row */
	size_t		*cap;		/* cells of segment s */
	size_t		 nseg;		/* segments */
	size_t		 ncell;		/* cells in a row */
	int		 wide;		/* cells of 64 bits, else 32 */
};

struct tally	*tally_new(void);
void		 tally_reserve(struct tally *, size_t seg, size_t ncells);
void		 tally_addslow(struct tally *, size_t row, size_t seg,
		    size_t i, uint64_t v);
void		 tally_set(struct tally *, size_t row, size_t seg, size_t i,
		    uint64_t v);
uint64_t	 tally_get(const struct tally *, size_t row, size_t seg,
		    size_t i);
size_t		 tally_cells(const struct tally *);
void		 tally_free(struct tally *);

/*
 * Add v to cell i of segment seg of row row.  A sum past 2^64 - 1 is a
 * fatal error (it cannot come from counting records, only from summing
 * absurd aggregates).  The common case, a 32-bit cell that holds the sum,
 * is all this function does itself.
 */
static inline void
tally_add(struct tally *t, size_t row, size_t seg, size_t i, uint64_t v)
{
	uint32_t *n;

	if (row < t->nrow && seg < t->nseg && i < t->cap[seg] && !t->wide) {
		n = (uint32_t *)(void *)t->cells + row * t->ncell +
		    t->off[seg] + i;
		if (v <= UINT32_MAX - *n) {
			*n += (uint32_t)v;
			return;
		}
	}
	tally_addslow(t, row, seg, i, v);
}

#endif /* TALLY_H */
