/*
 * mkxlsx-tool - test workbooks, made the way other programs make them.
 *
 *   mkxlsx-tool [-m RANGE]... [-s NAME]... OUT.xlsx FILE.csv...
 *	each CSV file becomes a sheet (named by the -s in the same place,
 *	else Sheet1, Sheet2...) written by libxlsxwriter as a clerk's
 *	workbook would hold it: the CSV line is the sheet row, numbers
 *	(without a leading zero) are number cells, dd/mm/yyyy texts are date
 *	cells (format dd/mm/yyyy), empty fields are no cell, and each -m
 *	range (A4:A5) is merged on every sheet, holding its first cell.
 *   mkxlsx-tool --pack OUT.xlsx SHEET.xml [SST.xml [STYLES.xml]]
 *	a package around hand-written parts, packed with libzip.
 *   mkxlsx-tool --empty-rows OUT.xlsx N
 *	a sheet of N empty rows (<row r="1"/> ... <row r="N"/>).
 *   mkxlsx-tool --bomb OUT.xlsx
 *	a small package whose sheet declares 4 GiB uncompressed in its ZIP
 *	headers (sizes patched, as a zip bomb's are).
 *   mkxlsx-tool --encrypted OUT.xlsx
 *	an OLE2 compound file with EncryptionInfo and EncryptedPackage
 *	streams: how Excel stores an .xlsx with a password to open.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "cbcc.h"
#include "rec.h"

#define MAXM	32

static const char ctypes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"><Default Extension=\"rels\" ContentType=\"application/"
    "vnd.openxmlformats-package.relationships+xml\"/><Default Extension="
    "\"xml\" ContentType=\"application/xml\"/></Types>\n";
static const char rootrels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>\n";
static const char workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>\n";
static const char wbrels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\""
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"/xl/styles.xml\"/></Relationships>\n";

static void
usage(void)
{
	fprintf(stderr, "usage: mkxlsx-tool [-m range] [-s name] out.xlsx "
	    "file.csv ...\n       mkxlsx-tool --pack out.xlsx sheet.xml "
	    "[sst.xml [styles.xml]]\n       mkxlsx-tool --empty-rows "
	    "out.xlsx n\n       mkxlsx-tool --bomb|--encrypted out.xlsx\n");
	exit(2);
}

/* Whether text is a number Excel would read as one (no leading zero). */
static int
isnumber(const char *p)
{
	char *e;

	if (*p == '\0' || isspace((unsigned char)*p) ||
	    (p[0] == '0' && isdigit((unsigned char)p[1])) || *p == '+')
		return 0;
	strtod(p, &e);
	return *e == '\0' && strspn(p, "-0123456789.") == strlen(p);
}

