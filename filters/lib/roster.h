/*
 * roster.h - the furniture of roster spreadsheets, told from the text of
 * a row that holds no person's data: section headings that split the
 * table ("I;CÁN BỘ", "A. CÁN BỘ CHUYÊN TRÁCH", "Xã Mường Phăng", "1. UBND
 * xã Thanh An"), total rows ("Tổng cộng"), and the signature block under
 * the table ("Người lập biểu", "Điện Biên, ngày 31 tháng 12 năm 2024").
 * Whether a row holds a person's data is the caller's to judge: it knows
 * the columns.  Every function takes clean text (text_clean).
 *
 *	struct buf unit = { 0 };
 *	switch (roster_section("I", 1, "CÁN BỘ", 9, &unit)) {
 *	case ROSTER_CAN_BO: ...the rows below are cán bộ...
 */
#ifndef ROSTER_H
#define ROSTER_H

#include <stddef.h>

#include "cbcc.h"

/* What a section heading says of the rows below it. */
enum {
	ROSTER_NONE,		/* nothing a column holds ("II. KHỐI ĐOÀN THỂ") */
	ROSTER_CAN_BO,		/* cán bộ */
	ROSTER_CONG_CHUC,	/* công chức */
	ROSTER_NOT_CBCC,	/* part-time workers, no cán bộ, công chức */
	ROSTER_PROVINCE,	/* a province: the unit's text in *unit */
	ROSTER_DISTRICT,	/* a district */
	ROSTER_COMMUNE		/* a commune */
};

/* What roster_marker finds. */
enum {
	ROSTER_NOMARK,		/* no list marker */
	ROSTER_ARABIC,		/* 1, 2., (3), 1.2 */
	ROSTER_ROMAN		/* I, II., A, b) : roman numerals and letters */
};

int	 roster_marker(const char *, size_t);
size_t	 roster_unmark(const char *, size_t, int *kind);
int	 roster_section(const char *marker, size_t mlen, const char *label,
	    size_t llen, struct buf *unit);
int	 roster_total(const char *, size_t);
int	 roster_footer(const char *, size_t);

#endif /* ROSTER_H */
