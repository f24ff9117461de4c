/* Directories: mkdir/mkdirat/rmdir, listing through readdir and getdents64
 * (names sorted: the order is the filesystem's), working directory changes,
 * getcwd (only relative facts: the absolute path differs between runs) and
 * umask. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

static char buf[4096];

static void show_mode(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		t_say("%s: %s mode %04o", path, S_ISDIR(st.st_mode) ? "directory" : "not a directory",
		      (unsigned)(st.st_mode & 07777));
	else
		t_say("%s: lstat %s", path, t_errname(errno));
}

static void make_and_remove(void)
{
	int fd;

	CHECK(mkdir("d", 0777));
	show_mode("d");
	CHECK(mkdir("d", 0777));
	CHECK(mkdir("missing/x", 0777));
	CHECK(mkdir("", 0777));
	fd = CHECK(open("file", O_WRONLY | O_CREAT, 0644));
	CHECK(close(fd));
	CHECK(mkdir("file", 0777));
	CHECK(mkdir("file/x", 0777));
	CHECK(syscall(SYS_mkdirat, AT_FDCWD, BADPTR, 0777));
	int dfd = CHECK(open("d", O_RDONLY | O_DIRECTORY));
	CHECK(mkdirat(dfd, "sub", 0700));
	show_mode("d/sub");
	CHECK(mkdirat(dfd, "sticky", 01777));
	show_mode("d/sticky");
	CHECK(mkdirat(99, "x", 0777));
	CHECK(mkdirat(AT_FDCWD, "d/sub/deeper", 0750));
	show_mode("d/sub/deeper");

	CHECK(rmdir("d"));
	CHECK(rmdir("d/sub"));
	CHECK(rmdir("file"));
	CHECK(rmdir("missing"));
	CHECK(rmdir("d/sub/deeper/."));
	CHECK(rmdir("d/sub/deeper/.."));
	CHECK(rmdir("d/sub/deeper"));
	CHECK(unlinkat(dfd, "sticky", AT_REMOVEDIR));
	CHECK(unlinkat(dfd, "sticky", AT_REMOVEDIR));
	CHECK(unlink("d/sub"));

	CHECK(mkdir("d/e1", 0755));
	CHECK(mkdir("d/e2", 0755));
	fd = CHECK(open("d/e2/f", O_WRONLY | O_CREAT, 0644));
	CHECK(close(fd));
	CHECK(rename("d/e1", "d/e2"));
	CHECK(rename("d/e2", "d/e2/f/x"));
	CHECK(rename("d/e2", "d/e2/inside"));
	CHECK(rename("d/e1", "file"));
	CHECK(rename("file", "d/e1"));
	CHECK(rename("d/e2", "d/e1"));
	CHECK(rename("d/e1", "d/e3"));
	CHECK(unlink("d/e3/f"));
	CHECK(rmdir("d/e3"));
	CHECK(close(dfd));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *type_name(unsigned char type)
{
	switch (type) {
	case DT_REG: return "file";
	case DT_DIR: return "dir";
	case DT_LNK: return "link";
	case DT_FIFO: return "fifo";
	default: return "other";
	}
}

#define MAX_NAMES 32

struct names {
	char *name[MAX_NAMES];
	unsigned count;
};

static void add_name(struct names *n, const char *name, unsigned char type)
{
	if (n->count == MAX_NAMES)
		return;
	size_t len = strlen(name) + 8;
	n->name[n->count] = malloc(len);
	snprintf(n->name[n->count++], len, "%s %s", name, type_name(type));
}

/* Sorted: the order of entries is the filesystem's own. */
static void print_names(const char *why, struct names *n)
{
	qsort(n->name, n->count, sizeof n->name[0], by_name);
	t_say("%s: %u entries", why, n->count);
	for (unsigned i = 0; i < n->count; i++) {
		t_say("  %s", n->name[i]);
		free(n->name[i]);
	}
	n->count = 0;
}

/* Lists d through readdir: names sorted, each with its type. */
static void list(const char *why)
{
	struct names n = { .count = 0 };
	DIR *dir = CHECK_PTR(opendir("d"), NULL);
	if (!dir)
		return;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(dir)))
		add_name(&n, e->d_name, e->d_type);
	if (errno)
		t_say("readdir failed: %s", t_errname(errno));
	print_names(why, &n);
	rewinddir(dir);
	unsigned again = 0;
	while (readdir(dir))
		again++;
	t_say("after rewinddir: %u entries", again);
	CHECK(closedir(dir));
}

/* The kernel's records, read with a buffer small enough to need several
 * calls: d_reclen walks them, d_name and d_type are checked. */
static void list_getdents64(int fd)
{
	struct names n = { .count = 0 };
	long got, calls = 0;
	while ((got = syscall(SYS_getdents64, fd, buf, 64)) > 0) {
		calls++;
		for (long off = 0; off < got;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			add_name(&n, d->d_name, d->d_type);
			off += d->d_reclen;
		}
	}
	if (got < 0)
		t_say("getdents64 failed: %s", t_errname(errno));
	FACT(calls > 1);
	print_names("getdents64 records", &n);
}

