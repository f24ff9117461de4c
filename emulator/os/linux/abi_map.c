/* Translation of ABI-specific flag bits and numbered values between the
 * guest's numbering and the one the personality or the host uses. */
#include "os/linux/abi.h"

#include <stddef.h>

uint32_t abi_flags_in(const struct flag_map *map, uint32_t v)
{
	if (!map)
		return v;
	uint32_t out = v;
	const struct flag_map *m;
	for (m = map; m->guest; m++)
		out &= ~m->guest;
	for (m = map; m->guest; m++)
		if ((v & m->guest) == m->guest)
			out |= m->host;
	return out;
}

uint32_t abi_flags_out(const struct flag_map *map, uint32_t v)
{
	if (!map)
		return v;
	uint32_t out = v;
	const struct flag_map *m;
	for (m = map; m->guest; m++)
		out &= ~m->host;
	for (m = map; m->guest; m++)
		if ((v & m->host) == m->host)
			out |= m->guest;
	return out;
}

int abi_value_in(const struct value_map *map, int v)
{
	for (const struct value_map *m = map; m && m->guest != -1; m++)
		if (m->guest == v)
			return m->host;
	return v;
}

int abi_value_out(const struct value_map *map, int v)
{
	for (const struct value_map *m = map; m && m->guest != -1; m++)
		if (m->host == v)
			return m->guest;
	return v;
}

long abi_errno_out(const struct linux_abi *abi, long r)
{
	if (r >= 0 || r < -4095 || !abi->errno_out)
		return r;
	unsigned e = (unsigned)-r;
	return e < abi->nerrno_out && abi->errno_out[e] ? -(long)abi->errno_out[e] : r;
}
