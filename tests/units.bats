#!/usr/bin/env bats
# cbcc-units: the unit of the 2025 map each record's commune is or became,
# on Điện Biên's crosswalk (Nghị quyết 1661/NQ-UBTVQH15) and its name traps.

bats_require_minimum_version 1.5.0
load test_helper

X=$TOP/samples/dien-bien-2025-crosswalk.csv
U=$FIX/units

# Records from the lines given, under the header district,commune.
records() {
	printf '%s\n' district,commune "$@" >"$TMP/in.csv"
}

@test "units: the shipped crosswalk has 129 old units in 10 districts and 45 new units" {
	run mlr --icsv --onidx count "$X"
	assert_output 129
	run mlr --icsv --onidx count-distinct -f old_district then count "$X"
	assert_output 10
	run mlr --icsv --onidx count-distinct -f new_unit then count "$X"
	assert_output 45
	# 42 xã and 3 phường; 115 xã, 9 phường and 5 thị trấn before.
	run mlr --icsv --onidx count-distinct -f new_unit then \
	    put '$t = sub($new_unit, " .*", "")' then count -g t "$X"
	assert_output "xã 42
phường 3"
	run mlr --icsv --onidx put '$t = sub($old_unit, "^(xã|phường|thị trấn) .*", "\1")' \
	    then count -g t "$X"
	assert_output "xã 115
thị trấn 5
phường 9"
}

# The records of file $1 (with a column want) through cbcc-units: all $2
# of them get the unit they want, and nothing is said.
wanted() {
	run --separate-stderr cbcc-units -c "$X" --strict "$1"
	assert_success
	[ -z "$stderr" ]
	printf '%s\n' "$output" >"$TMP/got.csv"
	run mlr --icsv --onidx filter '$unit != $want' then count "$TMP/got.csv"
	assert_output 0
	run mlr --icsv --onidx count "$TMP/got.csv"
	assert_output "$2"
}

@test "units: every old unit of the crosswalk becomes its new unit, every new unit itself" {
	# The new unit as normalize writes it: the type word capitalised.
	mlr --icsv --ocsv put '$want = capitalize($new_unit)' then \
	    cut -o -f old_district,old_unit,want then \
	    rename old_district,district,old_unit,commune "$X" >"$TMP/old.csv"
	wanted "$TMP/old.csv" 129
	mlr --icsv --ocsv put '$want = capitalize($new_unit)' then \
	    cut -o -f new_unit,want then uniq -g new_unit,want then \
	    rename new_unit,commune "$X" >"$TMP/new.csv"
	wanted "$TMP/new.csv" 45
}

@test "units: the old thị trấn Mường Chà went into xã Na Sang; the new xã Mường Chà is four Nậm Pồ communes" {
	records 'Huyện Mường Chà,Thị trấn Mường Chà' 'Huyện Mường Chà,Mường Chà' \
	    'Huyện Mường Chà,TT. Mường Chà' ',Xã Mường Chà' ',Mường Chà' \
	    'Huyện Nậm Pồ,Chà Cang' 'Huyện Nậm Pồ,Chà Nưa' 'Huyện Nậm Pồ,Nậm Tin' \
	    'Huyện Nậm Pồ,Pa Tần'
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv"
	assert_success
	[ -z "$stderr" ]
	assert_output "district,commune,unit
Huyện Mường Chà,Thị trấn Mường Chà,Xã Na Sang
Huyện Mường Chà,Mường Chà,Xã Na Sang
Huyện Mường Chà,TT. Mường Chà,Xã Na Sang
,Xã Mường Chà,Xã Mường Chà
,Mường Chà,Xã Mường Chà
Huyện Nậm Pồ,Chà Cang,Xã Mường Chà
Huyện Nậm Pồ,Chà Nưa,Xã Mường Chà
Huyện Nậm Pồ,Nậm Tin,Xã Mường Chà
Huyện Nậm Pồ,Pa Tần,Xã Mường Chà"
}

