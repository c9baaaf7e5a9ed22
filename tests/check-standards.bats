#!/usr/bin/env bats
# cbcc-check-standards: the records below their title's standard.

bats_require_minimum_version 1.5.0
load test_helper

S=$FIX/standards
HDR=year,commune,full_name,staff_type,position,education_level,political_theory_level,state_mgmt_level,shortfall

# fault MESSAGE ARGS...: cbcc-check-standards ARGS fails with status 1
# and says MESSAGE, nothing else, on standard error.
fault() {
	local msg=$1
	shift
	run --separate-stderr cbcc-check-standards "$@"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $msg"
}

@test "check-standards: the records below a minimum, with their shortfall" {
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    -d "$S/difficult.txt" "$S/records.csv"
	assert_success
	assert_output "$HDR
2021,Thanh Nưa,Lò Thị B,can_bo,Phó Chủ tịch UBND,trung_cap,so_cap,,political_theory<trung_cap
2021,Mường Thanh,Quàng Văn C,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,education<dai_hoc
2021,Thanh Nưa,Tòng Thị E,cong_chuc,Văn phòng - Thống kê,unknown,chua_qua,,education=unknown;state_mgmt=unknown
2021,Thanh Nưa,Giàng A G,can_bo,Chủ tịch Hội Nông dân,cao_dang,trung_cap,chua_qua,education<dai_hoc
2021,Thanh Nưa,Lường Văn H,,Thủ quỹ,trung_cap,chua_qua,chua_qua,no_standard"
	assert_equal "$stderr" "cbcc-check-standards: 2021: 1 record, no standard in force"
}

@test "check-standards: --all keeps every record: ok, exempt (no minimum), no_standard" {
	run --separate-stderr cbcc-check-standards --all \
	    --standards "$S/standards.csv" --difficult "$S/difficult.txt" \
	    "$S/records.csv"
	assert_success
	assert_output "$HDR
2021,Thanh Nưa,Lò Văn A,can_bo,Chủ tịch UBND,dai_hoc,trung_cap,chua_qua,ok
2021,Thanh Nưa,Lò Thị B,can_bo,Phó Chủ tịch UBND,trung_cap,so_cap,,political_theory<trung_cap
2021,Mường Thanh,Quàng Văn C,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,education<dai_hoc
2021,Thanh Nưa,Cà Văn D,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,ok
2021,Thanh Nưa,Tòng Thị E,cong_chuc,Văn phòng - Thống kê,unknown,chua_qua,,education=unknown;state_mgmt=unknown
2021,Thanh Nưa,Vàng A F,cong_chuc,Chỉ huy trưởng Quân sự,so_cap,chua_qua,chua_qua,exempt
2021,Thanh Nưa,Giàng A G,can_bo,Chủ tịch Hội Nông dân,cao_dang,trung_cap,chua_qua,education<dai_hoc
2021,Thanh Nưa,Lường Văn H,,Thủ quỹ,trung_cap,chua_qua,chua_qua,no_standard"
	assert_equal "$stderr" "cbcc-check-standards: 2021: 1 record, no standard in force"
}

@test "check-standards: without --difficult every commune takes the other rule" {
	run --separate-stderr cbcc-check-standards -a -s "$S/standards.csv" \
	    "$S/records.csv"
	assert_success
	assert_line --index 4 "2021,Thanh Nưa,Cà Văn D,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,education<dai_hoc"
	assert_line --index 3 "2021,Mường Thanh,Quàng Văn C,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,education<dai_hoc"
}

@test "check-standards: difficult communes match without prefix, case or NFC" {
	run --separate-stderr cbcc-check-standards -a -s "$S/standards.csv" \
	    -d "$S/difficult-variants.txt" "$S/records.csv"
	assert_success
	assert_line --index 3 "2021,Mường Thanh,Quàng Văn C,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,ok"
	assert_line --index 4 "2021,Thanh Nưa,Cà Văn D,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,ok"
}

@test "check-standards: a difficult list of * makes every commune difficult" {
	printf '# all\n*\n' >"$TMP/all.txt"
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    -d "$TMP/all.txt" "$S/records.csv"
	assert_success
	refute_line --partial "Quàng Văn C"
	refute_line --partial "Cà Văn D"
}

@test "check-standards: the first matching row wins" {
	# "chu tich" also matches "Phó Chủ tịch": its row first hides the next.
	printf '%s\n' 'staff_type,position,education_level' \
	    'can_bo,chu tich,dai_hoc' 'can_bo,pho chu tich,trung_cap' \
	    >"$TMP/chu-first.csv"
	printf '%s\n' 'staff_type,position,education_level' \
	    'can_bo,pho chu tich,trung_cap' 'can_bo,chu tich,dai_hoc' \
	    >"$TMP/pho-first.csv"
	printf '%s\n' 'staff_type,position,education_level' \
	    'can_bo,Phó Chủ tịch UBND,trung_cap' >"$TMP/in.csv"
	run cbcc-check-standards -a -s "$TMP/chu-first.csv" "$TMP/in.csv"
	assert_success
	assert_output "staff_type,position,education_level,shortfall
can_bo,Phó Chủ tịch UBND,trung_cap,education<dai_hoc"
	run cbcc-check-standards -a -s "$TMP/pho-first.csv" "$TMP/in.csv"
	assert_success
	assert_output "staff_type,position,education_level,shortfall
can_bo,Phó Chủ tịch UBND,trung_cap,ok"
}

