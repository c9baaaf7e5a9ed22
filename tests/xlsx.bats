#!/usr/bin/env bats
# Excel workbooks in: cbcc-normalize reads .xlsx and .xls rosters (the
# xlsx library module), told by their first bytes.  The test workbooks are
# made here by mkxlsx-tool (libxlsxwriter; libzip for hand-written parts);
# the .xls ones are committed, made once by fixtures/xlsx/mkxls.py (xlwt);
# damage-tool makes damaged copies.  Workbooks of other writers:
# xls-writers.bats.

bats_require_minimum_version 1.5.0
load test_helper

X=$FIX/xlsx
# The clerk's layout: two title rows, a two-row header with merged cells.
MERGES="-m A4:A5 -m B4:B5 -m C4:C5 -m D4:E4 -m F4:F5 -m G4:I4"

communes() {
	# shellcheck disable=SC2086
	mkxlsx-tool $MERGES -s "Mường Phăng" -s "Thanh Nưa" -s "Hướng dẫn" \
	    "$TMP/communes.xlsx" "$X/muong-phang.csv" "$X/thanh-nua.csv" \
	    "$X/notes.csv"
}

ALL='year,commune,id,full_name,gender,birth_year,ethnicity,education,political_theory,state_mgmt,stt
2021,Mường Phăng,007,Lò Văn Pọm,nam,1980,Thái,Đại học Luật,Trung cấp,Chuyên viên,1
2021,Mường Phăng,015,Quàng Thị Ín,nu,1991,Thái,Cao đẳng,,,2
2021,Mường Phăng,021,Vàng A Dê,nam,1975,Mông,Trung cấp,Sơ cấp,Chuyên viên,3
2021,Thanh Nưa,102,Lường Văn Chăn,nam,1969,Thái,Đại học,Cao cấp,Chuyên viên chính,1
2021,Thanh Nưa,104,Cà Thị Hoa,nu,1988,Thái,Thạc sĩ,Trung cấp,Chuyên viên,2'

@test "xlsx: the first sheet with a header row, the same records as its CSV export" {
	communes
	cbcc-normalize "$X/muong-phang.csv" >"$TMP/csv.out" 2>/dev/null
	cd "$TMP"
	run --separate-stderr cbcc-normalize communes.xlsx
	assert_success
	assert_output "$(cat csv.out)"
	assert_equal "$stderr" 'cbcc-normalize: communes.xlsx: sheet "Mường Phăng" read, 1 of 3; --sheet NAME reads another, --sheet all every one
cbcc-normalize: communes.xlsx[Mường Phăng]: no year column: year 2021 taken from the title
cbcc-normalize: 3 records rejected (title 2, total 1); --rejects FILE keeps them'
}

@test "xlsx: merged header cells, dates as date cells, leading zeros kept" {
	communes
	run xlsxdump-tool "$TMP/communes.xlsx" 1
	assert_success
	assert_output 'DANH SÁCH CÁN BỘ CÔNG CHỨC XÃ MƯỜNG PHĂNG NĂM 2021,,,,,,,,
Huyện Điện Biên,,,,,,,,

STT,Mã CB,Họ và tên,Ngày sinh,,Dân tộc,Trình độ,,
,,,Nam,Nữ,,Chuyên môn,LLCT,QLNN
1,007,Lò Văn Pọm,12/03/1980,,Thái,Đại học Luật,Trung cấp,Chuyên viên
2,015,Quàng Thị Ín,,05/11/1991,Thái,Cao đẳng,,
3,021,Vàng A Dê,01/01/1975,,Mông,Trung cấp,Sơ cấp,Chuyên viên
Tổng cộng,,3,,,,,,'
	run xlsxdump-tool "$TMP/communes.xlsx"
	assert_success
	assert_output 'xlsx
1	Mường Phăng
2	Thanh Nưa
3	Hướng dẫn'
}

