/*
 * fuzz-normalize - libFuzzer harness of cbcc-normalize: its decoding
 * (enc.c), header detection, furniture rows and value cleaning, by
 * running the program itself (normalize.c compiled in, main renamed) on
 * the fuzz input as a file.  The first byte picks --encoding, the
 * delimiter, --year and --format; the rest is the file.  The mojibake
 * tests and repairs of enc.h also get the bytes directly.
 */
#include "fuzz.h"
#include "enc.h"

#define main normalize_main
#define cbcc_exit fuzz_cbcc_exit
int normalize_main(int, char *[]);
#include "normalize.c"
#undef main
#undef cbcc_exit

/* Forget what the last run of normalize_main left in its globals. */
static void
reset(void)
{
	maps = NULL;
	nmaps = 0;
	srcs = NULL;
	nsrcs = 0;
	outcols = NULL;
	noutcols = 0;
	memset(canonused, 0, sizeof(canonused));
	memset(canonpos, 0, sizeof(canonpos));
	delimiter = 0;
	fillyear = 0;
	encoding = NULL;
	nwarn = 0;
	cells = NULL;
	ncells = 0;
	vals = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *encs[] = { NULL, "utf-8", "utf-16", "cp1258", "tcvn3",
	    "vni", "viscii", "tcvn3-in-utf8", "vni-in-utf8", "utf-16le",
	    "utf-16be", "tcvn5712-1", NULL, NULL, NULL, NULL };
	char path[64], *argv[12];
	struct buf b = { 0 };
	int argc = 0;

	if (size < 1)
		return 0;
	fuzz_file(path, data + 1, size - 1);

	argv[argc++] = "cbcc-normalize";
	if (encs[data[0] & 15] != NULL) {
		argv[argc++] = "-e";
		argv[argc++] = encs[data[0] & 15];
	}
	if (data[0] & 0x10) {
		argv[argc++] = "-d";
		argv[argc++] = ";";
	}
	if (data[0] & 0x20) {
		argv[argc++] = "-y";
		argv[argc++] = "2021";
	}
	if (data[0] & 0x40) {
		argv[argc++] = "--format";
		argv[argc++] = "jsonl";
	}
	if (data[0] & 0x80)
		argv[argc++] = "--excel";
	argv[argc++] = path;
	argv[argc] = NULL;
	reset();
	(void)fuzz_run(normalize_main, argc, argv);
	unlink(path);

	(void)enc_looks_tcvn3((const char *)data + 1, size - 1);
	(void)enc_looks_vni((const char *)data + 1, size - 1);
	(void)enc_guess((const char *)data + 1, size - 1);
	enc_fix_tcvn3(&b, (const char *)data + 1, size - 1);
	enc_fix_vni(&b, (const char *)data + 1, size - 1);
	buf_free(&b);
	return 0;
}