@test "check-standards: patterns match whole words, any alternative, y as i" {
	printf '%s\n' 'staff_type,position,education_level' \
	    '*,van phong|vp tk,dai_hoc' '*,ki thuat,cao_dang' >"$TMP/s.csv"
	printf '%s\n' 'staff_type,position,education_level' \
	    'cong_chuc,VP-TK,trung_cap' 'cong_chuc,Văn phòngg,trung_cap' \
	    'cong_chuc,Cán bộ kỹ thuật,trung_cap' >"$TMP/in.csv"
	run --separate-stderr cbcc-check-standards -a -s "$TMP/s.csv" \
	    "$TMP/in.csv"
	assert_success
	assert_equal "$stderr" "cbcc-check-standards: 1 record, no standard in force"
	assert_output "staff_type,position,education_level,shortfall
cong_chuc,VP-TK,trung_cap,education<dai_hoc
cong_chuc,Văn phòngg,trung_cap,no_standard
cong_chuc,Cán bộ kỹ thuật,trung_cap,education<cao_dang"
}

@test "check-standards: unknown and empty levels count as below" {
	printf '%s\n' 'staff_type,position,education_level,state_mgmt_level' \
	    '*,*,trung_cap,chuyen_vien' >"$TMP/s.csv"
	printf '%s\n' 'staff_type,position,education_level,state_mgmt_level' \
	    'cong_chuc,A,unknown,chuyen_vien_chinh' 'cong_chuc,B,,unknown' \
	    'cong_chuc,C,dai_hoc,chua_qua' >"$TMP/in.csv"
	run cbcc-check-standards -s "$TMP/s.csv" "$TMP/in.csv"
	assert_success
	assert_output "staff_type,position,education_level,state_mgmt_level,shortfall
cong_chuc,A,unknown,chuyen_vien_chinh,education=unknown
cong_chuc,B,,unknown,education=unknown;state_mgmt=unknown
cong_chuc,C,dai_hoc,chua_qua,state_mgmt<chuyen_vien"
}

@test "check-standards: a shortfall column is replaced in place (idempotent)" {
	cbcc-check-standards -a -s "$S/standards.csv" -d "$S/difficult.txt" \
	    "$S/records.csv" >"$TMP/once.csv" 2>/dev/null
	run --separate-stderr cbcc-check-standards -a -s "$S/standards.csv" \
	    -d "$S/difficult.txt" "$TMP/once.csv"
	assert_success
	assert_output "$(cat "$TMP/once.csv")"
}

@test "check-standards: ragged rows and bad levels are rejected with a reason" {
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    --rejects "$TMP/rej.csv" "$S/ragged.csv"
	assert_success
	assert_output "staff_type,position,education_level,political_theory_level,state_mgmt_level,shortfall
cong_chuc,Tài chính - Kế toán,cao_dang,so_cap,chua_qua,education<dai_hoc;state_mgmt<chuyen_vien"
	[ -z "$stderr" ]
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$S/ragged.csv,3,\"ragged: 4 fields, header has 5\",\"cong_chuc,Văn phòng - Thống kê,trung_cap,chua_qua\"
$S/ragged.csv,4,bad level: education_level 'daihoc',\"cong_chuc,Văn phòng - Thống kê,daihoc,chua_qua,chuyen_vien\""
}

@test "check-standards: without --rejects the rejects are counted on stderr" {
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    "$S/ragged.csv"
	assert_success
	assert_equal "$stderr" "cbcc-check-standards: 2 records rejected (ragged 1, bad level 1); --rejects FILE keeps them"
}

@test "check-standards: --strict makes a reject fatal" {
	fault "$S/ragged.csv:3: ragged: 4 fields, header has 5" \
	    --strict \
	    -s "$S/standards.csv" "$S/ragged.csv"
}

@test "check-standards: --format jsonl" {
	run --separate-stderr cbcc-check-standards --format jsonl \
	    -s "$S/standards.csv" -d "$S/difficult.txt" "$S/records.csv"
	assert_success
	run jq -r '[.full_name, .shortfall] | join("|")' <<<"$output"
	assert_output "Lò Thị B|political_theory<trung_cap
Quàng Văn C|education<dai_hoc
Tòng Thị E|education=unknown;state_mgmt=unknown
Giàng A G|education<dai_hoc
Lường Văn H|no_standard"
}

@test "check-standards: reads standard input, several operands with one header" {
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    -d "$S/difficult.txt" - "$S/records.csv" <"$S/records.csv"
	assert_success
	assert_equal "$stderr" "cbcc-check-standards: 2021: 2 records, no standard in force"
	[ "${#lines[@]}" -eq 11 ]
	assert_line --index 10 "2021,Thanh Nưa,Lường Văn H,,Thủ quỹ,trung_cap,chua_qua,chua_qua,no_standard"
}

@test "check-standards: an operand whose header differs is an error" {
	fault "$S/ragged.csv:1: header differs from the first input's" \
	    -s "$S/standards.csv" \
	    "$S/records.csv" "$S/ragged.csv"
}

@test "check-standards: a missing standards file is a data error" {
	run --separate-stderr cbcc-check-standards -s "$TMP/nosuch.csv" \
	    "$S/records.csv"
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "cbcc-check-standards: $TMP/nosuch.csv: No such file or directory"
}

@test "check-standards: an unreadable input is reported and the rest goes on" {
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    "$TMP/nosuch.csv" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $TMP/nosuch.csv: No such file or directory
cbcc-check-standards: 2021: 1 record, no standard in force"
	assert_line --index 0 "$HDR"
}

