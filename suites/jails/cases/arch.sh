# The machine the kernel reports and, where dpkg exists, the jail's Debian
# architecture.
# arch: armel mips64el mips64
uname -m
if command -v dpkg >/dev/null; then
	dpkg --print-architecture
fi
