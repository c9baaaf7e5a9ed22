#!/usr/bin/env bats
# The sample rosters: their shape, their generator, and the article's
# figures reproduced exactly by normalize | classify-education | aggregate.

bats_require_minimum_version 1.5.0
load test_helper

SAMPLES=$TOP/samples

# Fail at once, saying so, when a program of the chain is not built.
need() {
	local p
	for p; do
		command -v "$p" >/dev/null || case $p in
		cbcc-*|*-tool) fail "$p is not built (run make)" ;;
		*) fail "$p is not installed (make check installs it)" ;;
		esac
	done
}

# classified.csv of a roster in $TMP: normalize | classify-education.
classify() {
	cbcc-normalize "$SAMPLES/roster-$1.csv" |
	    cbcc-classify-education >"$TMP/classified-$1.csv"
}

@test "samples: gen-samples writes the same files again, byte for byte" {
	run "$TOP/scripts/gen-samples" -o "$TMP/gen"
	assert_success
	assert_output ""
	for f in roster-2016.csv roster-2021.csv training-2021.csv \
	    plan-2021.csv standards.csv difficult-2021.txt; do
		cmp "$SAMPLES/$f" "$TMP/gen/$f"
	done
}

@test "samples: roster-2021 is an Excel CSV UTF-8 export (BOM, CRLF, furniture)" {
	run head -c 3 "$SAMPLES/roster-2021.csv"
	assert_output $'\xef\xbb\xbf'
	[ "$(grep -c $'\r$' "$SAMPLES/roster-2021.csv")" -eq \
	    "$(wc -l <"$SAMPLES/roster-2021.csv")" ]
	run sed -n '1p;3p;5p;$p' "$SAMPLES/roster-2021.csv"
	assert_output $'\xef\xbb\xbf"DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM 2021",,,,,,,,,,,,,,,\r
,,,,,,,,,,,,,,,\r
(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16)\r
,Tổng cộng,,,,,,,,,,,,,,\r'
}

@test "samples: roster-2016 is ;-separated with a numbering row and bare years" {
	run sed -n '4,5p;$p' "$SAMPLES/roster-2016.csv"
	assert_output "STT;HỌ TÊN;Năm sinh;Giới tính;Dân tộc;Loại;Chức danh;TĐCM;LLCT;QLNN;Tin học;Ngoại ngữ;Đảng viên;Xã/Phường/Thị trấn;Huyện;Năm
1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16
;Tổng cộng;;;;;;;;;;;;;;"
	grep -q '^[0-9]*;[^;]*;19[0-9][0-9];' "$SAMPLES/roster-2016.csv"
}

@test "samples: the rosters mix NFC and NFD, both tone placements, date forms" {
	local f
	for f in "$SAMPLES"/roster-20*.csv; do
		# NFD: a base letter followed by a combining mark.
		LC_ALL=C grep -q $'[aeiouy]\xcc[\x80\x81\x83\x89\xa3]' "$f"
		grep -q 'Hòa\|Thủy' "$f"
		grep -q 'Hoà\|Thuỷ' "$f"
		grep -q 'TP\. Điện Biên Phủ' "$f"
		grep -q 'Thành phố Điện Biên Phủ' "$f"
		grep -q 'H\. Mường Chà' "$f"
	done
	# Excel serial day numbers and bare years beside dd/mm/yyyy.
	grep -q '^[0-9]*,[^,]*,[0-9]\{5\},' "$SAMPLES/roster-2021.csv"
	grep -q '^[0-9]*,[^,]*,19[0-9][0-9],' "$SAMPLES/roster-2021.csv"
	grep -q '^[0-9]*,[^,]*,[0-9][0-9]/[0-9][0-9]/19[0-9][0-9],' \
	    "$SAMPLES/roster-2021.csv"
}