@test "check-standards: faults in the standards table are fatal with file and line" {
	local t=$TMP/s.csv
	printf '%s\n' '# c' 'staff_type,position,education_level,colour' >"$t"
	fault "$t:2: unknown column 'colour' (staff_type, position, area, valid_from, valid_to, source or a *_level column)" \
	    -s "$t" "$S/records.csv"
	printf '%s\n' 'position,education_level' '*,dai_hoc' >"$t"
	fault "$t:1: the header needs the columns staff_type and position" \
	    -s "$t" "$S/records.csv"
	printf '%s\n' 'staff_type,position,education_level' '*,*,daihoc' >"$t"
	fault "$t:2: 'daihoc' is not a level of education_level" \
	    -s "$t" "$S/records.csv"
	printf '%s\n' 'staff_type,position,education_level' 'cb,*,dai_hoc' >"$t"
	fault "$t:2: staff_type 'cb' is not can_bo, cong_chuc or *" \
	    -s "$t" "$S/records.csv"
	printf '%s\n' 'staff_type,position,area,education_level' \
	    '*,*,hard,dai_hoc' >"$t"
	fault "$t:2: area 'hard' is not difficult, other or *" \
	    -s "$t" "$S/records.csv"
	printf '%s\n' 'staff_type,position,education_level' '*,*' >"$t"
	fault "$t:2: 2 fields, the header has 3" \
	    -s "$t" "$S/records.csv"
	printf '%s\n' 'staff_type,position,education_level' '*,a||b,dai_hoc' >"$t"
	fault "$t:2: empty alternative in position pattern 'a||b'" \
	    -s "$t" "$S/records.csv"
	printf '# only a comment\n' >"$t"
	fault "$t: no header" \
	    -s "$t" "$S/records.csv"
}

@test "check-standards: an input without a column the standards need is a data error" {
	fault "$S/nocol.csv:1: no column education_level (the standards set a minimum for it)" \
	    -s "$S/standards.csv" \
	    "$S/nocol.csv"
	fault "$S/ragged.csv:1: no column unit or commune (needed by --difficult)" \
	    -s "$S/standards.csv" \
	    -d "$S/difficult.txt" "$S/ragged.csv"
}

@test "check-standards: a difficult list of three fields a line, or no name, is an error" {
	printf 'Thanh Nưa,Huyện Điện Biên,Tỉnh Điện Biên\n' >"$TMP/d.txt"
	fault "$TMP/d.txt:1: one unit a line (a name, or a commune and its district), not 3 fields" \
	    -s "$S/standards.csv" \
	    -d "$TMP/d.txt" "$S/records.csv"
	printf 'Thanh Nưa\n""\n' >"$TMP/d.txt"
	fault "$TMP/d.txt:2: no name" \
	    -s "$S/standards.csv" \
	    -d "$TMP/d.txt" "$S/records.csv"
	printf 'Thanh Nưa,\n' >"$TMP/d.txt"
	fault "$TMP/d.txt:1: no district after the comma" \
	    -s "$S/standards.csv" \
	    -d "$TMP/d.txt" "$S/records.csv"
}

@test "check-standards: --standards is required (usage error)" {
	run --separate-stderr cbcc-check-standards "$S/records.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "cbcc-check-standards: --standards FILE is required
usage: cbcc-check-standards -s standards [-a] [-d difficult] [--format fmt] [--rejects file] [--strict] [file ...]"
}

@test "check-standards: a bad option is a usage error" {
	run --separate-stderr cbcc-check-standards --bogus -s "$S/standards.csv"
	assert_failure 2
	assert_equal "$stderr" "cbcc-check-standards: unrecognized option '--bogus'
usage: cbcc-check-standards -s standards [-a] [-d difficult] [--format fmt] [--rejects file] [--strict] [file ...]"
	run --separate-stderr cbcc-check-standards --format xml \
	    -s "$S/standards.csv"
	assert_failure 2
	assert_equal "$stderr" "cbcc-check-standards: unknown format 'xml' (csv, tsv or jsonl)
usage: cbcc-check-standards -s standards [-a] [-d difficult] [--format fmt] [--rejects file] [--strict] [file ...]"
}

@test "check-standards: --help and --version" {
	run --separate-stderr cbcc-check-standards --help
	assert_success
	assert_output "usage: cbcc-check-standards -s standards [-a] [-d difficult] [--format fmt] [--rejects file] [--strict] [file ...]
See the manual page cbcc-check-standards(1)."
	run cbcc-check-standards --version
	assert_success
	assert_output "cbcc-check-standards 0.1.0"
}

@test "check-standards: a failed write is a data error" {
	run --separate-stderr sh -c 'cbcc-check-standards "$@" >/dev/full' sh \
	    -s "$S/standards.csv" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: 2021: 1 record, no standard in force
cbcc-check-standards: write error on standard output: No space left on device"
}

@test "check-standards: the man page is lint-clean" {
	run mandoc -Tlint -Wwarning "$TOP/filters/check-standards.1"
	assert_success
	assert_output ""
}

@test "check-standards: the table is comma-separated whatever its comments hold" {
	printf '%s\n' '# a; b; c; d; e; f' '# g, h' '#i;j;k' \
	    'staff_type,position,education_level' '*,*,dai_hoc' >"$TMP/s.csv"
	printf '%s\n' 'staff_type;position;education_level' \
	    'cong_chuc;Tư pháp - Hộ tịch;cao_dang' >"$TMP/in.csv"
	run cbcc-check-standards -s "$TMP/s.csv" "$TMP/in.csv"
	assert_success
	assert_output "staff_type,position,education_level,shortfall
cong_chuc,Tư pháp - Hộ tịch,cao_dang,education<dai_hoc"
}

@test "check-standards: a closed pipe ends it quietly" {
	awk 'BEGIN { print "staff_type,position,education_level";
	    for (i = 0; i < 50000; i++) print "cong_chuc,Tư pháp - Hộ tịch,trung_cap" }' \
	    >"$TMP/in.csv"
	printf '%s\n' 'staff_type,position,education_level' '*,*,dai_hoc' \
	    >"$TMP/s.csv"
	run --separate-stderr sh -c 'cbcc-check-standards -s "$1" "$2" | head -n 2' sh \
	    "$TMP/s.csv" "$TMP/in.csv"
	assert_success
	assert_output "staff_type,position,education_level,shortfall
