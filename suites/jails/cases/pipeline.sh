# A shell pipeline (seq, awk, sort, uniq, wc, head, tr, cut) and round trips
# through tar, gzip and xz (where it compresses), compared with cmp.
# arch: armel mips64el mips64
seq 1 20000 | awk '{ print ($1 * 7919) % 613 }' | sort -n | uniq -c | sort -k1,1nr -k2,2n | head -5
seq 1 20000 | tr 0-9 a-j | sort | uniq | wc -l
printf 'b 2\na 1\nc 3\na 4\n' | sort | cut -d' ' -f1 | uniq -c
mkdir -p d/sub
seq 1 3000 >d/numbers
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "line %d %s\n", i, (i % 3 ? "x" : "yy") }' >d/sub/lines
sha256sum d/numbers d/sub/lines
tar -cf t.tar d
mkdir out
tar -C out -xf t.tar
cmp d/numbers out/d/numbers && cmp d/sub/lines out/d/sub/lines && echo "tar: same files"
gzip -9 -n -c d/sub/lines >lines.gz
sha256sum lines.gz
gzip -d -c lines.gz | cmp - d/sub/lines && echo "gzip: same file"
tar -czf t.tgz d && rm -r out && mkdir out && tar -C out -xzf t.tgz && cmp d/numbers out/d/numbers && echo "tar z: same files"
# (BusyBox's xz only decompresses)
if echo | xz -c >/dev/null 2>&1; then
	xz -6 -c d/sub/lines >lines.xz
	sha256sum lines.xz
	xz -d -c lines.xz | cmp - d/sub/lines && echo "xz: same file"
	tar -cJf t.txz d && rm -r out && mkdir out && tar -C out -xJf t.txz && cmp d/sub/lines out/d/sub/lines &&
		echo "tar J: same files"
else
	echo "xz: no compressor"
fi
