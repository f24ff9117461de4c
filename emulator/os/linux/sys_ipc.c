/* System V semaphores and message queues on the host's. The guest's
 * structures are the asm-generic IPC_64 ones (ipc64_perm, semid64_ds,
 * msqid64_ds) at the guest's word size, times split into low and high
 * words on 32-bit ABIs; the IPC_64 flag of the command is accepted and
 * implied. Shared memory needs the guest address space: sys_shm.c, which
 * shares the perm and time helpers (sys_ipc.h). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/sys_ipc.h"
#include "os/linux/syscall.h"

/* struct ipc64_perm: key, uid, gid, cuid, cgid, mode, seq. The kernel's
 * mode_t is 16 bits and padded to 32 on ARM, 32 bits on MIPS: one 32-bit
 * field at 20 either way (the padding is zero, and the kernel keeps only
 * the permission bits of what it reads). */
unsigned ipc_put_perm(struct gimage *g, const struct linux_proc *p, const struct ipc_perm *pm)
{
	gi_u32(g, 0, (uint32_t)pm->__key);
	gi_u32(g, 4, pm->uid);
	gi_u32(g, 8, pm->gid);
	gi_u32(g, 12, pm->cuid);
	gi_u32(g, 16, pm->cgid);
	gi_u32(g, 20, pm->mode);
	gi_u16(g, 24, (uint16_t)pm->__seq);
	return IPC_PERM_SIZE(sc_wordsize(p));
}

/* IPC_SET takes uid, gid and mode from the perm. */
void ipc_get_perm(const struct gimage *g, struct ipc_perm *pm)
{
	pm->uid = gi_get32(g, 4);
	pm->gid = gi_get32(g, 8);
	pm->mode = gi_get32(g, 20);
}

unsigned ipc_put_time(struct gimage *g, const struct linux_proc *p, unsigned off, int64_t t)
{
	unsigned w = gi_long(g, p, off, (uint64_t)t);
	if (w == 4) {
		gi_u32(g, off + 4, (uint32_t)((uint64_t)t >> 32));
		return 8;
	}
	return w;
}

/* struct semid64_ds: perm, otime, ctime, nsems, two unused words. */
static long put_semid(struct linux_proc *p, uint64_t addr, const struct semid_ds *ds)
{
	struct gimage g;
	unsigned w = sc_wordsize(p);
	gi_init(&g, p);
	unsigned off = ipc_put_perm(&g, p, &ds->sem_perm);
	off += ipc_put_time(&g, p, off, ds->sem_otime);
	off += ipc_put_time(&g, p, off, ds->sem_ctime);
	off += gi_long(&g, p, off, ds->sem_nsems);
	return gi_put(p, addr, &g, off + 2 * w);
}

static long sem_nsems(int id, unsigned short *n)
{
	struct semid_ds ds;
	if (semctl(id, 0, IPC_STAT, &ds) < 0)
		return -errno;
	*n = (unsigned short)ds.sem_nsems;
	return 0;
}

SC(semget) { (void)p; return sc_ret(semget(sc_int(a[0]), sc_int(a[1]), sc_int(a[2]))); }

