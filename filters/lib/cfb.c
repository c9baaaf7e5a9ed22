/*
 * cfb.c - the streams of an OLE2 compound file, bounds-checked (see
 * cfb.h).
 *
 * The layout ([MS-CFB] 2.2-2.6): a 512-byte header, then sectors of 512
 * (version 3) or 4,096 bytes (version 4; the header then fills sector
 * -1), sector s at byte (s + 1) * size.  The FAT gives each sector the
 * next one of its chain; the sectors of the FAT are listed in the header
 * (109 of them) and then in a chain of DIFAT sectors.  The directory is a
 * chain of 128-byte entries, entry 0 the root storage, the entries of a
 * storage a binary tree under its child.  A stream smaller than the
 * cutoff (4,096 bytes) lives in the mini stream, in 64-byte mini sectors
 * chained by the mini FAT; the mini stream is the root entry's chain.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cbcc.h"
#include "cfb.h"

#define MAXREGSECT	0xFFFFFFFAU	/* the largest sector number */
#define ENDOFCHAIN	0xFFFFFFFEU	/* the end of a chain */
#define FREESECT	0xFFFFFFFFU	/* an unused sector */
#define NOSTREAM	0xFFFFFFFFU	/* no directory entry */
#define UNKNOWN		SIZE_MAX	/* a chain's length is not known */
#define DIRENT		128		/* bytes of a directory entry */

/* Sectors of one size in one run of bytes, and their chains. */
struct space {
	const unsigned char *p;		/* the bytes */
	size_t		 len;		/* how many */
	size_t		 first;		/* where sector 0 starts */
	size_t		 size;		/* bytes of a sector */
	size_t		 nsec;		/* sectors there (the last may be short) */
	const uint32_t	*next;		/* the next sector of each */
	size_t		 nnext;		/* entries in next */
};

struct cfb {
	unsigned char	*f;		/* the file */
	size_t		 flen;		/* its length */
	int		 v4;		/* version 4: 64-bit stream sizes */
	uint32_t	 cutoff;	/* smaller streams are in the mini stream */
	struct space	 main;		/* the file's sectors and the FAT */
	uint32_t	*fat;		/* the FAT */
	struct buf	 dir;		/* the directory */
	size_t		 ndir;		/* its entries */
	int		 miniread;	/* mini stream and mini FAT read */
	const char	*minierr;	/* and what was wrong with them */
	struct space	 mini;		/* the mini stream and the mini FAT */
	struct buf	 ministream;	/* the mini stream */
	struct buf	 minifat;	/* the mini FAT, as bytes */
	uint32_t	*minitab;	/* and as numbers */
	unsigned char	*seen;		/* per sector, entry: met on this walk */
	size_t		 nseen;		/* room in seen */
};

/* The little-endian 32-bit number at p. */
static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Directory entry e (less than c->ndir). */
static const unsigned char *
entry(const struct cfb *c, size_t e)
{
	return (const unsigned char *)c->dir.p + e * DIRENT;
}

/* A fresh "met" mark for n sectors or entries. */
static unsigned char *
seen(struct cfb *c, size_t n)
{
	if (n >= c->nseen) {
		free(c->seen);
		c->seen = xmalloc(n + 1);	/* never NULL, n may be 0 */
		c->nseen = n + 1;
	}
	memset(c->seen, 0, n);
	return c->seen;
}

/*
 * The space of sectors of size bytes in p[0..len), sector 0 at first,
 * chained by next[0..nnext).
 */
static void
space(struct space *sp, const unsigned char *p, size_t len, size_t first,
    size_t size, const uint32_t *next, size_t nnext)
{
	sp->p = p;
	sp->len = len;
	sp->first = first;
	sp->size = size;
	sp->nsec = len > first ? (len - first + size - 1) / size : 0;
	sp->next = next;
	sp->nnext = nnext;
}

/*
 * Append the chain of sp that starts at sector s to b, up to want bytes
 * (UNKNOWN: to its end).  NULL, or what is wrong with it.
 */
static const char *
chain(struct cfb *c, const struct space *sp, uint32_t s, size_t want,
    struct buf *b)
{
	unsigned char *met = seen(c, sp->nsec);
	size_t off, avail, rem, start = b->len;

	for (;;) {
		rem = want == UNKNOWN ? UNKNOWN : want - (b->len - start);
		if (rem == 0)
			return NULL;
		if (s == ENDOFCHAIN)
			return NULL;	/* short of its size: what it holds */
		if (s > MAXREGSECT)
			return "a chain of sectors is broken";
		if (s >= sp->nsec)
			return "a chain of sectors runs past the end of the "
			    "file (a truncated file?)";
		if (met[s])
			return "a chain of sectors runs in a loop";
		met[s] = 1;
		off = sp->first + (size_t)s * sp->size;
		avail = sp->len - off < sp->size ? sp->len - off : sp->size;
		if (avail < sp->size && avail < rem && want != UNKNOWN)
			return "the file is truncated";
		buf_add(b, sp->p + off, avail < rem ? avail : rem);
		if (b->len - start == want)
			return NULL;
		if (s >= sp->nnext)
			return "a chain of sectors leaves the allocation table";
		s = sp->next[s];
	}
}

