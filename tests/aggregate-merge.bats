#!/usr/bin/env bats
# cbcc-aggregate --merge: sums of earlier aggregates, checked against the
# aggregate of the whole.

bats_require_minimum_version 1.5.0
load test_helper

A=$FIX/aggregate

# gen SEED N: N classified records from a seeded generator, with every
# level, unknown, a stray code, empty cells and Vietnamese unit names.
gen() {
	awk -v seed="$1" -v n="$2" 'BEGIN {
		srand(seed)
		split("chua_dao_tao so_cap trung_cap cao_dang dai_hoc thac_si tien_si unknown unknown dai_hoc_tai_chuc", edu, " ")
		split("chua_qua chuyen_vien chuyen_vien_chinh chuyen_vien_cao_cap unknown", qlnn, " ")
		split("Mường Chà|Mường Nhé|Tuần Giáo|Điện Biên|Nậm Pồ|Tủa Chùa", dist, "|")
		split("can_bo cong_chuc cong_chuc", st, " ")
		split("nam nu nu", gd, " ")
		print "year,district,staff_type,gender,education_level,state_mgmt_level"
		for (i = 0; i < n; i++)
			printf "%d,%s,%s,%s,%s,%s\n", 2016 + int(rand() * 3) * 2.5,
			    dist[1 + int(rand() * 6)], st[1 + int(rand() * 3)],
			    rand() < 0.05 ? "" : gd[1 + int(rand() * 3)],
			    edu[1 + int(rand() * 10)],
			    rand() < 0.03 ? "" : qlnn[1 + int(rand() * 5)]
	}'
}

# split SEED K FILE: cut the records of FILE at random into K parts
# $TMP/part.1 ... $TMP/part.K, each with the header.
split_parts() {
	awk -v seed="$1" -v k="$2" -v dir="$TMP" 'BEGIN { srand(seed) }
	    NR == 1 { for (j = 1; j <= k; j++) print > (dir "/part." j); next }
	    { print >> (dir "/part." (1 + int(rand() * k))) }' "$3"
}

@test "merging the aggregates of random parts equals aggregating the whole, byte for byte" {
	gen 7 3000 >"$TMP/all.csv"
	for opts in "-g year,district" "-g year --cumulative" \
	    "-g district,staff_type -c education_level,gender -p 3" \
	    "-g year,district --where staff_type=can_bo --cumulative" \
	    "-g '' -c state_mgmt_level,education_level"; do
		eval "set -- $opts"
		cbcc-aggregate "$@" "$TMP/all.csv" >"$TMP/whole" 2>/dev/null
		for seed in 1 2 3; do
			k=$((seed + 1))
			rm -f "$TMP"/part.* "$TMP"/agg.*
			split_parts "$seed" "$k" "$TMP/all.csv"
			for j in $(seq "$k"); do
				cbcc-aggregate "$@" "$TMP/part.$j" \
				    >"$TMP/agg.$j" 2>/dev/null
			done
			mopts=
			case $opts in *"-p 3"*) mopts="-p 3" ;; esac
			run cbcc-aggregate --merge $mopts "$TMP"/agg.*
			assert_success
			printf '%s\n' "$output" >"$TMP/merged"
			cmp "$TMP/whole" "$TMP/merged" ||
			    { echo "differs: $opts, seed $seed"; false; }
		done
	done
	# The last whole: header, 4 codes + unknown, 7 codes + unknown + stray.
	[ "$(wc -l <"$TMP/whole")" -eq 15 ]
}

@test "merging --records aggregates of random parts equals the whole" {
	gen 11 2000 >"$TMP/all.csv"
	cbcc-aggregate --records -g year,district "$TMP/all.csv" >"$TMP/whole"
	split_parts 5 4 "$TMP/all.csv"
	for j in 1 2 3 4; do
		cbcc-aggregate --records -g year,district "$TMP/part.$j" >"$TMP/agg.$j"
	done
	run cbcc-aggregate --merge --records "$TMP"/agg.*
	assert_success
	[ "$output" = "$(cat "$TMP/whole")" ]
	[ "${#lines[@]}" -eq 19 ]
}

@test "merge with -g rolls district aggregates up to the province" {
	gen 3 1500 >"$TMP/all.csv"
	cbcc-aggregate -g year,district --cumulative "$TMP/all.csv" >"$TMP/d" 2>/dev/null
	run cbcc-aggregate --merge -g year "$TMP/d"
	assert_success
	[ "$output" = "$(cbcc-aggregate -g year --cumulative "$TMP/all.csv" 2>/dev/null)" ]
}

