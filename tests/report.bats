#!/usr/bin/env bats
# cbcc-report: aggregates, diffs and record counts as a Vietnamese report.
bats_require_minimum_version 1.5.0
load test_helper

R=$BATS_TEST_DIRNAME/fixtures/report

@test "report: text, the article's figures in Vietnamese number style" {
	run --separate-stderr cbcc-report "$R/agg.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Năm 2016, toàn tỉnh có 1.000 cán bộ, công chức.
Trình độ chuyên môn: chưa qua đào tạo 0,8%; sơ cấp 1,0%; trung cấp 66,4%; cao đẳng 11,7%; đại học 19,6%; không rõ 0,5%.
Trình độ lý luận chính trị: chưa qua đào tạo 40,0%; sơ cấp 30,0%; trung cấp 28,0%; cao cấp 2,0%; trung cấp trở lên 30,0%.
300/1.000 người (30,0%) đã qua bồi dưỡng quản lý nhà nước: chuyên viên 29,0%; chuyên viên chính 1,0%.

Năm 2021, toàn tỉnh có 1.279 cán bộ, công chức.
Trình độ chuyên môn: trung cấp 25,6%; cao đẳng 9,5%; đại học 64,7%; trên đại học 0,2%.
Trình độ lý luận chính trị: chưa qua đào tạo 39,1%; sơ cấp 22,9%; trung cấp 35,2%; cao cấp 2,8%; trung cấp trở lên 38,0%.
769/1.279 người (60,1%) đã qua bồi dưỡng quản lý nhà nước: chuyên viên 54,7%; chuyên viên chính 5,4%."
}

@test "report: cumulative L+ rows of the aggregate change nothing" {
	cbcc-report "$R/agg.csv" >"$TMP/plain"
	run cbcc-report "$R/agg-cum.csv"
	assert_success
	assert_output "$(cat "$TMP/plain")"
}

@test "report: standard input when no operand" {
	run cbcc-report <"$R/agg.csv"
	assert_success
	assert_line --index 4 "Năm 2021, toàn tỉnh có 1.279 cán bộ, công chức."
}

@test "report: group columns named, labels, empty levels left out" {
	run --separate-stderr cbcc-report "$R/district.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Năm 2021, huyện Điện Biên có 40 công chức.
Trình độ chuyên môn: trung cấp 25,0%; đại học 72,5%; trên đại học 2,5%.

Năm 2021, huyện <Mường> & Ảng có 3 cán bộ.
0/3 người (0,0%) đã qua bồi dưỡng quản lý nhà nước."
}

@test "report: --precision 2" {
	run cbcc-report --precision 2 "$R/district.csv"
	assert_success
	assert_line --index 1 "Trình độ chuyên môn: trung cấp 25,00%; đại học 72,50%; trên đại học 2,50%."
}

@test "report: --diff, change in percentage points; --records, against the plan" {
	run --separate-stderr cbcc-report --diff "$R/diff.csv" \
	    --records "$R/records.csv" /dev/null
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: /dev/null: empty input, no header row"
	run --separate-stderr cbcc-report --diff "$R/diff.csv" \
	    --records "$R/records.csv" "$R/district.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Năm 2021, huyện Điện Biên có 40 công chức.
Trình độ chuyên môn: trung cấp 25,0%; đại học 72,5%; trên đại học 2,5%.

Năm 2021, huyện <Mường> & Ảng có 3 cán bộ.
0/3 người (0,0%) đã qua bồi dưỡng quản lý nhà nước.

So sánh năm 2021 với năm 2016, cán bộ, công chức toàn tỉnh:
Trình độ chuyên môn: chưa qua đào tạo giảm 0,8 điểm phần trăm (từ 0,8% xuống 0,0%); sơ cấp giảm 1,0 điểm phần trăm (từ 1,0% xuống 0,0%); trung cấp giảm 40,8 điểm phần trăm (từ 66,4% xuống 25,6%); cao đẳng giảm 2,2 điểm phần trăm (từ 11,7% xuống 9,5%); đại học tăng 45,1 điểm phần trăm (từ 19,6% lên 64,7%); trên đại học tăng 0,2 điểm phần trăm (từ 0,0% lên 0,2%); không rõ giảm 0,5 điểm phần trăm (từ 0,5% xuống 0,0%).
Trình độ lý luận chính trị: chưa qua đào tạo giảm 0,9 điểm phần trăm (từ 40,0% xuống 39,1%); sơ cấp giảm 7,1 điểm phần trăm (từ 30,0% xuống 22,9%); trung cấp tăng 7,2 điểm phần trăm (từ 28,0% lên 35,2%); cao cấp tăng 0,8 điểm phần trăm (từ 2,0% lên 2,8%); trung cấp trở lên tăng 8,0 điểm phần trăm (từ 30,0% lên 38,0%).
Quản lý nhà nước: chưa qua bồi dưỡng giảm 30,1 điểm phần trăm (từ 70,0% xuống 39,9%); chuyên viên tăng 25,7 điểm phần trăm (từ 29,0% lên 54,7%); chuyên viên chính tăng 4,4 điểm phần trăm (từ 1,0% lên 5,4%); đã qua bồi dưỡng tăng 30,1 điểm phần trăm (từ 30,0% lên 60,1%).

Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch.
Năm 2021, thành phố Điện Biên Phủ: bồi dưỡng 1.200 lượt cán bộ, công chức, viên chức."
}

