/* /proc: the process's own files as the guest's kernel shows them. maps:
 * the program's lines, a file mapped at a fixed address with chosen
 * permissions (split by mprotect, merged or not as the kernel's areas
 * are, moved by mremap, removed by munmap), anonymous mappings merging,
 * the heap, the stack and the vectors page; status and stat (name,
 * threads, signal sets after blocking, ignoring, catching and raising,
 * the image's addresses as relations); the task directory; cpuinfo (every
 * line but BogoMIPS, which the kernel measures at boot). Read through
 * open/read, lseek, openat and stdio. Addresses are printed only for
 * mappings at places the program chose and for the program's own
 * (non-PIE) image; device and inode numbers and paths only as relations. */
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "check.h"

/* Free on every target: above the ARM program's image and heap, below
 * the MIPS one's. */
#define BASE ((uintptr_t)0x30000000)

static long page;
static int initialised = 1;       /* a .data object */
static char exe[PATH_MAX];        /* readlink("/proc/self/exe") */
static struct stat exe_st;

/* One line of maps, split into its fields. */
struct mline {
	uintmax_t start, end, off, ino;
	unsigned major, minor;
	char perms[5];
	const char *name;               /* "" when there is none */
	int name_col, header_len;
	char text[PATH_MAX + 128];      /* the whole line, without the newline */
};

/* The whole file through open and read (NULL when it cannot be opened). */
static char *slurp(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	size_t n = 0, cap = 4096;
	char *b = malloc(cap);
	ssize_t r;
	while (b && (r = read(fd, b + n, cap - n - 1)) > 0) {
		n += (size_t)r;
		if (n + 1 == cap)
			b = realloc(b, cap *= 2);
	}
	close(fd);
	if (b)
		b[n] = '\0';
	return b;
}

static int parse_line(const char *line, size_t len, struct mline *m)
{
	if (len >= sizeof m->text)
		return 0;
	memcpy(m->text, line, len);
	m->text[len] = '\0';
	int hdr = 0;
	if (sscanf(m->text, "%jx-%jx %4s %jx %x:%x %ju %n", &m->start, &m->end, m->perms, &m->off, &m->major,
		   &m->minor, &m->ino, &hdr) != 7 || hdr == 0)
		return 0;
	/* The header is the five fields, each followed by one space. */
	const char *p = m->text + hdr, *q = m->text;
	for (int k = 0; k < 5; k++)
		q = strchr(q, ' ') + 1;
	m->header_len = (int)(q - m->text);
	while (*p == ' ')
		p++;
	m->name = p;
	m->name_col = (int)(p - m->text);
	return 1;
}

/* The lines of /proc/self/maps; returns how many (at most max). */
static int read_maps(struct mline *out, int max)
{
	char *text = slurp("/proc/self/maps");
	int n = 0;
	for (char *l = text; l && *l && n < max;) {
		char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		n += parse_line(l, len, &out[n]);
		l += len + (nl != NULL);
	}
	free(text);
	return n;
}

static struct mline maps[512];

/* The line holding address a, or NULL. */
static const struct mline *line_of(int n, uintptr_t a)
{
	for (int i = 0; i < n; i++)
		if (maps[i].start <= a && a < maps[i].end)
			return &maps[i];
	return NULL;
}

/* The kernel pads the header to 25 + 6 * sizeof(void *) - 1 columns, then
 * puts one space before the name. */
static int padded(const struct mline *m)
{
	int width = 25 + 6 * (int)sizeof(void *) - 1;
	return m->name_col == (m->header_len > width ? m->header_len : width) + 1;
}

/* What a line maps: the program (path, device and inode all the file's),
 * nothing, or its name. */
static const char *what(const struct mline *m)
{
	if (strcmp(m->name, exe) == 0 && m->major == major(exe_st.st_dev) && m->minor == minor(exe_st.st_dev) &&
	    m->ino == (uintmax_t)exe_st.st_ino)
		return padded(m) ? "the program" : "the program (name badly padded)";
	if (!*m->name)
		return m->major == 0 && m->minor == 0 && m->ino == 0 && m->off == 0 ? "anonymous"
										   : "anonymous with a file's fields";
	return m->name;
}

/* Prints the lines inside [BASE, BASE + 0x40000), addresses from BASE. */
static void show_range(const char *label)
{
	int n = read_maps(maps, 512), shown = 0;
	for (int i = 0; i < n; i++) {
		const struct mline *m = &maps[i];
		if (m->start < BASE || m->start >= BASE + 0x40000)
			continue;
		t_say("%s: [+%#jx, +%#jx) %s %08jx %s", label, m->start - BASE, m->end - BASE, m->perms, m->off,
		      what(m));
		shown++;
	}
	if (!shown)
		t_say("%s: nothing mapped", label);
}

