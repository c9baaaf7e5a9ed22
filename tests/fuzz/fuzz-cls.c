/*
 * fuzz-cls - libFuzzer harness of the classifier (cls.c).
 *
 * The input is a cell of text: it is classified in every dimension by
 * the built-in rules, tallied as unmatched, and the hit and unmatched
 * tables are written (to /dev/null).  When the first byte is odd, the
 * input up to its first NUL is also loaded as a rules file of its own
 * (a bad line is a data error, exit(1), not a finding) and the rest is
 * classified by those rules.
 */
#include "fuzz.h"
#include "cls.h"
#include "lvl.h"
#include "out.h"

#include "cls-rules.h"

/* The classifier with the built-in rules, made once. */
static struct cls *c;

static struct cls *
builtin(void)
{
	size_t i;

	if (c != NULL)
		return c;
	c = cls_new();
	for (i = 0; i < sizeof(cls_builtin) / sizeof(cls_builtin[0]); i++)
		cls_load(c, cls_builtin[i].file, cls_builtin[i].text,
		    strlen(cls_builtin[i].text));
	cls_count(c, 1);
	return c;
}

/* Classify text[0..len) in every dimension of c, checking the answer. */
static void
classify(struct cls *c, const char *text, size_t len, int tally)
{
	size_t i;
	int lv;

	for (i = 0; i < lvl_ndims; i++) {
		const struct lvl_dim *d = &lvl_dims[i];

		if (!cls_dim(d))
			continue;
		lv = cls_match(c, d, text, len);
		if (lv < -1 || lv >= (int)d->n)
			abort();
		if (lv == -1 && tally)
			cls_tally(c, d, text, len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned long runs;
	struct cls *own;
	const char *text = (const char *)data + 1, *nul;
	size_t len = size > 0 ? size - 1 : 0;
	struct out *o;
	char *copy;

	if (size < 1)
		return 0;
	fuzz_init();
	builtin();
	copy = xmemdup0(text, len);
	classify(c, copy, len, 1);
	if (++runs % 4096 == 0) {
		/*
		 * The unmatched table grows with every text: write the
		 * tables now and then, and start again.
		 */
		o = out_open(stdout, "standard output", FMT_CSV);
		cls_hits(c, o);
		out_close(o);
		o = out_open(stdout, "standard output", FMT_CSV);
		cls_unmatched(c, o);
		out_close(o);
		fflush(stdout);
		cls_free(c);
		c = NULL;
	}
	if (data[0] & 1) {
		nul = memchr(copy, '\0', len);
		own = cls_new();
		if (setjmp(fuzz_jb) == 0) {
			fuzz_inmain = 1;
			cls_load(own, "fuzz.rules", copy,
			    nul != NULL ? (size_t)(nul - copy) : len);
			fuzz_inmain = 0;
			if (nul != NULL)
				classify(own, nul + 1, len - (size_t)(nul -
				    copy) - 1, 0);
		}
		fuzz_inmain = 0;
		/* Also after a bad line: what was loaded is whole. */
		cls_free(own);
	}
	free(copy);
	return 0;
}
