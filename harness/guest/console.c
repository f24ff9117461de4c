#define _GNU_SOURCE
#include "console.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

enum { CONSOLE = 1 };

void console_raw(void)
{
	struct termios t;

	if (tcgetattr(CONSOLE, &t) != 0)
		return;
	t.c_oflag &= ~(tcflag_t)OPOST;
	tcsetattr(CONSOLE, TCSANOW, &t);
}

static void put(const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(CONSOLE, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

void console_record(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof line - 2)
		n = sizeof line - 2;
	line[n] = '\n';
	put("@@mimic ", 8);
	put(line, (size_t)n + 1);
}

void console_file(const char *head, const char *path)
{
	char buf[4096];
	struct stat st;
	long long left;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		console_record("error %s: cannot read %s (errno %d)", head, path, errno);
		if (fd >= 0)
			close(fd);
		return;
	}
	/* The writer has exited, so the size read now is the final one; the
	 * count is announced before the bytes and then honoured exactly. */
	left = st.st_size;
	console_record("%s %lld", head, left);
	while (left > 0) {
		size_t want = left < (long long)sizeof buf ? (size_t)left : sizeof buf;
		ssize_t n = read(fd, buf, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		put(buf, (size_t)n);
		left -= n;
	}
	/* A short file still delivers the announced count, padded, so the
	 * reader stays in step; the error record tells it to discard the block. */
	if (left > 0) {
		for (; left > 0; left--)
			put("\0", 1);
		put("\n", 1);
		console_record("error %s: %s shrank while being read", head, path);
	} else {
		put("\n", 1);
	}
	close(fd);
}

void console_drain(void)
{
	tcdrain(CONSOLE);
}