@test "xlsx: --sheet all reads one sheet per commune and tags the commune column" {
	communes
	cd "$TMP"
	run --separate-stderr cbcc-normalize --sheet all --rejects rej.csv communes.xlsx
	assert_success
	assert_output "$ALL"
	assert_equal "$stderr" 'cbcc-normalize: communes.xlsx[Mường Phăng]: no year column: year 2021 taken from the title
cbcc-normalize: communes.xlsx[Thanh Nưa]: no year column: year 2021 taken from the title
cbcc-normalize: communes.xlsx: sheet "Hướng dẫn" holds no header row; not read'
	run cat rej.csv
	assert_output 'file,line,reason,record
communes.xlsx[Mường Phăng],1,title,"DANH SÁCH CÁN BỘ CÔNG CHỨC XÃ MƯỜNG PHĂNG NĂM 2021,,,,,,,,"
communes.xlsx[Mường Phăng],2,title,"Huyện Điện Biên,,,,,,,,"
communes.xlsx[Thanh Nưa],1,title,"DANH SÁCH CÁN BỘ CÔNG CHỨC XÃ THANH NƯA NĂM 2021,,,,,,,,"
communes.xlsx[Thanh Nưa],2,title,"Huyện Điện Biên,,,,,,,,"
communes.xlsx[Mường Phăng],9,total,"Tổng cộng,,3,,,,,,"'
}

@test "xlsx: a commune column in the sheet wins over the sheet name" {
	printf 'Họ và tên,Xã,Trình độ chuyên môn\nA,Nà Tấu,Đại học\n' >"$TMP/a.csv"
	mkxlsx-tool -s "Sheet X" "$TMP/a.xlsx" "$TMP/a.csv"
	run cbcc-normalize --sheet all "$TMP/a.xlsx"
	assert_success
	assert_output 'commune,full_name,education
Nà Tấu,A,Đại học'
}

@test "xlsx: --sheet by name, by name without diacritics, by number" {
	communes
	cd "$TMP"
	for s in "Thanh Nưa" "thanh nua" 2; do
		run --separate-stderr cbcc-normalize --sheet "$s" communes.xlsx
		assert_success
		assert_output 'year,id,full_name,gender,birth_year,ethnicity,education,political_theory,state_mgmt,stt
2021,102,Lường Văn Chăn,nam,1969,Thái,Đại học,Cao cấp,Chuyên viên chính,1
2021,104,Cà Thị Hoa,nu,1988,Thái,Thạc sĩ,Trung cấp,Chuyên viên,2'
		assert_equal "$stderr" 'cbcc-normalize: communes.xlsx[Thanh Nưa]: no year column: year 2021 taken from the title
cbcc-normalize: 2 records rejected (title 2); --rejects FILE keeps them'
	done
}

@test "xlsx: --sheet naming no sheet is an error; a sheet with no header row too" {
	communes
	cd "$TMP"
	run --separate-stderr cbcc-normalize --sheet 4 communes.xlsx
	assert_failure 1
	assert_equal "$stderr" 'cbcc-normalize: communes.xlsx: no sheet "4" (its sheets: Mường Phăng, ...)'
	run --separate-stderr cbcc-normalize --sheet "Hướng dẫn" --rejects rej.csv communes.xlsx
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'cbcc-normalize: communes.xlsx[Hướng dẫn]: no header row found (no row names two columns such as "Họ và tên" and "Trình độ chuyên môn"); --map FILE can name a site'"'"'s own headers'
	run --separate-stderr cbcc-normalize --sheet ''
	assert_failure 2
}

@test "xls: the same records as the .xlsx and the CSV export" {
	communes
	cbcc-normalize --sheet all "$TMP/communes.xlsx" >"$TMP/xlsx.out" 2>/dev/null
	run --separate-stderr cbcc-normalize --sheet all "$X/communes.xls"
	assert_success
	assert_output "$ALL"
	run xlsxdump-tool "$X/communes.xls" 2
	assert_success
	assert_output 'DANH SÁCH CÁN BỘ CÔNG CHỨC XÃ THANH NƯA NĂM 2021,,,,,,,,
Huyện Điện Biên,,,,,,,,

STT,Mã CB,Họ và tên,Ngày sinh,,Dân tộc,Trình độ,,
,,,Nam,Nữ,,Chuyên môn,LLCT,QLNN
1,102,Lường Văn Chăn,30/06/1969,,Thái,Đại học,Cao cấp,Chuyên viên chính
2,104,Cà Thị Hoa,,29/02/1988,Thái,Thạc sĩ,Trung cấp,Chuyên viên'
	run xlsxdump-tool "$X/communes.xls"
	assert_output 'xls
1	Mường Phăng
2	Thanh Nưa
3	Hướng dẫn'
}

