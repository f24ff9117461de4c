/* System V shared memory, memory locking and the generic file ioctls:
 * shmget, shmat, shmdt and shmctl on their success and error paths, a
 * segment shared with a child, attach addresses given, rounded (SHMLBA)
 * and taken over (SHM_REMAP), read-only attachments, detaching what
 * munmap left; mlockall and munlockall; FIGETBSZ, FICLONE, FICLONERANGE,
 * FS_IOC_FIEMAP and unknown requests where the answer is the same on the
 * guest's tmpfs and a host file system (pipes, /dev/null, sockets,
 * descriptors opened the wrong way). Ids, keys, addresses, pids and times
 * are never printed: only relations. The runner is root; children drop
 * to nobody for the permission errors. */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/fiemap.h>
#include <linux/fs.h>

#include "check.h"

#define SEGSZ 10000   /* not a page multiple: three pages attached */
#define NOBODY 65534

static long page;
/* Reads or writes one byte at p and reports the signal it raised. */
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
	t_say_fault(what);
}

/* The segment's state as IPC_STAT shows it: size, mode (with SHM_DEST
 * and SHM_LOCKED), attach count and the relations of owner and times. */
static void show(const char *what, int id)
{
	struct shmid_ds ds;
	memset(&ds, 0, sizeof ds);
	if (shmctl(id, IPC_STAT, &ds) != 0) {
		t_say("%s: IPC_STAT = -1 %s", what, t_errname(errno));
		return;
	}
	t_say("%s: segsz %lu mode %o nattch %lu", what, (unsigned long)ds.shm_segsz,
	      (unsigned)ds.shm_perm.mode, (unsigned long)ds.shm_nattch);
	t_say("%s: uid %s cuid %s cpid self %s lpid %s atime %s dtime %s ctime %s", what,
	      ds.shm_perm.uid == getuid() ? "self" : "other", ds.shm_perm.cuid == geteuid() ? "self" : "other",
	      ds.shm_cpid == getpid() ? "yes" : "no",
	      ds.shm_lpid == 0 ? "0" : ds.shm_lpid == getpid() ? "self" : "other",
	      ds.shm_atime ? "set" : "0", ds.shm_dtime ? "set" : "0", ds.shm_ctime ? "set" : "0");
}

/* shmctl without glibc, which converts the structure in user space (and
 * would fault on a bad pointer itself): the IPC_64 layouts, as glibc
 * asks for them. */
#define IPC_64 0x100
static long raw_shmctl(int id, int cmd, void *buf)
{
	return syscall(SYS_shmctl, id, cmd | IPC_64, buf);
}

/* The /proc/self/maps lines inside [start, start+len): size, permissions,
 * offset, device, whether the inode is the segment's id, and the name
 * (a private segment's shmem file is "/SYSV00000000 (deleted)"). */
static void maps(const char *what, const void *start, size_t len, int id)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	if (!f) {
		t_say("%s: no /proc/self/maps", what);
		return;
	}
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi, off, ino;
		char perms[5], dev[6];
		int name = 0;
		if (sscanf(line, "%lx-%lx %4s %lx %5s %lu %n", &lo, &hi, perms, &off, dev, &ino, &name) < 6 ||
		    lo < (uintptr_t)start || hi > (uintptr_t)start + len)
			continue;
		line[strcspn(line, "\n")] = '\0';
		t_say("%s: %lu pages %s %08lx %s, inode is the id: %s, %s", what, (hi - lo) / page, perms, off, dev,
		      ino == (unsigned long)id ? "yes" : "no", line + name);
	}
	fclose(f);
}

/* A key no segment has: claimed with IPC_EXCL (the host may hold others). */
static int claim_key(key_t *key)
{
	for (key_t k = 0x6d690000 + (getpid() & 0xffff);; k++) {
		int id = shmget(k, SEGSZ, IPC_CREAT | IPC_EXCL | 0600);
		if (id >= 0 || errno != EEXIST) {
			*key = k;
			return id;
		}
	}
}