@test "samples: normalize keeps every row: rows in = rows out + rejects" {
	need cbcc-normalize recdump-tool mlr
	local y in out rej
	for y in 2016 2021; do
		cbcc-normalize --rejects "$TMP/rej-$y.csv" \
		    "$SAMPLES/roster-$y.csv" >"$TMP/n-$y.csv"
		# Records of the roster, by the reader normalize uses (its
		# jsonl leaves out the first record, taken as a header).
		in=$(($(recdump-tool --format jsonl "$SAMPLES/roster-$y.csv" |
		    wc -l) + 1))
		out=$(mlr --icsv --onidx count "$TMP/n-$y.csv")
		rej=$(mlr --icsv --onidx count "$TMP/rej-$y.csv")
		# The header row is the one record neither written nor rejected.
		echo "$y: in $in, out $out, rejects $rej"
		[ "$in" -eq $((1 + out + rej)) ]
		run mlr --icsv --onidx --ofs ' ' cut -o -f line,reason \
		    "$TMP/rej-$y.csv"
		assert_output "1 title
2 title
3 blank
5 numbering
$in total"
	done
	[ "$(mlr --icsv --onidx count "$TMP/n-2016.csv")" -eq 2600 ]
	[ "$(mlr --icsv --onidx count "$TMP/n-2021.csv")" -eq 2678 ]
}

@test "samples: 2016, all cán bộ and công chức: 0.8 / 1.0 / 66.4 / 11.7 / 19.6 / 0.0, 0.5 unknown" {
	need cbcc-normalize cbcc-classify-education cbcc-aggregate
	classify 2016
	run cbcc-aggregate -g year -c education_level --cumulative \
	    "$TMP/classified-2016.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2016,education,chua_dao_tao,21,2600,0.8
2016,education,so_cap,26,2600,1.0
2016,education,trung_cap,1726,2600,66.4
2016,education,cao_dang,304,2600,11.7
2016,education,dai_hoc,509,2600,19.6
2016,education,thac_si,1,2600,0.0
2016,education,tien_si,0,2600,0.0
2016,education,unknown,13,2600,0.5
2016,education,so_cap+,2566,2600,98.7
2016,education,trung_cap+,2540,2600,97.7
2016,education,cao_dang+,814,2600,31.3
2016,education,dai_hoc+,510,2600,19.6
2016,education,thac_si+,1,2600,0.0
2016,education,tien_si+,0,2600,0.0"
}

@test "samples: 2021 công chức: 1,279 at 25.6 / 9.5 / 64.7 / 0.2; QLNN 769; LLCT 38.0" {
	need cbcc-normalize cbcc-classify-education cbcc-aggregate
	classify 2021
	run cbcc-aggregate -g year --where staff_type=cong_chuc --cumulative \
	    -c education_level,political_theory_level,state_mgmt_level \
	    "$TMP/classified-2021.csv"
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
2021,political_theory,chua_qua,100,1279,7.8
2021,political_theory,so_cap,450,1279,35.2
2021,political_theory,trung_cap,450,1279,35.2
2021,political_theory,cao_cap,36,1279,2.8
2021,political_theory,unknown,243,1279,19.0
2021,political_theory,so_cap+,936,1279,73.2
2021,political_theory,trung_cap+,486,1279,38.0
2021,political_theory,cao_cap+,36,1279,2.8
2021,state_mgmt,chua_qua,210,1279,16.4
2021,state_mgmt,chuyen_vien,700,1279,54.7
2021,state_mgmt,chuyen_vien_chinh,69,1279,5.4
2021,state_mgmt,chuyen_vien_cao_cap,0,1279,0.0
2021,state_mgmt,unknown,300,1279,23.5
2021,state_mgmt,chuyen_vien+,769,1279,60.1
2021,state_mgmt,chuyen_vien_chinh+,69,1279,5.4
2021,state_mgmt,chuyen_vien_cao_cap+,0,1279,0.0"
}

@test "samples: 2021 also holds the cán bộ, outside the công chức figures" {
	need cbcc-normalize cbcc-classify-education cbcc-aggregate
	classify 2021
	run cbcc-aggregate --records -g year,staff_type "$TMP/classified-2021.csv"
	assert_success
	assert_output "year,staff_type,count
2021,can_bo,1399
2021,cong_chuc,1279"
}