static void listing(void)
{
	CHECK(mkdir("d/sub", 0755));
	CHECK(symlink("sub", "d/link"));
	CHECK(mkfifo("d/fifo", 0644));
	static const char *const files[] = { "zeta", "alpha", "Mixed", "b.c", ".hidden" };
	for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(buf, sizeof buf, "d/%s", files[i]);
		close(open(buf, O_WRONLY | O_CREAT, 0644));
	}
	list("listing of d");

	CHECK_PTR(opendir("missing"), NULL);
	CHECK_PTR(opendir("file"), NULL);

	int fd = CHECK(open("d", O_RDONLY | O_DIRECTORY));
	list_getdents64(fd);
	CHECK(syscall(SYS_getdents64, fd, buf, sizeof buf));
	CHECK(lseek(fd, 0, SEEK_SET));
	CHECK(syscall(SYS_getdents64, fd, buf, 1));
	CHECK(syscall(SYS_getdents64, fd, BADPTR, sizeof buf));
	CHECK(syscall(SYS_getdents64, -1, buf, sizeof buf));
	CHECK(read(fd, buf, sizeof buf));
	CHECK(write(fd, buf, 1));
	CHECK(close(fd));
	fd = CHECK(open("file", O_RDONLY));
	CHECK(syscall(SYS_getdents64, fd, buf, sizeof buf));
	CHECK(close(fd));

	for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(buf, sizeof buf, "d/%s", files[i]);
		unlink(buf);
	}
	CHECK(unlink("d/fifo"));
	CHECK(unlink("d/link"));
	CHECK(rmdir("d/sub"));
	list("listing of emptied d");
}

/* Whether the current directory's path ends with /suffix; label names the
 * suffix in the transcript when the suffix itself varies between runs. */
static void cwd_ends_with(const char *label, const char *suffix)
{
	char *cwd = getcwd(buf, sizeof buf);
	if (!cwd) {
		t_say("getcwd: %s", t_errname(errno));
		return;
	}
	size_t n = strlen(cwd), k = strlen(suffix);
	t_say("cwd is absolute: %s, ends with /%s: %s", cwd[0] == '/' ? "yes" : "no", label,
	      n > k && cwd[n - k - 1] == '/' && strcmp(cwd + n - k, suffix) == 0 ? "yes" : "no");
}

static void working_directory(void)
{
	char top[64];
	char *cwd = getcwd(buf, sizeof buf);
	const char *base = cwd ? strrchr(cwd, '/') : NULL;
	snprintf(top, sizeof top, "%s", base && base[1] ? base + 1 : "");
	int home = CHECK(open(".", O_RDONLY | O_DIRECTORY));
	CHECK(mkdir("d/sub", 0755));
	CHECK(chdir("d"));
	cwd_ends_with("d", "d");
	CHECK(chdir("sub"));
	cwd_ends_with("d/sub", "d/sub");
	CHECK(chdir(".."));
	cwd_ends_with("d", "d");
	CHECK(chdir("missing"));
	CHECK(chdir("../file"));
	CHECK(chdir(""));
	CHECK(syscall(SYS_chdir, BADPTR));
	CHECK(fchdir(home));
	cwd_ends_with("<start directory>", top);
	int ffd = CHECK(open("file", O_RDONLY));
	CHECK(fchdir(ffd));
	CHECK(fchdir(-1));
	CHECK(close(ffd));

	CHECK(syscall(SYS_getcwd, buf, 1));
	CHECK(syscall(SYS_getcwd, buf, 0));
	CHECK_PTR(getcwd(buf, 1), NULL);
	CHECK_OK(syscall(SYS_getcwd, buf, sizeof buf));
	CHECK(syscall(SYS_getcwd, BADPTR, sizeof buf));
	cwd = getcwd(NULL, 0);
	FACT(cwd != NULL);
	free(cwd);

	/* A directory removed while it is the working directory. */
	CHECK(chdir("d/sub"));
	CHECK(rmdir("../sub"));
	CHECK(syscall(SYS_getcwd, buf, sizeof buf));
	CHECK(open("new", O_WRONLY | O_CREAT, 0644));
	CHECK(mkdir("newdir", 0755));
	CHECK(fchdir(home));
	cwd_ends_with("<start directory>", top);
	CHECK(close(home));
}

static void masks(void)
{
	int fd;

	CHECK(umask(077));
	fd = CHECK(open("private", O_WRONLY | O_CREAT, 0666));
	CHECK(close(fd));
	show_mode("private");
	CHECK(mkdir("privdir", 0777));
	show_mode("privdir");
	CHECK(umask(0));
	fd = CHECK(open("open", O_WRONLY | O_CREAT, 0666));
	CHECK(close(fd));
	show_mode("open");
	CHECK(mkdir("opendir", 01777));
	show_mode("opendir");
	CHECK(umask(0777777));
	CHECK(umask(022));
	CHECK(unlink("private"));
	CHECK(unlink("open"));
	CHECK(rmdir("privdir"));
	CHECK(rmdir("opendir"));
}

int main(void)
{
	t_init();
	make_and_remove();
	listing();
	working_directory();
	masks();
	CHECK(rmdir("d"));
	CHECK(unlink("file"));
	return 0;
}
