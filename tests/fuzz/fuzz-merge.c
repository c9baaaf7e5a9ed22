/*
 * fuzz-merge - libFuzzer harness of cbcc-aggregate --merge: the program
 * itself (aggregate.c compiled in, main renamed) on the fuzz input.  The
 * first byte picks -g, --records, --cumulative, --precision and --format;
 * the rest is the input, cut at its first NUL byte into two files.
 */
#include "fuzz.h"

#define main aggregate_main
#define cbcc_exit fuzz_cbcc_exit
int aggregate_main(int, char *[]);
#include "aggregate.c"
#undef main
#undef cbcc_exit

/*
 * Free and forget what the last run of aggregate_main left in its
 * globals: the groups' hash table and tally, the dimensions, the --where
 * conditions.
 */
static void
reset(void)
{
	size_t i, j;

	hash_free(groups);
	tally_free(tl);
	for (i = 0; i < ndims; i++) {
		free(dims[i].col);
		free(dims[i].name);
		hash_free(dims[i].vals);
	}
	free(dims);
	for (i = 0; i < nwh; i++) {
		free(wh[i].col);
		for (j = 0; j < wh[i].nit; j++)
			free(wh[i].it[j].s);
		for (j = 0; j < wh[i].nv; j++)
			free((char *)wh[i].v[j].p);
		free(wh[i].it);
		free(wh[i].v);
		free(wh[i].vit);
		hash_free(wh[i].vals);
	}
	free(wh);
	freelist(gcols, ngcols);
	if (incols != NULL)
		freelist(incols, nin);
	gcols = NULL;
	ngcols = 0;
	gset = 0;
	ccols = NULL;
	nccols = 0;
	wh = NULL;
	nwh = 0;
	dims = NULL;
	ndims = 0;
	groups = NULL;
	tl = NULL;
	hd = 0;
	lastg = HASH_NONE;
	prec = 1;
	cumulative = 0;
	merge = 0;
	records = 0;
	planfile = NULL;
	incols = NULL;
	nin = 0;
	known = 0;
	wasrecords = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *groupby[] = { NULL, "", "year", "district,year" };
	char path1[64], path2[64], *argv[16];
	const uint8_t *nul;
	size_t n1;
	int argc = 0;

	if (size < 1)
		return 0;
	nul = memchr(data + 1, '\0', size - 1);
	n1 = nul != NULL ? (size_t)(nul - data - 1) : size - 1;
	fuzz_file(path1, data + 1, n1);
	if (nul != NULL)
		fuzz_file(path2, nul + 1, size - 1 - n1 - 1);

	argv[argc++] = "cbcc-aggregate";
	argv[argc++] = "--merge";
	if (groupby[data[0] & 3] != NULL) {
		argv[argc++] = "-g";
		argv[argc++] = groupby[data[0] & 3];
	}
	if (data[0] & 4)
		argv[argc++] = "--records";
	else if (data[0] & 8)
		argv[argc++] = "--cumulative";
	if (data[0] & 0x10) {
		argv[argc++] = "-p";
		argv[argc++] = data[0] & 0x20 ? "0" : "6";
	}
	if (data[0] & 0x40) {
		argv[argc++] = "--format";
		argv[argc++] = "jsonl";
	}
	if (data[0] & 0x80)
		argv[argc++] = "--excel";
	argv[argc++] = path1;
	if (nul != NULL)
		argv[argc++] = path2;
	argv[argc] = NULL;
	reset();
	(void)fuzz_run(aggregate_main, argc, argv);
	unlink(path1);
	if (nul != NULL)
		unlink(path2);
	return 0;
}