cong_chuc,Tư pháp - Hộ tịch,trung_cap,education<dai_hoc"
	[ -z "$stderr" ]
	set +o pipefail
	cbcc-check-standards -s "$TMP/s.csv" "$TMP/in.csv" 2>"$TMP/err" |
	    head -n 1 >/dev/null
	[ "${PIPESTATUS[0]}" -eq 0 ]
	[ ! -s "$TMP/err" ]
}

@test "check-standards: a missing difficult list is a data error" {
	fault "$TMP/nosuch.txt: No such file or directory" \
	    -s "$S/standards.csv" \
	    -d "$TMP/nosuch.txt" "$S/records.csv"
}

# --- Standards in force by year ---------------------------------------

SAMPLE=$TOP/samples/standards.csv

# judge FILE: the sample standards on FILE (empty levels added where it
# lacks them) with Thanh Nưa and the new xã Mường Chà difficult, one "year
# position commune shortfall" a line; standard error in $TMP/judge.err.
judge() {
	printf '%s\n' 'Thanh Nưa' 'xã Mường Chà' >"$TMP/dl.txt"
	mlr --csv put 'for (c in ["education_level", "political_theory_level",
	    "it_skill_level"]) { if (is_absent($[c])) { $[c] = "" } }' "$1" |
	    cbcc-check-standards -a -s "$SAMPLE" -d "$TMP/dl.txt" \
	    2>"$TMP/judge.err" |
	    mlr --icsv --onidx --ofs ' ' cut -o -f year,position,commune,shortfall
}

@test "check-standards: a row is in force from valid_from to valid_to, open ends allowed" {
	printf '%s\n' 'valid_from,valid_to,staff_type,position,education_level,source' \
	    '2012,2018,*,*,trung_cap,old rule' '2019,,*,*,dai_hoc,new rule' \
	    ',2011,*,*,so_cap,older' >"$TMP/s.csv"
	printf '%s\n' 'year,staff_type,position,education_level' \
	    '2010,cong_chuc,VP,so_cap' '2011,cong_chuc,VP,so_cap' \
	    '2012,cong_chuc,VP,trung_cap' '2018,cong_chuc,VP,trung_cap' \
	    '2019,cong_chuc,VP,trung_cap' '2040,cong_chuc,VP,dai_hoc' \
	    ',cong_chuc,VP,dai_hoc' 'x,cong_chuc,VP,dai_hoc' >"$TMP/in.csv"
	run --separate-stderr cbcc-check-standards -a -s "$TMP/s.csv" "$TMP/in.csv"
	assert_success
	assert_output "year,staff_type,position,education_level,shortfall
2010,cong_chuc,VP,so_cap,ok
2011,cong_chuc,VP,so_cap,ok
2012,cong_chuc,VP,trung_cap,ok
2018,cong_chuc,VP,trung_cap,ok
2019,cong_chuc,VP,trung_cap,education<dai_hoc
2040,cong_chuc,VP,dai_hoc,ok
,cong_chuc,VP,dai_hoc,no_standard
x,cong_chuc,VP,dai_hoc,no_standard"
	assert_equal "$stderr" "cbcc-check-standards: no year: 2 records, no standard in force"
}

@test "check-standards: records no row covers are written and counted by year" {
	printf '%s\n' 'valid_from,valid_to,staff_type,position,education_level' \
	    '2019,2022,cong_chuc,*,dai_hoc' >"$TMP/s.csv"
	printf '%s\n' 'year,staff_type,position,education_level' \
	    '2016,cong_chuc,VP,dai_hoc' '2016,cong_chuc,VP,trung_cap' \
	    '2021,can_bo,Chủ tịch UBND,dai_hoc' '2021,cong_chuc,VP,cao_dang' \
	    '2023,cong_chuc,VP,dai_hoc' >"$TMP/in.csv"
	run --separate-stderr cbcc-check-standards -s "$TMP/s.csv" "$TMP/in.csv"
	assert_success
	assert_output "year,staff_type,position,education_level,shortfall
2016,cong_chuc,VP,dai_hoc,no_standard
2016,cong_chuc,VP,trung_cap,no_standard
2021,can_bo,Chủ tịch UBND,dai_hoc,no_standard
2021,cong_chuc,VP,cao_dang,education<dai_hoc
2023,cong_chuc,VP,dai_hoc,no_standard"
	assert_equal "$stderr" "cbcc-check-standards: 2016: 2 records, no standard in force
cbcc-check-standards: 2021: 1 record, no standard in force
cbcc-check-standards: 2023: 1 record, no standard in force"
}

@test "check-standards: periods need a year column; bad years in the table are errors" {
	printf '%s\n' 'valid_from,valid_to,staff_type,position,education_level' \
	    '2019,,*,*,dai_hoc' >"$TMP/s.csv"
	printf '%s\n' 'staff_type,position,education_level' \
	    'cong_chuc,VP,dai_hoc' >"$TMP/in.csv"
	fault "$TMP/in.csv:1: no column year (the standards are in force for some years only)" \
	    -s "$TMP/s.csv" "$TMP/in.csv"
	printf '%s\n' 'valid_from,valid_to,staff_type,position,education_level' \
	    '19,,*,*,dai_hoc' >"$TMP/s.csv"
	fault "$TMP/s.csv:2: valid_from '19' is not a year (four digits, or empty for an open end)" \
	    -s "$TMP/s.csv" "$TMP/in.csv"
	printf '%s\n' 'valid_from,valid_to,staff_type,position,education_level' \
	    '2023,2019,*,*,dai_hoc' >"$TMP/s.csv"
	fault "$TMP/s.csv:2: valid_from 2023 is after valid_to 2019" \
	    -s "$TMP/s.csv" "$TMP/in.csv"
	# Open periods everywhere: no year needed.
	printf '%s\n' 'valid_from,valid_to,staff_type,position,education_level,source' \
	    ',,*,*,dai_hoc,any year' >"$TMP/s.csv"
	run --separate-stderr cbcc-check-standards -a -s "$TMP/s.csv" "$TMP/in.csv"
	assert_success
	assert_output "staff_type,position,education_level,shortfall
cong_chuc,VP,dai_hoc,ok"
}