@test "report: diff without L+ rows, no change, a level of one year only" {
	cat >"$TMP/d.csv" <<'CSV'
district,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
Huyện Tuần Giáo,education,dai_hoc,2016,2021,5,6,50.0,50.0,1,0.0
Huyện Tuần Giáo,education,thac_si,2016,2021,0,1,0.0,8.3,1,8.3
Huyện Tuần Giáo,education,unknown,2016,2021,2,,20.0,,,
CSV
	run cbcc-report "$TMP/d.csv"
	assert_success
	assert_output "So sánh năm 2021 với năm 2016, cán bộ, công chức huyện Tuần Giáo:
Trình độ chuyên môn: đại học không đổi (50,0%); thạc sĩ tăng 8,3 điểm phần trăm (từ 0,0% lên 8,3%); không rõ chỉ có số liệu năm 2016 (20,0%)."
}

@test "report: --diff must be a diff" {
	run --separate-stderr cbcc-report --diff "$R/agg.csv" "$R/agg.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: $R/agg.csv:1: an aggregate, not a diff"
}

@test "report: md, sentences and tables, Markdown escaped" {
	run cbcc-report --format md --title "Báo cáo *thử*" "$R/district.csv"
	assert_success
	assert_output "# Báo cáo \\*thử\\*

## Năm 2021, công chức huyện Điện Biên

Năm 2021, huyện Điện Biên có 40 công chức.

Trình độ chuyên môn: trung cấp 25,0%; đại học 72,5%; trên đại học 2,5%.

| Trình độ chuyên môn | Số người | Tỷ lệ |
|---|--:|--:|
| Chưa qua đào tạo | 0 | 0,0% |
| Sơ cấp | 0 | 0,0% |
| Trung cấp | 10 | 25,0% |
| Cao đẳng | 0 | 0,0% |
| Đại học | 29 | 72,5% |
| Trên đại học | 1 | 2,5% |

## Năm 2021, cán bộ huyện \\<Mường\\> \\& Ảng

Năm 2021, huyện \\<Mường\\> \\& Ảng có 3 cán bộ.

0/3 người (0,0%) đã qua bồi dưỡng quản lý nhà nước.

| Quản lý nhà nước | Số người | Tỷ lệ |
|---|--:|--:|
| Chưa qua bồi dưỡng | 3 | 100,0% |
| Chuyên viên | 0 | 0,0% |
| Chuyên viên chính | 0 | 0,0% |
| Chuyên viên cao cấp | 0 | 0,0% |
| Đã qua bồi dưỡng | 0 | 0,0% |"
}

@test "report: md with diff and records" {
	run cbcc-report --format md --diff "$R/diff.csv" "$R/records.csv"
	assert_success
	assert_line --index 1 "## So sánh năm 2021 với năm 2016, cán bộ, công chức toàn tỉnh"
	assert_line --index 5 "## Bồi dưỡng, tập huấn"
	assert_line --index 6 "- Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch."
}

@test "report: html, one self-contained page, the figures in the SVG" {
	run --separate-stderr cbcc-report --format html "$R/agg.csv" \
	    --records "$R/records.csv"
	assert_success
	assert_equal "$stderr" ""
	printf '%s\n' "$output" >"$TMP/r.html"
	# The bar labels of the education chart, 2016 and 2021 side by side.
	run sh -c "grep -o '<text[^>]*class=\"val\">[^<]*</text>' '$TMP/r.html' | sed 's/<[^>]*>//g' | head -14 | paste -sd ' '"
	assert_output "0,8% 0,0% 1,0% 0,0% 66,4% 25,6% 11,7% 9,5% 19,6% 64,7% 0,0% 0,2% 0,5% 0,0%"
	run grep -c '<svg ' "$TMP/r.html"
	assert_output 3
	run grep -c '<figcaption>Trình độ chuyên môn — cán bộ, công chức toàn tỉnh</figcaption>' "$TMP/r.html"
	assert_output 1
	run grep -o '<li>769/1.279 người (60,1%) đã qua bồi dưỡng quản lý nhà nước' "$TMP/r.html"
	assert_success
	run grep -o 'bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch' "$TMP/r.html"
	assert_success
	# No script, nothing fetched from the network.
	run grep -Eic '<script|<link|src=|url\(|https?://[^"]*[^g]"' "$TMP/r.html"
	assert_output 0
	run head -1 "$TMP/r.html"
	assert_output "<!DOCTYPE html>"
	run tail -1 "$TMP/r.html"
	assert_output "</html>"
}

