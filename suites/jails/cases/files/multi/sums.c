#include "sums.h"

unsigned long triangle(unsigned long n)
{
	return n * (n + 1) / 2;
}
