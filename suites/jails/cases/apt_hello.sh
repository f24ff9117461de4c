# apt-get install of Debian's real hello package from the jail's local
# repository (/var/local/mimic-repo, made by harness/jail create --preset
# suite), run, apt-get remove. apt's lists and source list stay in the
# case's directory: the jail's own apt state is not touched.
# arch: armel mips64el
echo "deb [trusted=yes] file:/var/local/mimic-repo ./" >mimic-repo.list
mkdir -p lists/partial
set -- -o Dir::Etc::SourceList="$PWD/mimic-repo.list" -o Dir::Etc::SourceParts=/nonexistent \
	-o Dir::State::Lists="$PWD/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
	-o APT::Sandbox::User=root
# run WHAT CMD...: CMD's exit status, and its output only when it failed.
run() {
	what=$1
	shift
	"$@" >log 2>&1
	st=$?
	echo "$what: exit $st"
	[ $st -eq 0 ] || cat log
}
run "apt-get update" apt-get "$@" update
run "apt-get install hello" apt-get "$@" -y install hello
dpkg-query -W -f '${Package} ${Status}\n' hello
hello
hello -g "from the jail"
run "apt-get remove hello" apt-get "$@" -y remove hello
# (not command -v: dash remembers where it found hello)
if [ -e /usr/bin/hello ]; then echo "hello is still installed"; else echo "hello is gone"; fi
