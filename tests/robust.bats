#!/usr/bin/env bats
# Every filter against the world around it: a full disk, a closed pipe, a
# read error in the middle of its input, --excel, rows in = rows out +
# rejects; and cbcc-indicators against kill -9.

bats_require_minimum_version 1.5.0
load test_helper

setup_file() {
	local d=$BATS_FILE_TMPDIR S=$TOP/samples
	PATH=$TOP/bin:$PATH
	cbcc-normalize --rejects /dev/null "$S/roster-2016.csv" \
	    "$S/roster-2021.csv" >"$d/norm.csv"
	cbcc-classify-education "$d/norm.csv" >"$d/cls.csv"
	cbcc-aggregate -g year,district,commune "$d/cls.csv" >"$d/agg.csv"
	cbcc-aggregate -g year,commune "$d/cls.csv" >"$d/agg2.csv"
}

# The filters, each with arguments that make it write a good deal (more
# than a pipe holds) from the inputs of setup_file.
filters() {
	local d=$BATS_FILE_TMPDIR S=$TOP/samples
	cat <<-END
	cbcc-normalize --rejects /dev/null $S/roster-2021.csv
	cbcc-classify-education $d/norm.csv
	cbcc-aggregate -g year,district,commune $d/cls.csv
	cbcc-diff-years $d/agg2.csv
	cbcc-check-standards -s $S/standards.csv -d $S/difficult-2021.txt --all $d/cls.csv
	cbcc-report $d/agg.csv
	cbcc-report --format html $d/agg.csv
	END
}

@test "robust: > /dev/full fails loudly, status 1, in every filter" {
	local n=0
	while read -r cmd; do
		run --separate-stderr bash -c "$cmd >/dev/full"
		[ "$status" -eq 1 ] || fail "$cmd: status $status"
		[ "$stderr" = "${cmd%% *}: write error on standard output: No space left on device" ] ||
		    fail "$cmd: stderr '$stderr'"
		n=$((n + 1))
	done < <(filters)
	[ "$n" -eq 7 ]
}

@test "robust: a rejects file on a full disk fails loudly" {
	printf 'year,education_level\n2021,dai_hoc\n2021\n' >"$TMP/in.csv"
	run --separate-stderr cbcc-aggregate --rejects /dev/full "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-aggregate: write error on /dev/full: No space left on device"
	run --separate-stderr cbcc-classify-education --unmatched /dev/full \
	    "$BATS_FILE_TMPDIR/norm.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-classify-education: write error on /dev/full: No space left on device"
}

@test "robust: | head -1 ends every filter quietly, status 0" {
	local n=0 full line
	while read -r cmd; do
		# What it says run to its end; a filter whose output fits its
		# buffer runs to its end before head is gone.
		full=$(bash -c "$cmd" 2>&1 >/dev/null)
		run --separate-stderr bash -c "set -o pipefail; $cmd | head -1"
		[ "$status" -eq 0 ] || fail "$cmd: status $status"
		while IFS= read -r line; do
			[ -z "$line" ] || grep -Fxq -- "$line" <<<"$full" ||
			    fail "$cmd: stderr '$line'"
		done <<<"$stderr"
		[ "${#output}" -gt 0 ] || fail "$cmd: no first line"
		n=$((n + 1))
	done < <(filters)
	[ "$n" -eq 7 ]
}