@test "units: a type word counts when written: no xã Mường Chà in huyện Mường Chà, no thị trấn on the new map" {
	records 'Huyện Mường Chà,Xã Mường Chà' ',Thị trấn Mường Chà' \
	    ',TT Mường Chà' 'Huyện Mường Chà,Phường Mường Chà'
	run --separate-stderr cbcc-units -c "$X" --unmatched "$TMP/um.csv" \
	    "$TMP/in.csv"
	assert_success
	assert_output "district,commune,unit
Huyện Mường Chà,Xã Mường Chà,
,Thị trấn Mường Chà,
,TT Mường Chà,
Huyện Mường Chà,Phường Mường Chà,"
	assert_equal "$stderr" "cbcc-units: 4 records without a unit (no such unit 4)"
	run cat "$TMP/um.csv"
	assert_output "province,district,commune,count,reason,file,line
,,Thị trấn Mường Chà,2,no such unit: Thị trấn Mường Chà among the new units (the new map has Xã Mường Chà; Thị trấn Mường Chà was a unit of Huyện Mường Chà: the record names no district),$TMP/in.csv,3
,Huyện Mường Chà,Xã Mường Chà,1,no such unit: Xã Mường Chà in Huyện Mường Chà (Huyện Mường Chà has Thị trấn Mường Chà),$TMP/in.csv,2
,Huyện Mường Chà,Phường Mường Chà,1,no such unit: Phường Mường Chà in Huyện Mường Chà (Huyện Mường Chà has Thị trấn Mường Chà),$TMP/in.csv,5"
}

@test "units: the old xã Sam Mứn went into xã Thanh An; the new xã Sam Mứn is Pom Lót and Na Ư" {
	records 'Huyện Điện Biên,Sam Mứn' 'Huyện Điện Biên,Xã Sam Mứn' \
	    ',Xã Sam Mứn' ',Sam Mứn' 'Huyện Điện Biên,Pom Lót' \
	    'Huyện Điện Biên,Na Ư' 'Huyện Điện Biên,Thanh An' \
	    'Huyện Điện Biên,Noong Hẹt' ',Thanh An'
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv"
	assert_success
	[ -z "$stderr" ]
	assert_output "district,commune,unit
Huyện Điện Biên,Sam Mứn,Xã Thanh An
Huyện Điện Biên,Xã Sam Mứn,Xã Thanh An
,Xã Sam Mứn,Xã Sam Mứn
,Sam Mứn,Xã Sam Mứn
Huyện Điện Biên,Pom Lót,Xã Sam Mứn
Huyện Điện Biên,Na Ư,Xã Sam Mứn
Huyện Điện Biên,Thanh An,Xã Thanh An
Huyện Điện Biên,Noong Hẹt,Xã Thanh An
,Thanh An,Xã Thanh An"
}

@test "units: the old phường Mường Thanh went into phường Điện Biên Phủ; the new one is Noong Bua, Nam Thanh, Thanh Xương" {
	records 'Thành phố Điện Biên Phủ,Mường Thanh' \
	    'Thành phố Điện Biên Phủ,Phường Mường Thanh' ',Phường Mường Thanh' \
	    ',Mường Thanh' 'Thành phố Điện Biên Phủ,Noong Bua' \
	    'Thành phố Điện Biên Phủ,Nam Thanh' 'Huyện Điện Biên,Thanh Xương' \
	    'Thành phố Điện Biên Phủ,Him Lam' 'Thành phố Điện Biên Phủ,Thanh Minh' \
	    ',Phường Điện Biên Phủ' 'Thành phố Điện Biên Phủ,Xã Mường Thanh'
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv"
	assert_success
	assert_output "district,commune,unit
Thành phố Điện Biên Phủ,Mường Thanh,Phường Điện Biên Phủ
Thành phố Điện Biên Phủ,Phường Mường Thanh,Phường Điện Biên Phủ
,Phường Mường Thanh,Phường Mường Thanh
,Mường Thanh,Phường Mường Thanh
Thành phố Điện Biên Phủ,Noong Bua,Phường Mường Thanh
Thành phố Điện Biên Phủ,Nam Thanh,Phường Mường Thanh
Huyện Điện Biên,Thanh Xương,Phường Mường Thanh
Thành phố Điện Biên Phủ,Him Lam,Phường Điện Biên Phủ
Thành phố Điện Biên Phủ,Thanh Minh,Phường Điện Biên Phủ
,Phường Điện Biên Phủ,Phường Điện Biên Phủ
Thành phố Điện Biên Phủ,Xã Mường Thanh,"
	assert_equal "$stderr" "cbcc-units: 1 record without a unit (no such unit 1); --unmatched FILE lists them"
}