/* The first line of the file at path, read with stdio. */
static void first_line(const char *path, char *buf, size_t n)
{
	buf[0] = '\0';
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(buf, (int)n, f))
		buf[0] = '\0';
	fclose(f);
}

static void reading(void)
{
	char a[512] = "", b[512] = "", c[512] = "", path[64];
	int fd = CHECK(open("/proc/self/maps", O_RDONLY));
	struct stat st;
	CHECK(fstat(fd, &st));
	FACT(S_ISREG(st.st_mode));
	t_say("permissions: %04o", (unsigned)(st.st_mode & 07777));
	ssize_t r = read(fd, a, sizeof a - 1);
	FACT(r > 0);
	a[r > 0 ? r : 0] = '\0';
	*strchrnul(a, '\n') = '\0';
	CHECK(lseek(fd, 0, SEEK_SET));
	r = read(fd, b, sizeof b - 1);
	b[r > 0 ? r : 0] = '\0';
	*strchrnul(b, '\n') = '\0';
	FACT(strcmp(a, b) == 0);
	CHECK(close(fd));

	fd = CHECK(openat(AT_FDCWD, "/proc/self/maps", O_RDONLY | O_CLOEXEC));
	r = read(fd, b, sizeof b - 1);
	b[r > 0 ? r : 0] = '\0';
	*strchrnul(b, '\n') = '\0';
	t_say("openat gives the same first line: %s", strcmp(a, b) == 0 ? "yes" : "no");
	CHECK(close(fd));

	/* The same file by its other names (%d: the pid, then the tid). */
	static const char *const other[][2] = {
		{ "/proc/self/maps", "/proc/self/maps" },
		{ "/proc/%d/maps", "/proc/<pid>/maps" },
		{ "/proc/thread-self/maps", "/proc/thread-self/maps" },
		{ "/proc/self/task/%d/maps", "/proc/self/task/<tid>/maps" },
	};
	for (unsigned i = 0; i < sizeof other / sizeof other[0]; i++) {
		snprintf(path, sizeof path, other[i][0], i == 1 ? (int)getpid() : (int)gettid());
		first_line(path, c, sizeof c);
		*strchrnul(c, '\n') = '\0';
		t_say("%s with stdio gives the same first line: %s", other[i][1], strcmp(a, c) == 0 ? "yes" : "no");
	}
	CHECK(open("/proc/self/task/2147483647/maps", O_RDONLY));
	/* Open to write as the file's mode allows; nothing can be written. */
	fd = CHECK(open("/proc/self/maps", O_WRONLY));
	if (fd >= 0) {
		CHECK(write(fd, "x", 1));
		CHECK(close(fd));
	}
}

static void program_lines(void)
{
	int n = read_maps(maps, 512);
	const struct mline *text = line_of(n, (uintptr_t)&reading), *data = line_of(n, (uintptr_t)&initialised);
	FACT(text != NULL && data != NULL);
	if (!text || !data)
		return;
	/* The image is not position-independent: its places are the same
	 * in every run. */
	for (int i = 0; i < n; i++)
		if (strcmp(maps[i].name, exe) == 0)
			t_say("program: %08jx-%08jx %s %08jx %s", maps[i].start, maps[i].end, maps[i].perms, maps[i].off,
			      what(&maps[i]));
	t_say("text: %s, data: %s", text->perms, data->perms);
}

static void file_mapping(void)
{
	int fd = CHECK(open("/proc/self/exe", O_RDONLY));
	char *p = CHECK_PTR(mmap((void *)BASE, 3 * page, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, page),
			    MAP_FAILED);
	show_range("mapped");
	CHECK(mprotect(p + page, page, PROT_READ | PROT_WRITE));
	show_range("middle page made writable");
	/* Charged once writable, the middle page stays apart. */
	CHECK(mprotect(p + page, page, PROT_READ));
	show_range("middle page read-only again");
	CHECK(munmap(p, 3 * page));
	show_range("unmapped");

	/* Mappings of one open file at following offsets are one area; a
	 * second open of the same file is another file. */
	CHECK_PTR(mmap((void *)BASE, page, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, 0), MAP_FAILED);
	CHECK_PTR(mmap((void *)(BASE + page), page, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, page),
		  MAP_FAILED);
	int fd2 = CHECK(open("/proc/self/exe", O_RDONLY));
	CHECK_PTR(mmap((void *)(BASE + 2 * page), page, PROT_READ, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd2,
		       2 * page), MAP_FAILED);
	CHECK_PTR(mmap((void *)(BASE + 3 * page), page, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd2,
		       3 * page), MAP_FAILED);
	show_range("pieces");
	CHECK(munmap((void *)BASE, 4 * page));
	CHECK(close(fd2));
	CHECK(close(fd));
}

