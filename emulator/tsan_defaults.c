/* ThreadSanitizer's defaults for mimic (make mimic-tsan; empty in the
 * other builds).
 * - An mmap counts as a write of every byte it covers. When a guest
 *   thread unmaps or maps pages another guest thread is using, the fresh
 *   host pages (host_commit in mem/mem.c) race with that access: a race of
 *   the guest program, which the host kernel resolves page by page, not
 *   one of the emulator's.
 * - A guest thread that forks and then starts threads in the child is
 *   normal guest behaviour (mimic holds its locks across the fork); TSan
 *   would kill such a child. */
#if defined(__SANITIZE_THREAD__)
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
	return "race:host_commit\n";
}

const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
	return "die_after_fork=0";
}
#endif
