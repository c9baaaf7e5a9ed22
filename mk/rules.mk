# The built-in rules of cbcc-classify-education: generated from the tables
# under filters/rules by scripts/rules2c.
RULES = $(sort $(wildcard filters/rules/*.rules))

build/cls-rules.h: $(RULES) scripts/rules2c
	@mkdir -p build
	scripts/rules2c $(RULES) >$@.tmp && mv $@.tmp $@

GENHDR += build/cls-rules.h
