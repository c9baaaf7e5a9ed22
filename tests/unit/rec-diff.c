/*
 * Differential test of rec.c: the fast path (plain lines split in place,
 * scanned 32 bytes at a time or, rec_set_simd(r, 0), byte by byte) and
 * libcsv alone (rec_set_fast(r, 0)) give the same records - fields,
 * line numbers, errors and raw text for rejects - on the samples and
 * fixtures, the csv-spectrum files when CBCC_SPECTRUM_DIR names them,
 * adversarial lines, and random soups of the bytes a , ; " CR LF TAB NUL,
 * each read through random chunk sizes so that line ends fall across
 * reads; and records past the reader's limits or not UTF-8, which both
 * paths reject alike and read past to the same next record; and that the
 * records the reader calls plain (rec_plain) are.  Files to compare are
 * given as arguments (the suite passes none: it finds them from the tree).
 * Prints TAP.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cbcc.h"
#include "rec.h"
#include "tap.h"

static unsigned long nplain, badplain;	/* plain records seen, and wrong */

/*
 * Whether record rec, which the reader calls plain, is: its fields one
 * after the other, one delimiter apart, and no quote, CR or LF in them.
 */
static int
isplain(const struct rec *rec, int delim)
{
	size_t i;

	for (i = 0; i < rec->nf; i++) {
		if (memchr(rec->f[i].p, '"', rec->f[i].len) != NULL ||
		    memchr(rec->f[i].p, '\r', rec->f[i].len) != NULL ||
		    memchr(rec->f[i].p, '\n', rec->f[i].len) != NULL)
			return 0;
		if (i + 1 < rec->nf && rec->f[i + 1].p != rec->f[i].p +
		    rec->f[i].len + 1)
			return 0;
	}
	return delim == ',' || delim == ';' || delim == '\t';
}

/* A source of bytes from memory, handing out chunks of random size. */
struct mem {
	const char	*p;		/* the bytes */
	size_t		 len;		/* how many */
	size_t		 off;		/* handed out so far */
	unsigned	 seed;		/* chunk sizes; 0: all at once */
};

static ssize_t
memread(void *ctx, char *buf, size_t want)
{
	struct mem *m = ctx;
	size_t k = m->len - m->off;

	if (m->seed != 0) {
		m->seed = m->seed * 1103515245u + 12345u;
		if (k > 1 + (m->seed >> 16) % 7)
			k = 1 + (m->seed >> 16) % 7;
	}
	if (k > want)
		k = want;
	memcpy(buf, m->p + m->off, k);
	m->off += k;
	return (ssize_t)k;
}

/*
 * All records of p[0..len) read with the fast path on (fast 2: lines
 * scanned 32 bytes at a time; 1: byte by byte) or off (0), as one text:
 * line, error, fields as length:bytes, raw text; delim 0 detects.
 */
static void
dump(struct buf *out, const char *p, size_t len, int fast, int delim,
    unsigned seed)
{
	struct mem m = { p, len, 0, seed };
	struct rec_reader *r = rec_open_src("mem", memread, &m);
	struct rec rec;
	const char *raw;
	size_t i, rawlen;
	int rv;

	rec_set_fast(r, fast > 0);
	rec_set_simd(r, fast == 2);
	rec_set_utf8(r, 1);
	if (delim != 0)
		rec_set_delim(r, delim);
	buf_reset(out);
	while ((rv = rec_next(r, &rec)) > 0) {
		buf_printf(out, "%lu %s %zu:", rec.line, rec.err != NULL ?
		    rec.err : "-", rec.nf);
		if (rec_plain(r, &rec)) {
			nplain++;
			if (!fast || !isplain(&rec, rec_plain(r, &rec)))
				badplain++;
		}
		for (i = 0; i < rec.nf && rec.err == NULL; i++) {
			buf_printf(out, " %zu:", rec.f[i].len);
			buf_add(out, rec.f[i].p, rec.f[i].len);
		}
		rec_raw(r, &rec, &raw, &rawlen);
		buf_printf(out, " raw %zu:", rawlen);
		buf_add(out, raw, rawlen);
		buf_addc(out, '\n');
	}
	buf_printf(out, "end %d lines %lu delim %d\n", rv, rec_lines(r),
	    rec_delim(r));
	rec_close(r);
}

