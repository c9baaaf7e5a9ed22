#!/usr/bin/env bats
# The roster generator of the benchmark, the benchmark itself on a small
# roster, and the reader's two paths giving the same products through the
# whole chain.

bats_require_minimum_version 1.5.0
load test_helper

@test "gen-roster: a raw roster with its furniture, the same bytes for the same seed" {
	run gen-roster -n 3 -s 7
	assert_success
	assert_line --index 0 '"DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM 2021",,,,,,,,,,,,,,,'
	assert_line --index 1 'Tỉnh Điện Biên,,,,,,,,,,,,,,,'
	assert_line --index 2 ',,,,,,,,,,,,,,,'
	assert_line --index 3 'STT,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Cán bộ/Công chức,Chức vụ,Trình độ chuyên môn,Lý luận chính trị,Quản lý nhà nước,Tin học,Ngoại ngữ,Đảng viên,Xã/Phường/Thị trấn,Huyện,Năm'
	assert_line --index 4 '(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16)'
	assert_line --index 8 ',Tổng cộng,,,,,,,,,,,,,,'
	[ "${#lines[@]}" -eq 9 ]
	gen-roster -n 2000 -s 7 >"$TMP/a.csv"
	gen-roster -n 2000 -s 7 -o "$TMP/b.csv"
	gen-roster -n 2000 -s 8 >"$TMP/c.csv"
	cmp "$TMP/a.csv" "$TMP/b.csv"
	! cmp -s "$TMP/a.csv" "$TMP/c.csv"
}

@test "gen-roster: about 2% of the rows hold a quoted cell with a comma" {
	gen-roster -n 5000 >"$TMP/r.csv"
	run sh -c "tail -n +6 '$TMP/r.csv' | grep -c '\",\\|,\"'"
	assert_success
	[ "$output" -ge 60 ] && [ "$output" -le 150 ]
}

@test "gen-roster: usage errors exit 2" {
	run --separate-stderr gen-roster -n many
	assert_failure 2
	assert_equal "$stderr" "usage: gen-roster [-n rows] [-s seed] [-y year] [-o file]"
	run --separate-stderr gen-roster extra
	assert_failure 2
}

@test "gen-roster: every row is a person of normalize's output or a furniture reject" {
	gen-roster -n 300 -s 3 >"$TMP/r.csv"
	run --separate-stderr cbcc-normalize --rejects "$TMP/rej.csv" "$TMP/r.csv"
	assert_success
	[ "${#lines[@]}" -eq 301 ]
	assert_equal "$stderr" ""
	run cut -d, -f3 "$TMP/rej.csv"
	assert_output "reason
title
title
blank
numbering
total"
}

@test "CBCC_REC_FAST=0: the chain gives the same bytes through libcsv alone" {
	gen-roster -n 3000 -s 11 >"$TMP/r.csv"
	for f in "$TMP/r.csv" "$TOP/samples/roster-2016.csv" "$TOP/samples/roster-2021.csv"; do
		cbcc-normalize --rejects "$TMP/rej1.csv" "$f" 2>"$TMP/err1" |
		    cbcc-classify-education >"$TMP/c1.csv"
		CBCC_REC_FAST=0 cbcc-normalize --rejects "$TMP/rej0.csv" "$f" \
		    2>"$TMP/err0" | CBCC_REC_FAST=0 cbcc-classify-education \
		    >"$TMP/c0.csv"
		cmp "$TMP/c1.csv" "$TMP/c0.csv"
		cmp "$TMP/rej1.csv" "$TMP/rej0.csv"
		cmp "$TMP/err1" "$TMP/err0"
		cbcc-aggregate -g year,district "$TMP/c1.csv" >"$TMP/a1.csv"
		CBCC_REC_FAST=0 cbcc-aggregate -g year,district "$TMP/c0.csv" \
		    >"$TMP/a0.csv"
		cmp "$TMP/a1.csv" "$TMP/a0.csv"
		[ "$(wc -l <"$TMP/c1.csv")" -gt 1 ]
	done
}