@test "report: html escapes every text" {
	run cbcc-report --format html --title 'A<b>&"x"' "$R/district.csv"
	assert_success
	assert_line --index 4 '<title>A&lt;b&gt;&amp;&quot;x&quot;</title>'
	refute_output --partial '<b>'
	refute_output --partial '<Mường>'
	assert_output --partial '<h2>Năm 2021, cán bộ huyện &lt;Mường&gt; &amp; Ảng</h2>'
	assert_output --partial '<figcaption>Quản lý nhà nước — cán bộ huyện &lt;Mường&gt; &amp; Ảng</figcaption>'
	assert_output --partial '<tr><th>Huyện &lt;Mường&gt; &amp; Ảng</th><td>2021</td><th>Cán bộ</th><td>3</td>'
}

@test "report: html renders in headless Chromium with the numbers in the DOM" {
	command -v chromium >/dev/null 2>&1 || skip "chromium is not installed"
	cbcc-report --format html --diff "$R/diff.csv" "$R/agg.csv" >"$TMP/r.html"
	flags="--headless --no-sandbox --disable-gpu --disable-background-networking
	    --disable-component-update --disable-sync --no-first-run
	    --user-data-dir=$TMP/prof"
	run timeout 120 chromium $flags --dump-dom "file://$TMP/r.html"
	assert_success
	assert_output --partial '<text x="'
	assert_output --partial '>64,7%</text>'
	assert_output --partial '>19,6%</text>'
	assert_output --partial 'tăng 45,1 điểm phần trăm'
	run timeout 120 chromium $flags --screenshot="$TMP/shot.png" \
	    --window-size=1200,1600 "file://$TMP/r.html"
	assert_success
	run sh -c "head -c 8 '$TMP/shot.png' | od -An -c | tr -d ' '"
	assert_output '211PNG\r\n032\n'
}

@test "report: bad rows are rejected with a reason, nothing lost" {
	run --separate-stderr cbcc-report "$R/bad.csv"
	assert_success
	assert_output "Năm 2021, toàn tỉnh có 20 cán bộ, công chức.
Trình độ chuyên môn: đại học 60,0%."
	assert_equal "$stderr" "cbcc-report: 7 records rejected (level 1, bad count 1, ragged 1, count 1, duplicate 1, total 1, unterminated quoted field 1); --rejects FILE keeps them"
	run --separate-stderr cbcc-report --rejects "$TMP/rej.csv" "$R/bad.csv"
	assert_success
	assert_equal "$stderr" ""
	run cat "$TMP/rej.csv"
	assert_output "file,line,reason,record
$R/bad.csv,3,level: 'dai_hocc' is not a code of education,\"2021,education,dai_hocc,1,20,5.0\"
$R/bad.csv,4,bad count: 'x' is not a whole number,\"2021,education,trung_cap,x,20,\"
$R/bad.csv,5,\"ragged: 5 fields, header has 6\",\"2021,education,cao_dang,2,20\"
$R/bad.csv,6,count: 30 above total 20,\"2021,education,so_cap,30,20,150.0\"
$R/bad.csv,7,duplicate: education dai_hoc seen before,\"2021,education,dai_hoc,1,20,5.0\"
$R/bad.csv,8,total: 21 differs from the group's 20,\"2021,education,thac_si,1,21,4.8\"
$R/bad.csv,9,unterminated quoted field,\"2021,education,trung_cap,\"\"8,20,40.0\""
}

@test "report: --strict makes the first reject fatal" {
	run --separate-stderr cbcc-report --strict "$R/bad.csv"
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "cbcc-report: $R/bad.csv:3: level: 'dai_hocc' is not a code of education"
}

@test "report: input errors name the file and line" {
	printf 'a,b\n1,2\n' >"$TMP/x.csv"
	run --separate-stderr cbcc-report "$TMP/x.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: $TMP/x.csv:1: not an aggregate, a diff, a record count or a shortfall list: no dimension, change_pp, count or shortfall column"
	run --separate-stderr cbcc-report <<<'year,dimension,level,total'
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: <stdin>:1: no count column"
	run --separate-stderr cbcc-report "$TMP/missing.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: $TMP/missing.csv: No such file or directory"
}

@test "report: usage errors exit 2" {
	run --separate-stderr cbcc-report --format pdf "$R/agg.csv"
	assert_failure 2
	assert_equal "$stderr" "cbcc-report: unknown format 'pdf' (text, md, html or xlsx)
usage: cbcc-report [--strict] [--crosswalk file] [--diff file] [--format fmt] [--precision n]
                   [--records file] [--rejects file] [--shortfall file] [--title text] [--where col=value]
                   [-o file] [file ...]"
	run --separate-stderr cbcc-report --precision 7 "$R/agg.csv"
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "cbcc-report: precision 7: too large (0 to 6)"
	run --separate-stderr cbcc-report --bogus
	assert_failure 2
}

