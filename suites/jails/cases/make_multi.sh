# make building a program of several C files (gcc once per file, then a
# link), run, rebuilt after a header changes, and cleaned.
# arch: armel mips64el
set -e
cp /mimic-cases/files/multi/* .
make
./sums 10 100 1000
sha256sum count.o sums.o main.o sums
make
# Only the header is made newer: a fixed date for the objects would lie
# in the future on the raspi0 guest, whose clock starts at 1970.
touch sums.h
make
make clean
ls
