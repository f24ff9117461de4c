/* FreeBSD socket values shared by the socket files (fbsd_sockaddr.c,
 * fbsd_socket.c, fbsd_sockopt.c, fbsd_sockmsg.c): address conversion and
 * MSG_* flags (sys/sys/socket.h). */
#ifndef MIMIC_FBSD_SOCK_H
#define MIMIC_FBSD_SOCK_H

#include <sys/socket.h>

#include "os/freebsd/fbsd_sys.h"

/* socket's domain: AF_UNIX 1, AF_INET 2, AF_INET6 28 in host numbering;
 * -1 for another (EAFNOSUPPORT). */
int fbsd_domain_in(int d);

/* A guest struct sockaddr of len bytes (u8 sa_len, u8 sa_family, the
 * family's bytes) -> host, as getsockaddr() takes it: longer than
 * SOCK_MAXADDRLEN (255) is ENAMETOOLONG, shorter than the two header
 * bytes EINVAL. *hlen: the host length. 0 or -errno. */
long fbsd_sockaddr_in(struct linux_proc *p, uint64_t addr, uint64_t len, struct sockaddr_storage *ss,
		      socklen_t *hlen);
/* A host address -> FreeBSD's image in buf (at most 255 bytes): its
 * sa_len. An unnamed AF_UNIX address (hlen 2) is FreeBSD's sun_noname. */
unsigned fbsd_sockaddr_image(const struct sockaddr_storage *ss, socklen_t hlen, uint8_t buf[256]);
/* Writes a host address to the guest's (addr, *lenp) as FreeBSD does
 * (kern_getsockname, kern_accept4, kern_recvit): min(*lenp, sa_len)
 * bytes, and that length in *lenp. addr 0: nothing. 0 or -errno. */
long fbsd_sockaddr_out(struct linux_proc *p, uint64_t addr, uint64_t lenp, const struct sockaddr_storage *ss,
		       socklen_t hlen);
/* A receive's source address of hlen bytes on fd: a datagram from an
 * unbound AF_UNIX socket has none on Linux, FreeBSD's is sun_noname. */
socklen_t fbsd_from_unnamed(int fd, struct sockaddr_storage *ss, socklen_t hlen);

/* MSG_* flags guest -> host and host -> guest (msg_flags of recvmsg). */
int fbsd_msg_flags_in(uint32_t f);
uint32_t fbsd_msg_flags_out(int f);

#endif
