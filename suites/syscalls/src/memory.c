/* Memory: the break, anonymous and file mappings (private and shared),
 * protections and the faults they cause, unmapping, remapping, advice,
 * msync, mincore, locking and malloc. Addresses are never printed: only
 * relations between them (page alignment, equality, containment). */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static long page;
/* Writes (or reads) one byte at p and reports the signal it raised, with
 * whether si_addr is the address touched. */
static void touch(const char *what, volatile char *p, int write)
{
	t_fault_arm();
	if (sigsetjmp(t_fault_env, 1) == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		t_fault_disarm();
		t_say("%s: no fault", what);
		return;
	}
	t_say_fault_at(what, (void *)p);
}

static int aligned(const void *p)
{
	return ((uintptr_t)p & (page - 1)) == 0;
}

static void program_break(void)
{
	char *start = sbrk(0);
	char *old = CHECK_PTR(sbrk(page), (void *)-1);
	FACT(old == start);
	char *now = sbrk(0);
	FACT(now == start + page);
	memset(start, 0x5a, page);
	FACT(start[page - 1] == 0x5a);
	CHECK_PTR(sbrk(-page), (void *)-1);
	FACT(sbrk(0) == start);
	long cur = syscall(SYS_brk, 0);
	FACT(cur == (long)start);
	FACT(syscall(SYS_brk, cur + 3 * page) == cur + 3 * page);
	((char *)cur)[3 * page - 1] = 1;
	FACT(syscall(SYS_brk, 1) == cur + 3 * page);
	FACT(syscall(SYS_brk, cur) == cur);
	touch("write just above a lowered break", (char *)cur + 2 * page, 1);
	FACT(sbrk(0) == start);
}

static void anonymous(void)
{
	char *p = CHECK_PTR(mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), MAP_FAILED);
	FACT(aligned(p));
	FACT(p[0] == 0 && p[4 * page - 1] == 0);
	memset(p, 'a', 4 * page);

	CHECK(mprotect(p + page, page, PROT_READ));
	touch("write to a PROT_READ page", p + page + 5, 1);
	touch("read of a PROT_READ page", p + page + 5, 0);
	CHECK(mprotect(p + page, page, PROT_NONE));
	touch("read of a PROT_NONE page", p + page, 0);
	CHECK(mprotect(p + page, page, PROT_READ | PROT_WRITE));
	FACT(p[page] == 'a');
	CHECK(mprotect(p + 1, page, PROT_READ));
	CHECK(mprotect(p, page, 0x1000));

	CHECK(munmap(p + 2 * page, page));
	touch("read of an unmapped page", p + 2 * page, 0);
	CHECK(mprotect(p + 2 * page, page, PROT_READ));
	CHECK(munmap(p + 2 * page, page));
	CHECK(munmap(p + 1, page));
	CHECK(munmap(p, 0));
	FACT(p[3 * page] == 'a');

	CHECK(madvise(p, page, MADV_DONTNEED));
	FACT(p[0] == 0 && p[page - 1] == 0);
	CHECK(madvise(p, page, MADV_NORMAL));
	CHECK(madvise(p, page, 12345));
	CHECK(madvise(p + 1, page, MADV_NORMAL));
	CHECK(madvise(p + 2 * page, page, MADV_NORMAL));

	unsigned char vec[4];
	p[0] = 'b';
	CHECK(mincore(p, 2 * page, vec));
	t_say("mincore first page resident: %s", vec[0] & 1 ? "yes" : "no");
	CHECK(mincore(p + 1, page, vec));
	CHECK(mincore(p, 4 * page, vec));

	CHECK(mlock(p, page));
	CHECK(munlock(p, page));

	char *q = CHECK_PTR(mremap(p, 2 * page, 8 * page, MREMAP_MAYMOVE), MAP_FAILED);
	FACT(q[0] == 'b' && q[page] == 'a' && q[8 * page - 1] == 0);
	char *r = CHECK_PTR(mremap(q, 8 * page, page, 0), MAP_FAILED);
	FACT(r == q);
	CHECK_PTR(mremap(q + 1, page, 2 * page, MREMAP_MAYMOVE), MAP_FAILED);
	CHECK_PTR(mremap(q, page, 2 * page, MREMAP_FIXED), MAP_FAILED);
	CHECK_PTR(mremap(q, 0, page, MREMAP_MAYMOVE), MAP_FAILED);
	CHECK(munmap(q, page));
	CHECK(munmap(p + 3 * page, page));

	CHECK_PTR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), MAP_FAILED);
	CHECK_PTR(mmap(NULL, page, PROT_READ, MAP_ANONYMOUS, -1, 0), MAP_FAILED);
	CHECK_PTR(mmap(NULL, page, PROT_READ, MAP_PRIVATE, -1, 0), MAP_FAILED);
	CHECK_PTR(mmap(NULL, page, PROT_READ, MAP_PRIVATE, 99, 0), MAP_FAILED);
	CHECK_PTR(mmap((void *)(uintptr_t)page + 1, page, PROT_READ,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), MAP_FAILED);

	/* A hint is followed when the place is free; MAP_FIXED_NOREPLACE
	 * refuses a place in use; MAP_FIXED replaces it. */
	char *a = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(munmap(a + page, page));
	char *b = CHECK_PTR(mmap(a + page, page, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), MAP_FAILED);
	FACT(b == a + page);
	a[0] = 'x';
	CHECK_PTR(mmap(a, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
		  MAP_FAILED);
	char *c = CHECK_PTR(mmap(a, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
			    MAP_FAILED);
	FACT(c == a && c[0] == 0);
	touch("write to the read-only MAP_FIXED replacement", c, 1);
	CHECK(munmap(a, 3 * page));

	/* A shared anonymous mapping is shared with a child. */
	volatile int *shared = CHECK_PTR(mmap(NULL, page, PROT_READ | PROT_WRITE,
					      MAP_SHARED | MAP_ANONYMOUS, -1, 0), MAP_FAILED);
	int *priv = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*shared = 1;
	*priv = 1;
	pid_t pid = t_fork();
	if (pid == 0) {
		*shared = 2;
		*priv = 2;
		_exit(0);
	}
	int status;
	CHECK_OK(waitpid(pid, &status, 0));
	t_say("after the child wrote: shared %d private %d", *shared, *priv);
	CHECK(munmap((void *)shared, page));
	CHECK(munmap(priv, page));
}

static void file_backed(void)
{
	int fd = CHECK(open("m", O_RDWR | O_CREAT | O_TRUNC, 0644));
	char *data = malloc(page * 2);
	memset(data, 'f', page + 100);
	CHECK(write(fd, data, page + 100));

	char *pv = CHECK_PTR(mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0),
			     MAP_FAILED);
	FACT(pv[0] == 'f' && pv[page + 99] == 'f' && pv[page + 100] == 0);
	pv[0] = 'P';
	char c = 0;
	CHECK(pread(fd, &c, 1, 0));
	t_say("file byte 0 after a private write: %c", c);

	char *sh = CHECK_PTR(mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0),
			     MAP_FAILED);
	sh[1] = 'S';
	CHECK(msync(sh, page, MS_SYNC));
	/* On anonymous memory MADV_WILLNEED depends on swap support. */
	CHECK(madvise(sh, page, MADV_WILLNEED));
	CHECK(pread(fd, &c, 1, 1));
	t_say("file byte 1 after a shared write: %c", c);
	CHECK(pwrite(fd, "W", 1, 2));
	t_say("shared mapping sees a file write: %c", sh[2]);
	CHECK(pwrite(fd, "V", 1, page + 2));
	t_say("private mapping sees a file write to a page it has not written: %c", pv[page + 2]);
	CHECK(msync(sh, page, MS_ASYNC | MS_INVALIDATE));
	CHECK(msync(sh, page, MS_SYNC | MS_ASYNC));
	CHECK(msync(sh + 1, page, MS_SYNC));
	CHECK(msync(sh, page, 0x100));

	/* The rest of the file's last page reads as zero; a whole page past
	 * the end of the file, inside the mapping, raises SIGBUS. */
	touch("read past the end of the file in its last page", sh + page + 200, 0);
	touch("read of a mapped page past the end of the file", sh + 2 * page + 8, 0);
	CHECK(munmap(sh, 3 * page));
	CHECK(munmap(pv, 2 * page));

	CHECK_PTR(mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 1), MAP_FAILED);
	char *off = CHECK_PTR(mmap(NULL, page, PROT_READ, MAP_SHARED, fd, page), MAP_FAILED);
	FACT(off[0] == 'f' && off[99] == 'f' && off[100] == 0);
	CHECK(munmap(off, page));
	CHECK(close(fd));

	fd = CHECK(open("m", O_RDONLY));
	CHECK_PTR(mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), MAP_FAILED);
	char *ro = CHECK_PTR(mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), MAP_FAILED);
	ro[0] = 'r';
	CHECK(munmap(ro, page));
	CHECK(close(fd));
	fd = CHECK(open("m", O_WRONLY));
	CHECK_PTR(mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 0), MAP_FAILED);
	CHECK(close(fd));
	fd = CHECK(open(".", O_RDONLY));
	CHECK_PTR(mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 0), MAP_FAILED);
	CHECK(close(fd));
	CHECK(unlink("m"));
	free(data);
}

