/*
 * report-xlsx.c - cbcc-report --format xlsx: the workbook (libxlsxwriter),
 * the quality table in the layout of the official forms, the changes
 * between years, the charts and the training against the plan.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "cbcc.h"
#include "report.h"

/* The cell formats of the workbook. */
static struct {
	lxw_format	*title;		/* the sheet's title */
	lxw_format	*note;		/* a line under it */
	lxw_format	*head;		/* header cells: bold, wrapped, boxed */
	lxw_format	*text;		/* a boxed text cell */
	lxw_format	*count;		/* a count: #,##0 (1.279 in Vietnamese) */
	lxw_format	*share;		/* a share as a fraction: 0.0% (64,7%) */
	lxw_format	*pp;		/* a change in points: +0.0 */
} xf;

#define XMAXCELL	32767	/* characters of a cell (Excel's limit) */
#define XMAXTITLE	255	/* characters of a chart's or the file's title */

/* The end of a text cut to a limit. */
static const char xcutmark[] = "… [cắt bớt]";

/* The texts cut (xfit), and where the first one was. */
static struct {
	size_t		 n;		/* how many */
	char		 first[96];	/* "Chất lượng!A7" */
} xcut;

/*
 * s, or when it has more than max characters (counted as Excel does, in
 * UTF-16 units), its start and xcutmark in max characters, made in b.
 * where names the place for the warning at the end.
 */
static const char *
xfit(struct buf *b, const char *s, size_t max, const char *where)
{
	const unsigned char *p;
	size_t n = 0, keep = 0, room = max - 11;	/* xcutmark: 11 */

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		if (n + (*p >= 0xF0 ? 2 : 1) <= room)
			keep = (size_t)(p - (const unsigned char *)s);
		n += *p >= 0xF0 ? 2 : 1;
	}
	if (n <= max)
		return s;
	/* keep: where the last character that fits starts; take it too. */
	for (p = (const unsigned char *)s + keep + 1; (*p & 0xC0) == 0x80;
	    p++)
		;
	buf_reset(b);
	buf_add(b, s, (size_t)(p - (const unsigned char *)s));
	buf_adds(b, xcutmark);
	if (xcut.n++ == 0)
		snprintf(xcut.first, sizeof(xcut.first), "%s", where);
	return b->p;
}

/* Write string s at row r, column c, cut to what a cell holds. */
static void
xstr(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	struct buf b = { 0 };
	char where[96], cell[16];

	lxw_rowcol_to_cell(cell, (lxw_row_t)r, (lxw_col_t)c);
	snprintf(where, sizeof(where), "%s!%s", ws->name, cell);
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
	    xfit(&b, s, XMAXCELL, where), f);
	buf_free(&b);
}

/* Write s over rows r1..r2 and columns c1..c2 merged, cut like xstr. */
static void
xmerge(lxw_worksheet *ws, int r1, int c1, int r2, int c2, const char *s,
    lxw_format *f)
{
	struct buf b = { 0 };
	char where[96], cell[16];

	lxw_rowcol_to_cell(cell, (lxw_row_t)r1, (lxw_col_t)c1);
	snprintf(where, sizeof(where), "%s!%s", ws->name, cell);
	worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1,
	    (lxw_row_t)r2, (lxw_col_t)c2, xfit(&b, s, XMAXCELL, where), f);
	buf_free(&b);
}

/* A boxed cell format; num is its number format, or NULL. */
static lxw_format *
xformat(lxw_workbook *wb, int bold, const char *num)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (bold) {
		format_set_bold(f);
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_CENTER);
		format_set_bg_color(f, 0xDDEBF7);
	}
	if (num != NULL)
		format_set_num_format(f, num);
	return f;
}

/* Write s over rows r1..r2 and columns c1..c2, merged when it spans. */
static void
xhead(lxw_worksheet *ws, int r1, int c1, int r2, int c2, const char *s)
{
	if (r1 == r2 && c1 == c2)
		xstr(ws, r1, c1, s, xf.head);
	else
		xmerge(ws, r1, c1, r2, c2, s, xf.head);
}

/* A title and a note line over a sheet, merged across ncol columns. */
static void
xtitle(lxw_worksheet *ws, int ncol, const char *t, const char *note)
{
	struct buf b = { 0 };

	if (ncol < 2)
		ncol = 2;
	xmerge(ws, 0, 0, 0, ncol - 1, t, xf.title);
	buf_adds(&b, note);
	buf_addc(&b, ' ');
	if (!mapsentence(&b))
		b.p[--b.len] = '\0';
	xmerge(ws, 1, 0, 1, ncol - 1, b.p, xf.note);
	worksheet_set_row(ws, 0, 24, NULL);
	buf_free(&b);
}

