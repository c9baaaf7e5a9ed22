#!/usr/bin/env bats
# scripts/cbcc-indicators: the whole chain into one directory, atomically,
# one run at a time, quiet on success.  A stand-in cbcc-normalize (the
# fixture roster is already canonical) keeps these tests about the runner;
# the last test runs the real chain on the samples.
bats_require_minimum_version 1.5.0
load test_helper

I=$BATS_TEST_DIRNAME/fixtures/indicators

# run_ind ARGS...: the runner on the fixture roster into $TMP/out (or
# the -o of ARGS).
run_ind() {
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -t "$I/training.csv" \
	    -p "$I/plan.csv" -o "$TMP/out" "$@" "$I/canonical.csv"
}

@test "indicators: every product, nothing on stdout or stderr" {
	run_ind
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	run ls "$TMP/out"
	assert_output "aggregate-district.csv
aggregate-staff-type.csv
aggregate.csv
classified.csv
diff-district.csv
diff-staff-type.csv
diff.csv
normalized.csv
rejects.csv
report-district.txt
report.html
report.txt
report.xlsx
shortfall.csv
training.csv
unmatched.csv
warnings.txt"
	# The lock file goes with the run.
	run ls "$TMP"
	assert_output "out"
}

@test "indicators: personal data readable by the owner only" {
	run_ind
	assert_success
	run stat -c '%a %n' "$TMP/out" "$TMP/out/classified.csv" \
	    "$TMP/out/rejects.csv" "$TMP/out/shortfall.csv" \
	    "$TMP/out/report.txt"
	assert_output "700 $TMP/out
600 $TMP/out/classified.csv
600 $TMP/out/rejects.csv
600 $TMP/out/shortfall.csv
600 $TMP/out/report.txt"
}

@test "indicators: the report is the report of the products" {
	run_ind
	assert_success
	cd "$TMP/out"
	run cbcc-report aggregate.csv aggregate-staff-type.csv diff.csv \
	    diff-staff-type.csv training.csv
	assert_success
	assert_output "$(cat report.txt)"
	assert_line --regexp "^Năm 2021, toàn tỉnh có 4 cán bộ, công chức(, trong đó nữ .*)?\.$"
	assert_line "Trình độ chuyên môn: trung cấp 25,0%; đại học 50,0%; trên đại học 25,0%."
	assert_line "Năm 2021, huyện Điện Biên: bồi dưỡng 2/2 lượt cán bộ, công chức, viên chức, đạt 100,0% kế hoạch."
	# A chart per dimension for all, for cán bộ and for công chức.
	run grep -c '<svg ' report.html
	assert_output 27
	run head -2 rejects.csv
	assert_output "step,file,line,reason,record"
}

@test "indicators: rejects of every step in rejects.csv, the step named" {
	cp "$I/canonical.csv" "$TMP/r.csv"
	printf '2021,Tỉnh Điện Biên,Huyện Điện Biên,Thanh Xương,"Lò\nVăn E",nam\n' \
	    >>"$TMP/r.csv"
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -o "$TMP/out" "$TMP/r.csv"
	assert_success
	assert_equal "$stderr" ""
	run cat "$TMP/out/rejects.csv"
	assert_output 'step,file,line,reason,record
classify,normalized.csv,9,"ragged: 6 fields, header has 16","2021,Tỉnh Điện Biên,Huyện Điện Biên,Thanh Xương,""Lò
Văn E"",nam"'
}

