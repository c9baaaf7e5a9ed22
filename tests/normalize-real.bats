#!/usr/bin/env bats
# cbcc-normalize on rosters laid out the way communes send them: titles
# with commas, section rows, totals beside real names, the official forms'
# headers, the same people twice, bytes that break what comes after.

bats_require_minimum_version 1.5.0
load test_helper

R=$FIX/normalize/real

# Normalize fixture $1.csv: exit 0, records $1.out.csv, rejects
# $1.rejects.csv, standard error $2.
fixture() {
	cd "$R"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$1.csv"
	assert_success
	assert_output "$(cat "$1.out.csv")"
	assert_equal "$stderr" "$2"
	cmp "$TMP/rej.csv" "$1.rejects.csv"
}

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

@test "sections by staff type: carried to staff_type, part-time workers rejected, the signature block is no one" {
	fixture sections-staff 'cbcc-normalize: sections-staff.csv: no year column: year 2024 taken from the title
cbcc-normalize: sections-staff.csv: sections found: line 6 "CÁN BỘ" (staff_type can_bo), line 10 "CÔNG CHỨC" (staff_type cong_chuc), line 14 "NGƯỜI HOẠT ĐỘNG KHÔNG CHUYÊN TRÁCH" (part-time workers below, not cbcc)'
	run grep -c 'Tòng Công Quý' sections-staff.out.csv
	assert_output 1
}

@test "sections by district and commune, with subtotals: carried to district and commune" {
	fixture sections-units 'cbcc-normalize: sections-units.csv: no year column: year 2024 taken from the title
cbcc-normalize: sections-units.csv: sections found: line 3 "HUYỆN ĐIỆN BIÊN" (district Huyện Điện Biên), line 4 "1. UBND xã Thanh An" (commune Xã Thanh An), line 8 "2. UBND xã Mường Phăng" (commune Xã Mường Phăng), line 11 "THỊ XÃ MƯỜNG LAY" (district Thị xã Mường Lay), line 12 "Phường Na Lay" (commune Phường Na Lay)'
}

@test "the official form's headers: slashes in any order, hints, line breaks, numbers" {
	fixture forms ""
	run sh -c 'cbcc-normalize forms.csv 2>/dev/null | cbcc-classify-education 2>/dev/null | cbcc-aggregate -g district -c education_level | cut -d, -f1 | sort -u'
	assert_output 'Huyện Mường Chà
Thị xã Mường Lay
district'
}

@test "headers by parts: the alternatives in any order, and what does not agree stays its own" {
	printf 'Họ tên;Thị xã/Huyện/Thành phố;Phường/Xã;Công chức/Cán bộ;Tỉnh/TP;Nam/Nữ;(5) Dân tộc;Dân tộc/Tôn giáo;TĐVH;Giới tính Nam/Nữ\nA;TP. Điện Biên Phủ;P. Him Lam;CC;Điện Biên;Nữ;Thái;Thái/Không;9/12;\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'province,district,commune,full_name,gender,ethnicity,staff_type,general_education,dan_toc_ton_giao,gioi_tinh_nam_nu
Tỉnh Điện Biên,Thành phố Điện Biên Phủ,Phường Him Lam,A,nu,Thái,cong_chuc,9/12,Thái/Không,'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:1: two columns name gender; the second, \"Giới tính Nam/Nữ\", is kept under its own name"
}

@test "general education: its headers, and its text kept as written" {
	for h in 'Trình độ văn hóa' 'Văn hóa' 'Giáo dục phổ thông' 'Trình độ giáo dục phổ thông' 'TĐVH' 'Học vấn'; do
		printf 'Họ và tên,%s,Trình độ chuyên môn\nA,  12/12 ,Đại học\nB,THPT,\n' "$h" >"$TMP/in.csv"
		run cbcc-normalize "$TMP/in.csv"
		assert_output 'full_name,education,general_education
A,Đại học,12/12
B,,THPT'
	done
}

@test "a total row has no person in it: Tòng Công Quý with data is a person, Tổng cộng with counts is not" {
	printf 'STT;Họ và tên;Ngày sinh;Giới tính;Trình độ chuyên môn;Đảng viên\n1;Tòng Công Quý;12/03/1980;Nam;Đại học;x\n2;Tòng Công;1979;Nam;Trung cấp;\n3;TONG CONG THANH;1990;Nam;Cao đẳng;\n;Cộng;;;;2\n;Tổng cộng;;;;2\n;Tòng Công Minh;;;;\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	assert_output 'full_name,gender,birth_year,education,party_member,stt
Tòng Công Quý,nam,1980,Đại học,1,1
Tòng Công,nam,1979,Trung cấp,0,2
TONG CONG THANH,nam,1990,Cao đẳng,0,3
Tòng Công Minh,,,,0,'
	assert_equal "$stderr" ""
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$TMP/in.csv,5,total,;Cộng;;;;2
$TMP/in.csv,6,total,;Tổng cộng;;;;2"
}

