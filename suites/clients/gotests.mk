# Standard-library packages whose test binaries (go test -c) are clients.
CLIENTS_GOTESTS := strings strconv sort sync sync/atomic runtime time os os/exec \
	syscall math/big encoding/json

# Flags every test binary runs with, in the real guest and under the subject:
#   -test.short    the packages' own quick mode
#   -test.v=false  only failures and the verdict are printed
#   -test.cpu=2    GOMAXPROCS 2 on the single-CPU guests and on any host
#   -test.timeout  below the Kyua case's timeout, so a slow run still reports
CLIENTS_TEST_FLAGS := -test.short -test.v=false -test.cpu=2 -test.timeout=3m

# Per package (its path with / as _, the <id>): suites/clients/tests/<id>,
# if present, lists the tests that run and says why the others do not;
# CLIENTS_BUILD_<id> adds go test -c flags.

# The time zones the tests load come with the binary: the guest has no
# /usr/share/zoneinfo (a host's, where present, holds the same zones).
CLIENTS_BUILD_time := -tags=timetzdata
