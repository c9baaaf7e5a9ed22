/*
 * tally.c - the table of counters (see tally.h): rows of cells in one
 * array, cell c of segment s of row r at r * ncell + off[s] + c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "tally.h"

/* An empty table: no rows, no segments, cells of 32 bits. */
struct tally *
tally_new(void)
{
	return xcalloc(1, sizeof(struct tally));
}

/* The bytes of a cell of t. */
static size_t
width(const struct tally *t)
{
	return t->wide ? 8 : 4;
}

/* Cell c (from the start of the array) of t. */
static uint64_t
cell(const struct tally *t, size_t c)
{
	if (t->wide)
		return ((const uint64_t *)(const void *)t->cells)[c];
	return ((const uint32_t *)(const void *)t->cells)[c];
}

/*
 * Lay t out anew with cap[s] = ncap[s] cells for segments 0..nseg (each at
 * least as big as it was; ncap may be t's own) and cells of 64 bits if
 * wide: a new array, every row copied into it segment by segment.
 */
static void
relayout(struct tally *t, size_t nseg, const size_t *ncap, int wide)
{
	unsigned char *cells;
	size_t *off, *cap, ncell = 0, s, r, c, w = wide ? 8 : 4, from, to;

	off = xcalloc(nseg + 1, sizeof(*off));
	for (s = 0; s < nseg; s++) {
		off[s] = ncell;
		ncell += ncap[s];
	}
	if (t->caprow > 0 && ncell > SIZE_MAX / w / t->caprow)
		cbcc_errx(EXIT_DATA, "counters: out of memory");
	cells = t->caprow > 0 ? xcalloc(t->caprow, ncell * w) : NULL;
	for (r = 0; r < t->nrow; r++)
		for (s = 0; s < t->nseg; s++)
			for (c = 0; c < t->cap[s]; c++) {
				from = r * t->ncell + t->off[s] + c;
				to = r * ncell + off[s] + c;
				if (wide)
					((uint64_t *)(void *)cells)[to] =
					    cell(t, from);
				else
					((uint32_t *)(void *)cells)[to] =
					    (uint32_t)cell(t, from);
			}
	cap = xcalloc(nseg + 1, sizeof(*cap));
	memcpy(cap, ncap, nseg * sizeof(*cap));
	free(t->cells);
	free(t->off);
	free(t->cap);
	t->cells = cells;
	t->off = off;
	t->cap = cap;
	t->nseg = nseg;
	t->ncell = ncell;
	t->wide = wide;
}

/*
 * Give segment seg at least n cells.  Before any row exists the segment
 * gets n exactly; afterwards it grows by half at least, since each growth
 * copies the table.
 */
static void
grow(struct tally *t, size_t seg, size_t n)
{
	size_t *ncap, nseg = t->nseg > seg ? t->nseg : seg + 1, s, half;

	ncap = xcalloc(nseg + 1, sizeof(*ncap));
	for (s = 0; s < nseg; s++)
		ncap[s] = s < t->nseg ? t->cap[s] : 0;
	if (ncap[seg] < n) {
		half = t->nrow > 0 ? ncap[seg] + ncap[seg] / 2 + 1 : 0;
		ncap[seg] = n > half ? n : half;
	}
	relayout(t, nseg, ncap, t->wide);
	free(ncap);
}

/* Make room for cell i of segment seg of row row. */
static void
room(struct tally *t, size_t row, size_t seg, size_t i)
{
	size_t cap;

	if (seg >= t->nseg || i >= t->cap[seg])
		grow(t, seg, i + 1);
	if (row < t->nrow)
		return;
	if (row >= t->caprow) {
		cap = t->caprow + t->caprow / 2;
		if (cap < 64)
			cap = 64;
		if (cap <= row)
			cap = row + 1;
		if (t->ncell > 0 && cap > SIZE_MAX / width(t) / t->ncell)
			cbcc_errx(EXIT_DATA, "counters: out of memory");
		t->cells = xrealloc(t->cells, cap * t->ncell * width(t));
		t->caprow = cap;
	}
	memset(t->cells + t->nrow * t->ncell * width(t), 0,
	    (row + 1 - t->nrow) * t->ncell * width(t));
	t->nrow = row + 1;
}

/* Make every cell of t 64 bits wide. */
static void
widen(struct tally *t)
{
	relayout(t, t->nseg, t->cap, 1);
}

/* Reserve ncells cells for segment seg, before rows are added. */
void
tally_reserve(struct tally *t, size_t seg, size_t ncells)
{
	if (seg >= t->nseg || ncells > t->cap[seg])
		grow(t, seg, ncells);
}

/*
 * tally_add when the cell is not there yet or its sum needs 64 bits; out
 * of line, so that tally_add stays small.
 */
void
tally_addslow(struct tally *t, size_t row, size_t seg, size_t i, uint64_t v)
{
	uint64_t *w;
	size_t c;

	if (row >= t->nrow || seg >= t->nseg || i >= t->cap[seg])
		room(t, row, seg, i);
	c = row * t->ncell + t->off[seg] + i;
	if (!t->wide && v <= UINT32_MAX -
	    ((uint32_t *)(void *)t->cells)[c]) {
		((uint32_t *)(void *)t->cells)[c] += (uint32_t)v;
		return;
	}
	if (!t->wide)
		widen(t);
	w = (uint64_t *)(void *)t->cells + c;
	if (*w + v < v)
		cbcc_errx(EXIT_DATA, "a count past %ju", (uintmax_t)UINT64_MAX);
	*w += v;
}

/* Set cell i of segment seg of row row to v. */
void
tally_set(struct tally *t, size_t row, size_t seg, size_t i, uint64_t v)
{
	size_t c;

	if (row >= t->nrow || seg >= t->nseg || i >= t->cap[seg])
		room(t, row, seg, i);
	c = row * t->ncell + t->off[seg] + i;
	if (!t->wide && v > UINT32_MAX)
		widen(t);
	if (t->wide)
		((uint64_t *)(void *)t->cells)[c] = v;
	else
		((uint32_t *)(void *)t->cells)[c] = (uint32_t)v;
}

/* Cell i of segment seg of row row; 0 for a cell never written. */
uint64_t
tally_get(const struct tally *t, size_t row, size_t seg, size_t i)
{
	if (row >= t->nrow || seg >= t->nseg || i >= t->cap[seg])
		return 0;
	return cell(t, row * t->ncell + t->off[seg] + i);
}

/* The cells of a row: what a group costs, in cells. */
size_t
tally_cells(const struct tally *t)
{
	return t->ncell;
}

void
tally_free(struct tally *t)
{
	if (t == NULL)
		return;
	free(t->cells);
	free(t->off);
	free(t->cap);
	free(t);
}
