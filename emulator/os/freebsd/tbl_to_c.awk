# Makes the C table of FreeBSD's system calls (fbsd_table.h) from
# syscalls.tbl. Run by make.
BEGIN {
	print "/* Generated from syscalls.tbl by tbl_to_c.awk: do not edit. */"
	print "#include \"os/freebsd/fbsd_table.h\""
	print ""
	print "const struct fbsd_sc_desc fbsd_sc_descs[] = {"
	top = 0
}

/^#/ || NF == 0 { next }

{
	n = $3 == "-" ? 0 : split($3, kinds, ",")
	list = n ? $3 : "0"
	gsub(/,/, ", ", list)
	printf "\t[%d] = { \"%s\", %d, { %s }, %s, %d },\n", $1, $2, n, list, $4, $5
	if ($1 + 1 > top)
		top = $1 + 1
}

END {
	print "};"
	printf "const unsigned fbsd_sc_count = %d;\n", top
}
