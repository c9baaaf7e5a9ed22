/*
 * rec.c - the pull-style record reader (see rec.h).
 *
 * Input is cut into physical lines (LF, CRLF or a lone CR) by one scan
 * that also notes where the line's delimiters and quotes are, 32 bytes at
 * a time with SSE2.  A line with no quote at a field start, met between
 * records, is split at those delimiters in place: that is the fast path
 * and nearly every line of a roster takes it.  Any
 * other line goes to libcsv, one line at a time, until libcsv finishes the
 * row; a quoted field may so span several lines.  libcsv's callbacks copy
 * the fields into an arena, and the record is handed out when the row ends.
 * Both paths give the same fields for the same line, and the same errors.
 *
 * The limits (rec.h) are kept on the way: a line longer than REC_MAXREC is
 * cut there and the rest of it read past, a quoted record that grows past
 * it is given up and its remaining lines read past (to the line end where
 * its quotes pair up), fields past the limits are counted, not kept.  A
 * line on the fast path is checked as a whole (UTF-8, and the limits only
 * when it is long enough to break one); a record from libcsv field by
 * field.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <csv.h>

#include "cbcc.h"
#include "rec.h"
#include "text.h"

#define READSZ	(256 * 1024)

struct rec_reader {
	char		*name;		/* file name for messages */
	int		 fd;		/* input, or -1 with readfn */
	rec_readfn	 readfn;	/* byte source */
	void		*ctx;		/* its argument */
	char		*buf;		/* input buffer */
	size_t		 cap;		/* its size */
	size_t		 start;		/* first unread byte */
	size_t		 end;		/* one past the last byte read */
	int		 eof;		/* source is exhausted */
	int		 started;	/* BOM and delimiter looked at */
	int		 delim;		/* field delimiter, 0 until known */
	unsigned long	 lineno;	/* physical lines consumed */
	struct field	*f;		/* fields of the current record */
	size_t		 fcap;		/* room in f */
	struct csv_parser csv;		/* the slow path */
	int		 csvok;		/* csv is initialised */
	struct buf	 arena;		/* slow path: field bytes */
	size_t		*off;		/* slow path: field offsets in arena */
	size_t		 offcap;	/* room in off */
	size_t		 nf;		/* slow path: fields so far */
	int		 rowdone;	/* slow path: libcsv ended the row */
	int		 slow;		/* current record's text is in raw */
	int		 fast;		/* split plain lines in place */
	int		 plain;		/* the record is plain (rec_plain) */
	int		 simd;		/* scan 32 bytes at a time (SSE2) */
	size_t		*dpos;		/* scan: the line's delimiters, offsets;
					   REC_MAXCOLS of them at most */
	size_t		 dcap;		/* room in dpos, 32 spare beyond */
	size_t		 nd;		/* delimiters seen, kept or not */
	int		 dlast;		/* scan: the byte before was a delimiter,
					   or none was (line start) */
	int		 qany;		/* scan: the line holds a quote */
	int		 qstart;	/* scan: a quote starts a field */
	int		 utf8;		/* reject records that are not UTF-8 */
	struct buf	 raw;		/* slow path: raw text of the record */
	struct buf	 join;		/* rec_raw for fast-path records */
	struct buf	 cut;		/* the kept start of a line too long */
	int		 over;		/* the last line was cut */
	size_t		 overq;		/* quotes in the part read past */
	size_t		 okto;		/* buf[0..okto) is known to be UTF-8 */
	size_t		 bigf;		/* slow path: first field too long, from 1 */
	size_t		 biglen;	/* its length */
	char		 errbuf[128];	/* the reason of a record past a limit */
};

static ssize_t
fdread(void *ctx, char *p, size_t n)
{
	return read(*(int *)ctx, p, n);
}

struct rec_reader *
rec_open(const char *path)
{
	struct rec_reader *r;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		path = "<stdin>";
	} else if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	r = rec_open_src(path, fdread, NULL);
	r->fd = fd;
	r->ctx = &r->fd;
	r->utf8 = 1;
	return r;
}

