/* mimic's own executable, kept open for the guest's execve (self_exe.c). */
#ifndef MIMIC_SELF_EXE_H
#define MIMIC_SELF_EXE_H

#include <stdbool.h>
#include <stddef.h>

/* Opens (or adopts the inherited descriptor named by -exefd) mimic's own
 * executable; without /proc and without one inherited there is none. */
void self_exe_init(const char *inherited);
/* The descriptor, or -1. */
int self_exe_fd(void);
/* True when fd is the emulator's, which the guest must not see. */
bool self_exe_hides(int fd);
/* Moves the emulator's descriptor off fd, which the guest is taking. */
void self_exe_vacate(int fd);
/* close_range(2) that leaves the emulator's descriptor open. */
int self_exe_close_range(unsigned lo, unsigned hi, unsigned flags);
/* Runs mimic again with argv (which passes -exefd self_exe_fd()); returns
 * -1 with errno set when it cannot. */
int self_exe_exec(char **argv, char **envp);

#endif
