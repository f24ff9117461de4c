/* The embedded default program of `ci/demo`, built for every target: a
 * small static program that exercises what a user notices first (stdio,
 * uname, integer and floating-point formatting, sorting, the environment). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

/* uname's machine on each target's real guest; exit status 2 if it differs. */
#if defined(__arm__)
#define EXPECTED_MACHINE "armv6l"
#elif defined(__mips64)
#define EXPECTED_MACHINE "mips64"
#else
#error "no expected machine name for this target"
#endif

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct utsname u;
	if (uname(&u) != 0) {
		perror("uname");
		return 1;
	}
	printf("Hello from %s (%s)\n", u.machine, u.sysname);

	int primes = 0;
	for (int n = 2; n < 10000; n++) {
		int prime = 1;
		for (int d = 2; d * d <= n; d++)
			if (n % d == 0) {
				prime = 0;
				break;
			}
		primes += prime;
	}
	printf("primes below 10000: %d\n", primes);

	double x = 1.0;
	for (int i = 1; i <= 20; i++)
		x += 1.0 / i;
	printf("1 + H(20) = %.12f, sqrt-free e estimate = %g\n", x, 2.718281828459045);

	int v[] = { 42, -7, 19, 0, 1000, 3 };
	qsort(v, sizeof v / sizeof v[0], sizeof v[0], cmp_int);
	printf("sorted:");
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		printf(" %d", v[i]);
	printf("\n");

	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	const char *home = getenv("HOME");
	printf("HOME is %s\n", home ? "set" : "unset");
	return strcmp(u.machine, EXPECTED_MACHINE) == 0 ? 0 : 2;
}
