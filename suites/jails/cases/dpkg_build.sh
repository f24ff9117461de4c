# A package made in the jail: a compiled program and maintainer scripts,
# built with dpkg-deb --build, installed with dpkg -i, run, removed with
# dpkg -r.
# arch: armel mips64el
set -e
arch=$(dpkg --print-architecture)
mkdir -p pkg/DEBIAN pkg/usr/bin
gcc -O2 -o pkg/usr/bin/mimic-demo /mimic-cases/files/demo/mimic-demo.c
sed "s/@ARCH@/$arch/" /mimic-cases/files/demo/control >pkg/DEBIAN/control
cp /mimic-cases/files/demo/postinst /mimic-cases/files/demo/prerm pkg/DEBIAN/
chmod 755 pkg/DEBIAN/postinst pkg/DEBIAN/prerm
dpkg-deb --root-owner-group -Zxz --build pkg mimic-demo.deb
dpkg-deb -f mimic-demo.deb Package Version Architecture
dpkg-deb --fsys-tarfile mimic-demo.deb | tar -t
dpkg -i mimic-demo.deb
dpkg-query -W -f '${Package} ${Version} ${Status}\n' mimic-demo
mimic-demo one two
dpkg -r mimic-demo
if [ -e /usr/bin/mimic-demo ]; then echo "mimic-demo is still installed"; fi
dpkg-query -W -f '${Status}\n' mimic-demo 2>&1 || true
