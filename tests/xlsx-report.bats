#!/usr/bin/env bats
# Excel out: cbcc-report --format xlsx -o FILE writes the indicators as a
# workbook (libxlsxwriter); read back here by the workbook reader
# (xlsxdump-tool) and by Debian's xlsx2csv.

bats_require_minimum_version 1.5.0
load test_helper

R=$FIX/report

report() {
	cbcc-report --format xlsx -o "$TMP/r.xlsx" --diff "$R/diff.csv" \
	    --records "$R/records.csv" "$R/agg.csv"
}

@test "report xlsx: the sheets, and the workbook opens in xlsx2csv" {
	run report
	assert_success
	assert_output ''
	run xlsxdump-tool "$TMP/r.xlsx"
	assert_output 'xlsx
1	Chất lượng
2	Thay đổi
3	Biểu đồ
4	Bồi dưỡng'
	run xlsx2csv -n "Bồi dưỡng" "$TMP/r.xlsx"
	assert_success
	assert_output '"Bồi dưỡng, tập huấn",,,
Số lượt bồi dưỡng so với kế hoạch.,,,

Đơn vị,Số lượt,Kế hoạch,Đạt (% kế hoạch)
"Năm 2021, huyện Điện Biên",8672,8145,1.065
"Năm 2021, thành phố Điện Biên Phủ",1200,,'
}

@test "report xlsx: the quality table in the layout of the forms, shares as fractions" {
	report
	run xlsxdump-tool "$TMP/r.xlsx" "Chất lượng"
	assert_success
	assert_output '"Chất lượng đội ngũ cán bộ, công chức cấp xã",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,
"Số người và tỷ lệ (%) trên tổng số của từng đơn vị, từng năm.",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,

Đơn vị,Năm,Đối tượng,Tổng số (người),Trình độ chuyên môn,,,,,,,,,,,,,,Trình độ lý luận chính trị,,,,,,,,Quản lý nhà nước,,,,,,,
,,,,Chưa qua đào tạo,,Sơ cấp,,Trung cấp,,Cao đẳng,,Đại học,,Trên đại học,,Không rõ,,Chưa qua đào tạo,,Sơ cấp,,Trung cấp,,Cao cấp,,Chưa qua bồi dưỡng,,Chuyên viên,,Chuyên viên chính,,Chuyên viên cao cấp,
,,,,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ,Số người,Tỷ lệ
Toàn tỉnh,2016,"Cán bộ, công chức",1000,8,0.008,10,0.01,664,0.664,117,0.117,196,0.196,0,0,5,0.005,400,0.4,300,0.3,280,0.28,20,0.02,700,0.7,290,0.29,10,0.01,0,0
Toàn tỉnh,2021,"Cán bộ, công chức",1279,0,0,0,0,327,0.2556684910086005,122,0.09538702111024237,827,0.6465989053948398,3,0.002345582486317436,0,0,500,0.3909304143862393,293,0.2290852228303362,450,0.3518373729476153,36,0.02814698983580922,510,0.3987490226739641,700,0.547302580140735,69,0.05394839718530102,0,0'
	# Formatted as Excel shows them: xlsx2csv applies 0.0% to 64.7%.
	run xlsx2csv -n "Chất lượng" "$TMP/r.xlsx"
	assert_line --index 6 'Toàn tỉnh,2021,"Cán bộ, công chức",1279,0,0.000,0,0.000,327,0.256,122,0.095,827,0.647,3,0.002,0,0.000,500,0.391,293,0.229,450,0.352,36,0.028,510,0.399,700,0.547,69,0.054,0,0.000'
}

