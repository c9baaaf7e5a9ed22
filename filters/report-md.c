/*
 * report-md.c - cbcc-report --format md: a section per group with its
 * sentences and a table per dimension, every text escaped for Markdown.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cbcc.h"
#include "vnum.h"
#include "report.h"

/*
 * Append s to b with what Markdown (CommonMark and GitHub's) would act on
 * escaped, so that s stays one run of text in a paragraph, heading, list
 * item or table cell: line breaks and tabs become spaces, leading blanks
 * (an indented code block) go; at the start, what opens a block (a list
 * marker -, +, 1. or 1), a quote >, a rule or a heading underline =) is
 * escaped; anywhere, the characters of emphasis, code, links, images, raw
 * HTML, entities, tables, strike-through and headings, and the ':' of
 * "://" and the '.' of "www." (autolinks).  An e-mail address stays one:
 * GitHub's Markdown links it whatever is escaped.
 */
static void
md_esc(struct buf *b, const char *s)
{
	const char *start;
	size_t n;

	s += strspn(s, " \t\n\r");
	start = s;
	if (*s != '\0' && strchr("-+=>", *s) != NULL)
		buf_addc(b, '\\');
	else if ((n = strspn(s, "0123456789")) > 0 && (s[n] == '.' ||
	    s[n] == ')')) {
		buf_add(b, s, n);
		buf_addc(b, '\\');
		s += n;
	}
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			buf_addc(b, ' ');
			continue;
		}
		if (strchr("\\`*_[]<>|#~&!", *s) != NULL ||
		    (*s == ':' && s[1] == '/' && s[2] == '/') ||
		    (*s == '.' && s - start >= 3 &&
		    strncasecmp(s - 3, "www", 3) == 0))
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
}

static const struct markup mdmarkup = { "\n## ", "\n\n", "", "", "- ",
    "\n", md_esc };

/* Append a Markdown table row of cells (NULL-terminated), escaped. */
static void
mdrow(struct buf *b, const char *const *cell)
{
	for (; *cell != NULL; cell++) {
		buf_adds(b, "| ");
		md_esc(b, *cell);
		buf_addc(b, ' ');
	}
	buf_adds(b, "|\n");
}

/* Append the Markdown table of dimension d of a group. */
static void
mdtable(struct buf *b, const struct dim *d)
{
	struct item it[MAXITEMS];
	struct buf lab = { 0 }, c = { 0 }, p = { 0 };
	const char *cell[4];
	size_t i, n = items(d, it);

	buf_adds(&lab, "");
	cap1(&lab, dimlabel(d->name, d->ld));
	cell[0] = lab.p;
	cell[1] = "Số người";
	cell[2] = "Tỷ lệ";
	cell[3] = NULL;
	mdrow(b, cell);
	buf_adds(b, "|---|--:|--:|\n");
	for (i = 0; i <= n; i++) {
		buf_reset(&lab);
		buf_reset(&c);
		buf_reset(&p);
		if (i < n) {
			cap1(&lab, it[i].label);
			vnum_int(&c, it[i].count);
			pct(&p, it[i].count, d->total);
		} else if (d->ld != NULL &&
		    strcmp(d->name, "political_theory") == 0) {
			buf_adds(&lab, "Trung cấp trở lên");
			vnum_int(&c, levfrom(d, "trung_cap"));
			pct(&p, levfrom(d, "trung_cap"), d->total);
		} else if (d->ld != NULL && strcmp(d->name, "state_mgmt") == 0) {
			buf_adds(&lab, "Đã qua bồi dưỡng");
			vnum_int(&c, levfrom(d, "chuyen_vien"));
			pct(&p, levfrom(d, "chuyen_vien"), d->total);
		} else
			break;
		cell[0] = lab.p;
		cell[1] = c.p;
		cell[2] = p.p;
		mdrow(b, cell);
	}
	buf_free(&lab);
	buf_free(&c);
	buf_free(&p);
}

/* Markdown: a section per group with its sentences and tables. */
void
report_md(void)
{
	struct buf b = { 0 }, s = { 0 };
	size_t i, j;

	buf_adds(&b, "# ");
	md_esc(&b, title);
	buf_adds(&b, "\n");
	if (mapsentence(&s)) {
		buf_adds(&b, "\n");
		md_esc(&b, s.p);
		buf_adds(&b, "\n");
		buf_reset(&s);
	}
	putb(&b);
	for (i = 0; i < ngrp; i++) {
		buf_adds(&b, "\n## ");
		keytitle(&s, &grps[i].k, KD_YEAR | KD_POP);
		md_esc(&b, s.p);
		buf_adds(&b, "\n\n");
		buf_reset(&s);
		grpsentence(&s, &grps[i]);
		md_esc(&b, s.p);
		buf_adds(&b, "\n");
		for (j = 0; j < grps[i].ndim; j++) {
			if (yesno(grps[i].dim[j].ld))
				continue;	/* in the opening sentence */
			buf_reset(&s);
			dimsentence(&s, &grps[i].dim[j]);
			buf_adds(&b, "\n");
			md_esc(&b, s.p);
			buf_adds(&b, "\n\n");
			mdtable(&b, &grps[i].dim[j]);
		}
		buf_reset(&s);
		putb(&b);
	}
	lists(&b, &s, &mdmarkup);
	buf_free(&b);
	buf_free(&s);
}
