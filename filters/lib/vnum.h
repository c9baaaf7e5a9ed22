/*
 * vnum.h - numbers the way Vietnamese official texts write them (DOMAIN.md
 * section 8): a dot between thousands, a comma before the decimals, so
 * 1279 is "1.279" and 64.7 is "64,7".  The one place reports format
 * numbers; text, Markdown and HTML all go through it.
 */
#ifndef VNUM_H
#define VNUM_H

#include <stddef.h>

#include "cbcc.h"

int	 vnum_valid(const char *s, size_t len);
int	 vnum_fmt(struct buf *, const char *s, size_t len);
void	 vnum_int(struct buf *, long long);
void	 vnum_percent(struct buf *, long long num, long long den, int prec);

#endif /* VNUM_H */
