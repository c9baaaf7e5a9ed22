/*
 * fuzz-rec - libFuzzer harness of the record reader (rec.c).
 *
 * The first byte of the input picks the size of the reads the reader gets
 * (1 to 64 bytes, or whole) and whether the delimiter is forced; the rest
 * is the file.  Every record is checked against the reader's contract
 * (fields NUL-terminated, line numbers rising), rejects get their raw
 * text, and when no record of the input was malformed the records are
 * compared with libcsv's reading of the whole input in one go (not
 * strict, spaces kept): the fast path that splits unquoted lines itself
 * must give what libcsv gives.
 */
#include <csv.h>

#include "fuzz.h"
#include "rec.h"

struct src {
	const uint8_t	*p;	/* the bytes */
	size_t		 len;	/* how many */
	size_t		 off;	/* handed out so far */
	size_t		 chunk;	/* most bytes per read, 0: no limit */
};

/* A rec_readfn over struct src. */
static ssize_t
srcread(void *ctx, char *buf, size_t n)
{
	struct src *s = ctx;

	if (s->chunk > 0 && n > s->chunk)
		n = s->chunk;
	if (n > s->len - s->off)
		n = s->len - s->off;
	memcpy(buf, s->p + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

/* The records of one reading: fields with their lengths, flattened. */
struct recs {
	struct buf	 b;	/* per record: nf, then per field len + bytes */
	size_t		 n;	/* records */
};

static void
addsize(struct buf *b, size_t v)
{
	buf_add(b, &v, sizeof(v));
}

static struct recs cur;		/* libcsv's reading */
static size_t curnf;		/* fields of its current record */
static size_t curnfat;		/* where in cur.b that count goes */

static void
cbfield(void *s, size_t len, void *ctx)
{
	(void)ctx;
	if (curnf == 0) {
		curnfat = cur.b.len;
		addsize(&cur.b, 0);
	}
	addsize(&cur.b, len);
	buf_add(&cur.b, s, len);
	curnf++;
	memcpy(cur.b.p + curnfat, &curnf, sizeof(curnf));
}

static void
cbrow(int c, void *ctx)
{
	(void)c;
	(void)ctx;
	if (curnf == 0) {
		/* A row libcsv ends with no field: an empty line. */
		return;
	}
	cur.n++;
	curnf = 0;
}

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[] = { 0, ',', ';', '\t' };
	struct rec_reader *r;
	struct recs mine = { { 0 }, 0 };
	struct csv_parser p;
	struct src s;
	struct rec rec;
	const char *raw;
	size_t rawlen, i, skip;
	unsigned long lastline = 0;
	int bad = 0, rv, delim;

	if (size < 1)
		return 0;
	s.chunk = data[0] & 0x3f;
	delim = delims[(data[0] >> 6) & 3];
	s.p = data + 1;
	s.len = size - 1;
	s.off = 0;
	(void)rec_detect_delim((const char *)s.p, s.len);

	r = rec_open_src("fuzz", srcread, &s);
	if (delim != 0)
		rec_set_delim(r, delim);
	while ((rv = rec_next(r, &rec)) > 0) {
		if (rec.line <= lastline)
			abort();
		lastline = rec.line;
		if (rec.err != NULL) {
			rec_raw(r, &rec, &raw, &rawlen);
			if (rawlen > 0 && raw[0] == '\0' && strlen(raw) > rawlen)
				abort();
			bad = 1;
			continue;
		}
		if (rec.nf == 0)
			abort();
		rec_raw(r, &rec, &raw, &rawlen);
		addsize(&mine.b, rec.nf);
		for (i = 0; i < rec.nf; i++) {
			if (rec.f[i].p[rec.f[i].len] != '\0')
				abort();
			addsize(&mine.b, rec.f[i].len);
			buf_add(&mine.b, rec.f[i].p, rec.f[i].len);
		}
		mine.n++;
	}
	if (rv == -1)
		abort();	/* a memory source never fails */
	delim = rec_delim(r);
	rec_close(r);

	if (!bad) {
		skip = s.len >= 3 && memcmp(s.p, "\xEF\xBB\xBF", 3) == 0 ?
		    3 : 0;
		buf_reset(&cur.b);
		cur.n = 0;
		curnf = 0;
		if (csv_init(&p, CSV_APPEND_NULL) != 0)
			abort();
		csv_set_delim(&p, (unsigned char)delim);
		csv_set_space_func(&p, nospace);
		if (csv_parse(&p, s.p + skip, s.len - skip, cbfield, cbrow,
		    NULL) != s.len - skip)
			abort();
		csv_fini(&p, cbfield, cbrow, NULL);
		csv_free(&p);
		if (mine.n != cur.n || mine.b.len != cur.b.len ||
		    (mine.b.len > 0 && memcmp(mine.b.p, cur.b.p,
		    mine.b.len) != 0)) {
			fprintf(stderr, "fuzz-rec: the reader gives %zu records, "
			    "libcsv %zu, or other fields\n", mine.n, cur.n);
			abort();
		}
	}
	buf_free(&mine.b);
	return 0;
}
