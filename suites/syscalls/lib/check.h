/* Shared helpers of the syscall conformance programs: one transcript line per
 * observation, errors and signals printed by name, never by number or text,
 * so the transcript is the same on every ABI's numbering. */
#ifndef MIMIC_SYSCALLS_CHECK_H
#define MIMIC_SYSCALLS_CHECK_H

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

/* Value of the last checked call; a variable so the comma operator orders the
 * call before errno is read. */
extern long t_ret;
extern void *t_ptr;

/* CHECK: `call = value` or `call = -1 ENAME`. */
#define CHECK(call) (errno = 0, t_ret = (long)(call), t_report(#call, t_ret, errno, 0))
/* CHECK_OK: like CHECK but prints `ok` for a success whose value varies
 * (a pid, a path length). */
#define CHECK_OK(call) (errno = 0, t_ret = (long)(call), t_report(#call, t_ret, errno, 1))
/* CHECK_PTR: pointer results, `ok` or `fail ENAME` (MAP_FAILED or NULL). */
#define CHECK_PTR(call, failed) \
	(errno = 0, t_ptr = (void *)(call), t_report_ptr(#call, t_ptr, (void *)(failed), errno))
/* CHECK_RC: calls returning an error number instead of setting errno. */
#define CHECK_RC(call) t_report_rc(#call, (call))
/* FACT: a relation that must hold, printed `expr: yes` or `expr: no`. */
#define FACT(cond) t_fact(#cond, (cond) != 0)

/* Line-buffered stdout, umask 022, default signal actions, nothing blocked:
 * the same starting state whatever the runner left. */
void t_init(void);
long t_report(const char *what, long ret, int err, int hide_value);
void *t_report_ptr(const char *what, void *ret, void *failed, int err);
int t_report_rc(const char *what, int rc);
int t_fact(const char *what, int holds);
void t_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

const char *t_errname(int err);
const char *t_signame(int sig);
const char *t_codename(int sig, int code);

/* An address in the first page, which Linux never maps for user
 * processes: the bad pointer of EFAULT and SEGV_MAPERR checks. */
#define BADPTR ((void *)16)
/* fflush(stdout) then fork(): no buffered line is written twice. */
int t_fork(void);
/* Child status from waitpid, as `exit N` or `signal NAME`. */
void t_print_status(const char *what, int status);
/* Waits for child and prints its status; a child that was not created
 * (child <= 0) is not waited for: waitpid(-1) would take any other. */
void t_wait_child(const char *what, pid_t child);

/* Faults provoked on purpose. t_catch_faults installs the catcher for the
 * signals listed (0-terminated). A guarded step is
 *	t_fault_arm();
 *	if (sigsetjmp(t_fault_env, 1) == 0) { step; t_fault_disarm(); ... }
 *	else t_say_fault(...);
 * (sigsetjmp only in an if's condition, as C allows). A fault while
 * disarmed is taken again with the default action: the program dies of it
 * rather than jumping back into a step that has ended. */
extern sigjmp_buf t_fault_env;
extern volatile sig_atomic_t t_fault_sig, t_fault_code;
extern void *volatile t_fault_addr;
void t_catch_faults(const int *sigs);
void t_fault_arm(void);
void t_fault_disarm(void);
/* `what: SIGNAME CODENAME` of the caught fault. */
void t_say_fault(const char *what);
/* The same with `, si_addr as expected: yes|no`. */
void t_say_fault_at(const char *what, const void *expect);

#endif
