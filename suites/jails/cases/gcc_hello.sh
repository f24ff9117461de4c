# gcc (cc1, as, collect2, ld through vfork/exec): hello world compiled,
# linked and run; the object and the executable must be byte-identical to
# those gcc writes on the real guest.
# arch: armel mips64el
set -e
cp /mimic-cases/files/hello.c .
gcc -O2 -c hello.c -o hello.o
sha256sum hello.o
gcc -o hello hello.o
sha256sum hello
./hello
gcc -O2 -o hello2 hello.c
cmp hello hello2 && echo "one step: same executable"
