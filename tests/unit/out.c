/*
 * Unit tests of out.c's quoting: a field is quoted exactly when it holds
 * the delimiter, a quote, CR or LF, whatever its length and wherever the
 * byte stands (the writer tests words of eight and four bytes, or sixteen
 * with SSE2, at a time), and other control bytes (tab, 0x01, 0x0d's
 * neighbours) and bytes of UTF-8 leave it bare; out_bufs writes what
 * out_field does, and quotes the fields of a row that need it wherever the
 * byte stands in the row (it looks at a whole row at once); standard
 * output to a pipe is written in large blocks.
 * Prints TAP.
 */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbcc.h"
#include "out.h"
#include "tap.h"

/* What the writer must give for field p[0..len) then a row end, delim d. */
static void
want(struct buf *b, const char *p, size_t len, int d)
{
	size_t i;
	int q = 0;

	for (i = 0; i < len; i++)
		if (p[i] == d || p[i] == '"' || p[i] == '\n' || p[i] == '\r')
			q = 1;
	if (q)
		buf_addc(b, '"');
	for (i = 0; i < len; i++) {
		if (p[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, p[i]);
	}
	if (q)
		buf_addc(b, '"');
	buf_addc(b, '\n');
}

/*
 * What the writer must give for the row of fields v[0..nv), delimiter d:
 * want's fields, one delimiter between two.
 */
static void
wantrow(struct buf *b, const struct buf *v, size_t nv, int d)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < nv; i++) {
		if (i > 0)
			buf_addc(b, d);
		want(b, v[i].p != NULL ? v[i].p : "", v[i].len, d);
		b->len--;		/* want's row end */
	}
	buf_addc(b, '\n');
}

/*
 * Close writer o and its memory stream fp (of *mem, *memlen, set as it
 * closes); b gets what they wrote.
 */
static void
closemem(struct buf *b, struct out *o, FILE *fp, char **mem, size_t *memlen)
{
	out_close(o);
	fclose(fp);
	buf_reset(b);
	buf_add(b, *mem, *memlen);
	free(*mem);
}

/*
 * The writer's text for one row in format fmt: of values v[0..nv) by
 * out_bufs, or if v is NULL of field p[0..len) alone.
 */
static void
onerow(struct buf *b, int fmt, const char *p, size_t len,
    const struct buf *v, size_t nv)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *fp = open_memstream(&mem, &memlen);
	struct out *o = out_open(fp, "memory", fmt);

	if (v != NULL)
		out_bufs(o, v, nv);
	else
		out_field(o, p, len);
	out_end(o);
	closemem(b, o, fp, &mem, &memlen);
}

/* The writer's text for field p[0..len) alone on a row, delimiter of fmt. */
static void
got(struct buf *b, const char *p, size_t len, int fmt)
{
	onerow(b, fmt, p, len, NULL, 0);
}

/*
 * Two rows of the values v[0..nv) (at most nine) in format fmt (excel:
 * --excel), each after a first field "x": by out_bufs (bufs) or field
 * by field.
 */
static void
rows(struct buf *b, const struct buf *v, size_t nv, int fmt, int excel,
    int bufs)
{
	static const char *const names[] = { "a", "b", "c", "d", "e", "f",
	    "g", "h", "i", "j" };
	char *mem = NULL;
	size_t memlen = 0, i, r;
	FILE *fp = open_memstream(&mem, &memlen);
	struct out *o = out_open(fp, "memory", fmt);

	out_set_excel(o, excel);
	out_header(o, nv + 1, names);
	for (r = 0; r < 2; r++) {
		out_field(o, "x", 1);
		if (bufs)
			out_bufs(o, v, nv);
		else
			for (i = 0; i < nv; i++)
				out_field(o, v[i].p != NULL ? v[i].p : "",
				    v[i].len);
		out_end(o);
	}
	closemem(b, o, fp, &mem, &memlen);
}

/*
 * Whether out_bufs writes what out_field does, value by value: quoted
 * values among bare ones, an empty one without bytes, long ones, a
 * formula, in csv, tsv and jsonl, with --excel and without.
 */
static int
bufsagree(void)
{
	static const char *const text[] = { "2021", "Mường Phăng, Điện Biên",
	    "Trung cấp \"LLCT\"", "=1+1", "Bí thư Đoàn TNCS Hồ Chí Minh",
	    "a\tb", "line\nbreak", "nu" };
	static const int fmts[] = { FMT_CSV, FMT_TSV, FMT_JSONL };
	struct buf v[9], x = { 0 }, y = { 0 };
	size_t i, f;
	int excel, ok = 1;

	memset(v, 0, sizeof(v));
	for (i = 0; i < 8; i++)
		buf_adds(&v[i], text[i]);	/* v[8]: empty, no bytes */
	for (f = 0; f < 3; f++)
		for (excel = 0; excel < 2; excel++) {
			rows(&x, v, 9, fmts[f], excel, 1);
			rows(&y, v, 9, fmts[f], excel, 0);
			if (x.len < 100 || x.len != y.len ||
			    memcmp(x.p, y.p, x.len) != 0)
				ok = 0;
		}
	for (i = 0; i < 9; i++)
		buf_free(&v[i]);
	buf_free(&x);
	buf_free(&y);
	return ok;
}