@test "check-standards: the sample table cites a source on every row" {
	grep -v '^#' "$SAMPLE" >"$TMP/table.csv"
	run mlr --icsv --onidx filter 'is_empty($source)' then count \
	    "$TMP/table.csv"
	assert_output 0
	run mlr --icsv --onidx count "$TMP/table.csv"
	assert_output 17
	# No state-management minimum: no source sets one for these titles.
	run grep -c state_mgmt_level "$SAMPLE"
	assert_output 0
}

@test "check-standards: boundary 2019-12-25 (TT 13/2019): 2018 by trung cấp, 2019 by đại học and basic IT" {
	printf '%s\n' 'year,commune,staff_type,position,education_level,it_skill_level' \
	    '2018,Mường Thanh,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua' \
	    '2019,Mường Thanh,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua' \
	    '2019,Thanh Nưa,cong_chuc,Tư pháp - Hộ tịch,trung_cap,co_ban' \
	    '2019,Mường Thanh,cong_chuc,Tư pháp - Hộ tịch,dai_hoc,unknown' \
	    >"$TMP/in.csv"
	run judge "$TMP/in.csv"
	assert_output "2018 Tư pháp - Hộ tịch Mường Thanh ok
2019 Tư pháp - Hộ tịch Mường Thanh education<dai_hoc;it_skill<co_ban
2019 Tư pháp - Hộ tịch Thanh Nưa ok
2019 Tư pháp - Hộ tịch Mường Thanh it_skill=unknown"
}

@test "check-standards: boundary 2023-08-01 (Decree 33/2023): 2022 needs basic IT, 2023 not" {
	printf '%s\n' 'year,commune,staff_type,position,education_level,it_skill_level' \
	    '2022,Mường Thanh,cong_chuc,Văn hóa - Xã hội,dai_hoc,chua_qua' \
	    '2023,Mường Thanh,cong_chuc,Văn hóa - Xã hội,dai_hoc,chua_qua' \
	    '2023,Mường Thanh,cong_chuc,Văn hóa - Xã hội,cao_dang,chua_qua' \
	    '2024,Thanh Nưa,cong_chuc,Văn hóa - Xã hội,trung_cap,chua_qua' \
	    >"$TMP/in.csv"
	run judge "$TMP/in.csv"
	assert_output "2022 Văn hóa - Xã hội Mường Thanh it_skill<co_ban
2023 Văn hóa - Xã hội Mường Thanh ok
2023 Văn hóa - Xã hội Mường Thanh education<dai_hoc
2024 Văn hóa - Xã hội Thanh Nưa ok"
}

@test "check-standards: boundary 2025-07-01 (reorganisation): trung cấp in difficult units until 2029, đại học from 2030" {
	printf '%s\n' 'year,commune,staff_type,position,education_level,it_skill_level' \
	    '2024,Mường Chà,cong_chuc,Tài chính - Kế toán,trung_cap,' \
	    '2025,Mường Chà,cong_chuc,Tài chính - Kế toán,trung_cap,' \
	    '2029,Mường Chà,cong_chuc,Tài chính - Kế toán,trung_cap,' \
	    '2030,Mường Chà,cong_chuc,Tài chính - Kế toán,trung_cap,' \
	    '2025,Mường Thanh,cong_chuc,Tài chính - Kế toán,trung_cap,' \
	    >"$TMP/in.csv"
	run judge "$TMP/in.csv"
	assert_output "2024 Tài chính - Kế toán Mường Chà ok
2025 Tài chính - Kế toán Mường Chà ok
2029 Tài chính - Kế toán Mường Chà ok
2030 Tài chính - Kế toán Mường Chà education<dai_hoc
2025 Tài chính - Kế toán Mường Thanh education<dai_hoc"
}

@test "check-standards: Trưởng Công an xã is not judged by the đại học rule, in any period" {
	printf '%s\n' 'year,commune,staff_type,position,education_level,it_skill_level' \
	    '2016,Mường Thanh,cong_chuc,Trưởng Công an,so_cap,' \
	    '2021,Mường Thanh,cong_chuc,Trưởng CA xã,trung_cap,' \
	    '2023,Mường Thanh,cong_chuc,Trưởng Công an xã,trung_cap,' \
	    '2026,Mường Thanh,cong_chuc,Trưởng Công an,trung_cap,' \
	    '2016,Mường Thanh,cong_chuc,Chỉ huy trưởng Quân sự,so_cap,' \
	    '2026,Mường Thanh,cong_chuc,Phó Chỉ huy trưởng BCH Quân sự,so_cap,' \
	    >"$TMP/in.csv"
	run judge "$TMP/in.csv"
	assert_output "2016 Trưởng Công an Mường Thanh exempt
2021 Trưởng CA xã Mường Thanh exempt
2023 Trưởng Công an xã Mường Thanh exempt
2026 Trưởng Công an Mường Thanh exempt
2016 Chỉ huy trưởng Quân sự Mường Thanh exempt
2026 Phó Chỉ huy trưởng BCH Quân sự Mường Thanh exempt"
}

