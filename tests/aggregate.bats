#!/usr/bin/env bats
# cbcc-aggregate: counts and exact shares per group (SPEC section 5).

bats_require_minimum_version 1.5.0
load test_helper

A=$FIX/aggregate

# rows YEAR STAFF_TYPE COLUMN LEVEL COUNT [LEVEL COUNT ...]: COUNT records
# of each LEVEL, as lines YEAR,STAFF_TYPE,LEVEL (no header).
rows() {
	local y=$1 s=$2
	shift 3
	while [ $# -gt 0 ]; do
		awk -v y="$y" -v s="$s" -v l="$1" -v n="$2" \
		    'BEGIN { for (i = 0; i < n; i++) print y "," s "," l }'
		shift 2
	done
}

@test "every code in order with zero counts, then unknown, then strays, warned once; gender counted too" {
	run --separate-stderr cbcc-aggregate "$A/small.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2016,education,chua_dao_tao,0,2,0.0
2016,education,so_cap,0,2,0.0
2016,education,trung_cap,0,2,0.0
2016,education,cao_dang,1,2,50.0
2016,education,dai_hoc,0,2,0.0
2016,education,thac_si,0,2,0.0
2016,education,tien_si,0,2,0.0
2016,education,dai_hoc_tai_chuc,1,2,50.0
2016,state_mgmt,chua_qua,1,2,50.0
2016,state_mgmt,chuyen_vien,0,2,0.0
2016,state_mgmt,chuyen_vien_chinh,0,2,0.0
2016,state_mgmt,chuyen_vien_cao_cap,0,2,0.0
2016,state_mgmt,unknown,1,2,50.0
2016,gender,nam,1,2,50.0
2016,gender,nu,0,2,0.0
2016,gender,unknown,1,2,50.0
2021,education,chua_dao_tao,0,4,0.0
2021,education,so_cap,0,4,0.0
2021,education,trung_cap,1,4,25.0
2021,education,cao_dang,0,4,0.0
2021,education,dai_hoc,1,4,25.0
2021,education,thac_si,1,4,25.0
2021,education,tien_si,0,4,0.0
2021,education,unknown,1,4,25.0
2021,state_mgmt,chua_qua,1,4,25.0
2021,state_mgmt,chuyen_vien,2,4,50.0
2021,state_mgmt,chuyen_vien_chinh,1,4,25.0
2021,state_mgmt,chuyen_vien_cao_cap,0,4,0.0
2021,gender,nam,2,4,50.0
2021,gender,nu,2,4,50.0"
	[ "$stderr" = "cbcc-aggregate: $A/small.csv:5: empty state_mgmt_level counted as unknown
cbcc-aggregate: $A/small.csv:6: 'dai_hoc_tai_chuc' is not a code of education_level; counted as a level of its own" ]
}

@test "the article's 2016 shares over 1000 records, unknown 0.5" {
	{ echo year,staff_type,education_level
	  rows 2016 cong_chuc x dai_hoc 196 unknown 5 so_cap 10 \
	      chua_dao_tao 8 cao_dang 117 trung_cap 664; } >"$TMP/r.csv"
	run cbcc-aggregate "$TMP/r.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2016,education,chua_dao_tao,8,1000,0.8
2016,education,so_cap,10,1000,1.0
2016,education,trung_cap,664,1000,66.4
2016,education,cao_dang,117,1000,11.7
2016,education,dai_hoc,196,1000,19.6
2016,education,thac_si,0,1000,0.0
2016,education,tien_si,0,1000,0.0
2016,education,unknown,5,1000,0.5"
}

@test "2021 cong chuc: --where drops the can bo, --cumulative gives thac_si+ and chuyen_vien+" {
	{ echo year,staff_type,education_level,state_mgmt_level
	  paste -d, <(rows 2021 cong_chuc x trung_cap 327 cao_dang 122 \
	      dai_hoc 827 thac_si 3) \
	      <(rows 2021 cong_chuc x chua_qua 510 chuyen_vien 700 \
	      chuyen_vien_chinh 60 chuyen_vien_cao_cap 9 | cut -d, -f3)
	  rows 2021 can_bo x dai_hoc,chuyen_vien 40 trung_cap,chua_qua 25
	} >"$TMP/r.csv"
	run cbcc-aggregate --where staff_type=cong_chuc --cumulative "$TMP/r.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2021,education,chua_dao_tao,0,1279,0.0
2021,education,so_cap,0,1279,0.0
2021,education,trung_cap,327,1279,25.6
2021,education,cao_dang,122,1279,9.5
2021,education,dai_hoc,827,1279,64.7
2021,education,thac_si,3,1279,0.2
2021,education,tien_si,0,1279,0.0
2021,education,so_cap+,1279,1279,100.0
2021,education,trung_cap+,1279,1279,100.0
2021,education,cao_dang+,952,1279,74.4
2021,education,dai_hoc+,830,1279,64.9
2021,education,thac_si+,3,1279,0.2
2021,education,tien_si+,0,1279,0.0
2021,state_mgmt,chua_qua,510,1279,39.9
2021,state_mgmt,chuyen_vien,700,1279,54.7
2021,state_mgmt,chuyen_vien_chinh,60,1279,4.7
2021,state_mgmt,chuyen_vien_cao_cap,9,1279,0.7
2021,state_mgmt,chuyen_vien+,769,1279,60.1
2021,state_mgmt,chuyen_vien_chinh+,69,1279,5.4
2021,state_mgmt,chuyen_vien_cao_cap+,9,1279,0.7"
	run cbcc-aggregate --where staff_type!=cong_chuc -c state_mgmt_level "$TMP/r.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2021,state_mgmt,chua_qua,25,65,38.5
2021,state_mgmt,chuyen_vien,40,65,61.5
2021,state_mgmt,chuyen_vien_chinh,0,65,0.0
2021,state_mgmt,chuyen_vien_cao_cap,0,65,0.0"
}

@test "--records against a plan: 8672 participations, plan 8145, 106.5" {
	{ echo year,district,course
	  awk 'BEGIN { for (i = 0; i < 8672; i++) print "2021,Điện Biên,c" i % 7
	      for (i = 0; i < 30; i++) print "2021,Nậm Pồ,c1" }'; } >"$TMP/t.csv"
	run --separate-stderr cbcc-aggregate --records -g year,district \
	    --plan "$A/plan.csv" "$TMP/t.csv"
	assert_success
	assert_output "year,district,count,plan,percent_of_plan
2021,Mường Ảng,0,120,0.0
2021,Nậm Pồ,30,,
2021,Tủa Chùa,0,0,
2021,Điện Biên,8672,8145,106.5"
	[ "$stderr" = "cbcc-aggregate: no plan for group '2021,Nậm Pồ'" ]
	run cbcc-aggregate --records -g district --where course=c1 "$TMP/t.csv"
	assert_success
	assert_output "district,count
Nậm Pồ,30
Điện Biên,1239"
}

@test "rounding half away from zero at .5 boundaries, precision 0 and 3" {
	{ echo year,flag
	  for f in x y y y z z z z; do echo 2016,$f; done
	  echo 2017,a; for i in $(seq 15); do echo 2017,b; done
	  echo 2018,a; for i in $(seq 39); do echo 2018,b; done; } >"$TMP/f.csv"
	run cbcc-aggregate -c flag -p 0 "$TMP/f.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2016,flag,x,1,8,13
2016,flag,y,3,8,38
2016,flag,z,4,8,50
2017,flag,a,1,16,6
2017,flag,b,15,16,94
2018,flag,a,1,40,3
2018,flag,b,39,40,98"
	run cbcc-aggregate -c flag --precision 1 "$TMP/f.csv"
	assert_success
	assert_line -n 4 "2017,flag,a,1,16,6.3"
	assert_line -n 5 "2017,flag,b,15,16,93.8"
	run cbcc-aggregate -c flag --precision=3 "$TMP/f.csv"
	assert_success
	assert_line -n 1 "2016,flag,x,1,8,12.500"
	assert_line -n 4 "2017,flag,a,1,16,6.250"
	assert_line -n 7 "2018,flag,b,39,40,97.500"
}

@test "a column without a code list: its values in byte order, the empty one too" {
	printf 'year,ghi_chu\n2021,x\n2021,\n2021,b\n2021,x\n' >"$TMP/g.csv"
	run cbcc-aggregate -g '' -c ghi_chu "$TMP/g.csv"
	assert_success
	assert_output "dimension,level,count,total,percent
ghi_chu,,1,4,25.0
ghi_chu,b,1,4,25.0
ghi_chu,x,2,4,50.0"
}

@test "gender and party_member have code lists: nam, nu; 0, 1; an empty cell is unknown, quietly" {
	run --separate-stderr cbcc-aggregate -g '' -c gender "$A/small.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "dimension,level,count,total,percent
gender,nam,3,6,50.0
gender,nu,2,6,33.3
gender,unknown,1,6,16.7"
	printf 'year,party_member\n2021,1\n2021,0\n2021,1\n' >"$TMP/p.csv"
	run cbcc-aggregate -g '' -c party_member "$TMP/p.csv"
	assert_success
	assert_output "dimension,level,count,total,percent
party_member,0,1,3,33.3
party_member,1,2,3,66.7"
}

@test "a group whose records are all filtered out keeps total 0 and empty percents" {
	run cbcc-aggregate -g year,district -c state_mgmt_level \
	    --where staff_type=can_bo "$A/small.csv"
	assert_success
	assert_output "year,district,dimension,level,count,total,percent
2016,Mường Chà,state_mgmt,chua_qua,0,0,
2016,Mường Chà,state_mgmt,chuyen_vien,0,0,
2016,Mường Chà,state_mgmt,chuyen_vien_chinh,0,0,
2016,Mường Chà,state_mgmt,chuyen_vien_cao_cap,0,0,
2016,Tuần Giáo,state_mgmt,chua_qua,0,0,
2016,Tuần Giáo,state_mgmt,chuyen_vien,0,0,
2016,Tuần Giáo,state_mgmt,chuyen_vien_chinh,0,0,
2016,Tuần Giáo,state_mgmt,chuyen_vien_cao_cap,0,0,
2021,Mường Chà,state_mgmt,chua_qua,1,1,100.0
2021,Mường Chà,state_mgmt,chuyen_vien,0,1,0.0
2021,Mường Chà,state_mgmt,chuyen_vien_chinh,0,1,0.0
2021,Mường Chà,state_mgmt,chuyen_vien_cao_cap,0,1,0.0
2021,Tuần Giáo,state_mgmt,chua_qua,0,1,0.0
2021,Tuần Giáo,state_mgmt,chuyen_vien,1,1,100.0
2021,Tuần Giáo,state_mgmt,chuyen_vien_chinh,0,1,0.0
2021,Tuần Giáo,state_mgmt,chuyen_vien_cao_cap,0,1,0.0"
}

@test "jsonl: counts and percents are JSON numbers, an empty percent is null" {
	run cbcc-aggregate --format jsonl -g year,district -c state_mgmt_level \
	    --where staff_type=can_bo "$A/small.csv"
	assert_success
	json=$output
	run grep chua_qua <<<"$json"
	assert_output '{"year":"2016","district":"Mường Chà","dimension":"state_mgmt","level":"chua_qua","count":0,"total":0,"percent":null}
{"year":"2016","district":"Tuần Giáo","dimension":"state_mgmt","level":"chua_qua","count":0,"total":0,"percent":null}
{"year":"2021","district":"Mường Chà","dimension":"state_mgmt","level":"chua_qua","count":1,"total":1,"percent":100.0}
{"year":"2021","district":"Tuần Giáo","dimension":"state_mgmt","level":"chua_qua","count":0,"total":1,"percent":0.0}'
	run jq -r '[.count, .total, .percent] | map(type) | join(" ")' <<<"$json"
	assert_success
	assert_line -n 0 "number number null"
	assert_line -n 8 "number number number"
	[ "$(jq -s 'map(.count) | add' <<<"$json")" = 2 ]
	run cbcc-aggregate --format jsonl --records -g district,staff_type \
	    --plan "$A/plan.csv" "$A/small.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $A/plan.csv:1: no group column 'staff_type' in the plan"
}

@test "jsonl of the records: plan and percent_of_plan as numbers, checked with jq" {
	printf 'year,district\n2021,Mường Ảng\n2021,Mường Ảng\n2021,Mường Ảng\n' >"$TMP/t.csv"
	run cbcc-aggregate --format jsonl --records -g year,district \
	    --plan "$A/plan.csv" -p 3 "$TMP/t.csv"
	assert_success
	run jq -r '[.district, .count, .plan, .percent_of_plan] | @csv' <<<"$output"
	assert_output '"Mường Ảng",3,120,2.5
"Tủa Chùa",0,0,
"Điện Biên",0,8145,0'
}

@test "several files: columns found by name in each, groups sorted whatever the order" {
	run --separate-stderr cbcc-aggregate -g district -c education_level \
	    "$A/reordered.csv" "$A/small.csv"
	assert_success
	assert_line -n 0 "district,dimension,level,count,total,percent"
	assert_line -n 1 "Mường Chà,education,chua_dao_tao,0,3,0.0"
	assert_line -n 8 "Tuần Giáo,education,chua_dao_tao,0,3,0.0"
	assert_line -n 15 "Tuần Giáo,education,unknown,1,3,33.3"
	assert_line -n 16 "Tuần Giáo,education,dai_hoc_tai_chuc,1,3,33.3"
	assert_line -n 21 "Điện Biên,education,dai_hoc,1,1,100.0"
	[ "${#lines[@]}" -eq 24 ]
}

@test "ragged and unparseable records are rejected with a reason" {
	run --separate-stderr cbcc-aggregate --rejects "$TMP/rej.csv" "$A/ragged.csv"
	assert_success
	assert_line -n 5 "2021,education,dai_hoc,1,1,100.0"
	[ "$stderr" = "" ]
	run cat "$TMP/rej.csv"
	assert_output 'file,line,reason,record
'"$A"'/ragged.csv,3,"ragged: 3 fields, header has 2","2021,trung_cap,extra"
'"$A"'/ragged.csv,4,"ragged: 1 field, header has 2",2021
'"$A"'/ragged.csv,5,unterminated quoted field,"""2021,dai_hoc"'
	run --separate-stderr cbcc-aggregate "$A/ragged.csv"
	assert_success
	[ "$stderr" = "cbcc-aggregate: 3 records rejected (ragged 2, unterminated quoted field 1); --rejects FILE keeps them" ]
	run --separate-stderr cbcc-aggregate --strict "$A/ragged.csv"
	assert_failure 1
	[ "$stderr" = "cbcc-aggregate: $A/ragged.csv:3: ragged: 3 fields, header has 2" ]
}

@test "tsv in, tsv out" {
	printf 'year\teducation_level\n2021\tdai_hoc\n' >"$TMP/r.tsv"
	run cbcc-aggregate --format tsv "$TMP/r.tsv"
	assert_success
	assert_line -n 0 "$(printf 'year\tdimension\tlevel\tcount\ttotal\tpercent')"
	assert_line -n 5 "$(printf '2021\teducation\tdai_hoc\t1\t1\t100.0')"
}

@test "a missing group column is an error naming it" {
	run cbcc-aggregate -g year,commune "$A/small.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $A/small.csv:1: no column 'commune' to group by"
	run cbcc-aggregate -c political_theory_level "$A/small.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $A/small.csv:1: no column 'political_theory_level' to count"
	run cbcc-aggregate --where commune=X "$A/small.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $A/small.csv:1: no column 'commune' for --where"
	run cbcc-aggregate "$A/plan.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: $A/plan.csv:1: no column to count (no *_level column, none of gender, age_band...); name the columns with -c"
	run --separate-stderr cbcc-aggregate "$TMP/nonexistent.csv"
	assert_failure 1
	assert_output "year,dimension,level,count,total,percent"
	[ "$stderr" = "cbcc-aggregate: $TMP/nonexistent.csv: No such file or directory" ]
}

@test "usage errors exit 2: bad --precision, bad --where, --plan without --records" {
	run cbcc-aggregate -p 7 "$A/small.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-aggregate: precision '7' is too large (0 to 6)"
	run cbcc-aggregate --precision x "$A/small.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-aggregate: precision 'x' is invalid (0 to 6)"
	run cbcc-aggregate --where staff_type "$A/small.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-aggregate: bad --where 'staff_type': use COL=VALUE or COL!=VALUE"
	run cbcc-aggregate --where =x "$A/small.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-aggregate: bad --where '=x': use COL=VALUE or COL!=VALUE"
	run cbcc-aggregate --plan "$A/plan.csv" "$A/small.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-aggregate: --plan goes with --records"
	run cbcc-aggregate -g year,,district "$A/small.csv"
	assert_failure 2
	assert_line -n 0 "cbcc-aggregate: empty column name in -g 'year,,district'"
	assert_line -n 1 --partial "usage: cbcc-aggregate [-g cols]"
}

@test "a full disk is an error" {
	run bash -c 'cbcc-aggregate "$1" >/dev/full' _ "$A/reordered.csv"
	assert_failure 1
	assert_output "cbcc-aggregate: write error on standard output: No space left on device"
}

@test "a closed pipe ends it quietly" {
	awk 'BEGIN { print "year,district,education_level"
	    for (i = 0; i < 20000; i++) print 2000 + i % 30 "," i % 97 ",dai_hoc" }' >"$TMP/r.csv"
	run bash -c 'cbcc-aggregate -g year,district "$1" | head -1; echo "${PIPESTATUS[0]}"' _ "$TMP/r.csv"
	assert_success
	assert_output "year,district,dimension,level,count,total,percent
0"
}

@test "--help prints the usage on standard output" {
	run --separate-stderr cbcc-aggregate --help
	assert_success
	assert_output "usage: cbcc-aggregate [-g cols] [-c cols] [-p n] [--cumulative] [--where col=value]
                      [--records [--plan file]] [--merge] [--format fmt]
                      [--rejects file] [--strict] [file ...]
See the manual page cbcc-aggregate(1)."
	run cbcc-aggregate --version
	assert_success
	assert_output "cbcc-aggregate 0.1.0"
}

@test "standard input when there is no operand or '-'" {
	run bash -c 'printf "year,education_level\n2021,dai_hoc\n" | cbcc-aggregate -g "" -p 0 | tail -3'
	assert_success
	assert_output "education,dai_hoc,1,1,100
education,thac_si,0,1,0
education,tien_si,0,1,0"
	run bash -c 'printf "year,education_level\n2021,thac_si\n" | cbcc-aggregate -g year - "$1" | grep thac_si' _ "$FIX/aggregate/reordered.csv"
	assert_success
	assert_output "2016,education,thac_si,0,1,0.0
2021,education,thac_si,1,1,100.0"
}

@test "by default every dimension of the code lists present, in their order, then other *_level columns; -c selects" {
	printf '%s\n' party_member,site_level,gender,age_band,year,education_level,ethnic_minority,staff_type \
	    1,x,nu,31_40,2021,dai_hoc,1,cong_chuc 0,y,nam,tren_60,2021,trung_cap,0,can_bo \
	    ,x,,,2021,dai_hoc,,cong_chuc >"$TMP/r.csv"
	run --separate-stderr cbcc-aggregate "$TMP/r.csv"
	assert_success
	assert_equal "$stderr" ""
	run cut -d, -f2 <<<"$output"
	assert_output "$(printf '%s\n' dimension education education education \
	    education education education education age_band age_band \
	    age_band age_band age_band age_band ethnic_minority \
	    ethnic_minority ethnic_minority gender gender gender party_member \
	    party_member party_member site site)"
	run cbcc-aggregate -g '' -c gender,staff_type "$TMP/r.csv"
	assert_success
	assert_output "dimension,level,count,total,percent
gender,nam,1,3,33.3
gender,nu,1,3,33.3
gender,unknown,1,3,33.3
staff_type,can_bo,1,3,33.3
staff_type,cong_chuc,2,3,66.7"
}

@test "--where takes a level's code or label, compared folded: Nữ is nu, Đại học dai_hoc, thạc sỹ thac_si" {
	run --separate-stderr cbcc-aggregate -g '' -c education_level --where gender=Nữ "$A/small.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "dimension,level,count,total,percent
education,chua_dao_tao,0,2,0.0
education,so_cap,0,2,0.0
education,trung_cap,0,2,0.0
education,cao_dang,0,2,0.0
education,dai_hoc,1,2,50.0
education,thac_si,1,2,50.0
education,tien_si,0,2,0.0"
	for w in gender=nu gender=NỮ 'gender=nữ' gender=Nu; do
		run cbcc-aggregate -g '' -c education_level --where "$w" "$A/small.csv"
		assert_line -n 5 "education,dai_hoc,1,2,50.0"
	done
	run --separate-stderr cbcc-aggregate -g '' -c gender \
	    --where 'education_level=Đại học,thạc sỹ' "$A/small.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "dimension,level,count,total,percent
gender,nam,0,2,0.0
gender,nu,2,2,100.0"
	# Đảng viên is party_member 1, "không rõ" and unknown the empty cell too.
	printf 'year,party_member,education_level\n2021,1,x\n2021,0,y\n2021,,z\n2021,1,unknown\n' >"$TMP/p.csv"
	run --separate-stderr cbcc-aggregate -g '' -c education_level --where 'party_member=Đảng viên' "$TMP/p.csv"
	assert_success
	assert_line -n 8 "education,unknown,1,2,50.0"
	assert_line -n 9 "education,x,1,2,50.0"
	run --separate-stderr cbcc-aggregate -g '' -c party_member --where 'education_level=không rõ' "$TMP/p.csv"
	assert_success
	assert_output "dimension,level,count,total,percent
party_member,0,0,1,0.0
party_member,1,1,1,100.0"
	run --separate-stderr cbcc-aggregate -g '' -c education_level --where 'party_member=unknown' "$TMP/p.csv"
	assert_line -n 8 "education,z,1,1,100.0"
}

@test "--where lists and !=: COL=a,b is either, COL!=a,b neither; a backslash keeps a comma" {
	run --separate-stderr cbcc-aggregate -g staff_type -c gender \
	    --where 'education_level!=Đại học,thac_si' --where 'district=Mường Chà,Tuần Giáo' "$A/small.csv"
	assert_success
	assert_output "staff_type,dimension,level,count,total,percent
can_bo,gender,nam,1,1,100.0
can_bo,gender,nu,0,1,0.0
cong_chuc,gender,nam,2,3,66.7
cong_chuc,gender,nu,0,3,0.0
cong_chuc,gender,unknown,1,3,33.3"
	[ "$stderr" = "" ]
	printf 'year,position,gender\n2021,"Văn phòng, thống kê",nu\n2021,Tư pháp,nam\n2021,Văn phòng,nam\n' >"$TMP/v.csv"
	run --separate-stderr cbcc-aggregate -g '' -c gender --where 'position=Văn phòng\, thống kê' "$TMP/v.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "dimension,level,count,total,percent
gender,nam,0,1,0.0
gender,nu,1,1,100.0"
	run cbcc-aggregate -g '' -c gender --where 'position!=Văn phòng\, thống kê,Tư pháp' "$TMP/v.csv"
	assert_line -n 1 "gender,nam,1,1,100.0"
}

@test "--where: a value no record has and no code list names is a warning naming the values present, after the input" {
	run --separate-stderr cbcc-aggregate -g '' -c gender --where 'staff_type=Công chức' \
	    --where 'gender=Nuu,nu' --where education_level=tien_si "$A/small.csv"
	assert_success
	assert_output "dimension,level,count,total,percent
gender,nam,0,0,
gender,nu,0,0,"
	assert_equal "$stderr" "cbcc-aggregate: --where staff_type=Công chức: no record has 'Công chức' (perhaps 'cong_chuc'); staff_type has 'can_bo', 'cong_chuc'
cbcc-aggregate: --where gender=Nuu,nu: no record has 'Nuu'; gender has '', 'nam', 'nu'"
	# With != too: it then selects every record.
	run --separate-stderr cbcc-aggregate -g '' -c gender --where 'district!=Muong Cha' "$A/small.csv"
	assert_success
	assert_line -n 1 "gender,nam,3,6,50.0"
	assert_equal "$stderr" "cbcc-aggregate: --where district!=Muong Cha: no record has 'Muong Cha' (perhaps 'Mường Chà'); district has 'Mường Chà', 'Tuần Giáo'"
	# Many values: twenty named, then how many.
	awk 'BEGIN { print "year,commune,gender"; for (i = 0; i < 30; i++) printf "2021,x%02d,nu\n", i }' >"$TMP/m.csv"
	run --separate-stderr cbcc-aggregate -g '' -c gender --where commune=y "$TMP/m.csv"
	assert_equal "$stderr" "cbcc-aggregate: --where commune=y: no record has 'y'; commune has $(seq -f "'x%02g'" -s ', ' 0 19), ... (30 values)"
	awk 'BEGIN { print "year,commune,gender"; for (i = 0; i < 150; i++) printf "2021,x%03d,nu\n", i }' >"$TMP/m.csv"
	run --separate-stderr cbcc-aggregate -g '' -c gender --where commune=y "$TMP/m.csv"
	assert_equal "$stderr" "cbcc-aggregate: --where commune=y: no record has 'y'; commune has $(seq -f "'x%03g'" -s ', ' 0 19), ... (more than 100 values)"
	printf 'year,gender\n' >"$TMP/e.csv"
	run --separate-stderr cbcc-aggregate -g '' -c gender --where district=x --where gender=x "$TMP/e.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-aggregate: $TMP/e.csv:1: no column 'district' for --where"
	run --separate-stderr cbcc-aggregate -g '' -c gender --where gender=x "$TMP/e.csv"
	assert_success
	assert_equal "$stderr" "cbcc-aggregate: --where gender=x: no record has 'x'; there are no records"
}

@test "counts stay exact whatever the number of levels: checked against awk on many groups and values" {
	awk 'BEGIN { srand(5); print "year,unit,ghi_chu,education_level"
	    for (i = 0; i < 6000; i++) printf "%d,u%d,v%d,%s\n", 2020 + i % 2,
	        int(rand() * 200), int(rand() * (1 + i / 20)),
	        (rand() < 0.1 ? "x" int(rand() * 40) : "dai_hoc") }' >"$TMP/r.csv"
	cbcc-aggregate -g year,unit -c ghi_chu,education_level -p 0 "$TMP/r.csv" 2>/dev/null |
	    awk -F, 'NR > 1 && $5 > 0 { print $1, $2, $3, $4, $5, $6 }' | sort >"$TMP/got"
	awk -F, 'NR > 1 { t[$1 " " $2]++; c[$1 " " $2 " ghi_chu " $3]++
	    c[$1 " " $2 " education " $4]++ }
	    END { for (k in c) { split(k, f, " "); print k, c[k], t[f[1] " " f[2]] } }' \
	    "$TMP/r.csv" | sort >"$TMP/want"
	cmp "$TMP/got" "$TMP/want"
	[ "$(wc -l <"$TMP/want")" -gt 5000 ]
}

@test "long group keys and long values, in any order, counted exactly: checked against awk" {
	# Units of 20 to 90 bytes and values of 1 to 60, on both sides of
	# what the caches in front of the tables keep (48 bytes), 300 groups
	# mixed.
	awk 'BEGIN { srand(7); print "year,unit,ghi_chu"
	    for (i = 0; i < 6000; i++) {
		u = "Ủy ban nhân dân xã Mường " int(rand() * 150)
		if (rand() < 0.5) u = u " huyện Điện Biên Đông tỉnh Điện Biên"
		v = substr("trung_cap_luat_cu_nhan_hanh_chinh_thac_sy_quan_ly_" \
		    "nha_nuoc", 1, 1 + int(rand() * 60))
		printf "%d,%s,%s\n", 2020 + i % 2, u, v } }' >"$TMP/r.csv"
	cbcc-aggregate -g year,unit -c ghi_chu -p 0 "$TMP/r.csv" 2>/dev/null |
	    awk -F, 'NR > 1 && $5 > 0 { print $1 "|" $2 "|" $4 "|" $5 "|" $6 }' |
	    sort >"$TMP/got"
	awk -F, 'NR > 1 { t[$1 "|" $2]++; c[$1 "|" $2 "|" $3]++ }
	    END { for (k in c) { split(k, f, "|"); print k "|" c[k] "|" t[f[1] "|" f[2]] } }' \
	    "$TMP/r.csv" | sort >"$TMP/want"
	cmp "$TMP/got" "$TMP/want"
	[ "$(wc -l <"$TMP/want")" -gt 3000 ]
	[ "$(cut -d'|' -f1,2 "$TMP/want" | sort -u | wc -l)" -ge 290 ]
}