@test "report xlsx: number formats a Vietnamese Excel shows as 1.279 and 64,7%; frozen header" {
	report
	cd "$TMP"
	run bash -c "unzip -p r.xlsx xl/styles.xml | grep -o '<numFmt [^>]*>'"
	assert_output '<numFmt numFmtId="164" formatCode="#,##0"/>
<numFmt numFmtId="165" formatCode="0.0%"/>
<numFmt numFmtId="166" formatCode="+0.0;-0.0;0.0"/>'
	run bash -c "unzip -p r.xlsx xl/worksheets/sheet1.xml | grep -o '<pane [^>]*>\|<col [^>]*>'"
	assert_output '<pane xSplit="4" ySplit="6" topLeftCell="E7" activePane="bottomRight" state="frozen"/>
<col min="1" max="1" width="26.7109375" customWidth="1"/>
<col min="2" max="2" width="7.7109375" customWidth="1"/>
<col min="3" max="3" width="16.7109375" customWidth="1"/>
<col min="4" max="34" width="9.7109375" customWidth="1"/>'
	cbcc-report --format xlsx --precision 2 -o p.xlsx "$R/agg.csv"
	run bash -c "unzip -p p.xlsx xl/styles.xml | grep -o 'formatCode=\"[^\"]*%\"'"
	assert_output 'formatCode="0.00%"'
}

@test "report xlsx: the year-on-year changes from --diff" {
	report
	run xlsxdump-tool "$TMP/r.xlsx" "Thay đổi"
	assert_success
	assert_output 'Thay đổi giữa các năm,,,,,,,,,,,
Tỷ lệ (%) trên tổng số; thay đổi tính bằng điểm phần trăm; mỗi dòng so sánh cùng một đối tượng.,,,,,,,,,,,

Đơn vị,Đối tượng,Từ năm,Đến năm,Chỉ tiêu,Mức,Số người (từ),Số người (đến),Tỷ lệ (từ),Tỷ lệ (đến),Thay đổi (người),Thay đổi (điểm %)
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ chuyên môn,Chưa qua đào tạo,8,0,0.008,0,-8,-0.8
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ chuyên môn,Sơ cấp,10,0,0.01,0,-10,-1
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ chuyên môn,Trung cấp,664,327,0.664,0.256,-337,-40.8
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ chuyên môn,Cao đẳng,117,122,0.117,0.095,5,-2.2
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ chuyên môn,Đại học,196,827,0.196,0.647,631,45.1
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ chuyên môn,Trên đại học,0,3,0,0.002,3,0.2
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ chuyên môn,Không rõ,5,0,0.005,0,-5,-0.5
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ lý luận chính trị,Chưa qua đào tạo,400,500,0.4,0.391,100,-0.9
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ lý luận chính trị,Sơ cấp,300,293,0.3,0.229,-7,-7.1
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ lý luận chính trị,Trung cấp,280,450,0.28,0.352,170,7.2
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ lý luận chính trị,Cao cấp,20,36,0.02,0.028,16,0.8
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Trình độ lý luận chính trị,Trung cấp trở lên,300,486,0.3,0.38,186,8
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Quản lý nhà nước,Chưa qua bồi dưỡng,700,510,0.7,0.399,-190,-30.1
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Quản lý nhà nước,Chuyên viên,290,700,0.29,0.547,410,25.7
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Quản lý nhà nước,Chuyên viên chính,10,69,0.01,0.054,59,4.4
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Quản lý nhà nước,Chuyên viên cao cấp,0,0,0,0,0,0
Toàn tỉnh,"Cán bộ, công chức",2016,2021,Quản lý nhà nước,Đã qua bồi dưỡng,300,769,0.3,0.601,469,30.1'
}

