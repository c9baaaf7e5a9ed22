/*
 * fuzz-xls - libFuzzer harness of the .xls reader (xls.c over cfb.c):
 * open the input as a workbook, read every sheet to its end.
 *
 * The first byte of the input says what the rest is: with its low bit
 * clear, a whole file (an OLE2 compound file, its container fuzzed with
 * its records); with it set, a bare workbook stream (BIFF records), which
 * the harness puts into a well-formed compound file so that every run
 * reaches the records.  The contract checked besides the sanitizers: the
 * text of a sheet is whole CSV lines, and a workbook that opens reads to
 * the end of every sheet.  Seeds (seeds/xls): the .xls fixtures after a
 * byte 0, their workbook streams after a byte 1, and the inputs that
 * found faults (regress-*).
 */
#include "fuzz.h"
#include "cfb-wrap.h"
#include "xls.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = { 0 };
	struct xls_sheet *s;
	struct xls *x;
	char path[64], chunk[4096];
	ssize_t n;
	size_t i;
	int last;

	if (size < 1)
		return 0;
	fuzz_init();
	cbcc_init("fuzz-xls");
	if (data[0] & 1) {
		if (!cw_wrap(&b, data + 1, size - 1)) {
			buf_free(&b);
			return 0;
		}
		fuzz_file(path, (const uint8_t *)b.p, b.len);
	} else
		fuzz_file(path, data + 1, size - 1);
	buf_free(&b);
	if ((x = xls_open(path)) != NULL) {
		for (i = 0; i < xls_nsheets(x); i++) {
			if (xls_sheet_name(x, i) == NULL)
				abort();
			s = xls_sheet_open(x, i);
			last = '\n';
			while ((n = xls_read(s, chunk, sizeof(chunk))) > 0)
				last = chunk[n - 1];
			if (n < 0 || last != '\n')
				abort();	/* a line cut short */
			xls_sheet_close(s);
		}
		xls_close(x);
	}
	unlink(path);
	return 0;
}