@test "report: --help and --version" {
	run cbcc-report --help
	assert_success
	assert_output "usage: cbcc-report [--strict] [--crosswalk file] [--diff file] [--format fmt] [--precision n]
                   [--records file] [--rejects file] [--shortfall file] [--title text] [--where col=value]
                   [-o file] [file ...]
See the manual page cbcc-report(1)."
	run cbcc-report --version
	assert_success
	assert_output --regexp '^cbcc-report [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "report: a full disk is an error, a closed pipe is not" {
	run --separate-stderr sh -c "cbcc-report '$R/agg.csv' >/dev/full"
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: write error on standard output: No space left on device"
	run --separate-stderr sh -c "cbcc-report --format html '$R/agg.csv' | head -1"
	assert_success
	assert_output "<!DOCTYPE html>"
	assert_equal "$stderr" ""
}

# The blocks and inline nodes of Markdown file $1 as GitHub's cmark-gfm
# reads it (tables, autolinks, strike-through on), counted by kind.
mdblocks() {
	cmark-gfm -e table -e autolink -e strikethrough -t xml "$1" |
	    grep -o '<[a-z_]*' | sort | uniq -c | grep -v '<text$'
}

@test "report: md, a unit named with what Markdown acts on stays text" {
	command -v cmark-gfm >/dev/null || fail "cmark-gfm is not installed (scripts/install-deps)"
	# Line breaks, a table pipe, headings, rules, lists, a quote, code,
	# emphasis, strike-through, links, an image, HTML, an entity, URLs.
	name='- # x | y ~~s~~ *a* _b_ `c` [l](http://e.vn) <b> &amp; ![i](x) > +
---
1. 2) http://x.vn www.x.vn \ === '
	for y in year, ''; do
		v=${y:+2021,}
		printf '%sdistrict,dimension,level,count,total,percent\n' "$y" >"$TMP/a.csv"
		printf '%s"%s",education,dai_hoc,1,2,50.0\n' "$v" "$name" >>"$TMP/a.csv"
		printf '%s"    1) x\n> y",state_mgmt,chuyen_vien,1,2,50.0\n' "$v" >>"$TMP/a.csv"
		printf '%sdistrict,dimension,level,count,total,percent\n' "$y" >"$TMP/p.csv"
		printf '%sHuyện A,education,dai_hoc,1,2,50.0\n' "$v" >>"$TMP/p.csv"
		printf '%sHuyện B,state_mgmt,chuyen_vien,1,2,50.0\n' "$v" >>"$TMP/p.csv"
		cbcc-report --format md "$TMP/a.csv" >"$TMP/a.md" 2>/dev/null
		cbcc-report --format md "$TMP/p.csv" >"$TMP/p.md"
		run mdblocks "$TMP/a.md"
		assert_output "$(mdblocks "$TMP/p.md")"
		assert_output --partial ' 3 <heading'
		assert_output --partial ' 11 <table_row'
		refute_output --partial '<link'
	done
	run grep -c . "$TMP/a.md"
	assert_output "$(grep -c . "$TMP/p.md")"
	run sed -n 5p "$TMP/a.md"
	assert_output '\- \# x \| y \~\~s\~\~ \*a\* \_b\_ \`c\` \[l\](http\://e.vn) \<b\> \&amp; \!\[i\](x) \> + --- 1. 2) http\://x.vn www\.x.vn \\ ===  có 2 cán bộ, công chức.'
}

@test "report: the people an aggregate counts are named, grouped by or selected with --where" {
	# cbcc-aggregate --where staff_type=... carries the selection as a
	# staff_type group column: one code, a list, or all but (!).
	for sel in cong_chuc can_bo '"can_bo,cong_chuc"' '!can_bo' '!cong_chuc'; do
		printf 'year,staff_type,dimension,level,count,total,percent\n' >"$TMP/a.csv"
		printf '2021,%s,education,dai_hoc,827,1279,64.7\n' "$sel" >>"$TMP/a.csv"
		cbcc-report "$TMP/a.csv" | head -1
	done >"$TMP/out"
	run cat "$TMP/out"
	assert_output "Năm 2021, toàn tỉnh có 1.279 công chức.
Năm 2021, toàn tỉnh có 1.279 cán bộ.
Năm 2021, toàn tỉnh có 1.279 cán bộ, công chức.
Năm 2021, toàn tỉnh có 1.279 công chức.
Năm 2021, toàn tỉnh có 1.279 cán bộ."
	# No staff_type column: all of the roster, cán bộ and công chức.
	run cbcc-report "$R/agg.csv"
	assert_line --index 0 "Năm 2016, toàn tỉnh có 1.000 cán bộ, công chức."
	# The changes compare a people with itself, and say which.
	printf 'staff_type,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp\n' >"$TMP/d.csv"
	printf 'cong_chuc,education,dai_hoc,2016,2021,196,827,19.6,64.7,631,45.1\n' >>"$TMP/d.csv"
	printf 'can_bo,education,dai_hoc,2016,2021,100,500,10.0,50.0,400,40.0\n' >>"$TMP/d.csv"
	run cbcc-report "$TMP/d.csv"
	assert_output "So sánh năm 2021 với năm 2016, công chức toàn tỉnh:
Trình độ chuyên môn: đại học tăng 45,1 điểm phần trăm (từ 19,6% lên 64,7%).

So sánh năm 2021 với năm 2016, cán bộ toàn tỉnh:
Trình độ chuyên môn: đại học tăng 40,0 điểm phần trăm (từ 10,0% lên 50,0%)."
	run cbcc-report --format md "$TMP/d.csv"
	assert_line --index 1 "## So sánh năm 2021 với năm 2016, công chức toàn tỉnh"
}

