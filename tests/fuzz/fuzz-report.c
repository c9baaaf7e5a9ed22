/*
 * fuzz-report - libFuzzer harness of cbcc-report's writers, a round trip:
 * the program itself (report.c and its parts compiled in, main renamed)
 * on the fuzz input as an aggregate (or a diff, or record counts: the
 * header says), and whatever it holds,
 *
 *	- the workbook (--format xlsx) opens: every XML part of it parses
 *	  (libzip, expat);
 *	- the HTML page parses as XML (it is written to be);
 *	- the Markdown has the blocks (headings, paragraphs, tables and their
 *	  rows, lists and their items) of the same report with every text
 *	  of the input made plain: read by GitHub's cmark-gfm, both give the
 *	  same count of each kind.
 *
 * The input is cut at its first NUL byte: the aggregate, then the title;
 * the first byte picks --precision and the second format of the diff.
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <expat.h>
#include <zip.h>

#include "fuzz.h"

#define main report_main
#define cbcc_exit fuzz_cbcc_exit
int report_main(int, char *[]);
#include "report.c"
#undef main
#include "report-model.c"
#include "report-text.c"
#include "report-md.c"
#include "report-html.c"
#include "report-xlsx.c"
#undef cbcc_exit

static void
freekeys(struct key *k)
{
	freekey(k);
	memset(k, 0, sizeof(*k));
}

/* Free and forget the model the last run of report_main read. */
static void
reset(void)
{
	size_t i, j, k, m;

	for (i = 0; i < ngrp; i++) {
		freekeys(&grps[i].k);
		for (j = 0; j < grps[i].ndim; j++) {
			free(grps[i].dim[j].name);
			for (k = 0; k < grps[i].dim[j].nlev; k++)
				free(grps[i].dim[j].lev[k].code);
			free(grps[i].dim[j].lev);
		}
		free(grps[i].dim);
	}
	for (i = 0; i < ndgrp; i++) {
		freekeys(&dgrps[i].k);
		free(dgrps[i].yfrom);
		free(dgrps[i].yto);
		for (j = 0; j < dgrps[i].ndim; j++) {
			free(dgrps[i].dim[j].name);
			for (k = 0; k < dgrps[i].dim[j].nrow; k++) {
				free(dgrps[i].dim[j].row[k].level);
				for (m = 0; m < D_N; m++)
					free(dgrps[i].dim[j].row[k].v[m]);
			}
			free(dgrps[i].dim[j].row);
		}
		free(dgrps[i].dim);
	}
	for (i = 0; i < nrrow; i++)
		freekeys(&rrows[i].k);
	free(grps);
	free(dgrps);
	free(rrows);
	grps = NULL;
	dgrps = NULL;
	rrows = NULL;
	for (i = 0; i < nsf; i++) {
		free(sfs[i].year);
		free(sfs[i].stype);
	}
	free(sfs);
	sfs = NULL;
	nsf = 0;
	freekey(&where);
	memset(&where, 0, sizeof(where));
	memset(&xwalk, 0, sizeof(xwalk));
	diffread = 0;
	ngrp = ndgrp = nrrow = 0;
	prec = 1;
	fmt = TEXT;
	title = DEFTITLE;
	outpath = NULL;
}

/* s replaced by a plain text. */
static void
plain(char **s)
{
	free(*s);
	*s = xstrdup("x");
}

/* Every text of the model that came from the input made plain. */
static void
plainify(void)
{
	size_t i, j, k;

	for (i = 0; i < ngrp; i++) {
		for (j = 0; j < grps[i].k.n; j++)
			plain(&grps[i].k.val[j]);
		for (j = 0; j < grps[i].ndim; j++) {
			if (grps[i].dim[j].ld != NULL)
				continue;	/* codes and names of a list */
			plain(&grps[i].dim[j].name);
			for (k = 0; k < grps[i].dim[j].nlev; k++)
				plain(&grps[i].dim[j].lev[k].code);
		}
	}
	for (i = 0; i < ndgrp; i++) {
		for (j = 0; j < dgrps[i].k.n; j++)
			plain(&dgrps[i].k.val[j]);
		plain(&dgrps[i].yfrom);
		plain(&dgrps[i].yto);
		for (j = 0; j < dgrps[i].ndim; j++) {
			if (dgrps[i].dim[j].ld != NULL)
				continue;
			plain(&dgrps[i].dim[j].name);
			for (k = 0; k < dgrps[i].dim[j].nrow; k++)
				plain(&dgrps[i].dim[j].row[k].level);
		}
	}
	for (i = 0; i < nrrow; i++)
		for (j = 0; j < rrows[i].k.n; j++)
			plain(&rrows[i].k.val[j]);
	title = "x";
}

/* The whole file at path, NUL-terminated, in b. */
static void
slurp(struct buf *b, const char *path)
{
	char chunk[65536];
	FILE *fp;
	size_t n;

	buf_reset(b);
	buf_adds(b, "");
	if ((fp = fopen(path, "rb")) == NULL)
		return;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(b, chunk, n);
	fclose(fp);
}

/* Standard output to the file at path (NULL: /dev/null again). */
static void
stdoutto(const char *path)
{
	fflush(stdout);
	if (freopen(path != NULL ? path : "/dev/null", "w", stdout) == NULL)
		abort();
}

