/*
 * fuzz.h - what the libFuzzer harnesses share: a way back from exit(3),
 * and the fuzz input as a temporary file.
 *
 * The harnesses are linked with -Wl,--wrap=exit: while fuzz_run is
 * calling a program's main, exit() (cbcc_errx, opt_usage, a fatal reject)
 * returns to fuzz_run instead of ending the process, so that a data error
 * is an ordinary outcome and not a finding.  Outside fuzz_run, exit is
 * the real one (libFuzzer's own exit at the end of a run).
 *
 * rec_open, rec_open_src, rec_close, enc_open and enc_close are wrapped
 * too (-Wl,--wrap=...): the readers and decoders a run leaves open when
 * it stops at an error are closed by fuzz_run, else each such run would
 * leak their buffers and a long fuzzing run would run out of memory.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <getopt.h>

#include "cbcc.h"
#include "enc.h"
#include "opt.h"
#include "out.h"

static jmp_buf fuzz_jb;		/* where exit() returns to */
static int fuzz_inmain;		/* main is running: exit() jumps */

void	__real_exit(int) __attribute__((noreturn));
void	__wrap_exit(int) __attribute__((noreturn));

/* exit(3) while fuzz_run calls main: back to fuzz_run. */
void
__wrap_exit(int status)
{
	if (fuzz_inmain) {
		fuzz_inmain = 0;
		longjmp(fuzz_jb, status + 1);
	}
	__real_exit(status);
}

#define FUZZ_MAXOPEN	64

static struct rec_reader *fuzz_recs[FUZZ_MAXOPEN];	/* readers open */
static struct enc *fuzz_encs[FUZZ_MAXOPEN];		/* decoders open */

struct rec_reader *__real_rec_open(const char *);
struct rec_reader *__real_rec_open_src(const char *, rec_readfn, void *);
void	__real_rec_close(struct rec_reader *);
struct enc *__real_enc_open(const char *, const char *);
void	__real_enc_close(struct enc *);
struct rec_reader *__wrap_rec_open(const char *);
struct rec_reader *__wrap_rec_open_src(const char *, rec_readfn, void *);
void	__wrap_rec_close(struct rec_reader *);
struct enc *__wrap_enc_open(const char *, const char *);
void	__wrap_enc_close(struct enc *);

/* Put p in the first free slot of v (FUZZ_MAXOPEN of them), or forget v. */
static void
fuzz_track(void **v, void *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < FUZZ_MAXOPEN; i++)
		if (v[i] == NULL) {
			v[i] = p;
			return;
		}
}

/* Take p out of v. */
static void
fuzz_untrack(void **v, void *p)
{
	size_t i;

	for (i = 0; i < FUZZ_MAXOPEN; i++)
		if (v[i] == p)
			v[i] = NULL;
}

struct rec_reader *
__wrap_rec_open(const char *path)
{
	struct rec_reader *r = __real_rec_open(path);

	fuzz_track((void **)fuzz_recs, r);
	return r;
}

struct rec_reader *
__wrap_rec_open_src(const char *name, rec_readfn fn, void *ctx)
{
	struct rec_reader *r = __real_rec_open_src(name, fn, ctx);

	fuzz_track((void **)fuzz_recs, r);
	return r;
}

void
__wrap_rec_close(struct rec_reader *r)
{
	fuzz_untrack((void **)fuzz_recs, r);
	__real_rec_close(r);
}

struct enc *
__wrap_enc_open(const char *path, const char *encoding)
{
	struct enc *e = __real_enc_open(path, encoding);

	fuzz_track((void **)fuzz_encs, e);
	return e;
}

void
__wrap_enc_close(struct enc *e)
{
	fuzz_untrack((void **)fuzz_encs, e);
	__real_enc_close(e);
}

/* Close what a run left open. */
static void
fuzz_closeall(void)
{
	size_t i;

	for (i = 0; i < FUZZ_MAXOPEN; i++) {
		if (fuzz_recs[i] != NULL)
			__wrap_rec_close(fuzz_recs[i]);
		if (fuzz_encs[i] != NULL)
			__wrap_enc_close(fuzz_encs[i]);
	}
}

/*
 * The close-out of a program run by fuzz_run: flush standard output
 * (it is /dev/null, see fuzz_init) without closing it, and go back.
 */
static int __attribute__((unused, noreturn))
fuzz_cbcc_exit(void)
{
	fflush(stdout);
	clearerr(stdout);
	exit(cbcc_status);
}

/* Standard output to /dev/null, once. */
static void
fuzz_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	if (freopen("/dev/null", "w", stdout) == NULL)
		abort();
}

/*
 * Write data[0..size) to a fresh temporary file; its name goes to path
 * (room for 64 bytes).  Aborts on failure: that is the harness's fault.
 */
static void
fuzz_file(char *path, const uint8_t *data, size_t size)
{
	int fd;

	snprintf(path, 64, "/tmp/cbcc-fuzz.%ld.XXXXXX", (long)getpid());
	if ((fd = mkstemp(path)) == -1)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
}

/*
 * Call a program's main with argv (argc entries, NULL after them), the
 * shared state reset first; returns its exit status.
 */
static int
fuzz_run(int (*mainfn)(int, char **), int argc, char **argv)
{
	volatile int rv;

	fuzz_init();
	optind = 0;		/* glibc: start getopt afresh */
	opterr = 1;
	cbcc_status = EXIT_OK;
	opt.format = FMT_CSV;
	opt.rejects = NULL;
	opt.strict = 0;
	opt.excel = 0;
	if ((rv = setjmp(fuzz_jb)) != 0) {
		fflush(stdout);
		clearerr(stdout);
		fuzz_closeall();
		return rv - 1;
	}
	fuzz_inmain = 1;
	rv = mainfn(argc, argv);
	fuzz_inmain = 0;
	fuzz_closeall();
	return rv;
}

#endif /* FUZZ_H */