@test "bench: a table of medians, rates, memory and goals on a small roster" {
	command -v mlr >/dev/null || skip "Miller is not installed"
	[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed"
	BENCH_DIR=$TMP/bench BENCH_ROWS=500 BENCH_RUNS=1 BENCH_PEERS=0 \
	    run --separate-stderr bench
	assert_success
	assert_line --index 4 "| command (input)                              |  median |    MB/s |    RSS | peer s  | goal                       | goal |"
	assert_line --regexp '^\| cbcc-normalize \(raw-500\) +\| +[0-9.]+ \| +[-0-9.]+ \| +[0-9.]+ \| +\| MB/s >= 250 +\| (met|NOT) +\|$'
	assert_line --regexp '^\| cbcc-aggregate -g year,district \(classified\) \| .* mlr/cbcc = [0-9.]+ >= 5 +\| (met|NOT) +\|$'
	assert_line --regexp '^\| normalize \| classify \| aggregate \(raw\) +\| .* cbcc/mlr cat = [0-9.]+ <= 0.5 +\| (met|NOT) +\|$'
	assert_line --regexp '^\| cbcc-aggregate +\| +[0-9]+ \| +[0-9]+ \| (same|GROWS) +\|$'
	assert_line --regexp '^\| cbcc-diff-years --consecutive +\| +[0-9]+ \| +[0-9]+ \| +-?[0-9]+ \|$'
	assert_line --regexp '^\| cbcc-classify-education \(normalized-500\) +\| .* MB/s >= 400 +\| (met|NOT) +\|$'
	assert_line "peers: left out (BENCH_PEERS=0)"
	assert_line --regexp '^\| cbcc-report +\| +[0-9.]+ \| +[0-9.]+ \| +[0-9.]+ \| wall <= 10 ms +\| (met|NOT) +\|$'
	[ -s "$TMP/bench/raw-500.csv" ] && [ -s "$TMP/bench/classified-50.csv" ]
	assert_equal "$stderr" "bench: generating 500 rows
bench: generating 50 rows"
}

@test "bench: BENCH_ONLY=startup, each filter's start-up on one record beside /bin/true's" {
	BENCH_DIR=$TMP/bench BENCH_ONLY=startup BENCH_STARTUP_RUNS=3 \
	    run --separate-stderr bench
	assert_success
	assert_equal "$stderr" ''
	assert_line --index 0 --regexp '^cbcc benchmark \(start-up\), [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC$'
	assert_line --index 2 'start-up: median of 3 runs on one record, ms (/bin/true: a fork and exec here):'
	assert_line --index 3 '| command (one record)                         | wall ms |  CPU ms | true ms | goal           | goal |'
	[ "${#lines[@]}" -eq 12 ]
	for f in normalize classify-education aggregate check-standards \
	    diff-years units report; do
		assert_line --regexp "^\\| cbcc-$f +\\| +[0-9]+\\.[0-9]{2} \\| +[0-9]+\\.[0-9]{2} \\| +[0-9]+\\.[0-9]{2} \\| wall <= 10 ms +\\| (met|NOT) +\\|\$"
	done
	# Nothing of Miller's, and the inputs are not left behind.
	refute_output --partial mlr
	[ ! -e "$TMP/bench/startup" ]
	BENCH_DIR=$TMP/bench BENCH_ONLY=memory run --separate-stderr bench
	assert_failure 1
	assert_equal "$stderr" 'bench: BENCH_ONLY=memory: only startup is known'
}

@test "startup-tool: the median of the runs in ms; a failing command is an error, not a time" {
	run --separate-stderr startup-tool -n 3 /bin/true
	assert_success
	assert_output --regexp '^[0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2}$'
	printf 'a\n' >"$TMP/in"
	run --separate-stderr startup-tool -n 2 -i "$TMP/in" grep -q a
	assert_success
	run --separate-stderr startup-tool -n 2 -i "$TMP/in" grep -q b
	assert_failure 1
	assert_equal "$stderr" 'startup-tool: grep: exit status 1'
	run --separate-stderr startup-tool -n 2 "$TMP/none"
	assert_failure 1
	assert_equal "$stderr" "startup-tool: $TMP/none: cannot be run (exit status 127)"
	run --separate-stderr startup-tool -n 2 -i "$TMP/none" /bin/true
	assert_failure 1
	assert_equal "$stderr" "startup-tool: $TMP/none: No such file or directory"
	run --separate-stderr startup-tool -n 0 /bin/true
	assert_failure 2
	assert_equal "$stderr" 'startup-tool: -n 0: too small
usage: startup-tool [-n runs] [-i file] command [arg ...]'
	run --separate-stderr startup-tool
	assert_failure 2
}

@test "bench: DuckDB and Polars counted as cbcc counts, then their ratios (where npm installed them)" {
	command -v mlr >/dev/null || skip "Miller is not installed"
	[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed"
	peers=$TOP/bench/peers
	[ -d "$peers/node_modules/@duckdb/node-api" ] ||
	    skip "no peers in bench/peers (make bench installs them)"
	BENCH_DIR=$TMP/bench BENCH_PEERS_DIR=$peers BENCH_ROWS=500 \
	    BENCH_RUNS=1 run --separate-stderr bench
	assert_success
	assert_line --regexp '^\| duckdb chain \(query alone [0-9.]+ s\) +\| .* cbcc/duckdb = [0-9.]+ <= 0.7 +\| (met|NOT) +\|$'
	assert_line --regexp '^\| duckdb aggregate \(query alone [0-9.]+ s\) +\| .* duckdb/cbcc = [0-9.]+ >= 5 +\| (met|NOT) +\|$'
	assert_line --regexp '^\| polars chain \(query alone [0-9.]+ s\) +\| .* cbcc/polars = [0-9.]+ <= 0.7 +\| (met|NOT) +\|$'
	assert_line --regexp '^\| polars aggregate \(query alone [0-9.]+ s\) +\| .* polars/cbcc = [0-9.]+ >= 5 +\| (met|NOT) +\|$'
	assert_line --regexp '^peers: DuckDB 1.5.6-r.1, Polars 0.26.1 '
	refute_output --partial "counts differ"
}

@test "bench-peers.mjs: the peers count the people of a roster and the groups of a classified one" {
	peers=$TOP/bench/peers
	[ -d "$peers/node_modules/@duckdb/node-api" ] ||
	    skip "no peers in bench/peers (make bench installs them)"
	gen-roster -n 200 -s 5 >"$TMP/r.csv"
	cbcc-normalize --keep-duplicates "$TMP/r.csv" | cbcc-classify-education >"$TMP/c.csv"
	groups=$(cbcc-aggregate -g year,district -c education_level "$TMP/c.csv" |
	    awk -F, 'NR > 1 && $5 > 0 { g++ } END { print g }')
	cp "$TOP/scripts/bench-peers.mjs" "$peers/"
	for e in duckdb polars; do
		run sh -c "cd '$peers' && node bench-peers.mjs $e chain '$TMP/r.csv'"
		assert_success
		assert_output --regexp '^[0-9]+ 200 [0-9.]+$'
		run sh -c "cd '$peers' && node bench-peers.mjs $e aggregate '$TMP/c.csv'"
		assert_success
		assert_output --regexp "^$groups 200 [0-9.]+\$"
	done
	usage="usage: node bench-peers.mjs duckdb|polars chain|aggregate file
       node bench-peers.mjs duckdb dedup file"
	run node "$TOP/scripts/bench-peers.mjs" sqlite chain "$TMP/r.csv"
	assert_failure 2
	assert_output "$usage"
	run node "$TOP/scripts/bench-peers.mjs" polars dedup "$TMP/r.csv"
	assert_failure 2
	assert_output "$usage"
}

@test "bench-peers.mjs: DuckDB's dedup counts a repeated person once, where its chain counts them twice" {
	peers=$TOP/bench/peers
	[ -d "$peers/node_modules/@duckdb/node-api" ] ||
	    skip "no peers in bench/peers (make bench installs them)"
	gen-roster -n 200 -s 5 >"$TMP/r.csv"
	# The first person again, written the same, before the total row.
	{ sed '$d' "$TMP/r.csv"; sed -n 6p "$TMP/r.csv"; tail -n 1 "$TMP/r.csv"; } >"$TMP/r2.csv"
	cp "$TOP/scripts/bench-peers.mjs" "$peers/"
	total() { (cd "$peers" && node bench-peers.mjs duckdb "$1" "$2") | cut -d' ' -f2; }
	[ "$(total chain "$TMP/r2.csv")" = 201 ]
	[ "$(total dedup "$TMP/r2.csv")" = "$(total dedup "$TMP/r.csv")" ]
	[ "$(total dedup "$TMP/r.csv")" -le 200 ]
}

@test "normalize: the same records whether a column's memo of clean cells was given up or not" {
	# Past the first 1,024 rows the unique columns (names, dates) stop
	# asking the memo: the last rows cleaned then equal the same rows
	# cleaned alone, where every column still asks it.
	gen-roster -n 3000 -s 13 >"$TMP/r.csv"
	{ head -n 5 "$TMP/r.csv"; sed -n '2906,3005p' "$TMP/r.csv"; } >"$TMP/tail.csv"
	cbcc-normalize --keep-duplicates "$TMP/r.csv" | tail -n 100 >"$TMP/all.csv"
	cbcc-normalize --keep-duplicates "$TMP/tail.csv" | tail -n +2 >"$TMP/alone.csv"
	[ "$(wc -l <"$TMP/alone.csv")" -eq 100 ]
	cmp "$TMP/all.csv" "$TMP/alone.csv"
}

@test "normalize: a byte that is no UTF-8 is found after thousands of remembered cells" {
	# The district column asks the memo on every row; a cell it knows
	# needs no check, a cell with a stray byte is never one it knows.
	gen-roster -n 2000 -s 17 | head -n 2005 >"$TMP/r.csv"
	printf '2001,Lò Văn A,1980,Nam,Thái,Công chức,,,,,,,,Mường Chà,H. Mường Ch\xe0,2021\n' >>"$TMP/r.csv"
	run --separate-stderr cbcc-normalize --keep-duplicates "$TMP/r.csv"
	assert_failure
	[ "${#lines[@]}" -eq 2001 ]
	assert_equal "${stderr%%; name*}" "cbcc-normalize: $TMP/r.csv:2006: invalid UTF-8: byte 0xE0 in field 15 (byte 15 of the field)"
}

# plaincases DIR: a normalized roster in DIR/n.csv with rows that try the
# writer's one-piece copy of plain records (a quote inside a cell, a
# quoted comma, a line break, formulas to Excel, a tab, empty cells), and
# the same as CRLF (n-crlf.csv) and TSV (n.tsv, a tab and a comma in cells).
plaincases() {
	gen-roster -n 1500 -s 13 | cbcc-normalize 2>/dev/null >"$1/n.csv"
	cat >>"$1/n.csv" <<'ROWS'
2021,Huyện Mường Chà,Sá Tổng,"Lò Văn ""A""",nam,1980,Kinh,can_bo,Chủ tịch UBND,Đại học,Cao cấp,Chuyên viên,,B1,1,9001
2021,Huyện Mường Chà,Sá Tổng,Lò Văn 37°36'37.8"N,nam,1980,Kinh,can_bo,Chủ tịch UBND,Đại học,Cao cấp,Chuyên viên,,B1,1,9002
2021,Huyện Mường Chà,"Sá Tổng, Na Sang",Lò Văn C,nu,1990,Thái,cong_chuc,"Văn phòng
Thống kê",=1+2,+Trung cấp,-Sơ cấp,@A,-12,0,9003
2021,Huyện Mường Chà,Sá Tổng,Lò	Văn D,nu,,,cong_chuc,,,,,,,,9004
2021,Huyện Mường Chà,Sá Tổng,Lò Văn E,nam,1975,Kinh,can_bo,Bí thư,Thạc sĩ,Cử nhân,Chuyên viên chính,"A, B",C1,1,9005
ROWS
	sed 's/$/\r/' "$1/n.csv" >"$1/n-crlf.csv"
	cbcc-normalize --format tsv "$1/n.csv" 2>/dev/null >"$1/n.tsv"
	sed -i '$s/Lò Văn E/Lò Văn, E/' "$1/n.tsv"
}

@test "CBCC_REC_FAST=0: classify-education, check-standards and units write the same bytes in every format" {
	plaincases "$TMP"
	grep -q '"Văn phòng$' "$TMP/n.csv"
	grep -q 'Lò Văn, E' "$TMP/n.tsv"
	for f in "$TMP/n.csv" "$TMP/n-crlf.csv" "$TMP/n.tsv"; do
		for fmt in "--format csv" "--format tsv" "--format jsonl" \
		    "--excel" "--excel --format tsv"; do
			cbcc-classify-education $fmt "$f" >"$TMP/c1" 2>"$TMP/e1"
			CBCC_REC_FAST=0 cbcc-classify-education $fmt "$f" \
			    >"$TMP/c0" 2>"$TMP/e0"
			cmp "$TMP/c1" "$TMP/c0"
			cmp "$TMP/e1" "$TMP/e0"
			[ "$(wc -l <"$TMP/c1")" -gt 1500 ]
			cbcc-classify-education "$f" >"$TMP/cls.csv"
			cbcc-check-standards --all $fmt -s "$FIX/standards/standards.csv" \
			    "$TMP/cls.csv" >"$TMP/s1" 2>"$TMP/e1"
			CBCC_REC_FAST=0 cbcc-check-standards --all $fmt \
			    -s "$FIX/standards/standards.csv" "$TMP/cls.csv" \
			    >"$TMP/s0" 2>"$TMP/e0"
			cmp "$TMP/s1" "$TMP/s0"
			cmp "$TMP/e1" "$TMP/e0"
			[ "$(wc -l <"$TMP/s1")" -gt 1500 ]
			cbcc-units $fmt -c "$TOP/samples/dien-bien-2025-crosswalk.csv" \
			    "$f" >"$TMP/u1" 2>"$TMP/e1"
			CBCC_REC_FAST=0 cbcc-units $fmt \
			    -c "$TOP/samples/dien-bien-2025-crosswalk.csv" "$f" \
			    >"$TMP/u0" 2>"$TMP/e0"
			cmp "$TMP/u1" "$TMP/u0"
			cmp "$TMP/e1" "$TMP/e0"
			[ "$(wc -l <"$TMP/u1")" -gt 1500 ]
		done
	done
}

@test "classify-education: cells with a quote, comma or tab are quoted as they must be, plain ones copied" {
	plaincases "$TMP"
	run cbcc-classify-education -d education "$TMP/n.csv"
	assert_success
	assert_line --index 1501 '2021,Huyện Mường Chà,Sá Tổng,"Lò Văn ""A""",nam,1980,Kinh,can_bo,Chủ tịch UBND,Đại học,Cao cấp,Chuyên viên,,B1,1,9001,dai_hoc'
	assert_line --index 1502 "2021,Huyện Mường Chà,Sá Tổng,\"Lò Văn 37°36'37.8\"\"N\",nam,1980,Kinh,can_bo,Chủ tịch UBND,Đại học,Cao cấp,Chuyên viên,,B1,1,9002,dai_hoc"
	assert_line --index 1505 '2021,Huyện Mường Chà,Sá Tổng,Lò	Văn D,nu,,,cong_chuc,,,,,,,,9004,unknown'
	run cbcc-classify-education --format tsv -d education "$TMP/n.csv"
	assert_success
	assert_line --index 1505 '2021	Huyện Mường Chà	Sá Tổng	"Lò	Văn D"	nu			cong_chuc								9004	unknown'
	run cbcc-classify-education -d education "$TMP/n.tsv"
	assert_success
	assert_line --index 1505 '2021,Huyện Mường Chà,Sá Tổng,"Lò Văn, E",nam,1975,Kinh,can_bo,Bí thư,Thạc sĩ,Cử nhân,Chuyên viên chính,"A, B",C1,1,9005,thac_si'
	run cbcc-classify-education --format tsv -d education "$TMP/n.tsv"
	assert_success
	assert_line --index 1505 '2021	Huyện Mường Chà	Sá Tổng	Lò Văn, E	nam	1975	Kinh	can_bo	Bí thư	Thạc sĩ	Cử nhân	Chuyên viên chính	A, B	C1	1	9005	thac_si'
}

@test "classify-education: the same rows whether the recent cells of a column are asked or not (--rule-stats counts every cell)" {
	gen-roster -n 4000 -s 17 | cbcc-normalize 2>/dev/null >"$TMP/n.csv"
	cbcc-classify-education "$TMP/n.csv" >"$TMP/c1.csv"
	cbcc-classify-education --rule-stats "$TMP/stats.csv" "$TMP/n.csv" \
	    >"$TMP/c0.csv"
	cmp "$TMP/c1.csv" "$TMP/c0.csv"
	[ "$(wc -l <"$TMP/c1.csv")" -gt 3900 ]
	[ "$(cut -d, -f17 "$TMP/c1.csv" | sort -u | wc -l)" -gt 5 ]
}

@test "CBCC_THREADS=1: normalize writes the same records, rejects and messages on one thread as on two" {
	gen-roster -n 3000 -s 5 >"$TMP/r.csv"
	# Bad UTF-8 past the first batches: the reading stops there.
	{ head -n 2500 "$TMP/r.csv"; printf ',Lò Văn \xe0,,,,,,,,,,,,,,\n'; \
	    tail -n +2501 "$TMP/r.csv"; } >"$TMP/bad.csv"
	n=0
	for f in "$TMP/r.csv" "$TMP/bad.csv" "$TOP"/samples/roster-*.csv \
	    "$TOP"/tests/fixtures/normalize/*.csv \
	    "$TOP"/tests/fixtures/normalize/real/*.csv \
	    "$TOP"/tests/fixtures/enc/roster*; do
		rc1=0 rc2=0
		CBCC_THREADS=1 cbcc-normalize --rejects "$TMP/rej1.csv" "$f" \
		    "$TMP/r.csv" >"$TMP/o1.csv" 2>"$TMP/err1" || rc1=$?
		cbcc-normalize --rejects "$TMP/rej2.csv" "$f" "$TMP/r.csv" \
		    >"$TMP/o2.csv" 2>"$TMP/err2" || rc2=$?
		[ "$rc1" -eq "$rc2" ]
		cmp "$TMP/o1.csv" "$TMP/o2.csv"
		cmp "$TMP/rej1.csv" "$TMP/rej2.csv"
		cmp "$TMP/err1" "$TMP/err2"
		n=$((n + 1))
	done
	[ "$n" -gt 20 ]
	# The bad row ends its file: the header and the 2,495 people above.
	for t in 1 2; do
		CBCC_THREADS=$t run --separate-stderr cbcc-normalize "$TMP/bad.csv"
		assert_failure 1
		[ "${#lines[@]}" -eq 2496 ]
		assert_equal "$stderr" "cbcc-normalize: $TMP/bad.csv:2501: invalid UTF-8: byte 0xE0 in field 2 (byte 10 of the field); name the file's encoding with --encoding: perhaps cp1258 (or tcvn3, vni, viscii)
cbcc-normalize: 4 records rejected (title 2, blank 1, numbering 1); --rejects FILE keeps them"
	done
}

@test "standard output gathers rows: every record before a fatal reject is written, on one thread and on two, within 64 KiB and past it" {
	gen-roster -n 3000 -s 3 >"$TMP/r.csv"
	cbcc-normalize "$TMP/r.csv" >"$TMP/n.csv" 2>/dev/null
	[ "$(wc -c <"$TMP/n.csv")" -gt 200000 ]
	head -n 51 "$TMP/n.csv" >"$TMP/n50.csv"
	# Each with the first person again at its end: --strict stops there.
	for f in n n50; do
		{ cat "$TMP/$f.csv"; sed -n 2p "$TMP/n.csv"; } >"$TMP/d.csv"
		rows=$(wc -l <"$TMP/$f.csv")
		for t in 1 2; do
			CBCC_THREADS=$t run --separate-stderr cbcc-normalize \
			    --strict "$TMP/d.csv"
			assert_failure 1
			assert_equal "$stderr" "cbcc-normalize: $TMP/d.csv:$((rows + 1)): duplicate: same full_name, birth year and commune as $TMP/d.csv:2"
			CBCC_THREADS=$t cbcc-normalize --strict "$TMP/d.csv" \
			    2>/dev/null >"$TMP/o.csv" || true
			cmp "$TMP/o.csv" "$TMP/$f.csv"
		done
	done
	# classify-education: the rows before a ragged one.
	{ head -n 40 "$TMP/n.csv"; echo 2021,x; } >"$TMP/c.csv"
	cbcc-classify-education "$TMP/n50.csv" 2>/dev/null | head -n 40 \
	    >"$TMP/want.csv"
	run --separate-stderr cbcc-classify-education --strict "$TMP/c.csv"
	assert_failure 1
	cbcc-classify-education --strict "$TMP/c.csv" 2>/dev/null \
	    >"$TMP/o.csv" || true
	cmp "$TMP/o.csv" "$TMP/want.csv"
}
