/* Files: open/create, read and write at offsets, vectors, seeking, sizes,
 * sync, rename/link/unlink, symbolic links, modes and owners, times,
 * access checks and the stat family. Runs in a fresh empty directory;
 * prints only what every filesystem agrees on (no inodes, devices, block
 * counts or times, only relations between times). */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

/* The stat-at call under its name on each ABI. */
#ifdef SYS_fstatat64
#define SYS_FSTATAT SYS_fstatat64
#else
#define SYS_FSTATAT SYS_newfstatat
#endif

static char buf[256];

/* A directory's size and link count differ between filesystems. */
static void show_stat(const char *what, const struct stat *st)
{
	if (S_ISDIR(st->st_mode)) {
		t_say("%s: directory mode %04o uid %lu gid %lu", what,
		      (unsigned)(st->st_mode & 07777), (unsigned long)st->st_uid,
		      (unsigned long)st->st_gid);
		return;
	}
	t_say("%s: %s mode %04o nlink %lu uid %lu gid %lu size %lld", what,
	      S_ISREG(st->st_mode) ? "regular" : S_ISLNK(st->st_mode) ? "symlink" : "other",
	      (unsigned)(st->st_mode & 07777), (unsigned long)st->st_nlink,
	      (unsigned long)st->st_uid, (unsigned long)st->st_gid, (long long)st->st_size);
}

static void open_and_create(void)
{
	int fd;

	CHECK(open("missing", O_RDONLY));
	CHECK(open("missing/x", O_RDONLY | O_CREAT, 0644));
	CHECK(open("", O_RDONLY));
	CHECK(syscall(SYS_openat, AT_FDCWD, BADPTR, O_RDONLY));
	fd = CHECK(open("f", O_RDWR | O_CREAT | O_EXCL, 0666));
	CHECK(open("f", O_RDWR | O_CREAT | O_EXCL, 0666));
	CHECK(close(fd));
	CHECK(open("f/x", O_RDONLY));
	CHECK(open("f", O_RDONLY | O_DIRECTORY));
	CHECK(open(".", O_WRONLY));
	CHECK(open(".", O_RDWR));
	fd = CHECK(creat("g", 0600));
	CHECK(close(fd));
	fd = CHECK(openat(AT_FDCWD, "g", O_WRONLY | O_TRUNC));
	CHECK(close(fd));
	CHECK(openat(99, "g", O_RDONLY));
	fd = CHECK(openat(99, "/", O_RDONLY | O_DIRECTORY));
	CHECK(close(fd));
	CHECK(open("f", O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644));
	CHECK(unlink("g"));

	char name[NAME_MAX + 2];
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	fd = open(name, O_RDWR | O_CREAT, 0644);
	t_say("open(<%u-character name>, O_CREAT) = %d %s", (unsigned)strlen(name), fd,
	      t_errname(errno));
	char *path = malloc(PATH_MAX + 2);
	memset(path, 'p', PATH_MAX + 1);
	path[PATH_MAX + 1] = '\0';
	fd = open(path, O_RDONLY);
	t_say("open(<%u-character path>) = %d %s", (unsigned)strlen(path), fd, t_errname(errno));
	free(path);
}

