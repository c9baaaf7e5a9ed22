#!/usr/bin/env bats
# cbcc-swap: a directory in the place of another in one step, the previous
# one left at the new one's name; three renames where the file system
# cannot exchange.

bats_require_minimum_version 1.5.0
load test_helper

# mkrun DIR WORD: a directory DIR holding report.txt with WORD.
mkrun() {
	mkdir "$1" && echo "$2" >"$1/report.txt"
}

@test "swap: the two names exchanged, nothing else left" {
	mkrun "$TMP/out" old
	mkrun "$TMP/new" new
	run --separate-stderr cbcc-swap "$TMP/new" "$TMP/out"
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(cat "$TMP/out/report.txt")" new
	assert_equal "$(cat "$TMP/new/report.txt")" old
	run ls "$TMP"
	assert_output "new
out"
}

@test "swap: a directory that does not exist yet is made by a rename" {
	mkrun "$TMP/new" new
	cd "$TMP"
	run --separate-stderr cbcc-swap new out
	assert_success
	assert_equal "$(cat out/report.txt)" new
	run ls "$TMP"
	assert_output out
}

# readloop FILE PARENT: reads FILE until killed, then prints its reads
# that failed and its reads, as "FAILED READS".  It ends by itself if
# PARENT, the test, is gone (a suite stopped midway leaves no loop behind).
readloop() {
	local n=0 bad=0
	trap 'echo "$bad $n"; exit 0' TERM
	while kill -0 "$2" 2>/dev/null; do
		{ read -r _ <"$1"; } 2>/dev/null || bad=$((bad + 1))
		n=$((n + 1))
	done
}

# swaps N: cbcc-swap $TMP/new and $TMP/out N times while a reader reads
# $TMP/out/report.txt; sets "bad" and "reads" to its counts.
swaps() {
	local i pid
	readloop "$TMP/out/report.txt" "$$" >"$TMP/counts" &
	pid=$!
	for i in $(seq "$1"); do
		cbcc-swap "$TMP/new" "$TMP/out" 2>/dev/null || fail "swap $i"
	done
	kill -TERM "$pid"
	wait "$pid"
	read -r bad reads <"$TMP/counts"
}

@test "swap: a reader of the directory never finds it missing" {
	mkrun "$TMP/out" old
	mkrun "$TMP/new" new
	swaps 300
	echo "$bad of $reads reads failed"
	[ "$reads" -gt 300 ]
	assert_equal "$bad" 0
}

@test "swap: symbolic links, files and missing names are refused, nothing moved" {
	mkrun "$TMP/real" old
	mkrun "$TMP/new" new
	ln -s real "$TMP/link"
	run --separate-stderr cbcc-swap "$TMP/new" "$TMP/link"
	assert_failure 1
	assert_equal "$stderr" "cbcc-swap: $TMP/link: a symbolic link; give the directory it points to"
	[ -L "$TMP/link" ]
	echo x >"$TMP/file"
	run --separate-stderr cbcc-swap "$TMP/new" "$TMP/file"
	assert_failure 1
	assert_equal "$stderr" "cbcc-swap: $TMP/file: not a directory"
	run --separate-stderr cbcc-swap "$TMP/none" "$TMP/real"
	assert_failure 1
	assert_equal "$stderr" "cbcc-swap: $TMP/none: No such file or directory"
	assert_equal "$(cat "$TMP/real/report.txt" "$TMP/new/report.txt")" "old
new"
}

@test "swap: usage, --help, --version" {
	run --separate-stderr cbcc-swap "$TMP/a"
	assert_failure 2
	assert_equal "$stderr" "usage: cbcc-swap new dir"
	run --separate-stderr cbcc-swap -x a b
	assert_failure 2
	run --separate-stderr cbcc-swap --help
	assert_success
	assert_output "usage: cbcc-swap new dir
See the manual page cbcc-swap(1)."
	run cbcc-swap --version
	assert_success
	assert_output --regexp '^cbcc-swap [0-9]+\.[0-9]+\.[0-9]+$'
}

# noexchange: the shim that makes RENAME_EXCHANGE fail, built in $TMP.
noexchange() {
	[ "${CBCC_VALGRIND:-}" != 1 ] || skip "the shim is not for valgrind"
	cc -shared -fPIC -o "$TMP/noexchange.so" \
	    "$TOP/tests/robust/noexchange.c" -ldl || fail "cannot build the shim"
}

@test "swap: a file system that cannot exchange gets renames and a warning" {
	noexchange
	mkrun "$TMP/out" old
	mkrun "$TMP/new" new
	LD_PRELOAD=$TMP/noexchange.so run --separate-stderr cbcc-swap \
	    "$TMP/new" "$TMP/out"
	assert_success
	assert_equal "$stderr" "cbcc-swap: $TMP/out: the file system cannot exchange two names: $TMP/out is replaced by renames, missing for an instant"
	assert_equal "$(cat "$TMP/out/report.txt" "$TMP/new/report.txt")" "new
old"
	run ls "$TMP"
	assert_output "new
noexchange.so
out"
}

@test "swap: renames: the reader finds the directory missing (what the exchange prevents)" {
	noexchange
	mkrun "$TMP/out" old
	mkrun "$TMP/new" new
	LD_PRELOAD=$TMP/noexchange.so swaps 300
	echo "$bad of $reads reads failed"
	[ "$bad" -gt 0 ]
}

@test "swap: renames: a failed second rename puts the directory back" {
	noexchange
	mkrun "$TMP/out" old
	mkrun "$TMP/new" new
	CBCC_NORENAME=2 LD_PRELOAD=$TMP/noexchange.so run --separate-stderr \
	    cbcc-swap "$TMP/new" "$TMP/out"
	assert_failure 1
	assert_equal "${stderr#*$'\n'}" "cbcc-swap: $TMP/new: cannot rename it to $TMP/out: Input/output error"
	assert_equal "$(cat "$TMP/out/report.txt" "$TMP/new/report.txt")" "old
new"
}