/* Aborts, saying why, unless p[0..len) (named what) is well-formed XML. */
static void
xmlok(const char *what, const char *p, size_t len)
{
	XML_Parser x = XML_ParserCreate(NULL);

	if (XML_Parse(x, p, (int)len, 1) != XML_STATUS_OK) {
		fprintf(stderr, "fuzz-report: %s: line %lu: %s\n", what,
		    (unsigned long)XML_GetCurrentLineNumber(x),
		    XML_ErrorString(XML_GetErrorCode(x)));
		abort();
	}
	XML_ParserFree(x);
}

/* Aborts unless every XML part of the workbook at path parses. */
static void
xlsxok(const char *path)
{
	struct buf b = { 0 };
	struct zip_stat st;
	zip_t *z;
	zip_file_t *f;
	zip_int64_t i, n;
	int err;

	if ((z = zip_open(path, ZIP_RDONLY, &err)) == NULL) {
		fprintf(stderr, "fuzz-report: %s: not a zip file\n", path);
		abort();
	}
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++) {
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 ||
		    (f = zip_fopen_index(z, (zip_uint64_t)i, 0)) == NULL)
			abort();
		buf_reset(&b);
		buf_reserve(&b, (size_t)st.size);
		if (zip_fread(f, b.p, st.size) != (zip_int64_t)st.size)
			abort();
		b.len = (size_t)st.size;
		zip_fclose(f);
		if (strstr(st.name, ".xml") != NULL ||
		    strstr(st.name, ".rels") != NULL)
			xmlok(st.name, b.p, b.len);
	}
	zip_close(z);
	buf_free(&b);
}

/* The block nodes of Markdown text md, counted by kind, into b. */
static void
mdblocks(struct buf *b, const char *md, size_t len)
{
	static const char *const ext[] = { "table", "autolink",
	    "strikethrough" };
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_node *doc, *n;
	cmark_iter *it;
	cmark_event_type ev;
	size_t i, count[64] = { 0 };
	const char *name[64] = { NULL };

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(ext[i]));
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || (cmark_node_get_type(n) &
		    CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_BLOCK)
			continue;
		for (i = 0; i < 64 && name[i] != NULL &&
		    strcmp(name[i], cmark_node_get_type_string(n)) != 0; i++)
			;
		if (i < 64) {
			name[i] = cmark_node_get_type_string(n);
			count[i]++;
		}
	}
	buf_reset(b);
	for (i = 0; i < 64 && name[i] != NULL; i++)
		buf_printf(b, "%s %zu\n", name[i], count[i]);
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char prec0[] = "0", prec6[] = "6";
	char in[64], md[64], md2[64], xl[64], ht[64], *argv[16], *tt = NULL;
	struct buf a = { 0 }, b = { 0 }, ba = { 0 }, bb = { 0 };
	const uint8_t *nul;
	size_t n1;
	int argc, rv;

	if (size < 1)
		return 0;
	fuzz_init();		/* before standard output is sent elsewhere */
	nul = memchr(data + 1, '\0', size - 1);
	n1 = nul != NULL ? (size_t)(nul - data - 1) : size - 1;
	fuzz_file(in, data + 1, n1);
	if (nul != NULL)
		tt = xmemdup0((const char *)nul + 1, size - 1 - n1 - 1);
	fuzz_file(md, (const uint8_t *)"", 0);
	fuzz_file(md2, (const uint8_t *)"", 0);
	fuzz_file(xl, (const uint8_t *)"", 0);
	fuzz_file(ht, (const uint8_t *)"", 0);

	/* The Markdown, and again with every text plain. */
	argc = 0;
	argv[argc++] = "cbcc-report";
	argv[argc++] = "--format";
	argv[argc++] = "md";
	if (data[0] & 1) {
		argv[argc++] = "--precision";
		argv[argc++] = data[0] & 2 ? prec6 : prec0;
	}
	if (tt != NULL) {
		argv[argc++] = "--title";
		argv[argc++] = tt;
	}
	argv[argc++] = in;
	argv[argc] = NULL;
	reset();
	stdoutto(md);
	rv = fuzz_run(report_main, argc, argv);
	if (rv == 0) {
		stdoutto(md2);
		plainify();
		fmt = MD;
		report_md();
		stdoutto(NULL);
		slurp(&a, md);
		slurp(&b, md2);
		mdblocks(&ba, a.p, a.len);
		mdblocks(&bb, b.p, b.len);
		if (strcmp(ba.p, bb.p) != 0) {
			fprintf(stderr, "fuzz-report: the Markdown has other "
			    "blocks than its plain twin:\n%s--\n%s", ba.p,
			    bb.p);
			abort();
		}
	}
	stdoutto(NULL);

	/* The workbook. */
	argv[1] = "--format";
	argv[2] = "xlsx";
	argv[argc++] = "-o";
	argv[argc++] = xl;
	argv[argc] = NULL;
	reset();
	if (fuzz_run(report_main, argc, argv) == 0)
		xlsxok(xl);

	/* The HTML page. */
	argc -= 2;
	argv[2] = "html";
	argv[argc] = NULL;
	reset();
	stdoutto(ht);
	rv = fuzz_run(report_main, argc, argv);
	stdoutto(NULL);
	if (rv == 0) {
		slurp(&a, ht);
		xmlok("the HTML page", a.p, a.len);
	}

	reset();
	unlink(in);
	unlink(md);
	unlink(md2);
	unlink(xl);
	unlink(ht);
	free(tt);
	buf_free(&a);
	buf_free(&b);
	buf_free(&ba);
	buf_free(&bb);
	return 0;
}
