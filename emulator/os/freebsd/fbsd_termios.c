/* FreeBSD's struct termios (sys/sys/_termios.h: u32 c_iflag, c_oflag,
 * c_cflag, c_lflag, c_cc[20], u32 c_ispeed, c_ospeed: 44 bytes) against
 * the host kernel's (c_iflag..c_lflag, c_line, c_cc[19], the speed in
 * c_cflag's CBAUD bits), for TIOCGETA and TIOCSETA[WF]. The flag bits,
 * the c_cc indexes and the disabled character (_POSIX_VDISABLE: 0xff on
 * FreeBSD, 0 on Linux) differ. c_cc entries the host has no counterpart
 * for (VERASE2, VDSUSP, VSTATUS) read as disabled and are not kept. */
#define _GNU_SOURCE
#include <string.h>

#include "os/freebsd/freebsd.h"

struct bit {
	uint32_t fbsd, host;
};

static const struct bit iflags[] = {
	{ 0x1, 0x1 } /* IGNBRK */, { 0x2, 0x2 } /* BRKINT */, { 0x4, 0x4 } /* IGNPAR */,
	{ 0x8, 0x8 } /* PARMRK */, { 0x10, 0x10 } /* INPCK */, { 0x20, 0x20 } /* ISTRIP */,
	{ 0x40, 0x40 } /* INLCR */, { 0x80, 0x80 } /* IGNCR */, { 0x100, 0x100 } /* ICRNL */,
	{ 0x200, 0x400 } /* IXON */, { 0x400, 0x1000 } /* IXOFF */, { 0x800, 0x800 } /* IXANY */,
	{ 0x2000, 0x2000 } /* IMAXBEL */, { 0, 0 },
};
static const struct bit oflags[] = {
	{ 0x1, 0x1 } /* OPOST */, { 0x2, 0x4 } /* ONLCR */, { 0x4, 0x1800 } /* TAB3 (XTABS) */,
	{ 0x10, 0x8 } /* OCRNL */, { 0x20, 0x10 } /* ONOCR */, { 0x40, 0x20 } /* ONLRET */, { 0, 0 },
};
static const struct bit cflags[] = {
	{ 0x100, 0x10 } /* CS6 */, { 0x200, 0x20 } /* CS7 */, { 0x400, 0x40 } /* CSTOPB */,
	{ 0x800, 0x80 } /* CREAD */, { 0x1000, 0x100 } /* PARENB */, { 0x2000, 0x200 } /* PARODD */,
	{ 0x4000, 0x400 } /* HUPCL */, { 0x8000, 0x800 } /* CLOCAL */,
	{ 0x30000, 0x80000000u } /* CRTSCTS */, { 0, 0 },
};
static const struct bit lflags[] = {
	{ 0x1, 0x800 } /* ECHOKE */, { 0x2, 0x10 } /* ECHOE */, { 0x4, 0x20 } /* ECHOK */,
	{ 0x8, 0x8 } /* ECHO */, { 0x10, 0x40 } /* ECHONL */, { 0x20, 0x400 } /* ECHOPRT */,
	{ 0x40, 0x200 } /* ECHOCTL */, { 0x80, 0x1 } /* ISIG */, { 0x100, 0x2 } /* ICANON */,
	{ 0x400, 0x8000 } /* IEXTEN */, { 0x800, 0x10000 } /* EXTPROC */, { 0x400000, 0x100 } /* TOSTOP */,
	{ 0x800000, 0x1000 } /* FLUSHO */, { 0x20000000, 0x4000 } /* PENDIN */,
	{ 0x80000000u, 0x80 } /* NOFLSH */, { 0, 0 },
};

/* FreeBSD c_cc index -> Linux's (-1: none): VEOF 0, VEOL 1, VEOL2 2,
 * VERASE 3, VWERASE 4, VKILL 5, VREPRINT 6, VERASE2 7, VINTR 8, VQUIT 9,
 * VSUSP 10, VDSUSP 11, VSTART 12, VSTOP 13, VLNEXT 14, VDISCARD 15,
 * VMIN 16, VTIME 17, VSTATUS 18. */
static const int cc_host[20] = { 4, 11, 16, 2, 14, 3, 12, -1, 0, 1, 10, -1, 8, 9, 15, 13, 6, 5, -1, -1 };
#define F_VMIN 16
#define F_VTIME 17
#define F_VDISABLE 0xff

