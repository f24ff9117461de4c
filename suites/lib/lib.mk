# Host helpers of the conformance glue (suites/lib/conformance.subr).
WSTATUS := $(BUILD)/host/wstatus

all: $(WSTATUS)

$(WSTATUS): suites/lib/wstatus.c
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<
