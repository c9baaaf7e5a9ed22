/*
 * opt.h - the options every filter shares, and its operands.
 *
 *	static struct option longopts[] = {
 *		{ "where", required_argument, NULL, 'w' },
 *		OPT_COMMON,
 *		{ NULL, 0, NULL, 0 }
 *	};
 *	...
 *	while ((c = getopt_long(argc, argv, "hw:" , longopts, NULL)) != -1)
 *		switch (c) {
 *		case 'w': ...; break;
 *		default: opt_common(c, optarg);
 *		}
 */
#ifndef OPT_H
#define OPT_H

#include <getopt.h>

#include "rec.h"

enum {
	OPT_FORMAT = 0x100,
	OPT_REJECTS,
	OPT_STRICT,
	OPT_VERSION,
	OPT_EXCEL,
	OPT_PRIVATE = 0x200	/* first value free for a filter's own */
};

#define OPT_COMMON \
	{ "format", required_argument, NULL, OPT_FORMAT }, \
	{ "rejects", required_argument, NULL, OPT_REJECTS }, \
	{ "strict", no_argument, NULL, OPT_STRICT }, \
	{ "excel", no_argument, NULL, OPT_EXCEL }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, OPT_VERSION }

struct opts {
	int		 format;	/* --format: FMT_* */
	const char	*rejects;	/* --rejects FILE */
	int		 strict;	/* --strict */
	int		 excel;		/* --excel */
};

extern struct opts opt;

void	 opt_init(const char *progname, const char *usage);
void	 opt_common(int c, const char *arg);
void	 opt_usage(void) __attribute__((noreturn));
struct out *opt_output(void);
struct rec_reader *opt_operand(int argc, char *const *argv, int *ip);

#endif /* OPT_H */