/* The numbers of the FAT's sectors, from the header and the DIFAT. */
static const char *
fatsectors(struct cfb *c, uint32_t **list, size_t *n)
{
	const unsigned char *h = c->f;
	size_t per = c->main.size / 4, i, k, cap = 0;
	unsigned char *met;
	uint32_t d, s;

	*list = NULL;
	*n = 0;
	met = seen(c, c->main.nsec);
	for (d = 0, k = 0;; k++) {
		const unsigned char *p;
		size_t m;

		if (k == 0) {
			p = h + 76;
			m = 109;
		} else {
			if (k == 1)
				d = get32(h + 68);
			else
				d = get32(c->f + c->main.first +
				    (size_t)d * c->main.size + 4 * (per - 1));
			/* No more DIFAT sectors; FREESECT is met too. */
			if (d == ENDOFCHAIN || d == FREESECT ||
			    (k == 1 && d == 0 && get32(h + 72) == 0))
				break;
			if (d >= c->main.nsec || d > MAXREGSECT ||
			    c->main.first + ((size_t)d + 1) * c->main.size >
			    c->flen)
				return "its list of allocation-table sectors "
				    "runs past the end of the file (a "
				    "truncated file?)";
			if (met[d])
				return "its list of allocation-table sectors "
				    "runs in a loop";
			met[d] = 1;
			p = c->f + c->main.first + (size_t)d * c->main.size;
			m = per - 1;
		}
		for (i = 0; i < m; i++) {
			s = get32(p + 4 * i);
			if (s == FREESECT || s == ENDOFCHAIN)
				continue;
			if (s >= c->main.nsec)
				return "its allocation table lies past the end "
				    "of the file (a truncated file?)";
			if (*n == c->main.nsec)
				return "its allocation table is larger than "
				    "the file";
			if (*n == cap) {
				cap = cap ? 2 * cap : 128;
				*list = xreallocarray(*list, cap,
				    sizeof(**list));
			}
			(*list)[(*n)++] = s;
		}
	}
	return NULL;
}

/* Read the FAT of c. */
static const char *
readfat(struct cfb *c)
{
	size_t per = c->main.size / 4, n, i, j, off;
	uint32_t *list;
	const char *why;

	if ((why = fatsectors(c, &list, &n)) != NULL) {
		free(list);
		return why;
	}
	if (n == 0) {
		free(list);
		return "it has no allocation table";
	}
	c->fat = xreallocarray(NULL, n, per * sizeof(uint32_t));
	for (i = 0; i < n; i++) {
		off = c->main.first + (size_t)list[i] * c->main.size;
		for (j = 0; j < per; j++)
			c->fat[i * per + j] = off + 4 * (j + 1) <= c->flen ?
			    get32(c->f + off + 4 * j) : FREESECT;
	}
	free(list);
	c->main.next = c->fat;
	c->main.nnext = n * per;
	return NULL;
}

/* The header, FAT and directory of the file read into c. */
static const char *
load(struct cfb *c)
{
	const unsigned char *h = c->f;
	unsigned shift;
	const char *why;

	if (c->flen < 512 ||
	    memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) != 0)
		return "not an OLE2 compound file";
	if (h[28] != 0xFE || h[29] != 0xFF)
		return "its header is damaged (byte order mark)";
	shift = (unsigned)h[30] | (unsigned)h[31] << 8;
	if (shift != 9 && shift != 12)
		return "its header is damaged (sector size)";
	if (h[32] != 6 || h[33] != 0)
		return "its header is damaged (mini sector size)";
	c->v4 = shift == 12;
	space(&c->main, c->f, c->flen, (size_t)1 << shift, (size_t)1 << shift,
	    NULL, 0);
	c->cutoff = get32(h + 56);
	if ((why = readfat(c)) != NULL)
		return why;
	if ((why = chain(c, &c->main, get32(h + 48), UNKNOWN, &c->dir)) !=
	    NULL)
		return why;
	c->ndir = c->dir.len / DIRENT;
	if (c->ndir == 0 || entry(c, 0)[66] != 5)
		return "its directory has no root entry";
	return NULL;
}

