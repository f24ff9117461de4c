# Syscall conformance programs: suites/syscalls/src/<area>.c plus the shared
# helper in suites/syscalls/lib become build/guest/<t>/syscalls/<area> for
# every target t in TARGETS, with PROGRAMS listing them for the Kyua glue.

SYSCALLS_PROGRAMS := $(sort $(basename $(notdir $(wildcard suites/syscalls/src/*.c))))
SYSCALLS_LIB      := $(wildcard suites/syscalls/lib/*.c)
SYSCALLS_DEPS     := $(SYSCALLS_LIB) $(wildcard suites/syscalls/lib/*.h)
SYSCALLS_CFLAGS   := -std=c11 -D_GNU_SOURCE -Isuites/syscalls/lib

# One target's rules; $(1) is the target name (armv6, mips64 ...).
define syscalls_rules
$(BUILD)/guest/$(1)/syscalls/%: suites/syscalls/src/%.c $(SYSCALLS_DEPS)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) $(SYSCALLS_CFLAGS) -o $$@ $$< $(SYSCALLS_LIB) -lm

# The source directory's time changes when a program is added or removed.
$(BUILD)/guest/$(1)/syscalls/PROGRAMS: suites/syscalls/src suites/syscalls/syscalls.mk
	@mkdir -p $$(@D)
	printf '%s\n' $(SYSCALLS_PROGRAMS) >$$@

all: $(SYSCALLS_PROGRAMS:%=$(BUILD)/guest/$(1)/syscalls/%) $(BUILD)/guest/$(1)/syscalls/PROGRAMS
endef

$(foreach t,$(TARGETS),$(eval $(call syscalls_rules,$(t))))