@test "units: the eight new units that join old units of two districts" {
	records 'Huyện Mường Ảng,Mường Đăng' 'Huyện Mường Ảng,Ngối Cáy' \
	    'Thành phố Điện Biên Phủ,Nà Tấu' 'Huyện Mường Nhé,Quảng Lâm' \
	    'Huyện Nậm Pồ,Na Cô Sa' 'Huyện Mường Chà,Mường Mươn' \
	    'Huyện Điện Biên,Mường Pồn' 'Huyện Tủa Chùa,Thị trấn Tủa Chùa' \
	    'Huyện Tuần Giáo,Nà Tòng' 'Huyện Tủa Chùa,Xá Nhè' \
	    'Huyện Tuần Giáo,Phình Sáng' 'Huyện Mường Ảng,Búng Lao' \
	    'Huyện Tuần Giáo,Chiềng Đông' 'Thị xã Mường Lay,Na Lay' \
	    'Huyện Mường Chà,Sá Tổng' 'Huyện Điện Biên,Thanh Xương' \
	    'Huyện Mường Ảng,Nà Tấu' 'Thành phố Điện Biên Phủ,Ngối Cáy'
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv"
	assert_success
	assert_output "district,commune,unit
Huyện Mường Ảng,Mường Đăng,Xã Nà Tấu
Huyện Mường Ảng,Ngối Cáy,Xã Nà Tấu
Thành phố Điện Biên Phủ,Nà Tấu,Xã Nà Tấu
Huyện Mường Nhé,Quảng Lâm,Xã Quảng Lâm
Huyện Nậm Pồ,Na Cô Sa,Xã Quảng Lâm
Huyện Mường Chà,Mường Mươn,Xã Mường Pồn
Huyện Điện Biên,Mường Pồn,Xã Mường Pồn
Huyện Tủa Chùa,Thị trấn Tủa Chùa,Xã Tủa Chùa
Huyện Tuần Giáo,Nà Tòng,Xã Tủa Chùa
Huyện Tủa Chùa,Xá Nhè,Xã Sáng Nhè
Huyện Tuần Giáo,Phình Sáng,Xã Sáng Nhè
Huyện Mường Ảng,Búng Lao,Xã Búng Lao
Huyện Tuần Giáo,Chiềng Đông,Xã Búng Lao
Thị xã Mường Lay,Na Lay,Phường Mường Lay
Huyện Mường Chà,Sá Tổng,Phường Mường Lay
Huyện Điện Biên,Thanh Xương,Phường Mường Thanh
Huyện Mường Ảng,Nà Tấu,
Thành phố Điện Biên Phủ,Ngối Cáy,"
	# Each old unit is found in its own district only.
	assert_equal "$stderr" "cbcc-units: 2 records without a unit (no such unit 2); --unmatched FILE lists them"
	# The crosswalk holds exactly eight such units.
	run mlr --icsv --onidx count-distinct -f new_unit,old_district then \
	    count-distinct -f new_unit then filter '$count == 2' then \
	    cut -f new_unit "$X"
	assert_output "xã Quảng Lâm
xã Mường Pồn
xã Tủa Chùa
xã Sáng Nhè
xã Nà Tấu
xã Búng Lao
phường Mường Lay
phường Mường Thanh"
}

@test "units: names as clerks type them: abbreviations, no type word, NFD, tone placement, case, punctuation" {
	records 'H. Mường Chà,TT. Mường Chà' 'huyện mường chà,tt mường chà' \
	    'Mường Chà,THỊ TRẤN MƯỜNG CHÀ' 'TP. Điện Biên Phủ,P. Mường Thanh' \
	    'TP Điện Biên Phủ,p.mường thanh' 'Điện Biên Phủ,X. Nà Tấu' \
	    ',X. Mường Chà' ',x mường chà' ',XÃ MƯỜNG CHÀ' ',P. Mường Thanh' \
	    "Huyện Tuần Giáo,$(printf 'To\xcc\x89a Ti\xcc\x80nh')" \
	    'Huyện Tuần Giáo,Toả Tình' 'Huyện Tuần Giáo,Xã Tỏa Tình' \
	    "$(printf ',Xa\xcc\x83 Mu\xcc\x9bo\xcc\x9b\xcc\x80ng Cha\xcc\x80')" \
	    'Huyện Nậm Pồ,Si-Pa-Phìn' 'Huyện Nậm Pồ,Si pa phin' \
	    'Huyện Điện Biên Đông,Pú Nhi' 'Huyện Điện Biên Đông,Pu Nhi' \
	    'Huyện Điện Biên Đông,Luân Giới' ',Muong Cha' \
	    '  Huyện   Mường Chà ,  Sa  Lông  ' 'Huyen Dien Bien,Na Tong' \
	    'Huyện Điện Biên Đông,Xa Dung' 'Huyện Điện Biên Đông,Xã Xa Dung' \
	    ',Xa Dung'
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv"
	assert_success
	[ -z "$stderr" ]
	run mlr --icsv --onidx --ofs '|' cut -f unit <(printf '%s\n' "$output")
	assert_output "Xã Na Sang
Xã Na Sang
Xã Na Sang
Phường Điện Biên Phủ
Phường Điện Biên Phủ
Xã Nà Tấu
Xã Mường Chà
Xã Mường Chà
Xã Mường Chà
Phường Mường Thanh
Xã Quài Tở
Xã Quài Tở
Xã Quài Tở
Xã Mường Chà
Xã Si Pa Phìn
Xã Si Pa Phìn
Xã Pu Nhi
Xã Pu Nhi
Xã Mường Luân
Xã Mường Chà
Xã Na Sang
Xã Núa Ngam
Xã Xa Dung
Xã Xa Dung
Xã Xa Dung"
}