/* Write s with its first letter up. */
static void
xcap(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	struct buf b = { 0 };

	cap1(&b, s);
	xstr(ws, r, c, b.p, f);
	buf_free(&b);
}

/* The unit of key k as a row names it: "Toàn tỉnh", "Huyện Điện Biên". */
static void
xunit(struct buf *b, const struct key *k)
{
	buf_reset(b);
	keytitle(b, k, 0);
}

/* Write a year cell: a number when it is one. */
static void
xyear(lxw_worksheet *ws, int r, int c, const char *y)
{
	const char *errstr;
	long long v;

	v = cbcc_strtonum(y != NULL ? y : "", 0, 9999, &errstr);
	if (errstr == NULL)
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
		    (double)v, xf.text);
	else
		xstr(ws, r, c, y != NULL ? y : "", xf.text);
}

/*
 * Write a number read as text (a diff value), a percentage as its
 * fraction when pc ("5.4" is 0.054, read as "5.4e-2" so that no rounding
 * creeps in); blank if empty.
 */
static void
xnum(lxw_worksheet *ws, int r, int c, const char *v, int pc,
    lxw_format *f)
{
	struct buf b = { 0 };
	char *e;
	double d;

	buf_adds(&b, v);
	if (pc && *v != '\0')
		buf_adds(&b, "e-2");
	d = strtod(b.p, &e);
	e = *e == '\0' ? NULL : e;
	buf_free(&b);
	if (*v == '\0' || e != NULL)
		worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
	else
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, d, f);
}

/*
 * The quality table, in the layout of the official forms: a row per unit
 * (the whole province first) for each year and people, the total, then
 * a column pair per level, the number of people and their share of the
 * total: the yes/no dimensions under "Trong đó" (nữ, đảng viên, dân tộc
 * thiểu số), then the levels of each other dimension (formdims).
 */
static void
xquality(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Chất lượng");
	struct fdim fd[MAXFDIMS];
	const struct grp **rows = xcalloc(ngrp + 1, sizeof(*rows));
	struct buf b = { 0 };
	size_t nf = formdims(fd, MAXFDIMS), i, j, k, ny = 0;
	int c, r, ncol = 4;
	long long n, t;

	for (i = 0; i < nf; i++) {
		ncol += 2 * (int)fd[i].n;
		ny += fd[i].yesno;
	}
	xtitle(ws, ncol, title, "Số người và tỷ lệ (%) trên tổng số của "
	    "từng đơn vị, từng năm.");
	xhead(ws, 3, 0, 5, 0, "Đơn vị");
	xhead(ws, 3, 1, 5, 1, "Năm");
	xhead(ws, 3, 2, 5, 2, "Đối tượng");
	xhead(ws, 3, 3, 5, 3, "Tổng số (người)");
	if (ny > 0)
		xhead(ws, 3, 4, 3, 4 + 2 * (int)ny - 1, "Trong đó");
	for (i = 0, c = 4; i < nf; i++) {
		buf_reset(&b);
		cap1(&b, dimlabel(fd[i].dim, fd[i].ld));
		if (!fd[i].yesno)
			xhead(ws, 3, c, 3, c + 2 * (int)fd[i].n - 1, b.p);
		for (j = 0; j < fd[i].n; j++, c += 2) {
			buf_reset(&b);
			cap1(&b, fd[i].label[j]);
			xhead(ws, 4, c, 4, c + 1, b.p);
			xhead(ws, 5, c, 5, c, "Số người");
			xhead(ws, 5, c + 1, 5, c + 1, "Tỷ lệ");
		}
	}
	worksheet_set_row(ws, 4, 30, NULL);
	formrows(rows);
	for (i = 0, r = 6; i < ngrp; i++, r++) {
		xunit(&b, &rows[i]->k);
		xstr(ws, r, 0, b.p, xf.text);
		xyear(ws, r, 1, keyget(&rows[i]->k, "year"));
		buf_reset(&b);
		population(&b, &rows[i]->k, POP_STAFF);
		xcap(ws, r, 2, b.p, xf.text);
		worksheet_write_number(ws, (lxw_row_t)r, 3,
		    (double)rows[i]->total, xf.count);
		for (j = 0, c = 4; j < nf; j++)
			for (k = 0; k < fd[j].n; k++, c += 2) {
				if ((n = formcount(rows[i], &fd[j], k, &t)) < 0) {
					worksheet_write_blank(ws, (lxw_row_t)r,
					    (lxw_col_t)c, xf.count);
					worksheet_write_blank(ws, (lxw_row_t)r,
					    (lxw_col_t)c + 1, xf.share);
					continue;
				}
				worksheet_write_number(ws, (lxw_row_t)r,
				    (lxw_col_t)c, (double)n, xf.count);
				if (t > 0)
					worksheet_write_number(ws, (lxw_row_t)r,
					    (lxw_col_t)c + 1, (double)n /
					    (double)t, xf.share);
				else
					worksheet_write_blank(ws, (lxw_row_t)r,
					    (lxw_col_t)c + 1, xf.share);
			}
	}
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 1, 7, NULL);
	worksheet_set_column(ws, 2, 2, 16, NULL);
	worksheet_set_column(ws, 3, (lxw_col_t)(ncol - 1), 9, NULL);
	worksheet_freeze_panes(ws, 6, 4);
	worksheet_set_landscape(ws);
	worksheet_repeat_rows(ws, 3, 5);
	free(rows);
	buf_free(&b);
}