struct rec_reader *
rec_open_src(const char *name, rec_readfn fn, void *ctx)
{
	struct rec_reader *r = xcalloc(1, sizeof(*r));
	const char *e;

	r->name = xstrdup(name);
	r->fd = -1;
	r->readfn = fn;
	r->ctx = ctx;
	r->cap = READSZ;
	r->buf = xmalloc(r->cap + 1);
	r->fast = (e = getenv("CBCC_REC_FAST")) == NULL || strcmp(e, "0") != 0;
	r->simd = 1;
	return r;
}

void
rec_close(struct rec_reader *r)
{
	if (r == NULL)
		return;
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	if (r->csvok)
		csv_free(&r->csv);
	free(r->name);
	free(r->buf);
	free(r->f);
	free(r->off);
	free(r->dpos);
	buf_free(&r->arena);
	buf_free(&r->raw);
	buf_free(&r->join);
	buf_free(&r->cut);
	free(r);
}

const char *
rec_name(const struct rec_reader *r)
{
	return r->name;
}

/*
 * Split lines with no quote at a field start in place (on, the default),
 * or hand every line to libcsv (off), which gives the same records: the
 * differential test holds the two to it.  The environment variable
 * CBCC_REC_FAST=0 turns it off for every reader of a program.
 */
void
rec_set_fast(struct rec_reader *r, int on)
{
	r->fast = on;
}

/*
 * Scan lines 32 bytes at a time with SSE2 (on, the default, where the
 * compiler has it) or byte by byte (off), which finds the same: the unit
 * test holds the two to it.
 */
void
rec_set_simd(struct rec_reader *r, int on)
{
	r->simd = on;
}

/*
 * Reject records that are not well-formed UTF-8 (on), or leave the text to
 * the caller (off).  On for a file of rec_open, off for rec_open_src.
 */
void
rec_set_utf8(struct rec_reader *r, int on)
{
	r->utf8 = on;
}

/* Force the delimiter; 0 (the default) detects it from the first lines. */
void
rec_set_delim(struct rec_reader *r, int c)
{
	r->delim = c;
}

int
rec_delim(struct rec_reader *r)
{
	return r->delim;
}

unsigned long
rec_lines(const struct rec_reader *r)
{
	return r->lineno;
}

/*
 * Pick the delimiter of text p[0..n): of comma, semicolon and tab, count
 * each outside quotes in every line of the first thirty.  The lines of a
 * table hold its delimiter equally often (Excel pads short rows), while a
 * title above the header holds a stray comma or none ("DANH SÁCH CÁN BỘ,
 * CÔNG CHỨC" in a ; file), and a cell may hold the other delimiters.  So
 * each candidate's commonest count is found, and the one whose commonest
 * count is held by the most lines wins; then the one with more fields;
 * ties go to comma, then tab.
 */
int
rec_detect_delim(const char *p, size_t n)
{
	static const char cand[] = { ',', '\t', ';' };
	size_t cnt[30][3], lines[3] = { 0 }, fields[3] = { 0 }, c, m;
	int inq = 0, nl = 0, i, j, k, pick = 0;
	size_t x;

	memset(cnt, 0, sizeof(cnt));
	for (x = 0; x <= n && nl < 30; x++) {
		char ch = x < n ? p[x] : '\n';

		if (ch == '"')
			inq = !inq;
		else if (!inq && (ch == '\n' || ch == '\r')) {
			for (i = 0; i < 3; i++)
				if (cnt[nl][i] != 0)
					break;
			if (i < 3)
				nl++;	/* lines without any are not counted */
		} else if (!inq)
			for (i = 0; i < 3; i++)
				if (ch == cand[i])
					cnt[nl][i]++;
	}
	for (i = 0; i < 3; i++)
		for (j = 0; j < nl; j++) {
			if ((c = cnt[j][i]) == 0)
				continue;
			for (k = 0, m = 0; k < nl; k++)
				m += cnt[k][i] == c;
			if (m > lines[i] || (m == lines[i] && c > fields[i])) {
				lines[i] = m;
				fields[i] = c;
			}
		}
	for (i = 1; i < 3; i++)
		if (lines[i] > lines[pick] || (lines[i] == lines[pick] &&
		    fields[i] > fields[pick]))
			pick = i;
	return cand[pick];
}

