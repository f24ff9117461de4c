/* Signal-frame images in the guest's byte order, for the frame code of
 * both personalities (Linux's mips_sigframe.c, FreeBSD's fbsd_*_frame.c):
 * a frame is built in a host buffer, then written to the stack at once. */
#ifndef MIMIC_FRAME_BYTES_H
#define MIMIC_FRAME_BYTES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static inline void fb_put32(bool be, uint8_t *b, unsigned off, uint32_t v)
{
	if (be)
		v = __builtin_bswap32(v);
	memcpy(b + off, &v, 4);
}

static inline void fb_put64(bool be, uint8_t *b, unsigned off, uint64_t v)
{
	if (be)
		v = __builtin_bswap64(v);
	memcpy(b + off, &v, 8);
}

static inline uint32_t fb_get32(bool be, const uint8_t *b, unsigned off)
{
	uint32_t v;
	memcpy(&v, b + off, 4);
	return be ? __builtin_bswap32(v) : v;
}

static inline uint64_t fb_get64(bool be, const uint8_t *b, unsigned off)
{
	uint64_t v;
	memcpy(&v, b + off, 8);
	return be ? __builtin_bswap64(v) : v;
}

#endif