static void segments(void)
{
	key_t key;
	int id = claim_key(&key);
	FACT(id >= 0);
	show("new keyed", id);
	FACT(shmget(key, SEGSZ, 0) == id);
	FACT(shmget(key, 0, 0) == id);
	CHECK(shmget(key, SEGSZ, IPC_CREAT | IPC_EXCL | 0600));
	CHECK(shmget(key, SEGSZ + 1, 0));
	CHECK(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600));

	/* Permissions: nobody may neither find nor use a 0600 segment. */
	pid_t child = t_fork();
	if (child == 0) {
		struct shmid_ds ds;
		CHECK(setgid(NOBODY));
		CHECK(setuid(NOBODY));
		FACT(shmget(key, 0, 0) == id);
		CHECK(shmget(key, 0, 0400));
		CHECK_PTR(shmat(id, NULL, 0), (void *)-1);
		CHECK_PTR(shmat(id, NULL, SHM_RDONLY), (void *)-1);
		CHECK(shmctl(id, IPC_STAT, &ds));
		CHECK(shmctl(id, IPC_RMID, NULL));
		CHECK(shmctl(id, SHM_LOCK, NULL));
		_exit(0);
	}
	t_wait_child("nobody", child);

	struct shmid_ds ds;
	memset(&ds, 0, sizeof ds);
	ds.shm_perm.uid = getuid();
	ds.shm_perm.gid = getgid();
	ds.shm_perm.mode = 0644 | 01000; /* only the permission bits are taken */
	CHECK(shmctl(id, IPC_SET, &ds));
	show("after IPC_SET", id);
	child = t_fork();
	if (child == 0) {
		CHECK(setgid(NOBODY));
		CHECK(setuid(NOBODY));
		FACT(shmget(key, 0, 0) == id);
		char *r = CHECK_PTR(shmat(id, NULL, SHM_RDONLY), (void *)-1);
		CHECK_PTR(shmat(id, NULL, 0), (void *)-1);
		CHECK(shmdt(r));
		CHECK(shmctl(id, IPC_SET, &ds));
		_exit(0);
	}
	t_wait_child("nobody, mode 0644", child);
	CHECK(raw_shmctl(id, IPC_SET, BADPTR));
	CHECK(raw_shmctl(id, IPC_STAT, BADPTR));

	CHECK(shmctl(id, SHM_LOCK, NULL));
	show("locked", id);
	CHECK(shmctl(id, SHM_UNLOCK, NULL));
	show("unlocked", id);

	CHECK(shmctl(id, 99, &ds));
	CHECK(shmctl(-1, IPC_STAT, &ds));
	CHECK(shmctl(id, -1, &ds));
	CHECK(shmctl(id, IPC_RMID, NULL));
	CHECK(shmctl(id, IPC_STAT, &ds));
	CHECK(shmctl(id, IPC_RMID, NULL));
	CHECK(shmget(key, 0, 0));
	CHECK_PTR(shmat(id, NULL, 0), (void *)-1);
}

/* IPC_INFO, SHM_INFO and SHM_STAT: system-wide values, so only the
 * constants (SHMMIN, SHMSEG) and relations. */
static void info(void)
{
	int id = CHECK_OK(shmget(IPC_PRIVATE, SEGSZ, IPC_CREAT | 0600));
	struct shminfo si;
	memset(&si, 0, sizeof si);
	int max = CHECK_OK(shmctl(0, IPC_INFO, (struct shmid_ds *)&si));
	t_say("shmmin %lu shmseg %lu", (unsigned long)si.shmmin, (unsigned long)si.shmseg);
	FACT(si.shmmax >= SEGSZ && si.shmall > 0 && si.shmmni > 0);
	CHECK(raw_shmctl(0, IPC_INFO, BADPTR));
	CHECK(shmctl(-1, IPC_INFO, (struct shmid_ds *)&si));
	struct shm_info sinfo;
	memset(&sinfo, 0, sizeof sinfo);
	CHECK_OK(shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo));
	FACT(sinfo.used_ids >= 1);
	CHECK(raw_shmctl(0, SHM_INFO, BADPTR));

	/* SHM_STAT takes an index and returns the id. */
	int found = 0;
	struct shmid_ds ds;
	for (int i = 0; i <= max; i++)
		found |= shmctl(i, SHM_STAT, &ds) == id;
	FACT(found);
	found = 0;
	for (int i = 0; i <= max; i++)
		found |= shmctl(i, SHM_STAT_ANY, &ds) == id;
	FACT(found);
	CHECK(shmctl(max + 1, SHM_STAT, &ds));
	CHECK(shmctl(id, IPC_RMID, NULL));
}

/* A free address aligned to SHMLBA with room for the segment. */
static char *free_aligned(void)
{
	size_t lba = SHMLBA, span = 4 * lba + 4 * page;
	char *m = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return NULL;
	munmap(m, span);
	return (char *)(((uintptr_t)m + lba - 1) & ~(uintptr_t)(lba - 1)) + lba;
}

