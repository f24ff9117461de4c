# The outcome of a Go test binary run with -test.v=false, from its stdout
# and the status line the runner appends: what the real guest's baseline
# keeps and the subject's run is compared on. Timings ("(0.01s)") vary from
# run to run and are dropped; so are the failing tests' log lines (a panic's
# report goes to stderr, its exit status 2 stays).
#   PASS | FAIL                  the binary's verdict
#   --- FAIL: TestName           each failing top-level test
#   == exit N | == signal N      how the binary ended
/^(PASS|FAIL)$/ { print; next }
/^--- FAIL: / { sub(/ \([0-9.]+s\)$/, ""); print; next }
/^== / { print }
