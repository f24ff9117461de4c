# FreeBSD programs (issue 11): Go's standard-library tests and a hello
# world built for freebsd/arm by Debian's Go, and a freestanding program
# from clang per FreeBSD target (armv6, mips64, mips64el). They check
# themselves (no guest baselines: no FreeBSD guest boots here);
# suites/freebsd/<target>/freebsd_test runs them.
FBSD_OUT := $(BUILD)/guest/freebsd-armv6
# The packages whose tests pass under mimic (suites/freebsd/README.md).
FBSD_GO_PKGS := strings strconv sort math sync sync/atomic os syscall time runtime net io bufio os/signal
FBSD_GO_ENV := GOCACHE=$(abspath $(BUILD))/go-cache GOOS=freebsd GOARCH=arm CGO_ENABLED=0

$(FBSD_OUT)/fbsd_sys: suites/freebsd/src/fbsd_sys.c suites/freebsd/src/stub_armv6.S
	@mkdir -p $(@D)
	clang --target=armv6-unknown-freebsd13 -ffreestanding -nostdlib -static -fuse-ld=lld -O2 \
		-Wall -Wextra -Werror -o $@ $^
all: $(FBSD_OUT)/fbsd_sys

# The armv7 model's self-check: built for armv6 (its C reference code
# uses no ARMv7 instruction), the instructions under test in .arch
# armv7-a assembly.
$(FBSD_OUT)/fbsd_armv7: suites/freebsd/src/fbsd_armv7.c suites/freebsd/src/stub_armv6.S
	@mkdir -p $(@D)
	clang --target=armv6-unknown-freebsd13 -ffreestanding -nostdlib -static -fuse-ld=lld -O2 \
		-Wall -Wextra -Werror -o $@ $^
all: $(FBSD_OUT)/fbsd_armv7

# n64 without abicalls: the stub sets $gp for small data itself.
$(BUILD)/guest/freebsd-mips64/fbsd_sys: suites/freebsd/src/fbsd_sys.c suites/freebsd/src/stub_mips64.S
	@mkdir -p $(@D)
	clang --target=mips64-unknown-freebsd13 -ffreestanding -nostdlib -static -fuse-ld=lld -fno-pic \
		-mno-abicalls -O2 -Wall -Wextra -Werror -o $@ $^
all: $(BUILD)/guest/freebsd-mips64/fbsd_sys

$(BUILD)/guest/freebsd-mips64el/fbsd_sys: suites/freebsd/src/fbsd_sys.c suites/freebsd/src/stub_mips64.S
	@mkdir -p $(@D)
	clang --target=mips64el-unknown-freebsd13 -ffreestanding -nostdlib -static -fuse-ld=lld -fno-pic \
		-mno-abicalls -O2 -Wall -Wextra -Werror -o $@ $^
all: $(BUILD)/guest/freebsd-mips64el/fbsd_sys

# Without Debian's golang-go the Go cases skip (freebsd_test says so).
# Two sets: GOARM=6 in go/ (run on the default arm1176 model) and GOARM=7
# in go7/ (ARMv7 instructions: run with -cpu armv7).
ifneq ($(shell command -v go 2>/dev/null),)
# time's tests load America/Los_Angeles from $GOROOT/lib/time/zoneinfo.zip,
# which Debian's golang-go does not ship: the timetzdata tag embeds Go's
# own copy (time/tzdata), the fallback loadLocation then uses.
FBSD_GO_TAGS_time := timetzdata

# $(1): the output directory, $(2): GOARM.
define fbsd_go_hello
$(FBSD_OUT)/$(1)/hello: suites/freebsd/src/hello.go
	@mkdir -p $$(@D)
	$(FBSD_GO_ENV) GOARM=$(2) go build -trimpath -o $$@ $$<
all: $(FBSD_OUT)/$(1)/hello
endef

# One test binary per package: go test -c, named after the package;
# $(1): the package, $(2): the output directory, $(3): GOARM.
define fbsd_go_test
$(FBSD_OUT)/$(2)/$(subst /,_,$(1)).test:
	@mkdir -p $$(@D)
	$(FBSD_GO_ENV) GOARM=$(3) go test -c -trimpath $(if $(FBSD_GO_TAGS_$(1)),-tags $(FBSD_GO_TAGS_$(1))) -o $$@ $(1)
all: $(FBSD_OUT)/$(2)/$(subst /,_,$(1)).test
endef
$(eval $(call fbsd_go_hello,go,6))
$(eval $(call fbsd_go_hello,go7,7))
$(foreach p,$(FBSD_GO_PKGS),$(eval $(call fbsd_go_test,$(p),go,6)))
$(foreach p,$(FBSD_GO_PKGS),$(eval $(call fbsd_go_test,$(p),go7,7)))
endif