/* Read more input; returns 0 at end of input, -1 on a read error. */
static int
fill(struct rec_reader *r)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->okto = r->okto > r->start ? r->okto - r->start : 0;
		r->start = 0;
	}
	if (r->cap - r->end < READSZ / 2) {
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap + 1);
	}
	do
		n = r->readfn(r->ctx, r->buf + r->end, r->cap - r->end);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		cbcc_warnx("%s: read error: %s", r->name, strerror(errno));
		cbcc_status = EXIT_DATA;
		return -1;
	}
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	r->end += (size_t)n;
	return 1;
}

/* The number of quote characters in p[0..len). */
static size_t
quotes(const char *p, size_t len)
{
	const char *q, *e = p + len;
	size_t n = 0;

	for (q = p; (q = memchr(q, '"', (size_t)(e - q))) != NULL; q++)
		n++;
	return n;
}

/*
 * The line at r->start is longer than REC_MAXREC: keep its first
 * REC_MAXREC bytes in r->cut, read past the rest to the line end (its
 * quotes counted in r->overq), and hand the kept part out as nextline
 * does, with r->over set.
 */
static int
cutline(struct rec_reader *r, char **lp, size_t *lenp, const char **termp)
{
	char *s, *e, *nl, *cr;
	int rv;

	buf_reset(&r->cut);
	buf_add(&r->cut, r->buf + r->start, REC_MAXREC);
	r->start += REC_MAXREC;
	r->over = 1;
	r->overq = 0;
	*lp = r->cut.p;
	*lenp = r->cut.len;
	for (;;) {
		s = r->buf + r->start;
		e = r->buf + r->end;
		nl = memchr(s, '\n', (size_t)(e - s));
		cr = memchr(s, '\r', (size_t)((nl != NULL ? nl : e) - s));
		if (cr != NULL && cr + 1 == e && !r->eof) {
			/* Half a CRLF, perhaps: read on from the CR. */
			r->overq += quotes(s, (size_t)(cr - s));
			r->start = (size_t)(cr - r->buf);
		} else if (cr != NULL || nl != NULL) {
			if (cr == NULL)
				cr = nl;
			r->overq += quotes(s, (size_t)(cr - s));
			if (*cr == '\r' && cr + 1 < e && cr[1] == '\n')
				*termp = "\r\n";
			else
				*termp = *cr == '\r' ? "\r" : "\n";
			r->start = (size_t)(cr - r->buf) + strlen(*termp);
			r->lineno++;
			return 1;
		} else {
			r->overq += quotes(s, (size_t)(e - s));
			r->start = r->end;
		}
		if ((rv = fill(r)) == -1)
			return -1;
		if (rv == 0 && r->start == r->end) {
			*termp = "";
			r->lineno++;
			return 1;
		}
	}
}

/*
 * Make room in r->dpos for offsets up to k + 32 (k at most REC_MAXCOLS):
 * the scans write a block's offsets at once.
 */
static void
dgrow(struct rec_reader *r, size_t k)
{
	while (r->dcap < k + 32)
		r->dcap = r->dcap == 0 ? 128 : r->dcap * 2;
	if (r->dcap > REC_MAXCOLS + 32)
		r->dcap = REC_MAXCOLS + 32;
	r->dpos = xreallocarray(r->dpos, r->dcap, sizeof(*r->dpos));
}

/*
 * Scan the line s from offset from to the first CR or LF before offset n,
 * and return its offset (n if there is none).  On the way, the offsets of
 * the delimiters go to r->dpos (the first REC_MAXCOLS of them; r->nd
 * counts them all), and quotes to r->qany and, when one starts a field,
 * r->qstart.  Byte by byte here; scan32 does the same 32 bytes at a time.
 */
