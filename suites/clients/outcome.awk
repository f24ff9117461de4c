# The outcome of a Go test binary run with -test.v=false: what the real
# guest's baseline keeps and the subject's run is compared on. Arguments:
# the binary's stdout followed by the status line the runner appends, then
# its stderr. Timings ("(0.01s)") vary from run to run and are dropped; so
# are the failing tests' log lines and a crash's goroutine dump.
#   PASS | FAIL                     the binary's verdict
#   --- FAIL: TestName              each failing top-level test
#   panic: ... | fatal error: ...   the first line saying why the binary
#                                   crashed (its stderr), if it did
#   == exit N | == signal N         how the binary ended
FNR == NR && /^(PASS|FAIL)$/ { print; next }
FNR == NR && /^--- FAIL: / { sub(/ \([0-9.]+s\)$/, ""); print; next }
FNR == NR && /^== / { status = $0; next }
FNR != NR && !crash && /^(panic|fatal error): / { crash = $0; print }
END { print status }
