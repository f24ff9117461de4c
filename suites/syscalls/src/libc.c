/* The C library on top of the system calls: formatted output of integers
 * and floating point (soft-float on armel, so integer code paths do the
 * work), conversions, sorting, strings, jumps, environment and arguments. */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

static void integers(void)
{
	t_say("%d %i %u %x %X %o", -42, INT_MIN, UINT_MAX, 0xbeefu, 0xbeefu, 0755u);
	t_say("[%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%*d]", 42, 42, 42, 42, 42, 7, 6, -3);
	t_say("%#x %#o %#X %x", 255u, 8u, 0xabcu, 0u);
	t_say("%ld %lu %lx", LONG_MIN, ULONG_MAX, (unsigned long)LONG_MAX);
	t_say("%lld %llu %llx", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
	t_say("%hhd %hd %hhu %hu", (signed char)-1, (short)-32768, (unsigned char)255,
	      (unsigned short)65535);
	t_say("%" PRId64 " %" PRIu64 " %" PRIx64, INT64_MIN, UINT64_MAX, (uint64_t)1 << 63);
	t_say("%zu %td %jd", sizeof(int32_t), (ptrdiff_t)-5, (intmax_t)INTMAX_MAX);
	t_say("[%c] [%5c] [%s] [%.2s] [%-6s] [%6s] [%%]", 'A', 'B', "str", "abc", "ab", "cd");
	t_say("%lld / 7 = %lld rem %lld", 1000000000000LL, 1000000000000LL / 7, 1000000000000LL % 7);
	t_say("%llu / 3 = %llu", ULLONG_MAX, ULLONG_MAX / 3);
	volatile long long a = -9000000000LL, b = 12345;
	t_say("%lld * %lld = %lld", a, b, a * b);
	t_say("%lld >> 3 = %lld, %llu >> 60 = %llu", a, a >> 3, ULLONG_MAX, ULLONG_MAX >> 60);
}

static void floats(void)
{
	static const double values[] = {
		0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.5, 3.5, 1e-5, 123456789.125,
		1e21, 1e-300, 5e-324, DBL_MAX, DBL_MIN, 6.02214076e23, -2.718281828459045,
	};
	for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
		double v = values[i];
		t_say("%f | %e | %g | %a | %.17g", v, v, v, v, v);
	}
	t_say("%.0f %.0f %.0f %.0f %.1f %.2f", 0.5, 1.5, 2.5, -0.5, 0.05, 1.005);
	t_say("[%10.3f] [%-10.2e] [%+.3g] [%010.4f] [%#.0f] [%#g]", 3.14159, 31415.9, 0.000123456,
	      -2.5, 3.0, 1.0);
	t_say("%.30f", 0.1);
	t_say("%.20e", 1.0 / 7.0);
	t_say("%.0e %.1e %G %E", 9.5, 9.95, 1e-10, 12345.678);
	volatile double zero = 0.0;
	double nz = -zero, inf = 1.0 / zero, nan = zero / zero;
	t_say("negative zero: %f %e %g %a, signbit %d", nz, nz, nz, nz, signbit(nz) != 0);
	t_say("inf: %f %e %g %F %a, -inf %f", inf, inf, inf, inf, inf, -inf);
	t_say("nan: %f %g %F, isnan %d", fabs(nan), fabs(nan), fabs(nan), isnan(nan) != 0);
	t_say("float %f %g %a", (double)1.1f, (double)FLT_MAX, (double)FLT_MIN);
	t_say("%Lf %Le %Lg", 1.25L, 1e100L, (long double)1 / 3);

	volatile double x = 1e308, y = 10.0, small = 1e-320;
	t_say("overflow %g, underflow %g, subnormal*1e10 %g", x * y, small / 1e10, small * 1e10);
	/* volatile inputs: computed at run time, not folded by the compiler. */
	volatile double two = 2.0, m25 = -2.5, one = 1.0, ten = 10.0;
	t_say("sqrt(2) %.17g, floor(-2.5) %g, ceil(-2.5) %g, fmod(-2.5, 2) %g", sqrt(two),
	      floor(m25), ceil(m25), fmod(m25, two));
	t_say("pow(2, 0.5) %.17g, exp(1) %.17g, log(10) %.17g", pow(two, 0.5), exp(one), log(ten));
	t_say("sin(1) %.17g, atan2(1, -1) %.17g", sin(one), atan2(one, -one));
	volatile double d = -3.99;
	volatile float f = 16777217.0f;
	t_say("(int)-3.99 %d, (long long)1e18 %lld, (unsigned)3e9 %u, float 16777217 %.1f",
	      (int)d, (long long)1e18, (unsigned)3e9, (double)f);
	volatile long long big = 9007199254740993LL;
	t_say("(double)9007199254740993 %.1f, (float)big %.1f", (double)big, (double)(float)big);
}

