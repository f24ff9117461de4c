# bash job control without a terminal (setsid: no controlling terminal on
# any system): background jobs in process groups of their own, jobs,
# kill %N, wait, fg. bash's notices of finished jobs ("[1]+ Done ...") come
# when it happens to reap them, so they are left out.
# arch: armel mips64el
setsid -w bash -c '
set -m
sleep 5 &
p=$!
jobs | sed "s/^/jobs: /"
set -- $(cat /proc/$p/stat)
[ "$5" = "$p" ] && echo "the job leads its own process group"
kill %1
wait $p
echo "wait after kill: $?"
(exit 3) &
wait $!
echo "wait: $?"
sleep 2 &
fg %1
echo "fg: $?"
for i in 1 2 3; do (exit $i) & done
wait
echo "all waited: $(jobs -r | wc -l) jobs running"
' >log 2>&1
st=$?
grep -v '^\[[0-9]*\][-+ ] ' log
echo "bash: exit $st"
