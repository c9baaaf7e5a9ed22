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

struct tally;

struct tally	*tally_new(void);
void		 tally_reserve(struct tally *, size_t seg, size_t ncells);
void		 tally_add(struct tally *, size_t row, size_t seg, size_t i,
		    uint64_t v);
void		 tally_set(struct tally *, size_t row, size_t seg, size_t i,
		    uint64_t v);
uint64_t	 tally_get(const struct tally *, size_t row, size_t seg,
		    size_t i);
size_t		 tally_cells(const struct tally *);
void		 tally_free(struct tally *);

#endif /* TALLY_H */