@test "xlsx cells: shared, rich and inline text, numbers, booleans, errors, formulas, dates, missing rows" {
	mkxlsx-tool --pack "$TMP/cells.xlsx" "$X"/cells-sheet.xml "$X"/cells-sst.xml "$X"/cells-styles.xml
	run xlsxdump-tool "$TMP/cells.xlsx" 1
	assert_success
	assert_output 'STT,Họ và tên,Ngày sinh,Đảng viên,"Ghi chú, ""x""",

1,Quàng Văn Hưởng,29/03/1980,TRUE,0.25,#N/A
2,Lò Văn A,01/01/1990 12:00:00,FALSE,12:00:00,

3,Hai  dòng,15/07/1990,,1.0000000000000002,'
	# The merged "Ghi chú" (E1:F1) names one column: #N/A under its
	# second cell makes row 3 ragged, rejected, not cut.
	cd "$TMP"
	run --separate-stderr cbcc-normalize --rejects rej.csv cells.xlsx
	assert_success
	assert_output 'full_name,birth_year,party_member,stt,ghi_chu_x
Lò Văn A,1990,0,2,12:00:00
Hai dòng,1990,0,3,1.0000000000000002'
	run cat "$TMP/rej.csv"
	assert_output 'file,line,reason,record
cells.xlsx[Sheet1],3,"ragged: 6 fields, header has 5","1,Quàng Văn Hưởng,29/03/1980,TRUE,0.25,#N/A"'
}

@test "xlsx: an .xlsx renamed .csv is read by its first bytes" {
	communes
	cp "$TMP/communes.xlsx" "$TMP/communes.csv"
	run --separate-stderr cbcc-normalize --sheet all "$TMP/communes.csv"
	assert_success
	assert_output "$ALL"
}

@test "bad workbooks: truncated, password-protected, a zip bomb, bad XML, a DTD" {
	communes
	cd "$TMP"
	head -c 3000 communes.xlsx >trunc.xlsx
	run --separate-stderr cbcc-normalize trunc.xlsx
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'cbcc-normalize: trunc.xlsx: not a readable .xlsx workbook: Not a zip archive (a truncated or damaged file?)'
	mkxlsx-tool --encrypted locked.xlsx
	run --separate-stderr cbcc-normalize locked.xlsx
	assert_failure 1
	assert_equal "$stderr" 'cbcc-normalize: locked.xlsx: a password-protected (encrypted) workbook: open it in Excel, remove the password (File, Info, Protect Workbook) and save it again'
	mkxlsx-tool --bomb bomb.xlsx
	run --separate-stderr cbcc-normalize bomb.xlsx
	assert_failure 1
	assert_equal "$stderr" 'cbcc-normalize: bomb.xlsx: xl/worksheets/sheet1.xml declares 4.0 GiB uncompressed, over the limit of 2.0 GiB (a zip bomb?)'
	printf '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ tên</t></is></c><c r="B1" t="inlineStr"><is><t>Năm sinh</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>X</t></is></c><c r="B2"><v>1980</v></c></row><row r="3"><c r="A3"><v>1</v></row></sheetData></worksheet>' >bad.xml
	mkxlsx-tool --pack bad.xlsx bad.xml
	run --separate-stderr cbcc-normalize bad.xlsx
	assert_failure 1
	assert_output 'full_name,birth_year
X,1980'
	assert_equal "$stderr" 'cbcc-normalize: bad.xlsx[Sheet1]:3: bad XML at line 1: mismatched tag'
	printf '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>' >dtd.xml
	mkxlsx-tool --pack dtd.xlsx dtd.xml
	run --separate-stderr xlsxdump-tool dtd.xlsx 1
	assert_failure 1
	assert_equal "$stderr" 'xlsxdump-tool: dtd.xlsx[Sheet1]: the sheet holds a DTD'
}

