/*
 * Unit tests of roster.c and unit_level (unit.c): the furniture of roster
 * spreadsheets told from its text, and the names that only look like it.
 * Prints TAP.
 */
#include <stdio.h>
#include <string.h>

#include "cbcc.h"
#include "roster.h"
#include "unit.h"

static int n, failed;

static void
check(const char *what, const char *in, int got, int want)
{
	n++;
	if (got == want) {
		printf("ok %d - %s \"%s\"\n", n, what, in);
		return;
	}
	failed++;
	printf("not ok %d - %s \"%s\": got %d, want %d\n", n, what, in, got,
	    want);
}

/* Section label lab after marker cell mk: kind want, unit text wunit. */
static void
section(const char *mk, const char *lab, int want, const char *wunit)
{
	struct buf u = { 0 };
	int got = roster_section(mk, strlen(mk), lab, strlen(lab), &u);

	check("section", lab, got, want);
	if (wunit != NULL) {
		n++;
		if (u.p != NULL && strcmp(u.p, wunit) == 0)
			printf("ok %d - unit of \"%s\"\n", n, lab);
		else {
			failed++;
			printf("not ok %d - unit of \"%s\": got \"%s\", want "
			    "\"%s\"\n", n, lab, u.p != NULL ? u.p : "", wunit);
		}
	}
	buf_free(&u);
}

static void
total(const char *in, int want)
{
	check("total", in, roster_total(in, strlen(in)), want);
}

static void
footer(const char *in, int want)
{
	check("footer", in, roster_footer(in, strlen(in)), want);
}

static void
marker(const char *in, int want)
{
	check("marker", in, roster_marker(in, strlen(in)), want);
}

static void
level(const char *in, int want)
{
	check("unit_level", in, unit_level(in, strlen(in)), want);
}

