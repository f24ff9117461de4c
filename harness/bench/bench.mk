# Benchmark programs: each built for every guest target and natively (host),
# all static, so start-up and work compare like for like.
BENCH_PROGS := start work

define bench_rules
$(BUILD)/bench/$(1)/$(2): harness/bench/$(2).c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -o $$@ $$<
all: $(BUILD)/bench/$(1)/$(2)
endef
$(foreach t,$(TARGETS),$(foreach p,$(BENCH_PROGS),$(eval $(call bench_rules,$(t),$(p)))))

$(BUILD)/bench/native/%: harness/bench/%.c
	@mkdir -p $(@D)
	$(HOST_CC) -O2 -static -Wall -Wextra -Werror -o $@ $<
all: $(addprefix $(BUILD)/bench/native/,$(BENCH_PROGS))
