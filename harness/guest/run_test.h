/* Runs one test program the way the guest test contract describes. */
#ifndef MIMIC_GUEST_RUN_TEST_H
#define MIMIC_GUEST_RUN_TEST_H

/* Arguments a test run may have beyond argv[0]. */
enum { RUN_TEST_MAX_ARGS = 64 };

enum outcome_kind { OUTCOME_EXIT, OUTCOME_SIGNAL, OUTCOME_TIMEOUT, OUTCOME_NOEXEC };

struct outcome {
	enum outcome_kind kind;
	int value; /* exit status, signal number, or execve's errno */
};

struct test_run {
	const char *path;   /* program to execute */
	const char *name;   /* its argv[0] */
	char *const *args;  /* further arguments, NULL-terminated */
	char *const *envp;  /* its whole environment, NULL-terminated */
	const char *root;   /* directory to chroot into first, or NULL */
	const char *dir;    /* fresh empty directory to run it in (inside root) */
	const char *out;    /* file receiving its stdout (path outside root) */
	const char *err;    /* file receiving its stderr; NULL: merged into out,
			     * in order, as `>out 2>&1` gives */
	unsigned timeout_s; /* killed with SIGKILL after this long */
};

/* Expects SIGCHLD to be blocked in the caller. Afterwards every other
 * process is killed and reaped, so tests cannot disturb each other. */
struct outcome run_test(const struct test_run *run);

#endif
