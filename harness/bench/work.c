/* Integer benchmark workload: a sieve, a sort of pseudo-random data, a
 * CRC-32 over a buffer and a hash table, sized to run ~0.3 s natively.
 * Prints a checksum so every subject is seen to compute the same thing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s;
}

static uint32_t sieve(unsigned n)
{
	unsigned char *c = calloc(n, 1);
	uint32_t count = 0;
	for (unsigned i = 2; i < n; i++) {
		if (c[i])
			continue;
		count++;
		for (unsigned j = 2 * i; j < n; j += i)
			c[j] = 1;
	}
	free(c);
	return count;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static uint32_t sort(unsigned n, uint32_t seed)
{
	uint32_t *v = malloc(n * sizeof *v);
	for (unsigned i = 0; i < n; i++)
		v[i] = lcg(&seed);
	qsort(v, n, sizeof *v, cmp_u32);
	uint32_t h = 0;
	for (unsigned i = 0; i < n; i += 97)
		h = h * 31 + v[i];
	free(v);
	return h;
}

static uint32_t crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static uint32_t hashing(unsigned n)
{
	enum { SLOTS = 1 << 16 };
	uint32_t *keys = calloc(SLOTS, sizeof *keys);
	uint32_t seed = 7, hits = 0;
	for (unsigned i = 0; i < n; i++) {
		uint32_t k = (lcg(&seed) % 50000) + 1, s = (k * 2654435761u) >> 16;
		while (keys[s] && keys[s] != k)
			s = (s + 1) & (SLOTS - 1);
		hits += keys[s] == k;
		keys[s] = k;
	}
	free(keys);
	return hits;
}

int main(void)
{
	unsigned char *buf = malloc(1 << 20);
	uint32_t seed = 1;
	for (unsigned i = 0; i < 1u << 20; i++)
		buf[i] = (unsigned char)(lcg(&seed) >> 24);

	uint32_t a = sieve(4000000), b = sort(400000, 12345), c = crc32(buf, 1 << 20), d = hashing(2000000);
	printf("sieve %u sort %08x crc %08x hash %u\n", (unsigned)a, (unsigned)b, (unsigned)c, (unsigned)d);
	free(buf);
	return 0;
}
