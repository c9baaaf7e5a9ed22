/*
 * damage-tool - randomly damaged copies of a file, the same on every
 * machine for a given seed, for the tests of the workbook readers:
 *
 *   damage-tool [-s seed] [-n count] [-k copy] [-m most] FILE DIR
 *
 * writes copies 1 to count (or copy k alone) of FILE into DIR, named
 * NAME-K.EXT after FILE's NAME.EXT, each with 1 to most (30) of its bytes
 * set to random values.  Copy k depends only on the seed, k and FILE.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbcc.h"

/* splitmix64: the next number of the sequence in *s. */
static uint64_t
next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
usage(void)
{
	fprintf(stderr, "usage: damage-tool [-s seed] [-n count] [-k copy] "
	    "[-m most] file dir\n");
	exit(EXIT_USAGE);
}

/* Read the file at path whole. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(fp))
		cbcc_err(EXIT_DATA, "%s", path);
	fclose(fp);
	*len = b.len;
	return (unsigned char *)b.p;
}

int
main(int argc, char *argv[])
{
	unsigned long long seed = 1, count = 300, only = 0, most = 30, k, i, n;
	const char *errstr, *base, *dot;
	unsigned char *orig, *copy;
	char path[4096];
	uint64_t s;
	size_t len;
	FILE *fp;
	int ch;

	cbcc_init("damage-tool");
	while ((ch = getopt(argc, argv, "s:n:k:m:")) != -1) {
		unsigned long long v = (unsigned long long)cbcc_strtonum(optarg,
		    ch == 's' ? 0 : 1, 1000000000, &errstr);

		if (errstr != NULL)
			cbcc_errx(EXIT_USAGE, "-%c %s: %s", ch, optarg, errstr);
		if (ch == 's')
			seed = v;
		else if (ch == 'n')
			count = v;
		else if (ch == 'k')
			only = v;
		else if (ch == 'm')
			most = v;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		usage();
	orig = slurp(argv[0], &len);
	if (len == 0)
		cbcc_errx(EXIT_DATA, "%s: empty", argv[0]);
	copy = xmalloc(len);
	base = strrchr(argv[0], '/') != NULL ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	if ((dot = strrchr(base, '.')) == NULL)
		dot = base + strlen(base);
	for (k = only ? only : 1; k <= (only ? only : count); k++) {
		s = seed * 0x100000001B3ULL ^ k;
		memcpy(copy, orig, len);
		n = 1 + next(&s) % most;
		for (i = 0; i < n; i++) {
			uint64_t r = next(&s);

			copy[r % len] = (unsigned char)(r >> 56);
		}
		snprintf(path, sizeof(path), "%s/%.*s-%llu%s", argv[1],
		    (int)(dot - base), base, k, dot);
		if ((fp = fopen(path, "wb")) == NULL ||
		    fwrite(copy, 1, len, fp) != len || fclose(fp) != 0)
			cbcc_err(EXIT_DATA, "%s", path);
	}
	free(orig);
	free(copy);
	return cbcc_exit();
}
