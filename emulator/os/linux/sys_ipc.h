/* What the System V IPC calls share (sys_ipc.c, sys_shm.c): the guest's
 * struct ipc64_perm and the times of the *id64_ds structures. */
#ifndef MIMIC_SYS_IPC_H
#define MIMIC_SYS_IPC_H

#include <sys/ipc.h>

#include "os/linux/syscall.h"

/* The version flag of the ctl calls' command: accepted and implied, as
 * glibc always passes it. */
#define IPC_64 0x100
/* struct ipc64_perm: 28 bytes of ids, mode and seq, then two longs. */
#define IPC_PERM_SIZE(w) ((w) == 4 ? 36u : 48u)

/* Writes pm at offset 0 of g; returns the perm's size. */
unsigned ipc_put_perm(struct gimage *g, const struct linux_proc *p, const struct ipc_perm *pm);
/* Reads what IPC_SET takes (uid, gid, mode) from the perm at offset 0. */
void ipc_get_perm(const struct gimage *g, struct ipc_perm *pm);
/* A time as the guest's unsigned long, plus a high word on 32-bit ABIs;
 * returns the bytes written. */
unsigned ipc_put_time(struct gimage *g, const struct linux_proc *p, unsigned off, int64_t t);

#endif
