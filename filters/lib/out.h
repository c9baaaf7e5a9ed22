/*
 * out.h - the one writer of the record stream: csv, tsv or jsonl.
 *
 * CSV is RFC 4180 with minimal quoting (a field is quoted only when it holds
 * the delimiter, a quote, CR or LF), LF line ends.  TSV is the same with a
 * tab.  JSONL is one object per record, keys = header names; columns marked
 * numeric are written as JSON numbers (null when empty).  With excel set,
 * the output suits a spreadsheet: a BOM, CRLF line ends, and any cell that
 * starts with = + - @ (a formula to Excel) prefixed with a quote mark,
 * but for a negative number (-12, -60.5), which stays a number.
 *
 * out_xmlsafe is for the writers of XML and HTML (and anything that must
 * parse as such): text with only the characters XML 1.0 allows.
 */
#ifndef OUT_H
#define OUT_H

#include <stdio.h>

#include "cbcc.h"
#include "rec.h"

enum { FMT_CSV, FMT_TSV, FMT_JSONL };

struct out;

int	 out_format(const char *);
struct out *out_open(FILE *, const char *name, int fmt);
void	 out_set_excel(struct out *, int);
void	 out_header(struct out *, size_t n, const char *const *names);
void	 out_header_fields(struct out *, const struct field *, size_t);
void	 out_numeric(struct out *, size_t col, int);
void	 out_field(struct out *, const char *p, size_t len);
void	 out_str(struct out *, const char *s);
void	 out_bufs(struct out *, const struct buf *, size_t);
void	 out_plain(struct out *, const struct field *, size_t, int delim);
void	 out_end(struct out *);
void	 out_row(struct out *, const struct field *, size_t);
int	 out_close(struct out *);

#define OUT_XML_LINE	0x1	/* out_xmlsafe: line breaks, tabs as spaces */

size_t	 out_xmlsafe(struct buf *, const char *, size_t, int flags);

#endif /* OUT_H */
