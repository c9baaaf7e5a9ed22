/*
 * out.c - the csv / tsv / jsonl writer (see out.h).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cbcc.h"
#include "out.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define OUTBUFSZ	(256 * 1024)
#define OUTGATHER	(64 * 1024)	/* rows gathered before a write */

static char *stdoutbuf;		/* standard output's buffer, once given */

struct out {
	FILE		*fp;		/* destination */
	char		*name;		/* its name for messages */
	int		 fmt;		/* FMT_* */
	int		 delim;		/* ',' or '\t' */
	int		 excel;		/* spreadsheet-safe output */
	int		 bom;		/* BOM still to write */
	char		**names;	/* jsonl: header names, JSON-quoted */
	unsigned char	*numeric;	/* jsonl: column is a number */
	size_t		 ncol;		/* columns in the header */
	size_t		 col;		/* next column of the current row */
	struct buf	 row;		/* the current row, written at its end */
	int		 gather;	/* or after the rows before it, in
					   OUTGATHER bytes or more */
	pthread_t	 owner;		/* the thread that writes it */
	unsigned char	 special[256];	/* csv: bytes that force quoting */
};

/*
 * The writer of standard output, when it is a file or a pipe, gathers its
 * rows and hands them to stdio 64 KiB at a time: one fwrite a row cost
 * more than the row's own copy.  Nothing else writes standard output
 * while it is open.  What is gathered goes to stdio when the writer is
 * closed, before standard output is (cbcc_close), and at an exit on an
 * error (flushgathered, in the thread that writes), as stdio's buffer
 * would have been.
 */
static struct out *gathering;
static void	flushgathered(void);

/* FMT_* for a --format argument, -1 if there is none. */
int
out_format(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return FMT_CSV;
	if (strcmp(s, "tsv") == 0)
		return FMT_TSV;
	if (strcmp(s, "jsonl") == 0)
		return FMT_JSONL;
	return -1;
}

struct out *
out_open(FILE *fp, const char *name, int fmt)
{
	struct out *o = xcalloc(1, sizeof(*o));

	o->fp = fp;
	/*
	 * Standard output to a file or pipe gets one large buffer, set
	 * before the first write; a terminal keeps its line buffering.
	 * The buffer is given: glibc takes no size without one, and writes
	 * in blocks of st_blksize, 4 KiB to a pipe.  It lives as long as
	 * the stream (never freed: stdout is flushed at exit).
	 */
	if (fp == stdout && !isatty(fileno(fp)) && stdoutbuf == NULL) {
		stdoutbuf = xmalloc(OUTBUFSZ);
		setvbuf(fp, stdoutbuf, _IOFBF, OUTBUFSZ);
		if (atexit(flushgathered) == 0) {
			cbcc_onclose(flushgathered);
			o->gather = 1;
			o->owner = pthread_self();
			gathering = o;
		}
	}
	o->name = xstrdup(name);
	o->fmt = fmt;
	o->delim = fmt == FMT_TSV ? '\t' : ',';
	o->special[(unsigned char)o->delim] = 1;
	o->special['"'] = 1;
	o->special['\n'] = 1;
	o->special['\r'] = 1;
	return o;
}

void
out_set_excel(struct out *o, int on)
{
	o->excel = on;
	o->bom = on;
}

static void
jsonstr(struct buf *b, const char *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		switch (c) {
		case '"':
			buf_add(b, "\\\"", 2);
			break;
		case '\\':
			buf_add(b, "\\\\", 2);
			break;
		case '\n':
			buf_add(b, "\\n", 2);
			break;
		case '\r':
			buf_add(b, "\\r", 2);
			break;
		case '\t':
			buf_add(b, "\\t", 2);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				buf_add(b, "\\u00", 4);
				buf_addc(b, hex[c >> 4]);
				buf_addc(b, hex[c & 15]);
			} else
				buf_addc(b, c);
		}
	}
	buf_addc(b, '"');
}

