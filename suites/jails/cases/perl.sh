# perl one-liners: arithmetic, sorting, regular expressions, pack, sprintf
# of doubles, a pipe from a child and fork/wait.
# arch: armel mips64el
perl -e 'print join(",", sort { $a <=> $b } map { ($_ * 37) % 101 } 1..12), "\n"'
perl -e '$s = "a1b22c333"; @d = $s =~ /(\d+)/g; print "@d ", scalar(@d), "\n"'
perl -e 'printf "%.6f %.3e %d\n", atan2(1, 1) * 4, 1 / 3, 2**31 + 5'
perl -e 'print unpack("H*", pack("N n C a3", 0xdeadbeef, 513, 7, "xyz")), "\n"'
perl -e 'my %h = map { $_ => length $_ } qw(alpha be gamma); print join(" ", map { "$_=$h{$_}" } sort keys %h), "\n"'
perl -e 'open(my $f, "-|", "echo", "from", "a", "child") or die; print "read: ", <$f>; close $f; print "close: $?\n"'
perl -e 'for (1..20) { my $p = fork // die; exit($_ % 4) if !$p; waitpid($p, 0); $s += $? >> 8 } print "sum $s\n"'
perl -MPOSIX -e 'print POSIX::floor(-2.5), " ", POSIX::strtol("ff", 16), "\n"'