static void conversions(void)
{
	static const char *const inputs[] = {
		"3.14159", "-0", "1e400", "1e-400", "0x1.8p3", "inf", "-INFINITY", "nan", "  42abc",
		"", "4.9e-324", "2.2250738585072011e-308", "123456789012345678901234567890",
		"0.1e1", ".5", "1.7976931348623157e308",
	};
	for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		char *end;
		errno = 0;
		double v = strtod(inputs[i], &end);
		t_say("strtod(\"%s\") = %.17g (%a), consumed %d, %s", inputs[i], v, v,
		      (int)(end - inputs[i]), errno ? t_errname(errno) : "no error");
	}
	char *end;
	errno = 0;
	long hex = strtol("-0x7fz", &end, 16);
	t_say("strtol(\"-0x7fz\", 16) = %ld, rest \"%s\"", hex, end);
	errno = 0;
	long l = strtol("99999999999999999999", &end, 10);
	t_say("strtol overflow = %s, %s", l == LONG_MAX ? "LONG_MAX" : "other", t_errname(errno));
	errno = 0;
	unsigned long long u = strtoull("18446744073709551615", &end, 0);
	t_say("strtoull max = %llu, %s", u, errno ? t_errname(errno) : "no error");
	t_say("strtol(\"0755\", 0) = %ld, strtol(\"z\", 36) = %ld", strtol("0755", NULL, 0),
	      strtol("z", NULL, 36));
	t_say("atoi(\" -17x\") = %d, atof(\"2.5e2\") = %g", atoi(" -17x"), atof("2.5e2"));
	errno = 0;
	long base1 = strtol("1", NULL, 1);
	t_say("strtol(\"1\", 1) = %ld, %s", base1, t_errname(errno));
	float fl = strtof("3.4028235e38", NULL);
	t_say("strtof max %g, strtof(\"1e39\") %g", (double)fl, (double)strtof("1e39", NULL));
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sorting(void)
{
	int v[40];
	unsigned seed = 12345;
	for (int i = 0; i < 40; i++) {
		seed = seed * 1103515245u + 12345u;
		v[i] = (int)(seed >> 16) % 1000 - 500;
	}
	qsort(v, 40, sizeof v[0], cmp_int);
	printf("qsort:");
	for (int i = 0; i < 40; i++)
		printf(" %d", v[i]);
	putchar('\n');
	int key = v[17];
	int *hit = bsearch(&key, v, 40, sizeof v[0], cmp_int);
	t_say("bsearch found %d: %s", key, hit && *hit == key ? "yes" : "no");
	const char *words[] = { "pear", "apple", "Zebra", "fig", "apple pie", "", "banana" };
	qsort(words, 7, sizeof words[0], cmp_str);
	printf("sorted words:");
	for (int i = 0; i < 7; i++)
		printf(" \"%s\"", words[i]);
	putchar('\n');
}