@test "report xlsx: a native column chart of the education shares, year beside year" {
	report
	run xlsxdump-tool "$TMP/r.xlsx" "Biểu đồ"
	assert_output 'Trình độ chuyên môn: tỷ lệ (%) theo năm,,,,,,,
Mỗi đơn vị một bảng và một biểu đồ; các năm đặt cạnh nhau.,,,,,,,

"Cán bộ, công chức toàn tỉnh",,,,,,,
Trình độ,Năm 2016,Năm 2021,,,,,
Chưa qua đào tạo,0.008,0,,,,,
Sơ cấp,0.01,0,,,,,
Trung cấp,0.664,0.2556684910086005,,,,,
Cao đẳng,0.117,0.09538702111024237,,,,,
Đại học,0.196,0.6465989053948398,,,,,
Trên đại học,0,0.002345582486317436,,,,,
Không rõ,0.005,0,,,,,'
	cd "$TMP"
	run bash -c "unzip -l r.xlsx | grep -c 'xl/charts/chart[0-9]*.xml'"
	assert_output 1
	run bash -c "unzip -p r.xlsx xl/charts/chart1.xml | grep -o '<c:barDir [^>]*>\|<c:grouping [^>]*>\|<c:f>[^<]*</c:f>\|<c:formatCode>0.0%</c:formatCode>\|<a:t>[^<]*</a:t>'"
	assert_output "<a:t>Cán bộ, công chức toàn tỉnh: trình độ chuyên môn</a:t>
<c:barDir val=\"col\"/>
<c:grouping val=\"clustered\"/>
<c:f>'Biểu đồ'!\$B\$5</c:f>
<c:f>'Biểu đồ'!\$A\$6:\$A\$12</c:f>
<c:f>'Biểu đồ'!\$B\$6:\$B\$12</c:f>
<c:f>'Biểu đồ'!\$C\$5</c:f>
<c:f>'Biểu đồ'!\$A\$6:\$A\$12</c:f>
<c:f>'Biểu đồ'!\$C\$6:\$C\$12</c:f>"
}

@test "report xlsx: -o is required, and only for xlsx; write errors are errors" {
	run --separate-stderr cbcc-report --format xlsx "$R/agg.csv"
	assert_failure 2
	assert_equal "$stderr" 'cbcc-report: --format xlsx writes a workbook file: name it with -o FILE (a workbook cannot go to standard output)
usage: cbcc-report [--strict] [--crosswalk file] [--diff file] [--format fmt] [--precision n]
                   [--records file] [--rejects file] [--shortfall file] [--title text] [--where col=value]
                   [-o file] [file ...]'
	run --separate-stderr cbcc-report -o "$TMP/x" "$R/agg.csv"
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" 'cbcc-report: -o is for --format xlsx; the other formats go to standard output'
	run --separate-stderr cbcc-report --format xlsx -o /dev/full "$R/agg.csv"
	assert_failure 1
	assert_equal "$stderr" 'cbcc-report: /dev/full: cannot write the workbook: No space left on device'
	run --separate-stderr cbcc-report --format xlsx -o "$TMP/no/such/dir.xlsx" "$R/agg.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: $TMP/no/such/dir.xlsx: cannot write the workbook: No such file or directory"
}

@test "indicators: report.xlsx and report.html hold the numbers of the aggregates, cell by cell" {
	cbcc-indicators -q -o "$TMP/out" -s "$TOP/samples/standards.csv" \
	    "$TOP/samples/roster-2016.csv" "$TOP/samples/roster-2021.csv"
	cd "$TMP/out"
	xlsxdump-tool report.xlsx "Chất lượng" >q.csv
	run "$R/check-form" report.html q.csv aggregate.csv \
	    aggregate-staff-type.csv aggregate-district.csv
	assert_success
	assert_output --regexp '^checked [0-9]+ rows, [0-9]+ cells$'
	# A row per district and the whole province, per year and people.
	run grep -c '^Toàn tỉnh,' q.csv
	assert_output 6
	run grep -c '^Huyện Điện Biên,20[12][16],"Cán bộ, công chức",' q.csv
	assert_output 2
}

