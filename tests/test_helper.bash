# Shared set-up of the bats suites: bin/ first on PATH, fixtures at hand,
# bats-support and bats-assert loaded, CBCC_VALGRIND=1 wraps every program.

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
FIX=$TOP/tests/fixtures
SHARED=${CBCC_SHARED:-$TOP/../shared}
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

setup() {
	TMP=$(mktemp -d "${BATS_TMPDIR:-/tmp}/cbcc.XXXXXX")
}

teardown() {
	rm -rf "$TMP"
}
