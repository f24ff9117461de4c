/* Set-user-ID and set-group-ID programs at execve, run by root: a copy of
 * this program owned by user 1234 and group 2345 takes the file's user as
 * effective and saved user id with S_ISUID, its group with S_ISGID when
 * the group may execute (S_ISGID without it marks mandatory locking and
 * changes nothing), and AT_SECURE tells the program. No new privileges
 * (PR_SET_NO_NEW_PRIVS) and a script's own bits leave the ids alone. The
 * exec'd copy is this program with the argument "child": it reports its
 * ids and exits 0 (as a script's interpreter, "child" follows the
 * script's path). */
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define OWNER 1234
#define GROUP 2345

static int child_report(const char *label)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;
	getresuid(&ru, &eu, &su);
	getresgid(&rg, &eg, &sg);
	t_say("child %s: resuid %u %u %u, resgid %u %u %u, AT_SECURE %lu", label, (unsigned)ru, (unsigned)eu,
	      (unsigned)su, (unsigned)rg, (unsigned)eg, (unsigned)sg, getauxval(AT_SECURE));
	return 0;
}

/* A copy of the program at from, named to, owned by OWNER:GROUP. */
static int copy_program(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	int ok = in && out;
	char buf[65536];
	size_t n;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = 0;
	return ok && chown(to, OWNER, GROUP) == 0 ? 0 : -1;
}

/* Runs path with "child label" and prints how it ended; nnp sets
 * PR_SET_NO_NEW_PRIVS in the child first. */
static void run(const char *path, const char *label, int nnp)
{
	pid_t pid = t_fork();
	if (pid == 0) {
		if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
			_exit(3);
		char *args[] = { (char *)path, "child", (char *)label, NULL };
		execv(path, args);
		t_say("%s: execv = -1 %s", label, t_errname(errno));
		_exit(2);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		t_say("%s: not run", label);
	else
		t_print_status(label, status);
}

static const struct mode_case {
	const char *label;
	mode_t mode;
} modes[] = {
	{ "plain 0755", 0755 },
	{ "setuid 04755", 04755 },
	{ "setgid 02755", 02755 },
	{ "setgid without group exec 02745", 02745 },
	{ "setuid and setgid 06755", 06755 },
	{ "setuid, others may only execute 04711", 04711 },
};

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "child") == 0)
		return child_report(argv[2]);
	/* Run as a script's interpreter: argv[1] is the script. */
	if (argc > 3 && strcmp(argv[2], "child") == 0)
		return child_report(argv[3]);
	t_init();
	const char *self = access("/proc/self/exe", R_OK) == 0 ? "/proc/self/exe" : argv[0];
	FACT(getuid() == 0 && geteuid() == 0);
	if (CHECK(copy_program(self, "setid-prog")) != 0)
		return 1;
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		CHECK(chmod("setid-prog", modes[i].mode));
		run("./setid-prog", modes[i].label, 0);
	}
	CHECK(chmod("setid-prog", 06755));
	run("./setid-prog", "setuid and setgid under no_new_privs", 1);

	/* A script's bits are not looked at; its interpreter's would be. */
	char cwd[4096], line[4200];
	if (!getcwd(cwd, sizeof cwd))
		return 1;
	CHECK(chmod("setid-prog", 0755));
	snprintf(line, sizeof line, "#!%s/setid-prog\n", cwd);
	FILE *f = fopen("setid-script", "w");
	if (!f || fputs(line, f) < 0 || fclose(f) != 0)
		return 1;
	CHECK(chown("setid-script", OWNER, GROUP));
	CHECK(chmod("setid-script", 06755));
	run("./setid-script", "setuid script", 0);
	CHECK(unlink("setid-script"));
	CHECK(unlink("setid-prog"));
	return 0;
}
