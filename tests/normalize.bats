#!/usr/bin/env bats
# cbcc-normalize: raw roster exports in, canonical records out.

bats_require_minimum_version 1.5.0
load test_helper

N=$FIX/normalize

@test "an Excel 'CSV UTF-8' export: BOM, CRLF, title, numbering, total rows" {
	cd "$N"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" excel-2021.csv
	assert_success
	assert_output "$(cat excel-2021.out.csv)"
	assert_equal "$stderr" 'cbcc-normalize: excel-2021.csv: no year column: year 2021 taken from the title
cbcc-normalize: excel-2021.csv:10: "31/02/1990" is no date of birth; birth_year left empty'
	cmp "$TMP/rej.csv" excel-2021.rejects.csv
}

@test "rows in = rows out + rejects" {
	cd "$N"
	cbcc-normalize --rejects "$TMP/rej.csv" excel-2021.csv >"$TMP/out.csv" 2>/dev/null
	records=$(recdump-tool excel-2021.csv 2>/dev/null | wc -l)	# header row counted: the
	out=$(($(wc -l <"$TMP/out.csv") - 1))			# file's first record is a title
	rej=$(($(recdump-tool --format jsonl "$TMP/rej.csv" | wc -l)))
	[ $((records)) -eq $((out + rej + 1)) ]		# + the roster's header row
}

@test "without --rejects the rejects are counted by reason on stderr" {
	run --separate-stderr cbcc-normalize "$N/excel-2021.csv"
	assert_success
	assert_line --index 0 --partial 'year,district,commune,full_name'
	assert_equal "$(tail -1 <<<"$stderr")" "cbcc-normalize: 7 records rejected (title 2, blank 2, numbering 1, total 1, footer 1); --rejects FILE keeps them"
}

@test "the output is canonical: normalizing it again changes nothing" {
	cbcc-normalize "$N/excel-2021.csv" >"$TMP/once.csv" 2>/dev/null
	run --separate-stderr cbcc-normalize "$TMP/once.csv"
	assert_success
	assert_output "$(cat "$TMP/once.csv")"
	assert_equal "$stderr" ""
}

@test "NFD and both tone placements come out NFC in one form" {
	printf 'Họ tên,Xã\n%s,%s\nB,Xã Hoà Bình\nC,XÃ HÒA BÌNH\n' \
	    "$(printf 'Lo\xcc\x80 Thi\xcc\xa3 Hoa\xcc\x80')" "$(printf 'xa\xcc\x83 ho\xcc\x80a bi\xcc\x80nh')" >"$TMP/in.csv"
	run cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'commune,full_name
Xã Hòa Bình,Lò Thị Hòa
Xã Hòa Bình,B
Xã Hòa Bình,C'
}

@test "unit prefixes are written out and the names take one case" {
	printf 'Họ tên,Huyện,Xã\n' >"$TMP/in.csv"
	for u in 'TP. Điện Biên Phủ,P. Him Lam' 'Thành phố Điện Biên Phủ,Phường Him Lam' \
	    'thành phố điện biên phủ,phường him lam' 'TP Điện Biên Phủ,P.Him Lam' \
	    'THÀNH PHỐ ĐIỆN BIÊN PHỦ,PHƯỜNG HIM LAM' 'TX. Mường Lay,TT. Tủa Chùa' \
	    'H. Mường Chà,X. Sa Lông' 'Mường Ảng,Ẳng Nưa' 'điện biên phủ,Noong Bua' 'Mường Lay,Na Lay' \
	    'Sìn Hồ,Xã Pa Tần'; do
		printf 'A,%s\n' "$u" >>"$TMP/in.csv"
	done
	run cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'district,commune,full_name
Thành phố Điện Biên Phủ,Phường Him Lam,A
Thành phố Điện Biên Phủ,Phường Him Lam,A
Thành phố Điện Biên Phủ,Phường Him Lam,A
Thành phố Điện Biên Phủ,Phường Him Lam,A
Thành phố Điện Biên Phủ,Phường Him Lam,A
Thị xã Mường Lay,Thị trấn Tủa Chùa,A
Huyện Mường Chà,Xã Sa Lông,A
Huyện Mường Ảng,Ẳng Nưa,A
Thành phố Điện Biên Phủ,Noong Bua,A
Thị xã Mường Lay,Na Lay,A
Sìn Hồ,Xã Pa Tần,A'
}

