#!/usr/bin/env bats
# scripts/cbcc-indicators: the whole chain into one directory, atomically,
# one run at a time, quiet on success.  A stand-in cbcc-normalize (the
# fixture roster is already canonical) keeps these tests about the runner;
# the last test runs the real chain on the samples.
bats_require_minimum_version 1.5.0
load test_helper

I=$BATS_TEST_DIRNAME/fixtures/indicators

# run_ind ARGS...: the runner on the fixture roster into $TMP/out.
run_ind() {
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -t "$I/training.csv" \
	    -p "$I/plan.csv" -o "$TMP/out" "$@" "$I/canonical.csv"
}

@test "indicators: every product, nothing on stdout or stderr" {
	run_ind
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	run ls "$TMP/out"
	assert_output "aggregate-district.csv
aggregate-staff-type.csv
aggregate.csv
classified.csv
diff-district.csv
diff-staff-type.csv
diff.csv
normalized.csv
rejects.csv
report-district.txt
report.html
report.txt
report.xlsx
shortfall.csv
training.csv
unmatched.csv
warnings.txt"
	run ls "$TMP"
	assert_output "out
out.lock"
}

@test "indicators: personal data readable by the owner only" {
	run_ind
	assert_success
	run stat -c '%a %n' "$TMP/out" "$TMP/out/classified.csv" \
	    "$TMP/out/rejects.csv" "$TMP/out/shortfall.csv" \
	    "$TMP/out/report.txt"
	assert_output "700 $TMP/out
600 $TMP/out/classified.csv
600 $TMP/out/rejects.csv
600 $TMP/out/shortfall.csv
600 $TMP/out/report.txt"
}

@test "indicators: the report is the report of the products" {
	run_ind
	assert_success
	cd "$TMP/out"
	run cbcc-report aggregate.csv aggregate-staff-type.csv diff.csv \
	    diff-staff-type.csv training.csv
	assert_success
	assert_output "$(cat report.txt)"
	assert_line --index 6 --regexp "^Năm 2021, toàn tỉnh có 4 cán bộ, công chức(, trong đó nữ .*)?\.$"
	assert_line --index 7 "Trình độ chuyên môn: trung cấp 25,0%; đại học 50,0%; trên đại học 25,0%."
	assert_line "Năm 2021, huyện Điện Biên: bồi dưỡng 2/2 lượt cán bộ, công chức, viên chức, đạt 100,0% kế hoạch."
	# A chart per dimension for all, for cán bộ and for công chức.
	run grep -c '<svg ' report.html
	assert_output 15
	run head -2 rejects.csv
	assert_output "step,file,line,reason,record"
}

@test "indicators: rejects of every step in rejects.csv, the step named" {
	cp "$I/canonical.csv" "$TMP/r.csv"
	printf '2021,Tỉnh Điện Biên,Huyện Điện Biên,Thanh Xương,"Lò\nVăn E",nam\n' \
	    >>"$TMP/r.csv"
	run --separate-stderr env PATH="$I/fakebin:$PATH" cbcc-indicators \
	    -s "$TOP/samples/standards.csv" -o "$TMP/out" "$TMP/r.csv"
	assert_success
	assert_equal "$stderr" ""
	run cat "$TMP/out/rejects.csv"
	assert_output 'step,file,line,reason,record
classify,normalized.csv,9,"ragged: 6 fields, header has 16","2021,Tỉnh Điện Biên,Huyện Điện Biên,Thanh Xương,""Lò
Văn E"",nam"'
}

