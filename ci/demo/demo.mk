# The demo program run by ci/demo, built for every target.
define demo_rules
$(BUILD)/guest/$(1)/demo/hello: ci/demo/hello.c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -o $$@ $$<
all: $(BUILD)/guest/$(1)/demo/hello
endef
$(foreach t,$(TARGETS),$(eval $(call demo_rules,$(t))))
