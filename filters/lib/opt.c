/*
 * opt.c - the options every filter shares, and its operands.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "opt.h"
#include "out.h"
#include "rej.h"

struct opts opt = { FMT_CSV, NULL, 0, 0 };
static const char *usagetext;	/* the synopsis lines, after the name */

/*
 * Set the program name and its synopsis, e.g. "[-g cols] [file ...]"; the
 * lines of a long synopsis are indented under the first.
 */
void
opt_init(const char *progname, const char *usage)
{
	cbcc_init(progname);
	usagetext = usage;
}

static void
printusage(FILE *fp)
{
	const char *p = usagetext, *nl;
	int first = 1;

	for (;;) {
		nl = strchr(p, '\n');
		if (first)
			fprintf(fp, "usage: %s ", cbcc_progname);
		else
			fprintf(fp, "%*s", (int)strlen(cbcc_progname) + 8, "");
		fprintf(fp, "%.*s\n", nl ? (int)(nl - p) : (int)strlen(p), p);
		first = 0;
		if (nl == NULL || nl[1] == '\0')
			break;
		p = nl + 1;
	}
}

void
opt_usage(void)
{
	printusage(stderr);
	exit(EXIT_USAGE);
}

/* Handle a shared option, or call the usage error for an unknown one. */
void
opt_common(int c, const char *arg)
{
	switch (c) {
	case OPT_FORMAT:
		if ((opt.format = out_format(arg)) == -1) {
			cbcc_warnx("unknown format '%s' (csv, tsv or jsonl)",
			    arg);
			opt_usage();
		}
		break;
	case OPT_REJECTS:
		opt.rejects = arg;
		break;
	case OPT_STRICT:
		opt.strict = 1;
		break;
	case OPT_EXCEL:
		opt.excel = 1;
		break;
	case 'h':
		printusage(stdout);
		printf("See the manual page %s(1).\n", cbcc_progname);
		cbcc_exit();
	case OPT_VERSION:
		printf("%s %s\n", cbcc_progname, CBCC_VERSION);
		cbcc_exit();
	default:
		opt_usage();
	}
}

/* The record writer on standard output, set up by the shared options. */
struct out *
opt_output(void)
{
	struct out *o = out_open(stdout, "standard output", opt.format);

	out_set_excel(o, opt.excel);
	rej_open(opt.rejects, opt.strict);
	return o;
}

/*
 * The reader of the next operand, *ip counting them: none means standard
 * input.  An operand that cannot be opened is reported, sets the exit status
 * and is skipped.  Returns NULL when none is left.
 */
struct rec_reader *
opt_operand(int argc, char *const *argv, int *ip)
{
	struct rec_reader *r;
	const char *path;

	for (;;) {
		if (*ip >= argc && !(argc == 0 && *ip == 0))
			return NULL;
		path = argc == 0 ? "-" : argv[*ip];
		(*ip)++;
		if ((r = rec_open(path)) != NULL)
			return r;
		cbcc_warnx("%s: %s", path, strerror(errno));
		cbcc_status = EXIT_DATA;
	}
}