@test "report xlsx and html: the form table, checked cell by cell against the aggregates" {
	cbcc-report --format html "$R/form-tinh.csv" "$R/form-loai.csv" \
	    "$R/form-huyen.csv" >"$TMP/r.html"
	cbcc-report --format xlsx -o "$TMP/r.xlsx" "$R/form-tinh.csv" \
	    "$R/form-loai.csv" "$R/form-huyen.csv"
	xlsxdump-tool "$TMP/r.xlsx" "Chất lượng" >"$TMP/q.csv"
	run "$R/check-form" "$TMP/r.html" "$TMP/q.csv" "$R/form-tinh.csv" \
	    "$R/form-loai.csv" "$R/form-huyen.csv"
	assert_success
	assert_output "checked 10 rows, 860 cells"
	# The order of the form: per year, all staff then cán bộ then công
	# chức, the whole province before its units.
	run awk -F, 'NR > 6 { print $1 "|" $2 "|" $3 }' "$TMP/q.csv"
	assert_output 'Toàn tỉnh|2016|"Cán bộ
Huyện Điện Biên|2016|"Cán bộ
Thành phố Điện Biên Phủ|2016|"Cán bộ
Toàn tỉnh|2016|Cán bộ
Toàn tỉnh|2016|Công chức
Toàn tỉnh|2021|"Cán bộ
Huyện Điện Biên|2021|"Cán bộ
Thành phố Điện Biên Phủ|2021|"Cán bộ
Toàn tỉnh|2021|Cán bộ
Toàn tỉnh|2021|Công chức'
	# The form's columns: nữ, đảng viên, dân tộc thiểu số under "Trong
	# đó", then the levels of each dimension, the age bands last.
	run sed -n 4p "$TMP/q.csv"
	assert_output --regexp '^Đơn vị,Năm,Đối tượng,Tổng số \(người\),Trong đó,,,,,,[^,]'
	run sed -n 5p "$TMP/q.csv"
	assert_output --regexp '^,,,,Nữ,,Đảng viên,,Dân tộc thiểu số,,.*,Trên đại học,,.*Từ 30 trở xuống,,Từ 31 đến 40,,Từ 41 đến 50,,Từ 51 đến 60,,Trên 60,,Không rõ,$'
}

@test "indicators: a workbook roster goes through the whole chain like its CSV" {
	S=$TOP/samples
	cbcc-indicators -q -o "$TMP/csv" "$S/roster-2016.csv" "$S/roster-2021.csv"
	cbcc-indicators -q -o "$TMP/xlsx" "$S/roster-2016.csv" "$S/roster-2021.xlsx"
	cbcc-indicators -q -o "$TMP/xls" "$S/roster-2016.csv" "$S/roster-2021.xls"
	for f in aggregate.csv diff.csv shortfall.csv report.txt; do
		cmp "$TMP/csv/$f" "$TMP/xlsx/$f"
		cmp "$TMP/csv/$f" "$TMP/xls/$f"
	done
	run grep -F 'đại học 64,7%' "$TMP/xlsx/report.txt"
	assert_success
}

@test "report xlsx: a text over Excel's 32,767 characters is cut with a mark, and said" {
	python3 -c '
print("year,district,dimension,level,count,total,percent")
print("2021,Huyện " + "Đ" * 20000 + "x" * 30000 + ",education,dai_hoc,1,2,50.0")' >"$TMP/a.csv"
	run --separate-stderr cbcc-report --format xlsx -o "$TMP/r.xlsx" "$TMP/a.csv"
	assert_success
	assert_equal "$stderr" "cbcc-report: $TMP/r.xlsx: 3 texts longer than Excel holds (32767 characters in a cell, 255 in a title) cut, ending in \"… [cắt bớt]\"; the first: Chất lượng!A7"
	# The cell, the unit over the chart's table, the chart's title.
	xlsx2csv -n "Chất lượng" "$TMP/r.xlsx" >"$TMP/q.csv"
	run python3 -c '
import csv, sys, zipfile, re
rows = list(csv.reader(open(sys.argv[1] + "/q.csv")))
c = rows[6][0]
print(len(c), c[:6], c.count("Đ"), c.count("x"), c[-11:])
z = zipfile.ZipFile(sys.argv[1] + "/r.xlsx")
t = re.findall("<a:t>([^<]*)</a:t>", z.read("xl/charts/chart1.xml").decode())
print(len(t[0]), t[0][-11:])
' "$TMP"
	assert_output "32767 Huyện  20000 12750 … [cắt bớt]
255 … [cắt bớt]"
	run xlsx2csv -n "Biểu đồ" "$TMP/r.xlsx"
	assert_success
}
