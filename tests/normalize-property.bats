#!/usr/bin/env bats
# A property of cbcc-normalize: around known people, whatever furniture a
# roster holds (titles with commas, section rows, numbering rows, totals,
# blank rows, signature lines), exactly those people come out, each once,
# with the staff type and commune of their section.  tests/gen-furniture
# writes a roster and its people for each seed.

bats_require_minimum_version 1.5.0
load test_helper

SEEDS=${CBCC_FURNITURE_SEEDS:-60}

@test "furniture around known people: exactly they come out, with their section's staff_type and commune ($SEEDS seeds)" {
	local seed records out rej
	for seed in $(seq 1 "$SEEDS"); do
		"$TOP"/tests/gen-furniture "$seed" "$TMP/r.csv" "$TMP/want.tsv"
		cbcc-normalize --rejects "$TMP/rej.csv" --format jsonl "$TMP/r.csv" \
		    >"$TMP/out.jsonl" 2>"$TMP/err.txt" || fail "seed $seed: exit $?"
		jq -r '[.full_name, .staff_type // "", .commune // ""] | @tsv' \
		    "$TMP/out.jsonl" | sort >"$TMP/got.tsv"
		diff "$TMP/want.tsv" "$TMP/got.tsv" >"$TMP/diff.txt" ||
		    fail "seed $seed: people differ: $(head -8 "$TMP/diff.txt")"
		# Nothing lost: every record read is written or rejected.
		records=$(recdump-tool --format jsonl "$TMP/r.csv" | wc -l)
		out=$(wc -l <"$TMP/out.jsonl")
		rej=$(recdump-tool --format jsonl "$TMP/rej.csv" | wc -l)
		[ $((records + 1)) -eq $((out + rej + 1)) ] ||
		    fail "seed $seed: $((records + 1)) records, $out out, $rej rejects"
		# No warning but the year and the sections found.
		! grep -v -e 'taken from the title$' -e ': sections found: ' "$TMP/err.txt" ||
		    fail "seed $seed: unexpected warnings"
	done
}

@test "the generator is a function of its seed" {
	"$TOP"/tests/gen-furniture 7 "$TMP/a.csv" "$TMP/a.tsv"
	"$TOP"/tests/gen-furniture 7 "$TMP/b.csv" "$TMP/b.tsv"
	cmp "$TMP/a.csv" "$TMP/b.csv"
	cmp "$TMP/a.tsv" "$TMP/b.tsv"
	"$TOP"/tests/gen-furniture 8 "$TMP/c.csv" "$TMP/c.tsv"
	! cmp -s "$TMP/a.csv" "$TMP/c.csv"
}