@test "check-standards: cán bộ: LLCT trung cấp from 2022, đại học for the key posts from 2023, nothing before" {
	printf '%s\n' 'year,commune,staff_type,position,education_level,political_theory_level,it_skill_level' \
	    '2021,Thanh Nưa,can_bo,Chủ tịch UBND,cao_dang,so_cap,' \
	    '2022,Thanh Nưa,can_bo,Chủ tịch UBND,cao_dang,so_cap,' \
	    '2023,Thanh Nưa,can_bo,Chủ tịch UBND,cao_dang,trung_cap,' \
	    '2023,Thanh Nưa,can_bo,Phó Bí thư Đảng ủy,dai_hoc,so_cap,' \
	    '2023,Thanh Nưa,can_bo,PCT HĐND,dai_hoc,cao_cap,' \
	    '2023,Thanh Nưa,can_bo,Bí thư Đoàn TNCS Hồ Chí Minh,trung_cap,trung_cap,' \
	    '2023,Thanh Nưa,can_bo,Chủ tịch Hội Nông dân,trung_cap,so_cap,' \
	    >"$TMP/in.csv"
	run judge "$TMP/in.csv"
	assert_output "2021 Chủ tịch UBND Thanh Nưa no_standard
2022 Chủ tịch UBND Thanh Nưa political_theory<trung_cap
2023 Chủ tịch UBND Thanh Nưa education<dai_hoc
2023 Phó Bí thư Đảng ủy Thanh Nưa political_theory<trung_cap
2023 PCT HĐND Thanh Nưa ok
2023 Bí thư Đoàn TNCS Hồ Chí Minh Thanh Nưa ok
2023 Chủ tịch Hội Nông dân Thanh Nưa political_theory<trung_cap"
}

# --- The difficult list, keyed by unit -------------------------------

# Records across the reorganisation: the old thị trấn Mường Chà went into
# xã Na Sang while the new xã Mường Chà is four old Nậm Pồ communes; the
# old xã Sam Mứn went into xã Thanh An while the new xã Sam Mứn is Pom Lót
# and Na Ư (DOMAIN section 6).
units_fixture() {
	printf '%s\n' 'year,district,commune,staff_type,position,education_level,unit' \
	    '2021,Huyện Mường Chà,Thị trấn Mường Chà,cong_chuc,VP,trung_cap,Xã Na Sang' \
	    '2021,Huyện Nậm Pồ,Xã Si Pa Phìn,cong_chuc,VP,trung_cap,Xã Si Pa Phìn' \
	    '2021,Huyện Điện Biên,Xã Sam Mứn,cong_chuc,VP,trung_cap,Xã Thanh An' \
	    '2021,Huyện Điện Biên,Xã Pom Lót,cong_chuc,VP,trung_cap,Xã Sam Mứn' \
	    '2026,,Xã Mường Chà,cong_chuc,VP,trung_cap,Xã Mường Chà' \
	    '2026,,Xã Sam Mứn,cong_chuc,VP,trung_cap,Xã Sam Mứn' \
	    '2026,,Xã Đâu Đó,cong_chuc,VP,trung_cap,' >"$TMP/units.csv"
	printf '%s\n' 'staff_type,position,area,education_level' \
	    '*,*,difficult,trung_cap' '*,*,other,dai_hoc' >"$TMP/s.csv"
}

# shortfalls FIELDS INPUT -d LIST...: check-standards -a with $TMP/s.csv,
# the fields FIELDS of its output; its standard error in $TMP/err.
shortfalls() {
	local fields=$1 in=$2
	shift 2
	set -o pipefail
	cbcc-check-standards -a -s "$TMP/s.csv" "$@" "$in" 2>"$TMP/err" |
	    cut -d, -f"$fields"
}

@test "check-standards: with a unit column the list is matched against the unit (new map)" {
	units_fixture
	printf '%s\n' '# new units' 'xã Mường Chà' 'Sam Mứn' >"$TMP/d.txt"
	run shortfalls 1,3,8 "$TMP/units.csv" -d "$TMP/d.txt"
	assert_success
	assert_output "year,commune,shortfall
2021,Thị trấn Mường Chà,education<dai_hoc
2021,Xã Si Pa Phìn,education<dai_hoc
2021,Xã Sam Mứn,education<dai_hoc
2021,Xã Pom Lót,ok
2026,Xã Mường Chà,ok
2026,Xã Sam Mứn,ok
2026,Xã Đâu Đó,no_standard"
	assert_equal "$(cat "$TMP/err")" "cbcc-check-standards: 2026: 1 record, no standard in force"
}

@test "check-standards: without a unit column the list is matched against the commune, types counting" {
	units_fixture
	cut -d, -f1-6 "$TMP/units.csv" >"$TMP/communes.csv"
	printf '%s\n' 'xã Mường Chà' 'xã Sam Mứn' >"$TMP/d.txt"
	run shortfalls 1,3,7 "$TMP/communes.csv" -d "$TMP/d.txt"
	assert_success
	# Thị trấn Mường Chà is not xã Mường Chà; the old xã Sam Mứn (2021)
	# and the new one (2026) share a name: without units, both fit.
	assert_output "year,commune,shortfall
2021,Thị trấn Mường Chà,education<dai_hoc
2021,Xã Si Pa Phìn,education<dai_hoc
2021,Xã Sam Mứn,ok
2021,Xã Pom Lót,education<dai_hoc
2026,Xã Mường Chà,ok
2026,Xã Sam Mứn,ok
2026,Xã Đâu Đó,education<dai_hoc"
	[ ! -s "$TMP/err" ]
}

