#!/usr/bin/env bats
# cbcc-diff-years: changes in counts and percentage points (SPEC section 6).

bats_require_minimum_version 1.5.0
load test_helper

D=$FIX/diff

@test "earliest to latest year by default; a group of one year only keeps its rows, warned" {
	run --separate-stderr cbcc-diff-years "$D/by-year.csv"
	assert_success
	assert_output "district,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
Mường Chà,education,chua_dao_tao,2016,2021,0,0,0.0,0.0,0,0.0
Mường Chà,education,so_cap,2016,2021,1,1,12.5,6.3,0,-6.3
Mường Chà,education,trung_cap,2016,2021,3,2,37.5,12.5,-1,-25.0
Mường Chà,education,cao_dang,2016,2021,0,3,0.0,18.8,3,18.8
Mường Chà,education,dai_hoc,2016,2021,3,10,37.5,62.5,7,25.0
Mường Chà,education,thac_si,2016,2021,0,0,0.0,0.0,0,0.0
Mường Chà,education,tien_si,2016,2021,0,0,0.0,0.0,0,0.0
Mường Chà,education,unknown,2016,2021,1,0,12.5,0.0,-1,-12.5
Nậm Pồ,education,chua_dao_tao,2016,2021,,0,,0.0,,
Nậm Pồ,education,so_cap,2016,2021,,0,,0.0,,
Nậm Pồ,education,trung_cap,2016,2021,,0,,0.0,,
Nậm Pồ,education,cao_dang,2016,2021,,0,,0.0,,
Nậm Pồ,education,dai_hoc,2016,2021,,2,,100.0,,
Nậm Pồ,education,thac_si,2016,2021,,0,,0.0,,
Nậm Pồ,education,tien_si,2016,2021,,0,,0.0,,"
	[ "$stderr" = "cbcc-diff-years: group 'Nậm Pồ': no rows for 2016, left empty" ]
}

@test "a group missing from a year is said once, a dimension missing from a present group once a dimension" {
	cat >"$TMP/a.csv" <<-EOF
	year,unit,dimension,level,count,total,percent
	2021,A,education,dai_hoc,1,1,100.0
	2021,A,gender,nu,1,1,100.0
	2021,B,education,dai_hoc,1,1,100.0
	2021,B,gender,nu,1,1,100.0
	2026,B,education,dai_hoc,2,2,100.0
	2026,C,education,dai_hoc,1,1,100.0
	2026,C,gender,nam,1,1,100.0
	EOF
	run --separate-stderr cbcc-diff-years "$TMP/a.csv"
	assert_success
	assert_equal "$stderr" "cbcc-diff-years: group 'A': no rows for 2026, left empty
cbcc-diff-years: group 'B', dimension gender: no rows for 2026, left empty
cbcc-diff-years: group 'C': no rows for 2021, left empty"
	assert_output "unit,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
A,education,dai_hoc,2021,2026,1,,100.0,,,
A,gender,nu,2021,2026,1,,100.0,,,
B,education,dai_hoc,2021,2026,1,2,100.0,100.0,1,0.0
B,gender,nu,2021,2026,1,,100.0,,,
C,education,dai_hoc,2021,2026,,1,,100.0,,
C,gender,nam,2021,2026,,1,,100.0,,"
}

@test "change_pp is the exact difference rounded once, not the difference of rounded shares" {
	# so_cap: 1/8 = 12.5 -> 13 and 1/16 = 6.25 -> 6 at precision 0:
	# 6 - 13 = -7, but the exact change -6.25 rounds to -6.
	run --separate-stderr cbcc-diff-years -p 0 "$D/by-year.csv"
	assert_success
	assert_line -n 2 "Mường Chà,education,so_cap,2016,2021,1,1,13,6,0,-6"
	assert_line -n 4 "Mường Chà,education,cao_dang,2016,2021,0,3,0,19,3,19"
	# At precision 1: 6.3 - 12.5 = -6.2, but the exact -6.25 gives -6.3.
	run --separate-stderr cbcc-diff-years --precision 1 "$D/by-year.csv"
	assert_line -n 2 "Mường Chà,education,so_cap,2016,2021,1,1,12.5,6.3,0,-6.3"
	run --separate-stderr cbcc-diff-years -p 3 "$D/by-year.csv"
	assert_line -n 2 "Mường Chà,education,so_cap,2016,2021,1,1,12.500,6.250,0,-6.250"
	assert_line -n 4 "Mường Chà,education,cao_dang,2016,2021,0,3,0.000,18.750,3,18.750"
}