@test "report: the forms' wording: units in lower case mid-sentence, toàn tỉnh, chưa qua đào tạo, chưa có chứng chỉ" {
	cat >"$TMP/a.csv" <<'CSV'
year,district,commune,dimension,level,count,total,percent
2021,Huyện Điện Biên,Xã Mường Phăng,political_theory,chua_qua,3,10,30.0
2021,Huyện Điện Biên,Xã Mường Phăng,political_theory,trung_cap,7,10,70.0
2021,Thị xã Mường Lay,Phường Na Lay,it_skill,chua_qua,2,4,50.0
2021,Thị xã Mường Lay,Phường Na Lay,it_skill,co_ban,2,4,50.0
2021,Thành phố Điện Biên Phủ,,it_skill,co_ban,1,1,100.0
CSV
	run --separate-stderr cbcc-report "$TMP/a.csv"
	assert_success
	assert_output "Năm 2021, xã Mường Phăng, huyện Điện Biên có 10 cán bộ, công chức.
Trình độ lý luận chính trị: chưa qua đào tạo 30,0%; trung cấp 70,0%; trung cấp trở lên 70,0%.

Năm 2021, phường Na Lay, thị xã Mường Lay có 4 cán bộ, công chức.
Tin học: chưa có chứng chỉ 50,0%; cơ bản 50,0%.

Năm 2021, đơn vị không rõ, thành phố Điện Biên Phủ có 1 cán bộ, công chức.
Tin học: cơ bản 100,0%."
	run cbcc-report --format md --records "$R/records.csv" "$R/agg.csv"
	assert_line --index 1 "## Năm 2016, cán bộ, công chức toàn tỉnh"
	assert_line "- Năm 2021, huyện Điện Biên: bồi dưỡng 8.672/8.145 lượt cán bộ, công chức, viên chức, đạt 106,5% kế hoạch."
}

@test "report: html opens with the key figures, with the share that meets the standard in force" {
	# check-standards' list: 2021, 3 công chức and 1 cán bộ below, 2
	# công chức judged by no standard; an 'ok' row (--all) counts as met.
	cat >"$TMP/s.csv" <<'CSV'
year,staff_type,full_name,shortfall
2021,cong_chuc,A,education<dai_hoc
2021,cong_chuc,B,state_mgmt<chuyen_vien
2021,cong_chuc,C,education<dai_hoc;state_mgmt=unknown
2021,cong_chuc,D,no_standard
2021,cong_chuc,E,no_standard
2021,cong_chuc,F,ok
2021,can_bo,G,political_theory<trung_cap
2016,cong_chuc,H,education<trung_cap
CSV
	run --separate-stderr cbcc-report --format html --shortfall "$TMP/s.csv" \
	    "$R/form-tinh.csv" "$R/form-loai.csv" "$R/form-huyen.csv"
	assert_success
	assert_equal "$stderr" ""
	printf '%s\n' "$output" >"$TMP/r.html"
	run sed -n '/<h2>Số liệu chính/,/<\/table>/p' "$TMP/r.html"
	assert_output '<h2>Số liệu chính năm 2021, toàn tỉnh</h2>
<div class="wide"><table class="key">
<thead><tr><th>Đối tượng</th><th>Tổng số</th><th>Đại học trở lên</th><th>Lý luận chính trị trung cấp trở lên</th><th>Đã qua bồi dưỡng quản lý nhà nước</th><th>Đạt chuẩn đang áp dụng</th></tr></thead>
<tbody>
<tr><th>Cán bộ, công chức</th><td>50<small>người</small></td><td>40,0%<small>20 người</small></td><td>52,0%<small>26 người</small></td><td>62,0%<small>31 người</small></td><td>91,7%<small>44 người</small></td></tr>
<tr><th>Cán bộ</th><td>30<small>người</small></td><td>50,0%<small>15 người</small></td><td>66,7%<small>20 người</small></td><td>63,3%<small>19 người</small></td><td>96,7%<small>29 người</small></td></tr>
<tr><th>Công chức</th><td>20<small>người</small></td><td>25,0%<small>5 người</small></td><td>30,0%<small>6 người</small></td><td>60,0%<small>12 người</small></td><td>83,3%<small>15 người</small></td></tr>
</tbody></table></div>'
	# Before the long text and the form table; the units in the table only.
	run grep -n '^<h2>' "$TMP/r.html"
	assert_line --index 0 --regexp '^[0-9]+:<h2>Số liệu chính năm 2021, toàn tỉnh</h2>$'
	assert_line --index 1 --regexp '^[0-9]+:<h2>Số lượng, chất lượng theo đơn vị</h2>$'
	assert_line --index 2 --regexp '^[0-9]+:<h2>Năm 2016, cán bộ, công chức toàn tỉnh</h2>$'
	refute_output --partial 'huyện Điện Biên</h2>'
	# Without --shortfall, no such column.
	run cbcc-report --format html "$R/form-tinh.csv"
	refute_output --partial 'Đạt chuẩn'
}

