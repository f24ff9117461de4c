/* Deaths by guest signals the host does not have (MIPS signals 65-128):
 * a host process cannot die of them, so the dying emulator notes its pid
 * and signal in a page shared by every process forked from the same
 * emulator, then exits; a parent's wait finds the note and reports the
 * death by signal, with the status the guest kernel gives (the signal
 * number as the exit code: 128 reads as an exit with status 0). A child
 * that exec'd a new emulator has no such page and reports an exit of
 * 128 + the signal's low seven bits. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"

#define NOTES 256

struct death_note {
	int pid;   /* 0: free */
	int sig;
};

static struct death_note *notes;

void proc_highsig_init(void)
{
	void *m = mmap(NULL, NOTES * sizeof *notes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	notes = m == MAP_FAILED ? NULL : m;
}

void proc_highsig_died(int sig)
{
	int pid = getpid();
	for (unsigned i = 0; notes && i < NOTES; i++) {
		int free_slot = 0;
		if (__atomic_compare_exchange_n(&notes[i].pid, &free_slot, -1, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED)) {
			notes[i].sig = sig;
			__atomic_store_n(&notes[i].pid, pid, __ATOMIC_RELEASE);
			return;
		}
	}
}

int proc_highsig_reaped(int pid, bool keep)
{
	for (unsigned i = 0; notes && pid > 0 && i < NOTES; i++)
		if (__atomic_load_n(&notes[i].pid, __ATOMIC_ACQUIRE) == pid) {
			int sig = notes[i].sig;
			if (!keep)
				__atomic_store_n(&notes[i].pid, 0, __ATOMIC_RELEASE);
			return sig;
		}
	return 0;
}