/* The changes between years (--diff): a row per unit, dimension, level. */
static void
xchanges(lxw_workbook *wb)
{
	static const char *const head[] = { "Đơn vị", "Đối tượng", "Từ năm",
	    "Đến năm", "Chỉ tiêu", "Mức", "Số người (từ)", "Số người (đến)",
	    "Tỷ lệ (từ)", "Tỷ lệ (đến)", "Thay đổi (người)",
	    "Thay đổi (điểm %)" };
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Thay đổi");
	const struct drow *row[MAXITEMS];
	const char *label[MAXITEMS];
	const struct ddim *d;
	struct buf b = { 0 };
	size_t i, j, k, n;
	int c, r = 4;

	xtitle(ws, 12, "Thay đổi giữa các năm", "Tỷ lệ (%) trên tổng số; "
	    "thay đổi tính bằng điểm phần trăm; mỗi dòng so sánh cùng một "
	    "đối tượng.");
	for (c = 0; c < 12; c++)
		xhead(ws, 3, c, 3, c, head[c]);
	if (ndgrp == 0)
		worksheet_write_string(ws, 4, 0, NOEARLIER, xf.text);
	for (i = 0; i < ndgrp; i++)
		for (j = 0; j < dgrps[i].ndim; j++) {
			d = &dgrps[i].dim[j];
			n = dorder(d, row, label);
			for (k = 0; k < n; k++, r++) {
				xunit(&b, &dgrps[i].k);
				xstr(ws, r, 0, b.p, xf.text);
				buf_reset(&b);
				population(&b, &dgrps[i].k, POP_STAFF);
				xcap(ws, r, 1, b.p, xf.text);
				xyear(ws, r, 2, dgrps[i].yfrom);
				xyear(ws, r, 3, dgrps[i].yto);
				xcap(ws, r, 4, dimlabel(d->name, d->ld),
				    xf.text);
				xcap(ws, r, 5, label[k], xf.text);
				xnum(ws, r, 6, row[k]->v[D_CF], 0, xf.count);
				xnum(ws, r, 7, row[k]->v[D_CT], 0, xf.count);
				xnum(ws, r, 8, row[k]->v[D_PF], 1,
				    xf.share);
				xnum(ws, r, 9, row[k]->v[D_PT], 1,
				    xf.share);
				xnum(ws, r, 10, row[k]->v[D_CC], 0, xf.count);
				xnum(ws, r, 11, row[k]->v[D_PP], 0, xf.pp);
			}
		}
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 1, 16, NULL);
	worksheet_set_column(ws, 2, 3, 8, NULL);
	worksheet_set_column(ws, 4, 4, 24, NULL);
	worksheet_set_column(ws, 5, 5, 22, NULL);
	worksheet_set_column(ws, 6, 11, 11, NULL);
	worksheet_freeze_panes(ws, 4, 0);
	worksheet_set_landscape(ws);
	buf_free(&b);
}

/*
 * The charts: per unit, a table of the education shares, a column per
 * year, and beside it a native column chart of them, year beside year.
 */
