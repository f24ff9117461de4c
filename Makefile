# mimic: `make` builds the emulator (build/mimic, a static x86-64 binary)
# and every guest test program with Debian's cross compilers.
# Each part has its own fragment; this file only wires them together.

BUILD    ?= build
HOST_CC  ?= gcc

# Guest targets and their Debian cross compilers. Guest programs are static
# so the same binary runs in the real guest and under any subject.
TARGETS        := armv6 mips64 mips64el
armv6_CC       := arm-linux-gnueabi-gcc
armv6_CFLAGS   := -march=armv6k -marm -mfloat-abi=soft -O2 -static -Wall -Wextra -Werror
mips64_CC      := mips64-linux-gnuabi64-gcc
mips64_CFLAGS  := -march=mips64r2 -mabi=64 -O2 -static -Wall -Wextra -Werror
mips64el_CC     := mips64el-linux-gnuabi64-gcc
mips64el_CFLAGS := -march=mips64r2 -mabi=64 -O2 -static -Wall -Wextra -Werror

.PHONY: all clean check print-targets
all:

include emulator/emulator.mk
include emulator/tests/tests.mk
include suites/lib/lib.mk
include suites/isa/isa.mk
include suites/syscalls/syscalls.mk
include suites/clients/clients.mk
include suites/freebsd/freebsd.mk
include harness/harness.mk
include harness/bench/bench.mk
include ci/demo/demo.mk

clean:
	rm -rf $(BUILD)

# The guest targets, for scripts (harness/scoreboard, harness/benchmark).
print-targets:
	@echo $(TARGETS)

# Same as ci/test without the package set-up.
check: all
	kyua test
