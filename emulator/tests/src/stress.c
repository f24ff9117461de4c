/* Thread stress for the emulator itself (run by emulator/tests/threads_test
 * under build/mimic and its sanitizer builds): many threads at once, atomics
 * (LDREX/STREX and the kernel's cmpxchg helper on ARM, LL/SC on MIPS), a
 * futex lock and glibc's locks under contention, condition variable
 * hand-offs, thread creation and exit churn (joined and detached), memory
 * mapped, written and unmapped while other threads run, and signals sent
 * to threads. Prints one line of totals; exits 1 when one is wrong. Small
 * enough for a sanitizer build: argv[1] scales the rounds (default 2000). */
#include <linux/futex.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 8
#define WAVES 40
#define MAPS 64

static int rounds = 2000;
static int failures;

static void check(const char *what, long got, long want)
{
	if (got != want) {
		printf("%s: %ld, expected %ld\n", what, got, want);
		failures++;
	}
}

static void futex_wait(int *word, int val)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(int *word, int n)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

/* A futex lock (0 free, 1 taken, 2 taken with waiters). */
static int flock_word;

static void flock_take(void)
{
	int c = 0;
	if (__atomic_compare_exchange_n(&flock_word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(&flock_word, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		futex_wait(&flock_word, 2);
		c = __atomic_exchange_n(&flock_word, 2, __ATOMIC_ACQUIRE);
	}
}

static void flock_give(void)
{
	if (__atomic_exchange_n(&flock_word, 0, __ATOMIC_RELEASE) == 2)
		futex_wake(&flock_word, 1);
}

/* ---- contention ---- */

static int a32;
static uint64_t a64;
static uint16_t a16;
static long under_flock, under_mutex;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
#if defined(__arm__)
typedef int kuser_cmpxchg_fn(int oldval, int newval, volatile int *ptr);
#define kuser_cmpxchg (*(kuser_cmpxchg_fn *)0xffff0fc0)
static int kuser_counter;
#endif

static void *contend(void *arg)
{
	(void)arg;
	for (int i = 0; i < rounds; i++) {
		__atomic_fetch_add(&a32, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&a16, 1, __ATOMIC_RELAXED);
		uint64_t old = __atomic_load_n(&a64, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&a64, &old, old + 0x100000001ull, 1, __ATOMIC_SEQ_CST,
						    __ATOMIC_RELAXED))
			;
		flock_take();
		under_flock++;
		flock_give();
		pthread_mutex_lock(&mutex);
		under_mutex++;
		pthread_mutex_unlock(&mutex);
#if defined(__arm__)
		int k;
		do
			k = __atomic_load_n(&kuser_counter, __ATOMIC_RELAXED);
		while (kuser_cmpxchg(k, k + 1, &kuser_counter) != 0);
#endif
	}
	return NULL;
}

static void run(void *(*fn)(void *), int n)
{
	pthread_t t[THREADS];
	for (int i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, fn, (void *)(intptr_t)i) != 0) {
			printf("pthread_create failed\n");
			exit(1);
		}
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

/* ---- churn: short threads, joined and detached ---- */

static int finished;

static void *short_thread(void *arg)
{
	__atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
	futex_wake(&finished, INT_MAX);
	return arg;
}

static void churn(void)
{
	long sum = 0;
	for (int w = 0; w < WAVES; w++) {
		pthread_t t[THREADS];
		for (int i = 0; i < THREADS; i++)
			pthread_create(&t[i], NULL, short_thread, (void *)(intptr_t)(i + 1));
		for (int i = 0; i < THREADS; i++) {
			void *r;
			pthread_join(t[i], &r);
			sum += (intptr_t)r;
		}
	}
	check("joined threads' values", sum, WAVES * THREADS * (THREADS + 1) / 2);

	pthread_attr_t detached;
	pthread_attr_init(&detached);
	pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
	__atomic_store_n(&finished, 0, __ATOMIC_SEQ_CST);
	for (int i = 0; i < WAVES * 2; i++) {
		pthread_t t;
		if (pthread_create(&t, &detached, short_thread, NULL) != 0)
			check("detached pthread_create", 1, 0);
	}
	int f;
	while ((f = __atomic_load_n(&finished, __ATOMIC_SEQ_CST)) < WAVES * 2)
		futex_wait(&finished, f);
	pthread_attr_destroy(&detached);
}

/* ---- memory: mappings made by one thread, used by others ---- */

static char *volatile shared_map;
static int map_ready, map_checked;

static void *mapper(void *arg)
{
	int me = (int)(intptr_t)arg;
	long page = sysconf(_SC_PAGESIZE);
	for (int i = 0; i < MAPS; i++) {
		char *p = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
			return NULL;
		}
		memset(p, me + i, 4 * page);
		mprotect(p + page, page, PROT_READ);
		if (p[page] != (char)(me + i) || p[4 * page - 1] != (char)(me + i))
			__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
		munmap(p, 4 * page);
	}
	return NULL;
}

