# Guest programs of the emulator's own tests (emulator/tests/), per target.
EMU_TEST_PROGS := enosys args stress

define emu_test_rules
$(BUILD)/guest/$(1)/emulator/$(2): emulator/tests/src/$(2).c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -D_GNU_SOURCE -o $$@ $$<
all: $(BUILD)/guest/$(1)/emulator/$(2)
endef
$(foreach t,$(TARGETS),$(foreach p,$(EMU_TEST_PROGS),$(eval $(call emu_test_rules,$(t),$(p)))))