@test "merge input: negative, fractional and excessive counts, bad and disagreeing totals are rejected" {
	run --separate-stderr cbcc-aggregate --merge --rejects "$TMP/rej.csv" \
	    "$A/part-bad.csv" "$A/part-good.csv"
	assert_success
	assert_output "year,district,dimension,level,count,total,percent
2021,Mường Chà,education,chua_dao_tao,0,20,0.0
2021,Mường Chà,education,so_cap,0,20,0.0
2021,Mường Chà,education,trung_cap,3,20,15.0
2021,Mường Chà,education,cao_dang,0,20,0.0
2021,Mường Chà,education,dai_hoc,6,20,30.0
2021,Mường Chà,education,thac_si,1,20,5.0
2021,Mường Chà,education,tien_si,0,20,0.0
2021,Mường Chà,education,unknown,1,20,5.0
2021,Mường Chà,education,so_cap+,10,20,50.0
2021,Mường Chà,education,trung_cap+,10,20,50.0
2021,Mường Chà,education,cao_dang+,7,20,35.0
2021,Mường Chà,education,dai_hoc+,7,20,35.0
2021,Mường Chà,education,thac_si+,1,20,5.0
2021,Mường Chà,education,tien_si+,0,20,0.0
2021,Mường Chà,state_mgmt,chua_qua,0,10,0.0
2021,Mường Chà,state_mgmt,chuyen_vien,4,10,40.0
2021,Mường Chà,state_mgmt,chuyen_vien_chinh,0,10,0.0
2021,Mường Chà,state_mgmt,chuyen_vien_cao_cap,0,10,0.0"
	[ "$stderr" = "" ]
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$A/part-bad.csv,2,bad count: '-3' is negative,\"2021,Mường Chà,education,trung_cap,-3,10,\"
$A/part-bad.csv,3,bad count: '2.5' is not a whole number,\"2021,Mường Chà,education,cao_dang,2.5,10,25.0\"
$A/part-bad.csv,4,\"totals disagree: 11 here, 10 on line 2 for this group and dimension\",\"2021,Mường Chà,education,dai_hoc,7,11,63.6\"
$A/part-bad.csv,6,count exceeds total: 12 > 10,\"2021,Mường Chà,education,tien_si,12,10,120.0\"
$A/part-bad.csv,8,bad total: 'x' is not a whole number,\"2021,Mường Chà,state_mgmt,chuyen_vien,4,x,\""
	run --separate-stderr cbcc-aggregate --merge "$A/part-bad.csv"
	assert_success
	[ "$stderr" = "cbcc-aggregate: 5 records rejected (bad count 2, totals disagree 1, count exceeds total 1, bad total 1); --rejects FILE keeps them" ]
	run --separate-stderr cbcc-aggregate --merge --strict "$A/part-bad.csv"
	assert_failure 1
	[ "$stderr" = "cbcc-aggregate: $A/part-bad.csv:2: bad count: '-3' is negative" ]
}

@test "the same totals in two inputs are summed, not taken for a disagreement" {
	run cbcc-aggregate --merge -c education_level "$A/part-good.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-aggregate: --where and -c apply to records, not to --merge"
	run cbcc-aggregate --merge "$A/part-good.csv" "$A/part-good.csv"
	assert_success
	assert_line -n 3 "2021,Mường Chà,education,trung_cap,6,20,30.0"
	assert_line -n 8 "2021,Mường Chà,education,unknown,2,20,10.0"
}

@test "merge input that is not a matching aggregate is an error" {
	run cbcc-aggregate --merge "$A/small.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $A/small.csv:1: no column 'count': not an aggregate"
	cbcc-aggregate --records -g year "$A/small.csv" >"$TMP/r.csv"
	run cbcc-aggregate --merge "$TMP/r.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $TMP/r.csv:1: a --records aggregate: use --records"
	cbcc-aggregate -g district "$A/small.csv" >"$TMP/d.csv" 2>/dev/null
	run cbcc-aggregate --merge "$A/part-good.csv" "$TMP/d.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $TMP/d.csv:1: group columns differ from those of the first input"
	run cbcc-aggregate --merge -g commune "$A/part-good.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $A/part-good.csv:1: no group column 'commune' in the aggregate"
}

@test "merge: counts past 2^32 stay exact (the counters widen to 64 bits)" {
	printf '%s\n' year,dimension,level,count,total,percent \
	    2021,gender,nam,4294967295,4294967296,100.0 2021,gender,nu,1,4294967296,0.0 \
	    >"$TMP/a.csv"
	printf '%s\n' year,dimension,level,count,total,percent \
	    2021,gender,nam,3,5000000000,0.0 2021,gender,nu,4999999997,5000000000,100.0 \
	    >"$TMP/b.csv"
	run cbcc-aggregate --merge -p 6 "$TMP/a.csv" "$TMP/b.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2021,gender,nam,4294967298,9294967296,46.207449
2021,gender,nu,4999999998,9294967296,53.792551"
	printf '%s\n' year,count 2021,999999999999999 2022,1 >"$TMP/r.csv"
	run cbcc-aggregate --merge --records "$TMP/r.csv" "$TMP/r.csv"
	assert_success
	assert_output "year,count
2021,1999999999999998
2022,2"
}

@test "merge with -g: the totals of each group of the input are checked on their own" {
	printf '%s\n' year,district,dimension,level,count,total,percent \
	    "2021,Mường Chà,gender,nam,1,2,50.0" "2021,Tuần Giáo,gender,nam,3,4,75.0" \
	    "2021,Mường Chà,gender,nu,1,2,50.0" "2021,Tuần Giáo,gender,nu,1,5,20.0" \
	    "2021,Tuần Giáo,gender,nu,1,4,25.0" >"$TMP/d.csv"
	run --separate-stderr cbcc-aggregate --merge -g year --rejects "$TMP/rej.csv" "$TMP/d.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2021,gender,nam,4,6,66.7
2021,gender,nu,2,6,33.3"
	run cut -d, -f2-3 "$TMP/rej.csv"
	assert_output 'line,reason
5,"totals disagree: 5 here'
	run --separate-stderr cbcc-aggregate --merge -g district,year "$TMP/d.csv"
	assert_line -n 0 "district,year,dimension,level,count,total,percent"
	assert_line -n 3 "Tuần Giáo,2021,gender,nam,3,4,75.0"
}