static void read_and_write(void)
{
	int fd = CHECK(open("f", O_RDWR));
	CHECK(write(fd, "hello, world\n", 13));
	CHECK(read(fd, buf, sizeof buf));
	CHECK(lseek(fd, 0, SEEK_CUR));
	CHECK(lseek(fd, 0, SEEK_SET));
	CHECK(read(fd, buf, 5));
	t_say("read gave \"%.5s\"", buf);
	CHECK(lseek(fd, -2, SEEK_END));
	CHECK(read(fd, buf, sizeof buf));
	CHECK(lseek(fd, -100, SEEK_SET));
	CHECK(lseek(fd, 0, 42));
	CHECK(lseek(fd, 100, SEEK_SET));
	CHECK(write(fd, "x", 1));
	CHECK(lseek(fd, 0, SEEK_END));
	CHECK(lseek(fd, 0, SEEK_DATA));
	CHECK(lseek(fd, 0, SEEK_HOLE));
	CHECK(lseek(fd, 200, SEEK_DATA));
	CHECK(pread(fd, buf, 4, 7));
	t_say("pread gave \"%.4s\"", buf);
	CHECK(pread(fd, buf, 4, 50));
	t_say("hole reads as zero: %s", memcmp(buf, "\0\0\0\0", 4) ? "no" : "yes");
	CHECK(pread(fd, buf, 4, 1000));
	CHECK(pread(fd, buf, 4, -1));
	CHECK(pwrite(fd, "HELLO", 5, 0));
	CHECK(lseek(fd, 0, SEEK_CUR));
	CHECK(pread(fd, buf, 13, 0));
	t_say("file starts \"%.12s\"", buf);
	CHECK(lseek(fd, 0, SEEK_SET));
	CHECK(syscall(SYS_read, fd, BADPTR, 4));
	CHECK(syscall(SYS_write, fd, BADPTR, 4));
	CHECK(write(fd, buf, 0));
	CHECK(read(-1, buf, 1));
	CHECK(write(99, buf, 1));
#ifdef SYS_lseek
	CHECK(syscall(SYS_lseek, fd, 3, SEEK_SET));
#endif
#ifdef SYS__llseek
	{
		long long pos = -1;
		CHECK(syscall(SYS__llseek, fd, 0, 5, &pos, SEEK_SET));
		t_say("_llseek result %lld", pos);
		CHECK(syscall(SYS__llseek, fd, 1, 0, &pos, SEEK_SET));
		t_say("_llseek result %lld", pos);
		CHECK(syscall(SYS__llseek, fd, 0, 5, BADPTR, SEEK_SET));
		CHECK(syscall(SYS__llseek, fd, -1, -1, &pos, SEEK_SET));
	}
#endif
	CHECK(close(fd));

	fd = CHECK(open("f", O_RDONLY));
	CHECK(write(fd, "x", 1));
	CHECK(close(fd));
	fd = CHECK(open("f", O_WRONLY | O_APPEND));
	CHECK(read(fd, buf, 1));
	CHECK(pwrite(fd, "appended", 8, 0));
	CHECK(lseek(fd, 0, SEEK_CUR));
	CHECK(close(fd));
}

