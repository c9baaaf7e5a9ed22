/*
 * lvl.h - the level codes of SPEC section 4: for each dimension its
 * ordered codes (low to high) and the Vietnamese labels reports print.
 * The one table every filter takes them from.
 */
#ifndef LVL_H
#define LVL_H

#include <stddef.h>

struct lvl_dim {
	const char		*name;	 /* dimension: "education" */
	const char		*column; /* column it is counted from */
	const char		*label;	 /* "Trình độ chuyên môn" */
	const char *const	*codes;	 /* codes, low to high */
	const char *const	*labels; /* their labels */
	size_t			 n;	 /* how many codes */
	int			 ordered; /* "L or higher" makes sense */
};

extern const struct lvl_dim lvl_dims[];
extern const size_t lvl_ndims;

const struct lvl_dim *lvl_find(const char *name, size_t len);
int	 lvl_index(const struct lvl_dim *, const char *code, size_t len);
const char *lvl_label(const struct lvl_dim *, const char *code, size_t len);

#endif /* LVL_H */