static void
xcharts(lxw_workbook *wb)
{
	static const char sheet[] = "Biểu đồ";
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	struct grp **gs = xcalloc(ngrp + 1, sizeof(*gs));
	unsigned char *done = xcalloc(ngrp + 1, 1);
	const char *label[MAXITEMS];
	struct item it[MAXITEMS];
	struct buf b = { 0 }, t = { 0 };
	const struct dim *d;
	lxw_chart *ch;
	lxw_chart_series *se;
	size_t i, j, k, m, n, ns, nl;
	int r = 3;

	xtitle(ws, 8, "Trình độ chuyên môn: tỷ lệ (%) theo năm",
	    "Mỗi đơn vị một bảng và một biểu đồ; các năm đặt cạnh nhau.");
	for (i = 0; i < ngrp; i++) {
		if (done[i] || grpdim(&grps[i], "education") == NULL)
			continue;
		for (j = i, ns = 0; j < ngrp; j++)
			if (!done[j] && grps[i].k.n == grps[j].k.n &&
			    keyeq_but_year(&grps[i].k, &grps[j].k) &&
			    grpdim(&grps[j], "education") != NULL) {
				gs[ns++] = &grps[j];
				done[j] = 1;
			}
		for (j = 0, nl = 0; j < ns; j++) {
			n = items(grpdim(gs[j], "education"), it);
			for (k = 0; k < n; k++) {
				for (m = 0; m < nl; m++)
					if (strcmp(label[m], it[k].label) == 0)
						break;
				if (m == nl && nl < MAXITEMS)
					label[nl++] = it[k].label;
			}
		}
		buf_reset(&b);
		keytitle(&b, &gs[0]->k, KD_POP);
		xstr(ws, r, 0, b.p, xf.note);
		xhead(ws, r + 1, 0, r + 1, 0, "Trình độ");
		for (j = 0; j < ns; j++) {
			buf_reset(&b);
			if (keyget(&gs[j]->k, "year") != NULL)
				keyval(&b, "year", keyget(&gs[j]->k, "year"));
			else
				buf_adds(&b, "Tổng số");
			xhead(ws, r + 1, (int)j + 1, r + 1, (int)j + 1, b.p);
		}
		for (k = 0; k < nl; k++) {
			xcap(ws, r + 2 + (int)k, 0, label[k], xf.text);
			for (j = 0; j < ns; j++) {
				d = grpdim(gs[j], "education");
				if (d->total > 0)
					worksheet_write_number(ws,
					    (lxw_row_t)(r + 2 + (int)k),
					    (lxw_col_t)(j + 1),
					    (double)itemcount(d, label[k]) /
					    (double)d->total, xf.share);
			}
		}
		ch = workbook_add_chart(wb, LXW_CHART_COLUMN);
		buf_reset(&b);
		keytitle(&b, &gs[0]->k, KD_POP);
		buf_adds(&b, ": trình độ chuyên môn");
		chart_title_set_name(ch, xfit(&t, b.p, XMAXTITLE,
		    "the title of a chart"));
		for (j = 0; j < ns; j++) {
			se = chart_add_series(ch, NULL, NULL);
			chart_series_set_categories(se, sheet,
			    (lxw_row_t)(r + 2), 0,
			    (lxw_row_t)(r + 1 + (int)nl), 0);
			chart_series_set_values(se, sheet, (lxw_row_t)(r + 2),
			    (lxw_col_t)(j + 1), (lxw_row_t)(r + 1 + (int)nl),
			    (lxw_col_t)(j + 1));
			chart_series_set_name_range(se, sheet,
			    (lxw_row_t)(r + 1), (lxw_col_t)(j + 1));
			chart_series_set_labels(se);
			chart_series_set_labels_num_format(se, "0.0%");
		}
		chart_axis_set_num_format(ch->y_axis, "0%");
		chart_axis_set_min(ch->y_axis, 0);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
		worksheet_insert_chart(ws, (lxw_row_t)r,
		    (lxw_col_t)(ns + 2), ch);
		r += (int)nl + 3 > 18 ? (int)nl + 3 : 18;
	}
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 6, 11, NULL);
	free(gs);
	free(done);
	buf_free(&b);
	buf_free(&t);
}