static void attach(void)
{
	int id = CHECK_OK(shmget(IPC_PRIVATE, SEGSZ, IPC_CREAT | 0600));
	show("fresh", id);
	char *p = CHECK_PTR(shmat(id, NULL, 0), (void *)-1);
	if (p == (void *)-1)
		return;
	FACT(((uintptr_t)p & (page - 1)) == 0);
	FACT(p[0] == 0 && p[SEGSZ - 1] == 0);
	show("attached", id);
	strcpy(p, "shared");
	p[3 * page - 1] = 7; /* the last page is mapped whole */
	char *r = CHECK_PTR(shmat(id, NULL, SHM_RDONLY), (void *)-1);
	if (r == (void *)-1)
		return;
	FACT(r != p);
	FACT(strcmp(r, "shared") == 0 && r[3 * page - 1] == 7);
	p[0] = 'S';
	FACT(r[0] == 'S');
	show("attached twice", id);
	touch("write to the read-only attachment", r, 1);
	CHECK(mprotect(r, page, PROT_READ | PROT_WRITE));
	CHECK(mprotect(r, page, PROT_READ | PROT_EXEC));
	CHECK(mprotect(p, page, PROT_READ));
	touch("write after mprotect read-only", p, 1);
	CHECK(mprotect(p, page, PROT_READ | PROT_WRITE));
	/* mprotect split both: shm areas never merge again. */
	maps("maps of p", p, 3 * page, id);
	maps("maps of r", r, 3 * page, id);

	CHECK(shmdt(r + 1));
	CHECK(shmdt(r + page));
	CHECK(shmdt(r));
	CHECK(shmdt(r));
	CHECK(shmdt(NULL));
	touch("read after shmdt", r, 0);
	show("detached once", id);

	/* A child shares the segment: it sees the parent's data and the
	 * parent sees what it writes. */
	pid_t child = t_fork();
	if (child == 0) {
		show("in the child", id);
		FACT(p[0] == 'S');
		strcpy(p, "from the child");
		CHECK(shmdt(p));
		_exit(0);
	}
	t_wait_child("child", child);
	FACT(strcmp(p, "from the child") == 0);
	show("child gone", id);

	/* Given addresses: SHMLBA-aligned ones, rounded with SHM_RND, taken
	 * over with SHM_REMAP. */
	char *a = free_aligned();
	FACT(a != NULL);
	char *q = CHECK_PTR(shmat(id, a, 0), (void *)-1);
	FACT(q == a && strcmp(q, "from the child") == 0);
	CHECK_PTR(shmat(id, a, 0), (void *)-1);
	CHECK_PTR(shmat(id, a + SHMLBA - page, 0), (void *)-1);
	CHECK_PTR(shmat(id, a + page, 0), (void *)-1);
	q = CHECK_PTR(shmat(id, a + page, SHM_RND | SHM_REMAP), (void *)-1);
	FACT(q == a);
	show("remapped", id);
	maps("maps of a", a, 3 * page, id);
	CHECK(shmdt(a));
	q = CHECK_PTR(shmat(id, a + page, SHM_RND), (void *)-1);
	FACT(q == a);
	CHECK(shmdt(a));
	CHECK_PTR(shmat(id, NULL, SHM_REMAP), (void *)-1);
	CHECK_PTR(shmat(id, (void *)(page / 2), SHM_RND | SHM_REMAP), (void *)-1);
	CHECK_PTR(shmat(-1, NULL, 0), (void *)-1);
	/* Past the top of user space: no room on ARM (ENOMEM), while MIPS
	 * refuses a fixed place past TASK_SIZE (EINVAL). */
	CHECK_PTR(shmat(id, (void *)-(uintptr_t)SHMLBA, 0), (void *)-1);

	/* Over an anonymous mapping: refused, then taken over. */
	char *m = CHECK_PTR(mmap(a, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
			    MAP_FAILED);
	m[0] = 'm';
	CHECK_PTR(shmat(id, a, 0), (void *)-1);
	FACT(m[0] == 'm');
	q = CHECK_PTR(shmat(id, a, SHM_REMAP), (void *)-1);
	FACT(q == a && q[0] == 'f');

	/* munmap of the first page leaves the rest attached; shmdt of the
	 * original address still finds and detaches it. */
	CHECK(munmap(a, page));
	show("partly unmapped", id);
	maps("maps of a", a, 3 * page, id);
	FACT(q == a && a[page] == 0 && a[3 * page - 1] == 7);
	CHECK(shmdt(a));
	touch("read after shmdt of the rest", a + page, 0);
	CHECK(shmdt(a));

	/* Removed while attached: still there, marked, and still attachable
	 * (a Linux extension); gone with the last detach. */
	CHECK(shmctl(id, IPC_RMID, NULL));
	show("removed, attached", id);
	q = CHECK_PTR(shmat(id, NULL, 0), (void *)-1);
	FACT(q != (void *)-1 && strcmp(q, "from the child") == 0);
	CHECK(shmdt(q));
	CHECK(shmdt(p));
	show("last detach", id);
	CHECK_PTR(shmat(id, NULL, 0), (void *)-1);
}

static void locking(void)
{
	CHECK(mlockall(0));
	CHECK(mlockall(MCL_ONFAULT));
	CHECK(mlockall(8));
	CHECK(mlockall(MCL_CURRENT));
	CHECK(munlockall());
	CHECK(mlockall(MCL_CURRENT | MCL_FUTURE));
	CHECK(munlockall());
	CHECK(mlockall(MCL_FUTURE | MCL_ONFAULT));
	CHECK(munlockall());
	CHECK(munlockall());

	/* Without CAP_IPC_LOCK: no limit is EPERM, a limit below what is
	 * mapped is ENOMEM for MCL_CURRENT. */
	pid_t child = t_fork();
	if (child == 0) {
		struct rlimit rl = { 0, 0 };
		CHECK(setrlimit(RLIMIT_MEMLOCK, &rl));
		CHECK(setuid(NOBODY));
		CHECK(mlockall(MCL_CURRENT));
		CHECK(mlockall(0));
		CHECK(munlockall());
		_exit(0);
	}
	t_wait_child("no memlock limit", child);
	child = t_fork();
	if (child == 0) {
		struct rlimit rl = { page, page };
		CHECK(setrlimit(RLIMIT_MEMLOCK, &rl));
		CHECK(setuid(NOBODY));
		CHECK(mlockall(MCL_CURRENT));
		_exit(0);
	}
	t_wait_child("one page limit", child);
}

static void ioctls(void)
{
	int pfd[2], bsz = 0;
	CHECK(pipe(pfd));
	int null = CHECK(open("/dev/null", O_RDWR));
	int ro = CHECK(open("ro", O_RDWR | O_CREAT, 0644));
	CHECK(write(ro, "data", 4));
	CHECK(close(ro));
	int src = CHECK(open("src", O_RDWR | O_CREAT, 0644));
	CHECK(write(src, "data", 4));
	ro = CHECK(open("ro", O_RDONLY));
	int app = CHECK(open("ro", O_WRONLY | O_APPEND));
	int path = CHECK(open("ro", O_PATH));
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));

	CHECK(ioctl(pfd[0], FIGETBSZ, &bsz));
	t_say("pipe block size %d", bsz);
	bsz = 0;
	CHECK(ioctl(null, FIGETBSZ, &bsz));
	t_say("/dev/null block size %d", bsz);
	CHECK(ioctl(pfd[0], FIGETBSZ, BADPTR));
	CHECK(ioctl(-1, FIGETBSZ, &bsz));
	CHECK(ioctl(path, FIGETBSZ, &bsz));

	CHECK(ioctl(pfd[1], FICLONE, pfd[0]));
	CHECK(ioctl(null, FICLONE, pfd[0]));
	CHECK(ioctl(pfd[1], FICLONE, 99));
	CHECK(ioctl(ro, FICLONE, src));
	CHECK(ioctl(app, FICLONE, src));
	CHECK(ioctl(ro, FICLONE, pfd[0]));
	struct file_clone_range cr = { .src_fd = pfd[0], .src_offset = 0, .src_length = 0, .dest_offset = 0 };
	CHECK(ioctl(pfd[1], FICLONERANGE, &cr));
	cr.src_fd = src;
	CHECK(ioctl(ro, FICLONERANGE, &cr));
	CHECK(ioctl(pfd[1], FICLONERANGE, BADPTR));
	cr.src_fd = -1;
	CHECK(ioctl(pfd[1], FICLONERANGE, &cr));

	struct {
		struct fiemap fm;
		struct fiemap_extent ext[4];
	} fm;
	memset(&fm, 0, sizeof fm);
	fm.fm.fm_length = ~0ULL;
	fm.fm.fm_extent_count = 4;
	CHECK(ioctl(pfd[0], FS_IOC_FIEMAP, &fm));
	CHECK(ioctl(pfd[0], FS_IOC_FIEMAP, BADPTR));
	CHECK(ioctl(sv[0], FS_IOC_FIEMAP, &fm));

	/* A request nothing handles. */
	unsigned long unknown = _IO('z', 0x42);
	CHECK(ioctl(src, unknown, 0));
	CHECK(ioctl(pfd[0], unknown, 0));
	CHECK(ioctl(null, unknown, 0));
	CHECK(ioctl(sv[0], unknown, 0));
	CHECK(ioctl(-1, unknown, 0));
	CHECK(ioctl(path, unknown, 0));
	CHECK(ioctl(src, _IOR('z', 0x43, int), BADPTR));
}

int main(void)
{
	t_init();
	/* The armv6 guest (no RTC) boots at the epoch: its clock leaves
	 * second 0 first, so that a time IPC_STAT shows as set is never 0. */
	while (time(NULL) < 1)
		usleep(10000);
	page = sysconf(_SC_PAGESIZE);
	t_catch_faults((const int[]){ SIGSEGV, SIGBUS, 0 });
	segments();
	info();
	attach();
	locking();
	ioctls();
	return 0;
}