@test "indicators: a failing step keeps the previous directory, names the step" {
	run_ind
	assert_success
	sum=$(cat "$TMP/out"/* | cksum)
	mkdir "$TMP/bin"
	printf '#!/bin/sh\necho "cbcc-classify-education: disk on fire" >&2\nexit 1\n' \
	    >"$TMP/bin/cbcc-classify-education"
	chmod +x "$TMP/bin/cbcc-classify-education"
	PATH=$TMP/bin:$PATH run_ind
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "cbcc-classify-education: disk on fire
cbcc-indicators: step classify failed (exit 1); previous $TMP/out kept"
	assert_equal "$(cat "$TMP/out"/* | cksum)" "$sum"
	run ls "$TMP"
	assert_output "bin
out
out.lock"
}

@test "indicators: a failing first run writes nothing" {
	mkdir "$TMP/bin"
	printf '#!/bin/sh\nexit 3\n' >"$TMP/bin/cbcc-report"
	chmod +x "$TMP/bin/cbcc-report"
	PATH=$TMP/bin:$PATH run_ind
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: step report failed (exit 3); $TMP/out not written"
	run ls "$TMP"
	assert_output "bin
out.lock"
}

@test "indicators: one run at a time" {
	run_ind
	assert_success
	sum=$(cat "$TMP/out"/* | cksum)
	run --separate-stderr flock "$TMP/out.lock" env PATH="$I/fakebin:$PATH" \
	    cbcc-indicators -s "$TOP/samples/standards.csv" -o "$TMP/out" \
	    -w 1 "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/out is being rebuilt by another run (lock $TMP/out.lock held)"
	assert_equal "$(cat "$TMP/out"/* | cksum)" "$sum"
	# Once the lock is free the next run goes on.
	run_ind
	assert_success
}

@test "indicators: usage and input errors" {
	run --separate-stderr cbcc-indicators -w soon
	assert_failure 2
	assert_equal "$stderr" "cbcc-indicators: -w soon: not a number of seconds
usage: cbcc-indicators [-qV] [-d difficult] [-o dir] [-p plan] [-s standards]
       [-t training] [-w seconds] [-y year] [roster ...]"
	run --separate-stderr cbcc-indicators -y 21
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "cbcc-indicators: -y 21: not a year"
	run --separate-stderr cbcc-indicators -x
	assert_failure 2
	run cbcc-indicators -V
	assert_success
	assert_output --regexp '^cbcc-indicators [0-9]+\.[0-9]+\.[0-9]+$'
	run --separate-stderr cbcc-indicators -o "$TMP/out" "$TMP/none.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/none.csv: cannot read"
	run --separate-stderr cbcc-indicators -o "$TMP/no/out" "$I/canonical.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-indicators: $TMP/no: no such directory"
	run ls "$TMP"
	assert_output ""
}

@test "indicators: the samples reproduce the article's figures" {
	run --separate-stderr cbcc-indicators -o "$TMP/out"
	assert_success
	assert_equal "$stderr" ""
	run cat "$TMP/out/report.txt"
	assert_line --regexp "^Năm 2016, toàn tỉnh có 2\.600 cán bộ, công chức(, trong đó nữ .*)?\.$"
	assert_line "Trình độ chuyên môn: chưa qua đào tạo 0,8%; sơ cấp 1,0%; trung cấp 66,4%; cao đẳng 11,7%; đại học 19,6%; trên đại học 0,0%; không rõ 0,5%."
	assert_line --regexp "^Năm 2021, toàn tỉnh có 1\.279 công chức(, trong đó nữ .*)?\.$"
	assert_line "Trình độ chuyên môn: trung cấp 25,6%; cao đẳng 9,5%; đại học 64,7%; trên đại học 0,2%."
	assert_line --partial "769/1.279 người (60,1%) đã qua bồi dưỡng quản lý nhà nước: "
	assert_line --partial "trung cấp trở lên 38,0%; "
	assert_line "Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch."
	run grep -c '<svg ' "$TMP/out/report.html"
	assert_output 15
}

@test "indicators: cbcc-demo prints the headline figures" {
	run --separate-stderr cbcc-demo "$TMP/demo"
	assert_success
	assert_equal "$stderr" ""
	assert_line --regexp "^Năm 2021, toàn tỉnh có 1\.279 công chức(, trong đó nữ .*)?\.$"
	assert_line "769/1.279 người (60,1%) đã qua bồi dưỡng quản lý nhà nước."
	assert_line "Trình độ lý luận chính trị: trung cấp trở lên 38,0%."
	assert_line "Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch."
	assert_line --partial "đại học tăng 48,1 điểm phần trăm (từ 19,6% lên 67,7%)"
	[ -f "$TMP/demo/report.html" ]
}
