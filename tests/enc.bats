#!/usr/bin/env bats
# The encoding layer (filters/lib/enc.c): the decoding source through
# encdump-tool, and cbcc-normalize --encoding on the same roster in every
# encoding (fixtures made by tests/fixtures/enc/gen.sh).

bats_require_minimum_version 1.5.0
load test_helper

E=tests/fixtures/enc

@test "every legacy encoding decodes to the UTF-8 roster exactly" {
	cd "$TOP"
	for enc in cp1258 tcvn3 viscii vni; do
		run --separate-stderr encdump-tool -e "$enc" "$E/roster.$enc.csv"
		assert_success
		assert_output "$(cat "$E/roster.csv")"
		[ "$stderr" = "$E/roster.$enc.csv: $enc, 0 bad, 0 repaired" ]
	done
}

@test "encoding names have their aliases" {
	cd "$TOP"
	run --separate-stderr encdump-tool -e ABC "$E/roster.tcvn3.csv"
	assert_success
	assert_output "$(cat "$E/roster.csv")"
	[ "$stderr" = "$E/roster.tcvn3.csv: tcvn3, 0 bad, 0 repaired" ]
	run --separate-stderr encdump-tool -e windows-1258 "$E/roster.cp1258.csv"
	assert_success
	assert_output "$(cat "$E/roster.csv")"
	[ "$stderr" = "$E/roster.cp1258.csv: cp1258, 0 bad, 0 repaired" ]
}

@test "mojibake that Excel re-saved is repaired cell by cell" {
	cd "$TOP"
	for enc in tcvn3 vni; do
		run --separate-stderr encdump-tool -e "$enc-in-utf8" \
		    "$E/roster.$enc-in-utf8.csv"
		assert_success
		assert_output "$(cat "$E/roster.csv")"
		[ "$stderr" = "$E/roster.$enc-in-utf8.csv: $enc-in-utf8, 0 bad, 44 repaired" ]
	done
}

@test "UTF-8 BOM and UTF-16 by BOM are detected" {
	cd "$TOP"
	run --separate-stderr encdump-tool "$E/roster.utf8bom.csv"
	assert_success
	assert_output "$(cat "$E/roster.csv")"
	[ "$stderr" = "$E/roster.utf8bom.csv: utf-8 (BOM), 0 bad, 0 repaired" ]
	run --separate-stderr encdump-tool "$E/roster.utf16be.csv"
	assert_success
	assert_output "$(cat "$E/roster.csv")"
	[ "$stderr" = "$E/roster.utf16be.csv: utf-16be, 0 bad, 0 repaired" ]
	run --separate-stderr encdump-tool "$E/roster.utf16le.txt"
	assert_success
	assert_output "$(tr , '\t' <"$E/roster.csv" | sed 's/$/\r/')"
	[ "$stderr" = "$E/roster.utf16le.txt: utf-16le, 0 bad, 0 repaired" ]
}

@test "byte-at-a-time reads from a pipe give the same text" {
	cd "$TOP"
	run --separate-stderr sh -c "cat $E/roster.utf16le.txt | encdump-tool -n 1 | tr '\t' , | tr -d '\r'"
	assert_success
	assert_output "$(cat "$E/roster.csv")"
	[ "$stderr" = "-: utf-16le, 0 bad, 0 repaired" ]
	run --separate-stderr sh -c "cat $E/roster.vni.csv | encdump-tool -n 1 -e vni"
	assert_success
	assert_output "$(cat "$E/roster.csv")"
	[ "$stderr" = "-: vni, 0 bad, 0 repaired" ]
}

@test "undecodable bytes become U+FFFD and are counted" {
	printf 'a\201b\n' >"$TMP/x.csv"
	run --separate-stderr encdump-tool -e tcvn3 "$TMP/x.csv"
	assert_success
	assert_output "a�b"
	[ "$stderr" = "$TMP/x.csv: tcvn3, 1 bad, 0 repaired" ]
}

@test "errors: a missing file, an unknown encoding, a read error" {
	run --separate-stderr encdump-tool "$TMP/none.csv"
	assert_failure 1
	[ "$stderr" = "encdump-tool: $TMP/none.csv: No such file or directory" ]
	run --separate-stderr encdump-tool -e latin1 "$TMP/none.csv"
	assert_failure 2
	[ "$stderr" = "encdump-tool: unknown encoding 'latin1'" ]
	run --separate-stderr encdump-tool "$TMP"
	assert_failure 1
	[ "$stderr" = "encdump-tool: $TMP: read error: Is a directory
$TMP: utf-8, 0 bad, 0 repaired" ]
}

@test "cbcc-normalize --encoding gives what the UTF-8 roster gives" {
	cd "$TOP"
	run cbcc-normalize "$E/roster.csv"
	assert_success
	want=$output
	for enc in cp1258 tcvn3 viscii vni tcvn3-in-utf8 vni-in-utf8; do
		run --separate-stderr cbcc-normalize --encoding "$enc" \
		    "$E/roster.$enc.csv"
		assert_success
		assert_output "$want"
		[ "$stderr" = "" ]
	done
	for f in roster.utf8bom.csv roster.utf16be.csv roster.utf16le.txt; do
		run --separate-stderr cbcc-normalize "$E/$f"
		assert_success
		assert_output "$want"
		[ "$stderr" = "" ]
	done
}