@test "a province named without its prefix is a tỉnh, or one of the five cities" {
	printf 'Họ tên,Tỉnh\nA,Điện Biên\nB,tỉnh điện biên\nC,Hà Nội\nD,TP. Hà Nội\n' >"$TMP/in.csv"
	run cbcc-normalize "$TMP/in.csv"
	assert_output 'province,full_name
Tỉnh Điện Biên,A
Tỉnh Điện Biên,B
Thành phố Hà Nội,C
Thành phố Hà Nội,D'
}

@test "a two-row header: Ngày sinh over Nam | Nữ, Trình độ over its parts" {
	run --separate-stderr cbcc-normalize "$N/two-row-header.csv"
	assert_success
	assert_output "$(cat "$N/two-row-header.out.csv")"
}

@test "a Nữ column of marks gives the gender" {
	printf 'Họ tên,Nữ,TĐCM\nA,x,ĐH\nB,,TC\n' >"$TMP/in.csv"
	run cbcc-normalize "$TMP/in.csv"
	assert_output 'full_name,gender,education
A,nu,ĐH
B,nam,TC'
}

@test "header names: English, no diacritics, abbreviations, any case" {
	printf 'HO TEN;TDCM;LLCT;QLNN;nam sinh;GIOI TINH;Year;ly luan chinh tri\nA;ĐH;TC;CV;1970;nam;2021;x\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'year,full_name,gender,birth_year,education,political_theory,state_mgmt,ly_luan_chinh_tri
2021,A,nam,1970,ĐH,TC,CV,x'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:1: two columns name political_theory; the second, \"ly luan chinh tri\", is kept under its own name"
} 

@test "--map names a site's own headers" {
	printf 'alias,column\nNgười,full_name\nBậc lương,salary_grade\n' >"$TMP/map.csv"
	printf 'Người,Bậc lương,TĐCM\nA,2.34,ĐH\n' >"$TMP/in.csv"
	run cbcc-normalize --map "$TMP/map.csv" "$TMP/in.csv"
	assert_success
	assert_output 'full_name,education,salary_grade
A,ĐH,2.34'
}

@test "--map: a target that is not snake_case is an error" {
	printf 'Người,Full Name\n' >"$TMP/map.csv"
	run --separate-stderr cbcc-normalize --map "$TMP/map.csv" /dev/null
	assert_failure 1
	assert_equal "$stderr" "cbcc-normalize: $TMP/map.csv:1: column \"Full Name\" is not an ASCII snake_case name"
}

@test "--year fills an absent or empty year, never overrides one" {
	printf 'Họ tên,Năm,TĐCM\nA,2016,ĐH\nB,,TC\n' >"$TMP/in.csv"
	run cbcc-normalize --year 2021 "$TMP/in.csv"
	assert_output 'year,full_name,education
2016,A,ĐH
2021,B,TC'
	printf 'Họ tên,TĐCM\nA,ĐH\n' >"$TMP/in2.csv"
	run cbcc-normalize --year 2021 "$TMP/in2.csv"
	assert_output 'year,full_name,education
2021,A,ĐH'
}

@test "a bad year is a reject; --year out of range is a usage error" {
	printf 'Họ tên,Năm,TĐCM\nA,20211,ĐH\nB,2021,TC\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	assert_output 'year,full_name,education
2021,B,TC'
	run cat "$TMP/rej.csv"
	assert_line --index 1 "$TMP/in.csv,2,\"bad year: \"\"20211\"\"\",\"A,20211,ĐH\""
	run --separate-stderr cbcc-normalize --year 20211 "$TMP/in.csv"
	assert_failure 2
	assert_equal "$(head -1 <<<"$stderr")" 'cbcc-normalize: year 20211: too large (1900-2100)'
}

@test "dates of birth: dd/mm/yyyy, yyyy-mm-dd, mm/yyyy, a year, Excel serials" {
	printf 'Họ tên,Ngày sinh\n' >"$TMP/in.csv"
	for d in 05/11/1979 5-11-1979 5.11.1979 1979-11-05 '1979-11-05 00:00:00' 11/1979 1979 29165 29165.0 \
	    29/02/1980 29/02/1979 32/01/1980 5/11/79 abc 1850; do
		printf 'A,%s\n' "$d" >>"$TMP/in.csv"
	done
	run --separate-stderr cbcc-normalize --keep-duplicates "$TMP/in.csv"
	assert_success
	assert_output 'full_name,birth_year
A,1979
A,1979
A,1979
A,1979
A,1979
A,1979
A,1979
A,1979
A,1979
A,1980
A,
A,
A,
A,
A,'
	assert_equal "$(grep -c 'is no date of birth' <<<"$stderr")" 5
}

