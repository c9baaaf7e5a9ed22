/*
 * num.h - exact decimal arithmetic on counts: shares as percentages rounded
 * half away from zero, computed on integers only (no binary floating
 * point), and the parsing of counts read back from aggregates.
 */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>

#include "cbcc.h"

#define NUM_MAX		1000000000000000LL	/* 10^15: largest count */
#define NUM_MAXPREC	6			/* most decimals */

struct rec_reader;
struct rec;
struct field;

const char *num_parse(const char *p, size_t len, long long *vp);
int	 num_field(struct rec_reader *, const struct rec *,
	    const struct field *, const char *name, long long *vp);
void	 num_percent(struct buf *, long long n, long long d, int prec);
void	 num_pp(struct buf *, long long a, long long b, long long c,
	    long long d, int prec);
void	 num_int(struct buf *, long long v);

#endif /* NUM_H */