/* Whether both paths agree on p[0..len); reports the input if not. */
static int
agree(const char *what, const char *p, size_t len, int delim,
    unsigned seed)
{
	static struct buf a, b;
	static int told;
	size_t i, k, ea, eb;

	dump(&a, p, len, 1, delim, seed);
	dump(&b, p, len, 2, delim, seed);
	if (a.len == b.len && memcmp(a.p, b.p, a.len) == 0)
		dump(&b, p, len, 0, delim, seed);
	if (a.len == b.len && memcmp(a.p, b.p, a.len) == 0)
		return 1;
	if (told++ >= 3)
		return 0;	/* three reports are enough */
	printf("# %s: paths differ on \"", what);
	for (i = 0; i < len && i < 200; i++)
		printf(p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\' ? "%c" :
		    "\\x%02x", (unsigned char)p[i]);
	/* The first record where they part. */
	for (i = k = 0; i < a.len && i < b.len && a.p[i] == b.p[i]; i++)
		if (a.p[i] == '\n')
			k = i + 1;
	for (ea = k; ea < a.len && a.p[ea] != '\n'; ea++)
		;
	for (eb = k; eb < b.len && b.p[eb] != '\n'; eb++)
		;
	printf("\"\n# scalar: %.*s\n# other:  %.*s\n", (int)(ea - k),
	    a.p + k, (int)(eb - k), b.p + k);
	return 0;
}

/* Whether both paths agree on the file at path, whole and in chunks. */
static int
agreefile(const char *path)
{
	FILE *fp;
	struct buf b = { 0 };
	char chunk[65536];
	size_t k;
	int ok;

	if ((fp = fopen(path, "rb")) == NULL)
		return 1;	/* vanished: nothing to compare */
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, k);
	fclose(fp);
	ok = agree(path, b.p != NULL ? b.p : "", b.len, 0, 0) &&
	    agree(path, b.p != NULL ? b.p : "", b.len, 0, 7) &&
	    agree(path, b.p != NULL ? b.p : "", b.len, '\t', 0);
	buf_free(&b);
	return ok;
}

/* Both paths over every .csv and .tsv file under dir; how many files. */
static int
agreedir(const char *dir, int *ok)
{
	DIR *d;
	struct dirent *e;
	char path[4096];
	size_t len;
	int count = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		len = strlen(e->d_name);
		if (len > 4 && (strcmp(e->d_name + len - 4, ".csv") == 0 ||
		    strcmp(e->d_name + len - 4, ".tsv") == 0)) {
			*ok &= agreefile(path);
			count++;
		} else if (strchr(e->d_name, '.') == NULL)
			count += agreedir(path, ok);
	}
	closedir(d);
	return count;
}

/* Lines where a reader could slip. */
static void
adversarial(void)
{
	static const char *const in[] = { "", "\n", "\r\n\r\n", "a",
	    "a,b\n", "a,b", "a,b\r", "a,b\r\n", "a\rb\rc", "a,,\n,,\n",
	    "a,b\"c,d\n", "a,b\"\n", "37°36'37.8\"N,x\n", "\"a\",b\"c\n",
	    "\"a\"b,c\n", "a, \"b\",c\n", "\"a\" ,b\n", "\"a\nb\",c\nd,e\n",
	    "\"a\r\nb\",c\r\n", "\"a\rb\",c\r", "\"unterminated\n,x\n",
	    "x,\"\"\n", "x,\"\"\"\"\n", "\"\"\"\",\"\n\n\"\n", "a\0b,c\n",
	    "\xef\xbb\xbf" "a,b\n1,2\n", "a;b\n1;\"2;3\"\n", "a\tb\n\"1\t\"\t2\n",
	    "h1,h2\n\n\n1,2\n\n", "\"a\"\"\",b\n\"c\"\"d\",e\n", ",\n\",\"\n" };
	size_t i;
	int ok = 1, d;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		for (d = 0; d < 3; d++)
			ok &= agree("adversarial", in[i], i == 24 ? 6 :
			    strlen(in[i]), d == 0 ? 0 : d == 1 ? ',' : ';',
			    d == 2 ? 3 : 0);
	check("adversarial lines agree", ok);
}

/*
 * Records past the limits and bad UTF-8, each followed by a good record:
 * both paths say the same, and the dump (of the fast path) has the reason
 * and the good record after it.
 */