/*
 * Whether rows written to standard output, a pipe, stay in the process
 * until 60 KiB of them are written: in a child, whose standard output
 * is the pipe; it leaves without flushing.  Called before this process
 * writes to standard output, which the child inherits.  A buffer of
 * stdio's own size (st_blksize, 4 KiB for a pipe) would have put nearly
 * all of them in the pipe, one write(2) each 4 KiB.
 */
static int
blockwrites(void)
{
	struct out *o;
	pid_t pid;
	int fd[2], st, inpipe, i;

	if (pipe(fd) == -1 || (pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		if (dup2(fd[1], STDOUT_FILENO) == -1)
			_exit(2);
		o = out_open(stdout, "-", FMT_CSV);
		for (i = 0; i < 1000; i++) {
			out_field(o, "Lò Văn Pọm", strlen("Lò Văn Pọm"));
			out_field(o, "Mường Phăng", strlen("Mường Phăng"));
			out_field(o, "cong_chuc, dai_hoc ...........", 30);
			out_end(o);
		}
		if (ioctl(fd[0], FIONREAD, &inpipe) == -1)
			_exit(2);
		_exit(inpipe == 0 ? 0 : 1);
	}
	close(fd[1]);
	if (waitpid(pid, &st, 0) == -1)
		return 0;
	close(fd[0]);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* xorshift32: the next of a sequence of numbers. */
static uint32_t
next(uint32_t *r)
{
	*r ^= *r << 13;
	*r ^= *r >> 17;
	*r ^= *r << 5;
	return *r;
}

/*
 * Whether out_bufs quotes just the fields that need it in 4,000 rows of
 * 1 to 12 fields of 0 to 40 bytes, half of them with a special byte in a
 * field (the delimiter, a quote, CR, LF, or the other format's
 * delimiter) at any place; and in rows of 600 fields of 15 bytes (9,600
 * bytes, a delimiter in the same column of every sixteen), plain and with
 * one field holding a delimiter: csv and tsv.
 */
static int
rowsagree(void)
{
	static const char special[] = { ',', '"', '\n', '\r', '\t', ';' };
	static struct buf v[600];
	struct buf x = { 0 }, y = { 0 };
	uint32_t r = 2463534242u;
	size_t t, i, nv, len;
	int f, d, ok = 1;

	for (t = 0; t < 4004; t++) {
		nv = t < 4000 ? 1 + next(&r) % 12 : 600;
		for (i = 0; i < nv; i++) {
			len = t < 4000 ? next(&r) % 41 : 15;
			buf_reset(&v[i]);
			while (len-- > 0)
				buf_addc(&v[i], 'a' + (int)(next(&r) % 26));
		}
		if (t % 2 == 1 && v[i = next(&r) % nv].len > 0)
			v[i].p[next(&r) % v[i].len] = special[t < 4000 ?
			    next(&r) % sizeof(special) : t / 2 % 2];
		for (f = 0; f < 2; f++) {
			d = f == 0 ? ',' : '\t';
			onerow(&x, f == 0 ? FMT_CSV : FMT_TSV, NULL, 0, v, nv);
			wantrow(&y, v, nv, d);
			if (x.len != y.len || memcmp(x.p, y.p, x.len) != 0)
				ok = 0;
		}
	}
	for (i = 0; i < 600; i++)
		buf_free(&v[i]);
	buf_free(&x);
	buf_free(&y);
	return ok;
}

int
main(void)
{
	static const char bytes[] = { ',', '"', '\n', '\r', '\t', 0x01, 0x0c,
	    0x0e, ';', 'x', (char)0xc3, (char)0xff };
	static const int fmts[] = { FMT_CSV, FMT_TSV };
	struct buf g = { 0 }, w = { 0 };
	char field[40];
	size_t len, pos, k, f, bad = 0, tried = 0;
	int blocks = blockwrites();	/* first: stdout still unused */

	for (f = 0; f < 2; f++)
		for (len = 1; len <= sizeof(field); len++)
			for (pos = 0; pos < len; pos++)
				for (k = 0; k < sizeof(bytes); k++) {
					memset(field, 'a', sizeof(field));
					field[pos] = bytes[k];
					got(&g, field, len, fmts[f]);
					buf_reset(&w);
					want(&w, field, len, fmts[f] == FMT_CSV ?
					    ',' : '\t');
					tried++;
					if (g.len != w.len ||
					    memcmp(g.p, w.p, g.len) != 0)
						bad++;
				}
	check("every length 1-40, every place of a special or control "
	    "byte, csv and tsv: quoted exactly when needed", bad == 0 &&
	    tried > 5000);
	got(&g, "", 0, FMT_CSV);
	check("an empty field is bare", g.len == 1 && g.p[0] == '\n');
	check("standard output to a pipe: 60 KiB of rows, no write yet",
	    blocks);
	check("out_bufs writes what out_field does, in every format",
	    bufsagree());
	check("out_bufs quotes the fields of a row that need it, wherever "
	    "the byte stands, in rows short and long", rowsagree());

	buf_free(&g);
	buf_free(&w);
	return tap_end();
}