static void anonymous(void)
{
	char *a = CHECK_PTR(mmap((void *)(BASE + 0x10000), 2 * page, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), MAP_FAILED);
	CHECK_PTR(mmap((void *)(BASE + 0x12000), page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), MAP_FAILED);
	char *c = CHECK_PTR(mmap((void *)(BASE + 0x13000), page, PROT_NONE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), MAP_FAILED);
	int n = read_maps(maps, 512);
	for (uintptr_t x = BASE + 0x10000; x < BASE + 0x14000;) {
		const struct mline *m = line_of(n, x);
		if (!m)
			break;
		t_say("line: \"%s\"", m->text);
		x = (uintptr_t)m->end;
	}
	CHECK(mprotect(c, page, PROT_READ | PROT_WRITE));
	n = read_maps(maps, 512);
	const struct mline *m = line_of(n, (uintptr_t)a);
	t_say("after mprotect: \"%s\"", m ? m->text : "");

	CHECK_PTR(mmap((void *)(BASE + 0x18000), page, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0), MAP_FAILED);
	CHECK_PTR(mmap((void *)(BASE + 0x1a000), page, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0), MAP_FAILED);
	CHECK_PTR(mmap((void *)(BASE + 0x1c000), page, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), MAP_FAILED);
	show_range("anonymous");

	/* mremap: grown where it is, then moved. */
	char *g = CHECK_PTR(mremap(a, 4 * page, 6 * page, 0), MAP_FAILED);
	FACT(g == a);
	show_range("grown");
	CHECK_PTR(mremap(a, 6 * page, 6 * page, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)(BASE + 0x30000)), MAP_FAILED);
	show_range("moved");
	CHECK(munmap((void *)BASE, 0x40000));
	show_range("all unmapped");
}

static void heap_and_stack(void)
{
	int local = 0;
	char *brk_now = sbrk(0);
	int n = read_maps(maps, 512), heaps = 0, stacks = 0;
	for (int i = 0; i < n; i++) {
		const struct mline *m = &maps[i];
		if (strcmp(m->name, "[heap]") == 0) {
			heaps++;
			t_say("[heap]: %s, holds the last byte below the break: %s", m->perms,
			      m->start < (uintptr_t)brk_now && (uintptr_t)brk_now <= m->end ? "yes" : "no");
		}
		if (strcmp(m->name, "[stack]") == 0) {
			stacks++;
			t_say("[stack]: %s, holds a local variable: %s", m->perms,
			      line_of(n, (uintptr_t)&local) == m ? "yes" : "no");
		}
		if (strcmp(m->name, "[vectors]") == 0)
			t_say("vectors: %s", m->text);
	}
	t_say("heap lines %d, stack lines %d", heaps, stacks);
	FACT(local == 0);
}

/* Prints the status lines whose key is one of keys. */
static void status_lines(const char *label, const char *const *keys)
{
	char *text = slurp("/proc/self/status");
	for (char *l = text; l && *l;) {
		char *nl = strchrnul(l, '\n');
		size_t klen = strcspn(l, ":");
		for (const char *const *k = keys; *k; k++)
			if (strlen(*k) == klen && strncmp(l, *k, klen) == 0)
				t_say("%s: %.*s", label, (int)(nl - l), l);
		l = *nl ? nl + 1 : nl;
	}
	free(text);
}

static const char *const sig_keys[] = { "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt", NULL };

static void on_usr1(int sig)
{
	(void)sig;
}

static void status_fields(void)
{
	static const char *const ids[] = { "Name", "State", "Threads", NULL };
	status_lines("status", ids);
	status_lines("start", sig_keys);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL));
	status_lines("blocked USR1 USR2", sig_keys);
	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa = { .sa_handler = on_usr1 };
	CHECK(sigaction(SIGUSR1, &sa, NULL));
	status_lines("ignored PIPE, caught USR1", sig_keys);
	CHECK(raise(SIGUSR2));
	status_lines("raised USR2", sig_keys);
}

/* Field n (as proc(5) counts them, from 1) of /proc/self/stat, or "". */
static const char *stat_field(const char *text, int n, char *buf, size_t size)
{
	buf[0] = '\0';
	const char *p = strrchr(text, ')');
	if (n == 2) {
		const char *o = strchr(text, '(');
		if (o && p)
			snprintf(buf, size, "%.*s", (int)(p - o + 1), o);
		return buf;
	}
	/* After the name: fields separated by one space. */
	p = p && p[1] == ' ' ? p + 2 : NULL;
	for (int i = 3; p && *p; i++) {
		size_t len = strcspn(p, " \n");
		if (i == n) {
			snprintf(buf, size, "%.*s", (int)len, p);
			break;
		}
		p = p[len] == ' ' ? p + len + 1 : NULL;
	}
	return buf;
}