@test "units: other names of the crosswalk: the spellings the folding key does not reach" {
	records 'Huyện Điện Biên Đông,Noong U' 'Huyện Điện Biên Đông,Nong U' \
	    'Huyện Mường Nhé,Huổi Lếnh' 'Huyện Mường Nhé,Huổi Lếch' \
	    'Huyện Tủa Chùa,Xín Chải' 'Huyện Tủa Chùa,Xã Xín Chải' \
	    ',Xín Chải' 'Huyện Mường Nhé,Xín Chải'
	run --separate-stderr cbcc-units -c "$X" --unmatched "$TMP/um.csv" \
	    "$TMP/in.csv"
	assert_success
	assert_output "district,commune,unit
Huyện Điện Biên Đông,Noong U,Xã Pu Nhi
Huyện Điện Biên Đông,Nong U,Xã Pu Nhi
Huyện Mường Nhé,Huổi Lếnh,Xã Mường Toong
Huyện Mường Nhé,Huổi Lếch,Xã Mường Toong
Huyện Tủa Chùa,Xín Chải,Xã Sín Chải
Huyện Tủa Chùa,Xã Xín Chải,Xã Sín Chải
,Xín Chải,
Huyện Mường Nhé,Xín Chải,"
	# Other names belong to old units in their district, not to the new map.
	run mlr --icsv --onidx cut -f district,commune,reason "$TMP/um.csv"
	assert_output " Xín Chải no such unit: Xín Chải among the new units (Xã Xín Chải was a unit of Huyện Tủa Chùa: the record names no district)
Huyện Mường Nhé Xín Chải no such unit: Xín Chải in Huyện Mường Nhé"
}

@test "units: exact names first, then the folding key, each only when one unit answers" {
	# A made-up crosswalk: two units whose names differ by tones alone, a
	# town and a commune of one name that became one unit, and a town and
	# a commune of one name that became two.
	records 'Huyện Phong Sơn,Nà Tòng' 'H. Phong Sơn,na tông' \
	    'Huyện Phong Sơn,Na Tong' ',Nà Tòng' ',Na Tong' \
	    'Huyện Thanh Hà,Hòa Bình' 'Huyện Thanh Hà,Yên Thế' \
	    'Huyện Thanh Hà,TT. Yên Thế' 'Huyện Thanh Hà,Xã Yên Thế' \
	    ',Yên Thế' ',X. Yên Thế' 'Thị xã Thanh Hà,Yên Thế' 'Thanh Hà,Tân Lập'
	run --separate-stderr cbcc-units -c "$U/ambiguous.csv" \
	    --unmatched "$TMP/um.csv" "$TMP/in.csv"
	assert_success
	assert_output "district,commune,unit
Huyện Phong Sơn,Nà Tòng,Xã Nà Tòng
H. Phong Sơn,na tông,Xã Na Tông
Huyện Phong Sơn,Na Tong,
,Nà Tòng,Xã Nà Tòng
,Na Tong,
Huyện Thanh Hà,Hòa Bình,Xã Hòa Bình
Huyện Thanh Hà,Yên Thế,
Huyện Thanh Hà,TT. Yên Thế,Xã Đồng Tâm
Huyện Thanh Hà,Xã Yên Thế,Xã Yên Thế
,Yên Thế,
,X. Yên Thế,Xã Yên Thế
Thị xã Thanh Hà,Yên Thế,Phường Yên Thế
Thanh Hà,Tân Lập,"
	assert_equal "$stderr" "cbcc-units: 5 records without a unit (ambiguous district 1, ambiguous 4)"
	run mlr --icsv --onidx --ofs '|' cut -f district,commune,reason "$TMP/um.csv"
	assert_output "Huyện Phong Sơn|Na Tong|ambiguous: Na Tong in Huyện Phong Sơn is Xã Na Tông (now Xã Na Tông) or Xã Nà Tòng (now Xã Nà Tòng)
|Na Tong|ambiguous: Na Tong among the new units is Xã Na Tông or Xã Nà Tòng
Huyện Thanh Hà|Yên Thế|ambiguous: Yên Thế in Huyện Thanh Hà is Thị trấn Yên Thế (now Xã Đồng Tâm) or Xã Yên Thế (now Xã Yên Thế)
|Yên Thế|ambiguous: Yên Thế among the new units is Xã Yên Thế or Phường Yên Thế
Thanh Hà|Tân Lập|ambiguous district: Thanh Hà is Huyện Thanh Hà or Thị xã Thanh Hà"
}