static void
limitcases(void)
{
	static const struct {
		const char	*name;		/* the case */
		const char	*head, *fill, *tail; /* head, fill n times, tail */
		size_t		 n;
		const char	*want;		/* in the dump */
	} c[] = {
	    { "a line over the limit", "a,", "x", "\nx,y\n", REC_MAXREC,
		"1 too long: the record has over 1048576 bytes, the limit of a record" },
	    { "a line over the limit, CRLF", "a,", "x", "\r\nx,y\r\n",
		REC_MAXREC, "1 too long: the record has" },
	    { "a quoted line over the limit", "\"a,", "x", "\n\"\nx,y\n",
		REC_MAXREC, "1 too long: the record has" },
	    { "a quoted record of lines over the limit", "a,\"", "xxxxxx\n",
		"\"\nx,y\n", REC_MAXREC / 7 + 1, "1 too long: the record has" },
	    { "a field over the limit", "a,", "x", "\nx,y\n", REC_MAXFIELD + 1,
		"1 too long: field 2 has 131073 bytes, over the limit of 131072" },
	    { "a quoted field over the limit", "a,\"", "x", "\"\nx,y\n",
		REC_MAXFIELD + 1, "1 too long: field 2 has 131073 bytes" },
	    { "a field at the limit", "a,", "x", "\nx,y\n", REC_MAXFIELD,
		"1 - 2: 1:a 131072:" },
	    { "too many fields", "a", ",", "\nx,y\n", REC_MAXCOLS,
		"1 too many fields: 16385, over the limit of 16384" },
	    { "fields at the limit", "a", ",", "\nx,y\n", REC_MAXCOLS - 1,
		"1 - 16384: 1:a 0:" },
	    { "bad UTF-8", "ab,c\xc3", "", "\nx,y\n", 0,
		"1 invalid UTF-8: byte 0xC3 in field 2 (byte 2 of the field)" },
	    { "bad UTF-8, quoted", "ab,\"c\n\xed\xa0\x80\"", "", "\nx,y\n", 0,
		"1 invalid UTF-8: byte 0xED in field 2 (byte 3 of the field)" },
	};
	struct buf b = { 0 }, d = { 0 };
	size_t i, k;
	int ok;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		buf_reset(&b);
		buf_adds(&b, c[i].head);
		for (k = 0; k < c[i].n; k++)
			buf_adds(&b, c[i].fill);
		buf_adds(&b, c[i].tail);
		ok = agree(c[i].name, b.p, b.len, 0, 0) &&
		    agree(c[i].name, b.p, b.len, ',', 5);
		dump(&d, b.p, b.len, 1, 0, 0);
		ok = ok && strncmp(d.p, c[i].want, strlen(c[i].want)) == 0 &&
		    (strstr(d.p, " 2: 1:x 1:y raw 3:x,y\n") != NULL ||
		    strstr(d.p, " 2: 1:x 1:y raw 3:x,y\r\n") != NULL);
		if (!ok)
			printf("# %s: %.120s\n", c[i].name, d.p);
		check(c[i].name, ok);
	}
	buf_free(&b);
	buf_free(&d);
}

/* Random soups of the bytes that matter. */
static void
soup(void)
{
	static const char bytes[] = "a,\"\r\n;\tb ";
	struct buf b = { 0 };
	unsigned s = 20220615;
	int i, k, len, ok = 1;

	for (i = 0; i < 30000 && ok; i++) {
		buf_reset(&b);
		s = s * 1103515245u + 12345u;
		/* Every third soup long, and thin: 16-byte blocks to scan. */
		len = (int)((s >> 16) % (i % 3 == 2 ? 300 : 40));
		for (k = 0; k < len; k++) {
			s = s * 1103515245u + 12345u;
			/* Mostly the special bytes, now and then a NUL. */
			if ((s >> 16) % 50 == 0)
				buf_addc(&b, '\0');
			else if (i % 3 == 2 && (s >> 16) % 8 != 0)
				buf_addc(&b, 'x');
			else
				buf_addc(&b, bytes[(s >> 16) %
				    (sizeof(bytes) - 1)]);
		}
		ok &= agree("soup", b.p != NULL ? b.p : "", b.len,
		    i % 3 == 0 ? ',' : 0, i % 2 ? (unsigned)i : 0);
	}
	check("30000 random byte soups agree", ok);
	buf_free(&b);
}

int
main(int argc, char *argv[])
{
	/* The public csv-spectrum files only when CBCC_SPECTRUM_DIR names them. */
	const char *dirs[] = { "samples", "tests/fixtures",
	    getenv("CBCC_SPECTRUM_DIR") };
	char what[4200];
	size_t i;
	int k, ok, files;

	adversarial();
	limitcases();
	soup();
	check("records called plain are (contiguous, no quote, CR or LF), "
	    "and only on the fast path", nplain > 1000 && badplain == 0);
	if (argc > 1) {
		for (k = 1, ok = 1; k < argc; k++)
			ok &= agreefile(argv[k]);
		check("the files given agree", ok);
	} else
		for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
			if (dirs[i] == NULL || dirs[i][0] == '\0') {
				printf("ok %d - # skip CBCC_SPECTRUM_DIR is not "
				    "set\n", ++n);
				continue;
			}
			ok = 1;
			files = agreedir(dirs[i], &ok);
			snprintf(what, sizeof(what), "%d files under %s agree",
			    files, dirs[i]);
			check(what, ok && files > 0);
		}
	return tap_end();
}
