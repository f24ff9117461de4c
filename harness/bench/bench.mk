# Benchmark programs: each built for every guest target and natively (host).
# All static but start-dyn, the dynamic-linked start-up; fp is built
# without contraction so every subject computes the native checksum.
BENCH_PROGS := start work fp branchy spawn
BENCH_FLAGS := -ffp-contract=off

define bench_rules
$(BUILD)/bench/$(1)/$(2): harness/bench/$(2).c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) $(BENCH_FLAGS) -o $$@ $$< -lm
all: $(BUILD)/bench/$(1)/$(2)
endef
$(foreach t,$(TARGETS),$(foreach p,$(BENCH_PROGS),$(eval $(call bench_rules,$(t),$(p)))))

define bench_dyn_rules
$(BUILD)/bench/$(1)/start-dyn: harness/bench/start.c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$(filter-out -static,$$($(1)_CFLAGS)) -o $$@ $$<
all: $(BUILD)/bench/$(1)/start-dyn
endef
$(foreach t,$(TARGETS),$(eval $(call bench_dyn_rules,$(t))))

$(BUILD)/bench/native/start-dyn: harness/bench/start.c
	@mkdir -p $(@D)
	$(HOST_CC) -O2 -Wall -Wextra -Werror -o $@ $<
$(BUILD)/bench/native/%: harness/bench/%.c
	@mkdir -p $(@D)
	$(HOST_CC) -O2 -static $(BENCH_FLAGS) -Wall -Wextra -Werror -o $@ $< -lm
all: $(addprefix $(BUILD)/bench/native/,$(BENCH_PROGS) start-dyn)
