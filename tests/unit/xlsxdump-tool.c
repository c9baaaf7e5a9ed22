/*
 * xlsxdump-tool - the workbook reader alone, for the tests:
 *
 *   xlsxdump-tool FILE		the kind of FILE and its sheets, one a line
 *   xlsxdump-tool FILE SHEET	the CSV text of a sheet (name or number)
 */
#include <stdio.h>
#include <stdlib.h>

#include "cbcc.h"
#include "xlsx.h"

int
main(int argc, char *argv[])
{
	static const char *const kinds[] = { "text", "xlsx", "xls" };
	struct xlsx_sheet *s;
	struct xlsx *x;
	char buf[4096];
	ssize_t n;
	size_t i;
	long si;
	int kind;

	cbcc_init("xlsxdump-tool");
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: xlsxdump-tool file [sheet]\n");
		return EXIT_USAGE;
	}
	if ((kind = xlsx_sniff(argv[1])) == -1)
		cbcc_err(EXIT_DATA, "%s", argv[1]);
	if (kind == XLSX_TEXT) {
		printf("text\n");
		return cbcc_exit();
	}
	if ((x = xlsx_open(argv[1], kind)) == NULL)
		return cbcc_exit();
	if (argc == 2) {
		printf("%s\n", kinds[kind]);
		for (i = 0; i < xlsx_nsheets(x); i++)
			printf("%zu\t%s\n", i + 1, xlsx_sheet_name(x, i));
	} else if ((si = xlsx_sheet_find(x, argv[2])) == -1)
		cbcc_warnx("%s: no sheet %s", argv[1], argv[2]);
	else if ((s = xlsx_sheet_open(x, (size_t)si)) != NULL) {
		while ((n = xlsx_read(s, buf, sizeof(buf))) > 0)
			fwrite(buf, 1, (size_t)n, stdout);
		xlsx_sheet_close(s);
	}
	xlsx_close(x);
	return cbcc_exit();
}
