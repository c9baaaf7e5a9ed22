# Shared set-up of the bats suites: bin/ first on PATH, fixtures at hand,
# bats-support and bats-assert loaded, CBCC_VALGRIND=1 wraps every program.

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
FIX=$TOP/tests/fixtures
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

if [ "${CBCC_VALGRIND:-}" = 1 ]; then
	mkdir -p "$TOP/build/vg"
	for p in "$TOP"/bin/cbcc-* "$TOP"/build/unit/*-tool; do
		[ -x "$p" ] || continue
		printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=no "%s" "$@"\n' \
		    "$p" >"$TOP/build/vg/${p##*/}"
		chmod +x "$TOP/build/vg/${p##*/}"
	done
	PATH=$TOP/build/vg:$PATH
else
	PATH=$TOP/bin:$TOP/build/unit:$PATH
fi
PATH=$TOP/scripts:$PATH
export LC_ALL=C.UTF-8

# need_spectrum: SPECTRUM, the public csv-spectrum acid test that
# CBCC_SPECTRUM_DIR names (CI sets it); the test is skipped without it.  The
# suites read nothing outside the repository otherwise.
need_spectrum() {
	[ -n "${CBCC_SPECTRUM_DIR:-}" ] ||
	    skip "CBCC_SPECTRUM_DIR is not set (the csv-spectrum acid test)"
	SPECTRUM=$CBCC_SPECTRUM_DIR
	[ -d "$SPECTRUM/csvs" ] && [ -d "$SPECTRUM/json" ] ||
	    fail "CBCC_SPECTRUM_DIR=$SPECTRUM: no csvs/ and json/ there"
}

setup() {
	TMP=$(mktemp -d "${BATS_TMPDIR:-/tmp}/cbcc.XXXXXX")
}

teardown() {
	rm -rf "$TMP"
}
