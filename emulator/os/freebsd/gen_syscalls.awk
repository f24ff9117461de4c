# Makes syscalls.tbl, mimic's table of FreeBSD's system calls, from
# FreeBSD's sys/kern/syscalls.master: for each number its name as
# FreeBSD's syscalls.c spells it, the kinds of its arguments for -strace,
# which arguments are 64-bit (off_t, dev_t, id_t: a register pair on
# 32-bit ABIs) and whether the result is an off_t. Only these facts are
# kept. Run by `make fbsd-syscalls FREEBSD_MASTER=.../syscalls.master
# FREEBSD_SOURCE='what it is'`.

function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }

# The name FreeBSD's generated syscalls.c gives an entry of this type.
function entry_name(type, name) {
	if (type ~ /^COMPAT[0-9]*/) {
		t = type; sub(/\|.*/, "", t); sub(/^COMPAT/, "", t)
		return "compat" t "." name
	}
	return name
}

function arg_kind(call, a,    str, ptr, words, n, name, type) {
	str = a ~ /_In_z_|_In_z_opt_|_In_reads_z_/
	gsub(/_(In|Out|Inout|Outptr|Contains)[A-Za-z_]*(\([^)]*\))?/, "", a)
	a = trim(a)
	ptr = index(a, "*") > 0
	n = split(a, words, /[ \t*]+/)
	name = words[n]
	type = trim(substr(a, 1, length(a) - length(name)))
	sub(/^const[ \t]+/, "", type)
	wide = type ~ /^(off_t|dev_t|id_t|int64_t|uint64_t)$/
	# sysarch's parms is marked a string but is an argument block.
	if (ptr)
		return str && call != "sysarch" ? "A_STR" : "A_PTR"
	if (call == "dup2" && name == "to")
		return "A_NEWFD"
	if (name ~ /^(fd|fd1|fd2|filedes|fdes|infd|outfd|dfd|oldfd|newfd|tofd|sd|s|from)$/)
		return "A_FD"
	if (type == "mode_t")
		return "A_OCT"
	if (name ~ /^(flags|flag|atflag|oflag|prot|shmflg|semflg|msgflg|shmflags|options)$/)
		return "A_HEX"
	if (type ~ /^(size_t|u_int|u_long|unsigned|unsigned int|uint32_t|uint64_t|dev_t|__socklen_t|cpusetid_t)$/)
		return "A_UINT"
	return "A_INT"
}

# One prototype, joined into a line: "int write( int fd, ... );"
function emit_proto(num, type, proto,    lpar, rpar, head, call, list, parts, n, i, kinds, nk, mask, k) {
	lpar = index(proto, "(")
	head = trim(substr(proto, 1, lpar - 1))
	call = head; sub(/.*[ \t*]/, "", call)
	rpar = length(proto)
	while (rpar > lpar && substr(proto, rpar, 1) != ")")
		rpar--
	list = substr(proto, lpar + 1, rpar - lpar - 1)
	nk = 0; mask = 0; kinds = ""
	if (trim(list) != "void") {
		n = split(list, parts, ",")
		for (i = 1; i <= n; i++) {
			a = trim(parts[i])
			if (a == "" || a == "...")
				continue
			k = arg_kind(call, a)
			if (wide)
				mask += 2 ^ nk
			kinds = kinds (nk ? ", " : "") k
			nk++
		}
	}
	if (call == "lkmnosys")
		return
	# An off_t result takes two registers on 32-bit ABIs (r0 and r1).
	gsub(/, /, ",", kinds)
	printf "%d\t%s\t%s\t0x%x\t%d\n", num, entry_name(type, call), nk ? kinds : "-", mask, head ~ /^off_t/
}

BEGIN {
	print "# FreeBSD system calls: number, name, argument kinds, 64-bit argument"
	print "# mask, off_t result. Made by gen_syscalls.awk from FreeBSD's"
	print "# sys/kern/syscalls.master; read by tbl_to_c.awk. Do not edit."
	if (source != "")
		print "# Source: " source
}

inproto {
	if ($0 ~ /^[ \t]*}[ \t]*$/) {
		inproto = 0
		emit_proto(pnum, ptype, proto)
	} else {
		proto = proto " " trim($0)
	}
	next
}

/^[0-9]/ {
	if ($1 ~ /-/)
		next
	if ($NF == "{") {
		inproto = 1; pnum = $1 + 0; ptype = $3; proto = ""
		next
	}
	if ($3 ~ /^OBSOL/)
		printf "%d\tobs_%s\t-\t0x0\t0\n", $1, $4
	if ($3 ~ /^NODEF/ && $4 != "lkmnosys")
		printf "%d\t%s\t-\t0x0\t0\n", $1, $4
}