@test "units: a province column narrows the lookup when the crosswalk has provinces" {
	# Made up: Lai Châu has no huyện Mường Chà; the rows test provinces.
	printf '%s\n' province,district,commune 'Lai Châu,Huyện Mường Chà,Mường Chà' \
	    'Điện Biên,Huyện Mường Chà,Mường Chà' ',Huyện Mường Chà,Mường Chà' \
	    ',,Xã Mường Chà' 'Tỉnh Lai Châu,,Mường Chà' 'Sơn La,,Mường Chà' \
	    >"$TMP/in.csv"
	run --separate-stderr cbcc-units -c "$U/provinces.csv" \
	    --unmatched "$TMP/um.csv" "$TMP/in.csv"
	assert_success
	assert_output "province,district,commune,unit
Lai Châu,Huyện Mường Chà,Mường Chà,Xã Mường Chà
Điện Biên,Huyện Mường Chà,Mường Chà,Xã Na Sang
,Huyện Mường Chà,Mường Chà,
,,Xã Mường Chà,
Tỉnh Lai Châu,,Mường Chà,Xã Mường Chà
Sơn La,,Mường Chà,"
	run mlr --icsv --onidx --ofs '|' cut -f province,reason "$TMP/um.csv"
	assert_output "|ambiguous: Mường Chà in Huyện Mường Chà is Thị trấn Mường Chà of Tỉnh Điện Biên (now Xã Na Sang) or Xã Mường Chà of Tỉnh Lai Châu (now Xã Mường Chà)
|ambiguous: Xã Mường Chà among the new units is Xã Mường Chà of Tỉnh Điện Biên or Xã Mường Chà of Tỉnh Lai Châu
Tỉnh Sơn La|no such province: Tỉnh Sơn La"
	# Without provinces in the crosswalk, the record's province is not used.
	records 'Huyện Mường Chà,Mường Chà'
	mlr --icsv --ocsv put '$province = "Sơn La"' "$TMP/in.csv" >"$TMP/p.csv"
	run cbcc-units -c "$X" "$TMP/p.csv"
	assert_output "district,commune,province,unit
Huyện Mường Chà,Mường Chà,Sơn La,Xã Na Sang"
}

@test "units: --unmatched lists each name once, most records first, with the first file and line" {
	records ',Chà Cang' 'Huyện Xyz,Nà Tấu' ',Chà Cang' ',' 'Huyện Nậm Pồ,Chà Cang' \
	    ',xã chà cang' ',Chà Cang'
	run --separate-stderr cbcc-units -c "$X" --unmatched "$TMP/um.csv" \
	    "$TMP/in.csv"
	assert_success
	assert_equal "$stderr" "cbcc-units: 6 records without a unit (no commune 1, no such district 1, no such unit 4)"
	run cat "$TMP/um.csv"
	assert_output "province,district,commune,count,reason,file,line
,,Chà Cang,3,no such unit: Chà Cang among the new units (Xã Chà Cang was a unit of Huyện Nậm Pồ: the record names no district),$TMP/in.csv,2
,Huyện Xyz,Nà Tấu,1,no such district: Huyện Xyz,$TMP/in.csv,3
,,,1,no commune,$TMP/in.csv,5
,,Xã Chà Cang,1,no such unit: Xã Chà Cang among the new units (Xã Chà Cang was a unit of Huyện Nậm Pồ: the record names no district),$TMP/in.csv,7"
	# Every record is written, with or without a unit.
	assert_equal "$(mlr --icsv --onidx count <(cbcc-units -c "$X" "$TMP/in.csv" 2>/dev/null))" 7
}

