# Go clients: test binaries of standard-library packages (go test -c) and
# our own Go programs (suites/clients/src/<name>/), built with Debian's
# golang-go, static (CGO_ENABLED=0), into $(BUILD)/guest/<t>/clients/ with
#   PROGRAMS  every program's name
#   ARGS      NAME ARG...: the arguments each program runs with, in the
#             real guest (harness/record) and under the subject (Kyua)
#   OUTCOME   the test binaries: their baselines keep only the verdict
#             lines (suites/clients/outcome.awk)
# The packages, their flags and -test.run subsets are in gotests.mk.

include suites/clients/gotests.mk

GO ?= go
# Go's build cache and GOPATH live in $(BUILD), so nothing is written under
# $HOME and a clean clone builds alike. harness/record --committed shares the
# worktree's cache (Go's cache is keyed by content and safe to share).
CLIENTS_GOCACHE ?= $(abspath $(BUILD))/go/cache
CLIENTS_GOENV = GOCACHE=$(CLIENTS_GOCACHE) GOPATH=$(abspath $(BUILD))/go/path \
	GOENV=off GO111MODULE=off GOPROXY=off GOFLAGS="-trimpath -buildvcs=false" CGO_ENABLED=0 GOOS=linux

# Go flavours of each target, PREFIX:GOARCH:GOARM; a program's name is
# PREFIX_<package with / as _> or PREFIX_<own program>. The ARMv6 guest runs
# both ARM flavours: GOARM=5 (software floating point) and GOARM=6 (VFP).
CLIENTS_FLAVOURS_armv6    := goarm5:arm:5 goarm6:arm:6
CLIENTS_FLAVOURS_mips64   := go:mips64:
CLIENTS_FLAVOURS_mips64el := go:mips64le:

CLIENTS_OWN    := $(notdir $(wildcard suites/clients/src/*))
clients_pkg_id  = $(subst /,_,$(1))
clients_prefix  = $(word 1,$(subst :, ,$(1)))
# clients_tests T: the test binaries' names for target T.
clients_tests   = $(foreach f,$(CLIENTS_FLAVOURS_$(1)),$(foreach p,$(CLIENTS_GOTESTS),$(call clients_prefix,$(f))_$(call clients_pkg_id,$(p))))
clients_own     = $(foreach f,$(CLIENTS_FLAVOURS_$(1)),$(foreach o,$(CLIENTS_OWN),$(call clients_prefix,$(f))_$(o)))
CLIENTS_LISTS  := suites/clients/clients.mk suites/clients/gotests.mk

# $(1) target, $(2) PREFIX, $(3) GOARCH, $(4) GOARM, $(5) package.
define clients_gotest_rule
$(BUILD)/guest/$(1)/clients/$(2)_$(call clients_pkg_id,$(5)): $(CLIENTS_LISTS)
	@mkdir -p $$(@D)
	$(CLIENTS_GOENV) GOARCH=$(3) GOARM=$(4) $(GO) test -c $(CLIENTS_BUILD_$(call clients_pkg_id,$(5))) -o $$@ $(5)
endef

# $(1) target, $(2) PREFIX, $(3) GOARCH, $(4) GOARM, $(5) own program. Each
# is a module of its own (no dependencies): outside a module Go names the
# package after its absolute directory, which -trimpath keeps in the binary.
define clients_own_rule
$(BUILD)/guest/$(1)/clients/$(2)_$(5): $(wildcard suites/clients/src/$(5)/*.go suites/clients/src/$(5)/go.mod) $(CLIENTS_LISTS)
	@mkdir -p $$(@D)
	cd suites/clients/src/$(5) && $(CLIENTS_GOENV) GO111MODULE=on GOARCH=$(3) GOARM=$(4) \
		$(GO) build -o $$(abspath $$@) .
endef

clients_f = $(word $(1),$(subst :, ,$(2)))
$(foreach t,$(TARGETS),$(foreach f,$(CLIENTS_FLAVOURS_$(t)),$(foreach p,$(CLIENTS_GOTESTS),$(eval \
	$(call clients_gotest_rule,$(t),$(call clients_f,1,$(f)),$(call clients_f,2,$(f)),$(call clients_f,3,$(f)),$(p))))))
$(foreach t,$(TARGETS),$(foreach f,$(CLIENTS_FLAVOURS_$(t)),$(foreach o,$(CLIENTS_OWN),$(eval \
	$(call clients_own_rule,$(t),$(call clients_f,1,$(f)),$(call clients_f,2,$(f)),$(call clients_f,3,$(f)),$(o))))))

# The lists; the source directory's time changes when a program is added.
$(BUILD)/guest/%/clients/PROGRAMS: $(CLIENTS_LISTS) suites/clients/src
	@mkdir -p $(@D)
	printf '%s\n' $(call clients_tests,$*) $(call clients_own,$*) >$@

$(BUILD)/guest/%/clients/OUTCOME: $(CLIENTS_LISTS)
	@mkdir -p $(@D)
	printf '%s\n' $(call clients_tests,$*) >$@

# clients_run ID: a -test.run option for the tests listed in
# suites/clients/tests/ID (one name a line, # comments), if that file exists.
CLIENTS_TESTS   = $(wildcard suites/clients/tests/*)
clients_names   = $(shell sed 's/\#.*//' suites/clients/tests/$(1))
clients_run     = $(if $(wildcard suites/clients/tests/$(1)),-test.run=^($(subst $(eval) ,|,$(strip $(call clients_names,$(1)))))$$)

$(BUILD)/guest/%/clients/ARGS: $(CLIENTS_LISTS) $(CLIENTS_TESTS) suites/clients/tests
	@mkdir -p $(@D)
	@echo "write $@"
	@printf '%s\n' $(foreach f,$(CLIENTS_FLAVOURS_$*),$(foreach p,$(CLIENTS_GOTESTS),'$(strip \
		$(call clients_prefix,$(f))_$(call clients_pkg_id,$(p)) $(CLIENTS_TEST_FLAGS) \
		$(call clients_run,$(call clients_pkg_id,$(p))))')) >$@

all: $(foreach t,$(TARGETS),$(addprefix $(BUILD)/guest/$(t)/clients/,\
	$(call clients_tests,$(t)) $(call clients_own,$(t)) PROGRAMS OUTCOME ARGS))