static void allocation(void)
{
	size_t sizes[] = { 1, 24, 1000, 100000, 4u << 20 };
	void *blocks[5];
	for (unsigned i = 0; i < 5; i++) {
		blocks[i] = malloc(sizes[i]);
		if (!blocks[i]) {
			t_say("malloc(%zu) failed", sizes[i]);
			continue;
		}
		memset(blocks[i], (int)i + 1, sizes[i]);
	}
	for (unsigned i = 0; i < 5; i++) {
		unsigned char *b = blocks[i];
		t_say("malloc(%zu): ok, 8-aligned %s, contents kept %s", sizes[i],
		      ((uintptr_t)b & 7) == 0 ? "yes" : "no",
		      b && b[0] == i + 1 && b[sizes[i] - 1] == i + 1 ? "yes" : "no");
	}
	unsigned char *grown = realloc(blocks[3], 3u << 20);
	FACT(grown && grown[0] == 4 && grown[99999] == 4);
	blocks[3] = grown;
	for (unsigned i = 0; i < 5; i++)
		free(blocks[i]);
	int *z = calloc(1000, sizeof *z);
	FACT(z && z[0] == 0 && z[999] == 0);
	free(z);
	void *al = NULL;
	CHECK_RC(posix_memalign(&al, 4096, 100));
	FACT(((uintptr_t)al & 4095) == 0);
	free(al);
	CHECK_RC(posix_memalign(&al, 3, 100));
	/* volatile: the compiler would reject the size at build time. */
	volatile size_t huge = SIZE_MAX - 4096;
	errno = 0;
	FACT(malloc(huge) == NULL && errno == ENOMEM);
}

int main(void)
{
	t_init();
	page = sysconf(_SC_PAGESIZE);
	t_say("page size %ld", page);
	t_catch_faults((const int[]){ SIGSEGV, SIGBUS, 0 });
	program_break();
	anonymous();
	file_backed();
	allocation();
	return 0;
}
