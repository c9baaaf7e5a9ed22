/*
 * fuzz-normalize - libFuzzer harness of cbcc-normalize: its decoding
 * (enc.c), header detection, furniture rows and value cleaning, by
 * running the program itself (normalize.c compiled in, main renamed) on
 * the fuzz input as a file (text, or an .xlsx or .xls workbook).  The
 * first byte picks --encoding, the delimiter, --year and --format; the
 * rest is the file.  The mojibake tests and repairs of enc.h also get
 * the bytes directly.
 */
#include "fuzz.h"
#include "enc.h"

#define main normalize_main
#define cbcc_exit fuzz_cbcc_exit
int normalize_main(int, char *[]);
#include "normalize.c"
#undef main
#undef cbcc_exit

/*
 * The workbooks and sheets a run leaves open when it stops at an error,
 * closed before the next (xlsx_* wrapped like rec_* in fuzz.h).
 */
static struct xlsx *openbooks[FUZZ_MAXOPEN];
static struct xlsx_sheet *opensheets[FUZZ_MAXOPEN];

struct xlsx *__real_xlsx_open(const char *, int);
void	__real_xlsx_close(struct xlsx *);
struct xlsx_sheet *__real_xlsx_sheet_open(struct xlsx *, size_t);
void	__real_xlsx_sheet_close(struct xlsx_sheet *);
struct xlsx *__wrap_xlsx_open(const char *, int);
void	__wrap_xlsx_close(struct xlsx *);
struct xlsx_sheet *__wrap_xlsx_sheet_open(struct xlsx *, size_t);
void	__wrap_xlsx_sheet_close(struct xlsx_sheet *);

struct xlsx *
__wrap_xlsx_open(const char *path, int kind)
{
	struct xlsx *x = __real_xlsx_open(path, kind);

	fuzz_track((void **)openbooks, x);
	return x;
}

void
__wrap_xlsx_close(struct xlsx *x)
{
	fuzz_untrack((void **)openbooks, x);
	__real_xlsx_close(x);
}

struct xlsx_sheet *
__wrap_xlsx_sheet_open(struct xlsx *x, size_t i)
{
	struct xlsx_sheet *sh = __real_xlsx_sheet_open(x, i);

	fuzz_track((void **)opensheets, sh);
	return sh;
}

void
__wrap_xlsx_sheet_close(struct xlsx_sheet *sh)
{
	fuzz_untrack((void **)opensheets, sh);
	__real_xlsx_sheet_close(sh);
}

/* Close the sheets, then the workbooks, a run left open. */
static void
closebooks(void)
{
	size_t i;

	for (i = 0; i < FUZZ_MAXOPEN; i++)
		if (opensheets[i] != NULL)
			__wrap_xlsx_sheet_close(opensheets[i]);
	for (i = 0; i < FUZZ_MAXOPEN; i++)
		if (openbooks[i] != NULL)
			__wrap_xlsx_close(openbooks[i]);
}

/* Forget what the last run of normalize_main left in its globals. */
static void
reset(void)
{
	sheetarg = NULL;
	free(books);
	books = NULL;
	nbooks = 0;
	maps = NULL;
	nmaps = 0;
	srcs = NULL;
	nsrcs = 0;
	extras = NULL;
	noutcols = 0;
	keepdups = 0;
	seenset = NULL;
	bdcell = NULL;
	cursrc = 0;
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
	closebooks();
	unlink(path);

	(void)enc_looks_tcvn3((const char *)data + 1, size - 1);
	(void)enc_looks_vni((const char *)data + 1, size - 1);
	(void)enc_guess((const char *)data + 1, size - 1);
	enc_fix_tcvn3(&b, (const char *)data + 1, size - 1);
	enc_fix_vni(&b, (const char *)data + 1, size - 1);
	buf_free(&b);
	return 0;
}
