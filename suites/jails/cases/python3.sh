# python3 one-liners where the jail has python3 (the suite jails do not:
# then the case says so).
# arch: armel mips64el
if ! command -v python3 >/dev/null; then
	echo "python3: absent"
	exit 0
fi
python3 -c 'print(sorted((i * 37) % 101 for i in range(1, 13)))'
python3 -c 'import hashlib; print(hashlib.sha256(b"mimic").hexdigest())'
python3 -c 'import math; print("%.12f %r" % (math.pi, 0.1 + 0.2))'
python3 -c 'import subprocess; print(subprocess.run(["echo", "child"], capture_output=True).stdout)'
