#!/usr/bin/env bats
# cbcc-normalize on rosters laid out the way communes send them: titles
# with commas, section rows, totals beside real names, the official forms'
# headers, the same people twice, bytes that break what comes after.

bats_require_minimum_version 1.5.0
load test_helper

R=$FIX/normalize/real

@test "a ; roster under a title with a comma: the delimiter of the table, not of the title" {
	printf 'DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM 2024\nUBND HUYỆN ĐIỆN BIÊN\nSTT;Họ và tên;Ngày sinh;Trình độ chuyên môn\n1;Lò Văn Hùng;12/03/1980;Đại học\n2;Quàng Thị Xuân;1991;Trung cấp\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	assert_output 'year,full_name,birth_year,education,stt
2024,Lò Văn Hùng,1980,Đại học,1
2024,Quàng Thị Xuân,1991,Trung cấp,2'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv: no year column: year 2024 taken from the title"
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$TMP/in.csv,1,title,\"DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM 2024\"
$TMP/in.csv,2,title,UBND HUYỆN ĐIỆN BIÊN"
}