@test "bad workbooks: a cell reference out of its row, a row going back" {
	cd "$TMP"
	printf '<worksheet><sheetData><row r="2"><c r="A3"><v>1</v></c></row></sheetData></worksheet>' >a.xml
	mkxlsx-tool --pack a.xlsx a.xml
	run --separate-stderr xlsxdump-tool a.xlsx 1
	assert_failure 1
	assert_equal "$stderr" 'xlsxdump-tool: a.xlsx[Sheet1]:2: cell A3 is not in row 2'
	printf '<worksheet><sheetData><row r="5"/><row r="4"/></sheetData></worksheet>' >b.xml
	mkxlsx-tool --pack b.xlsx b.xml
	run --separate-stderr xlsxdump-tool b.xlsx 1
	assert_failure 1
	assert_equal "$stderr" 'xlsxdump-tool: b.xlsx[Sheet1]:5: row 4 comes after row 5'
	# A dimension of the whole sheet does not pad rows to 16,384 cells.
	printf '<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="B1"><v>1</v></c></row></sheetData></worksheet>' >c.xml
	mkxlsx-tool --pack c.xlsx c.xml
	run xlsxdump-tool c.xlsx 1
	assert_success
	assert_output ',1'
}

@test "bad workbooks: a sheet of 1,048,576 empty rows in bounded memory" {
	cd "$TMP"
	mkxlsx-tool --empty-rows empty.xlsx 1048576
	# The memory bound, but for an ASan or TSan build, which maps
	# terabytes.
	limit='ulimit -v 300000;'
	[ -n "${CBCC_ASAN:-}${CBCC_TSAN:-}" ] && limit=
	run --separate-stderr bash -c "$limit cbcc-normalize empty.xlsx"
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'cbcc-normalize: empty.xlsx[Sheet1]: no header row found (no row names two columns such as "Họ và tên" and "Trình độ chuyên môn"); --map FILE can name a site'"'"'s own headers'
	printf '<worksheet><sheetData><row r="1048577"/></sheetData></worksheet>' >big.xml
	mkxlsx-tool --pack big.xlsx big.xml
	run --separate-stderr xlsxdump-tool big.xlsx 1
	assert_failure 1
	assert_equal "$stderr" 'xlsxdump-tool: big.xlsx[Sheet1]: row number "1048577" is not 1 to 1048576'
}

@test "samples: the 2021 roster as .xlsx and .xls gives the records of the CSV" {
	S=$TOP/samples
	cbcc-normalize "$S/roster-2021.csv" >"$TMP/csv.out" 2>/dev/null
	for f in roster-2021.xlsx roster-2021.xls; do
		run --separate-stderr cbcc-normalize "$S/$f"
		assert_success
		assert_output "$(cat "$TMP/csv.out")"
		assert_equal "$stderr" 'cbcc-normalize: 4 records rejected (title 2, numbering 1, total 1); --rejects FILE keeps them'
	done
}

@test "samples: the article's 2021 figures out of the workbooks" {
	S=$TOP/samples
	for f in roster-2021.xlsx roster-2021.xls; do
		cbcc-normalize "$S/$f" 2>/dev/null | cbcc-classify-education 2>/dev/null |
		    cbcc-aggregate --where staff_type=cong_chuc -c education_level,state_mgmt_level --cumulative >"$TMP/agg.csv"
		run grep -E '^2021,education,(trung_cap|cao_dang|dai_hoc|thac_si\+),' "$TMP/agg.csv"
		assert_output '2021,education,trung_cap,327,1279,25.6
2021,education,cao_dang,122,1279,9.5
2021,education,dai_hoc,827,1279,64.7
2021,education,thac_si+,3,1279,0.2'
		run grep -E '^2021,state_mgmt,chuyen_vien\+,' "$TMP/agg.csv"
		assert_output '2021,state_mgmt,chuyen_vien+,769,1279,60.1'
	done
}

@test "samples: the committed workbooks are what the tools make from the CSV" {
	S=$TOP/samples
	mkxlsx-tool -m A1:P1 -m A2:P2 -s "Danh sách 2021" "$TMP/r.xlsx" "$S/roster-2021.csv"
	xlsxdump-tool "$S/roster-2021.xlsx" 1 >"$TMP/committed.csv"
	run xlsxdump-tool "$TMP/r.xlsx" 1
	assert_output "$(cat "$TMP/committed.csv")"
	run xlsxdump-tool "$S/roster-2021.xls" 1
	assert_output "$(cat "$TMP/committed.csv")"
}

@test "xlsx: a workbook on standard input is named as such" {
	run --separate-stderr cbcc-normalize <"$TOP/samples/roster-2021.xlsx"
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'cbcc-normalize: <stdin>: an Excel workbook (.xlsx) on standard input: name its file as an operand'
	run --separate-stderr cbcc-normalize - <"$TOP/samples/roster-2021.xls"
	assert_failure 1
	assert_equal "$stderr" 'cbcc-normalize: <stdin>: an Excel workbook (.xls) on standard input: name its file as an operand'
}

