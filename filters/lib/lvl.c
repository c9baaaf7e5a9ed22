/*
 * lvl.c - the level codes (see lvl.h).
 */
#include <string.h>

#include "lvl.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const edu[] = { "chua_dao_tao", "so_cap", "trung_cap",
    "cao_dang", "dai_hoc", "thac_si", "tien_si" };
static const char *const edul[] = { "chưa qua đào tạo", "sơ cấp",
    "trung cấp", "cao đẳng", "đại học", "thạc sĩ", "tiến sĩ" };
static const char *const pol[] = { "chua_qua", "so_cap", "trung_cap",
    "cao_cap" };
static const char *const poll[] = { "chưa qua đào tạo", "sơ cấp",
    "trung cấp", "cao cấp" };
static const char *const qlnn[] = { "chua_qua", "chuyen_vien",
    "chuyen_vien_chinh", "chuyen_vien_cao_cap" };
static const char *const qlnnl[] = { "chưa qua bồi dưỡng", "chuyên viên",
    "chuyên viên chính", "chuyên viên cao cấp" };
static const char *const it[] = { "chua_qua", "co_ban", "nang_cao",
    "trung_cap_tro_len" };
static const char *const itl[] = { "chưa có chứng chỉ", "cơ bản",
    "nâng cao", "trung cấp trở lên" };
static const char *const fl[] = { "chua_qua", "a", "b", "c",
    "dai_hoc_tro_len" };
static const char *const fll[] = { "chưa qua", "trình độ A", "trình độ B",
    "trình độ C", "đại học trở lên" };
static const char *const age[] = { "den_30", "31_40", "41_50", "51_60",
    "tren_60" };
static const char *const agel[] = { "từ 30 trở xuống", "từ 31 đến 40",
    "từ 41 đến 50", "từ 51 đến 60", "trên 60" };
static const char *const eth[] = { "0", "1" };
static const char *const ethl[] = { "dân tộc Kinh", "dân tộc thiểu số" };
static const char *const sex[] = { "nam", "nu" };
static const char *const sexl[] = { "nam", "nữ" };
static const char *const party[] = { "0", "1" };
static const char *const partyl[] = { "không phải đảng viên", "đảng viên" };

const struct lvl_dim lvl_dims[] = {
	{ "education", "education_level", "Trình độ chuyên môn",
	    edu, edul, N(edu), 1 },
	{ "political_theory", "political_theory_level",
	    "Trình độ lý luận chính trị", pol, poll, N(pol), 1 },
	{ "state_mgmt", "state_mgmt_level", "Quản lý nhà nước",
	    qlnn, qlnnl, N(qlnn), 1 },
	{ "it_skill", "it_skill_level", "Tin học", it, itl, N(it), 1 },
	{ "foreign_language", "foreign_language_level", "Ngoại ngữ",
	    fl, fll, N(fl), 1 },
	{ "age_band", "age_band", "Độ tuổi", age, agel, N(age), 0 },
	{ "ethnic_minority", "ethnic_minority", "Dân tộc thiểu số",
	    eth, ethl, N(eth), 0 },
	{ "gender", "gender", "Giới tính", sex, sexl, N(sex), 0 },
	{ "party_member", "party_member", "Đảng viên",
	    party, partyl, N(party), 0 },
};
const size_t lvl_ndims = N(lvl_dims);

/* The dimension named name[0..len), by dimension or column name. */
const struct lvl_dim *
lvl_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < lvl_ndims; i++)
		if ((strlen(lvl_dims[i].name) == len &&
		    memcmp(lvl_dims[i].name, name, len) == 0) ||
		    (strlen(lvl_dims[i].column) == len &&
		    memcmp(lvl_dims[i].column, name, len) == 0))
			return &lvl_dims[i];
	return NULL;
}

/* The rank of code[0..len) in d, or -1 (unknown, or not a code of d). */
int
lvl_index(const struct lvl_dim *d, const char *code, size_t len)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strlen(d->codes[i]) == len &&
		    memcmp(d->codes[i], code, len) == 0)
			return (int)i;
	return -1;
}

/* The label of code[0..len), "không rõ" for unknown, NULL for neither. */
const char *
lvl_label(const struct lvl_dim *d, const char *code, size_t len)
{
	int i = lvl_index(d, code, len);

	if (i >= 0)
		return d->labels[i];
	if (len == 7 && memcmp(code, "unknown", 7) == 0)
		return "không rõ";
	return NULL;
}