static uintmax_t stat_num(const char *text, int n)
{
	char buf[32];
	return strtoumax(stat_field(text, n, buf, sizeof buf), NULL, 10);
}

static void stat_fields(char **argv)
{
	struct rlimit rl;
	getrlimit(RLIMIT_RSS, &rl);
	rl.rlim_cur = 64 << 20;
	CHECK(setrlimit(RLIMIT_RSS, &rl));
	char *text = slurp("/proc/self/stat"), buf[64];
	if (!text) {
		t_say("no /proc/self/stat");
		return;
	}
	t_say("comm %s, state %s", stat_field(text, 2, buf, sizeof buf), stat_field(text, 3, buf + 32, 32));
	t_say("num_threads %ju, rsslim %ju", stat_num(text, 20), stat_num(text, 25));
	t_say("signal %ju, blocked %ju, sigignore %ju, sigcatch %ju", stat_num(text, 31), stat_num(text, 32),
	      stat_num(text, 33), stat_num(text, 34));
	t_say("exit_signal %s", t_signame((int)stat_num(text, 38)));
	uintptr_t code = (uintptr_t)&reading, data = (uintptr_t)&initialised;
	FACT(stat_num(text, 26) <= code && code < stat_num(text, 27));
	FACT(stat_num(text, 45) <= data && data < stat_num(text, 46));
	int n = read_maps(maps, 512);
	const struct mline *stack = line_of(n, (uintptr_t)stat_num(text, 28));
	FACT(stack != NULL && strcmp(stack->name, "[stack]") == 0);
	FACT(stat_num(text, 47) <= (uintptr_t)sbrk(0));
	FACT(stat_num(text, 48) == (uintptr_t)argv[0]);
	FACT(stat_num(text, 49) == (uintptr_t)argv[0] + strlen(argv[0]) + 1);
	FACT(stat_num(text, 50) == stat_num(text, 49) && stat_num(text, 51) > stat_num(text, 50));
	FACT(stat_num(text, 23) > 0);
	free(text);
}

static void tasks(void)
{
	DIR *d = opendir("/proc/self/task");
	FACT(d != NULL);
	if (!d)
		return;
	int entries = 0, self = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		entries++;
		self += atoi(e->d_name) == (int)gettid();
	}
	closedir(d);
	t_say("task entries %d, this thread among them: %s", entries, self ? "yes" : "no");
}

static void cpuinfo(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	FACT(f != NULL);
	char line[512];
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "BogoMIPS", 8) != 0)
			t_say("cpuinfo: %.*s", (int)strcspn(line, "\n"), line);
	if (f)
		fclose(f);
}

/* Another process's command line: a child that exec'd this program with
 * arguments, read while it waits (after its path, which differs between
 * machines: each NUL shown as |). */
static void other_cmdline(void)
{
	int ready[2], go[2];
	if (pipe(ready) != 0 || pipe(go) != 0)
		return;
	pid_t child = t_fork();
	if (child == 0) {
		char r[16], g[16];
		close(ready[0]);
		close(go[1]);
		snprintf(r, sizeof r, "%d", ready[1]);
		snprintf(g, sizeof g, "%d", go[0]);
		execl(exe, exe, "cmdline-child", r, g, "two words", "", "last", (char *)NULL);
		_exit(1);
	}
	close(ready[1]);
	close(go[0]);
	char c;
	if (read(ready[0], &c, 1) == 1) {
		char path[64], buf[512];
		snprintf(path, sizeof path, "/proc/%d/cmdline", (int)child);
		int fd = open(path, O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
		size_t skip = n > 0 ? strlen(buf) + 1 : 0;
		printf("child's cmdline after its path: %zd bytes in all, ", n - (ssize_t)skip);
		for (ssize_t i = (ssize_t)skip; i < n; i++)
			putchar(buf[i] ? buf[i] : '|');
		putchar('\n');
		if (fd >= 0)
			close(fd);
	} else {
		t_say("the child did not start");
	}
	close(go[1]);
	close(ready[0]);
	t_wait_child("cmdline child", child);
}

/* The exec'd child: tells it is ready, waits for the go (EOF). */
static int cmdline_child(char **argv)
{
	int ready = atoi(argv[2]), go = atoi(argv[3]);
	char c = 'r';
	if (write(ready, &c, 1) != 1)
		return 2;
	while (read(go, &c, 1) > 0)
		;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 3 && strcmp(argv[1], "cmdline-child") == 0)
		return cmdline_child(argv);
	t_init();
	page = sysconf(_SC_PAGESIZE);
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	if (stat(exe, &exe_st) != 0)
		t_say("cannot stat the program");
	reading();
	program_lines();
	file_mapping();
	anonymous();
	heap_and_stack();
	status_fields();
	stat_fields(argv);
	tasks();
	cpuinfo();
	other_cmdline();
	return 0;
}
