/*
 * cbcc.h - the shared library of the cbcc filters.
 *
 * Modules, each with a one-word prefix (the header of each says more):
 *   util.c  cbcc_  program name, diagnostics, allocation, close-out
 *   buf.c   buf_   growable byte buffers
 *   rec.c   rec_   the pull-style record reader over libcsv
 *   out.c   out_   the csv / tsv / jsonl writer
 *   rej.c   rej_   rejected records (--rejects, --strict, the stderr summary)
 *   opt.c   opt_   the options every filter shares
 *   text.c  text_  UTF-8: validation, NFC, cleaning, the folding key
 *   enc.c   enc_   input decoding: UTF-16, cp1258, TCVN3, VNI, VISCII
 *   unit.c  unit_  names of administrative units, one canonical form
 *   xwalk.c xwalk_ the crosswalk of a reorganisation: old unit to new
 *   lvl.c   lvl_   the level codes of each dimension and their labels
 *   cls.c   cls_   the classifier of qualification texts (rule tables)
 *   num.c   num_   exact shares and percentage points on integers
 *   vnum.c  vnum_  Vietnamese number style (1.279; 64,7%)
 *   date.c  date_  calendar days and Excel serial numbers
 *   hash.c  hash_  a hash table of byte-string keys, numbered densely
 *   tally.c tally_ counters for many groups: a row of cells per group
 *   memo.c  memo_  a bounded memo of a pure function over short strings
 *   seen.c  seen_  a compact set of fingerprints: repeats among millions
 *   roster.c roster_ the furniture of roster sheets: sections, totals, footers
 *   xlsx.c  xlsx_  workbooks in: .xlsx here, .xls through xls.c
 *   xls.c   xls_   .xls workbooks (BIFF8, BIFF5), every record bounds-checked
 *   cfb.c   cfb_   the streams of an OLE2 compound file, bounds-checked
 *   sheet.c sheet_ sheet rows as CSV text; numbers and dates as cells show
 */
#ifndef CBCC_H
#define CBCC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CBCC_VERSION	"0.1.0"

/* Exit status, SPEC section 2. */
enum {
	EXIT_OK = 0,		/* success; rejects allowed unless --strict */
	EXIT_DATA = 1,		/* data or I/O error */
	EXIT_USAGE = 2		/* usage error */
};

/* util.c */
extern const char *cbcc_progname;	/* "cbcc-normalize", set by cbcc_init */
extern int cbcc_status;			/* exit status so far */

void	 cbcc_init(const char *progname);
void	 cbcc_warnx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
void	 cbcc_errx(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
void	 cbcc_err(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), noreturn));
void	 cbcc_at_warnx(const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void	 cbcc_at_errx(const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4), noreturn));
#define CACHELINE	64	/* bytes: x86-64, and most ARM cores */

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xlinecalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xmemdup0(const char *, size_t);
FILE	*cbcc_create(const char *path);
void	 cbcc_wcheck(FILE *fp, const char *name);
int	 cbcc_close(FILE *fp, const char *name);
void	 cbcc_onclose(void (*)(void));
int	 cbcc_exit(void) __attribute__((noreturn));
long long cbcc_strtonum(const char *s, long long min, long long max,
	    const char **errstr);

/* buf.c */
struct buf {
	char	*p;		/* bytes, always NUL-terminated */
	size_t	 len;		/* bytes in use, not counting the NUL */
	size_t	 cap;		/* bytes allocated; 0 with p set: a view of
				   bytes b does not own (buf_view) */
};

void	 buf_reserve(struct buf *, size_t);

/*
 * Copy n bytes from s to d, which do not overlap.  A cell's few bytes go
 * in words that overlap, without the call of memcpy, which costs more
 * than the copy below 17 bytes.
 */
static inline void
buf_copy(char *d, const char *s, size_t n)
{
	uint64_t a, z;
	uint32_t a4, z4;

	if (n >= 8 && n <= 16) {
		memcpy(&a, s, 8);
		memcpy(&z, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &z, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(&a4, s, 4);
		memcpy(&z4, s + n - 4, 4);
		memcpy(d, &a4, 4);
		memcpy(d + n - 4, &z4, 4);
	} else if (n < 4) {
		while (n-- > 0)
			*d++ = *s++;
	} else
		memcpy(d, s, n);
}

/*
 * Whether the n bytes at a and b are the same.  Cells and keys are short:
 * compared eight bytes at a time, the last eight overlapping the ones
 * before, or in two overlapping half-words, or byte by byte below four,
 * without the call of memcmp, which costs more than the compare.
 */
static inline int
bytes_eq(const void *a, const void *b, size_t n)
{
	const char *x = a, *y = b;
	uint64_t u, v;
	uint32_t u4, v4, s4, t4;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&u, x + i, 8);
			memcpy(&v, y + i, 8);
			if (u != v)
				return 0;
		}
		memcpy(&u, x + n - 8, 8);
		memcpy(&v, y + n - 8, 8);
		return u == v;
	}
	if (n >= 4) {
		memcpy(&u4, x, 4);
		memcpy(&v4, y, 4);
		memcpy(&s4, x + n - 4, 4);
		memcpy(&t4, y + n - 4, 4);
		return ((u4 ^ v4) | (s4 ^ t4)) == 0;
	}
	for (; n > 0; n--)
		if (*x++ != *y++)
			return 0;
	return 1;
}

/* Append p[0..n) to b. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n >= b->cap)
		buf_reserve(b, n);
	buf_copy(b->p + b->len, (const char *)p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Append byte c to b. */
static inline void
buf_addc(struct buf *b, int c)
{
	if (b->len + 1 >= b->cap)
		buf_reserve(b, 1);
	b->p[b->len++] = (char)c;
	b->p[b->len] = '\0';
}

void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_view(struct buf *, const char *, size_t);

/* Empty b, keeping its memory; a view forgets its bytes. */
static inline void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap == 0)
		b->p = NULL;
	else
		b->p[0] = '\0';
}

void	 buf_free(struct buf *);

#endif /* CBCC_H */
