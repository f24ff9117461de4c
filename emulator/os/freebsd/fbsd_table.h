/* The FreeBSD system call table, generated from syscalls.tbl (the facts
 * of FreeBSD's syscalls.master: gen_syscalls.awk, tbl_to_c.awk): a
 * number's name and argument kinds, for dispatch by name, -strace and
 * the reports of calls mimic does not run. */
#ifndef MIMIC_FBSD_TABLE_H
#define MIMIC_FBSD_TABLE_H

#include "os/linux/linux.h"

#define FBSD_SC_MAXARGS 8

struct fbsd_sc_desc {
	const char *name;    /* NULL: a reserved number */
	unsigned nargs;
	enum sc_arg args[FBSD_SC_MAXARGS];
	/* Bit i: argument i is 64-bit (off_t, dev_t, id_t), an aligned
	 * register pair on 32-bit ABIs. */
	unsigned wide;
	bool ret_wide;       /* returns off_t */
};

extern const struct fbsd_sc_desc fbsd_sc_descs[];
extern const unsigned fbsd_sc_count;

#endif
