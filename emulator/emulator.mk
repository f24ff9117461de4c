# The emulator: every C file under emulator/ goes into one static x86-64
# binary, so new parts are picked up without editing this fragment
# (emulator/tests/ holds its own tests, not part of the binary).

EMU_SRCS   := $(filter-out emulator/tests/%,$(wildcard emulator/*.c emulator/*/*.c emulator/*/*/*.c emulator/*/*/*/*.c))
# The FreeBSD system call table, generated from syscalls.tbl (the facts of
# FreeBSD's syscalls.master: make fbsd-syscalls).
FBSD_TABLE := $(BUILD)/gen/os/freebsd/fbsd_table.c
EMU_SRCS   += $(FBSD_TABLE)
EMU_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -Iemulator -MMD -MP
EMU_OBJS   := $(EMU_SRCS:%.c=$(BUILD)/obj/%.o)
EMU_AOBJS  := $(EMU_SRCS:%.c=$(BUILD)/obj-asan/%.o)
EMU_ASAN   := -fsanitize=address,undefined -fno-omit-frame-pointer -g
EMU_TOBJS  := $(EMU_SRCS:%.c=$(BUILD)/obj-tsan/%.o)
EMU_COBJS  := $(EMU_SRCS:%.c=$(BUILD)/obj-count/%.o)
# GCC warns that TSan does not model __atomic_thread_fence (-Wtsan); the
# fences stay, and a report they would have prevented is still a report.
EMU_TSAN   := -fsanitize=thread -fno-omit-frame-pointer -g -Wno-tsan

all: $(BUILD)/mimic

$(FBSD_TABLE): emulator/os/freebsd/syscalls.tbl emulator/os/freebsd/tbl_to_c.awk
	@mkdir -p $(@D)
	awk -f emulator/os/freebsd/tbl_to_c.awk $< >$@.tmp && mv $@.tmp $@

# syscalls.tbl again from a FreeBSD source tree's sys/kern/syscalls.master.
.PHONY: fbsd-syscalls
fbsd-syscalls:
	@test -n "$(FREEBSD_MASTER)" || { echo "make fbsd-syscalls FREEBSD_MASTER=.../sys/kern/syscalls.master FREEBSD_SOURCE='what it is'" >&2; exit 2; }
	awk -v source="$(FREEBSD_SOURCE)" -f emulator/os/freebsd/gen_syscalls.awk "$(FREEBSD_MASTER)" \
		>emulator/os/freebsd/syscalls.tbl.tmp && mv emulator/os/freebsd/syscalls.tbl.tmp emulator/os/freebsd/syscalls.tbl

.PHONY: mimic-asan mimic-tsan mimic-count
mimic-asan: $(BUILD)/mimic-asan
mimic-tsan: $(BUILD)/mimic-tsan
mimic-count: $(BUILD)/mimic-count

$(BUILD)/mimic: $(EMU_OBJS)
	$(HOST_CC) -static -o $@ $(EMU_OBJS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(EMU_CFLAGS) -c -o $@ $<

# Sanitiser build for tests: not static (the sanitiser runtimes need libc.so).
$(BUILD)/mimic-asan: $(EMU_AOBJS)
	$(HOST_CC) $(EMU_ASAN) -o $@ $(EMU_AOBJS)

$(BUILD)/obj-asan/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(EMU_CFLAGS) $(EMU_ASAN) -c -o $@ $<

# ThreadSanitizer build for the threads tests: not static either, and its
# own objects (TSan and ASan cannot share a binary).
$(BUILD)/mimic-tsan: $(EMU_TOBJS)
	$(HOST_CC) $(EMU_TSAN) -o $@ $(EMU_TOBJS)

$(BUILD)/obj-tsan/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(EMU_CFLAGS) $(EMU_TSAN) -c -o $@ $<

# Counting build for harness/benchmark: prints the guest instructions run
# when the guest exits (cpu/icache.h).
$(BUILD)/mimic-count: $(EMU_COBJS)
	$(HOST_CC) -static -o $@ $(EMU_COBJS)

$(BUILD)/obj-count/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(EMU_CFLAGS) -DMIMIC_COUNT_INSNS -c -o $@ $<

-include $(EMU_OBJS:.o=.d) $(EMU_AOBJS:.o=.d) $(EMU_TOBJS:.o=.d) $(EMU_COBJS:.o=.d)
