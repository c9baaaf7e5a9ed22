#!/usr/bin/env bats
# The documentation against the programs: the examples of README.md and
# of the manual pages that show output are run and their output compared
# (tests/docs/examples says which examples and how); the manual pages
# render as written; the README's cron line runs under cron's PATH.
#
# The examples run in a scratch directory holding a copy of samples/ and,
# named as the examples name them: the sample files at the top
# (roster-2016.csv, roster-2021.csv, training-2021.csv, plan-2021.csv,
# standards.csv, difficult-2021.txt), roster.csv (the 2021 roster) and
# classified.csv (the 2021 roster normalized and classified).  "make"
# there is the project's make, its demo written into the scratch
# directory.

bats_require_minimum_version 1.5.0
load test_helper

setup_file() {
	local d=$BATS_FILE_TMPDIR/sandbox S=$TOP/samples
	PATH=$TOP/bin:$TOP/scripts:$PATH
	mkdir "$d"
	cp -r "$S" "$d/samples"
	cp "$S"/roster-2016.csv "$S"/roster-2021.csv "$S"/training-2021.csv \
	    "$S"/plan-2021.csv "$S"/standards.csv "$S"/difficult-2021.txt "$d/"
	cp "$S/roster-2021.csv" "$d/roster.csv"
	cbcc-normalize "$S/roster-2021.csv" 2>/dev/null |
	    cbcc-classify-education >"$d/classified.csv"
}

# lines_match EXPECTED ACTUAL: the lines of file ACTUAL are those of file
# EXPECTED, where a line "..." or "…" of EXPECTED stands for any lines.
lines_match() {
	awk 'NR == FNR { e[++m] = $0; next } { a[++n] = $0 }
	END {
		# ok[i, j]: e[1..i] matches a[1..j].
		ok[0, 0] = 1
		for (i = 1; i <= m; i++) {
			any = e[i] == "..." || e[i] == "…"
			for (j = 0; j <= n; j++)
				if (any)
					ok[i, j] = ok[i - 1, j] || (j > 0 && ok[i, j - 1])
				else
					ok[i, j] = j > 0 && ok[i - 1, j - 1] && e[i] == a[j]
		}
		exit !ok[m, n]
	}' "$1" "$2"
}

