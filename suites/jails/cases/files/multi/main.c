#include <stdio.h>
#include <stdlib.h>
#include "sums.h"

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		unsigned long n = strtoul(argv[i], NULL, 10);

		printf("%lu: triangle %lu, primes %lu\n", n, triangle(n), count_primes(n));
	}
	return 0;
}