@test "samples: one unit per district however the roster spells it" {
	need cbcc-normalize cbcc-aggregate
	cbcc-normalize "$SAMPLES/roster-2021.csv" >"$TMP/n.csv"
	run cbcc-aggregate --records -g district "$TMP/n.csv"
	assert_success
	assert_output "district,count
Huyện Mường Chà,252
Huyện Mường Nhé,231
Huyện Mường Ảng,210
Huyện Nậm Pồ,314
Huyện Tuần Giáo,399
Huyện Tủa Chùa,252
Huyện Điện Biên,420
Huyện Điện Biên Đông,294
Thành phố Điện Biên Phủ,245
Thị xã Mường Lay,61"
}

@test "samples: training 2021, huyện Điện Biên: 8,672 against a plan of 8,145 = 106.5" {
	need cbcc-aggregate
	run cbcc-aggregate --records -g year,district \
	    --plan "$SAMPLES/plan-2021.csv" "$SAMPLES/training-2021.csv"
	assert_success
	assert_line "2021,Huyện Điện Biên,8672,8145,106.5"
	assert_output "year,district,count,plan,percent_of_plan
2021,Huyện Mường Chà,530,500,106.0
2021,Huyện Mường Nhé,505,560,90.2
2021,Huyện Mường Ảng,450,420,107.1
2021,Huyện Nậm Pồ,615,650,94.6
2021,Huyện Tuần Giáo,820,800,102.5
2021,Huyện Tủa Chùa,470,480,97.9
2021,Huyện Điện Biên,8672,8145,106.5
2021,Huyện Điện Biên Đông,560,600,93.3
2021,Thành phố Điện Biên Phủ,640,600,106.7
2021,Thị xã Mường Lay,210,240,87.5"
}

@test "samples: check-standards on 2021 with the sample standards" {
	need cbcc-normalize cbcc-classify-education cbcc-aggregate mlr
	classify 2021
	run --separate-stderr cbcc-check-standards -a \
	    -s "$SAMPLES/standards.csv" -d "$SAMPLES/difficult-2021.txt" \
	    "$TMP/classified-2021.csv"
	assert_success
	[ -z "$stderr" ]
	printf '%s\n' "$output" >"$TMP/all.csv"
	# Every record comes out once with --all.
	[ "$(mlr --icsv --onidx count "$TMP/all.csv")" -eq 2678 ]
	# Civil servants in the city's wards need dai_hoc: their count below
	# it is the count of trung_cap and cao_dang there (all have a level).
	want=$(mlr --icsv --onidx filter '$staff_type == "cong_chuc" &&
	    $district == "Thành phố Điện Biên Phủ" &&
	    $commune =~ "^(Mường Thanh|Him Lam|Tân Thanh|Thanh Bình|Thanh Trường|Nam Thanh|Noong Bua)$" &&
	    !($position =~ "^(Chỉ huy|CHT)") &&
	    ($education_level == "trung_cap" || $education_level == "cao_dang")' \
	    then count "$TMP/classified-2021.csv")
	got=$(mlr --icsv --onidx filter '$district == "Thành phố Điện Biên Phủ" &&
	    $shortfall =~ "education<dai_hoc"' then count "$TMP/all.csv")
	echo "want $want, got $got"
	[ "$got" -eq "$want" ]
	[ "$got" -gt 0 ]
	# Nobody is without a standard: the table covers every title.
	refute_line --partial ",no_standard"
	run cbcc-aggregate --records -g staff_type,shortfall "$TMP/all.csv"
	assert_success
	assert_line --regexp '^can_bo,ok,[0-9]+$'
	assert_line --regexp '^cong_chuc,ok,[0-9]+$'
	assert_line --regexp '^cong_chuc,state_mgmt<chuyen_vien,[0-9]+$'
}
