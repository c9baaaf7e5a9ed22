/*
 * unit.h - names of administrative units (tỉnh, huyện, xã): the one
 * canonical form that normalize writes and every filter matching unit
 * names compares, so that "TP. Điện Biên Phủ", "Thành phố Điện Biên Phủ"
 * and "thành phố điện biên phủ" are one unit.
 *
 *	struct buf b = { 0 }, k = { 0 };
 *	unit_name(&b, UNIT_COMMUNE, "tt. mường chà", 14);
 *	// b.p: "Thị trấn Mường Chà"
 *	t = unit_type(b.p, b.len, &bare);
 *	// t: "Thị trấn", b.p + bare: "Mường Chà"
 *	unit_key(&k, b.p + bare, b.len - bare);
 *	// k.p: "muong cha"
 *
 * unit_name wants clean text (text_clean); unit_canon cleans first, for
 * names that come from elsewhere than cbcc-normalize.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stddef.h>

#include "cbcc.h"

/* The level of a unit column. */
enum {
	UNIT_PROVINCE,		/* tỉnh, thành phố trực thuộc trung ương */
	UNIT_DISTRICT,		/* huyện, thị xã, thành phố (before 2025) */
	UNIT_COMMUNE		/* xã, phường, thị trấn */
};

void	 unit_name(struct buf *, int level, const char *, size_t);
void	 unit_canon(struct buf *, int level, const char *, size_t);
const char *unit_type(const char *, size_t, size_t *barep);
void	 unit_key(struct buf *, const char *, size_t);
int	 unit_level(const char *, size_t);

#endif /* UNIT_H */
