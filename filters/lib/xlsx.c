/*
 * xlsx.c - Excel .xlsx workbooks as CSV text, one sheet at a time (see
 * xlsx.h): libzip opens the package, expat streams its XML.  Only the
 * shared strings and the date styles are held in memory; a sheet is
 * parsed a chunk at a time and its rows handed out as they end.
 *
 * libzip is loaded (dlopen) when the first workbook is opened, not
 * linked: it brings libcrypto, whose loading and relocation cost every
 * run of a filter milliseconds at start-up, workbook or not.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <expat.h>
#include <zip.h>

#include "cbcc.h"
#include "sheet.h"
#include "text.h"
#include "xls.h"
#include "xlsx.h"

#define CHUNK	65536	/* bytes inflated and parsed at a time */

/* A shared-strings table: the strings end to end, and where each starts. */
struct sst {
	struct buf	 text;		/* all strings */
	size_t		*off;		/* start of string i; off[n] = end */
	size_t		 n, cap;	/* strings, and room in off */
};

struct xlsx {
	char		*path;		/* for messages */
	int		 kind;		/* XLSX_XLSX or XLSX_XLS */
	struct xls	*xls;		/* the .xls half, or NULL */
	zip_t		*zip;		/* the package */
	char		*wbdir;		/* folder of the workbook part, "xl/" */
	char		**names;	/* sheet names */
	char		**parts;	/* sheet part names */
	size_t		 nsheets;
	struct sst	 sst;		/* shared strings */
	unsigned char	*datexf;	/* per cell style: 0, 'd' date, 't' time */
	size_t		 nxf;
	int		 date1904;	/* the 1904 date system */
};

struct xlsx_sheet {
	struct xlsx	*x;		/* its workbook */
	struct xls_sheet *xs;		/* the .xls half, or NULL */
	char		*label;		/* "path[name]" */
	zip_file_t	*zf;		/* the sheet part */
	zip_uint64_t	 declared;	/* its declared size */
	zip_uint64_t	 got;		/* bytes inflated so far */
	XML_Parser	 p;		/* its parser */
	struct sheet_row *row;		/* its renderer */
	unsigned long	 rowno;		/* last row written, from 1 */
	unsigned long	 currow;	/* row being read */
	unsigned long	 nextcol;	/* column of a cell with no reference */
	unsigned long	 dimw;		/* width the dimension declares */
	int		 indata;	/* inside sheetData */
	int		 incell;	/* inside c */
	int		 intext;	/* inside v, or t of is (not rPh) */
	int		 inrph;		/* inside rPh */
	char		 ctype[16];	/* t of the cell */
	int		 cstyle;	/* s of the cell */
	unsigned long	 ccol;		/* its column */
	struct buf	 val;		/* its text */
	const char	*err;		/* set: stop, and why */
	char		 errbuf[160];
	int		 done;		/* end of the part reached */
	int		 quiet;		/* errors are not reported */
};

/*
 * The libzip functions this module calls, found by zipload() in
 * ZIP_SONAME; the calls below go through zl.  Their types are libzip's
 * own declarations (zip.h).
 */
#define ZIP_SONAME	"libzip.so.4"
#define ZIP_FUNCS(F)							\
	F(zip_discard) F(zip_error_fini) F(zip_error_init_with_code)	\
	F(zip_error_strerror) F(zip_fclose) F(zip_file_strerror)	\
	F(zip_fopen) F(zip_fread) F(zip_name_locate) F(zip_open)	\
	F(zip_stat) F(zip_stat_init) F(zip_strerror)
#define ZIP_MEMBER(f)	__typeof__(f) *f;

static struct {
	ZIP_FUNCS(ZIP_MEMBER)
} zl;				/* libzip's functions, once loaded */

/*
 * Load libzip and find its functions in zl, once.  NULL when they are
 * there, else why not (dlerror's words, which name the library); a
 * failure is kept and given again.
 *
 * CBCC_TEST_LIBZIP, if set, names the library instead of ZIP_SONAME: the
 * tests name one that is missing, or one without libzip's functions, to
 * see the error a machine without libzip gives.
 */
