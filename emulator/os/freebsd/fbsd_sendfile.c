/* sendfile(2): a file's bytes to a socket (the host's sendfile), after
 * the headers and before the trailers of struct sf_hdtr (sys/sys/socket.h:
 * iovec pointer, int count, iovec pointer, int count; pointers a guest
 * word). FreeBSD's offset is the file's, not its seek position; nbytes 0
 * is up to the end of the file; *sbytes gets every byte sent, also when
 * the call fails part way (EAGAIN on a non-blocking socket). The flags
 * (SF_NODISKIO, SF_NOCACHE, readahead) are hints. */
#define _GNU_SOURCE
#include <sys/sendfile.h>
#include <sys/socket.h>

#include "os/freebsd/fbsd_sys.h"

/* Sends the guest's n iovecs at iov; 0 or -errno, *sent counted. */
static long send_iov(struct linux_proc *p, int s, uint64_t iov, int n, uint64_t *sent)
{
	unsigned w = sc_wordsize(p);
	if (n < 0 || n > 1024)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		uint64_t base, len;
		if (sc_getlong(p, iov + 2 * w * i, &base) < 0 || sc_getlong(p, iov + 2 * w * i + w, &len) < 0)
			return -EFAULT;
		while (len) {
			ssize_t k = send(s, sc_buf_or_bad(p, base, len, GP_R), len, MSG_NOSIGNAL);
			if (k < 0)
				return sc_err();
			*sent += (uint64_t)k;
			base += (uint64_t)k;
			len -= (uint64_t)k;
		}
	}
	return 0;
}

static long send_file(int fd, int s, off_t off, uint64_t n, uint64_t *sent)
{
	uint64_t done = 0;
	while (!n || done < n) {
		size_t chunk = n ? (size_t)(n - done) : (size_t)1 << 30;
		ssize_t k = sendfile(s, fd, &off, chunk);
		if (k < 0)
			return sc_err();
		if (k == 0)
			break;
		done += (uint64_t)k;
		*sent += (uint64_t)k;
	}
	return 0;
}

FBSD(sendfile)
{
	int fd = sc_int(a[0]), s = sc_int(a[1]), type;
	off_t off = (off_t)a[2];
	uint64_t n = sc_ulong(p, a[3]), hdtr = a[4], sbytes = a[5], sent = 0;
	socklen_t tl = sizeof type;
	if (getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &tl) < 0)
		return sc_err();
	if (type != SOCK_STREAM || off < 0)
		return -EINVAL;
	uint64_t hdr = 0, trl = 0;
	int nhdr = 0, ntrl = 0;
	if (hdtr) {
		struct gimage g;
		unsigned w = sc_wordsize(p);
		if (gi_get(p, hdtr, &g, 4 * w) < 0)
			return -EFAULT;
		hdr = gi_getlong(&g, p, 0);
		nhdr = (int)gi_get32(&g, w);
		trl = gi_getlong(&g, p, 2 * w);
		ntrl = (int)gi_get32(&g, 3 * w);
	}
	long r = send_iov(p, s, hdr, hdr ? nhdr : 0, &sent);
	if (r == 0)
		r = send_file(fd, s, off, n, &sent);
	if (r == 0)
		r = send_iov(p, s, trl, trl ? ntrl : 0, &sent);
	/* Bytes went out before a signal: EINTR with their count, not a
	 * restart that would send them again. */
	if (r == -LINUX_ERESTARTSYS)
		r = sent ? -EINTR : r;
	if (sbytes && sc_put64(p, sbytes, sent) < 0)
		return -EFAULT;
	return r;
}
