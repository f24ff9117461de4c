/* Deaths by guest signals the host does not have (MIPS signals 65-128):
 * a host process cannot die of them, so the dying emulator notes its pid
 * and signal in a page shared by every process forked from the same
 * emulator, then exits; a parent's wait finds the note and reports the
 * death by signal, with the status the guest kernel gives (the signal
 * number as the exit code: 128 reads as an exit with status 0). The page
 * is a memfd kept across a guest's execve (own_fds.c), so a child that
 * exec'd a new emulator notes its death in the same page. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "os/linux/own_fds.h"
#include "os/linux/proc_signal.h"

#define NOTES 256

struct death_note {
	int pid;   /* 0: free */
	int sig;
};

static struct death_note *notes;

void proc_highsig_init(void)
{
	size_t size = NOTES * sizeof *notes;
	int fd = own_fd(OWN_NOTES);
	if (fd < 0) {
		fd = memfd_create("mimic-signal-notes", MFD_CLOEXEC);
		if (fd >= 0 && ftruncate(fd, (off_t)size) != 0) {
			close(fd);
			fd = -1;
		}
		own_fd_keep(OWN_NOTES, fd);
		fd = own_fd(OWN_NOTES);
	}
	void *m = fd < 0 ? MAP_FAILED : mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
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