/* Read a whole file into a malloc'd buffer. */
static char *
slurp(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		cbcc_err(1, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return b.p != NULL ? b.p : xstrdup("");
}

static void
addpart(zip_t *z, const char *name, const char *data, size_t len)
{
	zip_source_t *src;

	if ((src = zip_source_buffer(z, data, len, 0)) == NULL ||
	    zip_file_add(z, name, src, ZIP_FL_OVERWRITE) == -1)
		cbcc_errx(1, "%s: %s", name, zip_strerror(z));
}

/* A package with the given sheet (and shared strings, styles). */
static void
pack(const char *out, const char *sheet, size_t sheetlen, const char *sst,
    size_t sstlen, const char *styles, size_t styleslen)
{
	static const char nosst[] = "<sst xmlns=\"http://schemas."
	    "openxmlformats.org/spreadsheetml/2006/main\"/>";
	static const char nostyles[] = "<styleSheet xmlns=\"http://schemas."
	    "openxmlformats.org/spreadsheetml/2006/main\"><cellXfs count=\"1\">"
	    "<xf numFmtId=\"0\"/></cellXfs></styleSheet>";
	zip_t *z;
	int e;

	remove(out);
	if ((z = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &e)) == NULL)
		cbcc_errx(1, "%s: cannot create", out);
	addpart(z, "[Content_Types].xml", ctypes, strlen(ctypes));
	addpart(z, "_rels/.rels", rootrels, strlen(rootrels));
	addpart(z, "xl/workbook.xml", workbook, strlen(workbook));
	addpart(z, "xl/_rels/workbook.xml.rels", wbrels, strlen(wbrels));
	addpart(z, "xl/worksheets/sheet1.xml", sheet, sheetlen);
	addpart(z, "xl/sharedStrings.xml", sst ? sst : nosst,
	    sst ? sstlen : strlen(nosst));
	addpart(z, "xl/styles.xml", styles ? styles : nostyles,
	    styles ? styleslen : strlen(nostyles));
	if (zip_close(z) == -1)
		cbcc_errx(1, "%s: %s", out, zip_strerror(z));
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

/* Patch the uncompressed size of every entry named name in the ZIP. */
static void
patchsize(const char *path, const char *name, uint32_t size)
{
	unsigned char *p;
	size_t len, i, nl = strlen(name);
	FILE *fp;

	p = (unsigned char *)slurp(path, &len);
	for (i = 0; i + 46 + nl <= len; i++) {
		if (memcmp(p + i, "PK\x03\x04", 4) == 0 && i + 30 + nl <= len &&
		    p[i + 26] == nl && memcmp(p + i + 30, name, nl) == 0)
			put32(p + i + 22, size);
		if (memcmp(p + i, "PK\x01\x02", 4) == 0 && p[i + 28] == nl &&
		    memcmp(p + i + 46, name, nl) == 0)
			put32(p + i + 24, size);
	}
	if ((fp = fopen(path, "wb")) == NULL || fwrite(p, 1, len, fp) != len ||
	    fclose(fp) != 0)
		cbcc_err(1, "%s", path);
	free(p);
}

/* A 128-byte OLE2 directory entry. */
static void
direntry(unsigned char *d, const char *name, int type, uint32_t child,
    uint32_t right, uint32_t start, uint32_t size)
{
	size_t i, n = strlen(name);

	memset(d, 0, 128);
	for (i = 0; i < n; i++)
		d[2 * i] = (unsigned char)name[i];
	d[64] = (unsigned char)(2 * (n + 1));
	d[66] = (unsigned char)type;	/* 1 storage, 2 stream, 5 root */
	d[67] = 1;			/* black */
	put32(d + 68, 0xFFFFFFFF);	/* left */
	put32(d + 72, right);
	put32(d + 76, child);
	put32(d + 116, start);
	put32(d + 120, size);
}

/*
 * An OLE2 compound file (version 3, 512-byte sectors) holding the two
 * streams of an encrypted package, each 4096 bytes (so in the main FAT):
 * sector 0 the FAT, 1 the directory, 2-9 EncryptionInfo, 10-17
 * EncryptedPackage.
 */
static void
encrypted(const char *out)
{
	unsigned char f[512 * 19];
	size_t i;
	FILE *fp;

	memset(f, 0, sizeof(f));
	memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	f[24] = 0x3E;			/* minor version */
	f[26] = 3;			/* major version */
	f[28] = 0xFE, f[29] = 0xFF;	/* little-endian */
	f[30] = 9;			/* 512-byte sectors */
	f[32] = 6;			/* 64-byte mini sectors */
	put32(f + 44, 1);		/* FAT sectors */
	put32(f + 48, 1);		/* first directory sector */
	put32(f + 56, 4096);		/* mini stream cutoff */
	put32(f + 60, 0xFFFFFFFE);	/* no mini FAT */
	put32(f + 68, 0xFFFFFFFE);	/* no DIFAT sectors */
	put32(f + 76, 0);		/* DIFAT[0]: the FAT is sector 0 */
	for (i = 1; i < 109; i++)
		put32(f + 76 + 4 * i, 0xFFFFFFFF);
	/* The FAT. */
	for (i = 0; i < 128; i++)
		put32(f + 512 + 4 * i, 0xFFFFFFFF);
	put32(f + 512, 0xFFFFFFFD);	/* sector 0: FAT */
	put32(f + 512 + 4, 0xFFFFFFFE);	/* sector 1: directory, end */
	for (i = 2; i < 18; i++)
		put32(f + 512 + 4 * i, i == 9 || i == 17 ? 0xFFFFFFFE :
		    (uint32_t)i + 1);
	/* The directory. */
	direntry(f + 1024, "Root Entry", 5, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0);
	direntry(f + 1024 + 128, "EncryptionInfo", 2, 0xFFFFFFFF, 2, 2, 4096);
	direntry(f + 1024 + 256, "EncryptedPackage", 2, 0xFFFFFFFF,
	    0xFFFFFFFF, 10, 4096);
	for (i = 3; i < 4; i++)
		direntry(f + 1024 + 128 * i, "", 0, 0xFFFFFFFF, 0xFFFFFFFF, 0,
		    0);
	memset(f + 1024 + 384, 0, 128);
	for (i = 512 * 3; i < sizeof(f); i++)
		f[i] = (unsigned char)(i * 7);
	if ((fp = fopen(out, "wb")) == NULL ||
	    fwrite(f, 1, 512 * 19, fp) != 512 * 19 || fclose(fp) != 0)
		cbcc_err(1, "%s", out);
}

/* Parse "A4:B5" into rows and columns from 0. */
static void
range(const char *s, unsigned *r1, unsigned *c1, unsigned *r2,
    unsigned *c2)
{
	char a[8], b[8];
	unsigned ra, rb;

	if (sscanf(s, "%7[A-Z]%u:%7[A-Z]%u", a, &ra, b, &rb) != 4 ||
	    strlen(a) != 1 || strlen(b) != 1)
		usage();
	*c1 = (unsigned)(a[0] - 'A');
	*c2 = (unsigned)(b[0] - 'A');
	*r1 = ra - 1;
	*r2 = rb - 1;
}

/* The cells of one sheet, kept for the merged ranges. */
struct cell {
	unsigned	 row, col;
	char		*text;
};

int
main(int argc, char *argv[])
{
	const char *merges[MAXM], *names[MAXM];
	size_t nm = 0, nn = 0, i, j, ncell, len, l2, l3;
	struct cell *cells;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *datef;
	struct rec_reader *r;
	struct rec rec;
	struct buf b = { 0 };
	char sname[32], *s1, *s2, *s3;
	unsigned r1, c1, r2, c2;
	int d, m, y, k;

	cbcc_init("mkxlsx-tool");
	if (argc >= 3 && strcmp(argv[1], "--pack") == 0) {
		if (argc < 4 || argc > 6)
			usage();
		s1 = slurp(argv[3], &len);
		s2 = argc > 4 ? slurp(argv[4], &l2) : NULL;
		s3 = argc > 5 ? slurp(argv[5], &l3) : NULL;
		pack(argv[2], s1, len, s2, s2 ? l2 : 0, s3, s3 ? l3 : 0);
		free(s1);
		free(s2);
		free(s3);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "--empty-rows") == 0) {
		unsigned long n = strtoul(argv[3], NULL, 10), row;

		buf_adds(&b, "<worksheet xmlns=\"http://schemas.openxmlformats"
		    ".org/spreadsheetml/2006/main\"><sheetData>");
		for (row = 1; row <= n; row++)
			buf_printf(&b, "<row r=\"%lu\"/>", row);
		buf_adds(&b, "</sheetData></worksheet>");
		pack(argv[2], b.p, b.len, NULL, 0, NULL, 0);
		buf_free(&b);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--bomb") == 0) {
		buf_adds(&b, "<worksheet xmlns=\"http://schemas.openxmlformats"
		    ".org/spreadsheetml/2006/main\"><sheetData>");
		buf_adds(&b, "</sheetData></worksheet>");
		pack(argv[2], b.p, b.len, NULL, 0, NULL, 0);
		buf_free(&b);
		/* 0xFFFFFFFF would mean ZIP64; just under it, times 4. */
		patchsize(argv[2], "xl/worksheets/sheet1.xml", 0xFFFFFFF0U);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--encrypted") == 0) {
		encrypted(argv[2]);
		return 0;
	}
	while ((k = getopt(argc, argv, "m:s:")) != -1)
		switch (k) {
		case 'm':
			if (nm == MAXM)
				usage();
			merges[nm++] = optarg;
			break;
		case 's':
			if (nn == MAXM)
				usage();
			names[nn++] = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage();
	if ((wb = workbook_new(argv[0])) == NULL)
		cbcc_errx(1, "%s: cannot create", argv[0]);
	datef = workbook_add_format(wb);
	format_set_num_format(datef, "dd/mm/yyyy");
	for (i = 1; i < (size_t)argc; i++) {
		snprintf(sname, sizeof(sname), "Sheet%zu", i);
		ws = workbook_add_worksheet(wb, i - 1 < nn ? names[i - 1] :
		    sname);
		if (ws == NULL)
			cbcc_errx(1, "bad sheet name");
		if ((r = rec_open(argv[i])) == NULL)
			cbcc_err(1, "%s", argv[i]);
		rec_set_delim(r, ',');
		cells = NULL;
		ncell = 0;
		while (rec_next(r, &rec) > 0)
			for (j = 0; j < rec.nf; j++) {
				const char *t = rec.f[j].p;
				lxw_row_t row = (lxw_row_t)(rec.line - 1);
				lxw_col_t col = (lxw_col_t)j;

				if (*t == '\0')
					continue;
				cells = xreallocarray(cells, ncell + 1,
				    sizeof(*cells));
				cells[ncell].row = row;
				cells[ncell].col = col;
				cells[ncell++].text = xstrdup(t);
				if (sscanf(t, "%2d/%2d/%4d", &d, &m, &y) == 3 &&
				    strlen(t) == 10) {
					lxw_datetime dt = { y, m, d, 0, 0, 0 };

					worksheet_write_datetime(ws, row, col,
					    &dt, datef);
				} else if (isnumber(t))
					worksheet_write_number(ws, row, col,
					    strtod(t, NULL), NULL);
				else
					worksheet_write_string(ws, row, col, t,
					    NULL);
			}
		rec_close(r);
		for (j = 0; j < nm; j++) {
			const char *t = "";

			range(merges[j], &r1, &c1, &r2, &c2);
			for (k = 0; k < (int)ncell; k++)
				if (cells[k].row == r1 && cells[k].col == c1)
					t = cells[k].text;
			worksheet_merge_range(ws, r1, (lxw_col_t)c1, r2,
			    (lxw_col_t)c2, t, NULL);
		}
		for (j = 0; j < ncell; j++)
			free(cells[j].text);
		free(cells);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		cbcc_errx(1, "%s: cannot write", argv[0]);
	return 0;
}
