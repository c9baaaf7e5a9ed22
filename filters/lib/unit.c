/*
 * unit.c - names of administrative units (see unit.h).
 */
#include <string.h>

#include "cbcc.h"
#include "text.h"
#include "unit.h"

/* The matching key of p[0..len), in place of what k held. */
static void
keyof(struct buf *k, const char *p, size_t len)
{
	buf_reset(k);
	unit_key(k, p, len);
}

/* Unit-name prefixes, as keys, and their written form. */
static const struct prefix {
	const char	*key;
	const char	*full;
} prefixes[] = {
	{ "tp", "Thành phố" }, { "thanh pho", "Thành phố" },
	{ "tx", "Thị xã" }, { "thi xa", "Thị xã" },
	{ "tt", "Thị trấn" }, { "thi tran", "Thị trấn" },
	{ "h", "Huyện" }, { "huyen", "Huyện" },
	{ "x", "Xã" }, { "xa", "Xã" },
	{ "p", "Phường" }, { "phuong", "Phường" },
	{ "quan", "Quận" }, { "tinh", "Tỉnh" },
};

/*
 * The prefix of a unit named without one, where the name tells: a province
 * is a tỉnh but for the five centrally-run cities; the district-level units
 * of Điện Biên (DOMAIN.md section 6, the GSO list) are known by name.
 */
static const struct bare {
	int		 col;
	const char	*key;
	const char	*full;
} bares[] = {
	{ UNIT_PROVINCE, "ha noi", "Thành phố" },
	{ UNIT_PROVINCE, "ho chi minh", "Thành phố" },
	{ UNIT_PROVINCE, "hai phong", "Thành phố" },
	{ UNIT_PROVINCE, "da nang", "Thành phố" },
	{ UNIT_PROVINCE, "can tho", "Thành phố" },
	{ UNIT_PROVINCE, NULL, "Tỉnh" },
	{ UNIT_DISTRICT, "dien bien phu", "Thành phố" },
	{ UNIT_DISTRICT, "muong lay", "Thị xã" },
	{ UNIT_DISTRICT, "muong nhe", "Huyện" },
	{ UNIT_DISTRICT, "muong cha", "Huyện" },
	{ UNIT_DISTRICT, "tua chua", "Huyện" },
	{ UNIT_DISTRICT, "tuan giao", "Huyện" },
	{ UNIT_DISTRICT, "dien bien", "Huyện" },
	{ UNIT_DISTRICT, "dien bien dong", "Huyện" },
	{ UNIT_DISTRICT, "muong ang", "Huyện" },
	{ UNIT_DISTRICT, "nam po", "Huyện" },
};

/*
 * Whether the first wlen bytes of clean text v[0..len) in unit column c,
 * whose key is that of a prefix, may be the prefix whose written form is
 * full.  An abbreviation (TT, X, TP) may; the type word in full counts as
 * written with its diacritics ("Xã", "XÃ"), not as "Xa" or "Xá": Xa Dung
 * and Xá Nhè are communes.  Only a district or province name written
 * wholly without diacritics ("Huyen Dien Bien") is taken at its key.
 */
static int
fullword(int c, const char *v, size_t len, size_t wlen, const char *full)
{
	struct buf a = { 0 }, b = { 0 };
	int ok;

	keyof(&a, full, strlen(full));
	keyof(&b, v, wlen);
	if (strcmp(a.p, b.p) != 0)
		ok = 1;		/* an abbreviation */
	else if (c != UNIT_COMMUNE && text_ascii(v, len))
		ok = 1;
	else {
		buf_reset(&a);
		buf_reset(&b);
		text_lower(&a, full, strlen(full));
		text_lower(&b, v, wlen);
		ok = a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
	}
	buf_free(&a);
	buf_free(&b);
	return ok;
}

