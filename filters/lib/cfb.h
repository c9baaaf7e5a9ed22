/*
 * cfb.h - the streams of an OLE2 compound file ([MS-CFB], "Compound File
 * Binary"): the container of Excel 97-2003 workbooks, and of an .xlsx
 * saved with a password to open.
 *
 *	const char *why;
 *	struct cfb *c = cfb_open(path, CFB_MAXFILE, &why);
 *	unsigned char *p;
 *	size_t n;
 *	if (cfb_stream(c, "Workbook", &p, &n, &why) == 1)
 *		...p[0..n)...; free(p);
 *	cfb_close(c);
 *
 * The file is read whole into memory, and every number in it that says
 * where something is (a sector, the next sector of a chain, a directory
 * entry, a size) is checked against what the file holds before it is
 * used: a damaged or truncated file is a reason in words, never a read
 * outside it nor a loop.  Chains are followed sector by sector, each
 * sector at most once.  Tolerated, as readers of files from the field do:
 * a file whose length is not a whole number of sectors, free entries in
 * the list of allocation-table sectors, and a stream whose chain ends
 * before the size its directory entry gives (it is what the chain holds).
 */
#ifndef CFB_H
#define CFB_H

#include <stddef.h>

#define CFB_MAXFILE	(256UL << 20)	/* bytes, a file read into memory */

struct cfb;

/*
 * Read the compound file at path (at most maxsize bytes) and its
 * allocation tables and directory.  NULL if it cannot: *why says what is
 * wrong with it, or is NULL and errno is set when the file cannot be read.
 */
struct cfb	*cfb_open(const char *path, size_t maxsize, const char **why);

/*
 * Whether the root storage holds a stream named name (compared ignoring
 * ASCII case): 1 yes, 0 no, -1 the directory is damaged (*why set).
 */
int		 cfb_has(struct cfb *, const char *name, const char **why);

/*
 * The stream named name of the root storage, whole, into a malloc'd *data
 * of *len bytes (the caller frees it): 1; 0 if there is none; -1 if it
 * cannot be read (*why says why).
 */
int		 cfb_stream(struct cfb *, const char *name, unsigned char **data,
		    size_t *len, const char **why);

/* Free the file; NULL is ignored. */
void		 cfb_close(struct cfb *);

#endif /* CFB_H */
