/* The machine-independent parts of a FreeBSD ucontext_t image (see
 * fbsd_frame.h), in the guest's byte order. */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>

#include "os/freebsd/fbsd_frame.h"
#include "os/linux/frame_bytes.h"
#include "os/linux/syscall.h"

/* stack_t's ss_flags (sys/sys/signal.h). */
#define FBSD_SS_ONSTACK 1
#define FBSD_SS_DISABLE 4

void fbsd_uc_mask_put(bool be, uint8_t *uc, linux_sigset mask)
{
	for (unsigned i = 0; i < 4; i++)
		fb_put32(be, uc, 4 * i, (uint32_t)(mask >> (32 * i)));
}

linux_sigset fbsd_uc_mask_get(bool be, const uint8_t *uc)
{
	linux_sigset mask = 0;
	for (unsigned i = 0; i < 4; i++)
		mask |= (linux_sigset)fb_get32(be, uc, 4 * i) << (32 * i);
	return mask;
}

void fbsd_uc_stack_put(struct linux_proc *p, uint8_t *uc, unsigned off, uint64_t sp)
{
	bool be = p->mem.big_endian;
	unsigned w = sc_wordsize(p);
	uint64_t ss_sp, ss_size;
	int ss_flags;
	linux_save_altstack(p, sp, &ss_sp, &ss_flags, &ss_size);
	uint32_t flags = ((ss_flags & SS_DISABLE) ? FBSD_SS_DISABLE : 0) | ((ss_flags & SS_ONSTACK) ? FBSD_SS_ONSTACK : 0);
	if (w == 8) {
		fb_put64(be, uc, off, ss_sp);
		fb_put64(be, uc, off + 8, ss_size);
	} else {
		fb_put32(be, uc, off, (uint32_t)ss_sp);
		fb_put32(be, uc, off + 4, (uint32_t)ss_size);
	}
	fb_put32(be, uc, off + 2 * w, flags);
}
