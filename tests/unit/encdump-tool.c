/*
 * encdump-tool - the decoding source alone, for the tests: writes the
 * UTF-8 that enc_read hands out for each file (none or "-": standard
 * input) and then, on standard error, "FILE: ENCODING, N bad, N repaired".
 * -e ENCODING names the encoding (default: auto), -n N reads N bytes at a
 * time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbcc.h"
#include "enc.h"

/* Copy e to standard output, n bytes a read; 0 on a read error. */
static int
dump(struct enc *e, size_t n)
{
	char buf[4096];
	ssize_t k;

	while ((k = enc_read(e, buf, n)) > 0)
		if (fwrite(buf, 1, (size_t)k, stdout) != (size_t)k)
			cbcc_err(EXIT_DATA, "stdout");
	return k == 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: encdump-tool [-e encoding] [-n bytes] "
	    "[file ...]\n");
	exit(EXIT_USAGE);
}

int
main(int argc, char *argv[])
{
	const char *encoding = NULL, *errstr, *path;
	struct enc *e;
	size_t n = 4096;
	int c, i;

	cbcc_init("encdump-tool");
	while ((c = getopt(argc, argv, "e:n:")) != -1)
		switch (c) {
		case 'e':
			if (!enc_known(optarg))
				cbcc_errx(EXIT_USAGE, "unknown encoding '%s'",
				    optarg);
			encoding = optarg;
			break;
		case 'n':
			n = (size_t)cbcc_strtonum(optarg, 1, 4096, &errstr);
			if (errstr != NULL)
				cbcc_errx(EXIT_USAGE, "-n %s: %s", optarg,
				    errstr);
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	for (i = 0; i < (argc > 0 ? argc : 1); i++) {
		path = argc > 0 ? argv[i] : "-";
		if ((e = enc_open(path, encoding)) == NULL) {
			cbcc_warnx("%s: %s", path, strerror(errno));
			cbcc_status = EXIT_DATA;
			continue;
		}
		if (!dump(e, n)) {
			cbcc_warnx("%s: read error: %s", path,
			    strerror(errno));
			cbcc_status = EXIT_DATA;
		}
		if (fflush(stdout) == EOF)
			cbcc_err(EXIT_DATA, "stdout");
		fprintf(stderr, "%s: %s, %lu bad, %lu repaired\n", path,
		    enc_name(e), enc_bad(e), enc_fixed(e));
		enc_close(e);
	}
	return cbcc_exit();
}