SC(semctl)
{
	int id = sc_int(a[0]), num = sc_int(a[1]), cmd = sc_int(a[2]) & ~IPC_64;
	uint64_t arg = a[3];
	struct semid_ds ds;
	struct gimage g;
	unsigned short n = 0, *vals;
	long r;
	switch (cmd) {
	case IPC_RMID:
	case GETPID:
	case GETVAL:
	case GETNCNT:
	case GETZCNT:
		return sc_ret(semctl(id, num, cmd));
	case SETVAL:
		return sc_ret(semctl(id, num, cmd, sc_int(arg)));
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		r = sc_ret(semctl(id, num, cmd, &ds));
		if (r < 0)
			return r;
		return put_semid(p, arg, &ds) < 0 ? -EFAULT : r;
	case IPC_SET:
		if (semctl(id, 0, IPC_STAT, &ds) < 0)
			return -errno;
		if (gi_get(p, arg, &g, IPC_PERM_SIZE(sc_wordsize(p))) < 0)
			return -EFAULT;
		ipc_get_perm(&g, &ds.sem_perm);
		return sc_ret(semctl(id, num, cmd, &ds));
	case IPC_INFO:
	case SEM_INFO: {
		/* struct seminfo: ten ints on every ABI. */
		struct seminfo si;
		r = sc_ret(semctl(id, num, cmd, &si));
		if (r < 0)
			return r;
		const int f[10] = { si.semmap, si.semmni, si.semmns, si.semmnu, si.semmsl,
		                    si.semopm, si.semume, si.semusz, si.semvmx, si.semaem };
		gi_init(&g, p);
		for (int i = 0; i < 10; i++)
			gi_u32(&g, 4 * (unsigned)i, (uint32_t)f[i]);
		return gi_put(p, arg, &g, 40) < 0 ? -EFAULT : r;
	}
	case GETALL:
	case SETALL:
		r = sem_nsems(id, &n);
		if (r < 0)
			return r;
		vals = calloc(n ? n : 1, sizeof *vals);
		if (!vals)
			return -ENOMEM;
		if (cmd == SETALL) {
			for (unsigned i = 0; i < n && r == 0; i++)
				if (!gmem_ld16(&p->mem, arg + 2 * i, &vals[i]))
					r = -EFAULT;
			if (r == 0)
				r = sc_ret(semctl(id, 0, SETALL, vals));
		} else {
			r = sc_ret(semctl(id, 0, GETALL, vals));
			for (unsigned i = 0; i < n && r >= 0; i++)
				if (!gmem_st16(&p->mem, arg + 2 * i, vals[i]))
					r = -EFAULT;
		}
		free(vals);
		return r;
	}
	return -EINVAL;
}

/* struct sembuf is three 16-bit fields everywhere. */
static long do_semop(struct linux_proc *p, const uint64_t a[6], uint64_t tsaddr, bool time64)
{
	uint64_t n = sc_ulong(p, a[2]);
	struct timespec ts;
	if (n > 500)
		return -E2BIG;
	if (tsaddr && sc_get_timespec(p, tsaddr, &ts, time64) < 0)
		return -EFAULT;
	struct sembuf ops[500];
	for (uint64_t i = 0; i < n; i++) {
		uint16_t f[3];
		for (int j = 0; j < 3; j++)
			if (!gmem_ld16(&p->mem, a[1] + 6 * i + 2 * (uint64_t)j, &f[j]))
				return -EFAULT;
		ops[i].sem_num = f[0];
		ops[i].sem_op = (short)f[1];
		ops[i].sem_flg = (short)f[2];
	}
	long r = semtimedop(sc_int(a[0]), ops, n, tsaddr ? &ts : NULL);
	return tsaddr ? sc_ret_nohand(r) : sc_ret(r);
}

SC(semop) { return do_semop(p, a, 0, false); }
SC(semtimedop) { return do_semop(p, a, a[3], false); }
SC(semtimedop_time64) { return do_semop(p, a, a[3], true); }

/* struct msqid64_ds: perm, stime, rtime, ctime, cbytes, qnum, qbytes,
 * lspid, lrpid, two unused words. */
static long put_msqid(struct linux_proc *p, uint64_t addr, const struct msqid_ds *ds)
{
	struct gimage g;
	unsigned w = sc_wordsize(p);
	gi_init(&g, p);
	unsigned off = ipc_put_perm(&g, p, &ds->msg_perm);
	off += ipc_put_time(&g, p, off, ds->msg_stime);
	off += ipc_put_time(&g, p, off, ds->msg_rtime);
	off += ipc_put_time(&g, p, off, ds->msg_ctime);
	off += gi_long(&g, p, off, ds->__msg_cbytes);
	off += gi_long(&g, p, off, ds->msg_qnum);
	off += gi_long(&g, p, off, ds->msg_qbytes);
	gi_u32(&g, off, (uint32_t)ds->msg_lspid);
	gi_u32(&g, off + 4, (uint32_t)ds->msg_lrpid);
	return gi_put(p, addr, &g, off + 8 + 2 * w);
}