@test "bad workbooks: a part failing its CRC is an error, nothing leaks" {
	# The CRC of _rels/.rels in the central directory, byte 194873.
	cp "$TOP/samples/roster-2021.xlsx" "$TMP/crc.xlsx"
	printf '\015' | dd of="$TMP/crc.xlsx" bs=1 seek=194873 conv=notrunc \
	    status=none
	cd "$TMP"
	run --separate-stderr cbcc-normalize crc.xlsx
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" 'cbcc-normalize: crc.xlsx: _rels/.rels: CRC error'
}

# Damaged copies of a sample workbook, $1 (CBCC_DAMAGED of them, 20 unless
# set; 300 is the full run): each read, or refused with messages that name
# it; never a crash or a sanitizer's report.
damaged() {
	local n=${CBCC_DAMAGED:-20} k f
	mkdir "$TMP/d"
	damage-tool -s 1 -n "$n" "$TOP/samples/$1" "$TMP/d"
	for k in $(seq "$n"); do
		f=$TMP/d/${1%.*}-$k.${1##*.}
		run --separate-stderr cbcc-normalize "$f"
		case $status in
		0) ;;
		1) [ -n "$stderr" ] || fail "copy $k: status 1, no message" ;;
		*) fail "copy $k: status $status: $stderr" ;;
		esac
		if grep -v "^cbcc-normalize: \($f\|[0-9]* records\? rejected\)" \
		    <<<"$stderr" | grep -q .; then
			fail "copy $k: $stderr"
		fi
		if [ "$status" -eq 1 ] && [ "${1##*.}" = xls ]; then
			[[ $stderr == "cbcc-normalize: $f: not a readable .xls workbook: "* ]] ||
			    fail "copy $k: $stderr"
			[ "$(wc -l <<<"$stderr")" -eq 1 ] || fail "copy $k: $stderr"
		fi
	done
}

@test "damaged workbooks: copies of the .xls sample are read or refused, one message each" {
	damaged roster-2021.xls
}

@test "damaged workbooks: copies of the .xlsx sample are read or refused with a message" {
	damaged roster-2021.xlsx
}

@test "xlsx: libzip is loaded with the first workbook, and its absence is an error for that operand alone" {
	communes
	cd "$TMP"
	# Not linked: start-up does not pay for libzip and the libcrypto it
	# brings.
	run ldd "$TOP/bin/cbcc-normalize"
	assert_success
	refute_output --partial libzip
	refute_output --partial libcrypto
	# CBCC_TEST_LIBZIP names the library instead of libzip.so.4 (xlsx.c).
	# Text is read without it.
	CBCC_TEST_LIBZIP=libzip-missing.so.4 run --separate-stderr \
	    cbcc-normalize "$X/muong-phang.csv"
	assert_success
	CBCC_TEST_LIBZIP=libzip-missing.so.4 run --separate-stderr \
	    cbcc-normalize communes.xlsx "$X/thanh-nua.csv"
	assert_failure 1
	assert_output "$(cbcc-normalize "$X/thanh-nua.csv" 2>/dev/null)"
	assert_line --index 1 '2021,102,Lường Văn Chăn,nam,1969,Thái,Đại học,Cao cấp,Chuyên viên chính,1'
	assert_equal "$stderr" "cbcc-normalize: communes.xlsx: cannot read .xlsx: libzip-missing.so.4: cannot open shared object file: No such file or directory
cbcc-normalize: $X/thanh-nua.csv: no year column: year 2021 taken from the title
cbcc-normalize: 2 records rejected (title 2); --rejects FILE keeps them"
	# A library without libzip's functions.
	CBCC_TEST_LIBZIP=libz.so.1 run --separate-stderr \
	    cbcc-normalize communes.xlsx communes.xlsx
	assert_failure 1
	assert_output ''
	[[ $stderr =~ ^'cbcc-normalize: communes.xlsx: cannot read .xlsx: '[^$'\n']*'libz.so.1: undefined symbol: zip_discard'$'\n''cbcc-normalize: communes.xlsx: cannot read .xlsx: '[^$'\n']*'libz.so.1: undefined symbol: zip_discard'($'\n'|$) ]]
}