static size_t
scan1(struct rec_reader *r, const char *s, size_t from, size_t n)
{
	size_t i, k, nd = r->nd;
	int dlast = r->dlast;
	char c, d = (char)r->delim;

	for (i = from; i < n; i++) {
		if ((c = s[i]) == '\n' || c == '\r')
			break;
		if (c == '"') {
			r->qany = 1;
			r->qstart |= dlast;
		}
		if ((dlast = c == d)) {
			if ((k = nd < REC_MAXCOLS ? nd : REC_MAXCOLS) + 32 >
			    r->dcap)
				dgrow(r, k);
			r->dpos[k] = i;
			nd++;
		}
	}
	r->nd = nd;
	r->dlast = dlast;
	return i;
}

#ifdef __SSE2__
/* The bit mask of the bytes of block v equal to those of c. */
#define EQMASK(v, c)	((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8((v), (c))))

/* How many bits of x are set. */
static unsigned
bits(uint32_t x)
{
	x -= (x >> 1) & 0x55555555u;
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

/*
 * scan1, 32 bytes at a time: two 16-byte blocks are compared with the
 * delimiter, the quote, CR and LF, and the delimiters are taken from the
 * bit mask, up to the first line end.  Four offsets are written whether
 * there are so many or not (dgrow keeps room for them), the rest one by
 * one: a roster's line has about three delimiters in 32 bytes, and the
 * branch on their number would go wrong half the time.  The last bytes
 * short of 32 go to scan1.
 */
static size_t
scan32(struct rec_reader *r, const char *s, size_t from, size_t n)
{
	const __m128i vd = _mm_set1_epi8((char)r->delim);
	const __m128i vq = _mm_set1_epi8('"');
	const __m128i vlf = _mm_set1_epi8('\n');
	const __m128i vcr = _mm_set1_epi8('\r');
	size_t i, k, c, nd = r->nd, *dpos = r->dpos, dcap = r->dcap, x = n;
	uint32_t md, mq, ml, dlast = (uint32_t)r->dlast;
	uint64_t m;
	__m128i a, b;

	for (i = from; i + 32 <= n; i += 32) {
		a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		b = _mm_loadu_si128((const __m128i *)(const void *)(s + i +
		    16));
		md = EQMASK(a, vd) | EQMASK(b, vd) << 16;
		mq = EQMASK(a, vq) | EQMASK(b, vq) << 16;
		ml = EQMASK(a, vlf) | EQMASK(a, vcr) | (EQMASK(b, vlf) |
		    EQMASK(b, vcr)) << 16;
		if (ml != 0) {
			/* Only the bytes before the line end count. */
			md &= (ml & -ml) - 1;
			mq &= (ml & -ml) - 1;
			x = i + (size_t)__builtin_ctz(ml);
		}
		if (mq != 0) {
			r->qany = 1;
			if (mq & ((md << 1) | dlast))
				r->qstart = 1;
		}
		dlast = md >> 31;
		if ((k = nd < REC_MAXCOLS ? nd : REC_MAXCOLS) + 32 > dcap) {
			dgrow(r, k);
			dpos = r->dpos;
			dcap = r->dcap;
		}
		c = bits(md);
		nd += c;
		/* The bit above the mask keeps ctz defined. */
		m = md;
		dpos[k] = i + (size_t)__builtin_ctzll(m | 1ULL << 32);
		m &= m - 1;
		dpos[k + 1] = i + (size_t)__builtin_ctzll(m | 1ULL << 32);
		m &= m - 1;
		dpos[k + 2] = i + (size_t)__builtin_ctzll(m | 1ULL << 32);
		m &= m - 1;
		dpos[k + 3] = i + (size_t)__builtin_ctzll(m | 1ULL << 32);
		for (k += 4; c > 4; c--, k++) {
			m &= m - 1;
			dpos[k] = i + (size_t)__builtin_ctzll(m);
		}
		if (ml != 0)
			break;
	}
	r->nd = nd;
	r->dlast = (int)dlast;
	return x < n ? x : scan1(r, s, i, n);
}
#endif

/*
 * The next physical line, without its line end, in *lp and *lenp; *termp
 * gets the line end ("", "\n", "\r" or "\r\n").  The line stays valid until
 * the next call, and the scan (scan1) has noted its delimiters and quotes.
 * A line longer than REC_MAXREC comes cut, r->over set, and its scan is
 * not to be used.  Returns 1, 0 at the end of input, -1 on a read error.
 */
static int
nextline(struct rec_reader *r, char **lp, size_t *lenp, const char **termp)
{
	size_t scanned = 0, x, avail;
	char *s;
	int rv;

	r->over = 0;
	r->nd = 0;
	r->dlast = 1;
	r->qany = r->qstart = 0;
	for (;;) {
		s = r->buf + r->start;
		avail = r->end - r->start;
#ifdef __SSE2__
		if (r->simd)
			x = scan32(r, s, scanned, avail);
		else
#endif
			x = scan1(r, s, scanned, avail);
		if (x > REC_MAXREC)
			return cutline(r, lp, lenp, termp);
		if (x < avail && (s[x] == '\n' || x + 1 < avail || r->eof)) {
			*lp = s;
			*lenp = x;
			if (s[x] == '\r' && x + 1 < avail && s[x + 1] == '\n')
				*termp = "\r\n";
			else
				*termp = s[x] == '\r' ? "\r" : "\n";
			r->start += x + strlen(*termp);
			r->lineno++;
			return 1;
		}
		/* A CR at the end of the buffer may be half a CRLF. */
		scanned = x;
		if ((rv = fill(r)) == -1)
			return -1;
		if (rv == 0 && r->start == r->end)
			return 0;
		if (rv == 0 && x == avail) {
			*lp = r->buf + r->start;
			*lenp = r->end - r->start;
			*termp = "";
			r->start = r->end;
			r->lineno++;
			return 1;
		}
	}
}

static void
addfield(struct rec_reader *r, size_t i, const char *p, size_t len)
{
	if (i >= r->fcap) {
		r->fcap = r->fcap == 0 ? 32 : r->fcap * 2;
		r->f = xreallocarray(r->f, r->fcap, sizeof(*r->f));
	}
	r->f[i].p = p;
	r->f[i].len = len;
}

/*
 * libcsv's field callback: the field goes into the arena, but for one past
 * REC_MAXFIELD (noted, kept empty) or past REC_MAXCOLS (counted only).
 */
static void
cb_field(void *s, size_t len, void *ctx)
{
	struct rec_reader *r = ctx;

	if (len > REC_MAXFIELD) {
		if (r->bigf == 0) {
			r->bigf = r->nf + 1;
			r->biglen = len;
		}
		len = 0;
	}
	if (r->nf >= REC_MAXCOLS) {
		r->nf++;
		return;
	}
	if (r->nf >= r->offcap) {
		r->offcap = r->offcap == 0 ? 32 : r->offcap * 2;
		r->off = xreallocarray(r->off, r->offcap, 2 * sizeof(*r->off));
	}
	r->off[2 * r->nf] = r->arena.len;
	r->off[2 * r->nf + 1] = len;
	buf_add(&r->arena, s, len);
	buf_addc(&r->arena, '\0');
	r->nf++;
}

static void
cb_row(int c, void *ctx)
{
	struct rec_reader *r = ctx;

	(void)c;
	r->rowdone = 1;
}

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * Start libcsv on a record.  A record whose first line has a quote at a
 * field start is parsed strictly (a quote beside a quoted field is bad);
 * one without is what the fast path splits, where a quote is a plain
 * character, so libcsv reads it without the strict checks.
 */
static void
csvstart(struct rec_reader *r, int strict)
{
	if (r->csvok)
		csv_free(&r->csv);
	if (csv_init(&r->csv, (strict ? CSV_STRICT : 0) | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0)
		cbcc_errx(EXIT_DATA, "csv_init failed");
	csv_set_delim(&r->csv, (unsigned char)r->delim);
	csv_set_space_func(&r->csv, nospace);
	r->csvok = 1;
}

/*
 * Whether some field of line s[0..len) starts with a quote.  A quote
 * anywhere else in an unquoted field is a plain character, as Excel reads
 * it (37°36'37.8"N), so such a line takes the fast path too.  (The scan
 * of nextline says the same of a line not cut.)
 */
static int
quoted(const char *s, size_t len, int delim)
{
	const char *q, *e = s + len;

	for (q = s; (q = memchr(q, '"', (size_t)(e - q))) != NULL; q++)
		if (q == s || q[-1] == delim)
			return 1;
	return 0;
}

/*
 * The fast path: split line s[0..len), which has no quote at a field
 * start, in place at the delimiters its scan found (fewer than
 * REC_MAXCOLS: linecheck saw to it), into r->f, each field
 * NUL-terminated.  Returns the number of fields.
 */
static size_t
split(struct rec_reader *r, char *s, size_t len)
{
	size_t i, x, p = 0, nd = r->nd;
	const size_t *dpos = r->dpos;
	struct field *f;

	if (nd >= r->fcap) {
		while (nd >= r->fcap)
			r->fcap = r->fcap == 0 ? 32 : r->fcap * 2;
		r->f = xreallocarray(r->f, r->fcap, sizeof(*r->f));
	}
	for (i = 0, f = r->f; i < nd; i++) {
		x = dpos[i];
		s[x] = '\0';
		f[i].p = s + p;
		f[i].len = x - p;
		p = x + 1;
	}
	s[len] = '\0';
	f[i].p = s + p;
	f[i].len = len - p;
	return i + 1;
}

/* Set r->errbuf to the printf reason, and return it. */
static const char *
why(struct rec_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->errbuf, sizeof(r->errbuf), fmt, ap);
	va_end(ap);
	return r->errbuf;
}

/*
 * Why the record of nf fields, the first field past REC_MAXFIELD being
 * bigf (from 1; 0 if none) of biglen bytes, breaks a limit; or NULL.
 */
static const char *
limits(struct rec_reader *r, size_t nf, size_t bigf, size_t biglen)
{
	if (nf > REC_MAXCOLS)
		return why(r, "too many fields: %zu, over the limit of %d",
		    nf, REC_MAXCOLS);
	if (bigf > 0)
		return why(r, "too long: field %zu has %zu bytes, over the "
		    "limit of %d", bigf, biglen, REC_MAXFIELD);
	return NULL;
}

/* The reason for the bad UTF-8 at byte off of field f (both from 0). */
static const char *
badutf8(struct rec_reader *r, unsigned char c, size_t f, size_t off)
{
	return why(r, "invalid UTF-8: byte 0x%02X in field %zu (byte %zu of "
	    "the field)", c, f + 1, off + 1);
}

/*
 * Whether line s[0..len) of the buffer is UTF-8; if not, *offp gets the
 * offset of its first bad byte.  The check runs over the buffer from the
 * line to its last line end, once: the lines after the first bad byte are
 * checked again when their turn comes.
 */
static int
utf8line(struct rec_reader *r, const char *s, size_t len, size_t *offp)
{
	const char *e, *end = r->buf + r->end;
	size_t off;

	if ((size_t)(s + len - r->buf) <= r->okto)
		return 1;
	if ((e = memrchr(s + len, '\n', (size_t)(end - (s + len)))) == NULL)
		e = s + len;
	if (text_valid(s, (size_t)(e - s), &off)) {
		r->okto = (size_t)(e - r->buf);
		return 1;
	}
	if (off < len) {
		*offp = off;
		return 0;
	}
	/* A later line is bad: the lines before it are good. */
	e = memrchr(s, '\n', off);
	r->okto = (size_t)((e != NULL && e > s + len ? e : s + len) - r->buf);
	return 1;
}

/*
 * Why line s[0..len), bound for the fast path, is no record within the
 * limits, or not UTF-8 (when checked); NULL if it is.  A line shorter
 * than both limits breaks neither: only UTF-8 is looked at.
 */
static const char *
linecheck(struct rec_reader *r, const char *s, size_t len)
{
	const char *p, *q, *e = s + len, *err;
	size_t nf = 0, bigf = 0, biglen = 0, off;

	if (len > REC_MAXFIELD || len >= REC_MAXCOLS) {
		for (p = s;; p = q + 1) {
			if ((q = memchr(p, r->delim, (size_t)(e - p))) == NULL)
				q = e;
			nf++;
			if ((size_t)(q - p) > REC_MAXFIELD && bigf == 0) {
				bigf = nf;
				biglen = (size_t)(q - p);
			}
			if (q == e)
				break;
		}
		if ((err = limits(r, nf, bigf, biglen)) != NULL)
			return err;
	}
	if (!r->utf8 || utf8line(r, s, len, &off))
		return NULL;
	for (p = s, nf = 0; (q = memchr(p, r->delim, (size_t)(s + off - p)))
	    != NULL; p = q + 1)
		nf++;
	return badutf8(r, (unsigned char)s[off], nf, (size_t)(s + off - p));
}

/*
 * Why the record libcsv gave (its fields in the arena) is past a limit, or
 * not UTF-8 (when checked), as linecheck says of a line; NULL if neither.
 */
static const char *
fieldcheck(struct rec_reader *r)
{
	const char *err;
	size_t i, off;

	if ((err = limits(r, r->nf, r->bigf, r->biglen)) != NULL)
		return err;
	for (i = 0; r->utf8 && i < r->nf; i++)
		if (!text_valid(r->arena.p + r->off[2 * i], r->off[2 * i + 1],
		    &off))
			return badutf8(r, (unsigned char)r->arena.p[r->off[2 * i]
			    + off], i, off);
	return NULL;
}

/* Hand the fields libcsv collected out as record *rec. */
static void
slowrec(struct rec_reader *r, struct rec *rec)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		addfield(r, i, r->arena.p + r->off[2 * i], r->off[2 * i + 1]);
	rec->f = r->f;
	rec->nf = r->nf;
}

