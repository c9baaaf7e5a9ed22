/*
 * report-html.c - cbcc-report --format html: one self-contained page, the
 * sentences, then SVG bar charts (a unit's years side by side).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "report.h"

/* Append s to b escaped for HTML text and attribute values. */
static void
html_esc(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *s);
		}
}


static const struct markup htmlmarkup = { "<h2>", "</h2>\n", "<ul>\n",
    "</ul>\n", "<li>", "</li>\n", html_esc };


static const char *const colours[] = { "#4e79a7", "#f28e2b", "#59a14f",
    "#e15759", "#76b7b2", "#b07aa1" };

/*
 * Append one SVG bar chart: dimension name across the groups gs[0..ns)
 * (the years of one unit), a bar per level and group, years side by side,
 * each labelled with its share.
 */
static void
svgchart(struct buf *b, const char *name, struct grp *const *gs, size_t ns)
{
	struct item it[MAXITEMS];
	const char *label[MAXITEMS];
	struct buf s = { 0 };
	const struct dim *d;
	const struct lvl_dim *ld = NULL;
	size_t nl = 0, i, j, k, n;
	double v, ymax = 0, step, bw = 44, cw, x, y, h;
	const double ph = 220, top = 40, left = 44;
	long long cnt;

	/* The categories: the items of every group, in order. */
	for (i = 0; i < ns; i++)
		for (j = 0; j < gs[i]->ndim; j++) {
			d = &gs[i]->dim[j];
			if (strcmp(d->name, name) != 0)
				continue;
			ld = d->ld;
			n = items(d, it);
			for (k = 0; k < n; k++) {
				size_t m;

				for (m = 0; m < nl; m++)
					if (strcmp(label[m], it[k].label) == 0)
						break;
				if (m == nl && nl < MAXITEMS)
					label[nl++] = it[k].label;
				if (d->total > 0 && (v = 100.0 *
				    (double)it[k].count / (double)d->total) >
				    ymax)
					ymax = v;
			}
		}
	step = ymax <= 50 ? 10 : 20;	/* the scale: whole steps */
	for (v = step; v < ymax; v += step)
		;
	ymax = v;
	cw = (double)ns * bw + 24;
	if (cw < 140)
		cw = 140;
	buf_printf(b, "<figure><figcaption>");
	cap1(&s, dimlabel(name, ld));
	if (gs[0]->k.n > 0) {
		buf_adds(&s, " — ");
		n = s.len;
		keydesc(&s, &gs[0]->k, "year");
		if (s.len == n)
			s.len -= strlen(" — "), s.p[s.len] = '\0';
	}
	html_esc(b, s.p);
	buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%.0f\" height=\"%.0f\" role=\"img\">\n",
	    left + (double)nl * cw + 10, top + ph + 60);
	for (v = 0; v <= ymax; v += step) {	/* the grid, 0 to ymax */
		y = top + ph - ph * v / ymax;
		buf_printf(b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" "
		    "y2=\"%.1f\" class=\"grid\"/>", left, y,
		    left + (double)nl * cw, y);
		buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" class=\"axis\">"
		    "%.0f%%</text>\n", left - 6, y + 4, v);
	}
	for (i = 0; i < ns; i++) {	/* the legend */
		buf_reset(&s);
		buf_adds(&s, "");
		keyval(&s, "year", keyget(&gs[i]->k, "year") ?
		    keyget(&gs[i]->k, "year") : "?");
		if (keyget(&gs[i]->k, "year") == NULL) {
			buf_reset(&s);
			buf_adds(&s, "Tổng số");
		}
		buf_printf(b, "<rect x=\"%.0f\" y=\"8\" width=\"12\" "
		    "height=\"12\" fill=\"%s\"/><text x=\"%.0f\" y=\"18\" "
		    "class=\"legend\">", left + (double)i * 110,
		    colours[i % 6], left + (double)i * 110 + 16);
		html_esc(b, s.p);
		buf_adds(b, "</text>\n");
	}
	for (k = 0; k < nl; k++) {
		x = left + (double)k * cw + (cw - (double)ns * bw) / 2;
		for (i = 0; i < ns; i++, x += bw) {
			d = NULL;
			for (j = 0; j < gs[i]->ndim; j++)
				if (strcmp(gs[i]->dim[j].name, name) == 0)
					d = &gs[i]->dim[j];
			if (d == NULL || d->total <= 0)
				continue;
			n = items(d, it);
			cnt = 0;
			for (j = 0; j < n; j++)
				if (strcmp(it[j].label, label[k]) == 0)
					cnt = it[j].count;
			h = ph * 100.0 * (double)cnt / (double)d->total / ymax;
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\""
			    " height=\"%.1f\" fill=\"%s\"/>", x + 2,
			    top + ph - h, bw - 4, h, colours[i % 6]);
			buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
			    "class=\"val\">", x + bw / 2, top + ph - h - 4);
			pct(b, cnt, d->total);
			buf_adds(b, "</text>\n");
		}
		buf_printf(b, "<text x=\"%.1f\" y=\"%.0f\" class=\"cat\">",
		    left + (double)k * cw + cw / 2, top + ph + 18);
		buf_reset(&s);
		buf_adds(&s, "");
		cap1(&s, label[k]);
		html_esc(b, s.p);
		buf_adds(b, "</text>\n");
	}
	buf_adds(b, "</svg></figure>\n");
	buf_free(&s);
}