@test "gender, staff type, party membership take canonical values" {
	printf 'Họ tên,Giới tính,Loại,Đảng viên\nA,Nữ,Công chức,x\nB,NAM,Cán bộ,\nC,nu,CC,0\nD,?,CB,12/05/2001\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'full_name,gender,staff_type,party_member
A,nu,cong_chuc,1
B,nam,can_bo,0
C,nu,cong_chuc,0
D,,can_bo,1'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:5: gender \"?\" is neither nam nor nu; left empty"
}

@test "party membership: blank in a roster's party column is 0, a roster without the column leaves it unknown" {
	printf 'Họ tên,Đảng viên\nA,x\nB,\n' >"$TMP/a.csv"
	printf 'Họ tên,Giới tính\nC,Nữ\n' >"$TMP/b.csv"
	run --separate-stderr cbcc-normalize "$TMP/a.csv" "$TMP/b.csv"
	assert_success
	assert_output 'full_name,gender,party_member
A,,1
B,,0
C,nu,'
}

@test "part-time workers are not cán bộ, công chức: rejected with the reason" {
	printf 'Họ tên,Loại\nA,Người hoạt động không chuyên trách\nB,Công chức\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_output 'full_name,staff_type
B,cong_chuc'
	run cut -d, -f3 "$TMP/rej.csv"
	assert_line --index 1 '"not cbcc: ""Người hoạt động không chuyên trách"" (part-time workers are not cán bộ'
}

@test "ragged rows are rejected, never padded or shifted" {
	printf 'Họ tên,TĐCM,LLCT\nA,ĐH,TC\nB,CĐ\nC,TC,SC,extra\nD,ĐH,,\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	assert_output 'full_name,education,political_theory
A,ĐH,TC
D,ĐH,'
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$TMP/in.csv,3,\"ragged: 2 fields, header has 3\",\"B,CĐ\"
$TMP/in.csv,4,\"ragged: 4 fields, header has 3\",\"C,TC,SC,extra\""
}

@test "--strict: the first reject is fatal" {
	printf 'Họ tên,TĐCM\nA,ĐH\nB\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize --strict "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:3: ragged: 1 field, header has 2"
}

@test "several files, each with its own header, make one stream" {
	printf 'Họ tên,TĐCM,Xã\nA,ĐH,X. Na Son\n' >"$TMP/a.csv"
	printf 'STT;Họ và tên;Ngày sinh;Trình độ chuyên môn\n1;B;1980;TC\n' >"$TMP/b.csv"
	run cbcc-normalize --year 2021 "$TMP/a.csv" "$TMP/b.csv"
	assert_success
	assert_output 'year,commune,full_name,birth_year,education,stt
2021,Xã Na Son,A,,ĐH,
2021,,B,1980,TC,1'
}

@test "delimiters: ; and tab detected, --delimiter overrides" {
	printf 'Họ tên\tTĐCM\nA, B\tĐH\n' >"$TMP/in.tsv"
	run cbcc-normalize "$TMP/in.tsv"
	assert_output $'full_name,education\n"A, B",ĐH'
	printf 'Họ tên|TĐCM\nA|ĐH\n' >"$TMP/in.txt"
	run cbcc-normalize --delimiter '|' "$TMP/in.txt"
	assert_output $'full_name,education\nA,ĐH'
	run --separate-stderr cbcc-normalize --delimiter ab "$TMP/in.txt"
	assert_failure 2
}

@test "line breaks, NBSP, control characters inside cells are cleaned" {
	printf 'Họ tên,TĐCM,Ghi chú\n"Lò\xc2\xa0Văn\nA",ĐH,x\x01y\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_output 'full_name,education,ghi_chu
Lò Văn A,ĐH,xy'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv: 1 control character, format character or noncharacter removed from cells (the first, U+0001, on line 2)"
}

