/*
 * util.c - program name, diagnostics, checked allocation, side files
 * created 0600, and the close-out that every filter ends with.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cbcc.h"

const char *cbcc_progname = "cbcc";
int cbcc_status = EXIT_OK;

/* Grow the pipe at fd, if it is one; where the system cannot, nothing. */
static void
bigpipe(int fd)
{
#ifdef F_SETPIPE_SZ
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(fd, F_SETPIPE_SZ, 1024 * 1024);
#else
	(void)fd;
#endif
}

/*
 * Set the program name used in diagnostics.  SIGPIPE is ignored so that a
 * closed pipe shows up as EPIPE on a write, which cbcc_wcheck turns into a
 * quiet exit: "cbcc-aggregate | head" ends the filter without a message.
 * A pipe on standard input or output is made as large as the system lets
 * a user make it (1 MiB on Linux, against 64 KiB): the filters of a chain
 * then write and read in fewer, larger steps and wake each other less.
 */
void
cbcc_init(const char *progname)
{
	cbcc_progname = progname;
	signal(SIGPIPE, SIG_IGN);
	bigpipe(STDIN_FILENO);
	bigpipe(STDOUT_FILENO);
}

static void
vdiag(const char *file, unsigned long line, int errnum, const char *fmt,
    va_list ap)
{
	fprintf(stderr, "%s: ", cbcc_progname);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%lu: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	if (fmt != NULL)
		vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, "%s%s", fmt != NULL ? ": " : "",
		    strerror(errnum));
	fputc('\n', stderr);
}

void
cbcc_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
cbcc_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
cbcc_err(int status, const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vdiag(NULL, 0, e, fmt, ap);
	va_end(ap);
	exit(status);
}

/* "cbcc-NAME: FILE:LINE: message"; line 0 leaves the line out. */
void
cbcc_at_warnx(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, 0, fmt, ap);
	va_end(ap);
}

void
cbcc_at_errx(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, 0, fmt, ap);
	va_end(ap);
	exit(EXIT_DATA);
}

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		cbcc_err(EXIT_DATA, "malloc");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		cbcc_err(EXIT_DATA, "calloc");
	return p;
}

/*
 * n zeroed objects of size bytes on cache lines of their own: for what one
 * thread changes all the time while another thread works beside it, which
 * would otherwise wait for each line the other one holds.  free() frees.
 */
void *
xlinecalloc(size_t n, size_t size)
{
	void *p;
	size_t len;
	int e;

	if (size != 0 && n > (SIZE_MAX - CACHELINE) / size) {
		errno = ENOMEM;
		cbcc_err(EXIT_DATA, "posix_memalign");
	}
	len = (n * size + CACHELINE - 1) / CACHELINE * CACHELINE;
	if (len == 0)
		len = CACHELINE;
	if ((e = posix_memalign(&p, CACHELINE, len)) != 0) {
		errno = e;
		cbcc_err(EXIT_DATA, "posix_memalign");
	}
	return memset(p, 0, len);
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		cbcc_err(EXIT_DATA, "realloc");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		cbcc_err(EXIT_DATA, "reallocarray");
	}
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xmemdup0(s, strlen(s));
}

/* A copy of n bytes of s with a NUL after them. */
char *
xmemdup0(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * Open path for writing, truncated, as fopen(path, "w") does, but a file it
 * creates gets mode 0600 (less if the umask says so) whatever the umask
 * allows: the side files a filter writes (--rejects, --unmatched) hold
 * people's names.  An existing file keeps its mode (it may be /dev/null).
 * Returns NULL with errno set on failure.
 */
FILE *
cbcc_create(const char *path)
{
	FILE *fp;
	int fd, e;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		return NULL;
	if ((fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
	}
	return fp;
}

/*
 * Stop on a write error on fp: quietly when the reader of a pipe went away,
 * with a message and status 1 otherwise (a full disk, an I/O error).
 * Asked after every row by the one thread that writes fp: without the
 * stream's lock, which costs atomic operations once a process has a
 * second thread (normalize's reader).
 */
void
cbcc_wcheck(FILE *fp, const char *name)
{
	if (!ferror_unlocked(fp))
		return;
	if (errno == EPIPE)
		_exit(cbcc_status);
	cbcc_err(EXIT_DATA, "write error on %s", name);
}

static void (*closehook)(void);	/* before standard output is closed */

/*
 * Run f before standard output is closed (cbcc_close): for a writer that
 * keeps what it writes a while.
 */
void
cbcc_onclose(void (*f)(void))
{
	closehook = f;
}

/*
 * Flush and close fp, reporting any error (sbase's fshut).  Returns 0 on
 * success, -1 after a message.
 */
int
cbcc_close(FILE *fp, const char *name)
{
	int bad;

	if (fp == stdout && closehook != NULL)
		closehook();
	errno = 0;
	bad = fflush(fp) != 0 || ferror(fp);
	if (bad && errno == EPIPE)
		_exit(cbcc_status);
	if (fclose(fp) != 0 && !bad) {
		if (errno == EPIPE)
			_exit(cbcc_status);
		bad = 1;
	}
	if (bad) {
		cbcc_warnx("write error on %s: %s", name,
		    errno ? strerror(errno) : "I/O error");
		cbcc_status = EXIT_DATA;
		return -1;
	}
	return 0;
}

/* The close-out: check standard output and exit with the status so far. */
int
cbcc_exit(void)
{
	cbcc_close(stdout, "standard output");
	exit(cbcc_status);
}

/* OpenBSD's strtonum, for the numbers options take. */
long long
cbcc_strtonum(const char *s, long long min, long long max, const char **errstr)
{
	long long v;
	char *end;

	*errstr = NULL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end != '\0') {
		*errstr = "invalid";
		return 0;
	}
	if (errno == ERANGE || v < min) {
		*errstr = "too small";
		return 0;
	}
	if (errno == ERANGE || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}
