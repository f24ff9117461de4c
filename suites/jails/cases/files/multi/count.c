#include "sums.h"

unsigned long count_primes(unsigned long n)
{
	unsigned long c = 0;

	for (unsigned long i = 2; i <= n; i++) {
		unsigned long d = 2;

		while (d * d <= i && i % d)
			d++;
		c += d * d > i;
	}
	return c;
}
