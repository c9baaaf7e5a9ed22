/*
 * noexchange.c - an LD_PRELOAD shim for tests/swap.bats: renameat2(2)
 * with RENAME_EXCHANGE fails with EINVAL, as on a file system that cannot
 * exchange two names (NFS); rename(2) takes 2 ms, as over a network; with
 * CBCC_NORENAME=N the Nth rename fails, with EIO.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int	renameat2(int, const char *, int, const char *, unsigned int);
int	rename(const char *, const char *);

int
renameat2(int olddirfd, const char *old, int newdirfd, const char *new,
    unsigned int flags)
{
	static int (*real)(int, const char *, int, const char *,
	    unsigned int);

	if (flags & RENAME_EXCHANGE) {
		errno = EINVAL;
		return -1;
	}
	if (real == NULL)
		real = (int (*)(int, const char *, int, const char *,
		    unsigned int))dlsym(RTLD_NEXT, "renameat2");
	return real(olddirfd, old, newdirfd, new, flags);
}

int
rename(const char *old, const char *new)
{
	static int (*real)(const char *, const char *);
	static const struct timespec ms2 = { 0, 2000000 };
	static int n;
	const char *s;

	nanosleep(&ms2, NULL);
	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT,
		    "rename");
	if ((s = getenv("CBCC_NORENAME")) != NULL && ++n == atoi(s)) {
		errno = EIO;
		return -1;
	}
	return real(old, new);
}
