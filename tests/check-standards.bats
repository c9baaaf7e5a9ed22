#!/usr/bin/env bats
# cbcc-check-standards: the records below their title's standard.

bats_require_minimum_version 1.5.0
load test_helper

S=$FIX/standards
HDR=year,commune,full_name,staff_type,position,education_level,political_theory_level,state_mgmt_level,shortfall

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
	[ -z "$stderr" ]
}

@test "check-standards: --all keeps every record and marks the ones that meet all ok" {
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
2021,Thanh Nưa,Vàng A F,cong_chuc,Chỉ huy trưởng Quân sự,so_cap,chua_qua,chua_qua,ok
2021,Thanh Nưa,Giàng A G,can_bo,Chủ tịch Hội Nông dân,cao_dang,trung_cap,chua_qua,education<dai_hoc
2021,Thanh Nưa,Lường Văn H,,Thủ quỹ,trung_cap,chua_qua,chua_qua,no_standard"
	[ -z "$stderr" ]
}

@test "check-standards: without --difficult every commune takes the other rule" {
	run cbcc-check-standards -a -s "$S/standards.csv" "$S/records.csv"
	assert_success
	assert_line --index 4 "2021,Thanh Nưa,Cà Văn D,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,education<dai_hoc"
	assert_line --index 3 "2021,Mường Thanh,Quàng Văn C,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,education<dai_hoc"
}

@test "check-standards: difficult communes match without prefix, case or NFC" {
	run cbcc-check-standards -a -s "$S/standards.csv" \
	    -d "$S/difficult-variants.txt" "$S/records.csv"
	assert_success
	assert_line --index 3 "2021,Mường Thanh,Quàng Văn C,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,ok"
	assert_line --index 4 "2021,Thanh Nưa,Cà Văn D,cong_chuc,Tư pháp - Hộ tịch,trung_cap,chua_qua,chuyen_vien,ok"
}

@test "check-standards: a difficult list of * makes every commune difficult" {
	printf '# all\n*\n' >"$TMP/all.txt"
	run cbcc-check-standards -s "$S/standards.csv" -d "$TMP/all.txt" \
	    "$S/records.csv"
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
	run cbcc-check-standards -a -s "$TMP/s.csv" "$TMP/in.csv"
	assert_success
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
	    "$S/records.csv" >"$TMP/once.csv"
	run cbcc-check-standards -a -s "$S/standards.csv" \
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
	run --separate-stderr cbcc-check-standards --strict \
	    -s "$S/standards.csv" "$S/ragged.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $S/ragged.csv:3: ragged: 4 fields, header has 5"
}

@test "check-standards: --format jsonl" {
	run cbcc-check-standards --format jsonl -s "$S/standards.csv" \
	    -d "$S/difficult.txt" "$S/records.csv"
	assert_success
	run jq -r '[.full_name, .shortfall] | join("|")' <<<"$output"
	assert_output "Lò Thị B|political_theory<trung_cap
Quàng Văn C|education<dai_hoc
Tòng Thị E|education=unknown;state_mgmt=unknown
Giàng A G|education<dai_hoc
Lường Văn H|no_standard"
}

@test "check-standards: reads standard input, several operands with one header" {
	run cbcc-check-standards -s "$S/standards.csv" -d "$S/difficult.txt" \
	    - "$S/records.csv" <"$S/records.csv"
	assert_success
	[ "${#lines[@]}" -eq 11 ]
	assert_line --index 10 "2021,Thanh Nưa,Lường Văn H,,Thủ quỹ,trung_cap,chua_qua,chua_qua,no_standard"
}

@test "check-standards: an operand whose header differs is an error" {
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    "$S/records.csv" "$S/ragged.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $S/ragged.csv:1: header differs from the first input's"
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
	assert_equal "$stderr" "cbcc-check-standards: $TMP/nosuch.csv: No such file or directory"
	assert_line --index 0 "$HDR"
}

@test "check-standards: faults in the standards table are fatal with file and line" {
	local t=$TMP/s.csv
	printf '%s\n' '# c' 'staff_type,position,education_level,colour' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t:2: unknown column 'colour' (staff_type, position, area or a *_level column)"
	printf '%s\n' 'position,education_level' '*,dai_hoc' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t:1: the header needs the columns staff_type and position"
	printf '%s\n' 'staff_type,position,education_level' '*,*,daihoc' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t:2: 'daihoc' is not a level of education_level"
	printf '%s\n' 'staff_type,position,education_level' 'cb,*,dai_hoc' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t:2: staff_type 'cb' is not can_bo, cong_chuc or *"
	printf '%s\n' 'staff_type,position,area,education_level' \
	    '*,*,hard,dai_hoc' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t:2: area 'hard' is not difficult, other or *"
	printf '%s\n' 'staff_type,position,education_level' '*,*' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t:2: 2 fields, the header has 3"
	printf '%s\n' 'staff_type,position,education_level' '*,a||b,dai_hoc' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t:2: empty alternative in position pattern 'a||b'"
	printf '# only a comment\n' >"$t"
	run --separate-stderr cbcc-check-standards -s "$t" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $t: no header"
}

@test "check-standards: an input without a column the standards need is a data error" {
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    "$S/nocol.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $S/nocol.csv:1: no column education_level (the standards set a minimum for it)"
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    -d "$S/difficult.txt" "$S/ragged.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $S/ragged.csv:1: no column commune (needed by --difficult)"
}

@test "check-standards: a difficult list of several fields a line is an error" {
	printf 'Thanh Nưa,Huyện Điện Biên\n' >"$TMP/d.txt"
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    -d "$TMP/d.txt" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $TMP/d.txt:1: one commune a line, not 2 fields"
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
	assert_equal "$stderr" "cbcc-check-standards: write error on standard output: No space left on device"
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
	run --separate-stderr cbcc-check-standards -s "$S/standards.csv" \
	    -d "$TMP/nosuch.txt" "$S/records.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $TMP/nosuch.txt: No such file or directory"
}