/*
 * Give up the record whose text so far is r->raw, now that line s[0..len)
 * makes it too long (or was cut itself): keep what fits of its text, and
 * when it has a quoted field still open (open: its first line has a quote
 * at a field start, and its quotes do not pair up) read past its lines
 * until they do.  Returns 1, or -1 on a read error.
 */
static int
giveup(struct rec_reader *r, struct rec *rec, char *s, size_t len, int open)
{
	const char *term;
	size_t q, room;
	int rv;

	q = quotes(r->raw.p != NULL ? r->raw.p : "", r->raw.len) +
	    quotes(s, len) + (r->over ? r->overq : 0);
	room = REC_MAXREC - (r->raw.len < REC_MAXREC ? r->raw.len :
	    REC_MAXREC);
	buf_add(&r->raw, s, len < room ? len : room);
	if (r->csvok) {
		csv_free(&r->csv);
		r->csvok = 0;
	}
	while (open && q % 2 == 1) {
		if ((rv = nextline(r, &s, &len, &term)) == -1)
			return -1;
		if (rv == 0)
			break;
		q += quotes(s, len) + (r->over ? r->overq : 0);
	}
	r->slow = 1;		/* the text is in raw */
	rec->err = why(r, "too long: the record has over %d bytes, the limit "
	    "of a record", REC_MAXREC);
	return 1;
}

