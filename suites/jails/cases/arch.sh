# The machine the kernel reports and the jail's Debian architecture (the
# BusyBox jail's dpkg applet has no --print-architecture: it says so).
# arch: armel mips64el mips64
uname -m
if dpkg --print-architecture >arch 2>/dev/null; then
	cat arch
else
	echo "dpkg --print-architecture: not supported"
fi