static void vectors(void)
{
	char a[4], b[8];
	struct iovec out[3] = {
		{ "one", 3 }, { "", 0 }, { "twothree", 8 },
	};
	struct iovec in[2] = { { a, sizeof a }, { b, sizeof b } };
	int fd = CHECK(open("v", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK(writev(fd, out, 3));
	CHECK(lseek(fd, 0, SEEK_SET));
	CHECK(readv(fd, in, 2));
	t_say("readv gave \"%.4s\" \"%.7s\"", a, b);
	CHECK(pwritev(fd, out, 1, 20));
	CHECK(preadv(fd, in, 1, 20));
	t_say("preadv gave \"%.4s\"", a);
	CHECK(syscall(SYS_writev, fd, out, -1));
	CHECK(syscall(SYS_writev, fd, out, 100000));
	struct iovec bad[1] = { { BADPTR, 4 } };
	CHECK(writev(fd, bad, 1));
	CHECK(syscall(SYS_writev, fd, BADPTR, 1));
	CHECK(readv(-1, in, 2));
	CHECK(close(fd));
}

static void sizes_and_sync(void)
{
	struct stat st;
	int fd = CHECK(open("t", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK(ftruncate(fd, 10000));
	CHECK(fstat(fd, &st));
	show_stat("after ftruncate 10000", &st);
	CHECK(ftruncate(fd, 3));
	CHECK(fstat(fd, &st));
	show_stat("after ftruncate 3", &st);
	CHECK(ftruncate(fd, -1));
	CHECK(truncate("t", 4096));
	CHECK(stat("t", &st));
	show_stat("after truncate 4096", &st);
	CHECK(truncate("missing", 0));
	CHECK(truncate(".", 0));
	CHECK(fsync(fd));
	CHECK(fdatasync(fd));
	CHECK(fsync(-1));
	CHECK(fdatasync(99));
	CHECK(close(fd));
	fd = CHECK(open("t", O_RDONLY));
	CHECK(ftruncate(fd, 0));
	CHECK(close(fd));
	CHECK(unlink("t"));
}

/* Space allocation, advice, and copies done by the kernel. */
static void allocation_and_copies(void)
{
	struct stat st;
	int fd = CHECK(open("a", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK(fallocate(fd, 0, 0, 8192));
	CHECK(fstat(fd, &st));
	show_stat("after fallocate 8192", &st);
	CHECK(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 4096));
	CHECK(fstat(fd, &st));
	show_stat("after fallocate KEEP_SIZE past the end", &st);
	CHECK(fallocate(fd, 0, -1, 10));
	CHECK(fallocate(fd, 0, 0, 0));
	CHECK(fallocate(-1, 0, 0, 10));
	CHECK(pwrite(fd, "copy me", 7, 100));
	CHECK_RC(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
	CHECK_RC(posix_fadvise(fd, 0, 0, 99));
	CHECK_RC(posix_fadvise(-1, 0, 0, POSIX_FADV_NORMAL));
	CHECK(syncfs(fd));
	sync();

	int out = CHECK(open("b", O_RDWR | O_CREAT | O_TRUNC, 0644));
	off_t off = 100;
	CHECK(sendfile(out, fd, &off, 7));
	t_say("sendfile offset now %lld", (long long)off);
	CHECK(lseek(out, 0, SEEK_CUR));
	CHECK(sendfile(out, fd, NULL, 4));
	CHECK(sendfile(out, -1, NULL, 4));
	loff_t in_off = 100, out_off = 50;
	CHECK(copy_file_range(fd, &in_off, out, &out_off, 7, 0));
	t_say("copy_file_range offsets %lld %lld", (long long)in_off, (long long)out_off);
	CHECK(copy_file_range(fd, &in_off, out, &out_off, 7, 1));
	CHECK(pread(out, buf, 7, 50));
	t_say("copied \"%.7s\"", buf);
	CHECK(fstat(out, &st));
	show_stat("sendfile and copy_file_range target", &st);
	CHECK(close(out));
	CHECK(close(fd));
	CHECK(unlink("a"));
	CHECK(unlink("b"));
}

static void names(void)
{
	struct stat st;
	int fd;
	CHECK(link("f", "f2"));
	CHECK(stat("f", &st));
	show_stat("f after link", &st);
	CHECK(link("f", "f2"));
	CHECK(link("missing", "m2"));
	CHECK(link(".", "dot"));
	CHECK(rename("f2", "f3"));
	CHECK(rename("f2", "f4"));
	CHECK(rename("f3", "f"));
	CHECK(stat("f", &st));
	show_stat("f after rename of its link over it", &st);
	CHECK(access("f3", F_OK));
	CHECK(unlink("f3"));
	CHECK(rename("f", "f/x"));
	CHECK(renameat(AT_FDCWD, "f", AT_FDCWD, "f5"));
	CHECK(renameat(99, "f5", AT_FDCWD, "f"));
	CHECK(renameat2(AT_FDCWD, "f5", AT_FDCWD, "f", 0));
	fd = CHECK(open("x", O_WRONLY | O_CREAT, 0644));
	CHECK(close(fd));
	CHECK(renameat2(AT_FDCWD, "x", AT_FDCWD, "f", RENAME_NOREPLACE));
	CHECK(renameat2(AT_FDCWD, "x", AT_FDCWD, "f", RENAME_NOREPLACE | RENAME_EXCHANGE));
	CHECK(unlink("x"));
	CHECK(unlink("x"));
	CHECK(unlink("."));
	CHECK(unlink("f/x"));
	CHECK(unlinkat(AT_FDCWD, "f", AT_REMOVEDIR));
	CHECK(unlinkat(AT_FDCWD, "f", 0x4000));
	CHECK(syscall(SYS_unlinkat, AT_FDCWD, BADPTR, 0));

	CHECK(symlink("f", "s"));
	CHECK(symlink("f", "s"));
	CHECK(symlink("nowhere", "dangling"));
	CHECK(symlinkat("s", AT_FDCWD, "s2"));
	CHECK(symlink("", "empty"));
	CHECK(symlink("f", BADPTR));
	memset(buf, 0, sizeof buf);
	CHECK(readlink("s", buf, sizeof buf));
	t_say("readlink gave \"%s\"", buf);
	memset(buf, 0, sizeof buf);
	CHECK(readlink("s2", buf, 1));
	t_say("readlink truncated to \"%s\"", buf);
	CHECK(readlinkat(AT_FDCWD, "dangling", buf, sizeof buf));
	CHECK(readlink("f", buf, sizeof buf));
	CHECK(readlink("missing", buf, sizeof buf));
	CHECK(readlink("s", buf, 0));
	CHECK(syscall(SYS_readlinkat, AT_FDCWD, "s", BADPTR, 16));
	CHECK(lstat("s", &st));
	show_stat("lstat s", &st);
	CHECK(stat("s2", &st));
	show_stat("stat s2", &st);
	CHECK(stat("dangling", &st));
	CHECK(lstat("dangling", &st));
	CHECK(open("s2", O_RDONLY | O_NOFOLLOW));
	fd = CHECK(open("s2", O_RDONLY));
	CHECK(close(fd));
	fd = CHECK(open("dangling", O_WRONLY | O_CREAT, 0600));
	CHECK(close(fd));
	CHECK(lstat("nowhere", &st));
	show_stat("file created through a dangling link", &st);
	CHECK(symlink("loop2", "loop1"));
	CHECK(symlink("loop1", "loop2"));
	CHECK(open("loop1", O_RDONLY));
	CHECK(stat("loop1", &st));
	CHECK(unlink("s2"));
	CHECK(unlink("dangling"));
	CHECK(unlink("nowhere"));
	CHECK(unlink("loop1"));
	CHECK(unlink("loop2"));
}

static void modes_and_owners(void)
{
	struct stat st;
	int fd = CHECK(open("f", O_RDWR));
	CHECK(chmod("f", 04751));
	CHECK(stat("f", &st));
	show_stat("after chmod 4751", &st);
	CHECK(fchmod(fd, 0600));
	CHECK(fstat(fd, &st));
	show_stat("after fchmod 600", &st);
	CHECK(fchmodat(AT_FDCWD, "f", 0644, 0));
	CHECK(chmod("missing", 0644));
	CHECK(fchmod(-1, 0644));
	CHECK(chown("f", 1234, 5678));
	CHECK(stat("f", &st));
	show_stat("after chown 1234:5678", &st);
	CHECK(fchown(fd, -1, 42));
	CHECK(fstat(fd, &st));
	show_stat("after fchown -1:42", &st);
	CHECK(lchown("s", 7, 7));
	CHECK(lstat("s", &st));
	show_stat("lstat s after lchown", &st);
	CHECK(stat("s", &st));
	show_stat("stat s after lchown", &st);
	CHECK(fchownat(AT_FDCWD, "f", 0, 0, 0));
	CHECK(chown("missing", 0, 0));
	CHECK(fchown(99, 0, 0));
	CHECK(stat("f", &st));
	show_stat("after chown 0:0", &st);
	CHECK(close(fd));
}

static void file_times(void)
{
	struct stat st;
	struct timespec ts[2] = { { 1000000000, 0 }, { 1200000000, 0 } };
	CHECK(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK(stat("f", &st));
	t_say("atime %lld.%09ld mtime %lld.%09ld", (long long)st.st_atim.tv_sec,
	      st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1300000000;
	CHECK(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK(stat("f", &st));
	t_say("atime %lld mtime %lld", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec);
	ts[0].tv_nsec = UTIME_NOW;
	ts[1].tv_nsec = UTIME_NOW;
	CHECK(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK(stat("f", &st));
	FACT(st.st_atim.tv_sec == st.st_mtim.tv_sec && st.st_atim.tv_nsec == st.st_mtim.tv_nsec);
	FACT(st.st_mtim.tv_sec != 1300000000);
	CHECK(utimensat(AT_FDCWD, "f", NULL, 0));
	ts[1].tv_nsec = 1000000000;
	CHECK(utimensat(AT_FDCWD, "f", ts, 0));
	CHECK(utimensat(AT_FDCWD, "missing", NULL, 0));
	CHECK(utimensat(AT_FDCWD, "f", NULL, 0x4000));
	ts[0] = (struct timespec){ 1100000000, 0 };
	ts[1] = (struct timespec){ 1100000000, 0 };
	CHECK(utimensat(AT_FDCWD, "s", ts, AT_SYMLINK_NOFOLLOW));
	CHECK(lstat("s", &st));
	t_say("symlink mtime %lld", (long long)st.st_mtim.tv_sec);
	CHECK(stat("s", &st));
	FACT(st.st_mtim.tv_sec != 1100000000);
	int fd = CHECK(open("f", O_RDONLY));
	CHECK(futimens(fd, ts));
	CHECK(fstat(fd, &st));
	t_say("mtime after futimens %lld", (long long)st.st_mtim.tv_sec);
	CHECK(close(fd));
}

static void access_checks(void)
{
	CHECK(access("f", F_OK));
	CHECK(access("f", R_OK | W_OK));
	CHECK(access("missing", F_OK));
	CHECK(access("f/x", F_OK));
	CHECK(access("f", 0x10));
	CHECK(faccessat(AT_FDCWD, "f", R_OK, 0));
	CHECK(faccessat(AT_FDCWD, "s", F_OK, AT_SYMLINK_NOFOLLOW));
	CHECK(faccessat(99, "f", F_OK, 0));
	CHECK(syscall(SYS_faccessat, AT_FDCWD, BADPTR, F_OK));
}

static void stat_family(void)
{
	struct stat st;
	CHECK(stat("f", &st));
	show_stat("stat f", &st);
	CHECK(stat("missing", &st));
	CHECK(stat("f/", &st));
	CHECK(stat("", &st));
	/* The starting directory's mode and owner are the runner's choice. */
	CHECK(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH));
	FACT(S_ISDIR(st.st_mode));
	CHECK(fstatat(AT_FDCWD, "s", &st, AT_SYMLINK_NOFOLLOW));
	show_stat("fstatat s nofollow", &st);
	CHECK(fstatat(AT_FDCWD, "f", &st, 0x10000));
	CHECK(fstatat(99, "f", &st, 0));
	CHECK(fstat(-1, &st));
	int fd = CHECK(open("f", O_RDONLY));
	CHECK(fstatat(fd, "", &st, AT_EMPTY_PATH));
	show_stat("fstatat fd empty path", &st);
	CHECK(fstatat(fd, "x", &st, 0));
	CHECK(close(fd));
#ifdef SYS_statx
	{
		struct statx stx;
		CHECK(statx(AT_FDCWD, "f", 0, STATX_BASIC_STATS, &stx));
		FACT((stx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);
		t_say("statx f: mode %04o size %llu nlink %u", (unsigned)(stx.stx_mode & 07777),
		      (unsigned long long)stx.stx_size, (unsigned)stx.stx_nlink);
		CHECK(statx(AT_FDCWD, "s", AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_SIZE, &stx));
		t_say("statx s: symlink %s size %llu", S_ISLNK(stx.stx_mode) ? "yes" : "no",
		      (unsigned long long)stx.stx_size);
		CHECK(statx(AT_FDCWD, "f", 0, STATX__RESERVED, &stx));
		CHECK(statx(AT_FDCWD, "f", 0x80000000, STATX_BASIC_STATS, &stx));
		CHECK(statx(AT_FDCWD, "missing", 0, STATX_BASIC_STATS, &stx));
		CHECK(syscall(SYS_statx, AT_FDCWD, "f", 0, STATX_BASIC_STATS, BADPTR));
	}
#endif
	CHECK(syscall(SYS_FSTATAT, AT_FDCWD, "f", BADPTR, 0));
}

int main(void)
{
	t_init();
	open_and_create();
	read_and_write();
	vectors();
	sizes_and_sync();
	allocation_and_copies();
	names();
	modes_and_owners();
	file_times();
	access_checks();
	stat_family();
	CHECK(unlink("f"));
	CHECK(unlink("s"));
	CHECK(unlink("v"));
	return 0;
}