/*
 * Append the canonical name of clean text v in unit column c
 * (UNIT_PROVINCE, UNIT_DISTRICT, UNIT_COMMUNE): an abbreviated prefix (TP.
 * TX. TT. H. X. P., with or without the dot) written out, the name in
 * title case: "TP. điện biên phủ" and "THÀNH PHỐ ĐIỆN BIÊN PHỦ" both give
 * "Thành phố Điện Biên Phủ".  A name without a prefix gets the one of the
 * table above, if any; an empty name appends nothing.
 */
void
unit_name(struct buf *out, int c, const char *v, size_t len)
{
	struct buf k = { 0 }, low = { 0 };
	const char *rest = v, *e = v + len, *w;
	size_t i, j, plen;
	int up;

	if (len == 0)
		return;
	/* The prefix is one or two words, or letters before a dot. */
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		const char *q = v;
		int words = strchr(prefixes[i].key, ' ') != NULL ? 2 : 1;

		for (j = 0; j < (size_t)words; j++) {
			while (q < e && *q != ' ' && *q != '.')
				q++;
			if (j + 1 < (size_t)words && q < e && *q == ' ')
				q++;
		}
		if (q == e || (strlen(prefixes[i].key) <= 2 && *q != '.' &&
		    *q != ' '))
			continue;
		keyof(&k, v, (size_t)(q - v));
		if (strcmp(k.p, prefixes[i].key) != 0 ||
		    !fullword(c, v, len, (size_t)(q - v), prefixes[i].full))
			continue;
		/* A bare one-letter word is a prefix only before a name. */
		while (q < e && (*q == '.' || *q == ' '))
			q++;
		if (q == e)
			continue;
		buf_adds(out, prefixes[i].full);
		buf_addc(out, ' ');
		rest = q;
		break;
	}
	if (rest == v) {
		keyof(&k, v, len);
		for (i = 0; i < sizeof(bares) / sizeof(bares[0]); i++)
			if (bares[i].col == c && (bares[i].key == NULL ||
			    strcmp(bares[i].key, k.p) == 0)) {
				buf_adds(out, bares[i].full);
				buf_addc(out, ' ');
				break;
			}
	}
	/* Title case: each word's first letter up, the rest down. */
	text_lower(&low, rest, (size_t)(e - rest));
	for (w = low.p, up = 1; w < low.p + low.len; w += plen) {
		plen = 1;
		if ((unsigned char)*w >= 0x80) {
			while (w + plen < low.p + low.len &&
			    ((unsigned char)w[plen] & 0xC0) == 0x80)
				plen++;
		}
		if (up && *w != ' ') {
			text_upper(out, w, plen);
			up = 0;
		} else
			buf_add(out, w, plen);
		if (*w == ' ' || *w == '-' || *w == '(')
			up = 1;
	}
	buf_free(&k);
	buf_free(&low);
}

/*
 * Append the canonical name of any UTF-8 text v[0..len) in unit column c:
 * text_clean (white space, NFC, one tone placement), then unit_name.  A
 * blank name appends nothing.
 */
void
unit_canon(struct buf *out, int c, const char *v, size_t len)
{
	struct buf clean = { 0 };

	text_clean(&clean, v, len);
	if (clean.len > 0)
		unit_name(out, c, clean.p, clean.len);
	buf_free(&clean);
}

/*
 * The type word of canonical unit name p[0..len) as unit_name writes it
 * ("Xã", "Phường", "Thị trấn", "Huyện", "Thành phố" ...), or NULL when the
 * name has none; *barep gets the offset of the name after it (0 without).
 */
const char *
unit_type(const char *p, size_t len, size_t *barep)
{
	size_t i, n;

	*barep = 0;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i].full);
		if (len > n + 1 && memcmp(p, prefixes[i].full, n) == 0 &&
		    p[n] == ' ') {
			*barep = n + 1;
			return prefixes[i].full;
		}
	}
	return NULL;
}