static void *map_reader(void *arg)
{
	(void)arg;
	while (__atomic_load_n(&map_ready, __ATOMIC_ACQUIRE) == 0)
		futex_wait(&map_ready, 0);
	int ok = 1;
	for (int i = 0; i < 4096; i++)
		ok &= shared_map[i] == (char)(i & 0x7f);
	__atomic_store_n(&map_checked, ok ? 1 : 2, __ATOMIC_RELEASE);
	return NULL;
}

static void memory(void)
{
	run(mapper, THREADS);
	pthread_t reader;
	pthread_create(&reader, NULL, map_reader, NULL);
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < 4096; i++)
		p[i] = (char)(i & 0x7f);
	shared_map = p;
	__atomic_store_n(&map_ready, 1, __ATOMIC_RELEASE);
	futex_wake(&map_ready, INT_MAX);
	pthread_join(reader, NULL);
	check("mapping written by main, read by a thread", map_checked, 1);
	munmap(p, 4096);
}

/* ---- signals to threads ---- */

static __thread int taken_here;
static int taken, stop;
static int per_thread[THREADS];

static void on_usr1(int sig)
{
	(void)sig;
	taken_here++;
	__atomic_fetch_add(&taken, 1, __ATOMIC_SEQ_CST);
	futex_wake(&taken, INT_MAX);
}

static void *signalled(void *arg)
{
	int me = (int)(intptr_t)arg;
	while (__atomic_load_n(&stop, __ATOMIC_ACQUIRE) == 0)
		futex_wait(&stop, 0);
	per_thread[me] = taken_here;
	return NULL;
}

static void signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	pthread_t t[THREADS];
	int per = rounds / 40 + 1;
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, signalled, (void *)(intptr_t)i);
	for (int n = 0; n < per; n++)
		for (int i = 0; i < THREADS; i++) {
			int before = __atomic_load_n(&taken, __ATOMIC_SEQ_CST);
			pthread_kill(t[i], SIGUSR1);
			int now;
			while ((now = __atomic_load_n(&taken, __ATOMIC_SEQ_CST)) == before)
				futex_wait(&taken, now);
		}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	futex_wake(&stop, INT_MAX);
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		check("signals taken by one thread", per_thread[i], per);
	}
}

/* ---- condition variable hand-offs ---- */

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;

static void *ponger(void *arg)
{
	int me = (int)(intptr_t)arg;
	for (int i = 0; i < rounds / 4; i++) {
		pthread_mutex_lock(&mutex);
		while (turn % 2 != me)
			pthread_cond_wait(&cv, &mutex);
		turn++;
		pthread_cond_signal(&cv);
		pthread_mutex_unlock(&mutex);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = atoi(argv[1]);
	if (rounds < 4)
		rounds = 4;
	run(contend, THREADS);
	long n = (long)THREADS * rounds;
	check("32-bit atomic", a32, n);
	check("16-bit atomic", a16, n & 0xffff);
	check("64-bit CAS, low half", (long)(a64 & 0xffffffff), n);
	check("64-bit CAS, high half", (long)(a64 >> 32), n);
	check("futex lock", under_flock, n);
	check("pthread mutex", under_mutex, n);
#if defined(__arm__)
	check("kernel cmpxchg helper", kuser_counter, n);
#endif
	churn();
	memory();
	signals();
	run(ponger, 2);
	check("condition variable turns", turn, 2 * (rounds / 4));
	if (failures)
		return 1;
	printf("stress: %d threads x %d rounds ok\n", THREADS, rounds);
	return 0;
}
