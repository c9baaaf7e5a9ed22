/*
 * Unit tests of unit.c: canonical unit names, their type word and key.
 * Prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "unit.h"

static int n, failed;

static void
check(const char *what, const char *in, const char *got, const char *want)
{
	n++;
	if (strcmp(got, want) == 0) {
		printf("ok %d - %s \"%s\"\n", n, what, in);
		return;
	}
	failed++;
	printf("not ok %d - %s \"%s\": got \"%s\", want \"%s\"\n", n, what,
	    in, got, want);
}

/* unit_canon of in, in column c, is want. */
static void
canon(int c, const char *in, const char *want)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	unit_canon(&b, c, in, strlen(in));
	check(c == UNIT_COMMUNE ? "commune" : c == UNIT_DISTRICT ?
	    "district" : "province", in, b.p, want);
	buf_free(&b);
}

/* The commune in, canonical, has type word type ("" none) and key want. */
static void
split(const char *in, const char *type, const char *bare, const char *key)
{
	struct buf b = { 0 }, k = { 0 };
	const char *t;
	size_t off;

	buf_adds(&b, "");
	unit_canon(&b, UNIT_COMMUNE, in, strlen(in));
	t = unit_type(b.p, b.len, &off);
	check("type", in, t != NULL ? t : "", type);
	check("bare", in, b.p + off, bare);
	unit_key(&k, b.p + off, b.len - off);
	check("key", in, k.p, key);
	buf_free(&b);
	buf_free(&k);
}

int
main(void)
{
	/* Type words, abbreviated or not, and case. */
	canon(UNIT_COMMUNE, "TT. Mường Chà", "Thị trấn Mường Chà");
	canon(UNIT_COMMUNE, "TT Mường Chà", "Thị trấn Mường Chà");
	canon(UNIT_COMMUNE, "thị trấn mường chà", "Thị trấn Mường Chà");
	canon(UNIT_COMMUNE, "THỊ TRẤN MƯỜNG CHÀ", "Thị trấn Mường Chà");
	canon(UNIT_COMMUNE, "X. Sam Mứn", "Xã Sam Mứn");
	canon(UNIT_COMMUNE, "x.sam mứn", "Xã Sam Mứn");
	canon(UNIT_COMMUNE, "P.Mường Thanh", "Phường Mường Thanh");
	canon(UNIT_COMMUNE, "Mường Chà", "Mường Chà");
	/* Clean first: NFD, the newer tone placement, spaces. */
	canon(UNIT_COMMUNE, "xa\xcc\x83  Nà Tâ\xcc\x81u ", "Xã Nà Tấu");
	canon(UNIT_COMMUNE, "Xã Toả Tình", "Xã Tỏa Tình");
	canon(UNIT_COMMUNE, "", "");
	canon(UNIT_COMMUNE, "  ", "");
	/* A full type word needs its diacritics: these are names. */
	canon(UNIT_COMMUNE, "Xa Dung", "Xa Dung");
	canon(UNIT_COMMUNE, "Xá Nhè", "Xá Nhè");
	canon(UNIT_COMMUNE, "xã Xa Dung", "Xã Xa Dung");
	canon(UNIT_COMMUNE, "Phương Tiến", "Phương Tiến");
	canon(UNIT_DISTRICT, "Quan Hóa", "Quan Hóa");
	canon(UNIT_DISTRICT, "Quận Ba Đình", "Quận Ba Đình");
	/* ...but for a district written wholly without them. */
	canon(UNIT_DISTRICT, "Huyen Dien Bien", "Huyện Dien Bien");
	/* Districts and provinces named bare. */
	canon(UNIT_DISTRICT, "Điện Biên", "Huyện Điện Biên");
	canon(UNIT_DISTRICT, "TP Điện Biên Phủ", "Thành phố Điện Biên Phủ");
	canon(UNIT_DISTRICT, "Mường Lay", "Thị xã Mường Lay");
	canon(UNIT_PROVINCE, "Điện Biên", "Tỉnh Điện Biên");
	canon(UNIT_PROVINCE, "", "");
	{
		struct buf b = { 0 };

		buf_adds(&b, "");
		unit_name(&b, UNIT_COMMUNE, "", 0);
		check("unit_name of nothing", "", b.p, "");
		buf_free(&b);
	}

	/* The type word and the name after it. */
	split("TT. Mường Chà", "Thị trấn", "Mường Chà", "muong cha");
	split("Xã Mường Chà", "Xã", "Mường Chà", "muong cha");
	split("Mường Chà", "", "Mường Chà", "muong cha");
	split("phường Điện Biên Phủ", "Phường", "Điện Biên Phủ",
	    "dien bien phu");
	split("Xa Dung", "", "Xa Dung", "xa dung");
	split("Si-Pa-Phìn", "", "Si-Pa-Phìn", "si pa phin");
	split("Xã", "", "Xã", "xa");

	printf("1..%d\n", n);
	return failed != 0;
}
