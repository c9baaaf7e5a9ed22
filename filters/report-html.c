/*
 * report-html.c - cbcc-report --format html: one self-contained page, the
 * sentences, then SVG bar charts (a unit's years side by side).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "vnum.h"
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
	buf_adds(&s, " — ");
	keydesc(&s, &gs[0]->k, KD_POP);
	html_esc(b, s.p);
	/* Its size, and a viewBox so that it shrinks to fit a narrow box. */
	buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
	    "role=\"img\">\n", left + (double)nl * cw + 10, top + ph + 60,
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
			cnt = itemcount(d, label[k]);
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

/*
 * Whether group g has its sentences and charts in the page: when the
 * input has the whole province, its units are in the form table only.
 */
static int
shown(const struct grp *g)
{
	size_t i;

	if (!keyunit(&g->k))
		return 1;
	for (i = 0; i < ngrp; i++)
		if (!keyunit(&grps[i].k))
			return 0;
	return 1;
}

/* The charts: one per dimension and unit, the unit's years side by side. */
static void
charts(struct buf *b)
{
	struct grp **gs = xcalloc(ngrp + 1, sizeof(*gs));
	unsigned char *done = xcalloc(ngrp + 1, 1);
	size_t i, j, k, ns;

	for (i = 0; i < ngrp; i++) {
		if (done[i] || !shown(&grps[i]))
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
    "figcaption{font-weight:bold;margin-bottom:.3em}"
    "figure svg{max-width:100%;height:auto}\n"
    ".wide{overflow-x:auto}table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #bbb;padding:.2em .4em}"
    "td{text-align:right;white-space:nowrap}"
    "thead th{background:#ddebf7;font-weight:bold}"
    "tbody th{text-align:left;font-weight:normal;white-space:nowrap}\n"
    "table.form{font-size:.75em}"
    "table.key td{font-size:1.3em;font-weight:bold}"
    "table.key td small{display:block;font-size:.6em;font-weight:normal;"
    "color:#555}\n"
    "svg text{font-size:12px;fill:#222}"
    "svg .val{font-size:11px;text-anchor:middle}"
    "svg .cat{text-anchor:middle}svg .axis{text-anchor:end;fill:#666}\n"
    "svg .grid{stroke:#ddd;stroke-width:1}\n";

/* Append the attributes that name the dimension and level of a cell. */
static void
dataattr(struct buf *b, const char *dim, const char *code)
{
	buf_adds(b, " data-dim=\"");
	html_esc(b, dim);
	buf_adds(b, "\" data-level=\"");
	html_esc(b, code);
	buf_addc(b, '"');
}

/* Append a cell: n of total as "64,7%" over "827 người"; "—" if no total. */
static void
sharecell(struct buf *b, long long n, long long total)
{
	buf_adds(b, "<td>");
	if (n < 0 || total <= 0) {
		buf_adds(b, "—</td>");
		return;
	}
	pct(b, n, total);
	buf_adds(b, "<small>");
	vnum_int(b, n);
	buf_adds(b, " người</small></td>");
}

/*
 * The key figures, before the long text: for the last year, a row per
 * people of the whole province (all staff, cán bộ, công chức): the total,
 * the shares with a university degree or higher, political theory trung
 * cấp or higher, a state-management certificate, and with --shortfall
 * those who meet the standard in force.
 */
static void
keyfigures(struct buf *b)
{
	const struct grp **rows = xcalloc(ngrp + 1, sizeof(*rows));
	const struct dim *d;
	const char *last = NULL, *y;
	struct buf s = { 0 };
	long long meet, judged;
	size_t i, n = formrows(rows), nrow = 0;
	int std = nsf > 0;

	for (i = 0; i < n; i++)
		if ((y = keyget(&rows[i]->k, "year")) != NULL &&
		    (last == NULL || strcmp(y, last) > 0))
			last = y;
	for (i = 0; i < n; i++) {
		y = keyget(&rows[i]->k, "year");
		if (keyunit(&rows[i]->k) || rows[i]->k.n != (size_t)(y != NULL) +
		    (keyget(&rows[i]->k, "staff_type") != NULL) ||
		    (last != NULL && (y == NULL || strcmp(y, last) != 0)))
			continue;
		if (nrow++ == 0) {
			buf_adds(b, "<h2>Số liệu chính");
			if (last != NULL)
				buf_printf(b, " năm %s", last);
			buf_adds(b, ", toàn tỉnh</h2>\n<div class=\"wide\">"
			    "<table class=\"key\">\n<thead><tr><th>Đối tượng"
			    "</th><th>Tổng số</th><th>Đại học trở lên</th>"
			    "<th>Lý luận chính trị trung cấp trở lên</th>"
			    "<th>Đã qua bồi dưỡng quản lý nhà nước</th>");
			if (std)
				buf_adds(b, "<th>Đạt chuẩn đang áp dụng</th>");
			buf_adds(b, "</tr></thead>\n<tbody>\n");
		}
		buf_reset(&s);
		population(&s, &rows[i]->k, POP_STAFF);
		buf_adds(b, "<tr><th>");
		cap1(b, s.p);
		buf_adds(b, "</th><td>");
		vnum_int(b, rows[i]->total);
		buf_adds(b, "<small>người</small></td>");
		d = grpdim(rows[i], "education");
		sharecell(b, d != NULL && d->ld != NULL ? levfrom(d, "dai_hoc") :
		    -1, d != NULL ? d->total : 0);
		d = grpdim(rows[i], "political_theory");
		sharecell(b, d != NULL && d->ld != NULL ?
		    levfrom(d, "trung_cap") : -1, d != NULL ? d->total : 0);
		d = grpdim(rows[i], "state_mgmt");
		sharecell(b, d != NULL && d->ld != NULL ?
		    levfrom(d, "chuyen_vien") : -1, d != NULL ? d->total : 0);
		if (std && meeting(rows[i], &meet, &judged))
			sharecell(b, meet, judged);
		else if (std)
			sharecell(b, -1, 0);
		buf_adds(b, "</tr>\n");
	}
	if (nrow > 0)
		buf_adds(b, "</tbody></table></div>\n");
	putb(b);
	free(rows);
	buf_free(&s);
}

/*
 * The form table, as report.xlsx's quality sheet lays it out (formdims,
 * formrows): a row per unit, the whole province first, per year and
 * people; each cell the number of people and their share.  Each header
 * and number cell names its dimension and level (data-dim, data-level)
 * for a reader that checks them.
 */
static void
formtable(struct buf *b)
{
	struct fdim fd[MAXFDIMS];
	const struct grp **rows = xcalloc(ngrp + 1, sizeof(*rows));
	struct buf s = { 0 };
	size_t nf = formdims(fd, MAXFDIMS), i, j, k, ny = 0;
	long long n, t;

	for (i = 0; i < nf; i++)
		ny += fd[i].yesno;
	buf_adds(b, "<h2>Số lượng, chất lượng theo đơn vị</h2>\n"
	    "<div class=\"wide\"><table class=\"form\">\n<thead>\n<tr>"
	    "<th rowspan=\"3\">Đơn vị</th><th rowspan=\"3\">Năm</th>"
	    "<th rowspan=\"3\">Đối tượng</th><th rowspan=\"3\">Tổng số</th>");
	if (ny > 0)
		buf_printf(b, "<th colspan=\"%zu\">Trong đó</th>", 2 * ny);
	for (i = 0; i < nf; i++) {
		if (fd[i].yesno)
			continue;
		buf_printf(b, "<th colspan=\"%zu\" data-dim=\"", 2 * fd[i].n);
		html_esc(b, fd[i].dim);
		buf_adds(b, "\">");
		buf_reset(&s);
		cap1(&s, dimlabel(fd[i].dim, fd[i].ld));
		html_esc(b, s.p);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr>\n<tr>");
	for (i = 0; i < nf; i++)
		for (j = 0; j < fd[i].n; j++) {
			buf_adds(b, "<th colspan=\"2\"");
			dataattr(b, fd[i].dim, fd[i].code[j]);
			buf_addc(b, '>');
			buf_reset(&s);
			cap1(&s, fd[i].label[j]);
			html_esc(b, s.p);
			buf_adds(b, "</th>");
		}
	buf_adds(b, "</tr>\n<tr>");
	for (i = 0; i < nf; i++)
		for (j = 0; j < fd[i].n; j++)
			buf_adds(b, "<th>Số người</th><th>Tỷ lệ</th>");
	buf_adds(b, "</tr>\n</thead>\n<tbody>\n");
	putb(b);
	formrows(rows);
	for (i = 0; i < ngrp; i++) {
		buf_reset(&s);
		keytitle(&s, &rows[i]->k, 0);
		buf_adds(b, "<tr><th>");
		html_esc(b, s.p);
		buf_adds(b, "</th><td>");
		html_esc(b, keyget(&rows[i]->k, "year") != NULL ?
		    keyget(&rows[i]->k, "year") : "");
		buf_adds(b, "</td><th>");
		buf_reset(&s);
		population(&s, &rows[i]->k, POP_STAFF);
		cap1(b, s.p);
		buf_adds(b, "</th><td>");
		vnum_int(b, rows[i]->total);
		buf_adds(b, "</td>");
		for (j = 0; j < nf; j++)
			for (k = 0; k < fd[j].n; k++) {
				buf_adds(b, "<td");
				dataattr(b, fd[j].dim, fd[j].code[k]);
				buf_addc(b, '>');
				if ((n = formcount(rows[i], &fd[j], k, &t)) < 0) {
					buf_adds(b, "</td><td></td>");
					continue;
				}
				vnum_int(b, n);
				buf_adds(b, "</td><td>");
				if (t > 0)
					pct(b, n, t);
				buf_adds(b, "</td>");
			}
		buf_adds(b, "</tr>\n");
		putb(b);
	}
	buf_adds(b, "</tbody>\n</table></div>\n");
	putb(b);
	free(rows);
	buf_free(&s);
}

/*
 * HTML: one page: the key figures, the form table, the sentences, then
 * the charts; all text escaped, and the whole of it well-formed XML.
 */
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
	if (mapsentence(&s)) {
		buf_adds(&b, "<p class=\"map\">");
		html_esc(&b, s.p);
		buf_adds(&b, "</p>\n");
		buf_reset(&s);
	}
	putb(&b);
	if (ngrp > 0) {
		keyfigures(&b);
		formtable(&b);
	}
	for (i = 0; i < ngrp; i++) {
		if (!shown(&grps[i]))
			continue;
		keytitle(&s, &grps[i].k, KD_YEAR | KD_POP);
		buf_adds(&b, "<h2>");
		html_esc(&b, s.p);
		buf_adds(&b, "</h2>\n<p>");
		buf_reset(&s);
		grpsentence(&s, &grps[i]);
		html_esc(&b, s.p);
		buf_adds(&b, "</p>\n<ul>\n");
		for (j = 0; j < grps[i].ndim; j++) {
			if (yesno(grps[i].dim[j].ld))
				continue;	/* in the opening sentence */
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
