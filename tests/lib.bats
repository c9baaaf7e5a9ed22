#!/usr/bin/env bats
# The shared record reader and writer, through recdump-tool (reader in,
# writer out, nothing else).

bats_require_minimum_version 1.5.0
load test_helper

CASES=$FIX/csv

# same_records GOT_JSONL_FILE WANT_JSON_FILE: the records equal, keys in
# any order; shows both when not.
same_records() {
	local got want
	got=$(jq -s -S . "$1") want=$(jq -S . "$2")
	[ "$got" = "$want" ] || { echo "got:  $got"; echo "want: $want"; return 1; }
}

@test "csv cases: every case parses to its records" {
	local n=0 f
	for f in "$CASES"/*.csv; do
		recdump-tool --format jsonl "$f" >"$TMP/got" ||
		    fail "$f: status $?"
		same_records "$TMP/got" "${f%.csv}.json" || fail "${f##*/} differs"
		n=$((n + 1))
	done
	[ "$n" -eq 16 ]
}

@test "csv cases: csv output reads back to the same records" {
	local f
	for f in "$CASES"/*.csv; do
		recdump-tool "$f" >"$TMP/a.csv"
		recdump-tool --format jsonl "$f" >"$TMP/1.jsonl"
		recdump-tool --format jsonl "$TMP/a.csv" >"$TMP/2.jsonl"
		cmp "$TMP/1.jsonl" "$TMP/2.jsonl" || fail "${f##*/}"
	done
}

@test "csv cases: the committed files are what make-cases writes" {
	cp -r "$CASES" "$TMP/csv"
	"$TMP/csv/make-cases"
	run diff -r "$CASES" "$TMP/csv"
	assert_success
}

# The records recdump-tool reads from a csv-spectrum file, as the JSON array
# the case must parse to.  The two upstream defects (README) are taken out:
# location_coordinates' phone number, and the CRs the *_crlf JSON expects
# inside quoted fields that the CSV files do not hold.
spectrum_case() {
	local name=$1 got want
	got=$(recdump-tool --format jsonl "$SPECTRUM/csvs/$name.csv" | jq -s -S .)
	want=$(jq -S . "$SPECTRUM/json/$name.json")
	case $name in
	location_coordinates)
		got=$(jq -S '[.[] | del(."Contact Phone Number")]' <<<"$got")
		want=$(jq -S '[.] | flatten | [.[] | del(."Contact Phone Number")]' <<<"$want") ;;
	*_crlf)
		want=$(jq -S 'map(map_values(gsub("\r"; "")))' <<<"$want") ;;
	esac
	[ "$got" = "$want" ] || { echo "got:  $got"; echo "want: $want"; return 1; }
}