@test "report: html charts fit their box, in headless Chromium" {
	command -v chromium >/dev/null 2>&1 || skip "chromium is not installed"
	cbcc-report --format html "$R/form-tinh.csv" >"$TMP/r.html"
	# A copy that measures each chart against its box once laid out.
	sed 's|</body>|<script>var n = 0, f = document.querySelectorAll("figure"); f.forEach(function (e) { if (e.querySelector("svg").getBoundingClientRect().right <= e.getBoundingClientRect().right + 0.5) n++; }); document.title = "fit " + n + "/" + f.length;</script></body>|' \
	    "$TMP/r.html" >"$TMP/m.html"
	flags="--headless --no-sandbox --disable-gpu --disable-background-networking
	    --disable-component-update --disable-sync --no-first-run
	    --user-data-dir=$TMP/prof"
	for w in 1200 800 500; do
		run timeout 120 chromium $flags --window-size=$w,900 --dump-dom \
		    "file://$TMP/m.html"
		assert_success
		assert_output --regexp '<title>fit ([0-9]+)/\1</title>'
		refute_output --partial '<title>fit 0/0</title>'
	done
	# The "không rõ" bar of the first chart is in it, with its label.
	run sh -c "sed -n '/<figure>/,/<\\/figure>/p' '$TMP/r.html' | sed '/<\\/figure>/q' | grep -c '>Không rõ</text>'"
	assert_output 1
}

@test "report: --where names the people of an aggregate restricted by it" {
	# cbcc-aggregate -g year --where staff_type=cong_chuc writes no
	# staff_type column: the report is told the selection.
	run --separate-stderr cbcc-report --where staff_type=cong_chuc "$R/agg.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "Năm 2016, toàn tỉnh có 1.000 công chức."
	assert_line --index 4 "Năm 2021, toàn tỉnh có 1.279 công chức."
	run cbcc-report --where 'staff_type!=cong_chuc' --where gender=nu \
	    --diff "$R/diff.csv" --records "$R/records.csv" "$R/agg.csv"
	assert_line --index 0 "Năm 2016, toàn tỉnh có 1.000 cán bộ (nữ)."
	assert_line "So sánh năm 2021 với năm 2016, cán bộ toàn tỉnh (nữ):"
	assert_line "Năm 2021, huyện Điện Biên (nữ): bồi dưỡng 8.672/8.145 lượt cán bộ, đạt 106,5% kế hoạch."
	run cbcc-report --where 'education_level=dai_hoc,thac_si' "$R/agg.csv"
	assert_line --index 0 "Năm 2016, toàn tỉnh có 1.000 cán bộ, công chức (trình độ chuyên môn: đại học, thạc sĩ)."
	# A column the input has is the input's: --where adds nothing to it.
	run cbcc-report --where staff_type=can_bo "$R/district.csv"
	assert_line --index 0 "Năm 2021, huyện Điện Biên có 40 công chức."
	# The key figures of a công chức aggregate name them.
	run cbcc-report --format html --where staff_type=cong_chuc "$R/form-tinh.csv"
	assert_output --partial '<tr><th>Công chức</th><td>50<small>người</small></td>'
	for bad in staff_type '=x' '!=x' 'staff_type='; do
		run --separate-stderr cbcc-report --where "$bad" "$R/agg.csv"
		assert_failure 2
		assert_equal "${stderr%%$'\n'*}" "cbcc-report: bad --where '$bad': use COL=VALUE or COL!=VALUE"
	done
}

