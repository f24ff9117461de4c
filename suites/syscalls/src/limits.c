/* Memory limits: RLIMIT_AS against mmap (MAP_FIXED over mapped pages
 * counts only the pages it adds), mremap, brk and malloc; RLIMIT_DATA
 * against private writable mappings only and against brk, with the
 * kernel's soft-limit-0 allowance; both inherited through fork and execve
 * (an exec'd program starts with them and keeps them); getrlimit,
 * setrlimit and prlimit agree, a soft limit above the hard one is EINVAL;
 * /proc/self/limits shows them in the ABI's resource order. Limits are set
 * relative to VmSize, so nothing depends on the layout. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define MIB (1024ul * 1024ul)

static const char *self_path;

/* VmSize in bytes, read without stdio (whose buffers would map memory). */
static unsigned long vm_size(void)
{
	static char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *s = strstr(buf, "VmSize:");
	return s ? strtoul(s + 7, NULL, 10) * 1024ul : 0;
}

static void *map(size_t len, int prot, int flags)
{
	return mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

/* setrlimit of the soft limit alone, printed as SET_SOFT(RES, value). */
#define SET_SOFT(res, cur) set_soft("setrlimit(" #res ", soft " #cur ")", res, cur)
static void set_soft(const char *what, int res, rlim_t cur)
{
	struct rlimit rl;
	getrlimit(res, &rl);
	rl.rlim_cur = cur;
	errno = 0;
	int r = setrlimit(res, &rl);
	t_report(what, r, errno, 0);
}

/* The AS and data lines of /proc/self/limits, and the names of all in order. */
static void show_limits_file(void)
{
	char line[256], names[1024] = "";
	FILE *f = fopen("/proc/self/limits", "r");
	if (!f) {
		t_say("/proc/self/limits: cannot open");
		return;
	}
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "Max address space", 17) == 0 || strncmp(line, "Max data size", 13) == 0)
			t_say("limits: %s", line);
		char *end = strstr(line, "  ");
		if (end && strncmp(line, "Limit", 5) != 0) {
			*end = '\0';
			strncat(names, line, sizeof names - strlen(names) - 3);
			strcat(names, ", ");
		}
	}
	fclose(f);
	t_say("limits order: %s", names);
}

static void address_space(void)
{
	struct rlimit old, got;
	CHECK(getrlimit(RLIMIT_AS, &old));
	FACT(old.rlim_cur == RLIM_INFINITY);
	unsigned long base = vm_size();
	FACT(base > 0);
	SET_SOFT(RLIMIT_AS, base + 2 * MIB);
	CHECK(getrlimit(RLIMIT_AS, &got));
	FACT(got.rlim_cur == base + 2 * MIB && got.rlim_max == old.rlim_max);
	CHECK(prlimit(getpid(), RLIMIT_AS, NULL, &got));
	FACT(got.rlim_cur == base + 2 * MIB);
	CHECK_PTR(map(4 * MIB, PROT_READ, MAP_PRIVATE), MAP_FAILED);
	char *a = CHECK_PTR(map(1 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE), MAP_FAILED);
	/* Over its own pages: nothing is added. */
	CHECK_PTR(mmap(a, 1 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), MAP_FAILED);
	CHECK_PTR(map(2 * MIB, PROT_READ, MAP_PRIVATE), MAP_FAILED);
	CHECK_PTR(mremap(a, 1 * MIB, 3 * MIB, MREMAP_MAYMOVE), MAP_FAILED);
	CHECK_PTR(mremap(a, 1 * MIB, MIB / 2, 0), MAP_FAILED);
	long brk0 = syscall(SYS_brk, 0);
	FACT(syscall(SYS_brk, brk0 + (long)(4 * MIB)) == brk0);
	FACT(malloc(8 * MIB) == NULL);
	/* Not checked against usage: a limit below it stops every new mapping. */
	SET_SOFT(RLIMIT_AS, MIB);
	CHECK_PTR(map(4096, PROT_READ, MAP_PRIVATE), MAP_FAILED);
	CHECK(munmap(a, MIB / 2));
	SET_SOFT(RLIMIT_AS, RLIM_INFINITY);
	CHECK_PTR(map(4 * MIB, PROT_READ, MAP_PRIVATE), MAP_FAILED);
}

static void data(void)
{
	struct rlimit rl = { 2 * MIB, 1 * MIB };
	CHECK(setrlimit(RLIMIT_DATA, &rl));
	SET_SOFT(RLIMIT_DATA, 1 * MIB);
	CHECK_PTR(map(2 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE), MAP_FAILED);
	char *r = CHECK_PTR(map(2 * MIB, PROT_READ, MAP_PRIVATE), MAP_FAILED);
	char *s = CHECK_PTR(map(2 * MIB, PROT_READ | PROT_WRITE, MAP_SHARED), MAP_FAILED);
	CHECK(munmap(r, 2 * MIB));
	CHECK(munmap(s, 2 * MIB));
	long brk0 = syscall(SYS_brk, 0);
	FACT(syscall(SYS_brk, brk0 + (long)(2 * MIB)) == brk0);
	SET_SOFT(RLIMIT_DATA, RLIM_INFINITY);
	char *w = CHECK_PTR(map(2 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE), MAP_FAILED);
	CHECK(munmap(w, 2 * MIB));
}

/* A hard limit lowered for good: in a child, so the runner's stays. */
static void lowered_for_good(void)
{
	pid_t c = t_fork();
	if (c == 0) {
		struct rlimit rl = { 0, 64 * MIB };
		CHECK(setrlimit(RLIMIT_DATA, &rl));
		/* Soft 0 reads as the hard limit (the kernel's allowance for Valgrind). */
		char *w = CHECK_PTR(map(2 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE), MAP_FAILED);
		CHECK(munmap(w, 2 * MIB));
		CHECK_PTR(map(80 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE), MAP_FAILED);
		rl = (struct rlimit){ 48 * MIB, 32 * MIB };
		CHECK(setrlimit(RLIMIT_AS, &rl));
		rl = (struct rlimit){ 24 * MIB, 32 * MIB };
		CHECK(setrlimit(RLIMIT_AS, &rl));
		show_limits_file();
		CHECK_PTR(map(40 * MIB, PROT_READ, MAP_PRIVATE), MAP_FAILED);
		fflush(stdout);
		char *args[] = { (char *)self_path, "child", NULL };
		execv(self_path, args);
		t_say("execv failed");
		_exit(1);
	}
	t_wait_child("child with lowered limits", c);
}

static int child(void)
{
	struct rlimit rl;
	CHECK(getrlimit(RLIMIT_AS, &rl));
	FACT(rl.rlim_cur == 24 * MIB && rl.rlim_max == 32 * MIB);
	CHECK(getrlimit(RLIMIT_DATA, &rl));
	FACT(rl.rlim_cur == 0 && rl.rlim_max == 64 * MIB);
	CHECK_PTR(map(40 * MIB, PROT_READ, MAP_PRIVATE), MAP_FAILED);
	char *a = CHECK_PTR(map(1 * MIB, PROT_READ, MAP_PRIVATE), MAP_FAILED);
	CHECK(munmap(a, 1 * MIB));
	show_limits_file();
	return 3;
}

int main(int argc, char **argv)
{
	t_init();
	self_path = access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : argv[0];
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child();
	t_say("limits");
	address_space();
	data();
	lowered_for_good();
	show_limits_file();
	return 0;
}