/* Set the columns; a csv or tsv writer prints the header row. */
void
out_header(struct out *o, size_t n, const char *const *names)
{
	struct buf b = { 0 };
	size_t i;

	o->ncol = n;
	if (o->fmt == FMT_JSONL) {
		o->names = xcalloc(n, sizeof(*o->names));
		o->numeric = xcalloc(n, 1);
		for (i = 0; i < n; i++) {
			jsonstr(&b, names[i], strlen(names[i]));
			o->names[i] = xstrdup(b.p);
			buf_reset(&b);
		}
		buf_free(&b);
		return;
	}
	for (i = 0; i < n; i++)
		out_str(o, names[i]);
	out_end(o);
}

void
out_header_fields(struct out *o, const struct field *f, size_t n)
{
	const char **names = xcalloc(n, sizeof(*names));
	size_t i;

	for (i = 0; i < n; i++)
		names[i] = f[i].p;
	out_header(o, n, names);
	free(names);
}

/* In jsonl, write column col as a JSON number (on) or string. */
void
out_numeric(struct out *o, size_t col, int on)
{
	if (o->numeric != NULL && col < o->ncol)
		o->numeric[col] = (unsigned char)on;
}

static int
isjsonnum(const char *p, size_t len)
{
	size_t i = 0;

	if (i < len && p[i] == '-')
		i++;
	if (i == len || p[i] < '0' || p[i] > '9')
		return 0;
	if (p[i] == '0' && i + 1 < len && p[i + 1] >= '0' && p[i + 1] <= '9')
		return 0;
	while (i < len && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i < len && p[i] == '.') {
		if (++i == len)
			return 0;
		while (i < len && p[i] >= '0' && p[i] <= '9')
			i++;
	}
	return i == len;
}

/*
 * Whether the eight bytes of w may hold a byte that forces quoting: the
 * delimiter, a quote, or a byte below 0x0e (CR and LF among them).  A
 * false "maybe" only sends the caller to look byte by byte.
 */
static int
maybespecial(const struct out *o, uint64_t w)
{
	const uint64_t lo = 0x0101010101010101ULL;
	const uint64_t hi = 0x8080808080808080ULL;
	uint64_t x = w ^ (lo * (unsigned char)o->delim), y = w ^ (lo * '"');

	return ((((x - lo) & ~x) | ((y - lo) & ~y) | ((w - lo * 0x0e) & ~w)) &
	    hi) != 0;
}

/*
 * Whether p[0..len) holds a byte that forces quoting in csv or tsv.  Eight
 * bytes at a time: a word with no delimiter, no quote and no byte below
 * 0x0e (CR and LF among them) is passed over; any other is looked at byte
 * by byte.
 */
static int
needquote(const struct out *o, const char *p, size_t len)
{
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		if (maybespecial(o, w))
			break;
	}
	for (; i < len; i++)
		if (o->special[(unsigned char)p[i]])
			return 1;
	return 0;
}

#ifdef __SSE2__
/*
 * Whether the sixteen bytes of v may hold a byte that forces quoting, as
 * maybespecial: the delimiter, a quote, a byte below 0x0e.
 */
static int
maybespecial16(const struct out *o, __m128i v)
{
	__m128i d = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)o->delim));
	__m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i c = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x0d)), v);

	return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(d, q), c)) != 0;
}

/*
 * Copy field p[0..len), len > 16, to w if it needs no quoting, sixteen
 * bytes at a time, the last sixteen overlapping the ones before: whether
 * it did.  Reads and writes nothing outside the field and w[0..len).
 */
static int
copyplain(const struct out *o, char *w, const char *p, size_t len)
{
	__m128i v;
	size_t i;

	for (i = 0; i + 16 < len; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		if (maybespecial16(o, v))
			return 0;
		_mm_storeu_si128((__m128i *)(void *)(w + i), v);
	}
	v = _mm_loadu_si128((const __m128i *)(const void *)(p + len - 16));
	if (maybespecial16(o, v))
		return 0;
	_mm_storeu_si128((__m128i *)(void *)(w + len - 16), v);
	return 1;
}
#endif

/*
 * Copy field p[0..len) to w if it needs no quoting in csv or tsv: whether
 * it did (if not, w[0..len) holds what it may).  Words of eight and four
 * bytes test the short fields (buf_copy copies them), sixteen bytes (SSE2)
 * test and copy the long.
 */
