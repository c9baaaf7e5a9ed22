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
	    plan-2021.csv standards.csv difficult-2021.txt roster-2026.csv; do
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
	for f in "$SAMPLES"/roster-2016.csv "$SAMPLES"/roster-2021.csv; do
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
	# Cán bộ: no rule of the table is in force before 2022.
	assert_equal "$stderr" "cbcc-check-standards: 2021: 1399 records, no standard in force"
	printf '%s\n' "$output" >"$TMP/all.csv"
	# Every record comes out once with --all.
	[ "$(mlr --icsv --onidx count "$TMP/all.csv")" -eq 2678 ]
	# Civil servants in the city's wards need dai_hoc (Thông tư 13/2019):
	# their count below it is the count of trung_cap and cao_dang there
	# (all have a level).
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
	run cbcc-aggregate --records -g staff_type,shortfall "$TMP/all.csv"
	assert_success
	assert_output "staff_type,shortfall,count
can_bo,no_standard,1399
cong_chuc,education<dai_hoc,10
cong_chuc,education<dai_hoc;it_skill=unknown,4
cong_chuc,exempt,128
cong_chuc,it_skill=unknown,197
cong_chuc,ok,940"
}

@test "samples: check-standards on 2016 judges by the 2016 rules (trung cấp, Thông tư 06/2012)" {
	need cbcc-normalize cbcc-classify-education cbcc-aggregate
	classify 2016
	run --separate-stderr cbcc-check-standards \
	    -s "$SAMPLES/standards.csv" -d "$SAMPLES/difficult-2021.txt" \
	    "$TMP/classified-2016.csv"
	assert_success
	assert_equal "$stderr" "cbcc-check-standards: 2016: 1410 records, no standard in force"
	printf '%s\n' "$output" >"$TMP/below.csv"
	# Below the trung cấp rule: the civil servants but the police chief
	# and the military commander (their own law) with less than trung cấp
	# or no known qualification.
	want=$(mlr --icsv --onidx filter '$staff_type == "cong_chuc" &&
	    !($position =~ "^(Trưởng Công an|Chỉ huy|CHT)") &&
	    ($education_level == "chua_dao_tao" || $education_level == "so_cap" ||
	    $education_level == "unknown")' then count "$TMP/classified-2016.csv")
	got=$(mlr --icsv --onidx filter '$staff_type == "cong_chuc"' \
	    then count "$TMP/below.csv")
	echo "want $want, got $got"
	[ "$got" -eq "$want" ]
	run mlr --icsv --ocsv count -g shortfall then sort -f shortfall \
	    "$TMP/below.csv"
	assert_output "shortfall,count
education<trung_cap,17
education=unknown,7
no_standard,1410"
	# Nobody of 2016 is held to the later đại học or IT rules.
	refute_output --partial "dai_hoc"
	refute_output --partial "it_skill"
	# The 129 police chiefs of 2016 are not judged by the đại học rule.
	cbcc-check-standards -a -s "$SAMPLES/standards.csv" \
	    "$TMP/classified-2016.csv" >"$TMP/all.csv" 2>/dev/null
	run mlr --icsv --onidx filter '$position == "Trưởng Công an"' \
	    then count-distinct -f shortfall "$TMP/all.csv"
	assert_output "exempt 129"
}

# 2026: the 45 communes of the 2025 map (samples/README.md).

X=$SAMPLES/dien-bien-2025-crosswalk.csv

@test "samples: roster-2026 is a 2026 export: no district, the commune with its type word, Vị trí việc làm and Ngạch" {
	run sed -n '1p;4p;5p;$p' "$SAMPLES/roster-2026.csv"
	assert_output $'\xef\xbb\xbf"DANH SÁCH CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM 2026",,,,,,,,,,,,,,,,\r
STT,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Đảng viên,Cán bộ/Công chức,Chức vụ,Vị trí việc làm,Ngạch,Trình độ chuyên môn,Lý luận chính trị,Quản lý nhà nước,Tin học,Ngoại ngữ,Xã/Phường,Năm\r
1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\r
,Tổng cộng,,,,,,,,,,,,,,,\r'
	# The communes as the exports write them: in full, abbreviated, bare.
	grep -q ',Xã Mường Chà,2026' "$SAMPLES/roster-2026.csv"
	grep -q ',xã Mường Chà,2026' "$SAMPLES/roster-2026.csv"
	grep -q ',X\. Mường Chà,2026' "$SAMPLES/roster-2026.csv"
	grep -q ',Mường Chà,2026' "$SAMPLES/roster-2026.csv"
	grep -q ',P\. Mường Thanh,2026' "$SAMPLES/roster-2026.csv"
	LC_ALL=C grep -q $'[aeiouy]\xcc[\x80\x81\x83\x89\xa3]' "$SAMPLES/roster-2026.csv"
	grep -q 'Hoà\|Thuỷ\|uỷ' "$SAMPLES/roster-2026.csv"
}

@test "samples: 2026: 2,408 records, 715 cán bộ and 1,693 công chức, rows in = rows out + rejects" {
	need cbcc-normalize cbcc-classify-education cbcc-aggregate recdump-tool
	cbcc-normalize --rejects "$TMP/rej.csv" "$SAMPLES/roster-2026.csv" \
	    >"$TMP/n.csv"
	in=$(($(recdump-tool --format jsonl "$SAMPLES/roster-2026.csv" |
	    wc -l) + 1))
	run mlr --icsv --onidx --ofs ' ' cut -o -f line,reason "$TMP/rej.csv"
	assert_output "1 title
2 title
3 blank
5 numbering
$in total"
	[ "$in" -eq $((1 + 2408 + 5)) ]
	# No district: the 2026 exports have none; the ngạch is not QLNN.
	run head -1 "$TMP/n.csv"
	assert_output "year,commune,full_name,gender,birth_year,ethnicity,staff_type,position,education,political_theory,state_mgmt,it_skill,foreign_language,party_member,stt,vi_tri_viec_lam,ngach"
	cbcc-classify-education "$TMP/n.csv" >"$TMP/c.csv"
	run cbcc-aggregate --records -g year,staff_type "$TMP/c.csv"
	assert_output "year,staff_type,count
2026,can_bo,715
2026,cong_chuc,1693"
}

@test "samples: 2026 công chức: 1,693 at 13.1 / 12.8 / 71.5 / 2.6; QLNN 1,184; LLCT 55.6" {
	need cbcc-normalize cbcc-classify-education cbcc-aggregate
	classify 2026
	run cbcc-aggregate -g year --where staff_type=cong_chuc --cumulative \
	    -c education_level,political_theory_level,state_mgmt_level \
	    "$TMP/classified-2026.csv"
	assert_success
	assert_output "year,dimension,level,count,total,percent
2026,education,chua_dao_tao,0,1693,0.0
2026,education,so_cap,0,1693,0.0
2026,education,trung_cap,222,1693,13.1
2026,education,cao_dang,217,1693,12.8
2026,education,dai_hoc,1210,1693,71.5
2026,education,thac_si,44,1693,2.6
2026,education,tien_si,0,1693,0.0
2026,education,so_cap+,1693,1693,100.0
2026,education,trung_cap+,1693,1693,100.0
2026,education,cao_dang+,1471,1693,86.9
2026,education,dai_hoc+,1254,1693,74.1
2026,education,thac_si+,44,1693,2.6
2026,education,tien_si+,0,1693,0.0
2026,political_theory,chua_qua,110,1693,6.5
2026,political_theory,so_cap,423,1693,25.0
2026,political_theory,trung_cap,871,1693,51.4
2026,political_theory,cao_cap,71,1693,4.2
2026,political_theory,unknown,218,1693,12.9
2026,political_theory,so_cap+,1365,1693,80.6
2026,political_theory,trung_cap+,942,1693,55.6
2026,political_theory,cao_cap+,71,1693,4.2
2026,state_mgmt,chua_qua,184,1693,10.9
2026,state_mgmt,chuyen_vien,1049,1693,62.0
2026,state_mgmt,chuyen_vien_chinh,135,1693,8.0
2026,state_mgmt,chuyen_vien_cao_cap,0,1693,0.0
2026,state_mgmt,unknown,325,1693,19.2
2026,state_mgmt,chuyen_vien+,1184,1693,69.9
2026,state_mgmt,chuyen_vien_chinh+,135,1693,8.0
2026,state_mgmt,chuyen_vien_cao_cap+,0,1693,0.0"
}

@test "samples: 2026 titles: one set of cadres per commune, the mass organisations' heads vice-chairs of the Front" {
	need cbcc-normalize
	cbcc-normalize "$SAMPLES/roster-2026.csv" 2>/dev/null >"$TMP/n.csv"
	run mlr --icsv --onidx --ofs '|' filter '$staff_type == "can_bo"' then \
	    count -g position then sort -f position "$TMP/n.csv"
	assert_output "Bí thư Đảng ủy|45
Chủ nhiệm Ủy ban Kiểm tra Đảng ủy|38
Chủ tịch HĐND|45
Chủ tịch Ủy ban MTTQ Việt Nam|45
Phó Bí thư Thường trực Đảng ủy|45
Phó Bí thư Đảng ủy, Chủ tịch UBND|45
Phó Chủ tịch HĐND|45
Phó Chủ tịch UBND|90
Phó Chủ tịch Ủy ban MTTQ Việt Nam|55
Phó Chủ tịch Ủy ban MTTQ Việt Nam, Bí thư Đoàn TNCS Hồ Chí Minh|44
Phó Chủ tịch Ủy ban MTTQ Việt Nam, Chủ tịch Hội Cựu chiến binh|45
Phó Chủ tịch Ủy ban MTTQ Việt Nam, Chủ tịch Hội LHPN|44
Phó Chủ tịch Ủy ban MTTQ Việt Nam, Chủ tịch Hội Nông dân|42
Trưởng Ban Kinh tế - Ngân sách HĐND|45
Trưởng Ban Văn hóa - Xã hội HĐND|42"
	# Civil servants by department and job position, on a ngạch.
	run mlr --icsv --onidx --ofs '|' filter '$staff_type == "cong_chuc"' then \
	    count -g ngach then sort -f ngach "$TMP/n.csv"
	assert_output "|109
Chuyên viên|1184
Cán sự|400"
	! grep -q 'Văn phòng - Thống kê\|Trưởng Công an' "$TMP/n.csv"
}

@test "samples: 2026 against 2021: the same people under their new units, the retired gone, newcomers" {
	need cbcc-normalize cbcc-units
	local y k=unit,full_name,gender,birth_year
	for y in 2021 2026; do
		cbcc-normalize "$SAMPLES/roster-$y.csv" 2>/dev/null |
		    cbcc-units -c "$X" --strict >"$TMP/u-$y.csv"
	done
	# 2,028 of 2026's 2,408 are found under the new unit of their 2021
	# commune (same name, gender, birth year); 380 are new (district staff
	# moved to the communes, recruits); 649 of 2021's 2,678 are gone.
	run mlr --icsv --onidx join --np --ur -j $k -f "$TMP/u-2021.csv" \
	    then count "$TMP/u-2026.csv"
	assert_output 380
	run mlr --icsv --onidx join --np --ul -j $k -f "$TMP/u-2021.csv" \
	    then count "$TMP/u-2026.csv"
	assert_output 649
	# Nobody is past the retirement age at the end of 2026 (Decree
	# 135/2020: men 61 years 6 months, women 57 years).
	run mlr --icsv --onidx --ofs ' ' stats1 -a min -f birth_year -g gender \
	    then sort -f gender "$TMP/u-2026.csv"
	assert_output "nam 1965
nu 1970"
	# Nobody born before 1965 (men) or 1970 (women) in 2021 is found in
	# 2026, and there were 328 of them.
	run mlr --icsv --onidx filter '($gender == "nam" && $birth_year < 1965) ||
	    ($gender == "nu" && $birth_year < 1970)' then count "$TMP/u-2021.csv"
	assert_output 328
	run mlr --icsv --onidx filter '($gender == "nam" && $birth_year < 1965) ||
	    ($gender == "nu" && $birth_year < 1970)' then \
	    join -j $k -f "$TMP/u-2026.csv" then count "$TMP/u-2021.csv"
	assert_output 0
}

@test "samples: 2021 → 2026 toàn tỉnh and for the units of the name traps" {
	need cbcc-normalize cbcc-units cbcc-classify-education cbcc-aggregate cbcc-diff-years
	local y
	for y in 2021 2026; do
		cbcc-normalize "$SAMPLES/roster-$y.csv" 2>/dev/null |
		    cbcc-units -c "$X" | cbcc-classify-education >"$TMP/c-$y.csv"
	done
	cbcc-aggregate -g year --where staff_type=cong_chuc -c education_level \
	    "$TMP/c-2021.csv" "$TMP/c-2026.csv" | cbcc-diff-years >"$TMP/d.csv"
	run cat "$TMP/d.csv"
	assert_output "dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
education,chua_dao_tao,2021,2026,0,0,0.0,0.0,0,0.0
education,so_cap,2021,2026,0,0,0.0,0.0,0,0.0
education,trung_cap,2021,2026,327,222,25.6,13.1,-105,-12.5
education,cao_dang,2021,2026,122,217,9.5,12.8,95,3.3
education,dai_hoc,2021,2026,827,1210,64.7,71.5,383,6.8
education,thac_si,2021,2026,3,44,0.2,2.6,41,2.4
education,tien_si,2021,2026,0,0,0.0,0.0,0,0.0"
	run cbcc-aggregate --records -g year,unit "$TMP/c-2021.csv" "$TMP/c-2026.csv"
	assert_success
	printf '%s\n' "$output" >"$TMP/r.csv"
	run grep -E ',(Xã Mường Chà|Xã Na Sang|Xã Sam Mứn|Xã Thanh An|Phường Mường Thanh|Phường Điện Biên Phủ|Xã Nà Tấu),' "$TMP/r.csv"
	assert_output "2021,Phường Mường Thanh,61
2021,Phường Điện Biên Phủ,121
2021,Xã Mường Chà,84
2021,Xã Na Sang,84
2021,Xã Nà Tấu,63
2021,Xã Sam Mứn,42
2021,Xã Thanh An,63
2026,Phường Mường Thanh,50
2026,Phường Điện Biên Phủ,98
2026,Xã Mường Chà,69
2026,Xã Na Sang,63
2026,Xã Nà Tấu,53
2026,Xã Sam Mứn,40
2026,Xã Thanh An,59"
	[ "$(grep -c '^2021,' "$TMP/r.csv")" -eq 45 ]
	[ "$(grep -c '^2026,' "$TMP/r.csv")" -eq 45 ]
	# The README's per-unit example.
	cbcc-aggregate -g year,unit --where staff_type=cong_chuc \
	    -c education_level "$TMP/c-2021.csv" "$TMP/c-2026.csv" |
	    cbcc-diff-years | grep '^Xã Mường Chà' >"$TMP/muong-cha.csv"
	grep -A 20 "grep '^Xã Mường Chà'" "$TOP/README.md" | sed -n '2,8p' |
	    sed 's/^    //' | cmp - "$TMP/muong-cha.csv"
}

@test "samples: the 2026 workbook is what mkxlsx-tool makes from the CSV, and gives its records" {
	need cbcc-normalize mkxlsx-tool xlsxdump-tool
	mkxlsx-tool -m A1:Q1 -m A2:Q2 -s "Danh sách 2026" "$TMP/r.xlsx" \
	    "$SAMPLES/roster-2026.csv"
	xlsxdump-tool "$SAMPLES/roster-2026.xlsx" 1 >"$TMP/committed.csv"
	run xlsxdump-tool "$TMP/r.xlsx" 1
	assert_output "$(cat "$TMP/committed.csv")"
	cbcc-normalize "$SAMPLES/roster-2026.csv" >"$TMP/csv.out" 2>/dev/null
	run --separate-stderr cbcc-normalize "$SAMPLES/roster-2026.xlsx"
	assert_success
	assert_output "$(cat "$TMP/csv.out")"
	assert_equal "$stderr" 'cbcc-normalize: 4 records rejected (title 2, numbering 1, total 1); --rejects FILE keeps them'
}
