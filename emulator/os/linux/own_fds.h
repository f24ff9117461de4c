/* The emulator's own descriptors, kept across a guest's execve and
 * hidden from the guest (own_fds.c). */
#ifndef MIMIC_OWN_FDS_H
#define MIMIC_OWN_FDS_H

#include <stdbool.h>

enum own_fd {
	OWN_EXE,     /* mimic's executable */
	OWN_NOTES,   /* the shared page of deaths by signals the host lacks */
	OWN_FDS
};

/* Adopts the descriptors a parent emulator passed (-exefd, -notesfd;
 * NULL when not given), else opens mimic's executable: without /proc and
 * without one inherited there is none. */
void own_fds_init(const char *exefd, const char *notesfd);
/* The descriptor, or -1. */
int own_fd(enum own_fd which);
/* Keeps fd (moved out of the guest's way) as the emulator's which. */
void own_fd_keep(enum own_fd which, int fd);
/* True when fd is the emulator's, which the guest must not see. */
bool own_fds_hide(int fd);
/* Moves the emulator's descriptor off fd, which the guest is taking. */
void own_fds_vacate(int fd);
/* close_range(2) that leaves the emulator's descriptors open. */
int own_fds_close_range(unsigned lo, unsigned hi, unsigned flags);
/* Runs mimic again with argv (which names the descriptors with -exefd
 * and -notesfd); returns -1 with errno set when it cannot. */
int own_fds_exec(char **argv, char **envp);

#endif
