/* ThreadSanitizer's defaults for mimic (make mimic-tsan; empty in the
 * other builds).
 * - An mmap counts as a write of every byte it covers. When a guest
 *   thread unmaps or maps pages another guest thread is using, the fresh
 *   host pages (host_commit in mem/mem.c) race with that access: a race of
 *   the guest program, which the host kernel resolves page by page, not
 *   one of the emulator's.
 * - The interpreter's loads and stores of guest memory (gmem_raw_*) are
 *   relaxed atomics; one that races with a syscall's plain copy into the
 *   same guest bytes (read, a signal frame...) is a race of the guest
 *   program, as a user load racing with the kernel's copy_to_user is.
 *   Seen with the threads area at load 10: a thread's byte load against
 *   an 8-byte copy of the main thread's.
 * - A guest thread that forks and then starts threads in the child is
 *   normal guest behaviour (mimic holds its locks across the fork); TSan
 *   would kill such a child. */
#if defined(__SANITIZE_THREAD__)
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
	return "race:host_commit\nrace:gmem_raw_*\n";
}

const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
	return "die_after_fork=0";
}
#endif
