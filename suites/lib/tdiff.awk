# Readable comparison of two transcripts: expected (first file) and actual
# (second). Lines that differ are shown as a pair; the common prefix (the
# instruction and its inputs, for ISA transcripts) is printed once.
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

END {
	shown = 0; differ = 0
	n = ne > na ? ne : na
	for (i = 1; i <= n; i++) {
		e = (i <= ne) ? want[i] : "<missing line>"
		a = (i <= na) ? got[i] : "<missing line>"
		if (e == a)
			continue
		differ++
		if (shown >= 25)
			continue
		shown++
		p = (i <= ne && i <= na) ? common_prefix(e, a) : 0
		printf("line %d: %s\n", i, p > 0 ? substr(e, 1, p) : "")
		printf("    expected: %s\n", substr(e, p + 1))
		printf("    actual:   %s\n", substr(a, p + 1))
	}
	printf("%d of %d expected lines differ (%d lines from the subject)\n", differ, ne, na)
}
