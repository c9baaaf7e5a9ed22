/*
 * Unit tests of out.c's quoting: a field is quoted exactly when it holds
 * the delimiter, a quote, CR or LF, whatever its length and wherever the
 * byte stands (the writer tests words of eight and four bytes, or sixteen
 * with SSE2, at a time), and other control bytes (tab, 0x01, 0x0d's
 * neighbours) and bytes of UTF-8 leave it bare; out_bufs writes what
 * out_field does; standard output to a pipe is written in large blocks.
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

/* The writer's text for field p[0..len) alone on a row, delimiter of fmt. */
static void
got(struct buf *b, const char *p, size_t len, int fmt)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *fp = open_memstream(&mem, &memlen);
	struct out *o = out_open(fp, "memory", fmt);

	out_field(o, p, len);
	out_end(o);
	closemem(b, o, fp, &mem, &memlen);
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

	buf_free(&g);
	buf_free(&w);
	return tap_end();
}