static const char *
zipload(void)
{
	static char why[256];
	static int loaded;
	const char *name, *e;
	void *h, *f;

	if (loaded)
		return why[0] != '\0' ? why : NULL;
	loaded = 1;
	if ((name = getenv("CBCC_TEST_LIBZIP")) == NULL || *name == '\0')
		name = ZIP_SONAME;
	if ((h = dlopen(name, RTLD_NOW | RTLD_LOCAL)) == NULL)
		goto fail;
#define ZIP_FIND(fn)							\
	if ((f = dlsym(h, #fn)) == NULL)				\
		goto fail;						\
	memcpy(&zl.fn, &f, sizeof(f));
	ZIP_FUNCS(ZIP_FIND)
#undef ZIP_FIND
	return NULL;
fail:
	e = dlerror();
	snprintf(why, sizeof(why), "%s", e != NULL ? e : name);
	if (h != NULL)
		dlclose(h);
	return why;
}

/* Sniffing. */

int
xlsx_sniff(const char *path)
{
	unsigned char b[8];
	ssize_t n;
	size_t got = 0;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	while (got < sizeof(b)) {
		n = read(fd, b + got, sizeof(b) - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
		return XLSX_XLSX;
	if (got >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return XLSX_XLS;
	return XLSX_TEXT;
}

/* Reading package parts. */

/* Report "PROG: path: why" for workbook x, set the status. */
static void
bad(const struct xlsx *x, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cbcc_warnx("%s: %s", x->path, msg);
	cbcc_status = EXIT_DATA;
}

/* Sizes for messages: "10.0 GiB". */
static const char *
size_str(char *b, size_t bsz, zip_uint64_t n)
{
	if (n >= (1ULL << 30))
		snprintf(b, bsz, "%.1f GiB", (double)n / (1ULL << 30));
	else
		snprintf(b, bsz, "%.1f MiB", (double)n / (1ULL << 20));
	return b;
}

/*
 * Open part name of x for reading, checking its declared size against
 * limit.  NULL if it is not there (*missing set) or cannot be read
 * (reported).
 */
static zip_file_t *
partopen(struct xlsx *x, const char *name, zip_uint64_t limit,
    zip_uint64_t *declared, int *missing)
{
	zip_stat_t st;
	zip_file_t *zf;
	char b1[32], b2[32];

	*missing = 0;
	zl.zip_stat_init(&st);
	if (zl.zip_stat(x->zip, name, 0, &st) == -1) {
		*missing = 1;
		return NULL;
	}
	if (!(st.valid & ZIP_STAT_SIZE)) {
		bad(x, "%s: its size is not known", name);
		return NULL;
	}
	if (st.size > limit) {
		bad(x, "%s declares %s uncompressed, over the limit of %s "
		    "(a zip bomb?)", name, size_str(b1, sizeof(b1), st.size),
		    size_str(b2, sizeof(b2), limit));
		return NULL;
	}
	if ((zf = zl.zip_fopen(x->zip, name, 0)) == NULL) {
		bad(x, "%s: %s", name, zl.zip_strerror(x->zip));
		return NULL;
	}
	*declared = st.size;
	return zf;
}

/*
 * Read up to n bytes of a part into buf, counting them against its
 * declared size; -1 on an error, with *why set.
 */
static zip_int64_t
partread(zip_file_t *zf, char *buf, size_t n, zip_uint64_t declared,
    zip_uint64_t *got, const char **why)
{
	zip_int64_t k;

	if ((k = zl.zip_fread(zf, buf, n)) == -1) {
		*why = zl.zip_file_strerror(zf);
		return -1;
	}
	*got += (zip_uint64_t)k;
	if (*got > declared) {
		*why = "inflates to more than it declares (a zip bomb?)";
		return -1;
	}
	return k;
}

/* The local name of an XML name: "x:row" is "row". */
static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

/* A package has no DTD: one is refused (no entity expansion). */
static void XMLCALL
nodtd(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	XML_Parser p = ud;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	XML_StopParser(p, XML_FALSE);
}

static XML_Parser
newparser(void *ud, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	XML_Parser p;

	if ((p = XML_ParserCreate("UTF-8")) == NULL)
		cbcc_errx(EXIT_DATA, "out of memory");
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, nodtd);
	XML_UseParserAsHandlerArg(p);
	return p;
}

/* Context of the small parts' handlers (the parser is their argument). */
struct small {
	struct xlsx	*x;		/* the workbook */
	int		 what;		/* which part */
	int		 depth;		/* collecting text: nesting */
	int		 insi;		/* inside si (shared string) */
	int		 inrph;		/* inside rPh */
	int		 intext;	/* inside t */
	int		 inxfs;		/* inside cellXfs */
	char		**rid;		/* workbook: sheet rIds */
	char		**tid;		/* rels: Ids */
	char		**target;	/* rels: their targets */
	char		**type;		/* rels: their types */
	size_t		 nrel;
	long		*fmtid;		/* styles: custom numFmt ids */
	char		**fmtcode;	/* and their codes */
	size_t		 nfmt;
	long		*xffmt;		/* styles: numFmtId of each xf */
	size_t		 nxffmt;
	const char	*err;		/* a limit hit */
};

enum { P_RELS, P_WORKBOOK, P_SST, P_STYLES };

static void
sstadd(struct sst *s)
{
	if (s->n + 1 >= s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->off = xreallocarray(s->off, s->cap, sizeof(*s->off));
	}
	s->off[s->n++] = s->text.len;
	s->off[s->n] = s->text.len;
}

static void XMLCALL
smallstart(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct small *sm = XML_GetUserData((XML_Parser)ud);
	const char *n = local(name), *v, *w;
	struct xlsx *x = sm->x;

	switch (sm->what) {
	case P_RELS:
		if (strcmp(n, "Relationship") != 0)
			break;
		v = attr(atts, "Id");
		w = attr(atts, "Target");
		sm->tid = xreallocarray(sm->tid, sm->nrel + 1, sizeof(char *));
		sm->target = xreallocarray(sm->target, sm->nrel + 1,
		    sizeof(char *));
		sm->type = xreallocarray(sm->type, sm->nrel + 1,
		    sizeof(char *));
		sm->tid[sm->nrel] = xstrdup(v ? v : "");
		sm->target[sm->nrel] = xstrdup(w ? w : "");
		v = attr(atts, "Type");
		sm->type[sm->nrel++] = xstrdup(v ? v : "");
		break;
	case P_WORKBOOK:
		if (strcmp(n, "workbookPr") == 0) {
			v = attr(atts, "date1904");
			x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
			    strcmp(v, "true") == 0);
		} else if (strcmp(n, "sheet") == 0) {
			v = attr(atts, "name");
			w = attr(atts, "id");
			x->names = xreallocarray(x->names, x->nsheets + 1,
			    sizeof(char *));
			sm->rid = xreallocarray(sm->rid, x->nsheets + 1,
			    sizeof(char *));
			x->names[x->nsheets] = xstrdup(v ? v : "");
			sm->rid[x->nsheets++] = xstrdup(w ? w : "");
		}
		break;
	case P_SST:
		if (strcmp(n, "si") == 0) {
			sm->insi = 1;
			sstadd(&x->sst);
		} else if (strcmp(n, "rPh") == 0)
			sm->inrph = 1;
		else if (strcmp(n, "t") == 0 && sm->insi && !sm->inrph)
			sm->intext = 1;
		break;
	case P_STYLES:
		if (strcmp(n, "numFmt") == 0) {
			v = attr(atts, "numFmtId");
			w = attr(atts, "formatCode");
			sm->fmtid = xreallocarray(sm->fmtid, sm->nfmt + 1,
			    sizeof(long));
			sm->fmtcode = xreallocarray(sm->fmtcode, sm->nfmt + 1,
			    sizeof(char *));
			sm->fmtid[sm->nfmt] = v ? strtol(v, NULL, 10) : -1;
			sm->fmtcode[sm->nfmt++] = xstrdup(w ? w : "");
		} else if (strcmp(n, "cellXfs") == 0)
			sm->inxfs = 1;
		else if (strcmp(n, "xf") == 0 && sm->inxfs) {
			v = attr(atts, "numFmtId");
			sm->xffmt = xreallocarray(sm->xffmt, sm->nxffmt + 1,
			    sizeof(long));
			sm->xffmt[sm->nxffmt++] = v ? strtol(v, NULL, 10) : 0;
		}
		break;
	}
}

static void XMLCALL
smallend(void *ud, const XML_Char *name)
{
	struct small *sm = XML_GetUserData((XML_Parser)ud);
	const char *n = local(name);

	if (sm->what == P_SST) {
		if (strcmp(n, "si") == 0) {
			sm->insi = 0;
			sm->x->sst.off[sm->x->sst.n] = sm->x->sst.text.len;
		} else if (strcmp(n, "rPh") == 0)
			sm->inrph = 0;
		else if (strcmp(n, "t") == 0)
			sm->intext = 0;
	} else if (sm->what == P_STYLES && strcmp(n, "cellXfs") == 0)
		sm->inxfs = 0;
}

static void XMLCALL
smalltext(void *ud, const XML_Char *s, int len)
{
	struct small *sm = XML_GetUserData((XML_Parser)ud);

	if (sm->what == P_SST && sm->intext) {
		buf_add(&sm->x->sst.text, s, (size_t)len);
		sm->x->sst.off[sm->x->sst.n] = sm->x->sst.text.len;
	}
}

/*
 * Parse part name of x (held in memory: at most XLSX_MAXPART) with the
 * small handlers for what.  Returns 1, 0 if the part is missing, -1 on
 * an error (reported).
 */
static int
parsesmall(struct xlsx *x, const char *name, struct small *sm)
{
	static char chunk[CHUNK];
	zip_uint64_t declared, got = 0;
	zip_file_t *zf;
	zip_int64_t k;
	XML_Parser p;
	const char *why = NULL;
	int missing, rv = 1;

	if ((zf = partopen(x, name, XLSX_MAXPART, &declared, &missing)) ==
	    NULL)
		return missing ? 0 : -1;
	p = newparser(sm, smallstart, smallend, smalltext);
	do {
		if ((k = partread(zf, chunk, sizeof(chunk), declared, &got,
		    &why)) == -1)
			break;
		if (XML_Parse(p, chunk, (int)k, k == 0) != XML_STATUS_OK) {
			why = XML_GetErrorCode(p) == XML_ERROR_ABORTED ?
			    "holds a DTD" : XML_ErrorString(XML_GetErrorCode(p));
			break;
		}
	} while (k > 0);
	if (why != NULL) {
		bad(x, "%s: %s", name, why);
		rv = -1;
	}
	XML_ParserFree(p);
	zl.zip_fclose(zf);
	return rv;
}

/*
 * The part a relationship target names, from the folder dir of the part
 * that holds it: "worksheets/sheet1.xml" from "xl/" is
 * "xl/worksheets/sheet1.xml"; "/xl/..." is from the root; ".." climbs.
 */
static char *
resolve(const char *dir, const char *target)
{
	struct buf b = { 0 };
	const char *seg;
	char *slash;

	if (*target == '/')
		target++;
	else
		buf_adds(&b, dir);
	while (*target != '\0') {
		seg = target;
		while (*target != '\0' && *target != '/')
			target++;
		if (target - seg == 2 && strncmp(seg, "..", 2) == 0) {
			if (b.len > 0)
				b.p[--b.len] = '\0';	/* the trailing / */
			slash = b.len > 0 ? strrchr(b.p, '/') : NULL;
			b.len = slash != NULL ? (size_t)(slash - b.p) + 1 : 0;
			if (b.p != NULL)
				b.p[b.len] = '\0';
		} else if (!(target - seg == 1 && *seg == '.'))
			buf_add(&b, seg, (size_t)(target - seg));
		if (*target == '/') {
			if (target - seg != 2 || strncmp(seg, "..", 2) != 0)
				buf_addc(&b, '/');
			target++;
		}
	}
	if (b.p == NULL)
		buf_adds(&b, "");
	return b.p;
}

static void
freerels(struct small *sm)
{
	size_t i;

	for (i = 0; i < sm->nrel; i++) {
		free(sm->tid[i]);
		free(sm->target[i]);
		free(sm->type[i]);
	}
	free(sm->tid);
	free(sm->target);
	free(sm->type);
	sm->tid = sm->target = sm->type = NULL;
	sm->nrel = 0;
}

/* The target of the relationship whose type ends in "/suffix", or NULL. */
static const char *
reltype(const struct small *sm, const char *suffix)
{
	size_t i, n, k = strlen(suffix);

	for (i = 0; i < sm->nrel; i++) {
		n = strlen(sm->type[i]);
		if (n > k && strcmp(sm->type[i] + n - k, suffix) == 0 &&
		    sm->type[i][n - k - 1] == '/')
			return sm->target[i];
	}
	return NULL;
}

/*
 * Build x->datexf from the styles read into sm: a format is a date by its
 * code, whatever its number (Gnumeric numbers its own formats from 50),
 * and by its number when the styles give it no code (sheet_numfmt).
 */
static void
datestyles(struct xlsx *x, const struct small *sm)
{
	const char *code;
	size_t i, j;

	x->nxf = sm->nxffmt;
	x->datexf = xcalloc(x->nxf + 1, 1);
	for (i = 0; i < sm->nxffmt; i++) {
		code = NULL;
		for (j = sm->nfmt; j > 0; j--)
			if (sm->fmtid[j - 1] == sm->xffmt[i]) {
				code = sm->fmtcode[j - 1];
				break;
			}
		x->datexf[i] = (unsigned char)sheet_numfmt(sm->xffmt[i], code);
	}
}

/* Open the .xlsx package of x and read its workbook parts. */
static int
openxlsx(struct xlsx *x)
{
	struct small sm;
	zip_error_t ze;
	const char *t;
	char *wb, *rels, *sl;
	size_t i, j;
	const char *why;
	int zerr, rv;

	if ((why = zipload()) != NULL) {
		bad(x, "cannot read .xlsx: %s", why);
		return 0;
	}
	if ((x->zip = zl.zip_open(x->path, ZIP_RDONLY, &zerr)) == NULL) {
		zl.zip_error_init_with_code(&ze, zerr);
		bad(x, "not a readable .xlsx workbook: %s (a truncated or "
		    "damaged file?)", zl.zip_error_strerror(&ze));
		zl.zip_error_fini(&ze);
		return 0;
	}
	memset(&sm, 0, sizeof(sm));
	sm.x = x;
	sm.what = P_RELS;
	if (parsesmall(x, "_rels/.rels", &sm) == -1) {
		freerels(&sm);
		return 0;
	}
	t = reltype(&sm, "officeDocument");
	wb = resolve("", t != NULL ? t : "xl/workbook.xml");
	freerels(&sm);
	if (zl.zip_name_locate(x->zip, wb, 0) == -1) {
		if (zl.zip_name_locate(x->zip, "content.xml", 0) != -1)
			bad(x, "an OpenDocument spreadsheet (.ods), not an "
			    "Excel workbook: save it as .xlsx");
		else
			bad(x, "a ZIP archive with no Excel workbook in it "
			    "(no %s)", wb);
		free(wb);
		return 0;
	}
	sl = strrchr(wb, '/');
	x->wbdir = sl != NULL ? xmemdup0(wb, (size_t)(sl - wb) + 1) :
	    xstrdup("");
	sm.what = P_WORKBOOK;
	rv = parsesmall(x, wb, &sm);
	rels = xmalloc(strlen(wb) + 16);
	snprintf(rels, strlen(wb) + 16, "%s_rels/%s.rels", x->wbdir,
	    sl != NULL ? sl + 1 : wb);
	free(wb);
	if (rv == 1) {
		sm.what = P_RELS;
		rv = parsesmall(x, rels, &sm);
	}
	free(rels);
	if (rv != 1) {
		if (rv == 0)
			bad(x, "its workbook part is missing");
		goto fail;
	}
	x->parts = xcalloc(x->nsheets + 1, sizeof(char *));
	for (i = 0; i < x->nsheets; i++) {
		for (j = 0; j < sm.nrel; j++)
			if (strcmp(sm.tid[j], sm.rid[i]) == 0)
				break;
		if (j == sm.nrel) {
			bad(x, "sheet \"%s\" has no part", x->names[i]);
			goto fail;
		}
		x->parts[i] = resolve(x->wbdir, sm.target[j]);
	}
	sstadd(&x->sst);	/* a sentinel: off[] is never NULL */
	x->sst.n = 0;
	sm.what = P_SST;
	if ((t = reltype(&sm, "sharedStrings")) != NULL) {
		rels = resolve(x->wbdir, t);
		rv = parsesmall(x, rels, &sm);
		free(rels);
		if (rv == -1)
			goto fail;
	}
	sm.what = P_STYLES;
	if ((t = reltype(&sm, "styles")) != NULL) {
		rels = resolve(x->wbdir, t);
		rv = parsesmall(x, rels, &sm);
		free(rels);
		if (rv == -1)
			goto fail;
	}
	datestyles(x, &sm);
	rv = 1;
	goto out;
fail:
	rv = 0;
out:
	freerels(&sm);
	for (i = 0; i < x->nsheets && sm.rid != NULL; i++)
		free(sm.rid[i]);
	free(sm.rid);
	for (i = 0; i < sm.nfmt; i++)
		free(sm.fmtcode[i]);
	free(sm.fmtcode);
	free(sm.fmtid);
	free(sm.xffmt);
	return rv;
}

struct xlsx *
xlsx_open(const char *path, int kind)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));

	x->path = xstrdup(path);
	x->kind = kind;
	if (kind == XLSX_XLS) {
		if ((x->xls = xls_open(path)) == NULL) {
			xlsx_close(x);
			return NULL;
		}
		x->nsheets = xls_nsheets(x->xls);
		return x;
	}
	if (!openxlsx(x)) {
		xlsx_close(x);
		return NULL;
	}
	if (x->nsheets == 0) {
		bad(x, "the workbook has no sheets");
		xlsx_close(x);
		return NULL;
	}
	return x;
}

size_t
xlsx_nsheets(const struct xlsx *x)
{
	return x->nsheets;
}

const char *
xlsx_sheet_name(const struct xlsx *x, size_t i)
{
	if (i >= x->nsheets)
		return NULL;
	return x->xls != NULL ? xls_sheet_name(x->xls, i) : x->names[i];
}

long
xlsx_sheet_find(const struct xlsx *x, const char *arg)
{
	struct buf k = { 0 }, a = { 0 };
	const char *errstr;
	long n, found = -1;
	size_t i, hits = 0;

	for (i = 0; i < x->nsheets; i++)
		if (strcmp(xlsx_sheet_name(x, i), arg) == 0)
			return (long)i;
	text_key(&a, arg, strlen(arg), TEXT_KEY_PUNCT);
	for (i = 0; i < x->nsheets; i++) {
		buf_reset(&k);
		text_key(&k, xlsx_sheet_name(x, i),
		    strlen(xlsx_sheet_name(x, i)), TEXT_KEY_PUNCT);
		if (strcmp(k.p, a.p) == 0) {
			found = (long)i;
			hits++;
		}
	}
	buf_free(&k);
	buf_free(&a);
	if (hits == 1)
		return found;
	n = (long)cbcc_strtonum(arg, 1, (long long)x->nsheets, &errstr);
	return errstr == NULL ? n - 1 : -1;
}

/* Sheets. */

/* Stop sheet s with a message; the text ends at the last whole row. */
static void
sheetbad(struct xlsx_sheet *s, const char *fmt, ...)
{
	va_list ap;

	if (s->err != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(s->errbuf, sizeof(s->errbuf), fmt, ap);
	va_end(ap);
	s->err = s->errbuf;
	if (s->p != NULL)
		XML_StopParser(s->p, XML_FALSE);
}

/* Column from 0 and row from 1 of a cell reference "C7"; 0 if bad. */
static int
cellref(const char *r, unsigned long *col, unsigned long *row)
{
	unsigned long c = 0, n = 0;
	const char *p = r;

	while (isalpha((unsigned char)*p) && c <= XLSX_MAXCOL)
		c = c * 26 + (unsigned long)(toupper((unsigned char)*p++) -
		    'A' + 1);
	if (p == r || c > XLSX_MAXCOL)
		return 0;
	while (isdigit((unsigned char)*p) && n <= XLSX_MAXROW)
		n = n * 10 + (unsigned long)(*p++ - '0');
	if (*p != '\0' || n == 0 || n > XLSX_MAXROW)
		return 0;
	*col = c - 1;
	*row = n;
	return 1;
}

/* Decode OOXML's _xHHHH_ escapes of v in place. */
static void
unescape(struct buf *v)
{
	struct buf o = { 0 };
	unsigned long u;
	size_t i;
	char *e, hex[5];

	if (v->len == 0 || memchr(v->p, '_', v->len) == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		if (v->p[i] == '_' && i + 6 < v->len && v->p[i + 1] == 'x' &&
		    v->p[i + 6] == '_') {
			memcpy(hex, v->p + i + 2, 4);
			hex[4] = '\0';
			u = strtoul(hex, &e, 16);
			if (*e == '\0' && isxdigit((unsigned char)hex[0])) {
				if (u < 0x80)
					buf_addc(&o, (int)u);
				else if (u < 0x800) {
					buf_addc(&o, 0xC0 | (int)(u >> 6));
					buf_addc(&o, 0x80 | (int)(u & 63));
				} else {
					buf_addc(&o, 0xE0 | (int)(u >> 12));
					buf_addc(&o, 0x80 |
					    (int)((u >> 6) & 63));
					buf_addc(&o, 0x80 | (int)(u & 63));
				}
				i += 6;
				continue;
			}
		}
		buf_addc(&o, v->p[i]);
	}
	buf_reset(v);
	buf_add(v, o.p, o.len);
	buf_free(&o);
}

/* The end of a cell: render its value into the row. */
static void
endcell(struct xlsx_sheet *s)
{
	struct xlsx *x = s->x;
	char nb[64];
	const char *t = s->ctype;
	unsigned long i;
	double d;
	char *e;
	int y, m, dd;

	if (s->val.len == 0)
		return;
	if (strcmp(t, "s") == 0) {
		i = strtoul(s->val.p, &e, 10);
		if (*e != '\0' || i >= x->sst.n) {
			sheetbad(s, "shared string %.20s does not exist",
			    s->val.p);
			return;
		}
		buf_reset(&s->val);
		if (x->sst.off[i + 1] > x->sst.off[i])	/* text.p may be NULL */
			buf_add(&s->val, x->sst.text.p + x->sst.off[i],
			    x->sst.off[i + 1] - x->sst.off[i]);
		unescape(&s->val);
	} else if (strcmp(t, "b") == 0) {
		i = strcmp(s->val.p, "0") == 0;
		buf_reset(&s->val);
		buf_adds(&s->val, i ? "FALSE" : "TRUE");
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0)
		unescape(&s->val);
	else if (strcmp(t, "d") == 0) {
		/* An ISO 8601 date cell. */
		if (sscanf(s->val.p, "%4d-%2d-%2d", &y, &m, &dd) == 3) {
			snprintf(nb, sizeof(nb), "%02d/%02d/%04d", dd, m, y);
			buf_reset(&s->val);
			buf_adds(&s->val, nb);
		}
	} else if (strcmp(t, "e") != 0) {
		/* A number, in a date format or not. */
		errno = 0;
		d = strtod(s->val.p, &e);
		if (*e == '\0' && errno == 0) {
			if (s->cstyle >= 0 && (size_t)s->cstyle < x->nxf &&
			    x->datexf[s->cstyle] != 0)
				sheet_date(nb, sizeof(nb), d, x->date1904,
				    x->datexf[s->cstyle] == 't');
			else
				sheet_number(nb, sizeof(nb), d);
			buf_reset(&s->val);
			buf_adds(&s->val, nb);
		}
	}
	sheet_row_cell(s->row, s->ccol, s->val.p, s->val.len);
}

static void XMLCALL
sheetstart(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx_sheet *s = XML_GetUserData((XML_Parser)ud);
	const char *n = local(name), *v;
	unsigned long row, col, c2, r2;
	char *colon;

	if (strcmp(n, "dimension") == 0 && (v = attr(atts, "ref")) != NULL &&
	    (colon = strchr(v, ':')) != NULL) {
		/* Some writers declare the whole sheet: not believed. */
		if (cellref(colon + 1, &c2, &r2) && c2 < 1024)
			s->dimw = c2 + 1;
	} else if (strcmp(n, "sheetData") == 0)
		s->indata = 1;
	else if (!s->indata)
		return;
	else if (strcmp(n, "row") == 0) {
		row = s->currow + 1;
		if ((v = attr(atts, "r")) != NULL) {
			row = strtoul(v, &colon, 10);
			if (*colon != '\0' || row == 0 || row > XLSX_MAXROW) {
				sheetbad(s, "row number \"%.20s\" is not 1 to "
				    "%lu", v, XLSX_MAXROW);
				return;
			}
		}
		if (row <= s->rowno) {
			sheetbad(s, "row %lu comes after row %lu", row,
			    s->rowno);
			return;
		}
		if (row > XLSX_MAXROW) {
			sheetbad(s, "more than %lu rows", XLSX_MAXROW);
			return;
		}
		sheet_row_skip(s->row, row - s->rowno - 1);
		s->currow = row;
		s->nextcol = 0;
	} else if (strcmp(n, "c") == 0) {
		col = s->nextcol;
		if ((v = attr(atts, "r")) != NULL) {
			if (!cellref(v, &col, &row)) {
				sheetbad(s, "bad cell reference \"%.20s\"", v);
				return;
			}
			if (row != s->currow) {
				sheetbad(s, "cell %.20s is not in row %lu", v,
				    s->currow);
				return;
			}
		}
		if (col >= XLSX_MAXCOL) {
			sheetbad(s, "more than %lu columns", XLSX_MAXCOL);
			return;
		}
		s->incell = 1;
		s->ccol = col;
		s->nextcol = col + 1;
		v = attr(atts, "t");
		snprintf(s->ctype, sizeof(s->ctype), "%s", v ? v : "n");
		v = attr(atts, "s");
		s->cstyle = v ? (int)strtol(v, NULL, 10) : -1;
		buf_reset(&s->val);
	} else if (!s->incell)
		return;
	else if (strcmp(n, "v") == 0)
		s->intext = 1;
	else if (strcmp(n, "rPh") == 0)
		s->inrph = 1;
	else if (strcmp(n, "t") == 0 && !s->inrph)
		s->intext = 1;
}

static void XMLCALL
sheetend(void *ud, const XML_Char *name)
{
	struct xlsx_sheet *s = XML_GetUserData((XML_Parser)ud);
	const char *n = local(name);

	if (!s->indata)
		return;
	if (strcmp(n, "sheetData") == 0)
		s->indata = 0;
	else if (strcmp(n, "row") == 0) {
		sheet_row_end(s->row, s->dimw);
		s->rowno = s->currow;
	} else if (strcmp(n, "c") == 0) {
		endcell(s);
		s->incell = 0;
	} else if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
		s->intext = 0;
	else if (strcmp(n, "rPh") == 0)
		s->inrph = 0;
}

static void XMLCALL
sheettext(void *ud, const XML_Char *t, int len)
{
	struct xlsx_sheet *s = XML_GetUserData((XML_Parser)ud);

	if (!s->intext)
		return;
	if (s->val.len + (size_t)len > XLSX_MAXCELL) {
		sheetbad(s, "a cell of more than %lu bytes", XLSX_MAXCELL);
		return;
	}
	buf_add(&s->val, t, (size_t)len);
}

struct xlsx_sheet *
xlsx_sheet_open(struct xlsx *x, size_t i)
{
	struct xlsx_sheet *s;
	struct buf b = { 0 };
	int missing;

	if (i >= x->nsheets)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->x = x;
	buf_printf(&b, "%s[%s]", x->path, xlsx_sheet_name(x, i));
	s->label = b.p;
	if (x->xls != NULL) {
		s->xs = xls_sheet_open(x->xls, i);
		return s;
	}
	if ((s->zf = partopen(x, x->parts[i], XLSX_MAXSHEET, &s->declared,
	    &missing)) == NULL) {
		if (missing)
			bad(x, "sheet \"%s\": its part %s is missing",
			    x->names[i], x->parts[i]);
		xlsx_sheet_close(s);
		return NULL;
	}
	s->row = sheet_row_new();
	s->p = newparser(s, sheetstart, sheetend, sheettext);
	return s;
}

void
xlsx_sheet_quiet(struct xlsx_sheet *s)
{
	s->quiet = 1;
}

const char *
xlsx_sheet_label(const struct xlsx_sheet *s)
{
	return s->label;
}

ssize_t
xlsx_read(void *ctx, char *buf, size_t n)
{
	static char chunk[CHUNK];
	struct xlsx_sheet *s = ctx;
	const char *why = NULL;
	zip_int64_t k;

	if (s->xs != NULL)
		return xls_read(s->xs, buf, n);
	while (sheet_row_pending(s->row) == 0 && !s->done) {
		k = partread(s->zf, chunk, sizeof(chunk), s->declared,
		    &s->got, &why);
		if (k == -1) {
			sheetbad(s, "%s", why);
		} else if (XML_Parse(s->p, chunk, (int)k, k == 0) !=
		    XML_STATUS_OK && s->err == NULL) {
			if (XML_GetErrorCode(s->p) == XML_ERROR_ABORTED)
				sheetbad(s, "the sheet holds a DTD");
			else
				sheetbad(s, "bad XML at line %lu: %s",
				    (unsigned long)XML_GetCurrentLineNumber(
				    s->p), XML_ErrorString(
				    XML_GetErrorCode(s->p)));
		}
		if (s->err != NULL) {
			if (!s->quiet) {
				cbcc_at_warnx(s->label, s->currow, "%s",
				    s->err);
				cbcc_status = EXIT_DATA;
			}
			s->done = 1;
			/* What the bad row held so far is dropped. */
		} else if (k == 0)
			s->done = 1;
	}
	return (ssize_t)sheet_row_take(s->row, buf, n);
}

void
xlsx_sheet_close(struct xlsx_sheet *s)
{
	if (s == NULL)
		return;
	if (s->xs != NULL)
		xls_sheet_close(s->xs);
	if (s->zf != NULL)
		zl.zip_fclose(s->zf);
	if (s->p != NULL)
		XML_ParserFree(s->p);
	sheet_row_free(s->row);
	buf_free(&s->val);
	free(s->label);
	free(s);
}

void
xlsx_close(struct xlsx *x)
{
	size_t i;

	if (x == NULL)
		return;
	if (x->xls != NULL)
		xls_close(x->xls);
	if (x->zip != NULL)
		zl.zip_discard(x->zip);
	for (i = 0; i < x->nsheets && x->names != NULL; i++) {
		free(x->names[i]);
		if (x->parts != NULL)
			free(x->parts[i]);
	}
	free(x->names);
	free(x->parts);
	free(x->wbdir);
	buf_free(&x->sst.text);
	free(x->sst.off);
	free(x->datexf);
	free(x->path);
	free(x);
}
