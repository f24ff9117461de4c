# A C program doing fork/exec/wait, vfork/exec and posix_spawn in loops.
# arch: armel mips64el
set -e
gcc -O2 -o spawn /mimic-cases/files/spawn.c
./spawn 300
