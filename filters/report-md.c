/*
 * report-md.c - cbcc-report --format md: a section per group with its
 * sentences and a table per dimension, every text escaped for Markdown.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "vnum.h"
#include "report.h"

/* Append s to b with the characters Markdown would act on escaped. */
static void
md_esc(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\`*_[]<>|#", *s) != NULL)
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
	putb(&b);
	for (i = 0; i < ngrp; i++) {
		buf_adds(&b, "\n## ");
		buf_adds(&s, "");
		keydesc(&s, &grps[i].k, NULL);
		md_esc(&b, s.len > 0 ? s.p : "Toàn bộ");
		buf_adds(&b, "\n\n");
		buf_reset(&s);
		grpsentence(&s, &grps[i]);
		md_esc(&b, s.p);
		buf_adds(&b, "\n");
		for (j = 0; j < grps[i].ndim; j++) {
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
