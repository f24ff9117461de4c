/* The guest's own /proc files (maps, stat, status, cpuinfo), made up from
 * the guest's state where the host's would show the emulator, and the
 * hooks that keep the mapping list (mem/vma.h) in step with mmap & co. */
#ifndef MIMIC_PROCFS_H
#define MIMIC_PROCFS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "os/linux/linux.h"

/* A fresh mmap, for the mapping list. */
struct linux_mmap_desc {
	uint64_t addr, len, off;
	unsigned rwx;            /* PROT_READ | PROT_WRITE | PROT_EXEC as asked */
	bool shared, noreserve, growsdown;
	int fd;                  /* -1: anonymous memory (also /dev/zero) */
	bool fd_writable;        /* the file is open for writing too */
};
/* Records a mapping mmap or brk made. 0, or -1 when out of memory. */
int linux_maps_mmap(struct linux_proc *p, const struct linux_mmap_desc *d);
int linux_maps_brk(struct linux_proc *p, uint64_t start, uint64_t end);

/* /proc/<pid>/maps of the guest, as fs/proc/task_mmu.c prints it. */
void linux_maps_show(struct linux_proc *p, FILE *f);

/* Signal sets of one thread as status shows them: bit (sig-1) of word
 * (sig-1)/64; nsig is 64, or 128 on MIPS. */
struct linux_sigview {
	unsigned nsig;
	uint64_t pending[2], shared_pending[2], blocked[2], ignored[2], caught[2];
};
/* The SigPnd, ShdPnd, SigBlk, SigIgn and SigCgt lines (render_sigset_t). */
void linux_status_sigs(FILE *f, const struct linux_sigview *v);

/* /proc/<pid>/status and stat of the guest (tid: the thread the path
 * names, 0 for the process): the host's file, with the lines and fields
 * that would show the emulator replaced by the guest's. 0 or -errno. */
int linux_status_show(struct linux_proc *p, int tid, FILE *f);
int linux_stat_show(struct linux_proc *p, int tid, FILE *f);

#endif
