#!/usr/bin/env bats
# Workbooks from other writers: one commune roster (title rows, a merged
# two-row header, a numbering row, STT by formula, birth dates as date
# cells, a total row by formula) as LibreOffice, Gnumeric, XlsxWriter,
# openpyxl and xlwt write it, .xlsx and .xls, each with the CSV its writer
# exports.  The files and the script that made them (make-writers, with
# the Debian packages named there) are in fixtures/writers.

bats_require_minimum_version 1.5.0
load test_helper

W=$FIX/writers
BOOKS="libreoffice.xlsx libreoffice.xls libreoffice-1904.xls gnumeric.xlsx
gnumeric.xls gnumeric-biff7.xls xlsxwriter.xlsx xlsxwriter-1904.xlsx
openpyxl.xlsx xlwt.xls"

# The CSV twin of workbook $1: what its writer exports.
twin() {
	case $1 in
	libreoffice*) echo libreoffice.csv ;;
	gnumeric*) echo gnumeric.csv ;;
	*) echo roster.csv ;;
	esac
}

@test "writers: every workbook's sheet reads as the roster its writer shows" {
	# An empty row of the sheet is an empty line, where a CSV export
	# writes a line of commas.
	want=$(sed 's/^,*$//' "$W/roster.csv")
	for b in $BOOKS; do
		run --separate-stderr xlsxdump-tool "$W/$b" 1
		assert_success
		[ "$output" = "$want" ] || fail "$b: $(diff <(printf '%s\n' \
		    "$output") <(printf '%s\n' "$want") | head -5)"
		run xlsxdump-tool "$W/$b"
		assert_output "${b##*.}
1	Danh sách 2023"
	done
	# The writers' own CSV exports hold the same roster.
	run cmp "$W/libreoffice.csv" "$W/roster.csv"
	assert_success
	run recdump-tool "$W/gnumeric.csv"
	assert_output "$(recdump-tool "$W/roster.csv")"
}

@test "writers: each workbook gives the records, rejects and messages of its CSV twin" {
	cd "$W"
	for b in $BOOKS; do
		t=$(twin "$b")
		cbcc-normalize --rejects "$TMP/t.rej" "$t" >"$TMP/t.out" \
		    2>"$TMP/t.err"
		run --separate-stderr cbcc-normalize --rejects "$TMP/b.rej" "$b"
		assert_success
		assert_output "$(cat "$TMP/t.out")"
		assert_equal "${stderr//"$b[Danh sách 2023]"/F}" \
		    "$(sed "s/$t/F/" "$TMP/t.err")"
		# The rejects' lines and reasons but for the CSV's blank rows (a
		# line of commas for an empty row); their text as roster.csv
		# writes it (gnumeric.csv quotes more).
		run cut -d, -f2,3 "$TMP/b.rej"
		assert_output "$(cut -d, -f2,3 "$TMP/t.rej" | grep -v ',blank$')"
		cbcc-normalize --rejects "$TMP/r.rej" roster.csv >/dev/null 2>&1
		run cut -d, -f2- "$TMP/b.rej"
		assert_output "$(cut -d, -f2- "$TMP/r.rej" | grep -v '^[0-9]*,blank,')"
	done
	# Twelve people; the total row is no person.
	run grep -c . "$TMP/t.out"
	assert_output 13
	run grep -c '^xlwt.xls\[Danh sách 2023\],22,total,"Tổng cộng: 12 người,' "$TMP/b.rej"
	assert_output 1
}

@test "writers: dates in every writer's format give the same birth years and date text" {
	cd "$W"
	# The formats: Gnumeric's number 100, LibreOffice's and Excel's
	# locale-tagged codes, built-in 14 in the 1904 system, ISO date cells.
	run bash -c "unzip -p gnumeric.xlsx xl/styles.xml | grep -o '<numFmt [^>]*>'"
	assert_output '<numFmt formatCode="dd/mm/yyyy" numFmtId="100"/>'
	run bash -c "unzip -p libreoffice.xlsx xl/styles.xml | grep -o 'formatCode=\"[^\"]*y[^\"]*\"'"
	assert_output 'formatCode="[$-42A]dd/mm/yyyy"'
	run bash -c "unzip -p xlsxwriter.xlsx xl/styles.xml | grep -o 'formatCode=\"[^\"]*\"'"
	assert_output 'formatCode="[$-42A]dd/mm/yyyy;@"'
	run bash -c "unzip -p xlsxwriter-1904.xlsx xl/workbook.xml xl/styles.xml | grep -o 'date1904=\"1\"\|numFmtId=\"14\"'"
	assert_output 'date1904="1"
numFmtId="14"'
	run bash -c "unzip -p openpyxl.xlsx xl/worksheets/sheet1.xml | grep -o '<c r=\"C10\"[^>]*><v>[^<]*'"
	assert_output '<c r="C10" s="1" t="d"><v>1975-03-12'
	for b in $BOOKS; do
		run bash -c "cbcc-normalize --format jsonl $b 2>/dev/null | jq -r .birth_year | tr '\n' ' '"
		assert_output '1975 1988 1988 1969 1990 1965 1992 1985 1996 1979 1998 1970 '
		run bash -c "xlsxdump-tool $b 1 | sed -n '10p;12p;21p' | cut -d, -f3,4"
		assert_output '12/03/1975,
,29/02/1988
31/12/1970,'
	done
}

@test "writers: the cells of each kind, from LibreOffice, Gnumeric and xlwt; an empty sheet" {
	long="Quá trình công tác: $(for y in $(seq 1990 2 2020); do printf '%d-%d cán bộ xã Quài Cang; ' "$y" $((y + 2)); done)"
	long=${long%; }
	# LibreOffice keeps a boolean as a number formatted TRUE or FALSE:
	# the number stands; a formula's boolean result is one.
	for b in libreoffice-cells.xls libreoffice-cells.xlsx gnumeric-cells.xls \
	    gnumeric-cells.xlsx; do
		run xlsxdump-tool "$W/$b" 1
		assert_success
		# Their .xlsx and Gnumeric's keep numbers to 15 digits.
		x=1.0000000000000002
		[ "$b" = libreoffice-cells.xls ] || x=1
		assert_output "Đảng viên,1,0,FALSE,TRUE,
0.25,1985,1986,1987,-3.5,$x
#DIV/0!,#N/A,,1,Lò Văn Thắm,
12:00:00,01/01/1990 12:00:00,29/02/1988,,,

$long,,,,,"
	done
	run xlsxdump-tool "$W/xlwt-cells.xls" 1
	assert_success
	assert_output 'Đảng viên,TRUE,FALSE,#N/A,#DIV/0!,
0.25,1985,1986,1987,-3.5,1.0000000000000002

12:00:00,01/01/1990 12:00:00,29/02/1988,,,'
	# A sheet with no cells: no text.
	run xlsxdump-tool "$W/xlwt-cells.xls"
	assert_output 'xls
1	Ô
2	Trống'
	run --separate-stderr xlsxdump-tool "$W/xlwt-cells.xls" Trống
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
}
