/* What the FreeBSD signal frames of every architecture share
 * (fbsd_siginfo.c, fbsd_ucontext.c): siginfo_t, and the parts of
 * ucontext_t (sys/sys/_ucontext.h) around the machine's mcontext_t:
 * uc_sigmask (sigset_t, four 32-bit words) first, then uc_mcontext,
 * uc_link, uc_stack (ss_sp, ss_size, ss_flags), uc_flags. */
#ifndef MIMIC_FBSD_FRAME_H
#define MIMIC_FBSD_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#include "os/freebsd/freebsd.h"

/* siginfo_t at addr: 0 or -EFAULT. */
int fbsd_siginfo_put(struct linux_proc *p, uint64_t addr, int sig, const struct linux_siginfo *info);
unsigned fbsd_siginfo_size(const struct linux_proc *p);
/* A Linux si_code as FreeBSD numbers it. */
int fbsd_si_code(int code);

/* uc_sigmask in a ucontext image. */
void fbsd_uc_mask_put(bool be, uint8_t *uc, linux_sigset mask);
linux_sigset fbsd_uc_mask_get(bool be, const uint8_t *uc);
/* uc_stack at off, the interrupted stack's state as sendsig saves it
 * (td_sigstk with SS_ONSTACK when sp is on it). */
void fbsd_uc_stack_put(struct linux_proc *p, uint8_t *uc, unsigned off, uint64_t sp);

#endif
