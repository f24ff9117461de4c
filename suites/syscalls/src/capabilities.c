/* prctl's capability and securebits options, which libcap-ng (setpriv,
 * su through PAM) asks at start: PR_GET_SECUREBITS, PR_SET_SECUREBITS,
 * PR_CAP_AMBIENT (IS_SET, RAISE, LOWER, CLEAR_ALL), PR_CAPBSET_READ and
 * PR_CAPBSET_DROP, valid and invalid arguments. The runner is root with
 * every capability; what changes the process's capabilities runs in a
 * child. */
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	t_init();
	CHECK(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0));
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 4096, 0, 0));
	CHECK(prctl(PR_CAP_AMBIENT, 99, CAP_CHOWN, 0, 0));
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 1, 0));
	CHECK(prctl(PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0));
	CHECK(prctl(PR_CAPBSET_READ, CAP_SETUID, 0, 0, 0));
	CHECK(prctl(PR_CAPBSET_READ, 4096, 0, 0, 0));
	pid_t child = t_fork();
	if (child == 0) {
		CHECK(prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS, 0, 0, 0));
		CHECK(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0) == SECBIT_KEEP_CAPS);
		CHECK(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0));
		CHECK(prctl(PR_SET_SECUREBITS, 1 << 30, 0, 0, 0));
		CHECK(prctl(PR_SET_SECUREBITS, 0, 0, 0, 0));
		CHECK(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
		/* Raising needs the capability inheritable: root's set is empty. */
		CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0, 0));
		CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_CHOWN, 0, 0));
		CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
		CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0));
		CHECK(prctl(PR_CAPBSET_DROP, CAP_CHOWN, 0, 0, 0));
		CHECK(prctl(PR_CAPBSET_READ, CAP_CHOWN, 0, 0, 0));
		CHECK(prctl(PR_CAPBSET_READ, CAP_SETUID, 0, 0, 0));
		CHECK(prctl(PR_CAPBSET_DROP, 4096, 0, 0, 0));
		CHECK(prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED, 0, 0, 0));
		CHECK(prctl(PR_SET_SECUREBITS, 0, 0, 0, 0));
		CHECK(setuid(65534));
		CHECK(prctl(PR_GET_SECUREBITS, 0, 0, 0, 0));
		CHECK(prctl(PR_CAPBSET_DROP, CAP_SETUID, 0, 0, 0));
		CHECK(prctl(PR_SET_SECUREBITS, 0, 0, 0, 0));
		_exit(0);
	}
	t_wait_child("child", child);
	return 0;
}
