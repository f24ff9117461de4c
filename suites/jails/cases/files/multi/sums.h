unsigned long triangle(unsigned long n);
unsigned long count_primes(unsigned long n);