@test "report: nữ, đảng viên, dân tộc thiểu số in the opening sentence, as the form's trong đó" {
	cat >"$TMP/a.csv" <<'CSV'
year,dimension,level,count,total,percent
2021,ethnic_minority,0,300,1279,23.5
2021,ethnic_minority,1,979,1279,76.5
2021,gender,nam,850,1279,66.5
2021,gender,nu,420,1279,32.8
2021,gender,unknown,9,1279,0.7
2021,age_band,den_30,200,1279,15.6
2021,age_band,31_40,500,1279,39.1
2021,age_band,41_50,379,1279,29.6
2021,age_band,51_60,200,1279,15.6
2021,age_band,tren_60,0,1279,0.0
2021,party_member,0,179,1279,14.0
2021,party_member,1,1100,1279,86.0
CSV
	run --separate-stderr cbcc-report "$TMP/a.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Năm 2021, toàn tỉnh có 1.279 cán bộ, công chức, trong đó nữ 420 người (32,8%; 9 người không rõ), đảng viên 1.100 người (86,0%), dân tộc thiểu số 979 người (76,5%).
Độ tuổi: từ 30 trở xuống 15,6%; từ 31 đến 40 39,1%; từ 41 đến 50 29,6%; từ 51 đến 60 15,6%."
	run cbcc-report --format md "$TMP/a.csv"
	refute_output --partial 'Giới tính'
	assert_line "| Từ 31 đến 40 | 500 | 39,1% |"
	cat >"$TMP/d.csv" <<'CSV'
dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
gender,nam,2016,2021,700,850,70.0,66.5,150,-3.5
gender,nu,2016,2021,300,420,30.0,32.8,120,2.8
gender,unknown,2016,2021,0,9,0.0,0.7,9,0.7
party_member,0,2016,2021,100,179,10.0,14.0,79,4.0
party_member,1,2016,2021,900,1100,90.0,86.0,200,-4.0
CSV
	run cbcc-report "$TMP/d.csv"
	assert_output "So sánh năm 2021 với năm 2016, cán bộ, công chức toàn tỉnh:
Tỷ lệ nữ tăng 2,8 điểm phần trăm (từ 30,0% lên 32,8%); không rõ tăng 0,7 điểm phần trăm (từ 0,0% lên 0,7%).
Tỷ lệ đảng viên giảm 4,0 điểm phần trăm (từ 90,0% xuống 86,0%)."
}

@test "report: html key figures: the share meeting the standard, exact from a list of --all" {
	# Every record of the group: 2 ok, 1 exempt, 1 below, 1 judged by no
	# standard: 2 of the 3 judged meet it.
	cat >"$TMP/a.csv" <<'CSV'
year,dimension,level,count,total,percent
2021,education,dai_hoc,5,5,100.0
CSV
	cat >"$TMP/s.csv" <<'CSV'
year,staff_type,full_name,shortfall
2021,cong_chuc,A,ok
2021,cong_chuc,B,ok
2021,can_bo,C,exempt
2021,can_bo,D,political_theory<trung_cap
2021,cong_chuc,E,no_standard
CSV
	run cbcc-report --format html --shortfall "$TMP/s.csv" "$TMP/a.csv"
	assert_success
	assert_output --partial '<td>66,7%<small>2 người</small></td></tr>'
	# Without --all, the rest of the total is taken to meet it.
	sed -i '/,ok$/d;/,exempt$/d' "$TMP/s.csv"
	run cbcc-report --format html --shortfall "$TMP/s.csv" "$TMP/a.csv"
	assert_output --partial '<td>75,0%<small>3 người</small></td></tr>'
}

@test "report: figures by unit are on the 2025 map, and --crosswalk says what it maps" {
	# crosswalk.csv: rows of samples/dien-bien-2025-crosswalk.csv (Nghị
	# quyết 1661/NQ-UBTVQH15): 14 old units of 5 districts into 5 new
	# ones, a new unit across two districts (xã Nà Tấu), an old and a new
	# xã Sam Mứn, names written in two cases.
	cat >"$TMP/a.csv" <<'CSV'
year,unit,dimension,level,count,total,percent
2021,Xã Nà Tấu,education,dai_hoc,10,20,50.0
2026,Xã Nà Tấu,education,dai_hoc,15,20,75.0
CSV
	cat >"$TMP/d.csv" <<'CSV'
unit,dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp
Xã Nà Tấu,education,dai_hoc,2021,2026,10,15,50.0,75.0,5,25.0
CSV
	run --separate-stderr cbcc-report --crosswalk "$R/crosswalk.csv" \
	    --diff "$TMP/d.csv" "$TMP/a.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "So sánh trên địa giới đơn vị hành chính cấp xã sau sắp xếp (từ 01/7/2025): 14 đơn vị cũ của 5 đơn vị cấp huyện quy về 5 đơn vị mới (theo crosswalk.csv). So sánh năm 2026 với năm 2021 vượt qua đợt sắp xếp: số liệu năm 2021 của các đơn vị cũ được cộng vào đơn vị mới mà chúng hợp thành; số người có thể thay đổi do sáp nhập và do cán bộ, công chức cấp huyện chuyển về xã."
	assert_line --index 1 "Năm 2021, xã Nà Tấu có 20 cán bộ, công chức."
	assert_line "So sánh năm 2026 với năm 2021, cán bộ, công chức xã Nà Tấu:"
	# Without --crosswalk, the map is still named; an aggregate alone has
	# no comparison; years on one side of 2025 cross nothing.
	run cbcc-report "$TMP/a.csv"
	assert_line --index 0 "Số liệu theo địa giới đơn vị hành chính cấp xã sau sắp xếp (từ 01/7/2025)."
	sed -i 's/2021/2025/' "$TMP/d.csv"
	run cbcc-report "$TMP/d.csv"
	assert_line --index 0 "So sánh trên địa giới đơn vị hành chính cấp xã sau sắp xếp (từ 01/7/2025)."
	# Not by unit: no word of the map, with or without --crosswalk.
	run cbcc-report --crosswalk "$R/crosswalk.csv" "$R/agg.csv"
	refute_output --partial 'địa giới'
	# Every format says it.
	run cbcc-report --format md --crosswalk "$R/crosswalk.csv" "$TMP/a.csv"
	assert_line --index 1 "Số liệu theo địa giới đơn vị hành chính cấp xã sau sắp xếp (từ 01/7/2025): 14 đơn vị cũ của 5 đơn vị cấp huyện quy về 5 đơn vị mới (theo crosswalk.csv)."
	run cbcc-report --format html --crosswalk "$R/crosswalk.csv" "$TMP/a.csv"
	assert_line '<p class="map">Số liệu theo địa giới đơn vị hành chính cấp xã sau sắp xếp (từ 01/7/2025): 14 đơn vị cũ của 5 đơn vị cấp huyện quy về 5 đơn vị mới (theo crosswalk.csv).</p>'
	cbcc-report --format xlsx -o "$TMP/r.xlsx" --crosswalk "$R/crosswalk.csv" "$TMP/a.csv"
	run sh -c "xlsxdump-tool '$TMP/r.xlsx' 'Chất lượng' | sed -n '2s/,*$//p'"
	assert_output "\"Số người và tỷ lệ (%) trên tổng số của từng đơn vị, từng năm. Số liệu theo địa giới đơn vị hành chính cấp xã sau sắp xếp (từ 01/7/2025): 14 đơn vị cũ của 5 đơn vị cấp huyện quy về 5 đơn vị mới (theo crosswalk.csv).\""
}