@test "indicators: a failing step keeps the previous directory, names the step" {
	run_ind
	assert_success
	sum=$(cat "$TMP/out"/* | cksum)
	mkdir "$TMP/bin"
	printf '#!/bin/sh\necho "cbcc-classify-education: disk on fire" >&2\nexit 1\n' \
	    >"$TMP/bin/cbcc-classify-education"
	chmod +x "$TMP/bin/cbcc-classify-education"
	PATH=$TMP/bin:$PATH run_ind
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "cbcc-classify-education: disk on fire
cbcc-indicators: step classify failed (exit 1); previous $TMP/out kept"
	assert_equal "$(cat "$TMP/out"/* | cksum)" "$sum"
	run ls "$TMP"
	assert_output "bin
out"
}

@test "indicators: a failing first run writes nothing" {
	mkdir "$TMP/bin"
	printf '#!/bin/sh\nexit 3\n' >"$TMP/bin/cbcc-report"
	chmod +x "$TMP/bin/cbcc-report"
	PATH=$TMP/bin:$PATH run_ind
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: 2016: 1 record, no standard in force
cbcc-check-standards: 2021: 1 record, no standard in force
cbcc-indicators: step report failed (exit 3); $TMP/out not written"
	run ls "$TMP"
	assert_output "bin"
}

@test "indicators: one run at a time" {
	run_ind
	assert_success
	sum=$(cat "$TMP/out"/* | cksum)
	run --separate-stderr flock "$TMP/out.lock" env PATH="$I/fakebin:$PATH" \
	    cbcc-indicators -s "$TOP/samples/standards.csv" -o "$TMP/out" \
	    -w 1 "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/out is being rebuilt by another run (lock $TMP/out.lock held)"
	assert_equal "$(cat "$TMP/out"/* | cksum)" "$sum"
	# Once the lock is free the next run goes on.
	run_ind
	assert_success
}

USAGE='usage: cbcc-indicators [-qV] [-c crosswalk] [-d difficult] [-e encoding]
       [-m mapfile] [-o dir] [-p plan] [-s standards] [--sheet sheet]
       [-t training] [-w seconds] [-y year] roster ...'

@test "indicators: usage and input errors" {
	run --separate-stderr cbcc-indicators -w soon r.csv
	assert_failure 2
	assert_equal "$stderr" "cbcc-indicators: -w soon: not a number of seconds
$USAGE"
	run --separate-stderr cbcc-indicators -y 21 r.csv
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "cbcc-indicators: -y 21: not a year"
	run --separate-stderr cbcc-indicators -x r.csv
	assert_failure 2
	assert_equal "$stderr" "cbcc-indicators: invalid option -- 'x'
$USAGE"
	run --separate-stderr cbcc-indicators --bogus r.csv
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "cbcc-indicators: unrecognized option '--bogus'"
	run --separate-stderr cbcc-indicators -o "$TMP/out" "$TMP/none.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/none.csv: cannot read"
	local s=$TOP/samples/standards.csv
	run --separate-stderr cbcc-indicators -s "$s" -o "$TMP/no/out" \
	    "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/no: no such directory"
	echo x >"$TMP/file"
	run --separate-stderr cbcc-indicators -s "$s" -o "$TMP/file" \
	    "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/file: not a directory"
	rm "$TMP/file"
	run ls "$TMP"
	assert_output ""
}

@test "indicators: no roster is a usage error, never the samples" {
	cd "$TMP"
	run --separate-stderr cbcc-indicators -o out
	assert_failure 2
	assert_equal "$stderr" "cbcc-indicators: no roster given
$USAGE"
	# A cron line whose glob matched nothing passes the pattern itself.
	run --separate-stderr cbcc-indicators -o out in/*.csv
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: in/*.csv: cannot read"
	run ls "$TMP"
	assert_output ""
}

@test "indicators: --help and -h on standard output, --version and -V" {
	local o
	for o in -h --help; do
		run --separate-stderr cbcc-indicators "$o"
		assert_success
		assert_equal "$stderr" ""
		assert_output "$USAGE
See the manual page cbcc-indicators(1)."
	done
	for o in -V --version; do
		run --separate-stderr cbcc-indicators "$o"
		assert_success
		assert_output --regexp '^cbcc-indicators [0-9]+\.[0-9]+\.[0-9]+$'
	done
}

@test "indicators: long options, and options after the rosters" {
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    "$I/canonical.csv" --standards="$TOP/samples/standards.csv" \
	    --training "$I/training.csv" --plan="$I/plan.csv" --quiet \
	    --wait 0 --output "$TMP/out"
	assert_success
	assert_equal "$stderr" ""
	[ -f "$TMP/out/training.csv" ]
}

@test "indicators: without -s, the standards shipped with cbcc, said so" {
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    -o "$TMP/out" "$I/canonical.csv"
	assert_success
	assert_equal "$stderr" "cbcc-indicators: no -s: the standards of $TOP/samples/standards.csv"
	assert_equal "$(head -1 "$TMP/out/warnings.txt")" "$stderr"
}

# The two years of the fixture roster, 2021 only.
one_year() {
	awk -F, 'NR == 1 || $1 == 2021' "$I/canonical.csv" >"$TMP/r2021.csv"
}

@test "indicators: one year gives every product, no changes, the report says so" {
	one_year
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -o "$TMP/out" "$TMP/r2021.csv"
	assert_success
	assert_equal "$stderr" ""
	run ls "$TMP/out"
	assert_line diff.csv
	assert_line diff-staff-type.csv
	assert_line diff-district.csv
	assert_line report.html
	assert_line shortfall.csv
	cd "$TMP/out"
	assert_equal "$(cat diff.csv)" "dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp"
	assert_equal "$(cat diff-staff-type.csv)" "staff_type,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp"
	assert_equal "$(cat diff-district.csv)" "district,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp"
	run cat report.txt
	assert_line --index 0 --regexp "^Năm 2021, toàn tỉnh có 4 cán bộ, công chức, trong đó nữ 1 người \(25,0%\), "
	assert_line "Không có năm trước để so sánh."
	refute_line --partial "So sánh"
	run grep -c "Không có năm trước để so sánh" report.html
	assert_output 1
	run xlsxdump-tool report.xlsx "Thay đổi"
	assert_line "Không có năm trước để so sánh.,,,,,,,,,,,"
	# The header is what cbcc-diff-years writes for two years.
	run cbcc-diff-years "$(cd .. && pwd)/out/aggregate-staff-type.csv"
	assert_failure 1
	cbcc-diff-years <(sed 's/^2021,/2016,/' aggregate-staff-type.csv;
	    tail -n +2 aggregate-staff-type.csv) 2>/dev/null | head -1 >"$TMP/h"
	assert_equal "$(cat "$TMP/h")" "$(cat diff-staff-type.csv)"
}

# commune_book FILE: a workbook as a commune sends it, two sheets of 2021
# (no district, staff type or position column: Huyện is in a title row).
commune_book() {
	mkxlsx-tool -m A4:A5 -m B4:B5 -m C4:C5 -m D4:E4 -m F4:F5 -m G4:I4 \
	    -s "Mường Phăng" -s "Thanh Nưa" "$1" "$FIX/xlsx/muong-phang.csv" \
	    "$FIX/xlsx/thanh-nua.csv"
}

@test "indicators: a roster without a column: which lacks what, the rest computed" {
	commune_book "$TMP/xa.xlsx"
	cd "$TMP"
	run --separate-stderr cbcc-indicators -s "$TOP/samples/standards.csv" \
	    -o out --sheet "Thanh Nưa" xa.xlsx
	assert_success
	assert_equal "$stderr" "cbcc-indicators: xa.xlsx: no district column (Huyện): no aggregate-district.csv, diff-district.csv, report-district.txt
cbcc-indicators: xa.xlsx: no staff_type column (Cán bộ/Công chức): no aggregate-staff-type.csv, diff-staff-type.csv, shortfall.csv
cbcc-indicators: xa.xlsx: no position column (Chức vụ): no shortfall.csv
cbcc-indicators: xa.xlsx: no it_skill column (Tin học): no IT skill figures
cbcc-indicators: xa.xlsx: no foreign_language column (Ngoại ngữ): no foreign language figures"
	run ls out
	assert_output "aggregate.csv
classified.csv
diff.csv
normalized.csv
rejects.csv
report.html
report.txt
report.xlsx
unmatched.csv
warnings.txt"
	run cat out/report.txt
	assert_output "Năm 2021, toàn tỉnh có 2 cán bộ, công chức, trong đó nữ 1 người (50,0%), dân tộc thiểu số 2 người (100,0%).
Trình độ chuyên môn: đại học 50,0%; trên đại học 50,0%.
Trình độ lý luận chính trị: trung cấp 50,0%; cao cấp 50,0%; trung cấp trở lên 100,0%.
2/2 người (100,0%) đã qua bồi dưỡng quản lý nhà nước: chuyên viên 50,0%; chuyên viên chính 50,0%.
Độ tuổi: từ 31 đến 40 50,0%; từ 51 đến 60 50,0%.

Không có năm trước để so sánh."
	run cat out/warnings.txt
	assert_line --index 0 --partial "cbcc-indicators: xa.xlsx: no district column"
	assert_line 'cbcc-normalize: xa.xlsx[Thanh Nưa]: no year column: year 2021 taken from the title'
}

@test "indicators: one roster of two without a column: named, its records counted" {
	awk -F, 'NR == 1 || $1 == 2016' "$I/canonical.csv" |
	    cut -d, -f1-8,10- >"$TMP/no-type.csv"
	one_year
	run --separate-stderr cbcc-indicators -s "$TOP/samples/standards.csv" \
	    -o "$TMP/out" "$TMP/r2021.csv" "$TMP/no-type.csv"
	assert_success
	assert_equal "$stderr" "cbcc-indicators: $TMP/no-type.csv: no staff_type column (Cán bộ/Công chức): its records count with an empty staff_type"
	run cat "$TMP/out/report.txt"
	assert_line --regexp "^Năm 2016, toàn tỉnh có 3 cán bộ, công chức, trong đó "
	assert_line --regexp "^Năm 2016, toàn tỉnh có 3 người có staff_type không rõ, trong đó "
	assert_line --regexp "^Năm 2021, toàn tỉnh có 3 công chức, trong đó "
}

@test "indicators: a roster without a year, and no -y, is an error naming it" {
	cut -d, -f2- "$I/canonical.csv" >"$TMP/no-year.csv"
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -o "$TMP/out" "$I/canonical.csv" \
	    "$TMP/no-year.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/no-year.csv: no year column (Năm): give the rosters' year with -y"
	run ls "$TMP"
	assert_output "no-year.csv"
}

@test "indicators: -e, --map and --sheet reach cbcc-normalize" {
	local S=$TOP/samples
	# The sample roster in cp1258, as Excel saves it in Vietnamese Windows
	# (in NFC first: cp1258 holds no stacked marks).  Not its canonical
	# records: they keep birth years only, and two people of one name,
	# commune and birth year would be read as one repeated.
	sed '1s/^\xEF\xBB\xBF//' "$S/roster-2021.csv" |
	    python3 -c 'import sys, unicodedata
sys.stdout.write(unicodedata.normalize("NFC", sys.stdin.read()))' |
	    iconv -f UTF-8 -t CP1258 >"$TMP/cp.csv"
	run --separate-stderr cbcc-indicators -s "$S/standards.csv" \
	    -o "$TMP/out" "$TMP/cp.csv"
	assert_failure 1
	[[ ${stderr_lines[0]} == "cbcc-normalize: $TMP/cp.csv:1: invalid UTF-8"* ]]
	assert_equal "${stderr##*$'\n'}" "cbcc-indicators: step normalize failed (exit 1); $TMP/out not written"
	[[ $stderr == *cp1258* ]]
	run --separate-stderr cbcc-indicators -s "$S/standards.csv" \
	    -o "$TMP/out" -e cp1258 "$TMP/cp.csv"
	assert_success
	grep -q "^Năm 2021, toàn tỉnh có 1.279 công chức, trong đó " "$TMP/out/report.txt"
	# A site's own heading for the staff type, told by --map.
	sed '4s/Cán bộ\/Công chức/Đối tượng/' "$S/roster-2021.csv" >"$TMP/site.csv"
	printf 'alias,column\nĐối tượng,staff_type\n' >"$TMP/map.csv"
	run --separate-stderr cbcc-indicators -s "$S/standards.csv" \
	    -o "$TMP/out" --map "$TMP/map.csv" "$TMP/site.csv"
	assert_success
	grep -q "^Năm 2021, toàn tỉnh có 1.279 công chức, trong đó " "$TMP/out/report.txt"
	# --sheet: the second sheet of a workbook.
	commune_book "$TMP/xa.xlsx"
	run --separate-stderr cbcc-indicators -s "$S/standards.csv" \
	    -o "$TMP/out" --sheet 2 "$TMP/xa.xlsx"
	assert_success
	assert_equal "$(head -1 "$TMP/out/report.txt" | cut -d, -f1-3)" "Năm 2021, toàn tỉnh có 2 cán bộ, công chức"
	run --separate-stderr cbcc-indicators -s "$S/standards.csv" \
	    -o "$TMP/out" "$TMP/xa.xlsx"
	assert_success
	assert_equal "$(head -1 "$TMP/out/report.txt" | cut -d, -f1-3)" "Năm 2021, toàn tỉnh có 3 cán bộ, công chức"
}

@test "indicators: a relative -o is named as given, the previous one kept" {
	cd "$TMP"
	PATH=$I/fakebin:$PATH cbcc-indicators -s "$TOP/samples/standards.csv" \
	    -o rel1 "$I/canonical.csv"
	mkdir bin
	printf '#!/bin/sh\nexit 1\n' >bin/cbcc-classify-education
	chmod +x bin/cbcc-classify-education
	run --separate-stderr env PATH="$TMP/bin:$I/fakebin:$PATH" \
	    cbcc-indicators -s "$TOP/samples/standards.csv" -o rel1 \
	    "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: step classify failed (exit 1); previous rel1 kept"
	run --separate-stderr env PATH="$TMP/bin:$I/fakebin:$PATH" \
	    cbcc-indicators -s "$TOP/samples/standards.csv" -o rel2/ \
	    "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: step classify failed (exit 1); rel2 not written"
	run ls "$TMP"
	assert_output "bin
rel1"
	[ -f rel1/report.txt ]
}

@test "indicators: -o a symbolic link: the products go where it points, the link stays" {
	mkdir "$TMP/real"
	ln -s real "$TMP/link"
	run_ind -o "$TMP/link"
	assert_success
	assert_equal "$stderr" ""
	run_ind -o "$TMP/link/"
	assert_success
	[ -L "$TMP/link" ]
	assert_equal "$(readlink "$TMP/link")" real
	[ -f "$TMP/real/report.txt" ]
	run ls "$TMP"
	assert_output "link
real"
	# A lock held on the directory's real name holds off a run by the link.
	run --separate-stderr flock "$TMP/real.lock" env PATH="$I/fakebin:$PATH" \
	    cbcc-indicators -s "$TOP/samples/standards.csv" -o "$TMP/link" \
	    "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/link is being rebuilt by another run (lock $TMP/real.lock held)"
}

@test "indicators: a lock file that is a symbolic link is refused, its target not made" {
	ln -s "$TMP/target" "$TMP/out.lock"
	run_ind
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/out.lock: a symbolic link, not a lock file; remove it"
	run ls "$TMP"
	assert_output "out.lock"
}

@test "indicators: no lock file stays behind, whatever the outcome" {
	local n
	mkdir "$TMP/bin"
	printf '#!/bin/sh\nexit 1\n' >"$TMP/bin/cbcc-report"
	chmod +x "$TMP/bin/cbcc-report"
	for n in 1 2 3; do
		run_ind -o "$TMP/out$n"
		assert_success
		PATH=$TMP/bin:$PATH run_ind -o "$TMP/out$n"
		assert_failure 1
	done
	run ls "$TMP"
	assert_output "bin
out1
out2
out3"
}

@test "indicators: the samples reproduce the article's figures" {
	local S=$TOP/samples
	run --separate-stderr cbcc-indicators -o "$TMP/out" \
	    -s "$S/standards.csv" -d "$S/difficult-2021.txt" \
	    -t "$S/training-2021.csv" -p "$S/plan-2021.csv" \
	    "$S/roster-2016.csv" "$S/roster-2021.csv"
	assert_success
	assert_equal "$stderr" ""
	run cat "$TMP/out/report.txt"
	assert_line --regexp "^Năm 2016, toàn tỉnh có 2\.600 cán bộ, công chức(, trong đó nữ .*)?\.$"
	assert_line "Trình độ chuyên môn: chưa qua đào tạo 0,8%; sơ cấp 1,0%; trung cấp 66,4%; cao đẳng 11,7%; đại học 19,6%; trên đại học 0,0%; không rõ 0,5%."
	assert_line --regexp "^Năm 2021, toàn tỉnh có 1\.279 công chức(, trong đó nữ .*)?\.$"
	assert_line "Trình độ chuyên môn: trung cấp 25,6%; cao đẳng 9,5%; đại học 64,7%; trên đại học 0,2%."
	assert_line --partial "769/1.279 người (60,1%) đã qua bồi dưỡng quản lý nhà nước: "
	assert_line --partial "trung cấp trở lên 38,0%; "
	assert_line "Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch."
	run grep -c '<svg ' "$TMP/out/report.html"
	assert_output 27
}

@test "indicators: -c, 2021 against 2026 on the new map: units, not districts; -d once per decision" {
	local S=$TOP/samples
	run --separate-stderr cbcc-indicators -o "$TMP/out" \
	    -s "$S/standards.csv" -c "$S/dien-bien-2025-crosswalk.csv" \
	    -d "$S/difficult-2021.txt" -d "$S/difficult-2026.txt" \
	    "$S/roster-2021.csv" "$S/roster-2026.csv"
	assert_success
	assert_equal "$stderr" ""
	run ls "$TMP/out"
	assert_output "aggregate-staff-type.csv
aggregate-unit.csv
aggregate.csv
classified.csv
diff-staff-type.csv
diff-unit.csv
diff.csv
normalized.csv
rejects.csv
report-unit.txt
report.html
report.txt
report.xlsx
shortfall.csv
unmatched-units.csv
unmatched.csv
warnings.txt"
	cd "$TMP/out"
	# Every record has a unit of the 45, both years.
	assert_equal "$(cat unmatched-units.csv)" "province,district,commune,count,reason,file,line"
	run mlr --icsv --onidx count-distinct -f unit then count classified.csv
	assert_output 45
	run mlr --icsv --onidx count-distinct -f year then count aggregate-unit.csv
	assert_output 2
	# The diff per unit is the aggregate per unit, recounted from the
	# records: xã Mường Chà (four communes of huyện Nậm Pồ in 2021).
	run grep '^Xã Mường Chà,education,dai_hoc,' diff-unit.csv
	assert_output --regexp "^Xã Mường Chà,education,dai_hoc,2021,2026,[0-9]+,[0-9]+,"
	IFS=, read -r _ _ _ _ _ cf ct _ <<<"$output"
	[ "$cf" -gt 0 ] && [ "$ct" -gt 0 ]
	run mlr --icsv --onidx filter '$year == 2021 && $unit == "Xã Mường Chà" && $education_level == "dai_hoc"' then count classified.csv
	assert_output "$cf"
	run mlr --icsv --onidx filter '$year == 2026 && $unit == "Xã Mường Chà" && $education_level == "dai_hoc"' then count classified.csv
	assert_output "$ct"
	# All 45 units are difficult from 2025: their công chức with trung cấp
	# meet the standard; without the 2026 list they would not.
	run mlr --icsv --onidx filter '$year == 2026 && $staff_type == "cong_chuc"' then count shortfall.csv
	assert_output 0
	cd "$TOP"
	run --separate-stderr cbcc-indicators -o "$TMP/out2" \
	    -s "$S/standards.csv" -c "$S/dien-bien-2025-crosswalk.csv" \
	    -d "$S/difficult-2021.txt" "$S/roster-2026.csv"
	assert_success
	run mlr --icsv --onidx filter '$staff_type == "cong_chuc" && $shortfall =~ "education<dai_hoc"' then count "$TMP/out2/shortfall.csv"
	refute_output 0
}

@test "indicators: cbcc-demo prints the headline figures" {
	cd "$TOP"
	run --separate-stderr cbcc-demo "$TMP/demo"
	assert_success
	assert_equal "$stderr" ""
	# The command, the samples named.
	assert_line --index 0 "\$ scripts/cbcc-indicators -o $TMP/demo -s samples/standards.csv -c samples/dien-bien-2025-crosswalk.csv -d samples/difficult-2021.txt -d samples/difficult-2026.txt -t samples/training-2021.csv -p samples/plan-2021.csv samples/roster-2016.csv samples/roster-2021.csv samples/roster-2026.csv"
	assert_line --regexp "^Năm 2021, toàn tỉnh có 1\.279 công chức(, trong đó nữ .*)?\.$"
	assert_line "769/1.279 người (60,1%) đã qua bồi dưỡng quản lý nhà nước."
	assert_line "Trình độ lý luận chính trị: trung cấp trở lên 38,0%."
	assert_line "Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch."
	assert_line --partial "đại học tăng 48,1 điểm phần trăm (từ 19,6% lên 67,7%)"
	# 2021 to 2026, toàn tỉnh, after the change from 2016.
	assert_line "So sánh năm 2026 với năm 2021, cán bộ, công chức toàn tỉnh:"
	assert_line --partial "đại học tăng 4,0 điểm phần trăm (từ 67,7% lên 71,7%)"
	[ "$(grep -n '^So sánh năm 2026' <<<"$output" | cut -d: -f1)" -gt \
	    "$(grep -n '^So sánh năm 2021' <<<"$output" | cut -d: -f1)" ]
	[ -f "$TMP/demo/report.html" ]
	[ -f "$TMP/demo/report-unit.txt" ]
}
