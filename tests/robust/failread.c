/*
 * failread.c - an LD_PRELOAD shim for tests/robust.bats: read(2) on a
 * descriptor above 2 (a file operand) fails with EIO once
 * CBCC_FAILREAD_AFTER bytes have been read from such descriptors, so
 * that a filter meets a read error in the middle of its input.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

ssize_t	read(int, void *, size_t);

ssize_t
read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);
	static long long left = -1;
	const char *s;
	ssize_t got;

	if (real == NULL)
		real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT,
		    "read");
	if (fd <= 2)
		return real(fd, buf, n);
	if (left == -1)
		left = (s = getenv("CBCC_FAILREAD_AFTER")) != NULL ?
		    atoll(s) : 0;
	if (left <= 0) {
		errno = EIO;
		return -1;
	}
	if ((long long)n > left)
		n = (size_t)left;
	if ((got = real(fd, buf, n)) > 0)
		left -= got;
	return got;
}
