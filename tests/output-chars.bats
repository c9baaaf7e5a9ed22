#!/usr/bin/env bats
# Every output parses, whatever characters the input holds: a unit name
# with a control character, U+FFFE, U+FFFF or bytes that are not UTF-8 is
# put through classify-education and aggregate (csv, tsv, jsonl) and the
# report (text, md, html, xlsx), and each product is read back with a
# strict reader: python3's UTF-8 decoder, csv module and XML parser (the
# HTML page and every part of the workbook), jq, xlsx2csv.

bats_require_minimum_version 1.5.0
load test_helper

# The records: one of Huyện A<c>B (c the bytes given, printf escapes) and
# one of a plain unit.
roster() {
	printf 'year,district,full_name,staff_type,position,education\n'
	printf "2021,Huyện A${1}B,Lò Văn A,can_bo,Chủ tịch UBND,Đại học\n"
	printf '2021,Huyện C,Lò Văn B,cong_chuc,Tư pháp - hộ tịch,Trung cấp\n'
}

# Whether file $1 is UTF-8 text (python3's strict decoder).
utf8() {
	python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$1"
}

# Whether file $1 parses as XML.
xml() {
	python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$1"
}

# Whether every .xml part of workbook $1 parses as XML.
xlsxparts() {
	python3 -c '
import sys, zipfile, xml.etree.ElementTree as E
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
	if n.endswith(".xml") or n.endswith(".rels"):
		E.fromstring(z.read(n))
' "$1"
}

# The whole round: $1 the bytes of the character, $2 what the district
# becomes in the outputs (python3 literal), $3 "reject" when the record
# must be rejected as not UTF-8.
round() {
	roster "$1" >"$TMP/in.csv"
	run --separate-stderr cbcc-classify-education "$TMP/in.csv"
	assert_success
	if [ "${3:-}" = reject ]; then
		assert_equal "$stderr" "cbcc-classify-education: 1 record rejected (invalid UTF-8 1); --rejects FILE keeps them"
	else
		assert_equal "$stderr" ""
	fi
	cbcc-classify-education "$TMP/in.csv" 2>/dev/null >"$TMP/c.csv"
	for f in csv tsv jsonl; do
		cbcc-classify-education --format $f "$TMP/in.csv" \
		    2>/dev/null >"$TMP/c.$f"
		cbcc-aggregate --format $f -g year,district "$TMP/c.csv" \
		    >"$TMP/a.$f"
		utf8 "$TMP/c.$f"
		utf8 "$TMP/a.$f"
	done
	python3 -c '
import csv, sys
for f, d in (("c.csv", ","), ("c.tsv", "\t"), ("a.csv", ","), ("a.tsv", "\t")):
	rows = list(csv.reader(open(sys.argv[1] + "/" + f, newline=""), delimiter=d))
	assert len(set(map(len, rows))) == 1, f
	names = set(r[1] for r in rows[1:])
	assert eval(sys.argv[2]) in names or sys.argv[3] == "reject", (f, names)
' "$TMP" "$2" "${3:-}"
	jq -e . "$TMP/c.jsonl" >/dev/null
	jq -e . "$TMP/a.jsonl" >/dev/null
	cbcc-report "$TMP/a.csv" >"$TMP/r.txt" 2>"$TMP/err"
	utf8 "$TMP/r.txt"
	cbcc-report --format md "$TMP/a.csv" >"$TMP/r.md" 2>>"$TMP/err"
	utf8 "$TMP/r.md"
	cbcc-report --format html "$TMP/a.csv" >"$TMP/r.html" 2>>"$TMP/err"
	xml "$TMP/r.html"
	cbcc-report --format xlsx -o "$TMP/r.xlsx" "$TMP/a.csv" 2>>"$TMP/err"
	xlsxparts "$TMP/r.xlsx"
	xlsx2csv -a "$TMP/r.xlsx" >/dev/null
}

@test "output characters: a control character, U+0001" {
	round '\001' '"Huyện A\x01B"'
	run cat "$TMP/err"
	assert_line --index 0 "cbcc-report: $TMP/a.csv:2: 7 characters no report can show (a control character, line break, U+FFFE or U+FFFF) replaced, the first on this line"
	run grep -ci 'huyện A�B' "$TMP/r.txt" "$TMP/r.html"
	assert_output "$TMP/r.txt:1
$TMP/r.html:4"
}

@test "output characters: ESC, the start of a terminal's escape sequence" {
	round '\033[31m' '"Huyện A\x1b[31mB"'
	run grep -c $'\033' "$TMP/r.txt"
	assert_output 0
}

@test "output characters: U+FFFE and U+FFFF" {
	round '\357\277\276\357\277\277' '"Huyện A\uFFFE\uFFFFB"'
	run grep -c 'huyện A��B' "$TMP/r.txt"
	assert_output 1
}

@test "output characters: a NUL byte" {
	round '\000' '"Huyện A\x00B"'
	run grep -c 'huyện A�B' "$TMP/r.txt"
	assert_output 1
}

@test "output characters: DEL and a C1 control, which XML allows" {
	round '\177\302\205' '"Huyện A\x7f\x85B"'
	run cat "$TMP/err"
	assert_output ""
}

@test "output characters: bytes that are not UTF-8 are rejected by every reader" {
	for bad in '\377' '\300\257' '\355\240\200' '\341\272'; do
		round "$bad" '"Huyện C"' reject
		run grep -ci "huyện A" "$TMP/c.csv" "$TMP/a.csv" "$TMP/r.txt"
		assert_output "$TMP/c.csv:0
$TMP/a.csv:0
$TMP/r.txt:0"
	done
	# Each filter after normalize, on the same bytes.
	roster '\300\257' >"$TMP/in.csv"
	cbcc-classify-education "$TMP/in.csv" 2>/dev/null | head -1 >"$TMP/h"
	{ cat "$TMP/h"; roster '\300\257' | sed -n 2p | sed 's/$/,dai_hoc/'; } >"$TMP/bad.csv"
	run --separate-stderr cbcc-aggregate --strict -g district "$TMP/bad.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-aggregate: $TMP/bad.csv:2: invalid UTF-8: byte 0xC0 in field 2 (byte 10 of the field)"
	printf 'staff_type,position,education_level\ncong_chuc,*,dai_hoc\n' >"$TMP/s.csv"
	printf 'year,staff_type,position,education_level\n2021,cong_chuc,V\300\257,trung_cap\n' >"$TMP/std.csv"
	run --separate-stderr cbcc-check-standards --strict -s "$TMP/s.csv" "$TMP/std.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $TMP/std.csv:2: invalid UTF-8: byte 0xC0 in field 3 (byte 2 of the field)"
	printf 'year,district,dimension,level,count,total,percent\n2021,A\300\257,education,dai_hoc,1,2,50.0\n' >"$TMP/agg.csv"
	run --separate-stderr cbcc-report --strict "$TMP/agg.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: $TMP/agg.csv:2: invalid UTF-8: byte 0xC0 in field 2 (byte 2 of the field)"
	run --separate-stderr cbcc-diff-years --strict "$TMP/agg.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-diff-years: $TMP/agg.csv:2: invalid UTF-8: byte 0xC0 in field 2 (byte 2 of the field)"
}

@test "output characters: --title with a control character" {
	run --separate-stderr cbcc-report --format html --title $'A\001\n<b>' "$FIX/report/district.csv"
	assert_success
	assert_equal "$stderr" "cbcc-report: --title: a character no report can show (a control character, line break, U+FFFE, U+FFFF or a byte that is not UTF-8) replaced"
	assert_line --index 4 '<title>A� &lt;b&gt;</title>'
}