static int
start(struct rec_reader *r)
{
	int rv;

	r->started = 1;
	while (r->end - r->start < 3 || (r->delim == 0 &&
	    memchr(r->buf + r->start, '\n', r->end - r->start) == NULL)) {
		if ((rv = fill(r)) == -1)
			return -1;
		if (rv == 0)
			break;
	}
	if (r->end - r->start >= 3 &&
	    memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0)
		r->start += 3;
	if (r->delim == 0)
		r->delim = rec_detect_delim(r->buf + r->start,
		    r->end - r->start);
	return 0;
}

/*
 * The next record in *rec.  Returns 1, 0 at the end of input, or -1 after
 * a read error (reported, cbcc_status set).  The record's fields stay valid
 * until the next call; a record with err set has none.
 */
int
rec_next(struct rec_reader *r, struct rec *rec)
{
	const char *term;
	char *s;
	size_t len;
	int rv, strict = 0;

	if (!r->started && start(r) == -1)
		return -1;
	memset(rec, 0, sizeof(*rec));
	r->slow = 0;
	r->plain = 0;
	for (;;) {
		if ((rv = nextline(r, &s, &len, &term)) <= 0)
			break;
		if (!r->slow) {
			if (len == 0)
				continue;	/* an empty line holds no record */
			rec->line = r->lineno;
			buf_reset(&r->raw);
			if (r->over)
				return giveup(r, rec, s, len,
				    quoted(s, len, r->delim));
			if (r->fast && !r->qstart) {
				if ((rec->err = linecheck(r, s, len)) != NULL) {
					buf_add(&r->raw, s, len);
					r->slow = 1;
					return 1;
				}
				rec->nf = split(r, s, len);
				rec->f = r->f;
				r->plain = !r->qany;
				return 1;
			}
			strict = r->fast || r->qstart;
			r->slow = 1;
			csvstart(r, strict);
			buf_reset(&r->arena);
			r->nf = 0;
			r->bigf = 0;
			r->rowdone = 0;
		} else {
			if (r->over || r->raw.len + 1 + len > REC_MAXREC)
				return giveup(r, rec, s, len, 1);
			buf_add(&r->raw, "\n", 1);
		}
		buf_add(&r->raw, s, len);
		if (csv_parse(&r->csv, s, len, cb_field, cb_row, r) != len ||
		    csv_parse(&r->csv, term, strlen(term), cb_field, cb_row,
		    r) != strlen(term)) {
			rec->err = "bad quoting: text after a closing quote, "
			    "or a stray quote beside a quoted field";
			r->csvok = 0;
			csv_free(&r->csv);
			return 1;
		}
		if (r->rowdone) {
			if ((rec->err = fieldcheck(r)) == NULL)
				slowrec(r, rec);
			return 1;
		}
	}
	if (rv == -1)
		return -1;
	if (r->slow) {
		if (csv_fini(&r->csv, cb_field, cb_row, r) != 0) {
			rec->err = "unterminated quoted field";
			return 1;
		}
		if ((rec->err = fieldcheck(r)) == NULL)
			slowrec(r, rec);
		return 1;
	}
	return 0;
}