@test "a repeated header row (sheets pasted together) is a reject" {
	printf 'Họ tên,TĐCM\nA,ĐH\nHọ tên,TĐCM\nB,TC\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_output 'full_name,education
A,ĐH
B,TC'
	assert_equal "$stderr" 'cbcc-normalize: 1 record rejected (header 1); --rejects FILE keeps them'
}

@test "jsonl and tsv output" {
	printf 'Họ tên,TĐCM\nA "x",ĐH\n' >"$TMP/in.csv"
	run cbcc-normalize --format jsonl "$TMP/in.csv"
	assert_output '{"full_name":"A \"x\"","education":"ĐH"}'
	run cbcc-normalize --format tsv "$TMP/in.csv"
	assert_output $'full_name\teducation\n"A ""x"""\tĐH'
}

@test "no header row: a clear error" {
	printf 'just,some\nwords,here\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_failure 1
	assert_equal "$(head -1 <<<"$stderr")" "cbcc-normalize: $TMP/in.csv: no header row found (no row names two columns such as \"Họ và tên\" and \"Trình độ chuyên môn\"); --map FILE can name a site's own headers"
}

@test "invalid UTF-8: an error naming the line and byte, suggesting --encoding" {
	{ printf 'Họ tên,TĐCM\n'; printf 'Lò Văn A,Đại học\n' | iconv -f UTF-8 -t TCVN5712-1; } >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:2: invalid UTF-8: byte 0xDF in field 1 (byte 2 of the field); name the file's encoding with --encoding: perhaps tcvn3 (or cp1258, vni, viscii)"
	printf 'Họ tên,TĐCM\nA,\xe4c\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:2: invalid UTF-8: byte 0xE4 in field 2 (byte 1 of the field); name the file's encoding with --encoding: perhaps cp1258 (or tcvn3, vni, viscii)"
}

@test "errors: missing file, bad option, full disk" {
	run --separate-stderr cbcc-normalize "$TMP/nope.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-normalize: $TMP/nope.csv: No such file or directory"
	run --separate-stderr cbcc-normalize --bogus
	assert_failure 2
	run --separate-stderr sh -c 'cbcc-normalize "$1" >/dev/full' sh "$N/two-row-header.csv"
	assert_failure 1
	assert_equal "$(tail -1 <<<"$stderr")" "cbcc-normalize: write error on standard output: No space left on device"
}

@test "--help and --version" {
	run cbcc-normalize --help
	assert_success
	assert_line --index 0 --partial 'usage: cbcc-normalize [-y year]'
	run cbcc-normalize --version
	assert_output --regexp '^cbcc-normalize [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "UTF-16LE with BOM (Excel 'Unicode text', tab separated, CRLF)" {
	printf 'Họ tên\tTĐCM\r\nLò Văn A\tĐại học\r\n' | iconv -f UTF-8 -t UTF-16LE |
	    { printf '\377\376'; cat; } >"$TMP/in.txt"
	run cbcc-normalize "$TMP/in.txt"
	assert_success
	assert_output $'full_name,education\nLò Văn A,Đại học'
	printf 'Họ tên\tTĐCM\r\nLò Văn A\tĐại học\r\n' | iconv -f UTF-8 -t UTF-16BE |
	    { printf '\376\377'; cat; } >"$TMP/be.txt"
	run cbcc-normalize "$TMP/be.txt"
	assert_output $'full_name,education\nLò Văn A,Đại học'
}

@test "TCVN3 text that Excel re-saved as UTF-8 is repaired and said so" {
	printf 'Họ tên,TĐCM,Dân tộc\nA,Đại học,Mường\nB,Trung cấp,Thái\n' |
	    iconv -f UTF-8 -t TCVN5712-1 | iconv -f CP1252 -t UTF-8 >"$TMP/in.csv"
	run grep -c '§¹i häc' "$TMP/in.csv"
	assert_output 1
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'full_name,ethnicity,education
A,Mường,Đại học
B,Thái,Trung cấp'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv: this UTF-8 holds TCVN3 (ABC) text that Excel re-saved (\"§¹i häc\" for \"Đại học\"); read as --encoding tcvn3-in-utf8"
	run --separate-stderr cbcc-normalize <"$TMP/in.csv"
	assert_output 'full_name,ethnicity,education
A,Mường,Đại học
B,Thái,Trung cấp'
	assert_equal "$stderr" "cbcc-normalize: <stdin>: 4 fields held TCVN3 (ABC) text that Excel re-saved as UTF-8; repaired"
	run --separate-stderr cbcc-normalize --encoding tcvn3-in-utf8 "$TMP/in.csv"
	assert_output 'full_name,ethnicity,education
A,Mường,Đại học
B,Thái,Trung cấp'
}

