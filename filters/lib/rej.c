/*
 * rej.c - rejected records (see rej.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcc.h"
#include "out.h"
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
	if ((rejfp = fopen(path, "w")) == NULL)
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
