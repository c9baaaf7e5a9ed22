/*
 * rej.h - rejected records.  Every record a filter does not write goes
 * through rej_add with a reason, so that rows in = rows out + rejects.
 *
 * With --rejects FILE the rejects are written there as CSV with the columns
 * file,line,reason,record; with --strict the first reject is fatal; else the
 * count by reason is reported on standard error at the end.
 */
#ifndef REJ_H
#define REJ_H

#include <stddef.h>

void		 rej_open(const char *path, int strict);
struct rec_reader;
struct rec;

void		 rej_add(const char *file, unsigned long line,
		    const char *reason, const char *raw, size_t rawlen);
void		 rej_rec(struct rec_reader *, const struct rec *,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int		 rej_bad(struct rec_reader *, const struct rec *, size_t ncol);
unsigned long	 rej_count(void);
void		 rej_close(void);

#endif /* REJ_H */
