/*
 * rec.h - a pull-style record reader over libcsv.
 *
 *	struct rec_reader *r = rec_open(path);	 (NULL or "-": stdin)
 *	struct rec rec;
 *	while (rec_next(r, &rec) > 0)
 *		...rec.f[i].p, rec.f[i].len, rec.line...
 *	rec_close(r);
 *
 * Records are CSV (RFC 4180) or TSV, with LF, CRLF or CR line ends, quoted
 * fields that hold delimiters, quotes and line breaks, and a last line with
 * or without its line end.  A UTF-8 BOM at the start is dropped.  Lines that
 * hold nothing at all are not records and are skipped.  A record that cannot
 * be parsed (bad quoting) comes back with err set and its raw text, so the
 * caller can reject it and go on with the next line.
 *
 * The reader holds one record at a time, and a record has limits: at most
 * REC_MAXREC bytes of text (over all its lines), REC_MAXFIELD bytes in a
 * field, REC_MAXCOLS fields.  A record past one comes back with err set
 * ("too long: ...", "too many fields: ...") and the first REC_MAXREC
 * bytes of its text; the reader skips the rest of it without holding it,
 * so memory stays bounded whatever the input.  A reader of a file
 * (rec_open) also checks that every record is UTF-8 ("invalid UTF-8:
 * ..."); one of another source (rec_open_src, whose caller decodes and
 * checks the text itself) does so when rec_set_utf8 says.
 */
#ifndef REC_H
#define REC_H

#include <stddef.h>
#include <sys/types.h>

struct field {
	const char	*p;	/* bytes, NUL-terminated; may hold NUL too */
	size_t		 len;	/* length in bytes */
};

struct rec {
	struct field	*f;	/* the fields */
	size_t		 nf;	/* how many */
	unsigned long	 line;	/* line the record starts on, from 1 */
	const char	*err;	/* non-NULL: could not be parsed, and why */
};

/* A source of bytes: returns bytes read, 0 at end, -1 on error (errno). */
typedef ssize_t (*rec_readfn)(void *ctx, char *buf, size_t n);

/* The limits of a record (see above). */
#define REC_MAXREC	(1024 * 1024)	/* bytes of a record, over its lines */
#define REC_MAXFIELD	(128 * 1024)	/* bytes of a field: an Excel cell,
					   32,767 characters, fits */
#define REC_MAXCOLS	16384		/* fields: the columns of a sheet */

struct rec_reader;
struct buf;

struct rec_reader *rec_open(const char *path);
struct rec_reader *rec_open_src(const char *name, rec_readfn, void *ctx);
void		 rec_set_delim(struct rec_reader *, int);
void		 rec_set_fast(struct rec_reader *, int);
void		 rec_set_simd(struct rec_reader *, int);
void		 rec_set_utf8(struct rec_reader *, int);
int		 rec_delim(struct rec_reader *);
const char	*rec_name(const struct rec_reader *);
int		 rec_next(struct rec_reader *, struct rec *);
int		 rec_plain(const struct rec_reader *, const struct rec *);
void		 rec_raw(struct rec_reader *, const struct rec *, const char **,
		    size_t *);
void		 rec_rawadd(struct rec_reader *, const struct rec *, struct buf *);
unsigned long	 rec_lines(const struct rec_reader *);
void		 rec_close(struct rec_reader *);
int		 rec_detect_delim(const char *, size_t);
long		 rec_col(const struct field *, size_t, const char *);

#endif /* REC_H */
