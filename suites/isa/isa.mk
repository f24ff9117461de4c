# ISA suite: a host generator (isa-gen, Capstone-checked encoding patterns)
# writes one assembly source per instruction group and target; each is
# linked with the target's runtime (suites/isa/<target>/runtime) into a
# static guest program build/guest/<target>/isa/<group>. GROUPS lists the
# programs (the Kyua glue reads it), COVERAGE the mnemonics exercised,
# MNEMONICS the same per state plus the probe groups' candidates (for
# harness/coverage).
# A new target needs its generator tables and a runtime directory; targets
# that differ only in byte order share one (isa_arch_<target>). Every
# runtime also gets suites/isa/common (signal names).

ISA_GEN      := $(BUILD)/host/isa-gen
ISA_GEN_SRCS := $(wildcard suites/isa/gen/*.c)
ISA_GEN_HDRS := $(wildcard suites/isa/gen/*.h)

$(ISA_GEN): $(ISA_GEN_SRCS) $(ISA_GEN_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $(ISA_GEN_SRCS) -lcapstone

# Vector code and the memory window sit at fixed addresses, away from
# common operand values, so no transcript depends on the link layout.
isa_armv6_LDFLAGS := -no-pie -Wl,--section-start=.isa_code=0x01a50000,--section-start=.isa_win=0x01c50000
# .isa_code must match M_CODE_BASE (gen/mips64.h): J targets are absolute.
isa_mips64_LDFLAGS := -no-pie -Wl,--section-start=.isa_code=0x121a50000,--section-start=.isa_win=0x121c50000
isa_mips64el_LDFLAGS := $(isa_mips64_LDFLAGS)
isa_arch_mips64el := mips64

ISA_COMMON := $(wildcard suites/isa/common/*.c)

# $(1): target. Generated sources go to $(BUILD)/gen/isa/$(1); the runtime
# is compiled once; the group programs are linked in one recipe because the
# group list is only known once the generator has run. Each group is
# assembled to a named object first: a compiler temporary's random name
# would end up in the symbol table and make the binary differ per build.
define isa_target
isa_$(1)_ARCH := $(or $(isa_arch_$(1)),$(1))
isa_$(1)_OUT  := $(BUILD)/guest/$(1)/isa
isa_$(1)_GEN  := $(BUILD)/gen/isa/$(1)
isa_$(1)_RTD  := suites/isa/$$(isa_$(1)_ARCH)/runtime
isa_$(1)_RTS  := $$(wildcard $$(isa_$(1)_RTD)/*.c $$(isa_$(1)_RTD)/*.S)
isa_$(1)_RTH  := $$(wildcard $$(isa_$(1)_RTD)/*.h suites/isa/common/*.h)
isa_$(1)_OBJS := $$(patsubst $$(isa_$(1)_RTD)/%,$$(isa_$(1)_GEN)/rt/%.o,$$(isa_$(1)_RTS)) \
	$$(patsubst suites/isa/common/%,$$(isa_$(1)_GEN)/rt/%.o,$(ISA_COMMON))
# The VFP runtime (armv6): the runtime again with ISA_VFP plus runtime/vfp/,
# linked only into the groups isa-gen marks with a <group>.vfp file, so the
# other groups' programs (and their baselines' sha256) stay as they were.
isa_$(1)_VRTS := $$(wildcard $$(isa_$(1)_RTD)/vfp/*.S)
isa_$(1)_VOBJS := $$(if $$(isa_$(1)_VRTS),$$(patsubst $$(isa_$(1)_RTD)/%,$$(isa_$(1)_GEN)/rt-vfp/%.o,\
	$$(isa_$(1)_RTS) $$(isa_$(1)_VRTS)) $$(patsubst suites/isa/common/%,$$(isa_$(1)_GEN)/rt/%.o,$(ISA_COMMON)))

$$(isa_$(1)_GEN)/rt/%.o: $$(isa_$(1)_RTD)/% $$(isa_$(1)_RTH)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -c -o $$@ $$<

$$(isa_$(1)_GEN)/rt-vfp/%.o: $$(isa_$(1)_RTD)/% $$(isa_$(1)_RTH) $$(wildcard $$(isa_$(1)_RTD)/vfp/*.h)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -DISA_VFP -c -o $$@ $$<

$$(isa_$(1)_GEN)/rt/%.o: suites/isa/common/% $$(isa_$(1)_RTH)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -c -o $$@ $$<

$$(isa_$(1)_OUT)/GROUPS: $(ISA_GEN) $$(isa_$(1)_OBJS) $$(isa_$(1)_VOBJS) suites/isa/isa.mk
	@mkdir -p $$(isa_$(1)_OUT) $$(isa_$(1)_GEN)
	$(ISA_GEN) --target $(1) --out $$(isa_$(1)_GEN) --groups $$(isa_$(1)_GEN)/GROUPS \
		--coverage $$(isa_$(1)_OUT)/COVERAGE --mnemonics $$(isa_$(1)_OUT)/MNEMONICS
	@set -e; for g in $$$$(cat $$(isa_$(1)_GEN)/GROUPS); do \
		echo "  LD isa/$(1)/$$$$g"; \
		rt="$$(isa_$(1)_OBJS)"; [ ! -f $$(isa_$(1)_GEN)/$$$$g.vfp ] || rt="$$(isa_$(1)_VOBJS)"; \
		$$($(1)_CC) $$($(1)_CFLAGS) -c -o $$(isa_$(1)_GEN)/$$$$g.o $$(isa_$(1)_GEN)/$$$$g.S; \
		$$($(1)_CC) $$($(1)_CFLAGS) $$(isa_$(1)_LDFLAGS) -o $$(isa_$(1)_OUT)/$$$$g \
			$$(isa_$(1)_GEN)/$$$$g.o $$$$rt; \
	done
	cp $$(isa_$(1)_GEN)/GROUPS $$@

all: $$(isa_$(1)_OUT)/GROUPS
endef

$(foreach t,$(TARGETS),$(eval $(call isa_target,$(t))))
