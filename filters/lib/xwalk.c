/*
 * xwalk.c - the crosswalk of a reorganisation of units (see xwalk.h).
 */
#include <stdlib.h>

#include "cbcc.h"
#include "rec.h"
#include "unit.h"
#include "xwalk.h"

struct xwalk {
	const char	*path;		/* the file */
	struct rec_reader *r;		/* reading it */
	long		 cnew, cold, cdist, cprov, cother; /* columns, or -1 */
	size_t		 ncol;		/* fields of the header */
	unsigned long	 rows;		/* rows read */
	struct buf	 prov, dist, old, new; /* the row's names */
};

/*
 * Open the crosswalk at path and read its header; a file that cannot be
 * read, has no header or lacks a column is fatal.
 */
struct xwalk *
xwalk_open(const char *path)
{
	struct xwalk *x = xcalloc(1, sizeof(*x));
	struct rec h;
	int n;

	x->path = path;
	if ((x->r = rec_open(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	if ((n = rec_next(x->r, &h)) == -1)
		cbcc_exit();	/* the read error is reported */
	if (n == 0)
		cbcc_errx(EXIT_DATA, "%s: empty (no header)", path);
	if (h.err != NULL)
		cbcc_at_errx(path, h.line, "%s", h.err);
	x->ncol = h.nf;
	x->cnew = rec_col(h.f, h.nf, "new_unit");
	x->cold = rec_col(h.f, h.nf, "old_unit");
	x->cdist = rec_col(h.f, h.nf, "old_district");
	x->cprov = rec_col(h.f, h.nf, "province");
	x->cother = rec_col(h.f, h.nf, "other_names");
	if (x->cnew < 0 || x->cold < 0 || x->cdist < 0)
		cbcc_at_errx(path, h.line, "no column %s (a crosswalk names "
		    "new_unit, old_unit and old_district)", x->cnew < 0 ?
		    "new_unit" : x->cold < 0 ? "old_unit" : "old_district");
	return x;
}

/* Whether the crosswalk has a province column. */
int
xwalk_hasprov(const struct xwalk *x)
{
	return x->cprov >= 0;
}

/* The file of the crosswalk, as given. */
const char *
xwalk_path(const struct xwalk *x)
{
	return x->path;
}

/*
 * The canonical name of crosswalk field f (column col) in out, which must
 * name a commune-level unit with its type word; deftype is put before a
 * name written without one, if not NULL.  An empty name, or one without a
 * type word and no deftype, is fatal at line.
 */
void
xwalk_unit(struct xwalk *x, struct buf *out, const struct field *f,
    const char *col, const char *deftype, unsigned long line)
{
	static struct buf b;
	size_t bare;

	buf_reset(out);
	unit_canon(out, UNIT_COMMUNE, f->p, f->len);
	if (out->len == 0)
		cbcc_at_errx(x->path, line, "empty %s", col);
	if (unit_type(out->p, out->len, &bare) != NULL)
		return;
	if (deftype == NULL)
		cbcc_at_errx(x->path, line, "%s '%s' has no type word (xã, "
		    "phường, thị trấn)", col, out->p);
	buf_reset(&b);
	buf_printf(&b, "%s %s", deftype, out->p);
	buf_reset(out);
	unit_canon(out, UNIT_COMMUNE, b.p, b.len);
}

/* The canonical name of field f at level lv into out; empty is fatal. */
static void
name(struct xwalk *x, struct buf *out, const struct field *f, int lv,
    const char *col, unsigned long line)
{
	buf_reset(out);
	buf_adds(out, "");
	unit_canon(out, lv, f->p, f->len);
	if (out->len == 0)
		cbcc_at_errx(x->path, line, "empty %s", col);
}

/*
 * The next row of the crosswalk into *row, its names valid until the next
 * call: 1, or 0 at the end.  A faulty row is fatal; so is a crosswalk
 * without rows.
 */
int
xwalk_next(struct xwalk *x, struct xwalk_row *row)
{
	struct rec rec;
	int n;

	if ((n = rec_next(x->r, &rec)) == -1)
		cbcc_exit();	/* the read error is reported */
	if (n == 0) {
		if (x->rows == 0)
			cbcc_errx(EXIT_DATA, "%s: no rows after the header",
			    x->path);
		return 0;
	}
	if (rec.err != NULL)
		cbcc_at_errx(x->path, rec.line, "%s", rec.err);
	if (rec.nf != x->ncol)
		cbcc_at_errx(x->path, rec.line, "%zu field%s, the header has "
		    "%zu", rec.nf, rec.nf == 1 ? "" : "s", x->ncol);
	buf_reset(&x->prov);
	buf_adds(&x->prov, "");
	if (x->cprov >= 0)
		name(x, &x->prov, &rec.f[x->cprov], UNIT_PROVINCE, "province",
		    rec.line);
	name(x, &x->dist, &rec.f[x->cdist], UNIT_DISTRICT, "old_district",
	    rec.line);
	xwalk_unit(x, &x->new, &rec.f[x->cnew], "new_unit", NULL, rec.line);
	xwalk_unit(x, &x->old, &rec.f[x->cold], "old_unit", NULL, rec.line);
	row->province = x->prov.p;
	row->district = x->dist.p;
	row->old = x->old.p;
	row->new = x->new.p;
	row->other = x->cother >= 0 ? &rec.f[x->cother] : NULL;
	row->line = rec.line;
	x->rows++;
	return 1;
}

/* Close the crosswalk. */
void
xwalk_close(struct xwalk *x)
{
	rec_close(x->r);
	buf_free(&x->prov);
	buf_free(&x->dist);
	buf_free(&x->old);
	buf_free(&x->new);
	free(x);
}
