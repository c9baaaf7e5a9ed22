/*
 * rej.c - rejected records (see rej.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "out.h"
#include "rec.h"
#include "rej.h"

#define MAXREASONS	32

static FILE *rejfp;		/* --rejects file, or NULL */
static char *rejpath;		/* its name */
static struct out *rejout;	/* its writer */
static int rejstrict;		/* --strict: the first reject is fatal */
static unsigned long nrej;	/* rejects so far */
static struct {
	char		*reason;	/* reason up to its first ':' */
	unsigned long	 n;		/* how many */
} why[MAXREASONS];

void
rej_open(const char *path, int strict)
{
	static const char *const cols[] = { "file", "line", "reason",
	    "record" };

	rejstrict = strict;
	if (path == NULL)
		return;
	if ((rejfp = cbcc_create(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	rejpath = xstrdup(path);
	rejout = out_open(rejfp, path, FMT_CSV);
	out_header(rejout, 4, cols);
}

static void
tally(const char *reason)
{
	size_t n = strcspn(reason, ":");
	int i;

	for (i = 0; i < MAXREASONS && why[i].reason != NULL; i++)
		if (strlen(why[i].reason) == n &&
		    strncmp(why[i].reason, reason, n) == 0) {
			why[i].n++;
			return;
		}
	if (i == MAXREASONS)
		i = MAXREASONS - 1;	/* lump the rest with the last one */
	else
		why[i].reason = xmemdup0(reason, n);
	why[i].n++;
}

void
rej_add(const char *file, unsigned long line, const char *reason,
    const char *raw, size_t rawlen)
{
	char num[32];

	nrej++;
	if (rejstrict)
		cbcc_at_errx(file, line, "%s", reason);
	tally(reason);
	if (rejout == NULL)
		return;
	snprintf(num, sizeof(num), "%lu", line);
	out_str(rejout, file);
	out_str(rejout, num);
	out_str(rejout, reason);
	out_field(rejout, raw, rawlen);
	out_end(rejout);
}

/* Reject record rec of reader r, with its raw text, for a printf reason. */
void
rej_rec(struct rec_reader *r, const struct rec *rec, const char *fmt, ...)
{
	static struct buf reason;
	const char *raw;
	size_t len;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_reset(&reason);
	buf_reserve(&reason, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(reason.p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	reason.len = (size_t)n;
	rec_raw(r, rec, &raw, &len);
	rej_add(rec_name(r), rec->line, reason.p, raw, len);
}

/*
 * Reject rec if the reader could not parse it, or if it has not the ncol
 * fields of its header ("ragged"); returns 1 if it was rejected.
 */
int
rej_bad(struct rec_reader *r, const struct rec *rec, size_t ncol)
{
	if (rec->err != NULL)
		rej_rec(r, rec, "%s", rec->err);
	else if (rec->nf != ncol)
		rej_rec(r, rec, "ragged: %zu field%s, header has %zu",
		    rec->nf, rec->nf == 1 ? "" : "s", ncol);
	else
		return 0;
	return 1;
}

unsigned long
rej_count(void)
{
	return nrej;
}

/* Close the rejects file, or report the count by reason on stderr. */
void
rej_close(void)
{
	struct buf b = { 0 };
	int i;

	if (rejout != NULL) {
		out_close(rejout);
		rejout = NULL;
		cbcc_close(rejfp, rejpath);
		rejfp = NULL;
	} else if (nrej > 0) {
		for (i = 0; i < MAXREASONS && why[i].reason != NULL; i++)
			buf_printf(&b, "%s%s %lu", i > 0 ? ", " : "",
			    why[i].reason, why[i].n);
		cbcc_warnx("%lu record%s rejected (%s); --rejects FILE keeps "
		    "them", nrej, nrej == 1 ? "" : "s", b.p);
		buf_free(&b);
	}
}