@test "check-standards: a name with its district is a commune of the old map, whatever the unit" {
	units_fixture
	printf '%s\n' 'Sam Mứn,Huyện Điện Biên' 'TT Mường Chà,H. Mường Chà' \
	    >"$TMP/d.txt"
	run shortfalls 1,3,8 "$TMP/units.csv" -d "$TMP/d.txt"
	assert_success
	assert_output "year,commune,shortfall
2021,Thị trấn Mường Chà,ok
2021,Xã Si Pa Phìn,education<dai_hoc
2021,Xã Sam Mứn,ok
2021,Xã Pom Lót,education<dai_hoc
2026,Xã Mường Chà,education<dai_hoc
2026,Xã Sam Mứn,education<dai_hoc
2026,Xã Đâu Đó,education<dai_hoc"
	[ ! -s "$TMP/err" ]
	cut -d, -f1,3-7 "$TMP/units.csv" >"$TMP/nodistrict.csv"
	fault "$TMP/nodistrict.csv:1: no column district (the --difficult list names communes with their district)" \
	    -s "$TMP/s.csv" \
	    -d "$TMP/d.txt" "$TMP/nodistrict.csv"
}

@test "check-standards: names matching no record, or more than one unit, are warned about" {
	units_fixture
	cut -d, -f1-6 "$TMP/units.csv" >"$TMP/communes.csv"
	printf '%s\n' 'Mường Chà' 'xã Nậm Nèn' 'Sam Mứn' >"$TMP/d.txt"
	run --separate-stderr cbcc-check-standards -s "$TMP/s.csv" \
	    -d "$TMP/d.txt" "$TMP/communes.csv"
	assert_success
	# Sam Mứn: the old xã (2021) and the new one (2026) are other years.
	assert_equal "$stderr" "cbcc-check-standards: $TMP/d.txt:1: 'Mường Chà' names more than one unit (Thị trấn Mường Chà, Huyện Mường Chà; Xã Mường Chà): write its type or district
cbcc-check-standards: $TMP/d.txt:2: 'xã Nậm Nèn' matches no record's commune"
	run --separate-stderr cbcc-check-standards -s "$TMP/s.csv" \
	    -d "$TMP/d.txt" "$TMP/units.csv"
	assert_success
	assert_equal "$stderr" "cbcc-check-standards: $TMP/d.txt:2: 'xã Nậm Nèn' matches no record's unit
cbcc-check-standards: 2026: 1 record, no standard in force"
}

@test "check-standards: the list prefers an exact spelling to a folded one (Nà Tòng, Na Tông)" {
	printf '%s\n' 'staff_type,position,area,education_level' \
	    '*,*,difficult,trung_cap' '*,*,other,dai_hoc' >"$TMP/s.csv"
	printf '%s\n' 'year,district,commune,staff_type,position,education_level' \
	    '2021,Huyện Tuần Giáo,Nà Tòng,cong_chuc,VP,trung_cap' \
	    '2021,Huyện Điện Biên,Na Tông,cong_chuc,VP,trung_cap' >"$TMP/in.csv"
	printf '%s\n' 'Nà Tòng' >"$TMP/d.txt"
	run --separate-stderr cbcc-check-standards -a -s "$TMP/s.csv" \
	    -d "$TMP/d.txt" "$TMP/in.csv"
	assert_success
	assert_output "year,district,commune,staff_type,position,education_level,shortfall
2021,Huyện Tuần Giáo,Nà Tòng,cong_chuc,VP,trung_cap,ok
2021,Huyện Điện Biên,Na Tông,cong_chuc,VP,trung_cap,education<dai_hoc"
	[ -z "$stderr" ]
	# Written without diacritics, a name fits both; tone placement,
	# case and the type word do not matter.
	printf '%s\n' 'NA TONG' >"$TMP/d.txt"
	printf '%s\n' '2021,Huyện Điện Biên,Thanh Hoà,cong_chuc,VP,trung_cap' \
	    >>"$TMP/in.csv"
	printf '%s\n' 'NA TONG' 'xã THANH HÒA' >"$TMP/d.txt"
	run --separate-stderr cbcc-check-standards -a -s "$TMP/s.csv" \
	    -d "$TMP/d.txt" "$TMP/in.csv"
	assert_success
	assert_output "year,district,commune,staff_type,position,education_level,shortfall
2021,Huyện Tuần Giáo,Nà Tòng,cong_chuc,VP,trung_cap,ok
2021,Huyện Điện Biên,Na Tông,cong_chuc,VP,trung_cap,ok
2021,Huyện Điện Biên,Thanh Hoà,cong_chuc,VP,trung_cap,ok"
	assert_equal "$stderr" "cbcc-check-standards: $TMP/d.txt:1: 'NA TONG' names more than one unit (Nà Tòng, Huyện Tuần Giáo; Na Tông, Huyện Điện Biên): write its type or district"
}

@test "check-standards: more than ten names matching nothing are summed up" {
	printf '%s\n' 'staff_type,position,area,education_level' \
	    '*,*,difficult,trung_cap' >"$TMP/s.csv"
	printf '%s\n' 'commune,staff_type,position,education_level' \
	    'Thanh Nưa,cong_chuc,VP,trung_cap' >"$TMP/in.csv"
	seq -f 'Xã Số %g' 12 >"$TMP/d.txt"
	run --separate-stderr cbcc-check-standards -s "$TMP/s.csv" \
	    -d "$TMP/d.txt" "$TMP/in.csv"
	assert_success
	[ "${#stderr_lines[@]}" -eq 12 ]
	assert_equal "${stderr_lines[0]}" "cbcc-check-standards: $TMP/d.txt:1: 'Xã Số 1' matches no record's commune"
	assert_equal "${stderr_lines[10]}" "cbcc-check-standards: 2 more names of --difficult match no record"
	assert_equal "${stderr_lines[11]}" "cbcc-check-standards: 1 record, no standard in force"
}