static int
bare(const struct out *o, char *w, const char *p, size_t len)
{
	size_t i;

	if (len >= 8 && len <= 16) {
		/* Two words that overlap cover it. */
		uint64_t a, z;

		memcpy(&a, p, 8);
		memcpy(&z, p + len - 8, 8);
		if (!maybespecial(o, a) && !maybespecial(o, z)) {
			buf_copy(w, p, len);
			return 1;
		}
	} else if (len >= 4 && len < 8) {
		/* So do two half-words, tested as one word. */
		uint32_t a, z;

		memcpy(&a, p, 4);
		memcpy(&z, p + len - 4, 4);
		if (!maybespecial(o, a | (uint64_t)z << 32)) {
			buf_copy(w, p, len);
			return 1;
		}
	} else if (len < 4) {
		for (i = 0; i < len && !o->special[(unsigned char)p[i]]; i++)
			w[i] = p[i];
		return i == len;
	}
#ifdef __SSE2__
	else if (copyplain(o, w, p, len))
		return 1;
#endif
	if (needquote(o, p, len))
		return 0;
	memcpy(w, p, len);
	return 1;
}

/*
 * Whether p[0..len), fields joined by the delimiter, holds no quote, CR
 * nor LF and just ndelim delimiters (so no field holds one): then none of
 * its fields needs quoting in csv or tsv.  Sixteen bytes at a time (SSE2),
 * the last sixteen overlapping the ones before.
 */
static int
plainrow(const struct out *o, const char *p, size_t len, size_t ndelim)
{
	size_t i = 0, count = 0;

#ifdef __SSE2__
	/* keep[16 - k..32 - k) keeps all bytes of a vector but its first k */
	static const unsigned char keep[32] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		255, 255, 255, 255, 255, 255, 255, 255,
		255, 255, 255, 255, 255, 255, 255, 255
	};
	const __m128i d = _mm_set1_epi8((char)o->delim);
	const __m128i q = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
	const __m128i lf = _mm_set1_epi8('\n');
	__m128i v, m, n = _mm_setzero_si128();
	size_t skip, nv = 0;

	/* The delimiters counted in n, a byte a lane, 255 vectors at most. */
	for (; i + 16 <= len || (i < len && len >= 16); i += 16) {
		skip = 0;
		if (i + 16 > len) {	/* the last, overlapping */
			skip = i + 16 - len;
			i = len - 16;
		}
		v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		m = _mm_loadu_si128((const __m128i *)(const void *)(keep +
		    16 - skip));
		if (_mm_movemask_epi8(_mm_and_si128(m, _mm_or_si128(
		    _mm_cmpeq_epi8(v, q), _mm_or_si128(_mm_cmpeq_epi8(v, cr),
		    _mm_cmpeq_epi8(v, lf))))) != 0)
			return 0;
		n = _mm_sub_epi8(n, _mm_and_si128(m, _mm_cmpeq_epi8(v, d)));
		if (++nv == 255 || i + 16 >= len) {
			n = _mm_sad_epu8(n, _mm_setzero_si128());
			count += (size_t)_mm_cvtsi128_si32(n) +
			    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(n, 8));
			n = _mm_setzero_si128();
			nv = 0;
		}
	}
#endif
	for (; i < len; i++) {
		if (p[i] == o->delim)
			count++;
		else if (o->special[(unsigned char)p[i]])
			return 0;
	}
	return count == ndelim;
}

/*
 * Append the next field of the current row.  The row is built in o->row
 * and written at out_end with one write (or gathered with the rows
 * after it: see gathering).
 */
