/* System calls implemented by the process core (signals, memory, exit,
 * identity). The syscall table references these by name. */
#ifndef MIMIC_PROC_SYS_H
#define MIMIC_PROC_SYS_H

#include "os/linux/linux.h"

/* Exit */
long sys_exit(struct linux_proc *p, const uint64_t a[6]);
long sys_exit_group(struct linux_proc *p, const uint64_t a[6]);

/* Signals */
long sys_rt_sigaction(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_sigprocmask(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_sigreturn(struct linux_proc *p, const uint64_t a[6]);
long sys_sigreturn(struct linux_proc *p, const uint64_t a[6]);
long sys_sigaltstack(struct linux_proc *p, const uint64_t a[6]);
long sys_kill(struct linux_proc *p, const uint64_t a[6]);
long sys_tgkill(struct linux_proc *p, const uint64_t a[6]);
long sys_tkill(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_sigqueueinfo(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_tgsigqueueinfo(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_sigpending(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_sigsuspend(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_sigtimedwait(struct linux_proc *p, const uint64_t a[6]);
long sys_rt_sigtimedwait_time64(struct linux_proc *p, const uint64_t a[6]);
long sys_pause(struct linux_proc *p, const uint64_t a[6]);

/* Memory */
long sys_brk(struct linux_proc *p, const uint64_t a[6]);
long sys_mmap2(struct linux_proc *p, const uint64_t a[6]);
long sys_mmap(struct linux_proc *p, const uint64_t a[6]);
long sys_munmap(struct linux_proc *p, const uint64_t a[6]);
long sys_mprotect(struct linux_proc *p, const uint64_t a[6]);
long sys_mremap(struct linux_proc *p, const uint64_t a[6]);
long sys_madvise(struct linux_proc *p, const uint64_t a[6]);

/* Identity */
long sys_getpid(struct linux_proc *p, const uint64_t a[6]);
long sys_gettid(struct linux_proc *p, const uint64_t a[6]);
long sys_set_tid_address(struct linux_proc *p, const uint64_t a[6]);

#endif
