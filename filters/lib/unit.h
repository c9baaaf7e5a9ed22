/*
 * unit.h - names of administrative units (tỉnh, huyện, xã): the one
 * canonical form that normalize writes and every filter matching unit
 * names compares, so that "TP. Điện Biên Phủ", "Thành phố Điện Biên Phủ"
 * and "thành phố điện biên phủ" are one unit.
 *
 *	struct buf b = { 0 };
 *	unit_name(&b, UNIT_COMMUNE, "tt. mường chà", 14);
 *	// b.p: "Thị trấn Mường Chà"
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
int	 unit_level(const char *, size_t);

#endif /* UNIT_H */