@test "units: --unmatched lists 10000 names at most, and counts the others on one line" {
	{ echo commune; seq 10003 | sed 's/^/Không Có /'; echo 'Không Có 1'; } >"$TMP/in.csv"
	run --separate-stderr cbcc-units -c "$X" --unmatched "$TMP/um.csv" \
	    "$TMP/in.csv"
	assert_success
	assert_equal "$stderr" "cbcc-units: 10004 records without a unit (no such unit 10004)"
	run mlr --icsv --onidx count "$TMP/um.csv"
	assert_output 10001
	run sed -n '2p;$p' "$TMP/um.csv"
	assert_output ",,Không Có 1,2,no such unit: Không Có 1 among the new units,$TMP/in.csv,2
,,,3,\"names past the first 10000, not listed\",,"
}

@test "units: --strict makes the first record without a unit fatal" {
	records 'Huyện Nậm Pồ,Chà Cang' ',Chà Cang'
	run --separate-stderr cbcc-units -c "$X" --strict "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: $TMP/in.csv:3: no such unit: Chà Cang among the new units (Xã Chà Cang was a unit of Huyện Nậm Pồ: the record names no district)"
	records 'Huyện Nậm Pồ,Chà Cang'
	run --separate-stderr cbcc-units -c "$X" --strict "$TMP/in.csv"
	assert_success
	assert_output "district,commune,unit
Huyện Nậm Pồ,Chà Cang,Xã Mường Chà"
}

@test "units: a unit column is replaced in place; twice is once" {
	printf '%s\n' 'commune,unit,full_name' 'Mường Chà,Xã Cũ,A' 'Sam Mứn,,B' \
	    >"$TMP/in.csv"
	run cbcc-units -c "$X" "$TMP/in.csv"
	assert_success
	assert_output "commune,unit,full_name
Mường Chà,Xã Mường Chà,A
Sam Mứn,Xã Sam Mứn,B"
	cbcc-units -c "$X" "$TMP/in.csv" >"$TMP/once.csv"
	run cbcc-units -c "$X" "$TMP/once.csv"
	assert_output "$(cat "$TMP/once.csv")"
}

@test "units: --format tsv and jsonl, --excel, standard input and several files" {
	records ',Mường Chà'
	run cbcc-units -c "$X" --format jsonl <"$TMP/in.csv"
	assert_output '{"district":"","commune":"Mường Chà","unit":"Xã Mường Chà"}'
	run cbcc-units -c "$X" --format tsv - <"$TMP/in.csv"
	assert_output "$(printf 'district\tcommune\tunit\n\tMường Chà\tXã Mường Chà')"
	run cbcc-units -c "$X" --excel "$TMP/in.csv"
	assert_output "$(printf '\xef\xbb\xbfdistrict,commune,unit\r\n,Mường Chà,Xã Mường Chà\r')"
	printf '%s\n' district,commune 'Huyện Mường Chà,Mường Chà' >"$TMP/b.csv"
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv" - <"$TMP/b.csv"
	assert_success
	assert_output "district,commune,unit
,Mường Chà,Xã Mường Chà
Huyện Mường Chà,Mường Chà,Xã Na Sang"
}

@test "units: a later file with another header is skipped, status 1" {
	records ',Mường Chà'
	printf '%s\n' commune 'Sam Mứn' >"$TMP/b.csv"
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv" "$TMP/b.csv" \
	    "$TMP/in.csv"
	assert_failure 1
	assert_output "district,commune,unit
,Mường Chà,Xã Mường Chà
,Mường Chà,Xã Mường Chà"
	assert_equal "$stderr" "cbcc-units: $TMP/b.csv:1: header differs from the first file's; file skipped"
}

@test "units: ragged and unparseable records are rejected: rows in = rows out + rejects" {
	printf '%s\n' district,commune 'Huyện Mường Chà,Mường Chà' 'x' \
	    'a,b,c' ',"Sam "Mứn' ',Sam Mứn' >"$TMP/in.csv"
	run --separate-stderr cbcc-units -c "$X" --rejects "$TMP/rej.csv" \
	    "$TMP/in.csv"
	assert_success
	assert_output "district,commune,unit
Huyện Mường Chà,Mường Chà,Xã Na Sang
,Sam Mứn,Xã Sam Mứn"
	run mlr --icsv --onidx --ofs '|' cut -f line,reason "$TMP/rej.csv"
	assert_output "3|ragged: 1 field, header has 2
4|ragged: 3 fields, header has 2
5|bad quoting: text after a closing quote, or a stray quote beside a quoted field"
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv"
	assert_equal "$stderr" "cbcc-units: 3 records rejected (ragged 2, bad quoting 1); --rejects FILE keeps them"
	run --separate-stderr cbcc-units -c "$X" --strict "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: $TMP/in.csv:3: ragged: 1 field, header has 2"
}