/* The charts: one per dimension and unit, the unit's years side by side. */
static void
charts(struct buf *b)
{
	struct grp **gs = xcalloc(ngrp + 1, sizeof(*gs));
	unsigned char *done = xcalloc(ngrp + 1, 1);
	size_t i, j, k, ns;

	for (i = 0; i < ngrp; i++) {
		if (done[i])
			continue;
		ns = 0;
		for (j = i; j < ngrp; j++)
			if (!done[j] && keyeq_but_year(&grps[i].k, &grps[j].k) &&
			    grps[i].k.n == grps[j].k.n) {
				gs[ns++] = &grps[j];
				done[j] = 1;
			}
		for (k = 0; k < grps[i].ndim; k++) {
			svgchart(b, grps[i].dim[k].name, gs, ns);
			putb(b);
		}
	}
	free(gs);
	free(done);
}

static const char css[] =
    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,sans-serif;"
    "margin:2em auto;max-width:60em;padding:0 1em;color:#222;"
    "line-height:1.5}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em;"
    "border-bottom:1px solid #ccc}\n"
    "figure{margin:1em 0;overflow-x:auto}"
    "figcaption{font-weight:bold;margin-bottom:.3em}\n"
    "svg text{font-size:12px;fill:#222}"
    "svg .val{font-size:11px;text-anchor:middle}"
    "svg .cat{text-anchor:middle}svg .axis{text-anchor:end;fill:#666}\n"
    "svg .grid{stroke:#ddd;stroke-width:1}\n";

/* HTML: one page, the sentences, then the charts; all text escaped. */
void
report_html(void)
{
	struct buf b = { 0 }, s = { 0 };
	size_t i, j;

	buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n<title>");
	html_esc(&b, title);
	buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>", css);
	html_esc(&b, title);
	buf_adds(&b, "</h1>\n");
	putb(&b);
	for (i = 0; i < ngrp; i++) {
		buf_adds(&s, "");
		keydesc(&s, &grps[i].k, NULL);
		buf_adds(&b, "<h2>");
		html_esc(&b, s.len > 0 ? s.p : "Toàn bộ");
		buf_adds(&b, "</h2>\n<p>");
		buf_reset(&s);
		grpsentence(&s, &grps[i]);
		html_esc(&b, s.p);
		buf_adds(&b, "</p>\n<ul>\n");
		for (j = 0; j < grps[i].ndim; j++) {
			buf_reset(&s);
			dimsentence(&s, &grps[i].dim[j]);
			buf_adds(&b, "<li>");
			html_esc(&b, s.p);
			buf_adds(&b, "</li>\n");
		}
		buf_adds(&b, "</ul>\n");
		buf_reset(&s);
		putb(&b);
	}
	lists(&b, &s, &htmlmarkup);
	if (ngrp > 0) {
		buf_adds(&b, "<h2>Biểu đồ</h2>\n");
		charts(&b);
	}
	buf_adds(&b, "</body>\n</html>\n");
	putb(&b);
	buf_free(&b);
	buf_free(&s);
}