@test "legacy 8-bit encodings by --encoding: tcvn3, cp1258, viscii" {
	for e in tcvn3:TCVN5712-1 cp1258:CP1258 viscii:VISCII; do
		printf 'Họ tên,TĐCM\nNguyễn Thị Thủy,Thạc sĩ\n' | iconv -f UTF-8 -t "${e#*:}" >"$TMP/in.csv"
		run cbcc-normalize --encoding "${e%%:*}" "$TMP/in.csv"
		assert_success
		assert_output $'full_name,education\nNguyễn Thị Thủy,Thạc sĩ'
	done
}

@test "VNI text that Excel re-saved as UTF-8 is repaired too" {
	printf 'Hoï teân,TÑCM\nLoø Vaên A,Ñaïi hoïc\nQuaøng Thò B,Trung caáp\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output $'full_name,education\nLò Văn A,Đại học\nQuàng Thị B,Trung cấp'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv: this UTF-8 holds VNI text that Excel re-saved (\"Ñaïi hoïc\" for \"Đại học\"); read as --encoding vni-in-utf8"
}

@test "bytes that are no character of the named encoding are counted" {
	printf '\xff\xfeH\0\xcd\x1e \0t\0\xea\0n\0,\0T\0\x10\x01C\0M\0\n\0A\0,\0\x00\xd8\n\0' >"$TMP/in.txt"
	run --separate-stderr cbcc-normalize "$TMP/in.txt"
	assert_success
	assert_output $'full_name,education\nA,\xef\xbf\xbd'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.txt: 1 byte sequence was not utf-16le, written as U+FFFD"
}

@test "VNI-Windows by --encoding vni" {
	printf 'Hoï teân,TÑCM\nLoø Vaên A,Ñaïi hoïc\n' | iconv -f UTF-8 -t CP1252 >"$TMP/in.csv"
	run cbcc-normalize --encoding vni "$TMP/in.csv"
	assert_success
	assert_output $'full_name,education\nLò Văn A,Đại học'
}

@test "an unknown --encoding is a usage error" {
	run --separate-stderr cbcc-normalize --encoding klingon /dev/null
	assert_failure 2
	assert_equal "$(head -1 <<<"$stderr")" "cbcc-normalize: unknown encoding 'klingon' (utf-8, utf-16, cp1258, tcvn3, vni, viscii, tcvn3-in-utf8, vni-in-utf8)"
}

@test "Giới tính over Nam | Nữ, marked with x" {
	printf 'Họ tên,Giới tính,,TĐCM\n,Nam,Nữ,\nA,x,,ĐH\nB,,x,TC\nC,,,CĐ\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_success
	assert_output 'full_name,gender,education
A,nam,ĐH
B,nu,TC
C,,CĐ'
}

@test "one header row with Nam and Nữ columns: marks or birth dates" {
	printf 'Họ tên,Nam,Nữ,Ngày sinh,TĐCM\nA,x,,1980,ĐH\nB,,x,1990,TC\n' >"$TMP/in.csv"
	run cbcc-normalize "$TMP/in.csv"
	assert_output 'full_name,gender,birth_year,education
A,nam,1980,ĐH
B,nu,1990,TC'
	printf 'Họ tên,Ngày sinh,Nam,Nữ,TĐCM\nA,,12/03/1980,,ĐH\nB,,,1985,TC\nC,,?,,CĐ\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-normalize "$TMP/in.csv"
	assert_output 'full_name,gender,birth_year,education
A,nam,1980,ĐH
B,nu,1985,TC
C,,,CĐ'
	assert_equal "$stderr" "cbcc-normalize: $TMP/in.csv:4: \"?\" under Nam is neither a mark nor a date of birth; left out"
	printf 'Họ tên,Năm,Nữ,TĐCM\nA,2021,x,ĐH\n' >"$TMP/in.csv"
	run cbcc-normalize "$TMP/in.csv"
	assert_output 'year,full_name,gender,education
2021,A,nu,ĐH'
}