@test "units: an input without a commune column is an error" {
	printf '%s\n' district,full_name 'Huyện Mường Chà,A' >"$TMP/in.csv"
	run --separate-stderr cbcc-units -c "$X" "$TMP/in.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: $TMP/in.csv:1: no column commune"
}

@test "units: faults of the crosswalk are errors that name its line" {
	local c=$TMP/cw.csv
	cw() {
		printf '%s\n' "$@" >"$c"
		run --separate-stderr cbcc-units -c "$c" /dev/null
		assert_failure 1
		assert_output ""
	}
	cw 'new_unit,old_unit,district' 'xã A,xã B,huyện C'
	assert_equal "$stderr" "cbcc-units: $c:1: no column old_district (a crosswalk names new_unit, old_unit and old_district)"
	cw 'new_unit,old_unit,old_district' 'xã A,xã B,huyện C' 'xã D,xã B,huyện C'
	assert_equal "$stderr" "cbcc-units: $c:3: Xã B of Huyện C mapped to two new units: Xã A (line 2) and Xã D"
	cw 'new_unit,old_unit,old_district' 'xã A,xã B,huyện C' 'xã A,X. b,Huyện C'
	assert_equal "$stderr" "cbcc-units: $c:3: Xã B of Huyện C repeated (first at line 2)"
	cw 'new_unit,old_unit,old_district,other_names' 'xã A,xã B,huyện C,' \
	    'xã D,xã E,huyện C,B'
	assert_equal "$stderr" "cbcc-units: $c:3: Xã B of Huyện C mapped to two new units: Xã A (line 2) and Xã D"
	cw 'new_unit,old_unit,old_district' 'xã A,B,huyện C'
	assert_equal "$stderr" "cbcc-units: $c:2: old_unit 'B' has no type word (xã, phường, thị trấn)"
	cw 'new_unit,old_unit,old_district' 'A,xã B,huyện C'
	assert_equal "$stderr" "cbcc-units: $c:2: new_unit 'A' has no type word (xã, phường, thị trấn)"
	cw 'new_unit,old_unit,old_district' 'xã A,xã B, '
	assert_equal "$stderr" "cbcc-units: $c:2: empty old_district"
	cw 'new_unit,old_unit,old_district' 'xã A,,huyện C'
	assert_equal "$stderr" "cbcc-units: $c:2: empty old_unit"
	cw 'province,new_unit,old_unit,old_district' ',xã A,xã B,huyện C'
	assert_equal "$stderr" "cbcc-units: $c:2: empty province"
	cw 'new_unit,old_unit,old_district' 'xã A,xã B'
	assert_equal "$stderr" "cbcc-units: $c:2: 2 fields, the header has 3"
	cw 'new_unit,old_unit,old_district' 'xã A,"xã B,huyện C'
	assert_equal "$stderr" "cbcc-units: $c:2: unterminated quoted field"
	cw 'new_unit,old_unit,old_district'
	assert_equal "$stderr" "cbcc-units: $c: no rows after the header"
	: >"$c"
	run --separate-stderr cbcc-units -c "$c" /dev/null
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: $c: empty (no header)"
	run --separate-stderr cbcc-units -c "$TMP/none.csv" /dev/null
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: $TMP/none.csv: No such file or directory"
}

@test "units: usage errors, --help and --version" {
	run --separate-stderr cbcc-units /dev/null
	assert_failure 2
	assert_equal "$stderr" "cbcc-units: --crosswalk FILE is required
usage: cbcc-units -c crosswalk [--unmatched file] [--format fmt] [--rejects file]
                  [--strict] [--excel] [file ...]"
	run --separate-stderr cbcc-units -c "$X" --format xml /dev/null
	assert_failure 2
	run --separate-stderr cbcc-units -c "$X" --bogus /dev/null
	assert_failure 2
	run cbcc-units --help
	assert_success
	assert_line --index 0 "usage: cbcc-units -c crosswalk [--unmatched file] [--format fmt] [--rejects file]"
	assert_line --index 2 "See the manual page cbcc-units(1)."
	run cbcc-units --version
	assert_output "cbcc-units 0.1.0"
}