/*
 * Append the folding key of unit name p[0..len) (text_key: no case, no
 * diacritics, đ as d, punctuation as spaces): "Si Pa Phìn", "Si-pa-phin"
 * and "SI PA PHÌN" have one key.
 */
void
unit_key(struct buf *k, const char *p, size_t len)
{
	text_key(k, p, len, TEXT_KEY_PUNCT);
	buf_add(k, "", 0);	/* an empty key is "", not NULL */
}

/* The type words a unit's name may start with, and the level they name. */
static const struct typeword {
	const char	*low;		/* written, in lower case */
	int		 words;		/* how many words */
	int		 level;		/* UNIT_*; -2: a thành phố */
	int		 dot;		/* an abbreviation: 1 needs its dot */
} typewords[] = {
	{ "xã", 1, UNIT_COMMUNE, 0 }, { "phường", 1, UNIT_COMMUNE, 0 },
	{ "thị trấn", 2, UNIT_COMMUNE, 0 }, { "huyện", 1, UNIT_DISTRICT, 0 },
	{ "quận", 1, UNIT_DISTRICT, 0 }, { "thị xã", 2, UNIT_DISTRICT, 0 },
	{ "thành phố", 2, -2, 0 }, { "tỉnh", 1, UNIT_PROVINCE, 0 },
	{ "tt", 1, UNIT_COMMUNE, 0 }, { "tx", 1, UNIT_DISTRICT, 0 },
	{ "tp", 1, -2, 0 }, { "x", 1, UNIT_COMMUNE, 1 },
	{ "p", 1, UNIT_COMMUNE, 1 }, { "h", 1, UNIT_DISTRICT, 1 },
};

/*
 * The level of the unit that clean text v[0..len) names with its type
 * word in front ("Xã Mường Phăng", "TT. Tủa Chùa", "huyện Điện Biên", "TP
 * Điện Biên Phủ"): UNIT_COMMUNE, UNIT_DISTRICT or UNIT_PROVINCE; -1 if it
 * starts with no type word, or nothing follows it.  A type word written
 * with diacritics must carry the right ones ("Phương Thị Lan" is a person,
 * not a phường); one-letter abbreviations need their dot (X. P. H.).  A
 * thành phố is a province when it is one of the centrally-run cities,
 * else a district.
 */
int
unit_level(const char *v, size_t len)
{
	struct buf low = { 0 }, k = { 0 };
	const char *p, *e;
	size_t i, j, wl;
	int level = -1;

	text_lower(&low, v, len);
	e = low.p + low.len;
	for (i = 0; level == -1 && i < sizeof(typewords) /
	    sizeof(typewords[0]); i++) {
		const struct typeword *t = &typewords[i];

		/* The first t->words words, cut at a space or a dot. */
		for (p = low.p, j = 0; j < (size_t)t->words; j++) {
			while (p < e && *p != ' ' && *p != '.')
				p++;
			if (j + 1 < (size_t)t->words && p < e && *p == ' ')
				p++;
		}
		wl = (size_t)(p - low.p);
		if (p == e || (t->dot && *p != '.'))
			continue;
		if (text_ascii(low.p, wl)) {
			keyof(&k, t->low, strlen(t->low));
			if (wl != k.len || memcmp(low.p, k.p, wl) != 0)
				continue;
		} else if (wl != strlen(t->low) || memcmp(low.p, t->low, wl) != 0)
			continue;
		while (p < e && (*p == '.' || *p == ' '))
			p++;
		if (p == e)
			continue;
		level = t->level;
		if (level != -2)
			break;
		keyof(&k, p, (size_t)(e - p));
		level = UNIT_DISTRICT;
		for (j = 0; j < sizeof(bares) / sizeof(bares[0]); j++)
			if (bares[j].col == UNIT_PROVINCE && bares[j].key !=
			    NULL && strcmp(bares[j].key, k.p) == 0)
				level = UNIT_PROVINCE;
	}
	buf_free(&low);
	buf_free(&k);
	return level;
}
