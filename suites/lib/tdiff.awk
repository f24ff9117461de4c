# Readable comparison of two transcripts: expected (first file) and actual
# (second). The two are aligned on their longest common subsequence of
# lines, so a missing or extra line shows as such instead of shifting every
# later line. Within a run of differing lines, expected and actual lines are
# paired and the common prefix (the instruction and its inputs, for ISA
# transcripts) is printed once.
FNR == 1 { f++ }
f == 1 { want[++ne] = $0; next }
f == 2 { got[++na] = $0; next }

function common_prefix(a, b,    i) {
	for (i = 1; i <= length(a) && substr(a, i, 1) == substr(b, i, 1); i++)
		;
	# Back up to a field boundary so the prefix ends on a whole word.
	while (i > 1 && substr(a, i - 1, 1) != " ")
		i--
	return i - 1
}

function show(line, e, a,    p) {
	differ++
	if (shown >= 25)
		return
	shown++
	p = (e != "" && a != "") ? common_prefix(e, a) : 0
	printf("line %d: %s\n", line, p > 0 ? substr(e, 1, p) : "")
	printf("    expected: %s\n", e == "" ? "<no line>" : substr(e, p + 1))
	printf("    actual:   %s\n", a == "" ? "<no line>" : substr(a, p + 1))
}

# A run of differing lines: expected lines i0..i1-1 against actual j0..j1-1.
function run(i0, i1, j0, j1,    k) {
	for (k = 0; i0 + k < i1 || j0 + k < j1; k++)
		show(i0 + k < i1 ? i0 + k : i1,
		    i0 + k < i1 ? want[i0 + k] : "", j0 + k < j1 ? got[j0 + k] : "")
}

END {
	shown = 0; differ = 0
	# Equal head and tail need no alignment.
	lo = 1
	while (lo <= ne && lo <= na && want[lo] == got[lo])
		lo++
	he = ne; ha = na
	while (he >= lo && ha >= lo && want[he] == got[ha]) {
		he--; ha--
	}
	if ((he - lo + 1) * (ha - lo + 1) > 4000000) {
		# Too large to align: pair the lines by position.
		run(lo, he + 1, lo, ha + 1)
	} else {
		# L[i, j]: length of the common subsequence of want[i..he], got[j..ha].
		for (i = he; i >= lo; i--)
			for (j = ha; j >= lo; j--)
				L[i, j] = (want[i] == got[j]) ? L[i + 1, j + 1] + 1 : \
				    (L[i + 1, j] >= L[i, j + 1] ? L[i + 1, j] : L[i, j + 1])
		i = lo; j = lo; ri = lo; rj = lo
		while (i <= he && j <= ha) {
			if (want[i] == got[j]) {
				run(ri, i, rj, j)
				i++; j++; ri = i; rj = j
			} else if (L[i + 1, j] >= L[i, j + 1]) {
				i++
			} else {
				j++
			}
		}
		run(ri, he + 1, rj, ha + 1)
	}
	if (shown < differ)
		printf("... %d more differing lines not shown\n", differ - shown)
	printf("%d of %d expected lines differ (%d lines from the subject)\n", differ, ne, na)
}
