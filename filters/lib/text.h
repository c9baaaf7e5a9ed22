/*
 * text.h - UTF-8 text: validation, cleaning to the canonical form, and the
 * accent-insensitive folding key used for matching (never for display).
 */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

#include "cbcc.h"

/* text_key flags */
#define TEXT_KEY_YI	0x1	/* y counts as i (sĩ/sỹ, Kỹ/Kĩ) */
#define TEXT_KEY_PUNCT	0x2	/* punctuation counts as a space */

/* What text_clean read as a space or removed (text_cleaned). */
struct text_drops {
	unsigned long	 nul;		/* NUL bytes, read as spaces */
	unsigned long	 dropped;	/* controls, format and noncharacters */
	long		 first;		/* the first of those, or -1 */
};

/*
 * Threads: text_key, text_lower, text_upper and text_snake fill tables as
 * they go and are for one thread; the others keep no state but the counts
 * of text_cleaned, which are each thread's own.
 */
int	 text_valid(const char *, size_t, size_t *badoff);
int	 text_ascii(const char *, size_t);
void	 text_nfc(struct buf *, const char *, size_t);
void	 text_addcp(struct buf *, int32_t);
void	 text_clean(struct buf *, const char *, size_t);
void	 text_cleaned(struct text_drops *);
void	 text_key(struct buf *, const char *, size_t, int flags);
void	 text_lower(struct buf *, const char *, size_t);
void	 text_upper(struct buf *, const char *, size_t);
void	 text_snake(struct buf *, const char *, size_t);
void	 text_set_fast(int);

#endif /* TEXT_H */