@test "a negative change rounds half away from zero: -0.05 is -0.1" {
	printf '%s\n' year,dimension,level,count,total,percent \
	    2020,education,dai_hoc,1,2000,0.1 2021,education,dai_hoc,0,2000,0.0 \
	    2020,gender,nu,1,2001,0.0 2021,gender,nu,0,2001,0.0 \
	    >"$TMP/a.csv"
	run cbcc-diff-years "$TMP/a.csv"
	assert_success
	assert_output "dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
education,dai_hoc,2020,2021,1,0,0.1,0.0,-1,-0.1
gender,nu,2020,2021,1,0,0.0,0.0,-1,0.0"
}

@test "--consecutive compares each year with the next one present" {
	run --separate-stderr cbcc-diff-years --consecutive -g "$D/by-year.csv"
	assert_failure 2
	run --separate-stderr cbcc-diff-years --consecutive "$D/by-year.csv"
	assert_success
	assert_output "district,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
Mường Chà,education,chua_dao_tao,2016,2019,0,0,0.0,0.0,0,0.0
Mường Chà,education,so_cap,2016,2019,1,0,12.5,0.0,-1,-12.5
Mường Chà,education,trung_cap,2016,2019,3,1,37.5,50.0,-2,12.5
Mường Chà,education,cao_dang,2016,2019,0,0,0.0,0.0,0,0.0
Mường Chà,education,dai_hoc,2016,2019,3,1,37.5,50.0,-2,12.5
Mường Chà,education,thac_si,2016,2019,0,0,0.0,0.0,0,0.0
Mường Chà,education,tien_si,2016,2019,0,0,0.0,0.0,0,0.0
Mường Chà,education,unknown,2016,2019,1,0,12.5,0.0,-1,-12.5
Mường Chà,education,chua_dao_tao,2019,2021,0,0,0.0,0.0,0,0.0
Mường Chà,education,so_cap,2019,2021,0,1,0.0,6.3,1,6.3
Mường Chà,education,trung_cap,2019,2021,1,2,50.0,12.5,1,-37.5
Mường Chà,education,cao_dang,2019,2021,0,3,0.0,18.8,3,18.8
Mường Chà,education,dai_hoc,2019,2021,1,10,50.0,62.5,9,12.5
Mường Chà,education,thac_si,2019,2021,0,0,0.0,0.0,0,0.0
Mường Chà,education,tien_si,2019,2021,0,0,0.0,0.0,0,0.0
Nậm Pồ,education,chua_dao_tao,2019,2021,,0,,0.0,,
Nậm Pồ,education,so_cap,2019,2021,,0,,0.0,,
Nậm Pồ,education,trung_cap,2019,2021,,0,,0.0,,
Nậm Pồ,education,cao_dang,2019,2021,,0,,0.0,,
Nậm Pồ,education,dai_hoc,2019,2021,,2,,100.0,,
Nậm Pồ,education,thac_si,2019,2021,,0,,0.0,,
Nậm Pồ,education,tien_si,2019,2021,,0,,0.0,,"
	[ "$stderr" = "cbcc-diff-years: group 'Nậm Pồ': no rows for 2019, left empty" ]
	# The same rows as the two single comparisons.
	a=$(cbcc-diff-years --from 2016 --to 2019 "$D/by-year.csv")
	b=$(cbcc-diff-years --from 2019 --to 2021 "$D/by-year.csv" 2>/dev/null | tail -n +2)
	[ "$output" = "$a
$b" ]
}

@test "straight from records: aggregate by year piped into diff, jsonl checked with jq" {
	run --separate-stderr bash -c 'cbcc-aggregate -g year,district --cumulative "$1" |
	    cbcc-diff-years --from 2019 --format jsonl' _ "$D/records.csv"
	assert_success
	[ "$stderr" = "cbcc-diff-years: group 'Nậm Pồ': no rows for 2019, left empty" ]
	run jq -r 'select(.district == "Mường Chà" and (.level | test("dai_hoc")))
	    | [.level, .count_from, .count_to, .percent_from, .percent_to, .change_count, .change_pp] | @csv' <<<"$output"
	assert_output '"dai_hoc",1,10,50,62.5,9,12.5
"dai_hoc+",1,10,50,62.5,9,12.5'
	run bash -c 'cbcc-aggregate -g year,district "$1" |
	    cbcc-diff-years --from 2019 --format jsonl 2>/dev/null' _ "$D/records.csv"
	run jq -c 'select(.district == "Nậm Pồ" and .level == "dai_hoc")' <<<"$output"
	assert_output '{"district":"Nậm Pồ","dimension":"education","level":"dai_hoc","year_from":2019,"year_to":2021,"count_from":null,"count_to":2,"percent_from":null,"percent_to":100,"change_count":null,"change_pp":null}'
}

@test "a level on one side only, where the group is present on both: unknown counts 0, an L+ row is empty and warned" {
	printf '%s\n' year,dimension,level,count,total,percent \
	    2020,education,dai_hoc,1,2,50.0 2020,education,dai_hoc+,1,2,50.0 \
	    2021,education,dai_hoc,1,4,25.0 2021,education,unknown,3,4,75.0 \
	    >"$TMP/a.csv"
	run --separate-stderr cbcc-diff-years "$TMP/a.csv"
	assert_success
	assert_output "dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
education,dai_hoc,2020,2021,1,1,50.0,25.0,0,-25.0
education,unknown,2020,2021,0,3,0.0,75.0,3,75.0
education,dai_hoc+,2020,2021,1,,50.0,,,"
	[ "$stderr" = "cbcc-diff-years: dimension education, level dai_hoc+: no row for 2021, left empty" ]
}

@test "bad rows are rejected: duplicates, disagreeing totals, bad numbers and years" {
	printf '%s\n' year,dimension,level,count,total,percent \
	    2020,education,dai_hoc,1,2,50.0 2020,education,dai_hoc,1,2,50.0 \
	    2020,education,trung_cap,1,3,33.3 2020,education,cao_dang,-1,2, \
	    2020,education,so_cap,3,2,150.0 20x1,education,so_cap,0,2,0.0 \
	    2021,education,dai_hoc,1,x, 2021,education,dai_hoc,2,2,100.0 \
	    >"$TMP/a.csv"
	run --separate-stderr cbcc-diff-years --rejects "$TMP/rej.csv" "$TMP/a.csv"
	assert_success
	assert_output "dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
education,dai_hoc,2020,2021,1,2,50.0,100.0,1,50.0"
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$TMP/a.csv,3,\"duplicate: a second row for this group, dimension, level and year\",\"2020,education,dai_hoc,1,2,50.0\"
$TMP/a.csv,4,\"totals disagree: 3 here, 2 on line 2 for this group, dimension and year\",\"2020,education,trung_cap,1,3,33.3\"
$TMP/a.csv,5,bad count: '-1' is negative,\"2020,education,cao_dang,-1,2,\"
$TMP/a.csv,6,count exceeds total: 3 > 2,\"2020,education,so_cap,3,2,150.0\"
$TMP/a.csv,7,bad year: '20x1',\"20x1,education,so_cap,0,2,0.0\"
$TMP/a.csv,8,bad total: 'x' is not a whole number,\"2021,education,dai_hoc,1,x,\""
}

@test "input that is not an aggregate by year is an error" {
	cbcc-aggregate --records -g year "$D/records.csv" >"$TMP/r.csv"
	run cbcc-diff-years "$TMP/r.csv"
	assert_failure 1
	assert_output "cbcc-diff-years: $TMP/r.csv:1: no column 'dimension': a --records aggregate; cbcc-diff-years compares levels"
	cbcc-aggregate -g district "$D/records.csv" >"$TMP/d.csv"
	run cbcc-diff-years "$TMP/d.csv"
	assert_failure 1
	assert_output "cbcc-diff-years: $TMP/d.csv:1: no column 'year': not an aggregate by year (cbcc-aggregate -g year,...)"
	grep 2021 "$D/by-year.csv" | sed 1i"$(head -1 "$D/by-year.csv")" >"$TMP/one.csv"
	run cbcc-diff-years "$TMP/one.csv"
	assert_failure 1
	assert_output "cbcc-diff-years: only one year (2021) in the input: nothing to compare"
	run cbcc-diff-years --from 2015 "$D/by-year.csv"
	assert_failure 1
	assert_output "cbcc-diff-years: no rows for year 2015 (--from)"
}

@test "usage errors exit 2" {
	run cbcc-diff-years -p 9 "$D/by-year.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-diff-years: precision '9' is too large (0 to 6)"
	run cbcc-diff-years --to 20x1 "$D/by-year.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-diff-years: --to '20x1' is not a year"
	assert_line -n 1 "usage: cbcc-diff-years [-p n] [--from year] [--to year] [--consecutive]"
}

@test "a full disk is an error" {
	run bash -c 'cbcc-diff-years "$1" 2>&1 >/dev/full' _ "$D/by-year.csv"
	assert_failure 1
	assert_output "cbcc-diff-years: group 'Nậm Pồ': no rows for 2016, left empty
cbcc-diff-years: write error on standard output: No space left on device"
}

@test "--from and --to: only their years are held; rows of other years are checked for their form only" {
	printf '%s\n' year,dimension,level,count,total,percent \
	    2016,education,dai_hoc,1,2,50.0 2019,education,dai_hoc,1,2,50.0 \
	    2019,education,dai_hoc,1,2,50.0 2019,education,trung_cap,x,2, \
	    2019,gender,nu,1,2,50.0 2021,gender,nu,3,4,75.0 \
	    2021,education,dai_hoc,2,4,50.0 >"$TMP/a.csv"
	run --separate-stderr cbcc-diff-years --from 2016 --to 2021 --rejects "$TMP/rej.csv" "$TMP/a.csv"
	assert_success
	# gender first appears in 2019: dimensions keep their order of appearance.
	assert_output "dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
education,dai_hoc,2016,2021,1,2,50.0,50.0,1,0.0
gender,nu,2016,2021,,3,,75.0,,"
	assert_equal "$stderr" "cbcc-diff-years: dimension gender: no rows for 2016, left empty"
	run cut -d, -f2-3 "$TMP/rej.csv"
	assert_output "line,reason
5,bad count: 'x' is not a whole number"
	run --separate-stderr cbcc-diff-years --rejects "$TMP/rej.csv" "$TMP/a.csv"
	assert_success
	run cut -d, -f2-3 "$TMP/rej.csv"
	assert_output 'line,reason
4,"duplicate: a second row for this group
5,bad count: '"'x'"' is not a whole number'
	run --separate-stderr cbcc-diff-years --consecutive --from 2019 --rejects "$TMP/rej.csv" "$TMP/a.csv"
	assert_success
	assert_output "dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
education,dai_hoc,2019,2021,1,2,50.0,50.0,1,0.0
gender,nu,2019,2021,1,3,50.0,75.0,2,25.0"
	run cut -d, -f2 "$TMP/rej.csv"
	assert_output "line
4
5"
}