/* Linux's CBAUD codes and the speeds FreeBSD gives as numbers. */
static const struct bit speeds[] = {
	{ 0, 0 }, { 50, 1 }, { 75, 2 }, { 110, 3 }, { 134, 4 }, { 150, 5 }, { 200, 6 }, { 300, 7 },
	{ 600, 8 }, { 1200, 9 }, { 1800, 10 }, { 2400, 11 }, { 4800, 12 }, { 9600, 13 }, { 19200, 14 },
	{ 38400, 15 }, { 57600, 0x1001 }, { 115200, 0x1002 }, { 230400, 0x1003 }, { 460800, 0x1004 },
	{ 921600, 0x1007 },
};
#define CBAUD 0x100fu
#define NSPEEDS (sizeof speeds / sizeof speeds[0])

static uint32_t bits_to_host(const struct bit *t, uint32_t v)
{
	uint32_t h = 0;
	for (; t->fbsd; t++)
		if ((v & t->fbsd) == t->fbsd)
			h |= t->host;
	return h;
}

static uint32_t bits_to_fbsd(const struct bit *t, uint32_t v)
{
	uint32_t f = 0;
	for (; t->fbsd; t++)
		if ((v & t->host) == t->host)
			f |= t->fbsd;
	return f;
}

static uint32_t rd(const uint8_t *b, bool be)
{
	return be ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
		  : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

static void wr(uint8_t *b, uint32_t v, bool be)
{
	for (unsigned i = 0; i < 4; i++)
		b[be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static uint32_t host32(const uint8_t *g, unsigned off)
{
	uint32_t v;
	memcpy(&v, g + off, 4);
	return v;
}

static void put_host32(uint8_t *g, unsigned off, uint32_t v) { memcpy(g + off, &v, 4); }

/* A speed FreeBSD has no CBAUD code for keeps B38400's (Linux's pty
 * ignores the speed). */
static uint32_t speed_code(uint32_t speed)
{
	for (unsigned i = 0; i < NSPEEDS; i++)
		if (speeds[i].fbsd == speed)
			return speeds[i].host;
	return 15;
}

static uint32_t speed_of(uint32_t code)
{
	for (unsigned i = 0; i < NSPEEDS; i++)
		if (speeds[i].host == code)
			return speeds[i].fbsd;
	return 38400;
}

static void to_host(const uint8_t *g, uint8_t h[36], bool be)
{
	memset(h, 0, 36);
	put_host32(h, 0, bits_to_host(iflags, rd(g, be)));
	put_host32(h, 4, bits_to_host(oflags, rd(g + 4, be)));
	uint32_t cflag = bits_to_host(cflags, rd(g + 8, be));
	uint32_t ispeed = speed_code(rd(g + 36, be)), ospeed = speed_code(rd(g + 40, be));
	cflag |= ospeed | (ispeed != ospeed ? ispeed << 16 : 0);
	put_host32(h, 8, cflag);
	put_host32(h, 12, bits_to_host(lflags, rd(g + 12, be)));
	for (unsigned i = 0; i < 20; i++) {
		if (cc_host[i] < 0)
			continue;
		uint8_t c = g[16 + i];
		h[17 + cc_host[i]] = c == F_VDISABLE && i != F_VMIN && i != F_VTIME ? 0 : c;
	}
}

static void to_fbsd(const uint8_t h[36], uint8_t *g, bool be)
{
	uint32_t cflag = host32(h, 8);
	uint32_t ocode = cflag & CBAUD, icode = (cflag >> 16) & CBAUD;
	wr(g, bits_to_fbsd(iflags, host32(h, 0)), be);
	wr(g + 4, bits_to_fbsd(oflags, host32(h, 4)), be);
	wr(g + 8, bits_to_fbsd(cflags, cflag), be);
	wr(g + 12, bits_to_fbsd(lflags, host32(h, 12)), be);
	for (unsigned i = 0; i < 20; i++) {
		uint8_t c = cc_host[i] < 0 ? 0 : h[17 + cc_host[i]];
		g[16 + i] = c == 0 && i != F_VMIN && i != F_VTIME ? F_VDISABLE : c;
	}
	wr(g + 36, speed_of(icode ? icode : ocode), be);
	wr(g + 40, speed_of(ocode), be);
}

void fbsd_termios_in_le(const uint8_t *guest, uint8_t generic[36]) { to_host(guest, generic, false); }
void fbsd_termios_out_le(const uint8_t generic[36], uint8_t *guest) { to_fbsd(generic, guest, false); }
void fbsd_termios_in_be(const uint8_t *guest, uint8_t generic[36]) { to_host(guest, generic, true); }
void fbsd_termios_out_be(const uint8_t generic[36], uint8_t *guest) { to_fbsd(generic, guest, true); }