/* The record counts (training participations) against their plan. */
static void
xrecords(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Bồi dưỡng");
	struct buf b = { 0 };
	size_t i;
	int r;

	xtitle(ws, 4, "Bồi dưỡng, tập huấn", "Số lượt bồi dưỡng so với kế "
	    "hoạch.");
	xhead(ws, 3, 0, 3, 0, "Đơn vị");
	xhead(ws, 3, 1, 3, 1, "Số lượt");
	xhead(ws, 3, 2, 3, 2, "Kế hoạch");
	xhead(ws, 3, 3, 3, 3, "Đạt (% kế hoạch)");
	for (i = 0, r = 4; i < nrrow; i++, r++) {
		buf_reset(&b);
		keytitle(&b, &rrows[i].k, KD_YEAR);
		xstr(ws, r, 0, b.p, xf.text);
		worksheet_write_number(ws, (lxw_row_t)r, 1,
		    (double)rrows[i].count, xf.count);
		if (rrows[i].plan < 0) {
			worksheet_write_blank(ws, (lxw_row_t)r, 2, xf.count);
			worksheet_write_blank(ws, (lxw_row_t)r, 3, xf.share);
			continue;
		}
		worksheet_write_number(ws, (lxw_row_t)r, 2,
		    (double)rrows[i].plan, xf.count);
		if (rrows[i].plan > 0)
			worksheet_write_number(ws, (lxw_row_t)r, 3,
			    (double)rrows[i].count / (double)rrows[i].plan,
			    xf.share);
		else
			worksheet_write_blank(ws, (lxw_row_t)r, 3, xf.share);
	}
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, 3, 14, NULL);
	worksheet_freeze_panes(ws, 4, 0);
	buf_free(&b);
}

/*
 * The workbook at outpath: the quality table, the changes when a diff was
 * read, the charts, the training counts when read.  Shares are fractions
 * shown as percentages (a Vietnamese Excel shows 64,7%), counts #,##0.
 */
void
report_xlsx(void)
{
	lxw_workbook_options wo = { 0 };
	lxw_doc_properties dp = { 0 };
	lxw_workbook *wb;
	struct buf pf = { 0 }, tb = { 0 };
	char *dig;
	int errfd, null = -1, saved;
	lxw_error e;
	int i;

	wo.tmpdir = getenv("TMPDIR");
	if ((wb = workbook_new_opt(outpath, &wo)) == NULL)
		cbcc_errx(EXIT_DATA, "%s: cannot create the workbook",
		    outpath);
	dp.title = (char *)xfit(&tb, title, XMAXTITLE, "the title of the file");
	dp.company = "cbcc";
	workbook_set_properties(wb, &dp);
	xf.title = workbook_add_format(wb);
	format_set_bold(xf.title);
	format_set_font_size(xf.title, 14);
	xf.note = workbook_add_format(wb);
	format_set_italic(xf.note);
	xf.head = xformat(wb, 1, NULL);
	xf.text = xformat(wb, 0, NULL);
	xf.count = xformat(wb, 0, "#,##0");
	buf_adds(&pf, prec > 0 ? "0." : "0");
	for (i = 0; i < prec; i++)
		buf_addc(&pf, '0');
	buf_addc(&pf, '%');
	xf.share = xformat(wb, 0, pf.p);
	pf.len -= 1;		/* "0.0": then "+0.0;-0.0;0.0" */
	pf.p[pf.len] = '\0';
	dig = xstrdup(pf.p);
	buf_reset(&pf);
	buf_printf(&pf, "+%s;-%s;%s", dig, dig, dig);
	xf.pp = xformat(wb, 0, pf.p);
	free(dig);
	xquality(wb);
	if (diffread)
		xchanges(wb);
	xcharts(wb);
	if (nrrow > 0)
		xrecords(wb);
	/* libxlsxwriter tells its errors on stderr: ours say it once. */
	fflush(stderr);
	if ((errfd = dup(STDERR_FILENO)) != -1 &&
	    (null = open("/dev/null", O_WRONLY)) != -1) {
		dup2(null, STDERR_FILENO);
		close(null);
	}
	errno = 0;
	e = workbook_close(wb);
	saved = errno;
	if (errfd != -1) {
		dup2(errfd, STDERR_FILENO);
		close(errfd);
	}
	if (e != LXW_NO_ERROR && saved != 0)
		cbcc_errx(EXIT_DATA, "%s: cannot write the workbook: %s",
		    outpath, strerror(saved));
	if (e != LXW_NO_ERROR)
		cbcc_errx(EXIT_DATA, "%s: cannot write the workbook: %s",
		    outpath, lxw_strerror(e));
	if (xcut.n > 0)
		cbcc_warnx("%s: %zu text%s longer than Excel holds (%d "
		    "characters in a cell, %d in a title) cut, ending in \"%s\"; "
		    "the first: %s", outpath, xcut.n, xcut.n == 1 ? "" : "s",
		    XMAXCELL, XMAXTITLE, xcutmark, xcut.first);
	buf_free(&pf);
	buf_free(&tb);
}
