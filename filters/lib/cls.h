/*
 * cls.h - free-text qualifications to the level codes of SPEC section 4,
 * by rule tables (the format is in cbcc-classify-education(1)).
 *
 *	struct cls *c = cls_new();
 *	cls_load(c, "my.rules", text, len);	 (once or more)
 *	lvl = cls_match(c, lvl_find("education", 9), p, len);
 *	    (a rank in the dimension's codes, or -1: unknown)
 *
 * A cell is split into parts on ; , + / (not the one of "12/12"), line
 * breaks and the word "và"; each part is folded with text_key (case,
 * diacritics, y/i, punctuation, spacing) and scanned left to right for
 * rule phrases, whole words, the longest first.  A "studying" phrase
 * cancels the qualification after it in its part, or else the one before
 * it; "ignore" phrases consume their words and count nothing; "other"
 * phrases (a certificate of another kind: a language in the IT column)
 * cancel every qualification after them in their part, or else the one
 * before.  The highest level left counts.
 */
#ifndef CLS_H
#define CLS_H

#include <stddef.h>

#include "lvl.h"
#include "out.h"

struct cls;

struct cls	*cls_new(void);
void		 cls_load(struct cls *, const char *file, const char *text,
		    size_t len);
int		 cls_dim(const struct lvl_dim *);
const char	*cls_dimnames(const char *);
size_t		 cls_nrules(const struct cls *, const struct lvl_dim *);
int		 cls_match(struct cls *, const struct lvl_dim *, const char *,
		    size_t);
void		 cls_count(struct cls *, int);
void		 cls_hits(const struct cls *, struct out *);
void		 cls_tally(struct cls *, const struct lvl_dim *, const char *,
		    size_t);
void		 cls_unmatched(const struct cls *, struct out *);
void		 cls_free(struct cls *);

#endif /* CLS_H */