void
out_field(struct out *o, const char *p, size_t len)
{
	struct buf *b = &o->row;
	const char *q, *e;
	char *w;
	int quote;

	if (o->bom) {
		buf_add(b, "\xEF\xBB\xBF", 3);
		o->bom = 0;
	}
	if (o->fmt == FMT_JSONL) {
		buf_addc(b, o->col == 0 ? '{' : ',');
		if (o->col < o->ncol)
			buf_adds(b, o->names[o->col]);
		else
			buf_printf(b, "\"%zu\"", o->col + 1);
		buf_addc(b, ':');
		if (o->col < o->ncol && o->numeric[o->col] &&
		    isjsonnum(p, len))
			buf_add(b, p, len);
		else if (o->col < o->ncol && o->numeric[o->col] && len == 0)
			buf_add(b, "null", 4);
		else
			jsonstr(b, p, len);
		o->col++;
		return;
	}
	if (!o->excel) {
		/* The common case: copy the field while looking at it. */
		buf_reserve(b, len + 1);
		w = b->p + b->len;
		if (o->col > 0)
			*w++ = (char)o->delim;
		if (bare(o, w, p, len)) {
			b->len = (size_t)(w + len - b->p);
			b->p[b->len] = '\0';
			o->col++;
			return;
		}
	}
	if (o->col++ > 0)
		buf_addc(b, o->delim);
	quote = needquote(o, p, len);
	if (o->excel && len > 0 && strchr("=+-@", p[0]) != NULL &&
	    p[0] != '\0' && !(p[0] == '-' && isjsonnum(p, len))) {
		/* A formula to Excel (not a negative number): make it text. */
		quote = 1;
		buf_add(b, "\"'", 2);
	} else if (quote)
		buf_addc(b, '"');
	if (!quote) {
		buf_add(b, p, len);
		return;
	}
	/* Quoted: every quote doubled. */
	for (e = p + len; (q = memchr(p, '"', (size_t)(e - p))) != NULL;
	    p = q + 1) {
		buf_add(b, p, (size_t)(q - p + 1));
		buf_addc(b, '"');
	}
	buf_add(b, p, (size_t)(e - p));
	buf_addc(b, '"');
}

void
out_str(struct out *o, const char *s)
{
	out_field(o, s, strlen(s));
}

/*
 * Append the values v[0..n) as fields of the current row, as out_field
 * would one by one, with one reservation of room for them all.
 */
void
out_bufs(struct out *o, const struct buf *v, size_t n)
{
	struct buf *b = &o->row;
	size_t i, rest = 0;
	char *w;

	if (o->bom || o->excel || o->fmt == FMT_JSONL) {
		for (i = 0; i < n; i++)
			out_field(o, v[i].p != NULL ? v[i].p : "", v[i].len);
		return;
	}
	for (i = 0; i < n; i++)
		rest += v[i].len + 1;
	buf_reserve(b, rest + 1);
	/*
	 * Most rows need no quoting at all: all the fields copied with
	 * their delimiters, then the row looked at once.
	 */
	w = b->p + b->len;
	for (i = 0; i < n; i++) {
		if (i > 0 || o->col > 0)
			*w++ = (char)o->delim;
		buf_copy(w, v[i].p, v[i].len);
		w += v[i].len;
	}
	if (n > 0 && plainrow(o, b->p + b->len, (size_t)(w - b->p) - b->len,
	    n - 1 + (o->col > 0))) {
		b->len = (size_t)(w - b->p);
		b->p[b->len] = '\0';
		o->col += n;
		return;
	}
	/* Field by field, quoting those that need it. */
	w = b->p + b->len;
	for (i = 0; i < n; i++) {
		rest -= v[i].len + 1;
		if (o->col > 0)
			*w++ = (char)o->delim;
		if (bare(o, w, v[i].p, v[i].len)) {
			w += v[i].len;
			o->col++;
			continue;
		}
		/* Quoted: out_field, from before its delimiter. */
		b->len = (size_t)(w - b->p) - (o->col > 0);
		out_field(o, v[i].p, v[i].len);
		buf_reserve(b, rest + 1);
		w = b->p + b->len;
	}
	b->len = (size_t)(w - b->p);
	b->p[b->len] = '\0';
}

/*
 * Append fields f[0..n) of the current row, as out_field would one by
 * one.  A caller that passes a delimiter vouches that the fields lie one
 * after the other one byte apart and hold no quote, CR, LF nor that
 * delimiter: a run of the fields of a plain record (rec_plain gives its
 * delimiter), or a single field known so.  They need no quoting in csv or
 * tsv of that delimiter: they are copied in one piece and the delimiters
 * put back between them.  With delim 0, another delimiter, jsonl or
 * excel, they go field by field.
 */
