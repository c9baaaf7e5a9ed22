/*
 * xwalk.h - the crosswalk of a reorganisation of units (SPEC section 10):
 * CSV with a header naming new_unit, old_unit and old_district (province
 * and other_names optional, other columns ignored), one row per old unit,
 * its names in the canonical form of unit_name.  Every fault is fatal,
 * named by the file and line.
 *
 *	struct xwalk *x = xwalk_open(path);
 *	struct xwalk_row row;
 *	while (xwalk_next(x, &row))
 *		...row.old of row.district became row.new...
 *	xwalk_close(x);
 */
#ifndef XWALK_H
#define XWALK_H

#include "cbcc.h"
#include "rec.h"

struct xwalk;

struct xwalk_row {
	const char	*province;	/* canonical; "" without the column */
	const char	*district;	/* old_district, canonical */
	const char	*old;		/* old_unit, with its type word */
	const char	*new;		/* new_unit, with its type word */
	const struct field *other;	/* the other_names cell, or NULL */
	unsigned long	 line;		/* its line in the file */
};

struct xwalk	*xwalk_open(const char *path);
int		 xwalk_next(struct xwalk *, struct xwalk_row *);
int		 xwalk_hasprov(const struct xwalk *);
const char	*xwalk_path(const struct xwalk *);
void		 xwalk_unit(struct xwalk *, struct buf *, const struct field *,
		    const char *col, const char *deftype, unsigned long line);
void		 xwalk_close(struct xwalk *);

#endif /* XWALK_H */