@test "check-standards: difficult-2026 holds the 45 new units, each fitting its unit" {
	local l=$TOP/samples/difficult-2026.txt
	run sh -c "grep -v '^#' '$l' | sed 1d | cut -d' ' -f1 | sort | uniq -c | awk '{print \$2, \$1}'"
	assert_output "phường 3
xã 42"
	run sh -c "grep -v '^#' '$l' | sed 1d | cut -d, -f2,3 | sort -u"
	assert_output "2025,2030"
	{
		echo 'year,unit,staff_type,position,education_level,political_theory_level,it_skill_level'
		grep -v '^#' "$l" | sed 1d | cut -d, -f1 |
		    sed 's/^x/X/; s/^p/P/; s/.*/2026,&,cong_chuc,VP,trung_cap,,/'
	} >"$TMP/in.csv"
	run --separate-stderr cbcc-check-standards -s "$SAMPLE" -d "$l" \
	    "$TMP/in.csv"
	assert_success
	# Every one of them is difficult: trung cấp meets the standard.
	assert_output "year,unit,staff_type,position,education_level,political_theory_level,it_skill_level,shortfall"
	[ -z "$stderr" ]
}

@test "check-standards: a list with a header names its column and the years it holds" {
	units_fixture
	printf '%s\n' '# a decision for 2026-2030' 'unit,valid_from,valid_to,source' \
	    'xã Mường Chà,2026,2030,decision' 'Xã Na Sang,2026,2030,decision' \
	    >"$TMP/new.txt"
	printf '%s\n' 'commune,district,valid_to' \
	    'Thị trấn Mường Chà,Huyện Mường Chà,2024' 'Sam Mứn,,2024' \
	    >"$TMP/old.txt"
	run shortfalls 1,3,7,8 "$TMP/units.csv" -d "$TMP/old.txt" -d "$TMP/new.txt"
	assert_success
	# 2021: the old list, by commune (Thị trấn Mường Chà went into Na Sang,
	# which the new list names for 2026 only); 2026: the new list, by unit.
	assert_output "year,commune,unit,shortfall
2021,Thị trấn Mường Chà,Xã Na Sang,ok
2021,Xã Si Pa Phìn,Xã Si Pa Phìn,education<dai_hoc
2021,Xã Sam Mứn,Xã Thanh An,ok
2021,Xã Pom Lót,Xã Sam Mứn,education<dai_hoc
2026,Xã Mường Chà,Xã Mường Chà,ok
2026,Xã Sam Mứn,Xã Sam Mứn,education<dai_hoc
2026,Xã Đâu Đó,,no_standard"
	# Na Sang is a unit of 2021's records only.
	assert_equal "$(cat "$TMP/err")" "cbcc-check-standards: $TMP/new.txt:4: 'Xã Na Sang' matches no record's unit
cbcc-check-standards: 2026: 1 record, no standard in force"
}

@test "check-standards: the sample lists of 2021 and 2026 together, across the reorganisation" {
	printf '%s\n' 'year,district,commune,unit,staff_type,position,education_level,political_theory_level,it_skill_level' \
	    '2021,Huyện Điện Biên,Thanh Xương,Phường Mường Thanh,cong_chuc,VP,trung_cap,,co_ban' \
	    '2021,Thành phố Điện Biên Phủ,Noong Bua,Phường Mường Thanh,cong_chuc,VP,trung_cap,,co_ban' \
	    '2021,Huyện Mường Chà,Mường Chà,Xã Na Sang,cong_chuc,VP,trung_cap,,co_ban' \
	    '2026,,Mường Thanh,Phường Mường Thanh,cong_chuc,VP,trung_cap,,' \
	    '2026,,Mường Chà,Xã Mường Chà,cong_chuc,VP,trung_cap,,' >"$TMP/in.csv"
	run --separate-stderr cbcc-check-standards -a -s "$SAMPLE" \
	    -d "$TOP/samples/difficult-2021.txt" \
	    -d "$TOP/samples/difficult-2026.txt" "$TMP/in.csv"
	assert_success
	run cut -d, -f1,3,10 <<<"$output"
	assert_output "year,commune,shortfall
2021,Thanh Xương,ok
2021,Noong Bua,education<dai_hoc
2021,Mường Chà,ok
2026,Mường Thanh,ok
2026,Mường Chà,ok"
	assert_equal "${stderr_lines[-1]}" "cbcc-check-standards: 152 more names of --difficult match no record"
}

@test "check-standards: faults of a list in table form are fatal with file and line" {
	local d=$TMP/d.txt
	printf '%s\n' 'unit,commune' 'a,b' >"$d"
	fault "$d:1: a list with a header names its units in one column, unit or commune" \
	    -s "$S/standards.csv" \
	    -d "$d" "$S/records.csv"
	printf '%s\n' 'unit,district' 'a,b' >"$d"
	fault "$d:1: district goes with commune, not with unit (the units of 2025 have no district)" \
	    -s "$S/standards.csv" \
	    -d "$d" "$S/records.csv"
	printf '%s\n' 'commune,valid_from' 'Thanh Nưa,2021' 'Mường Phăng' >"$d"
	fault "$d:3: 1 fields, the header has 2" \
	    -s "$S/standards.csv" \
	    -d "$d" "$S/records.csv"
	printf '%s\n' 'commune,valid_from' 'Thanh Nưa,21' >"$d"
	fault "$d:2: valid_from '21' is not a year (four digits, or empty for an open end)" \
	    -s "$S/standards.csv" \
	    -d "$d" "$S/records.csv"
	printf '%s\n' 'commune,valid_from,valid_to' 'Thanh Nưa,2025,2021' >"$d"
	fault "$d:2: valid_from 2025 is after valid_to 2021" \
	    -s "$S/standards.csv" \
	    -d "$d" "$S/records.csv"
	printf '%s\n' 'commune,valid_from' 'Thanh Nưa,2021' >"$d"
	cut -d, -f2- "$S/records.csv" >"$TMP/noyear.csv"
	fault "$TMP/noyear.csv:1: no column year (the --difficult list holds for some years only)" \
	    -s "$S/standards.csv" \
	    -d "$d" "$TMP/noyear.csv"
}
