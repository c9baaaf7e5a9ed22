/*
 * recdump-tool - the record reader and the writer alone, for the tests:
 * reads CSV or TSV files and writes their records, header first, in the
 * --format asked; rejects unparseable records like every filter.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cbcc.h"
#include "opt.h"
#include "out.h"
#include "rec.h"
#include "rej.h"

int
main(int argc, char *argv[])
{
	static struct option longopts[] = { OPT_COMMON, { NULL, 0, NULL, 0 } };
	struct rec_reader *r;
	struct out *o;
	struct rec rec;
	const char *raw;
	size_t rawlen;
	int c, i = 0, first = 1;

	opt_init("recdump-tool", "[--format fmt] [file ...]");
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		opt_common(c, optarg);
	argc -= optind;
	argv += optind;
	o = opt_output();
	while ((r = opt_operand(argc, argv, &i)) != NULL) {
		while (rec_next(r, &rec) > 0) {
			if (rec.err != NULL) {
				rec_raw(r, &rec, &raw, &rawlen);
				rej_add(rec_name(r), rec.line, rec.err, raw,
				    rawlen);
			} else if (first) {
				out_header_fields(o, rec.f, rec.nf);
				first = 0;
			} else
				out_row(o, rec.f, rec.nf);
		}
		rec_close(r);
	}
	out_close(o);
	rej_close();
	return cbcc_exit();
}
