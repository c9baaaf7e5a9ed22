# cbcc - quality indicators of commune-level cadres and civil servants.
# A plain Makefile: GNU make, a C99 compiler, libcsv, utf8proc.

VERSION = 0.1.0

# Where "make install" puts things.
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANPREFIX = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/cbcc

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS += -D_GNU_SOURCE -Ifilters/lib -Ibuild
LDLIBS = -Wl,--as-needed -lcsv -lutf8proc -lexpat -lxlsxwriter -lm -pthread

# The shared library: every .c under filters/lib; the filters: every .c
# directly under filters, each built into bin/cbcc-NAME, but for the parts
# of a program in several files: filters/NAME-*.c and filters/NAME.h of
# each NAME in PARTS, linked into bin/cbcc-NAME.
LIBSRC = $(wildcard filters/lib/*.c)
LIBOBJ = $(LIBSRC:filters/lib/%.c=build/lib/%.o)
LIBHDR = $(wildcard filters/lib/*.h)
PARTS = report
PARTSRC = $(foreach p,$(PARTS),$(wildcard filters/$(p)-*.c))
PARTHDR = $(foreach p,$(PARTS),filters/$(p).h)
PROGSRC = $(filter-out $(PARTSRC),$(wildcard filters/*.c))
PROGS = $(PROGSRC:filters/%.c=bin/cbcc-%)
MANS = $(wildcard filters/*.1 scripts/*.1)
UNITSRC = $(wildcard tests/unit/*.c)
UNITS = $(UNITSRC:tests/unit/%.c=build/unit/%)
GENHDR =

all: $(PROGS) $(UNITS)

# Generated sources (rule tables) are added by the fragments in mk/.
-include mk/*.mk

build/lib/%.o: filters/lib/%.c $(LIBHDR) $(GENHDR)
	@mkdir -p build/lib
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c -o $@ $<

build/libcbcc.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

bin/cbcc-%: filters/%.c build/libcbcc.a $(LIBHDR) $(GENHDR)
	@mkdir -p bin
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $< \
	    $(filter filters/$*-%,$(PARTSRC)) build/libcbcc.a $(LDFLAGS) $(LDLIBS)

$(foreach p,$(PARTS),$(eval bin/cbcc-$(p): \
    $(filter filters/$(p)-%,$(PARTSRC)) filters/$(p).h))

build/unit/%: tests/unit/%.c tests/unit/tap.h build/libcbcc.a $(LIBHDR) $(GENHDR)
	@mkdir -p build/unit
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $< build/libcbcc.a \
	    $(LDFLAGS) $(LDLIBS_$*) $(LDLIBS)

# libzip is not linked (xlsx.c loads it with the first workbook: it
# brings libcrypto, slow to load); the test tool that writes packages
# with it links it.  --as-needed (LDLIBS): each program loads only the
# libraries it calls (libxlsxwriter, and its libcrypto, for the report
# alone), whatever the compiler's default.
LDLIBS_mkxlsx-tool = -lzip

# Missing Debian packages, installed (a no-op when all are there).
deps:
	@scripts/install-deps

# The test suite: C unit tests and bats suites, one summary line.
check: deps
	@$(MAKE) -s all
	@tests/run

# The same suite on an ASan+UBSan build; bin/ and build/ are cleaned after.
asan:
	$(MAKE) clean-build
	$(MAKE) all CC=clang CFLAGS="-O1 -g -fsanitize=address,undefined \
	    -fno-omit-frame-pointer -fno-sanitize-recover=all"
	CBCC_ASAN=1 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    tests/run
	$(MAKE) clean-build

# The suites that run cbcc-normalize, which reads ahead on a thread of its
# own, on a ThreadSanitizer build; bin/ and build/ are cleaned after.
TSAN_SUITES = tests/normalize.bats tests/normalize-real.bats \
    tests/normalize-property.bats tests/enc.bats tests/xlsx.bats \
    tests/perf.bats tests/robust.bats tests/samples.bats
tsan:
	$(MAKE) clean-build
	$(MAKE) all CC=clang CFLAGS="-O1 -g -fsanitize=thread"
	CBCC_TSAN=1 TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
	    tests/run $(TSAN_SUITES)
	$(MAKE) clean-build

check-valgrind: all
	CBCC_VALGRIND=1 tests/run

lint:
	mandoc -Tlint -Wwarning $(MANS)

# The whole chain on the samples into DEMO_OUT, the headline figures.
DEMO_OUT = demo-out
demo: deps
	@$(MAKE) -s all
	@scripts/cbcc-demo $(DEMO_OUT)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(DATADIR)
	cp -f $(PROGS) $(DESTDIR)$(BINDIR)/
	cp -f scripts/cbcc-indicators $(DESTDIR)$(BINDIR)/
	for m in $(MANS); do \
		n=$${m##*/}; n=cbcc-$${n#cbcc-}; \
		cp -f $$m $(DESTDIR)$(MANPREFIX)/man1/$$n || exit 1; \
	done
	mkdir -p $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(DATADIR)/samples
	cp -f filters/rules/* $(DESTDIR)$(DATADIR)/rules/
	cp -f samples/* $(DESTDIR)$(DATADIR)/samples/

# Timings beside Miller on generated rosters (bench/, made once); see
# scripts/bench for BENCH_ROWS, BENCH_RUNS and BENCH_BIG.
bench:
	@scripts/install-deps --all
	@$(MAKE) -s all
	@scripts/bench

clean-build:
	rm -rf build bin

clean: clean-build

.PHONY: deps all check asan tsan check-valgrind lint demo install clean clean-build \
	fuzz fuzz-build bench
.SECONDARY:

# libFuzzer harnesses under tests/fuzz (clang), with ASan and UBSan; not
# part of "make check".  "make fuzz" runs each for FUZZ_SECONDS on a
# corpus kept in build/fuzz, seeded from tests/fuzz/seeds/NAME.
FUZZ = rec normalize cls merge xls report
FUZZ_SECONDS = 60
FUZZCC = clang
FUZZFLAGS = -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZSAN = address,undefined

FUZZOBJ = $(LIBSRC:filters/lib/%.c=build/fuzz/lib/%.o)
# What a harness links beside the library: the report's round trip reads
# its Markdown back with GitHub's parser, and its workbook with libzip.
FUZZLIBS_report = -lcmark-gfm-extensions -lcmark-gfm -lzip

fuzz-build: $(FUZZ:%=build/fuzz/fuzz-%)

build/fuzz/lib/%.o: filters/lib/%.c $(LIBHDR) $(GENHDR)
	@mkdir -p build/fuzz/lib
	$(FUZZCC) $(CPPFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer-no-link,$(FUZZSAN) \
	    -c -o $@ $<

build/fuzz/libcbcc.a: $(FUZZOBJ)
	rm -f $@
	$(AR) rcs $@ $(FUZZOBJ)

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h build/fuzz/libcbcc.a \
    $(LIBHDR) $(PROGSRC) $(PARTSRC) $(PARTHDR) $(GENHDR)
	$(FUZZCC) $(CPPFLAGS) -Ifilters $(FUZZFLAGS) -fsanitize=fuzzer,$(FUZZSAN) \
	    -Wl,--wrap=exit,--wrap=rec_open,--wrap=rec_open_src \
	    -Wl,--wrap=rec_close,--wrap=enc_open,--wrap=enc_close \
	    -Wl,--wrap=xlsx_open,--wrap=xlsx_close,--wrap=xlsx_sheet_open \
	    -Wl,--wrap=xlsx_sheet_close -o $@ $< build/fuzz/libcbcc.a $(LDLIBS) \
	    $(FUZZLIBS_$*)

fuzz: fuzz-build
	for t in $(FUZZ); do \
		mkdir -p build/fuzz/corpus-$$t || exit 1; \
		ASAN_OPTIONS=detect_leaks=0 build/fuzz/fuzz-$$t \
		    -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=2 \
		    -detect_leaks=0 -print_final_stats=1 \
		    -artifact_prefix=build/fuzz/crash-$$t- \
		    build/fuzz/corpus-$$t tests/fuzz/seeds/$$t || exit 1; \
	done