# examples FILE...: run every checked example of FILEs in a copy of the
# sandbox each; a failure names the file, the line and the command, and
# shows what it printed beside what the page shows.  Sets "count".
examples() {
	local ex=$TMP/ex f b where bad=0
	mkdir "$ex"
	count=$(cd "$TOP" && tests/docs/examples "$ex" "$@") ||
	    fail "the extractor failed"
	for f in "$ex"/*.sh; do
		[ -e "$f" ] || continue
		b=${f%.sh}
		where=$(cat "$b.where")
		rm -rf "$TMP/run"
		cp -r "$BATS_FILE_TMPDIR/sandbox" "$TMP/run"
		(
			cd "$TMP/run" || exit 1
			make() { command make -s -C "$TOP" DEMO_OUT="$PWD/demo-out" "$@"; }
			export -f make
			export TOP
			bash "$f" 2>&1
		) </dev/null >"$b.got"
		# Blank lines at the end are not compared.
		sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$b.out" "$b.got"
		if ! lines_match "$b.out" "$b.got"; then
			bad=$((bad + 1))
			echo "$where: the example \$ $(head -1 "$f")"
			diff -u --label "shown in $where" --label "printed" \
			    "$b.out" "$b.got" || :
		fi
	done
	[ "$bad" -eq 0 ] || fail "$bad of $count examples differ from the output"
}

@test "docs: the examples of README.md print what they show" {
	examples README.md
	[ "$count" -ge 4 ]
}

@test "docs: the examples of the manual pages print what they show" {
	examples filters/*.1 scripts/*.1
	[ "$count" -ge 4 ]
}

# ex_files DIR: a Markdown and a manual page, each with an example that
# holds and one that does not; the extractor's own test.
ex_files() {
	mkdir "$1"
	cat >"$1/r.md" <<-'EOF'
	Text.

	    $ printf 'a\nb\nc\n' |
	        sed 's/b/B/'
	    a
	    …
	    c

	Text: one code block ends, the next starts.

	    $ echo shown
	    not what it prints

	Without output, an illustration:

	    $ cbcc-aggregate --merge part-*.csv >all.csv
	EOF
	cat >"$1/t.1" <<-'EOF'
	.Sh EXAMPLES
	.Bd -literal -offset indent
	$ for w in x y; do
	    echo "$w\e\e"; done
	x\e
	\&...
	.Ed
	.Bd -literal -offset indent
	$ echo \-n
	n
	.Ed
	.Sh SEE ALSO
	.Bd -literal
	$ echo not an example
	other
	.Ed
	EOF
}

@test "docs: the extractor: which blocks, continued commands, elisions, the failures named" {
	ex_files "$TMP/d"
	mkdir "$TMP/x"
	run tests/docs/examples "$TMP/x" "$TMP/d/r.md" "$TMP/d/t.1"
	assert_success
	assert_output 4
	cd "$TMP/x"
	assert_equal "$(cat 1.where 2.where 3.where 4.where)" "$TMP/d/r.md:3
$TMP/d/r.md:11
$TMP/d/t.1:3
$TMP/d/t.1:9"
	assert_equal "$(cat 1.sh)" "printf 'a\\nb\\nc\\n' |
    sed 's/b/B/'"
	assert_equal "$(cat 3.sh)" 'for w in x y; do
    echo "$w\\"; done'
	assert_equal "$(cat 3.out)" 'x\
...'
	assert_equal "$(cat 4.sh)" 'echo -n'
	# Run as the suite runs them: the second and the fourth differ.
	cd "$TOP"
	run examples "$TMP/d/r.md" "$TMP/d/t.1"
	assert_failure
	assert_line "$TMP/d/r.md:11: the example \$ echo shown"
	assert_line "$TMP/d/t.1:9: the example \$ echo -n"
	assert_line "+shown"
	assert_line "-not what it prints"
	refute_line --partial "r.md:3:"
	refute_line --partial "t.1:3:"
	assert_line --partial "2 of 4 examples differ from the output"
}

@test "docs: lines_match: elisions at the start, in the middle, at the end, none" {
	printf 'a\nb\nc\nd\n' >"$TMP/got"
	for want in 'a\nb\nc\nd' '...\nd' 'a\n...' '…\nb\n…' '...' 'a\n...\nd' \
	    'a\n...\nb\n...\nd'; do
		printf "$want\n" >"$TMP/want"
		lines_match "$TMP/want" "$TMP/got" || fail "'$want' should match"
	done
	for want in 'a\nb\nc' 'b\n...' '...\nc' 'a\n...\nx' 'a\nb\nc\nd\ne' ''; do
		printf "$want\n" >"$TMP/want"
		! lines_match "$TMP/want" "$TMP/got" || fail "'$want' should not match"
	done
}

# quotes: the paragraphs of mandoc's rendering on standard input in
# which a “ opens inside another or a ” closes none, or one is left open.
quotes() {
	awk '/^[ \t]*$/ { check(); next }
	    { p = p " " $0 }
	    END { check(); exit bad }
	    function check(   s, c, open) {
		s = p; p = ""; open = 0
		while (match(s, /“|”/)) {
			c = substr(s, RSTART, RLENGTH)
			if (c == "“" && open++ > 0 || c == "”" && open-- == 0) {
				print "unpaired:" p0
				bad = 1
				return
			}
			s = substr(s, RSTART + RLENGTH)
		}
		if (open > 0) {
			print "left open:" p0
			bad = 1
		}
	    }
	    { p0 = p }'
}

@test "docs: the manual pages render their quotes in pairs" {
	local m
	for m in "$TOP"/filters/*.1 "$TOP"/scripts/*.1; do
		mandoc -Tutf8 "$m" | col -b | quotes || fail "${m#$TOP/}"
	done
	# What the check finds: the quotes of a .Dq nested in another.
	printf '.Dd x\n.Dt T 1\n.Sh NAME\n.Nm t\n.Nd t\n.Sh DESCRIPTION\n.Pq Dq a , Dq b .\n' |
	    mandoc -Tutf8 | col -b >"$TMP/bad"
	run quotes <"$TMP/bad"
	assert_failure
}

@test "docs: the README's cron line runs under cron's PATH after make install" {
	local line prefix=$TMP/usr/local srv=$TMP/srv/cbcc
	# The cron line, its installed paths moved under $TMP.
	line=$(awk '/^    [0-9]+ [0-9]+ \* \* \* / { sub(/^    [0-9 *]+ /, ""); print; exit }' \
	    "$TOP/README.md")
	[[ $line == /usr/local/bin/cbcc-indicators* ]] ||
	    fail "the cron line does not call the installed runner: $line"
	grep -q '^    make install' "$TOP/README.md" ||
	    fail "README does not show make install"
	make -s -C "$TOP" install PREFIX="$prefix" >/dev/null
	line=${line//\/usr\/local/$prefix}
	line=${line//\/srv\/cbcc/$srv}
	mkdir -p "$srv/rosters"
	cp "$TOP/samples/roster-2021.csv" "$srv/rosters/"
	cp "$TOP/samples/standards.csv" "$srv/"
	cd "$TMP"
	run --separate-stderr env -i HOME="$TMP" SHELL=/bin/sh \
	    PATH=/usr/bin:/bin LOGNAME=cbcc /bin/sh -c "$line"
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	[ -f "$srv/out/report.txt" ]
}