SC(msgget) { (void)p; return sc_ret(msgget(sc_int(a[0]), sc_int(a[1]))); }

SC(msgctl)
{
	int id = sc_int(a[0]), cmd = sc_int(a[1]) & ~IPC_64;
	struct msqid_ds ds;
	long r;
	switch (cmd) {
	case IPC_RMID:
		return sc_ret(msgctl(id, cmd, NULL));
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		r = sc_ret(msgctl(id, cmd, &ds));
		if (r < 0)
			return r;
		return put_msqid(p, a[2], &ds) < 0 ? -EFAULT : r;
	case IPC_SET: {
		struct gimage g;
		unsigned w = sc_wordsize(p);
		unsigned qbytes = IPC_PERM_SIZE(w) + 3 * 8 + 2 * w;
		if (msgctl(id, IPC_STAT, &ds) < 0)
			return -errno;
		if (gi_get(p, a[2], &g, qbytes + w) < 0)
			return -EFAULT;
		ipc_get_perm(&g, &ds.msg_perm);
		ds.msg_qbytes = gi_getlong(&g, p, qbytes);
		return sc_ret(msgctl(id, cmd, &ds));
	}
	case IPC_INFO:
	case MSG_INFO: {
		/* struct msginfo: seven ints and an unsigned short everywhere. */
		struct msginfo mi;
		struct gimage g;
		r = sc_ret(msgctl(id, cmd, (struct msqid_ds *)&mi));
		if (r < 0)
			return r;
		const int f[7] = { mi.msgpool, mi.msgmap, mi.msgmax, mi.msgmnb,
		                   mi.msgmni, mi.msgssz, mi.msgtql };
		gi_init(&g, p);
		for (int i = 0; i < 7; i++)
			gi_u32(&g, 4 * (unsigned)i, (uint32_t)f[i]);
		gi_u16(&g, 28, mi.msgseg);
		return gi_put(p, a[2], &g, 32) < 0 ? -EFAULT : r;
	}
	}
	return -EINVAL;
}

/* struct msgbuf: a guest long mtype, then the text. */
SC(msgsnd)
{
	uint64_t n = sc_ulong(p, a[2]), type;
	unsigned w = sc_wordsize(p);
	if ((int64_t)n < 0 || n > 65536)
		return -EINVAL;
	if (sc_getlong(p, a[1], &type) < 0)
		return -EFAULT;
	long *buf = malloc(sizeof(long) + n);
	if (!buf)
		return -ENOMEM;
	buf[0] = sc_long(p, type);
	long r = gmem_read(&p->mem, a[1] + w, buf + 1, n) ? sc_ret(msgsnd(sc_int(a[0]), buf, n, sc_int(a[3])))
	                                                 : -EFAULT;
	free(buf);
	return r;
}

SC(msgrcv)
{
	uint64_t n = sc_ulong(p, a[2]);
	unsigned w = sc_wordsize(p);
	if ((int64_t)n < 0 || n > 65536)
		return -EINVAL;
	long *buf = malloc(sizeof(long) + n);
	if (!buf)
		return -ENOMEM;
	long r = sc_ret(msgrcv(sc_int(a[0]), buf, n, sc_long(p, a[3]), sc_int(a[4])));
	if (r >= 0 && (sc_putlong(p, a[1], (uint64_t)buf[0]) < 0 ||
	               !gmem_write(&p->mem, a[1] + w, buf + 1, (size_t)r)))
		r = -EFAULT;
	free(buf);
	return r;
}
