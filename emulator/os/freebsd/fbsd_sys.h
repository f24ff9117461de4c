/* FreeBSD system call handlers (fbsd_*.c) and the shared ones the
 * FreeBSD table uses (sys_*, declared by syscall.h), for fbsd_syscall.c. */
#ifndef MIMIC_FBSD_SYS_H
#define MIMIC_FBSD_SYS_H

#include "os/freebsd/freebsd.h"
#include "os/linux/proc_sys.h"
#include "os/linux/syscall.h"

#define FBSD(name) long fbsd_##name(struct linux_proc *p, const uint64_t a[6])

/* fbsd_sys.c */
FBSD(exit); FBSD(issetugid); FBSD(mmap); FBSD(madvise); FBSD(getrlimit); FBSD(setrlimit);
FBSD(yield); FBSD(cpuset_getaffinity); FBSD(__getcwd); FBSD(lseek); FBSD(pread); FBSD(pwrite);
FBSD(fstat); FBSD(fstatat); FBSD(ftruncate);
/* fbsd_time.c */
FBSD(clock_gettime); FBSD(clock_getres); FBSD(nanosleep); FBSD(gettimeofday); FBSD(setitimer);
/* fbsd_signal.c */
FBSD(sigaction); FBSD(sigprocmask); FBSD(sigaltstack); FBSD(sigreturn);
FBSD(getcontext); FBSD(setcontext); FBSD(swapcontext);
/* fbsd_thr.c */
FBSD(thr_new); FBSD(thr_self); FBSD(thr_exit); FBSD(thr_kill); FBSD(_umtx_op); FBSD(thr_set_name);
/* fbsd_dir.c */
FBSD(unlinkat); FBSD(getdirentries);
/* fbsd_kqueue.c */
FBSD(kqueue); FBSD(kevent); FBSD(compat11_kevent);
/* fbsd_proc.c */
FBSD(wait4); FBSD(wait6); FBSD(getrusage); FBSD(procctl);
/* fbsd_statfs.c */
FBSD(statfs); FBSD(fstatfs); FBSD(getfsstat);
/* fbsd_procdesc.c */
FBSD(pdfork); FBSD(pdkill); FBSD(pdgetpid);
/* The child's pid of a process descriptor pdfork made, or -EBADF. */
int fbsd_procdesc_pid(int fd);
/* struct stat of a process descriptor (false: fd is not one). */
struct stat;
bool fbsd_procdesc_stat(int fd, struct stat *st);
/* fbsd_fd.c */
FBSD(fcntl);
/* fbsd_file.c */
FBSD(truncate); FBSD(chown); FBSD(lchown); FBSD(fchownat); FBSD(fchown); FBSD(mkfifo); FBSD(mkfifoat);
FBSD(utimensat); FBSD(utimes); FBSD(lutimes); FBSD(futimesat); FBSD(futimens); FBSD(futimes);
/* fbsd_sysctl.c */
FBSD(__sysctl); FBSD(__sysctlbyname);
/* fbsd_socket.c, fbsd_sockopt.c, fbsd_sockmsg.c */
FBSD(socket); FBSD(socketpair); FBSD(bind); FBSD(connect); FBSD(accept); FBSD(accept4);
FBSD(getsockname); FBSD(getpeername); FBSD(sendto); FBSD(recvfrom); FBSD(setsockopt); FBSD(getsockopt);
FBSD(sendmsg); FBSD(recvmsg);
/* fbsd_sendfile.c */
FBSD(sendfile);
/* fbsd_poll.c */
FBSD(select); FBSD(pselect); FBSD(ppoll);
/* fbsd_ioctl.c */
FBSD(ioctl); FBSD(posix_openpt);

/* Names once per (what, a, b) under -d unimp what mimic does not run
 * (a socket option, an ioctl request). */
void fbsd_note_unimp(struct linux_proc *p, const char *what, uint32_t a, uint32_t b);

bool fbsd_sc_ret_wide(unsigned nr);

#endif