@test "report: the whole crosswalk of the samples: 129 old units of 10 districts into 45" {
	[ -f "$TOP/samples/dien-bien-2025-crosswalk.csv" ] ||
	    skip "samples/dien-bien-2025-crosswalk.csv is not in this tree"
	printf 'year,unit,dimension,level,count,total,percent\n2026,Xã Nà Tấu,education,dai_hoc,1,1,100.0\n' >"$TMP/a.csv"
	run cbcc-report --crosswalk "$TOP/samples/dien-bien-2025-crosswalk.csv" "$TMP/a.csv"
	assert_line --index 0 "Số liệu theo địa giới đơn vị hành chính cấp xã sau sắp xếp (từ 01/7/2025): 129 đơn vị cũ của 10 đơn vị cấp huyện quy về 45 đơn vị mới (theo dien-bien-2025-crosswalk.csv)."
}

@test "report: a bad crosswalk is an error naming its line" {
	while IFS='|' read -r csv err; do
		printf "$csv" >"$TMP/c.csv"
		run --separate-stderr cbcc-report --crosswalk "$TMP/c.csv" "$R/agg.csv"
		assert_failure 1
		assert_equal "$stderr" "cbcc-report: $TMP/c.csv$err"
	done <<'CASES'
new_unit,old_unit\nxã A,xã B\n|:1: no column old_district (a crosswalk names new_unit, old_unit and old_district)
new_unit,old_unit,old_district\nxã A,xã B,huyện C\nxã A,,huyện C\n|:3: empty old_unit
new_unit,old_unit,old_district\nxã A,xã B\n|:2: 2 fields, the header has 3
new_unit,old_unit,old_district\n|: no rows after the header
|: empty (no header)
CASES
	run --separate-stderr cbcc-report --crosswalk "$TMP/none.csv" "$R/agg.csv"
	assert_failure 1
	assert_equal "$stderr" "cbcc-report: $TMP/none.csv: No such file or directory"
}

@test "report: a diff without rows (rosters of one year) says there is no earlier year" {
	printf 'dimension,level,year_from,year_to,count_from,count_to,percent_from,percent_to,change_count,change_pp\n' >"$TMP/d.csv"
	run --separate-stderr cbcc-report --diff "$TMP/d.csv" --records "$R/records.csv" "$R/district.csv"
	assert_success
	assert_equal "$stderr" ""
	# Between the groups and the record counts, a paragraph of its own.
	printf '%s\n' "$output" >"$TMP/out"
	assert_equal "$(sed -n 1,5p "$TMP/out")" "$(cbcc-report "$R/district.csv")"
	assert_equal "$(sed -n 6,9p "$TMP/out" | sed "s/ 8.672.*//")" "
Không có năm trước để so sánh.

Năm 2021, huyện Điện Biên: bồi dưỡng"
	run cbcc-report --format html --diff "$TMP/d.csv" "$R/district.csv"
	assert_line "<h2>So sánh với năm trước</h2>"
	assert_line "<li>Không có năm trước để so sánh.</li>"
	cbcc-report --format xlsx -o "$TMP/r.xlsx" --diff "$TMP/d.csv" "$R/district.csv"
	run xlsxdump-tool "$TMP/r.xlsx" "Thay đổi"
	assert_line "Không có năm trước để so sánh.,,,,,,,,,,,"
	# Without --diff, nothing is said of other years.
	run cbcc-report "$R/district.csv"
	refute_output --partial "năm trước"
}
