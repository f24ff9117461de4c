# Tags each line of a transcript with the test case it belongs to, so one
# guest program gives one test case per instruction mnemonic (isa) or per
# called function (syscalls). Prints "KEY<TAB>LINE" for every line (a line
# may belong to several keys); -v header=1 skips a baseline's "# " header.
#   -v mode=isa        a vector belongs to every mnemonic of the group's
#                      COVERAGE entry (-v cov=FILE, -v group=NAME) that its
#                      Capstone text names; with none, to its first
#                      instruction's printed mnemonic.
#   -v mode=syscalls   a line "name(...)" or "syscall(SYS_name, ...)" starts
#                      name's lines; the lines after it (what the program
#                      read, FACT lines) belong to the same name.
# The status line ("== exit N") and lines before any key belong to
# __status, the case that checks how the program ended.
BEGIN {
	FS = " "
	key = "__status"
	if (mode == "isa" && cov != "") {
		while ((getline l < cov) > 0) {
			if (index(l, group ": ") != 1)
				continue
			sub(/^[^:]*:[^:]*:/, "", l)
			n = split(l, m, " ")
			for (i = 1; i <= n; i++) {
				name = m[i]
				sub(/\*$/, "", name)   # printed from the pattern's name
				known[name] = m[i]
			}
		}
		close(cov)
		split("eq ne hs cs lo cc mi pl vs vc hi ls ge lt gt le al", c, " ")
		for (i in c)
			cond[c[i]] = 1
	}
}

# ARM: Capstone prints the instruction's name with the S and condition
# suffixes and a width or data type qualifier (addseq, ldr.w, vadd.f32);
# COVERAGE lists the name alone. A condition is tried before an S so that
# "bls" is b+ls, not bl+s.
function covered(m,    b) {
	if (m in known)
		return known[m]
	sub(/\..*$/, "", m)
	if (m in known)
		return known[m]
	if (length(m) > 2 && (substr(m, length(m) - 1) in cond)) {
		b = substr(m, 1, length(m) - 2)
		if (b in known)
			return known[b]
		if (b ~ /s$/ && (substr(b, 1, length(b) - 1) in known))
			return known[substr(b, 1, length(b) - 1)]
	}
	if (m ~ /s$/ && (substr(m, 1, length(m) - 1) in known))
		return known[substr(m, 1, length(m) - 1)]
	if (m ~ /^cpsi[de]$/ && ("cps" in known))   # CPS prints its effect
		return known["cps"]
	return ""
}

function isa_keys(line,    text, n, insn, i, m, k, seen, out) {
	text = line
	sub(/ \| .*$/, "", text)
	sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", text)   # group, index, encoding
	n = split(text, insn, "; ")
	out = ""
	for (i = 1; i <= n; i++) {
		split(insn[i], m, " ")
		k = covered(m[1])
		if (k != "" && !(k in seen)) {
			seen[k] = 1
			out = out (out == "" ? "" : " ") k
		}
	}
	if (out == "") {
		split(insn[1], m, " ")
		out = m[1]
	}
	return out
}

header && !body && /^# / { next }
{ body = 1 }

/^== / { print "__status\t" $0; next }

mode == "isa" {
	n = split(isa_keys($0), k, " ")
	for (i = 1; i <= n; i++)
		print k[i] "\t" $0
	next
}

mode == "syscalls" {
	if (match($0, /^syscall\(SYS_[a-z0-9_]+/))
		key = substr($0, 13, RLENGTH - 12)
	else if (match($0, /^[a-z_][a-z0-9_]*\(/))
		key = substr($0, 1, RLENGTH - 1)
	print key "\t" $0
	next
}

{ print key "\t" $0 }