@test "units: a full disk fails loudly, a closed pipe ends it quietly, a missing input is status 1" {
	cbcc-normalize "$TOP/samples/roster-2021.csv" 2>/dev/null >"$TMP/n.csv"
	run --separate-stderr bash -c "cbcc-units -c '$X' '$TMP/n.csv' >/dev/full"
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: write error on standard output: No space left on device"
	run --separate-stderr bash -c "cbcc-units -c '$X' --unmatched /dev/full '$TMP/n.csv' >/dev/null"
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: write error on /dev/full: No space left on device"
	run --separate-stderr bash -c "set -o pipefail; cbcc-units -c '$X' '$TMP/n.csv' | head -1"
	assert_success
	[ -z "$stderr" ]
	assert_output "year,district,commune,full_name,gender,birth_year,ethnicity,staff_type,position,education,political_theory,state_mgmt,it_skill,foreign_language,party_member,stt,unit"
	run --separate-stderr cbcc-units -c "$X" "$TMP/none.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-units: $TMP/none.csv: No such file or directory"
}

@test "units: the 2021 and the 2026 samples get a unit for every record, on 45 units" {
	local y
	for y in 2021 2026; do
		cbcc-normalize "$TOP/samples/roster-$y.csv" 2>/dev/null >"$TMP/n.csv"
		run --separate-stderr cbcc-units -c "$X" --strict "$TMP/n.csv"
		assert_success
		[ -z "$stderr" ]
		printf '%s\n' "$output" >"$TMP/u-$y.csv"
		run mlr --icsv --onidx filter '$unit == ""' then count "$TMP/u-$y.csv"
		assert_output 0
		run mlr --icsv --onidx count-distinct -f unit then count "$TMP/u-$y.csv"
		assert_output 45
	done
	# The 2021 roster names its old communes under their districts, the
	# 2026 one its new communes without: the same 45 units.
	diff <(mlr --icsv --onidx sort -f unit then uniq -g unit "$TMP/u-2021.csv") \
	    <(mlr --icsv --onidx sort -f unit then uniq -g unit "$TMP/u-2026.csv")
}

@test "units: aggregating the 2021 records by unit = merging the per-commune aggregates along the crosswalk" {
	cbcc-normalize "$TOP/samples/roster-2021.csv" 2>/dev/null |
	    cbcc-classify-education >"$TMP/cls.csv"
	# By unit, through cbcc-units.
	cbcc-units -c "$X" "$TMP/cls.csv" |
	    cbcc-aggregate -g year,unit >"$TMP/by-unit.csv"
	# Per old commune, then each commune's rows given its new unit by the
	# crosswalk itself (its names and other names, as the roster writes
	# them: the district's type word capitalised, the commune bare) and
	# merged.
	cbcc-aggregate -g year,district,commune "$TMP/cls.csv" >"$TMP/by-commune.csv"
	awk -F, 'NR > 1 {
		n = split($4, o, "|"); o[0] = $2
		for (i = 0; i <= n; i++) {
			c = o[i]; sub(/^(xã|phường|thị trấn) /, "", c)
			print $3 "," c "," $1
		}
	}' "$X" | sed 's/^huyện/Huyện/; s/^thành phố/Thành phố/; s/^thị xã/Thị xã/
	    s/,xã \([^,]*\)$/,Xã \1/; s/,phường \([^,]*\)$/,Phường \1/' |
	    { echo district,commune,unit; cat; } >"$TMP/map.csv"
	run mlr --icsv --onidx join --np --ur -j district,commune \
	    -f "$TMP/map.csv" then count "$TMP/by-commune.csv"
	assert_output 0	# every commune has its row in the crosswalk
	mlr --icsv --ocsv join -j district,commune -f "$TMP/map.csv" \
	    "$TMP/by-commune.csv" |
	    cbcc-aggregate --merge -g year,unit >"$TMP/merged.csv"
	cmp "$TMP/by-unit.csv" "$TMP/merged.csv"
	[ "$(mlr --icsv --onidx count-distinct -f unit then count "$TMP/merged.csv")" -eq 45 ]
	# And toàn tỉnh, the sum over the units is the whole.
	cbcc-aggregate --merge -g year "$TMP/merged.csv" >"$TMP/province.csv"
	cmp "$TMP/province.csv" <(cbcc-aggregate -g year "$TMP/cls.csv")
}