@test "a section below the first people names a column the output lacks: said, not carried" {
	printf 'STT;Họ và tên;Năm sinh;TĐCM\n1;Lò Văn A;1980;Đại học\nII;CÔNG CHỨC;;\n2;Lò Văn B;1981;Trung cấp\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'full_name,birth_year,education,stt
Lò Văn A,1980,Đại học,1
Lò Văn B,1981,Trung cấp,2'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:3: section \"CÔNG CHỨC\" names a staff_type, but the output has no staff_type column (no section above the first people named one): not carried down
cbcc-normalize: $TMP/in.csv: sections found: line 3 \"CÔNG CHỨC\" (staff_type cong_chuc)
cbcc-normalize: 1 record rejected (section 1); --rejects FILE keeps them"
}

@test "a section fills only what a row leaves empty; its own column wins" {
	printf 'STT;Họ và tên;Năm sinh;Xã;Loại;TĐCM\n;Xã Mường Phăng;;;;\nI;CÁN BỘ;;;;\n1;Lò Văn A;1980;;;Đại học\n2;Lò Văn B;1981;Xã Nà Tấu;Công chức;Trung cấp\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'commune,full_name,birth_year,staff_type,education,stt
Xã Mường Phăng,Lò Văn A,1980,can_bo,Đại học,1
Xã Nà Tấu,Lò Văn B,1981,cong_chuc,Trung cấp,2'
}

@test "the same file twice: every record of the second is a duplicate, pointing to the first" {
	printf 'Họ và tên,Ngày sinh,Xã,Năm,TĐCM\nLò Văn A,12/03/1980,Xã Mường Phăng,2024,Đại học\nLò Thị B,1985,Xã Mường Phăng,2024,Trung cấp\nLò Văn C,,Xã Mường Phăng,2024,Cao đẳng\n' >"$TMP/a.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/a.csv" "$TMP/a.csv"
	assert_success
	assert_output 'year,commune,full_name,birth_year,education
2024,Xã Mường Phăng,Lò Văn A,1980,Đại học
2024,Xã Mường Phăng,Lò Thị B,1985,Trung cấp
2024,Xã Mường Phăng,Lò Văn C,,Cao đẳng
2024,Xã Mường Phăng,Lò Văn C,,Cao đẳng'
	assert_equal "$stderr" "cbcc-normalize: $TMP/a.csv: 2 records repeat earlier ones, rejected as duplicate (the first, line 2, repeats $TMP/a.csv:2); --keep-duplicates keeps them"
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$TMP/a.csv,2,\"duplicate: same full_name, birth date and commune as $TMP/a.csv:2\",\"Lò Văn A,12/03/1980,Xã Mường Phăng,2024,Đại học\"
$TMP/a.csv,3,\"duplicate: same full_name, birth year and commune as $TMP/a.csv:3\",\"Lò Thị B,1985,Xã Mường Phăng,2024,Trung cấp\""
	run --separate-stderr cbcc-normalize "$TMP/a.csv" "$TMP/a.csv"
	assert_equal "$(tail -1 <<<"$stderr")" "cbcc-normalize: 2 records rejected (duplicate 2); --rejects FILE keeps them"
	run --separate-stderr cbcc-normalize --keep-duplicates "$TMP/a.csv" "$TMP/a.csv"
	assert_equal "${#lines[@]}" 7
	assert_equal "$stderr" ""
}