/*
 * The raw text of record rec, the last one rec_next returned, without its
 * final line end: for rejects.
 */
void
rec_raw(struct rec_reader *r, const struct rec *rec, const char **pp,
    size_t *lenp)
{
	if (r->slow) {
		*pp = r->raw.p != NULL ? r->raw.p : "";
		*lenp = r->raw.len;
		return;
	}
	buf_reset(&r->join);
	rec_rawadd(r, rec, &r->join);
	*pp = r->join.p != NULL ? r->join.p : "";
	*lenp = r->join.len;
}

/*
 * Append the raw text of rec (rec_raw) to b.  The fields of a plain
 * record lie one after the other: one copy, and the delimiters put back.
 */
void
rec_rawadd(struct rec_reader *r, const struct rec *rec, struct buf *b)
{
	const struct field *f = rec->f;
	size_t i, len;
	char *p;

	if (r->slow) {
		buf_add(b, r->raw.p, r->raw.len);
		return;
	}
	if (r->plain && rec->err == NULL && rec->nf > 0) {
		len = (size_t)(f[rec->nf - 1].p - f[0].p) + f[rec->nf - 1].len;
		buf_reserve(b, len);
		p = b->p + b->len;
		memcpy(p, f[0].p, len);
		for (i = 0; i + 1 < rec->nf; i++)
			p[f[i].p - f[0].p + f[i].len] = (char)r->delim;
		b->len += len;
		b->p[b->len] = '\0';
		return;
	}
	for (i = 0; i < rec->nf; i++) {
		if (i > 0)
			buf_addc(b, r->delim);
		buf_add(b, f[i].p, f[i].len);
	}
}

/*
 * The delimiter if record rec, the last one rec_next returned, is plain,
 * else 0.  A plain record was split in place from one line that holds no
 * quote character at all: its fields lie one after the other in the
 * reader's buffer, each but the last followed by the one delimiter byte
 * that was overwritten with its NUL, and none holds a quote, CR or LF, so
 * none needs quoting in CSV or TSV of that delimiter (out_plain).
 */
int
rec_plain(const struct rec_reader *r, const struct rec *rec)
{
	return r->plain && rec->err == NULL ? r->delim : 0;
}

/* The index of the column named name in header fields f[0..nf), or -1. */
long
rec_col(const struct field *f, size_t nf, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < nf; i++)
		if (f[i].len == len && memcmp(f[i].p, name, len) == 0)
			return (long)i;
	return -1;
}
