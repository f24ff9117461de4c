# 500 runs of /bin/true from the shell, then a pipeline of 50 processes.
# arch: armel mips64el mips64
i=0
while [ $i -lt 500 ]; do
	/bin/true || echo "run $i failed"
	i=$((i + 1))
done
echo "ran /bin/true $i times"
n=0
p="echo x"
while [ $n -lt 49 ]; do p="$p | cat"; n=$((n + 1)); done
sh -c "$p"
