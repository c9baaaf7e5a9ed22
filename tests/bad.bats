#!/usr/bin/env bats
# The corpus of bad inputs: tests/bad/cases.tsv names, for each case, the
# command (run in a directory holding tests/bad/in/* and what
# tests/bad/make-corpus writes, linked), the exit status and the exact standard
# error (\n between lines); tests/bad/out/NAME holds the exact standard
# output.  Every case of the table has its test below.

bats_require_minimum_version 1.5.0
load test_helper

BAD=$TOP/tests/bad

setup_file() {
	export BADDIR="$BATS_FILE_TMPDIR/corpus"
	mkdir -p "$BADDIR"
	cp "$TOP"/tests/bad/in/* "$BADDIR"/
	"$TOP"/tests/bad/make-corpus "$BADDIR"
}

# Run case $1 of the table and check its status, stdout and stderr.
bad_case() {
	local name want cmd err
	IFS=$'\t' read -r name want cmd err < <(awk -F'\t' -v n="$1" \
	    '$1 == n' "$BAD/cases.tsv")
	[ "$name" = "$1" ] || fail "no case '$1' in cases.tsv"
	cd "$TMP"
	ln -s "$BADDIR"/* .
	export S=$TOP/samples
	run --separate-stderr bash -c "$cmd"
	err=${err//\\n/$'\n'}
	assert_equal "$stderr" "$err"
	[ "$status" -eq "$want" ] || fail "exit status $status, not $want"
	[ "$output" = "$(cat "$BAD/out/$name")" ] ||
	    fail "stdout differs: $(diff <(printf '%s\n' "$output") \
	    "$BAD/out/$name" | head -20)"
}

@test "the corpus has at least 40 cases, each with its test and output" {
	local n
	n=$(grep -c . "$BAD/cases.tsv")
	[ "$n" -ge 40 ]
	for c in $(cut -f1 "$BAD/cases.tsv"); do
		grep -q "^@test \"bad: $c\" " "$BATS_TEST_FILENAME" ||
		    fail "case $c has no test"
		[ -f "$BAD/out/$c" ] || fail "case $c has no output file"
	done
	[ "$(cut -f1 "$BAD/cases.tsv" | sort | uniq -d)" = "" ]
}
@test "bad: unterminated-quote" { bad_case unterminated-quote; }
@test "bad: stray-quote" { bad_case stray-quote; }
@test "bad: ragged" { bad_case ragged; }
@test "bad: ragged-rejects-file" { bad_case ragged-rejects-file; }
@test "bad: ragged-strict" { bad_case ragged-strict; }
@test "bad: utf8-overlong" { bad_case utf8-overlong; }
@test "bad: utf8-surrogate" { bad_case utf8-surrogate; }
@test "bad: utf8-truncated" { bad_case utf8-truncated; }
@test "bad: utf8-byte-ff" { bad_case utf8-byte-ff; }
@test "bad: utf8-cut-at-eof" { bad_case utf8-cut-at-eof; }
@test "bad: nul-in-field" { bad_case nul-in-field; }
@test "bad: nonchar-in-field" { bad_case nonchar-in-field; }
@test "bad: utf16-odd" { bad_case utf16-odd; }
@test "bad: tcvn3-bytes-no-flag" { bad_case tcvn3-bytes-no-flag; }
@test "bad: tcvn3-bytes-flag" { bad_case tcvn3-bytes-flag; }
@test "bad: wrong-encoding-flag" { bad_case wrong-encoding-flag; }
@test "bad: unknown-encoding-flag" { bad_case unknown-encoding-flag; }
@test "bad: field-1mb" { bad_case field-1mb; }
@test "bad: columns-10000" { bad_case columns-10000; }
@test "bad: columns-100000" { bad_case columns-100000; }
@test "bad: line-100k" { bad_case line-100k; }
@test "bad: empty-file" { bad_case empty-file; }
@test "bad: empty-file-classify" { bad_case empty-file-classify; }
@test "bad: empty-file-aggregate" { bad_case empty-file-aggregate; }
@test "bad: empty-stdin-report" { bad_case empty-stdin-report; }
@test "bad: header-only" { bad_case header-only; }
@test "bad: duplicate-header" { bad_case duplicate-header; }
@test "bad: empty-header-cell" { bad_case empty-header-cell; }
@test "bad: title-only" { bad_case title-only; }
@test "bad: total-row" { bad_case total-row; }
@test "bad: newline-in-field" { bad_case newline-in-field; }
@test "bad: bom-middle" { bad_case bom-middle; }
@test "bad: mixed-eol" { bad_case mixed-eol; }
@test "bad: cr-only" { bad_case cr-only; }
@test "bad: semicolon" { bad_case semicolon; }
@test "bad: date-31-02" { bad_case date-31-02; }
@test "bad: year-20211" { bad_case year-20211; }
@test "bad: year-flag-20211" { bad_case year-flag-20211; }
@test "bad: group-missing-column" { bad_case group-missing-column; }
@test "bad: where-missing-column" { bad_case where-missing-column; }
@test "bad: stray-level" { bad_case stray-level; }
@test "bad: merge-negative" { bad_case merge-negative; }
@test "bad: merge-totals-disagree" { bad_case merge-totals-disagree; }
@test "bad: merge-count-exceeds" { bad_case merge-count-exceeds; }
@test "bad: merge-count-text" { bad_case merge-count-text; }
@test "bad: merge-records-as-levels" { bad_case merge-records-as-levels; }
@test "bad: merge-strict" { bad_case merge-strict; }
@test "bad: standards-no-staff-type" { bad_case standards-no-staff-type; }
@test "bad: standards-missing-file" { bad_case standards-missing-file; }
@test "bad: standards-ragged" { bad_case standards-ragged; }
@test "bad: classify-no-columns" { bad_case classify-no-columns; }
@test "bad: diff-no-year" { bad_case diff-no-year; }
@test "bad: diff-year-absent" { bad_case diff-year-absent; }
@test "bad: diff-bad-year" { bad_case diff-bad-year; }
@test "bad: report-not-aggregate" { bad_case report-not-aggregate; }
@test "bad: bad-format" { bad_case bad-format; }
@test "bad: bad-precision" { bad_case bad-precision; }
@test "bad: directory" { bad_case directory; }
@test "bad: directory-aggregate" { bad_case directory-aggregate; }
@test "bad: missing-file" { bad_case missing-file; }
@test "bad: missing-then-good" { bad_case missing-then-good; }
@test "bad: fifo" { bad_case fifo; }
@test "bad: process-substitution" { bad_case process-substitution; }
@test "bad: unreadable" {
	[ "$(id -u)" -ne 0 ] || skip "root reads a file of mode 000"
	bad_case unreadable
}
@test "bad: fifo-workbook-on-stdin" { bad_case fifo-workbook-on-stdin; }
@test "bad: stdin-dash-twice" { bad_case stdin-dash-twice; }
@test "bad: classify-ragged" { bad_case classify-ragged; }
@test "bad: aggregate-ragged" { bad_case aggregate-ragged; }
@test "bad: check-standards-ragged" { bad_case check-standards-ragged; }
@test "bad: diff-ragged" { bad_case diff-ragged; }
@test "bad: report-ragged" { bad_case report-ragged; }
@test "bad: classify-unterminated" { bad_case classify-unterminated; }
@test "bad: merge-groups-differ" { bad_case merge-groups-differ; }
@test "bad: corrupt-sheet" { bad_case corrupt-sheet; }
@test "bad: xls-truncated" { bad_case xls-truncated; }
@test "bad: xls-sector-loop" { bad_case xls-sector-loop; }
@test "bad: xls-sector-outside" { bad_case xls-sector-outside; }
@test "bad: xls-sst-cut" { bad_case xls-sst-cut; }
@test "bad: xls-record-overrun" { bad_case xls-record-overrun; }
@test "bad: xls-sst-index" { bad_case xls-sst-index; }
@test "bad: xls-column" { bad_case xls-column; }
@test "bad: xls-encrypted" { bad_case xls-encrypted; }
@test "bad: xls-random-7" { bad_case xls-random-7; }
@test "bad: xls-random-70" { bad_case xls-random-70; }
@test "bad: xls-random-80" { bad_case xls-random-80; }
@test "bad: xls-random-97" { bad_case xls-random-97; }
@test "bad: xls-random-103" { bad_case xls-random-103; }
@test "bad: xls-random-186" { bad_case xls-random-186; }
@test "bad: xls-header-only" { bad_case xls-header-only; }
@test "bad: field-131072" { bad_case field-131072; }
@test "bad: field-131073" { bad_case field-131073; }
@test "bad: field-131073-strict" { bad_case field-131073-strict; }
@test "bad: columns-16384" { bad_case columns-16384; }
@test "bad: columns-16385" { bad_case columns-16385; }
@test "bad: columns-16385-strict" { bad_case columns-16385-strict; }
@test "bad: line-1mb" { bad_case line-1mb; }
@test "bad: record-1mb" { bad_case record-1mb; }
@test "bad: report-field-8mb" { bad_case report-field-8mb; }
@test "bad: utf8-classified" { bad_case utf8-classified; }
@test "bad: utf8-classified-strict" { bad_case utf8-classified-strict; }
