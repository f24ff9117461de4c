# harness: the baseline guests' runners (/init), built per target:
# $(BUILD)/guest/<target>/init (harness/record packs it with the test
# programs into the initramfs) and $(BUILD)/guest/<target>/jail-init
# (harness/record_jail: runs the jail cases in a jail tree on the disk).

HARNESS_GUEST_COMMON := harness/guest/console.c harness/guest/describe.c harness/guest/run_test.c \
			harness/guest/session.c
HARNESS_GUEST_DEP := $(wildcard harness/guest/*.c harness/guest/*.h) harness/harness.mk

# One target's rules; $(1) is the target name (armv6, mips64 ...).
define harness_rules
$(BUILD)/guest/$(1)/init: $(HARNESS_GUEST_DEP)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -std=c11 -o $$@ $(HARNESS_GUEST_COMMON) harness/guest/init.c

$(BUILD)/guest/$(1)/jail-init: $(HARNESS_GUEST_DEP)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -std=c11 -o $$@ $(HARNESS_GUEST_COMMON) harness/guest/jail_init.c

all: $(BUILD)/guest/$(1)/init $(BUILD)/guest/$(1)/jail-init
endef

$(foreach t,$(TARGETS),$(eval $(call harness_rules,$(t))))

# harness/record reads the build settings from here: make -s harness-var-armv6_CC
.PHONY: harness-var-%
harness-var-%:
	@printf '%s\n' '$($*)'