@test "duplicates: a corrected file beside the first, by id or by name, date and unit; other years and units are other people" {
	printf 'Mã CBCC;Họ và tên;Ngày sinh;Xã;Năm;TĐCM\nDB01;Lò Văn A;12/03/1980;Xã Mường Phăng;2024;Trung cấp\nDB02;Lò Thị B;05/06/1985;Xã Mường Phăng;2024;Đại học\n;Quàng Văn C;1990;Thanh An;2024;Cao đẳng\n' >"$TMP/a.csv"
	printf 'Mã CBCC;Họ và tên;Ngày sinh;Xã;Năm;TĐCM\nDB01;Lò Văn An;12/03/1980;Xã Mường Phăng;2024;Đại học\n;LÒ THỊ B;1985-06-05;xã mường phăng;2024;Đại học\n;Quàng Văn C;1990;Thanh An;2023;Cao đẳng\n;Quàng Văn C;1990;Thanh Nưa;2024;Cao đẳng\n' >"$TMP/b.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/a.csv" "$TMP/b.csv"
	assert_success
	assert_output 'year,commune,id,full_name,birth_year,education
2024,Xã Mường Phăng,DB01,Lò Văn A,1980,Trung cấp
2024,Xã Mường Phăng,DB02,Lò Thị B,1985,Đại học
2024,Thanh An,,Quàng Văn C,1990,Cao đẳng
2023,Thanh An,,Quàng Văn C,1990,Cao đẳng
2024,Thanh Nưa,,Quàng Văn C,1990,Cao đẳng'
	assert_equal "$stderr" "cbcc-normalize: $TMP/b.csv: 2 records repeat earlier ones, rejected as duplicate (the first, line 2, repeats $TMP/a.csv:2); --keep-duplicates keeps them"
	run cut -d, -f1-3 "$TMP/rej.csv"
	assert_output "file,line,reason
$TMP/b.csv,2,\"duplicate: same id \"\"DB01\"\" as $TMP/a.csv:2\"
$TMP/b.csv,3,\"duplicate: same full_name"
}

@test "NUL bytes in a cell are a space; noncharacters and controls are removed, and said" {
	printf 'Họ và tên,TĐCM,Ghi chú\nNguyễn\0Văn A,Đại\xef\xbf\xbe học,a\x01b\xef\xbf\xbfc\nLò\0\0Thị B,Trung cấp,\x1b[1m\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'full_name,education,ghi_chu
Nguyễn Văn A,Đại học,abc
Lò Thị B,Trung cấp,[1m'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv: 3 NUL bytes in cells read as spaces
cbcc-normalize: $TMP/in.csv: 4 control characters, format characters or noncharacters removed from cells (the first, U+FFFE, on line 2)"
	cbcc-normalize "$TMP/in.csv" 2>/dev/null | LC_ALL=C grep -c -P '[\x00-\x08\x0b-\x1f]|\xef\xbf[\xbe\xbf]' | grep -qx 0
}

@test "rows in = rows out + rejects, on every fixture and sample roster" {
	for f in "$FIX"/normalize/*.csv "$R"/*.csv "$TOP"/samples/roster-*.csv; do
		case $f in *.out.csv|*.rejects.csv) continue ;; esac
		heads=1
		case $f in */two-row-header.csv) heads=2 ;; esac
		cbcc-normalize --rejects "$TMP/rej.csv" "$f" >"$TMP/out.csv" 2>/dev/null
		records=$(recdump-tool --format jsonl "$f" 2>/dev/null | wc -l)
		out=$(($(recdump-tool --format jsonl "$TMP/out.csv" | wc -l)))
		rej=$(recdump-tool --format jsonl "$TMP/rej.csv" | wc -l)
		# recdump takes the first record for a header: records + 1 read.
		[ $((records + 1)) -eq $((out + rej + heads)) ] ||
		    fail "$f: $((records + 1)) records, $out out, $rej rejects, $heads header rows"
	done
}

@test "372 names of the north-west's ethnic groups: every one comes out, none rejected" {
	names=$FIX/names/northwest.csv
	[ "$(($(wc -l <"$names") - 1))" -ge 300 ]
	# A roster of them with their data, and one with the names alone.
	awk -F, 'NR == 1 { print "STT;Họ và tên;Ngày sinh;Giới tính;Dân tộc;Chức vụ;Trình độ chuyên môn"; next }
	    { printf "%d;%s;%02d/%02d/%d;%s;%s;Công chức Văn phòng - Thống kê;Đại học\n", NR - 1, $1,
	      NR % 28 + 1, NR % 12 + 1, 1960 + NR % 40, $3 == "nu" ? "Nữ" : "Nam", $2 }' "$names" >"$TMP/data.csv"
	awk -F, 'NR == 1 { print "STT,Họ và tên,Xã"; next } { printf "%d,%s,Mường Phăng\n", NR - 1, $1 }' \
	    "$names" >"$TMP/bare.csv"
	for f in data bare; do
		run --separate-stderr cbcc-normalize --rejects "$TMP/rej-$f.csv" "$TMP/$f.csv"
		assert_success
		assert_equal "$stderr" ""
		assert_equal "$(wc -l <"$TMP/rej-$f.csv")" 1
		cbcc-normalize --format jsonl "$TMP/$f.csv" | jq -r .full_name >"$TMP/out-$f.txt"
		diff <(tail -n +2 "$names" | cut -d, -f1) "$TMP/out-$f.txt"
	done
}
