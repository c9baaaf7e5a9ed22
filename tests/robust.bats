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
	local n=0
	while read -r cmd; do
		run --separate-stderr bash -c "set -o pipefail; $cmd | head -1"
		[ "$status" -eq 0 ] || fail "$cmd: status $status"
		[ -z "$stderr" ] || fail "$cmd: stderr '$stderr'"
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

@test "robust: cbcc-indicators keeps personal data to the owner, whatever the umask" {
	umask 022
	run --separate-stderr cbcc-indicators -o "$TMP/out"
	assert_success
	assert_equal "$(stat -c %a "$TMP/out")" 700
	assert_equal "$(stat -c %a "$TMP/out.lock")" 600
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

@test "robust: cbcc-indicators killed with -9 at any step keeps the previous directory" {
	[ "${CBCC_VALGRIND:-}" != 1 ] || skip "the kill points are timed for native speed"
	local t0 t1 ms k pid kids
	"$TOP/scripts/gen-roster" -n 20000 -o "$TMP/big.csv"
	t0=$(date +%s%N)
	cbcc-indicators -o "$TMP/out" "$TMP/big.csv"
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	sums "$TMP/out" >"$TMP/before"
	# Kill points spread over the run: a sixth, two sixths... of its time.
	for k in 1 2 3 4 5; do
		cbcc-indicators -o "$TMP/out" "$TMP/big.csv" &
		pid=$!
		sleep "$(awk -v ms="$ms" -v k="$k" 'BEGIN { printf "%.3f", ms * k / 6000 }')"
		kids=$(pgrep -P "$pid" || true)
		kill -9 "$pid" 2>/dev/null || true	# unless it is done
		wait "$pid" || true
		if [ -d "$TMP/out" ]; then
			assert_equal "$(sums "$TMP/out")" "$(cat "$TMP/before")"
		else
			# Killed between the two renames of the swap: whole,
			# aside, and the next run puts it back.
			assert_equal "$(sums "$TMP"/out.tmp.*.old)" "$(cat "$TMP/before")"
		fi
		# The filters it started may run on: they must not hold the lock.
		[ -z "$kids" ] || kill $kids 2>/dev/null || true
	done
	run --separate-stderr cbcc-indicators -o "$TMP/out" "$TMP/big.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(ls -d "$TMP"/out.tmp.* 2>/dev/null)" ""
	assert_equal "$(sums "$TMP/out" | awk '{ print $2 }')" \
	    "$(awk '{ print $2 }' "$TMP/before")"
}

@test "robust: cbcc-indicators started while killed filters still run gets the lock" {
	[ "${CBCC_VALGRIND:-}" != 1 ] || skip "timed for native speed"
	local pid kids i
	"$TOP/scripts/gen-roster" -n 20000 -o "$TMP/big.csv"
	cbcc-indicators -o "$TMP/out" "$TMP/big.csv" &
	pid=$!
	for i in $(seq 50); do
		kids=$(pgrep -P "$pid" || true)
		[ -z "$kids" ] || break
		sleep 0.02
	done
	[ -n "$kids" ] || skip "the run ended before a filter was seen"
	kill -9 "$pid"
	wait "$pid" || true
	run --separate-stderr cbcc-indicators -o "$TMP/out" "$TMP/big.csv"
	kill $kids 2>/dev/null || true
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(ls -d "$TMP"/out.tmp.* 2>/dev/null)" ""
}

@test "robust: cbcc-indicators restores the previous directory a kill left aside in the swap" {
	cbcc-indicators -o "$TMP/out"
	sums "$TMP/out" >"$TMP/before"
	# The state between the two renames of the swap, and a partial run.
	mv "$TMP/out" "$TMP/out.tmp.AbC123.old"
	mkdir "$TMP/out.tmp.XyZ789"
	echo partial >"$TMP/out.tmp.XyZ789/classified.csv"
	printf 'not,a,roster\n' >"$TMP/bad.csv"
	run --separate-stderr cbcc-indicators -o "$TMP/out" "$TMP/bad.csv"
	assert_failure 1
	assert_equal "${stderr%%$'\n'*}" "cbcc-indicators: $TMP/out restored from an interrupted run"
	assert_equal "$(sums "$TMP/out")" "$(cat "$TMP/before")"
	assert_equal "$(ls -d "$TMP"/out.tmp.* 2>/dev/null)" ""
}
