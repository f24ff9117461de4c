# harness: the baseline guest's runner (/init), built per target as
# $(BUILD)/guest/<target>/init. harness/record packs it with the test
# programs into the initramfs of the real guest.

HARNESS_GUEST_SRC := $(sort $(wildcard harness/guest/*.c))
HARNESS_GUEST_DEP := $(HARNESS_GUEST_SRC) $(wildcard harness/guest/*.h) harness/harness.mk

# One target's rules; $(1) is the target name (armv6, mips64 ...).
define harness_rules
$(BUILD)/guest/$(1)/init: $(HARNESS_GUEST_DEP)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -std=c11 -o $$@ $(HARNESS_GUEST_SRC)

all: $(BUILD)/guest/$(1)/init
endef

$(foreach t,$(TARGETS),$(eval $(call harness_rules,$(t))))

# harness/record reads the build settings from here: make -s harness-var-armv6_CC
.PHONY: harness-var-%
harness-var-%:
	@printf '%s\n' '$($*)'
