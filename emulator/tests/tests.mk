# Guest programs of the emulator's own tests (emulator/tests/), per target.
EMU_TEST_PROGS := enosys args exec chroot_exec unknown_ioctl stress memlimit

define emu_test_rules
$(BUILD)/guest/$(1)/emulator/$(2): emulator/tests/src/$(2).c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -D_GNU_SOURCE -o $$@ $$<
all: $(BUILD)/guest/$(1)/emulator/$(2)
endef
$(foreach t,$(TARGETS),$(foreach p,$(EMU_TEST_PROGS),$(eval $(call emu_test_rules,$(t),$(p)))))

# Programs of other operating systems: one whose GNU ABI tag names
# GNU/Hurd (per target, freestanding), which mimic refuses, and for armv6
# a FreeBSD executable from Debian's Go and a freestanding one from clang,
# which its FreeBSD personality runs.
define emu_hurd_rules
$(BUILD)/guest/$(1)/emulator/gnu_hurd_tag: emulator/tests/src/gnu_hurd_tag.c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -nostdlib -Wl,-e,_start -o $$@ $$<
all: $(BUILD)/guest/$(1)/emulator/gnu_hurd_tag
endef
$(foreach t,$(TARGETS),$(eval $(call emu_hurd_rules,$(t))))

ifneq ($(filter armv6,$(TARGETS)),)
$(BUILD)/guest/armv6/emulator/freebsd_go: emulator/tests/src/freebsd.go
	@mkdir -p $(@D)
	GOCACHE=$(abspath $(BUILD))/go-cache GOOS=freebsd GOARCH=arm GOARM=6 CGO_ENABLED=0 \
		go build -trimpath -o $@ $<

$(BUILD)/guest/armv6/emulator/freebsd_clang: emulator/tests/src/freebsd.S
	@mkdir -p $(@D)
	clang --target=armv6-unknown-freebsd13 -ffreestanding -nostdlib -static -fuse-ld=lld -o $@ $<

all: $(BUILD)/guest/armv6/emulator/freebsd_go $(BUILD)/guest/armv6/emulator/freebsd_clang
endif
