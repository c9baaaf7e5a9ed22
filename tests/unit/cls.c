/*
 * Unit tests of cls.c: rule loading and matching on small rule sets of
 * their own (the built-in tables are tested through the program).
 * Prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "cls.h"
#include "lvl.h"
#include "text.h"

static int n, failed;

/* One case: the level of text in dimension dim is want ("unknown": -1). */
static void
check(struct cls *c, const char *dim, const char *text, const char *want)
{
	const struct lvl_dim *d = lvl_find(dim, strlen(dim));
	int lvl = cls_match(c, d, text, strlen(text));
	const char *got = lvl < 0 ? "unknown" : d->codes[lvl];
	char shown[128];
	size_t i, j;

	/* The text on one line: a line break shown as \n. */
	for (i = j = 0; text[i] != '\0' && j + 3 < sizeof(shown); i++)
		if (text[i] == '\n') {
			shown[j++] = '\\';
			shown[j++] = 'n';
		} else
			shown[j++] = text[i];
	shown[j] = '\0';
	n++;
	if (strcmp(got, want) == 0) {
		printf("ok %d - %s \"%s\" %s\n", n, dim, shown, want);
		return;
	}
	failed++;
	printf("not ok %d - %s \"%s\": got %s, want %s\n", n, dim, shown, got,
	    want);
}

static const char rules[] =
    "# test rules\n"
    "[education]\n"
    "trung_cap   TC\n"
    "trung_cap   Trung cấp\n"
    "dai_hoc     ĐH      # đại học\n"
    "dai_hoc     Cử nhân\n"
    "thac_si     Thạc sĩ\n"
    "chua_dao_tao 12/12\n"
    "ignore      TC LLCT\n"
    "studying    đang học\n"
    "[political_theory]\n"
    "trung_cap   TC LLCT\n"
    "[education]\n"
    "tien_si     TS\n"
    "[it_skill]\n"
    "co_ban      B\n"
    "co_ban      Tin học B\n"
    "nang_cao    Nâng cao\n"
    "other       Tiếng Anh\n";

int
main(void)
{
	struct cls *c = cls_new();
	struct buf b = { 0 };
	const char *nfd = "Trung ca\xcc\x82\xcc\x81p";	/* Trung cấp, NFD */

	cls_load(c, "test.rules", rules, strlen(rules));

	n++;
	buf_adds(&b, "");
	text_key(&b, nfd, strlen(nfd), TEXT_KEY_YI | TEXT_KEY_PUNCT);
	printf("%sok %d - an NFD key holds whole words: \"%s\"\n",
	    strcmp(b.p, "trung cap") == 0 ? "" : (failed++, "not "), n, b.p);
	buf_free(&b);

	n++;
	printf("%sok %d - rules per dimension, a section opened twice\n",
	    cls_nrules(c, lvl_find("education", 9)) == 9 &&
	    cls_nrules(c, lvl_find("political_theory", 16)) == 1 ? "" :
	    (failed++, "not "), n);

	check(c, "education", "TC", "trung_cap");
	check(c, "education", nfd, "trung_cap");
	check(c, "education", "tc.", "trung_cap");
	check(c, "education", "t.c.", "unknown");	/* "T.C" is a rule of its own */
	check(c, "education", "TC LLCT", "unknown");
	check(c, "education", "TC LLCT, TC", "trung_cap");
	check(c, "education", "TCLLCT", "unknown");
	check(c, "education", "Cử nhân", "dai_hoc");
	check(c, "education", "CU NHAN", "dai_hoc");
	check(c, "education", "cửnhân", "unknown");
	check(c, "education", "TC, ĐH", "dai_hoc");
	check(c, "education", "TC + ĐH", "dai_hoc");
	check(c, "education", "TC/ĐH", "dai_hoc");
	check(c, "education", "TC và ĐH", "dai_hoc");
	check(c, "education", "TC\nĐH", "dai_hoc");
	check(c, "education", "12/12", "chua_dao_tao");
	check(c, "education", "12 / 12", "unknown");
	check(c, "education", "12/12; TC", "trung_cap");
	check(c, "education", "Thạc sỹ", "thac_si");
	check(c, "education", "TS", "tien_si");
	check(c, "education", "đang học ĐH", "unknown");
	check(c, "education", "ĐH (đang học)", "unknown");
	check(c, "education", "ĐH đang học Thạc sĩ", "dai_hoc");
	check(c, "education", "TC, đang học ĐH", "trung_cap");
	check(c, "education", "đang học", "unknown");
	check(c, "education", "", "unknown");
	check(c, "political_theory", "TC LLCT", "trung_cap");
	check(c, "political_theory", "TC", "unknown");
	check(c, "it_skill", "TC", "unknown");
	/* "other": a language in the IT column cancels what follows it in
	 * its part, or else the level right before it. */
	check(c, "it_skill", "B", "co_ban");
	check(c, "it_skill", "Tiếng Anh B", "unknown");
	check(c, "it_skill", "Tiếng Anh giao tiếp B", "unknown");
	check(c, "it_skill", "Tiếng Anh B Nâng cao", "unknown");
	check(c, "it_skill", "B tiếng Anh", "unknown");
	check(c, "it_skill", "Tin học B Nâng cao tiếng Anh", "co_ban");
	check(c, "it_skill", "Tiếng Anh B, Tin học B", "co_ban");
	check(c, "it_skill", "Tin học B; Tiếng Anh", "co_ban");
	check(c, "it_skill", "Tiếng Anh", "unknown");
	check(c, "education", "B", "unknown");
	/* The cache answers the same. */
	check(c, "education", "TC, ĐH", "dai_hoc");
	check(c, "political_theory", "TC LLCT", "trung_cap");
	check(c, "education", "TC LLCT", "unknown");

	cls_free(c);
	printf("1..%d\n", n);
	return failed != 0;
}