void
out_plain(struct out *o, const struct field *f, size_t n, int delim)
{
	struct buf *b = &o->row;
	size_t i, len, lead;
	char *w;

	if (delim != o->delim || o->excel || o->fmt == FMT_JSONL || n == 0) {
		for (i = 0; i < n; i++)
			out_field(o, f[i].p, f[i].len);
		return;
	}
	len = (size_t)(f[n - 1].p + f[n - 1].len - f[0].p);
	lead = o->col > 0;
	if (b->len + lead + len >= b->cap)
		buf_reserve(b, lead + len);
	w = b->p + b->len;
	if (lead)
		*w++ = (char)delim;
	buf_copy(w, f[0].p, len);
	for (i = 0; i + 1 < n; i++) {
		w += f[i].len;
		*w++ = (char)delim;
	}
	b->len += lead + len;
	b->p[b->len] = '\0';
	o->col += n;
}

/* Write what the row holds so far. */
static void
flushrow(struct out *o)
{
	if (o->row.len > 0)
		fwrite_unlocked(o->row.p, 1, o->row.len, o->fp);
	buf_reset(&o->row);
}

/* Hand the rows gathered for standard output to stdio (see gathering). */
static void
flushgathered(void)
{
	if (gathering != NULL && pthread_equal(pthread_self(),
	    gathering->owner))
		flushrow(gathering);
}

/* End the current row and write it, or gather it (see gathering). */
void
out_end(struct out *o)
{
	if (o->bom) {
		buf_add(&o->row, "\xEF\xBB\xBF", 3);
		o->bom = 0;
	}
	if (o->fmt == FMT_JSONL)
		buf_adds(&o->row, o->col == 0 ? "{}\n" : "}\n");
	else if (o->excel)
		buf_add(&o->row, "\r\n", 2);
	else
		buf_addc(&o->row, '\n');
	o->col = 0;
	if (o->gather && o->row.len < OUTGATHER)
		return;		/* gathered (see gathering) */
	flushrow(o);
	cbcc_wcheck(o->fp, o->name);
}

void
out_row(struct out *o, const struct field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out_field(o, f[i].p, f[i].len);
	out_end(o);
}

/* Free o; the stream itself is closed by the caller. */
int
out_close(struct out *o)
{
	size_t i;

	if (o == NULL)
		return 0;
	if (o->row.len > 0) {
		/* The rows gathered, and a row never ended as far as it
		 * went. */
		flushrow(o);
		cbcc_wcheck(o->fp, o->name);
	}
	if (gathering == o)
		gathering = NULL;
	buf_free(&o->row);
	if (o->names != NULL)
		for (i = 0; i < o->ncol; i++)
			free(o->names[i]);
	free(o->names);
	free(o->numeric);
	free(o->name);
	free(o);
	return 0;
}

/*
 * Append p[0..len) to b with every character XML 1.0 does not allow (the
 * C0 controls but tab, LF and CR; U+FFFE, U+FFFF; bytes that are not
 * UTF-8, one by one) written as U+FFFD; with OUT_XML_LINE, tab, LF and CR
 * too become spaces, for text meant to stay on one line.  Returns how
 * many characters were replaced.
 */
size_t
out_xmlsafe(struct buf *b, const char *p, size_t len, int flags)
{
	const unsigned char *s = (const unsigned char *)p;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i, run, bad = 0;

	for (i = 0; i < len; i += (size_t)n) {
		for (run = i; run < len && s[run] >= 0x20 && s[run] < 0x80; run++)
			;
		buf_add(b, p + i, run - i);
		if ((i = run) == len)
			break;
		n = 1;
		if ((s[i] == '\t' || s[i] == '\n' || s[i] == '\r') &&
		    !(flags & OUT_XML_LINE))
			buf_addc(b, s[i]);
		else if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			buf_addc(b, ' ');
			bad++;
		} else if (s[i] < 0x20) {
			buf_adds(b, "\xEF\xBF\xBD");
			bad++;
		} else if ((n = utf8proc_iterate(s + i,
		    (utf8proc_ssize_t)(len - i), &cp)) < 0 ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			buf_adds(b, "\xEF\xBF\xBD");
			bad++;
			n = n < 0 ? 1 : n;
		} else
			buf_add(b, p + i, (size_t)n);
	}
	if (b->p == NULL)
		buf_adds(b, "");
	return bad;
}