static void strings(void)
{
	char buf[64];
	t_say("strlen %zu, strnlen %zu", strlen("hello, world"), strnlen("hello", 3));
	t_say("strcmp %d %d %d, strncmp %d", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0,
	      strcmp("same", "same"), strncmp("abcdef", "abcxyz", 3));
	t_say("strcasecmp %d, strncasecmp %d", strcasecmp("HeLLo", "hello"),
	      strncasecmp("ABCx", "abcy", 3));
	t_say("strchr \"%s\", strrchr \"%s\", strstr \"%s\"", strchr("a/b/c", '/'),
	      strrchr("a/b/c", '/'), strstr("haystack needle hay", "needle"));
	t_say("strspn %zu, strcspn %zu, strpbrk \"%s\"", strspn("aaabbc", "ab"),
	      strcspn("hello world", " "), strpbrk("key=value", "=:"));
	memset(buf, 0, sizeof buf);
	strcpy(buf, "abc");
	strcat(buf, "def");
	volatile size_t two = 2;
	strncat(buf, "ghijkl", two);
	t_say("strcpy/strcat/strncat \"%s\"", buf);
	memcpy(buf, "0123456789", 11);
	memmove(buf + 2, buf, 5);
	t_say("memmove overlapping \"%s\"", buf);
	memmove(buf, buf + 3, 5);
	t_say("memmove backwards \"%s\"", buf);
	t_say("memcmp %d, memchr \"%s\"", memcmp("abc", "abd", 3) < 0, (char *)memchr("xyz", 'y', 3));
	char copy[] = "one,two,,three";
	char *save, *tok = strtok_r(copy, ",", &save);
	printf("strtok_r:");
	while (tok) {
		printf(" [%s]", tok);
		tok = strtok_r(NULL, ",", &save);
	}
	putchar('\n');
	char *dup = strdup("duplicate");
	t_say("strdup \"%s\"", dup);
	free(dup);
	t_say("ffs %d, ffsll %d", ffs(0x80), ffsll(1LL << 40));

	char big[300];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	unsigned char mis[40];
	for (int i = 0; i < 40; i++)
		mis[i] = (unsigned char)i;
	memmove(mis + 1, mis + 3, 33);
	t_say("unaligned memmove: %d %d %d", mis[1], mis[20], mis[33]);
	t_say("strlen of 299 x: %zu", strlen(big));
}

static void formatting(void)
{
	char small[8];
	/* volatile: gcc would reject the truncation it can see. */
	const char *volatile word = "truncated";
	int n = snprintf(small, sizeof small, "%s-%d", word, 12345);
	t_say("snprintf returned %d, buffer \"%s\"", n, small);
	n = snprintf(NULL, 0, "%d %s %.3f", 123, "abc", 2.0);
	t_say("snprintf(NULL, 0) returned %d", n);
	char buf[64];
	n = snprintf(buf, sizeof buf, "%2$s %1$s %2$s", "world", "hello");
	t_say("positional: \"%s\" (%d)", buf, n);
	int consumed = 0;
	n = snprintf(buf, sizeof buf, "abc%n", &consumed);
	t_say("%%n stored %d", consumed);
	int i1 = 0;
	double d1 = 0;
	char token[16] = "";
	n = sscanf("  17 2.5e1 token rest", "%d %lf %15s", &i1, &d1, token);
	t_say("sscanf %d items: %d %g \"%s\"", n, i1, d1, token);
	unsigned x = 0;
	n = sscanf("ff", "%x", &x);
	t_say("sscanf hex %d item: %u", n, x);
	n = sscanf("abc", "%d", &i1);
	t_say("sscanf no match: %d", n);
}

static jmp_buf env;
static int depth_reached;

/* The limit is volatile so the compiler cannot see the recursion end. */
static volatile int jump_depth = 5;

static void dive(int depth)
{
	depth_reached = depth;
	if (depth == jump_depth)
		longjmp(env, depth * 10);
	if (depth < 100)
		dive(depth + 1);
}

static void jumps(void)
{
	volatile int local = 1;
	int r = setjmp(env);
	if (r == 0) {
		local = 2;
		dive(1);
	}
	t_say("setjmp returned %d after depth %d, volatile local %d", r, depth_reached, local);
	r = setjmp(env);
	if (r == 0)
		longjmp(env, 0);
	t_say("longjmp with 0 makes setjmp return %d", r);
}

int main(int argc, char **argv)
{
	(void)argv;
	t_init();
	t_say("argc %d", argc);
	t_say("MIMIC_TEST=%s", getenv("MIMIC_TEST"));
	t_say("HOME is %s", getenv("HOME") ? "set" : "unset");
	extern char **environ;
	int n = 0;
	while (environ[n])
		n++;
	t_say("environment entries %d", n);
	CHECK(setenv("MIMIC_EXTRA", "value", 0));
	CHECK(setenv("MIMIC_EXTRA", "other", 0));
	t_say("MIMIC_EXTRA=%s", getenv("MIMIC_EXTRA"));
	CHECK(setenv("A=B", "x", 1));
	CHECK(unsetenv("MIMIC_EXTRA"));
	t_say("after unsetenv: %s", getenv("MIMIC_EXTRA") ? "set" : "unset");
	integers();
	floats();
	conversions();
	sorting();
	strings();
	formatting();
	jumps();
	return 0;
}