int
main(void)
{
	/* List markers alone in a cell. */
	marker("I", ROSTER_ROMAN);
	marker("IV.", ROSTER_ROMAN);
	marker("XII", ROSTER_ROMAN);
	marker("A", ROSTER_ROMAN);
	marker("b)", ROSTER_ROMAN);
	marker("1", ROSTER_ARABIC);
	marker("(3)", ROSTER_ARABIC);
	marker("2.1", ROSTER_ARABIC);
	marker("IIII", ROSTER_NOMARK);
	marker("Lò", ROSTER_NOMARK);
	marker("Xã", ROSTER_NOMARK);
	marker("AB", ROSTER_NOMARK);
	/* Staff-type sections, with and without markers. */
	section("I", "CÁN BỘ", ROSTER_CAN_BO, NULL);
	section("II", "CÔNG CHỨC", ROSTER_CONG_CHUC, NULL);
	section("", "A. CÁN BỘ CHUYÊN TRÁCH", ROSTER_CAN_BO, NULL);
	section("", "B - Công chức", ROSTER_CONG_CHUC, NULL);
	section("", "II.CÔNG CHỨC CẤP XÃ", ROSTER_CONG_CHUC, NULL);
	section("", "a) Cán bộ", ROSTER_CAN_BO, NULL);
	section("", "Khối cán bộ", ROSTER_CAN_BO, NULL);
	section("", "B \xe2\x80\x93 Công chức chuyên môn", ROSTER_CONG_CHUC,
	    NULL);
	section("", "III. NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH",
	    ROSTER_NOT_CBCC, NULL);
	section("", "CÁN BỘ, CÔNG CHỨC XÃ", ROSTER_NONE, NULL);
	/* Units. */
	section("", "Xã Mường Phăng", ROSTER_COMMUNE, "Xã Mường Phăng");
	section("", "1. UBND xã Thanh An", ROSTER_COMMUNE, "xã Thanh An");
	section("2", "Ủy ban nhân dân xã Nà Tấu", ROSTER_COMMUNE,
	    "xã Nà Tấu");
	section("", "X. Sa Lông", ROSTER_COMMUNE, "X. Sa Lông");
	section("", "TT. Tủa Chùa", ROSTER_COMMUNE, "TT. Tủa Chùa");
	section("", "HUYỆN ĐIỆN BIÊN ĐÔNG", ROSTER_DISTRICT,
	    "HUYỆN ĐIỆN BIÊN ĐÔNG");
	section("", "Thành phố Điện Biên Phủ", ROSTER_DISTRICT,
	    "Thành phố Điện Biên Phủ");
	section("", "Tỉnh Điện Biên", ROSTER_PROVINCE, "Tỉnh Điện Biên");
	section("", "Đơn vị: Phường Him Lam", ROSTER_COMMUNE, "Phường Him Lam");
	/* Other headings after a roman or letter marker. */
	section("", "II. KHỐI ĐOÀN THỂ", ROSTER_NONE, NULL);
	section("C", "Lãnh đạo", ROSTER_NONE, NULL);
	/* Not sections: names, numbered people, sentences. */
	section("", "Phương Thị Lan", -1, NULL);
	section("", "Lò Văn Hùng", -1, NULL);
	section("1", "Lò Văn Hùng", -1, NULL);
	section("Lò", "CÁN BỘ", -1, NULL);
	section("", "Vì Văn Xuân", -1, NULL);
	section("", "Ghi chú: số liệu đến 31/12/2024", -1, NULL);
	/* Totals, and the names that fold like them. */
	total("Tổng cộng", 1);
	total("TỔNG CỘNG", 1);
	total("Tong cong", 1);
	total("Cộng", 1);
	total("Cộng: 25", 1);
	total("Tổng số: 25 người", 1);
	total("Tổng cộng toàn huyện", 1);
	total("Cộng xã Mường Phăng", 1);
	total("Tòng Công Quý", 0);
	total("Tòng Công", 0);
	total("Tòng Văn Cộng", 0);
	total("Công Văn Tổng", 0);
	total("Cộng Văn Thành", 0);
	total("Lò Văn Tổng", 0);
	/* The signature block. */
	footer("Người lập biểu", 1);
	footer("NGƯỜI LẬP BIỂU", 1);
	footer("Thủ trưởng đơn vị", 1);
	footer("(Ký, ghi rõ họ tên)", 1);
	footer("TM. UỶ BAN NHÂN DÂN", 1);
	footer("KT. CHỦ TỊCH", 1);
	footer("Điện Biên, ngày 31 tháng 12 năm 2024", 1);
	footer("Mường Phăng, ngày     tháng     năm 2024", 1);
	footer("Lò Văn Hùng", 0);
	footer("Đại học", 0);
	footer("12", 0);
	footer("Chủ tịch UBND", 0);
	/* Unit levels by the type word, written right. */
	level("Xã Mường Phăng", UNIT_COMMUNE);
	level("xa Muong Phang", UNIT_COMMUNE);
	level("Phường Him Lam", UNIT_COMMUNE);
	level("Thị trấn Tủa Chùa", UNIT_COMMUNE);
	level("TT Mường Chà", UNIT_COMMUNE);
	level("X. Sa Lông", UNIT_COMMUNE);
	level("Huyện Điện Biên", UNIT_DISTRICT);
	level("H. Mường Chà", UNIT_DISTRICT);
	level("TX. Mường Lay", UNIT_DISTRICT);
	level("Thị xã Mường Lay", UNIT_DISTRICT);
	level("TP. Điện Biên Phủ", UNIT_DISTRICT);
	level("Thành phố Hà Nội", UNIT_PROVINCE);
	level("TP Hà Nội", UNIT_PROVINCE);
	level("Tỉnh Điện Biên", UNIT_PROVINCE);
	level("Phương Thị Lan", -1);
	level("Xã", -1);
	level("X Sa Lông", -1);
	level("Mường Phăng", -1);
	level("Hoàng Văn Thái", -1);
	printf("1..%d\n", n);
	return failed != 0;
}
