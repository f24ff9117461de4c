/* Prints the address-space limit it started with and whether a mapping of
 * twice that fails; then runs itself again through execve, which must
 * keep the limit. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) != 0)
		return 1;
	if (rl.rlim_cur == RLIM_INFINITY) {
		printf("RLIMIT_AS unlimited\n");
	} else {
		void *m = mmap(NULL, 2 * rl.rlim_cur, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		printf("RLIMIT_AS %lu %lu, twice that mapped: %s\n", (unsigned long)rl.rlim_cur,
		       (unsigned long)rl.rlim_max, m == MAP_FAILED ? "no" : "yes");
	}
	fflush(stdout);
	if (argc == 1) {
		char *again[] = { argv[0], "again", NULL };
		execv("/proc/self/exe", again);
		return 1;
	}
	return 0;
}