struct cfb *
cfb_open(const char *path, size_t maxsize, const char **why)
{
	struct cfb *c;
	struct stat st;
	size_t got = 0;
	ssize_t k;
	int fd, e;

	*why = NULL;
	if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > maxsize) {
		close(fd);
		*why = "the file is larger than a workbook is read (256 MiB)";
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->flen = (size_t)st.st_size;
	c->f = xmalloc(c->flen + 1);
	while (got < c->flen) {
		if ((k = read(fd, c->f + got, c->flen - got)) == -1) {
			if (errno == EINTR)
				continue;
			e = errno;
			close(fd);
			cfb_close(c);
			errno = e;
			return NULL;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	c->flen = got;
	if ((*why = load(c)) != NULL) {
		cfb_close(c);
		return NULL;
	}
	return c;
}

/* Whether directory entry e is named name, ignoring ASCII case. */
static int
named(const unsigned char *e, const char *name)
{
	size_t nl = (size_t)e[64] | (size_t)e[65] << 8, i, k = strlen(name);
	unsigned u;

	if (nl > 64 || nl < 2 || nl / 2 - 1 != k)
		return 0;
	for (i = 0; i < k; i++) {
		u = (unsigned)e[2 * i] | (unsigned)e[2 * i + 1] << 8;
		if (u >= 128 || tolower((int)u) !=
		    tolower((unsigned char)name[i]))
			return 0;
	}
	return 1;
}

/*
 * The entry of the root storage's tree named name: its number, or -1 if
 * none, -2 if the tree is damaged (*why set).
 */
static long
find(struct cfb *c, const char *name, const char **why)
{
	unsigned char *met = seen(c, c->ndir);
	uint32_t *stack, e;
	size_t n = 0;
	long found = -1;
	const unsigned char *d;

	/* Each entry met pops one and pushes two: ndir + 1 at most. */
	stack = xreallocarray(NULL, c->ndir + 2, sizeof(*stack));
	stack[n++] = get32(entry(c, 0) + 76);
	while (n > 0 && found == -1) {
		if ((e = stack[--n]) == NOSTREAM)
			continue;
		if (e >= c->ndir || e == 0 || met[e]) {
			*why = "its directory is damaged";
			found = -2;
			break;
		}
		met[e] = 1;
		d = entry(c, (size_t)e);
		if (named(d, name))
			found = e;
		stack[n++] = get32(d + 68);
		stack[n++] = get32(d + 72);
	}
	free(stack);
	return found;
}

int
cfb_has(struct cfb *c, const char *name, const char **why)
{
	long e = find(c, name, why);

	return e == -2 ? -1 : e >= 0;
}

/* Read the mini stream and the mini FAT, once. */
static const char *
readmini(struct cfb *c)
{
	const unsigned char *root = entry(c, 0);
	const char *why;
	size_t i, size;
	uint32_t start;

	if (c->miniread)
		return c->minierr;
	c->miniread = 1;
	size = get32(root + 120);
	if (size > c->flen)
		return c->minierr = "its mini stream is larger than the file";
	if ((why = chain(c, &c->main, get32(root + 116), size,
	    &c->ministream)) != NULL)
		return c->minierr = why;
	/* No mini FAT: ENDOFCHAIN, and FREESECT is met too. */
	if ((start = get32(c->f + 60)) == FREESECT)
		start = ENDOFCHAIN;
	if ((why = chain(c, &c->main, start, UNKNOWN, &c->minifat)) != NULL)
		return c->minierr = why;
	c->minitab = xreallocarray(NULL, c->minifat.len / 4 + 1,
	    sizeof(uint32_t));
	for (i = 0; i < c->minifat.len / 4; i++)
		c->minitab[i] = get32((unsigned char *)c->minifat.p + 4 * i);
	space(&c->mini, (unsigned char *)c->ministream.p, c->ministream.len,
	    0, 64, c->minitab, c->minifat.len / 4);
	return NULL;
}

int
cfb_stream(struct cfb *c, const char *name, unsigned char **data,
    size_t *len, const char **why)
{
	struct buf b = { 0 };
	const unsigned char *d;
	uint64_t size;
	long e;

	*data = NULL;
	*len = 0;
	if ((e = find(c, name, why)) < 0)
		return e == -1 ? 0 : -1;
	d = entry(c, (size_t)e);
	if (d[66] != 2)
		return 0;	/* a storage */
	size = get32(d + 120);
	if (c->v4)
		size |= (uint64_t)get32(d + 124) << 32;
	if (size > c->flen) {
		*why = "a stream is larger than the file (a truncated file?)";
		return -1;
	}
	if (size < c->cutoff) {
		if ((*why = readmini(c)) == NULL)
			*why = chain(c, &c->mini, get32(d + 116), (size_t)size,
			    &b);
	} else
		*why = chain(c, &c->main, get32(d + 116), (size_t)size, &b);
	if (*why != NULL) {
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*data = b.p != NULL ? (unsigned char *)b.p : xcalloc(1, 1);
	return 1;
}

void
cfb_close(struct cfb *c)
{
	if (c == NULL)
		return;
	free(c->f);
	free(c->fat);
	buf_free(&c->dir);
	buf_free(&c->ministream);
	buf_free(&c->minifat);
	free(c->minitab);
	free(c->seen);
	free(c);
}