@test "csv-spectrum (CBCC_SPECTRUM_DIR): every case parses to its records" {
	need_spectrum
	local n=0 f
	for f in "$SPECTRUM"/csvs/*.csv; do
		spectrum_case "$(basename "$f" .csv)"
		n=$((n + 1))
	done
	[ "$n" -eq 12 ]
}

@test "csv-spectrum (CBCC_SPECTRUM_DIR): csv output reads back to the same records" {
	need_spectrum
	for f in "$SPECTRUM"/csvs/*.csv; do
		recdump-tool "$f" >"$TMP/a.csv"
		recdump-tool --format jsonl "$f" >"$TMP/1.jsonl"
		recdump-tool --format jsonl "$TMP/a.csv" >"$TMP/2.jsonl"
		cmp "$TMP/1.jsonl" "$TMP/2.jsonl"
	done
}

@test "writer: fields are quoted only when they must be" {
	printf 'a,b,c\n"x,1","say ""hi""",plain\n"",z," sp "\n' >"$TMP/in.csv"
	run recdump-tool "$TMP/in.csv"
	assert_success
	assert_output $'a,b,c\n"x,1","say ""hi""",plain\n,z, sp '
}

@test "writer: a field holding a line break is quoted" {
	printf 'a,b\n"1\n2",3\n' >"$TMP/in.csv"
	run recdump-tool "$TMP/in.csv"
	assert_success
	assert_output $'a,b\n"1\n2",3'
}

@test "writer: tsv output, tsv input detected" {
	printf 'a,b\nx y,"p\tq"\n' >"$TMP/in.csv"
	recdump-tool --format tsv "$TMP/in.csv" >"$TMP/out.tsv"
	run cat "$TMP/out.tsv"
	assert_output $'a\tb\nx y\t"p\tq"'
	run recdump-tool "$TMP/out.tsv"
	assert_output $'a,b\nx y,p\tq'
}

@test "writer: jsonl escapes control characters" {
	printf 'a\n"t\tq""\\\\\001"\n' >"$TMP/in.csv"
	run recdump-tool --format jsonl "$TMP/in.csv"
	assert_success
	assert_output '{"a":"t\tq\"\\\\\u0001"}'
}

@test "writer: --excel writes a BOM, CRLF and defuses formulas, not negative numbers" {
	printf 'a,b\n=1+1,@x\n-3,ok\n-3+cmd,-0.5\n' >"$TMP/in.csv"
	recdump-tool --excel "$TMP/in.csv" >"$TMP/out.csv"
	printf '\357\273\277a,b\r\n"\047=1+1","\047@x"\r\n-3,ok\r\n"\047-3+cmd",-0.5\r\n' >"$TMP/want.csv"
	cmp "$TMP/out.csv" "$TMP/want.csv"
}

@test "reader: CRLF, lone CR, a last line without a line end" {
	printf 'a,b\r\n1,2\r3,4\n5,6' >"$TMP/in.csv"
	run recdump-tool "$TMP/in.csv"
	assert_output $'a,b\n1,2\n3,4\n5,6'
}

@test "reader: a UTF-8 BOM is dropped, semicolons detected" {
	printf '\xef\xbb\xbfa;b\n"1;2";3\n' >"$TMP/in.csv"
	run recdump-tool --format jsonl "$TMP/in.csv"
	assert_output '{"a":"1;2","b":"3"}'
}

@test "reader: the delimiter is the one of the header, not of a title" {
	printf '"DANH SÁCH, NĂM 2021";;\nx;y;z\n1;2,5;3\n' >"$TMP/in.csv"
	run recdump-tool "$TMP/in.csv"
	assert_output $'"DANH SÁCH, NĂM 2021",,\nx,y,z\n1,"2,5",3'
}

@test "reader: a quote inside an unquoted field is a plain character" {
	printf 'a,b\n12"N,x\n' >"$TMP/in.csv"
	run recdump-tool --format jsonl "$TMP/in.csv"
	assert_output '{"a":"12\"N","b":"x"}'
}

@test "reader: an unterminated quote is rejected with its line" {
	printf 'a,b\n1,2\n"open,3\n4,5\n' >"$TMP/in.csv"
	run --separate-stderr recdump-tool --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	assert_output $'a,b\n1,2'
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$TMP/in.csv,3,unterminated quoted field,\"\"\"open,3
4,5\""
}

@test "reader: text after a closing quote is rejected, the next line read" {
	printf 'a,b\n"x"y,2\n3,4\n' >"$TMP/in.csv"
	run --separate-stderr recdump-tool "$TMP/in.csv"
	assert_success
	assert_output $'a,b\n3,4'
	assert_equal "$stderr" "recdump-tool: 1 record rejected (bad quoting 1); --rejects FILE keeps them"
}

@test "reader: --strict makes a reject fatal, with file and line" {
	printf 'a,b\n"x"y,2\n' >"$TMP/in.csv"
	run --separate-stderr recdump-tool --strict "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "recdump-tool: $TMP/in.csv:2: bad quoting: text after a closing quote, or a stray quote beside a quoted field"
}

@test "reader: long lines and many columns cross read buffers" {
	awk 'BEGIN { for (i = 0; i < 3000; i++) printf "c%d%s", i, (i < 2999 ? "," : "\n") }' >"$TMP/in.csv"
	# Five fields of 120,000 bytes: a line of 600,000 over 256 KiB reads.
	for i in 1 2 3 4 5; do
		head -c 120000 /dev/zero | tr '\0' x >>"$TMP/in.csv"
		printf , >>"$TMP/in.csv"
	done
	printf '%02994d\n' 0 | tr 0 , >>"$TMP/in.csv"
	run recdump-tool --format jsonl "$TMP/in.csv"
	assert_success
	[ "$(jq -r '.c0 | length' <<<"$output")" -eq 120000 ]
	[ "$(jq -r '.c4 | length' <<<"$output")" -eq 120000 ]
	[ "$(jq -r '.c5 | length' <<<"$output")" -eq 0 ]
	[ "$(jq -r 'keys | length' <<<"$output")" -eq 3000 ]
}

@test "options: a missing file is reported, the others still read" {
	printf 'a\n1\n' >"$TMP/in.csv"
	run --separate-stderr recdump-tool "$TMP/nope.csv" "$TMP/in.csv"
	assert_failure 1
	assert_output $'a\n1'
	assert_equal "$stderr" "recdump-tool: $TMP/nope.csv: No such file or directory"
}

@test "options: bad --format is a usage error" {
	run --separate-stderr recdump-tool --format xml
	assert_failure 2
	assert_equal "$stderr" "recdump-tool: unknown format 'xml' (csv, tsv or jsonl)
usage: recdump-tool [--format fmt] [file ...]"
}

@test "close-out: a full disk is an error, a closed pipe is quiet" {
	printf 'a\n1\n' >"$TMP/in.csv"
	run --separate-stderr sh -c 'recdump-tool "$1" >/dev/full' sh "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "recdump-tool: write error on standard output: No space left on device"
	seq 1 200000 | sed '1s/^/n\n/' >"$TMP/big.csv"
	run --separate-stderr sh -c 'recdump-tool "$1" | head -1; exit ${PIPESTATUS:-0}' sh "$TMP/big.csv"
	assert_success
	assert_output n
	assert_equal "$stderr" ""
}

@test "pipes: a filter grows the pipes on its standard input and output to 1 MiB (or the system's most)" {
	printf 'year,education_level\n2021,dai_hoc\n' >"$TMP/in.csv"
	run python3 - "$TOP/bin/cbcc-aggregate" "$TMP/in.csv" <<-'EOF'
	import fcntl, os, subprocess, sys
	F_GETPIPE_SZ = 1032
	most = min(1 << 20, int(open("/proc/sys/fs/pipe-max-size").read()))
	ir, iw = os.pipe()
	orr, ow = os.pipe()
	before = fcntl.fcntl(ir, F_GETPIPE_SZ), fcntl.fcntl(orr, F_GETPIPE_SZ)
	os.write(iw, open(sys.argv[2], "rb").read())
	os.close(iw)
	p = subprocess.run([sys.argv[1], "-g", "year", "-c", "education_level"],
	    stdin=ir, stdout=ow)
	os.close(ow)
	out = os.read(orr, 1 << 16).decode()
	print(before[0] < most, before[1] < most,
	    fcntl.fcntl(ir, F_GETPIPE_SZ) == most,
	    fcntl.fcntl(orr, F_GETPIPE_SZ) == most, p.returncode,
	    [l for l in out.splitlines() if "dai_hoc" in l])
	EOF
	assert_success
	assert_output "True True True True 0 ['2021,education,dai_hoc,1,1,100.0']"
}

@test "reader: a rejects file of a ; roster reads as CSV, the delimiter of its every line" {
	printf 'file,line,reason,record\nr.csv,1,title,DANH SÁCH;;;;;;\nr.csv,5,numbering,1;2;3;4;5;6;7\n' >"$TMP/rej.csv"
	run recdump-tool --format jsonl "$TMP/rej.csv"
	assert_output '{"file":"r.csv","line":"1","reason":"title","record":"DANH SÁCH;;;;;;"}
{"file":"r.csv","line":"5","reason":"numbering","record":"1;2;3;4;5;6;7"}'
}

@test "tests/run: a bats that stops midway fails the run, though no test failed" {
	mkdir -p "$TMP/t/tests" "$TMP/t/build/unit" "$TMP/fake"
	cp "$TOP/tests/run" "$TMP/t/tests/run"
	touch "$TMP/t/tests/a.bats"
	printf '#!/bin/sh\nprintf "1..3\\nok 1 a\\nok 2 b\\n"\nexit 1\n' >"$TMP/fake/bats"
	chmod +x "$TMP/fake/bats"
	PATH=$TMP/fake:$PATH run "$TMP/t/tests/run"
	assert_failure 1
	assert_line "not ok - bats ran 2 of 3 tests (exit status 1)"
	assert_line --index 4 "2 passed, 1 failed"
	printf '#!/bin/sh\nprintf "1..2\\nok 1 a\\nok 2 b # skip x\\n"\n' >"$TMP/fake/bats"
	PATH=$TMP/fake:$PATH run "$TMP/t/tests/run"
	assert_success
	assert_output "1..2
ok 1 a
ok 2 b # skip x
# 1 skipped
1 passed, 0 failed"
}