@test "robust: a read error in the middle of the input is reported, status 1" {
	[ "${CBCC_VALGRIND:-}" != 1 ] || skip "the read shim would fail valgrind's own reads"
	command -v cc >/dev/null || skip "no C compiler for the read shim"
	cc -shared -fPIC -o "$TMP/failread.so" "$TOP/tests/robust/failread.c" \
	    -ldl || fail "cannot build the shim"
	local n=0 file
	while read -r cmd; do
		file=${cmd##* }
		CBCC_FAILREAD_AFTER=200000 LD_PRELOAD=$TMP/failread.so \
		    run --separate-stderr bash -c "$cmd"
		[ "$status" -eq 1 ] || fail "$cmd: status $status"
		[ "${stderr%%$'\n'*}" = "${cmd%% *}: $file: read error: Input/output error" ] ||
		    fail "$cmd: stderr '$stderr'"
		n=$((n + 1))
	done < <(filters)
	[ "$n" -eq 7 ]
}

@test "robust: a directory as input is a read error in every filter" {
	local p
	mkdir "$TMP/dir"
	for p in normalize classify-education aggregate diff-years report; do
		run --separate-stderr "cbcc-$p" "$TMP/dir"
		assert_failure 1
		assert_equal "$stderr" "cbcc-$p: $TMP/dir: read error: Is a directory"
	done
	run --separate-stderr cbcc-check-standards -s "$TOP/samples/standards.csv" "$TMP/dir"
	assert_failure 1
	assert_equal "$stderr" "cbcc-check-standards: $TMP/dir: read error: Is a directory"
}

# records FILE: the records of FILE after its header, by the shared reader.
records() {
	recdump-tool --format jsonl "$1" | wc -l
}

@test "robust: rows in = rows out + rejects, normalize (furniture rows count as rejects)" {
	{ cat "$TOP/samples/roster-2021.csv"; printf '9999,Thừa,1\n'; } >"$TMP/r.csv"
	run --separate-stderr cbcc-normalize --format jsonl --rejects "$TMP/rej.csv" "$TMP/r.csv"
	assert_success
	local in out rej
	in=$(records "$TMP/r.csv") out=$(printf '%s\n' "$output" | wc -l)
	rej=$(records "$TMP/rej.csv")
	# The header row is the one record neither written nor rejected.
	assert_equal "$((in + 1))" "$((out + rej + 1))"
	assert_equal "$rej" 6
}

# Two ragged rows appended to a copy of file $1 in $2.
ragged() {
	{ cat "$1"; printf '2021,x\n2021,x,y\n'; } >"$2"
}

@test "robust: rows in = rows out + rejects, classify-education" {
	ragged "$BATS_FILE_TMPDIR/norm.csv" "$TMP/in.csv"
	run --separate-stderr cbcc-classify-education --format jsonl --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	assert_equal "$(records "$TMP/in.csv")" "$(( $(printf '%s\n' "$output" | wc -l) + 2 ))"
	assert_equal "$(records "$TMP/rej.csv")" 2
}

@test "robust: rows in = rows counted + rejects, aggregate" {
	ragged "$BATS_FILE_TMPDIR/cls.csv" "$TMP/in.csv"
	run --separate-stderr cbcc-aggregate -g year,district --format jsonl --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	local counted
	counted=$(printf '%s\n' "$output" | jq -s '[.[] | select(.dimension == "education") | .count] | add')
	assert_equal "$(records "$TMP/in.csv")" "$((counted + 2))"
	assert_equal "$(records "$TMP/rej.csv")" 2
}

@test "robust: every row in is compared or rejected, diff-years" {
	ragged "$BATS_FILE_TMPDIR/agg2.csv" "$TMP/in.csv"
	run --separate-stderr cbcc-diff-years --format jsonl --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	# Each valid row (year,commune,dimension,level,...) is one side of
	# an output row (a level absent in a year may show there as 0).
	printf '%s\n' "$output" | jq -r '
	    (select(.count_from != null) | [.year_from, .commune, .dimension, .level, .count_from]),
	    (select(.count_to != null) | [.year_to, .commune, .dimension, .level, .count_to])
	    | map(tostring) | join(",")' | sort >"$TMP/sides"
	awk -F, 'NR > 1 && NF == 7 { print $1 "," $2 "," $3 "," $4 "," $5 }' \
	    "$TMP/in.csv" | sort >"$TMP/rows"
	assert_equal "$(comm -23 "$TMP/rows" "$TMP/sides")" ""
	assert_equal "$(records "$TMP/in.csv")" "$(( $(wc -l <"$TMP/rows") + 2 ))"
	assert_equal "$(records "$TMP/rej.csv")" 2
}

@test "robust: rows in = rows out + rejects, check-standards --all" {
	ragged "$BATS_FILE_TMPDIR/cls.csv" "$TMP/in.csv"
	run --separate-stderr cbcc-check-standards -s "$TOP/samples/standards.csv" \
	    -d "$TOP/samples/difficult-2021.txt" --all --format jsonl --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	assert_equal "$(records "$TMP/in.csv")" "$(( $(printf '%s\n' "$output" | wc -l) + 2 ))"
	assert_equal "$(records "$TMP/rej.csv")" 2
}

@test "robust: report rejects ragged rows with their reason" {
	ragged "$BATS_FILE_TMPDIR/agg.csv" "$TMP/in.csv"
	run --separate-stderr cbcc-report --rejects "$TMP/rej.csv" "$TMP/in.csv"
	assert_success
	run cut -d, -f3 "$TMP/rej.csv"
	assert_output 'reason
"ragged: 2 fields
"ragged: 3 fields'
}

# The lines of the output, a CR at the end of each shown as <CR>.
crs() {
	printf '%s\n' "$output" | sed 's/\r$/<CR>/'
}

@test "robust: --excel in every filter: BOM, CRLF, formulas made text, negative numbers kept" {
	local bom=$'\xEF\xBB\xBF'
	printf 'year,full_name,staff_type,position,education,ghi_chu\n2016,Lò Văn A,cong_chuc,=HYPERLINK("x"),Đại học,@SUM(A1)\n2021,-B,cong_chuc,=HYPERLINK("x"),Cao đẳng,-12.5\n' >"$TMP/x.csv"
	run --separate-stderr cbcc-normalize --excel "$TMP/x.csv"
	assert_success
	assert_equal "$(crs)" "${bom}year,full_name,staff_type,position,education,ghi_chu<CR>
2016,Lò Văn A,cong_chuc,\"'=HYPERLINK(\"\"x\"\")\",Đại học,\"'@SUM(A1)\"<CR>
2021,\"'-B\",cong_chuc,\"'=HYPERLINK(\"\"x\"\")\",Cao đẳng,-12.5<CR>"
	cbcc-normalize "$TMP/x.csv" >"$TMP/n.csv"
	run --separate-stderr cbcc-classify-education --excel "$TMP/n.csv"
	assert_success
	assert_equal "$(crs)" "${bom}year,full_name,staff_type,position,education,ghi_chu,education_level<CR>
2016,Lò Văn A,cong_chuc,\"'=HYPERLINK(\"\"x\"\")\",Đại học,\"'@SUM(A1)\",dai_hoc<CR>
2021,\"'-B\",cong_chuc,\"'=HYPERLINK(\"\"x\"\")\",Cao đẳng,-12.5,cao_dang<CR>"
	cbcc-classify-education "$TMP/n.csv" >"$TMP/c.csv"
	printf 'staff_type,position,education_level\ncong_chuc,*,dai_hoc\n' >"$TMP/st.csv"
	run --separate-stderr cbcc-check-standards --excel --all -s "$TMP/st.csv" "$TMP/c.csv"
	assert_success
	assert_equal "$(crs)" "${bom}year,full_name,staff_type,position,education,ghi_chu,education_level,shortfall<CR>
2016,Lò Văn A,cong_chuc,\"'=HYPERLINK(\"\"x\"\")\",Đại học,\"'@SUM(A1)\",dai_hoc,ok<CR>
2021,\"'-B\",cong_chuc,\"'=HYPERLINK(\"\"x\"\")\",Cao đẳng,-12.5,cao_dang,education<dai_hoc<CR>"
	run --separate-stderr cbcc-aggregate --excel -g year,position -c education_level "$TMP/c.csv"
	assert_success
	assert_equal "$(crs | sed -n '1p;6p')" "${bom}year,position,dimension,level,count,total,percent<CR>
2016,\"'=HYPERLINK(\"\"x\"\")\",education,dai_hoc,1,1,100.0<CR>"
	cbcc-aggregate -g year,position -c education_level "$TMP/c.csv" >"$TMP/a.csv"
	run --separate-stderr cbcc-diff-years --excel "$TMP/a.csv"
	assert_success
	assert_equal "$(crs | sed -n '1p;5,6p')" "${bom}position,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp<CR>
\"'=HYPERLINK(\"\"x\"\")\",education,cao_dang,2016,2021,0,1,0.0,100.0,1,100.0<CR>
\"'=HYPERLINK(\"\"x\"\")\",education,dai_hoc,2016,2021,1,0,100.0,0.0,-1,-100.0<CR>"
	run --separate-stderr cbcc-report --excel "$TMP/a.csv"
	assert_success
	assert_equal "$(crs | sed -n '1,2p')" "${bom}Năm 2016, toàn tỉnh có 1 cán bộ, công chức (position: =HYPERLINK(\"x\")).<CR>
Trình độ chuyên môn: đại học 100,0%.<CR>"
}

# ind ARGS...: the runner on the samples, ARGS first.
ind() {
	local S=$TOP/samples
	cbcc-indicators "$@" -s "$S/standards.csv" -d "$S/difficult-2021.txt" \
	    -t "$S/training-2021.csv" -p "$S/plan-2021.csv" \
	    "$S/roster-2016.csv" "$S/roster-2021.csv"
}

@test "robust: cbcc-indicators keeps personal data to the owner, whatever the umask" {
	umask 022
	run --separate-stderr ind -o "$TMP/out"
	assert_success
	assert_equal "$(stat -c %a "$TMP/out")" 700
	[ ! -e "$TMP/out.lock" ]
	run stat -c '%a %n' "$TMP"/out/*
	refute_output --partial "644 "
	assert_equal "$(printf '%s\n' "$output" | grep -vc '^600 ')" 0
	[ "$(printf '%s\n' "$output" | wc -l)" -ge 8 ]
}

# The products of a run in DIR $1 with their checksums; report.xlsx by
# name only, since the workbook holds the time it was written.
sums() {
	(cd "$1" && sha256sum -- * | sed 's/^[0-9a-f]*  report\.xlsx$/report.xlsx/')
}

# The fixture roster of the runner's tests (canonical records) and the
# stand-in normalize that passes them on.
IND=$BATS_TEST_DIRNAME/fixtures/indicators

# shims DIR: in DIR, a stand-in for every program cbcc-indicators calls.
# Each counts its call in $TMP/calls (the runner calls one at a time on
# one roster), and those that change what is on disk count theirs in
# $TMP/changes too.  The call numbered $KILL_AT kills the runner (its pid
# in $TMP/pid) with SIGKILL before the program runs; the change numbered
# $KILL_CHANGE, just after it ran.  $TMP/done tells that the shim that
# killed is through.
shims() {
	local p real change
	mkdir "$1"
	for p in getopt readlink flock mktemp rm mv awk sed tail \
	    cbcc-normalize cbcc-classify-education cbcc-aggregate \
	    cbcc-diff-years cbcc-check-standards cbcc-report cbcc-swap; do
		real=$(PATH=$IND/fakebin:$PATH command -v "$p") ||
		    fail "$p not found"
		case $p in
		flock|mktemp|rm|mv|cbcc-swap) change=1 ;;
		*) change=0 ;;
		esac
		cat >"$1/$p" <<-EOF
		#!/bin/bash
		kill=0
		read -r n <"\$TMP/calls"
		echo \$((n += 1)) >"\$TMP/calls"
		[ "\$n" = "\${KILL_AT:-}" ] && kill=1
		if [ $change = 1 ]; then
			read -r c <"\$TMP/changes"
			echo \$((c += 1)) >"\$TMP/changes"
			[ "\$c" = "\${KILL_CHANGE:-}" ] && kill=2
		fi
		[ \$kill = 0 ] && exec "$real" "\$@"
		[ \$kill = 2 ] && "$real" "\$@"
		until [ -s "\$TMP/pid" ]; do /bin/sleep 0.01; done
		read -r pid <"\$TMP/pid"
		kill -9 "\$pid"
		: >"\$TMP/done"
		EOF
		chmod +x "$1/$p"
	done
}

# killed_run VAR N: a run on the fixture roster into $TMP/out, with
# VAR=N (KILL_AT or KILL_CHANGE) for the shims; fails unless it is
# killed, and waits for the shim that killed it.
killed_run() {
	local pid i
	echo 0 >"$TMP/calls"
	echo 0 >"$TMP/changes"
	rm -f "$TMP/pid" "$TMP/done"
	env "$1=$2" PATH="$TMP/shim:$PATH" cbcc-indicators -w 5 \
	    -s "$TOP/samples/standards.csv" -o "$TMP/out" "$IND/canonical.csv" \
	    2>>"$TMP/stderr" &
	pid=$!
	echo "$pid" >"$TMP/pid"
	wait "$pid" && return 1		# it was not killed
	for i in $(seq 3000); do
		[ -e "$TMP/done" ] && return 0
		sleep 0.01
	done
	return 1
}

@test "robust: cbcc-indicators killed with -9 at every command keeps a whole directory" {
	local n calls changes
	export TMP
	shims "$TMP/shim"
	# A run not killed: the calls and changes to kill at, the products.
	echo 0 >"$TMP/calls"
	echo 0 >"$TMP/changes"
	PATH=$TMP/shim:$PATH cbcc-indicators -s "$TOP/samples/standards.csv" \
	    -o "$TMP/out" "$IND/canonical.csv"
	calls=$(cat "$TMP/calls") changes=$(cat "$TMP/changes")
	[ "$calls" -ge 20 ]
	[ "$changes" -ge 4 ]
	sums "$TMP/out" >"$TMP/before"
	# Just before each program, just after each that changes the disk.
	for n in $(seq "$calls"); do
		killed_run KILL_AT "$n" || fail "run to kill at call $n ended"
		[ -d "$TMP/out" ] && [ ! -L "$TMP/out" ] ||
		    fail "killed at call $n: no out"
		[ "$(sums "$TMP/out")" = "$(cat "$TMP/before")" ] ||
		    fail "killed at call $n: out not whole"
	done
	for n in $(seq "$changes"); do
		killed_run KILL_CHANGE "$n" || fail "run to kill after change $n ended"
		[ "$(sums "$TMP/out")" = "$(cat "$TMP/before")" ] ||
		    fail "killed after change $n: out not whole"
	done
	# The runner said nothing but its restoring, when it happened.
	run grep -v "restored from an interrupted run" "$TMP/stderr"
	assert_output ""
	# The next run cleans up what the killed ones left.
	run --separate-stderr cbcc-indicators -s "$TOP/samples/standards.csv" \
	    -o "$TMP/out" "$IND/canonical.csv"
	assert_success
	assert_equal "$stderr" ""
	run ls "$TMP"
	refute_line --partial out.
	assert_equal "$(sums "$TMP/out")" "$(cat "$TMP/before")"
}

@test "robust: cbcc-indicators started while killed filters still run gets the lock" {
	[ "${CBCC_VALGRIND:-}" != 1 ] || skip "timed for native speed"
	local pid kids i s=$TOP/samples/standards.csv
	"$TOP/scripts/gen-roster" -n 20000 -o "$TMP/big.csv"
	cbcc-indicators -s "$s" -o "$TMP/out" "$TMP/big.csv" &
	pid=$!
	for i in $(seq 50); do
		kids=$(pgrep -P "$pid" || true)
		[ -z "$kids" ] || break
		sleep 0.02
	done
	[ -n "$kids" ] || skip "the run ended before a filter was seen"
	kill -9 "$pid"
	wait "$pid" || true
	run --separate-stderr cbcc-indicators -s "$s" -o "$TMP/out" "$TMP/big.csv"
	kill $kids 2>/dev/null || true
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(ls -d "$TMP"/out.tmp.* 2>/dev/null)" ""
}

@test "robust: cbcc-indicators restores the previous directory a kill left aside in a swap by renames" {
	ind -o "$TMP/out"
	sums "$TMP/out" >"$TMP/before"
	# The state between the first two renames of a swap on a file
	# system that cannot exchange (cbcc-swap(1)), and a partial run.
	mv "$TMP/out" "$TMP/out.tmp.AbC123.old"
	mkdir "$TMP/out.tmp.XyZ789"
	echo partial >"$TMP/out.tmp.XyZ789/classified.csv"
	printf 'not,a,roster\n' >"$TMP/bad.csv"
	run --separate-stderr cbcc-indicators -s "$TOP/samples/standards.csv" \
	    -o "$TMP/out" "$TMP/bad.csv"
	assert_failure 1
	assert_equal "${stderr%%$'\n'*}" "cbcc-indicators: $TMP/out restored from an interrupted run"
	assert_equal "$(sums "$TMP/out")" "$(cat "$TMP/before")"
	assert_equal "$(ls -d "$TMP"/out.tmp.* 2>/dev/null)" ""
	# A name only like the temporary ones is not the runner's.
	mkdir "$TMP/out.tmp.notes"
	ind -o "$TMP/out"
	[ -d "$TMP/out.tmp.notes" ]
}

@test "robust: a reader of the products never finds them missing while runs swap them" {
	local pid bad reads i
	export TMP
	run_fix() {
		PATH=$IND/fakebin:$PATH cbcc-indicators -s "$TOP/samples/standards.csv" \
		    -o "$TMP/out" "$IND/canonical.csv"
	}
	run_fix
	# Reads report.txt until stopped, then prints its failed reads and
	# its reads.
	(
		n=0 bad=0
		trap 'echo "$bad $n"; exit 0' TERM
		while :; do
			{ read -r _ <"$TMP/out/report.txt"; } 2>/dev/null ||
			    bad=$((bad + 1))
			n=$((n + 1))
		done
	) >"$TMP/counts" &
	pid=$!
	for i in 1 2 3 4 5 6; do
		run_fix || fail "run $i"
	done
	kill -TERM "$pid"
	wait "$pid"
	read -r bad reads <"$TMP/counts"
	echo "$bad of $reads reads failed"
	[ "$reads" -gt 100 ]
	assert_equal "$bad" 0
}

@test "robust: cbcc-indicators stopped by SIGTERM says so, stops its step, ends by the signal" {
	local pid step i
	PATH=$IND/fakebin:$PATH cbcc-indicators -s "$TOP/samples/standards.csv" \
	    -o "$TMP/out" "$IND/canonical.csv"
	sums "$TMP/out" >"$TMP/before"
	# A classify step that waits: its pid in $TMP/step once it runs.
	mkdir "$TMP/bin"
	printf '#!/bin/sh\necho $$ >"%s"\nexec sleep 60\n' "$TMP/step.tmp" \
	    >"$TMP/bin/cbcc-classify-education"
	chmod +x "$TMP/bin/cbcc-classify-education"
	PATH=$TMP/bin:$IND/fakebin:$PATH cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -o "$TMP/out" "$IND/canonical.csv" \
	    2>"$TMP/stderr" &
	pid=$!
	for i in $(seq 3000); do
		[ -s "$TMP/step.tmp" ] && break
		sleep 0.01
	done
	step=$(cat "$TMP/step.tmp") || fail "the step did not start"
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 143
	assert_equal "$(cat "$TMP/stderr")" "cbcc-indicators: stopped by SIGTERM; previous $TMP/out kept"
	! kill -0 "$step" 2>/dev/null || fail "the step runs on"
	assert_equal "$(sums "$TMP/out")" "$(cat "$TMP/before")"
	run ls "$TMP"
	assert_output "before
bin
out
stderr
step.tmp"
}

@test "robust: cbcc-indicators on a read-only file system: the lock refused, status 1" {
	unshare -rm true 2>/dev/null || skip "no user and mount namespace here"
	mkdir "$TMP/ro"
	run --separate-stderr unshare -rm bash -c '
	    mount -t tmpfs -o ro none "$1" && shift && exec "$@"' - "$TMP/ro" \
	    env PATH="$IND/fakebin:$PATH" cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -o "$TMP/ro/out" "$IND/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/ro/out.lock: cannot create the lock: Read-only file system"
}

@test "robust: --rejects and --unmatched files are created 0600, whatever the umask" {
	local d=$BATS_FILE_TMPDIR S=$TOP/samples p
	umask 000
	cbcc-normalize --rejects "$TMP/normalize" "$S/roster-2021.csv" >/dev/null
	cbcc-classify-education --rejects "$TMP/classify-education" \
	    --unmatched "$TMP/unmatched" "$d/norm.csv" >/dev/null
	cbcc-aggregate --rejects "$TMP/aggregate" "$d/cls.csv" >/dev/null
	cbcc-diff-years --rejects "$TMP/diff-years" "$d/agg2.csv" >/dev/null
	cbcc-check-standards -s "$S/standards.csv" --rejects "$TMP/check-standards" \
	    "$d/cls.csv" >/dev/null 2>&1
	cbcc-report --rejects "$TMP/report" "$d/agg.csv" >/dev/null
	run stat -c '%a %n' "$TMP"/*
	assert_output "600 $TMP/aggregate
600 $TMP/check-standards
600 $TMP/classify-education
600 $TMP/diff-years
600 $TMP/normalize
600 $TMP/report
600 $TMP/unmatched"
	# A file that exists keeps its mode: the rejects may go to a device.
	run cbcc-aggregate --rejects /dev/null "$d/cls.csv"
	assert_success
	assert_equal "$(stat -c %a /dev/null)" 666
}
