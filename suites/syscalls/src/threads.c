/* Threads: many threads created and joined, mutexes, condition variables,
 * barriers, read-write locks, semaphores and atomics under contention, TLS
 * per thread, thread exit (CLONE_CHILD_CLEARTID, robust futex lists), raw
 * clone and clone3 threads, signals sent to one thread (also by a timer) or
 * taken by the only thread not blocking them, a fault in a thread,
 * per-thread masks and alternate stacks, per-thread affinity, scheduling
 * and unshared descriptor tables, membarrier, exit_group, fork and exec
 * from a thread.
 * Only main prints, and only after the threads it reports on are joined or
 * waited for: no line depends on scheduling, only final counts and which
 * thread did what. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* clone3's argument block (linux/sched.h, CLONE_ARGS_SIZE_VER2), spelled
 * out because that header's CLONE_ names clash with sched.h's. */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

/* t_clone3(args, size, fn, arg): clone3 whose child calls fn(arg) on the
 * stack the arguments give and then exits with SYS_exit; returns the
 * child's tid or -errno. C cannot do this: the child's first instruction
 * after the system call already runs on the new stack. */
#if defined(__arm__)
__asm__(".text\n.global t_clone3\n.type t_clone3, %function\nt_clone3:\n"
	"\tstmfd sp!, {r4, r5, r6, r7, r8, lr}\n"
	"\tmov r5, r2\n\tmov r6, r3\n\tldr r7, =435\n\tsvc #0\n"
	"\tcmp r0, #0\n\tldmnefd sp!, {r4, r5, r6, r7, r8, pc}\n"
	"\tmov r0, r6\n\tblx r5\n\tmov r0, #0\n\tmov r7, #1\n\tsvc #0\n\t.ltorg\n");
#elif defined(__mips__)
__asm__(".text\n.set push\n.set noreorder\n.global t_clone3\n.type t_clone3, @function\nt_clone3:\n"
	"\tdaddiu $sp, $sp, -32\n\tsd $31, 24($sp)\n\tsd $16, 16($sp)\n\tsd $17, 8($sp)\n"
	"\tmove $16, $6\n\tmove $17, $7\n\tli $2, 5435\n\tsyscall\n"
	"\tbnez $7, 2f\n\tnop\n\tbeqz $2, 1f\n\tnop\n"
	"3:\tld $31, 24($sp)\n\tld $16, 16($sp)\n\tld $17, 8($sp)\n\tjr $31\n\tdaddiu $sp, $sp, 32\n"
	"2:\tb 3b\n\tdsubu $2, $0, $2\n"
	"1:\tmove $4, $17\n\tmove $25, $16\n\tjalr $25\n\tnop\n"
	"\tmove $4, $0\n\tli $2, 5058\n\tsyscall\n.set pop\n");
#elif defined(__x86_64__)
__asm__(".text\n.global t_clone3\n.type t_clone3, @function\nt_clone3:\n"
	"\tpush %rbx\n\tpush %rbp\n\tpush %r12\n\tmov %rdx, %r12\n\tmov %rcx, %rbx\n"
	"\tmov $435, %eax\n\tsyscall\n\ttest %rax, %rax\n\tjz 1f\n"
	"\tpop %r12\n\tpop %rbp\n\tpop %rbx\n\tret\n"
	"1:\tmov %rbx, %rdi\n\tcall *%r12\n\txor %edi, %edi\n\tmov $60, %eax\n\tsyscall\n");
#endif
long t_clone3(struct clone3_args *args, size_t size, int (*fn)(void *), void *arg);

/* The thread pointer as the CPU holds it (TPIDRURO, UserLocal, %fs). */
static uintptr_t thread_pointer(void)
{
	uintptr_t tp;
#if defined(__arm__)
	__asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
#elif defined(__mips__)
	__asm__ volatile(".set push\n.set mips32r2\nrdhwr %0, $29\n.set pop" : "=r"(tp));
#elif defined(__x86_64__)
	__asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
#endif
	return tp;
}

#if defined(__arm__)
/* The kernel's user helpers page (Documentation/arm/kernel_user_helpers.rst). */
typedef int kuser_cmpxchg_fn(int oldval, int newval, volatile int *ptr);
typedef void *kuser_get_tls_fn(void);
#define kuser_cmpxchg (*(kuser_cmpxchg_fn *)0xffff0fc0)
#define kuser_get_tls (*(kuser_get_tls_fn *)0xffff0fe0)
#define kuser_helper_version (*(const int *)0xffff0ffc)
#endif

static volatile int *volatile bad_int = BADPTR;
static const char *self_path;

static __thread int my_index = -1; /* -1 is main */
static __thread int tls_value = 7;
static __thread int tls_zero;

static long futex_wait(int *word, int val)
{
	return syscall(SYS_futex, word, FUTEX_WAIT, val, NULL, NULL, 0);
}

static long futex_wake(int *word, int n)
{
	return syscall(SYS_futex, word, FUTEX_WAKE, n, NULL, NULL, 0);
}

/* Sleeps until *word is no longer val (EINTR and EAGAIN just retry). */
static void wait_change(int *word, int val)
{
	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) == val)
		futex_wait(word, val);
}

/* The same for at most `seconds`: a subject that loses a signal must not
 * hang the program. */
static void wait_change_for(int *word, int val, int seconds)
{
	struct timespec second = { 1, 0 };
	for (int i = 0; i < seconds && __atomic_load_n(word, __ATOMIC_ACQUIRE) == val; i++)
		syscall(SYS_futex, word, FUTEX_WAIT, val, &second, NULL, 0);
}

static void set_and_wake(int *word, int val)
{
	__atomic_store_n(word, val, __ATOMIC_RELEASE);
	futex_wake(word, INT_MAX);
}

static void no_core_dump(void)
{
	struct rlimit none = { 0, 0 };
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* A child that was not created is not waited for: waitpid(-1) would
 * wait for any other child. */
static int start(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	int rc = pthread_create(t, attr, fn, arg);
	if (rc != 0)
		t_say("pthread_create: %s", t_errname(rc));
	return rc;
}

static void *join(pthread_t t)
{
	void *ret = NULL;
	int rc = pthread_join(t, &ret);
	if (rc != 0)
		t_say("pthread_join: %s", t_errname(rc));
	return ret;
}

/* ---- many threads: identity and TLS ---- */

#define MANY 32

struct ident {
	int index, tls_fresh, tls_kept;
	pid_t tid, pid;
	int *tls_addr;
	intptr_t tls_offset;
};

static pthread_barrier_t all_alive;

static void *ident_thread(void *arg)
{
	struct ident *id = arg;
	my_index = id->index;
	id->tid = gettid();
	id->pid = getpid();
	id->tls_fresh = tls_value == 7 && tls_zero == 0;
	tls_value = 100 + id->index;
	id->tls_addr = &tls_value;
	id->tls_offset = (intptr_t)((uintptr_t)&tls_value - thread_pointer());
	/* Every thread is alive at once while the others compare. */
	pthread_barrier_wait(&all_alive);
	sched_yield();
	id->tls_kept = tls_value == 100 + id->index && my_index == id->index;
	return (void *)(intptr_t)(id->index + 1);
}

static void many_threads(void)
{
	static struct ident ids[MANY];
	pthread_t t[MANY];
	pthread_attr_t attr;
	int created = 0;
	long sum = 0;

	tls_value = 1;
	CHECK_RC(pthread_attr_init(&attr));
	CHECK_RC(pthread_attr_setstacksize(&attr, 256 * 1024));
	CHECK_RC(pthread_barrier_init(&all_alive, NULL, MANY + 1));
	for (int i = 0; i < MANY; i++) {
		ids[i].index = i;
		if (start(&t[i], &attr, ident_thread, &ids[i]) == 0)
			created++;
	}
	if (created != MANY)
		exit(1);
	pthread_barrier_wait(&all_alive);
	for (int i = 0; i < MANY; i++)
		sum += (intptr_t)join(t[i]);
	pthread_barrier_destroy(&all_alive);
	pthread_attr_destroy(&attr);
	t_say("%d threads created and joined, return values sum %ld", created, sum);

	int tid_distinct = 1, pid_same = 1, tls_fresh = 1, tls_kept = 1, tls_distinct = 1;
	int offset_same = 1;
	intptr_t main_offset = (intptr_t)((uintptr_t)&tls_value - thread_pointer());
	for (int i = 0; i < MANY; i++) {
		pid_same &= ids[i].pid == getpid();
		tid_distinct &= ids[i].tid != getpid() && ids[i].tid > 0;
		tls_fresh &= ids[i].tls_fresh;
		tls_kept &= ids[i].tls_kept;
		tls_distinct &= ids[i].tls_addr != &tls_value;
		offset_same &= ids[i].tls_offset == main_offset;
		for (int j = 0; j < i; j++) {
			tid_distinct &= ids[i].tid != ids[j].tid;
			tls_distinct &= ids[i].tls_addr != ids[j].tls_addr;
		}
	}
	FACT(pid_same);
	FACT(tid_distinct);
	FACT(gettid() == getpid());
	FACT(tls_fresh);
	FACT(tls_kept);
	FACT(tls_distinct);
	FACT(offset_same);
	FACT(tls_value == 1);
}

/* ---- locks and condition variables under contention ---- */

#define WORKERS 8
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long locked_counter;

static void *mutex_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		locked_counter++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void run_workers(void *(*fn)(void *), int n)
{
	pthread_t t[WORKERS];
	for (int i = 0; i < n; i++)
		if (start(&t[i], NULL, fn, (void *)(intptr_t)i) != 0)
			exit(1);
	for (int i = 0; i < n; i++)
		join(t[i]);
}

static pthread_mutex_t checked;

/* Runs in a second thread: the owner is main. */
static void *not_owner_thread(void *arg)
{
	(void)arg;
	struct timespec past = { 1, 0 };
	CHECK_RC(pthread_mutex_unlock(&checked));
	CHECK_RC(pthread_mutex_trylock(&checked));
	CHECK_RC(pthread_mutex_timedlock(&checked, &past));
	return NULL;
}

static void mutexes(void)
{
	run_workers(mutex_thread, WORKERS);
	t_say("mutex: counter %ld after %d threads x %d increments", locked_counter, WORKERS, ROUNDS);

	pthread_mutexattr_t ma;
	pthread_t t;
	CHECK_RC(pthread_mutexattr_init(&ma));
	CHECK_RC(pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK));
	CHECK_RC(pthread_mutex_init(&checked, &ma));
	CHECK_RC(pthread_mutex_lock(&checked));
	CHECK_RC(pthread_mutex_lock(&checked));
	if (start(&t, NULL, not_owner_thread, NULL) == 0)
		join(t);
	CHECK_RC(pthread_mutex_unlock(&checked));
	CHECK_RC(pthread_mutex_unlock(&checked));
	CHECK_RC(pthread_mutex_destroy(&checked));

	CHECK_RC(pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE));
	CHECK_RC(pthread_mutex_init(&checked, &ma));
	CHECK_RC(pthread_mutex_lock(&checked));
	CHECK_RC(pthread_mutex_trylock(&checked));
	if (start(&t, NULL, not_owner_thread, NULL) == 0)
		join(t);
	CHECK_RC(pthread_mutex_unlock(&checked));
	CHECK_RC(pthread_mutex_unlock(&checked));
	CHECK_RC(pthread_mutex_unlock(&checked));
	CHECK_RC(pthread_mutex_destroy(&checked));
	pthread_mutexattr_destroy(&ma);
}

/* Turn-taking: thread i may only append when turn % WORKERS == i. */
#define TURNS 40
static pthread_cond_t turn_cv = PTHREAD_COND_INITIALIZER;
static int turn;
static unsigned char order[WORKERS * TURNS];

static void *turn_thread(void *arg)
{
	int me = (int)(intptr_t)arg;
	for (int r = 0; r < TURNS; r++) {
		pthread_mutex_lock(&lock);
		while (turn % WORKERS != me)
			pthread_cond_wait(&turn_cv, &lock);
		order[turn++] = (unsigned char)me;
		pthread_cond_broadcast(&turn_cv);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

/* A bounded queue: producers put 1..ITEMS, consumers take until all are taken. */
#define QMAX 4
#define PRODUCERS 2
#define CONSUMERS 3
#define ITEMS 2000
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static int queue[QMAX], qhead, qlen, taken;
static long taken_sum;
static int taken_by[CONSUMERS];

static void *producer(void *arg)
{
	(void)arg;
	for (int v = 1; v <= ITEMS; v++) {
		pthread_mutex_lock(&lock);
		while (qlen == QMAX)
			pthread_cond_wait(&not_full, &lock);
		queue[(qhead + qlen++) % QMAX] = v;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	int me = (int)(intptr_t)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (qlen == 0 && taken < PRODUCERS * ITEMS)
			pthread_cond_wait(&not_empty, &lock);
		if (qlen == 0)
			break;
		taken_sum += queue[qhead];
		qhead = (qhead + 1) % QMAX;
		qlen--;
		taken_by[me]++;
		if (++taken == PRODUCERS * ITEMS)
			pthread_cond_broadcast(&not_empty);
		pthread_cond_signal(&not_full);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void condition_variables(void)
{
	run_workers(turn_thread, WORKERS);
	int in_order = turn == WORKERS * TURNS;
	for (int i = 0; i < WORKERS * TURNS; i++)
		in_order &= order[i] == i % WORKERS;
	t_say("condition variable: %d turns, taken in turn order %s", turn, in_order ? "yes" : "no");

	pthread_t p[PRODUCERS], c[CONSUMERS];
	for (int i = 0; i < CONSUMERS; i++)
		start(&c[i], NULL, consumer, (void *)(intptr_t)i);
	for (int i = 0; i < PRODUCERS; i++)
		start(&p[i], NULL, producer, NULL);
	for (int i = 0; i < PRODUCERS; i++)
		join(p[i]);
	for (int i = 0; i < CONSUMERS; i++)
		join(c[i]);
	int per_consumer = 0;
	for (int i = 0; i < CONSUMERS; i++)
		per_consumer += taken_by[i];
	t_say("queue: %d items taken, sum %ld, consumers' counts add up to %d", taken, taken_sum,
	      per_consumer);

	struct timespec past = { 1, 0 };
	pthread_mutex_lock(&lock);
	CHECK_RC(pthread_cond_timedwait(&turn_cv, &lock, &past));
	pthread_condattr_t ca;
	pthread_cond_t mono;
	CHECK_RC(pthread_condattr_init(&ca));
	CHECK_RC(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC));
	CHECK_RC(pthread_cond_init(&mono, &ca));
	struct timespec soon;
	clock_gettime(CLOCK_MONOTONIC, &soon);
	soon.tv_nsec += 10000000;
	if (soon.tv_nsec >= 1000000000) {
		soon.tv_sec++;
		soon.tv_nsec -= 1000000000;
	}
	CHECK_RC(pthread_cond_timedwait(&mono, &lock, &soon));
	pthread_mutex_unlock(&lock);
	pthread_cond_destroy(&mono);
	pthread_condattr_destroy(&ca);
}

#define PHASES 3
static pthread_barrier_t phase_barrier;
static int serial_count;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_value;
static int rw_saw_odd;

static void *barrier_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < PHASES; i++)
		if (pthread_barrier_wait(&phase_barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serial_count, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Even threads write (two increments per write lock), odd ones read. */
static void *rw_thread(void *arg)
{
	int me = (int)(intptr_t)arg;
	for (int i = 0; i < ROUNDS / 4; i++) {
		if (me % 2 == 0) {
			pthread_rwlock_wrlock(&rw);
			rw_value++;
			rw_value++;
		} else {
			pthread_rwlock_rdlock(&rw);
			if (rw_value % 2)
				__atomic_store_n(&rw_saw_odd, 1, __ATOMIC_RELAXED);
		}
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static sem_t ping, pong;
static int volleys;

static void *pong_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		sem_wait(&ping);
		volleys++;
		sem_post(&pong);
	}
	return NULL;
}

static void other_primitives(void)
{
	CHECK_RC(pthread_barrier_init(&phase_barrier, NULL, WORKERS));
	run_workers(barrier_thread, WORKERS);
	t_say("barrier: %d phases, %d serial threads", PHASES, serial_count);
	CHECK_RC(pthread_barrier_destroy(&phase_barrier));
	CHECK_RC(pthread_barrier_init(&phase_barrier, NULL, 0));

	run_workers(rw_thread, WORKERS);
	t_say("rwlock: value %ld, a reader saw a half-done write %s", rw_value, rw_saw_odd ? "yes" : "no");
	CHECK_RC(pthread_rwlock_rdlock(&rw));
	CHECK_RC(pthread_rwlock_tryrdlock(&rw));
	CHECK_RC(pthread_rwlock_trywrlock(&rw));
	CHECK_RC(pthread_rwlock_unlock(&rw));
	CHECK_RC(pthread_rwlock_unlock(&rw));

	pthread_t t;
	CHECK(sem_init(&ping, 0, 0));
	CHECK(sem_init(&pong, 0, 0));
	start(&t, NULL, pong_thread, NULL);
	for (int i = 0; i < 1000; i++) {
		sem_post(&ping);
		sem_wait(&pong);
	}
	join(t);
	int v = -1;
	sem_getvalue(&ping, &v);
	t_say("semaphores: %d volleys, ping left at %d", volleys, v);
	CHECK(sem_trywait(&ping));
	sem_destroy(&ping);
	sem_destroy(&pong);
}

/* ---- atomics ---- */

static int a32;
static uint16_t a16;
static uint8_t a8;
static uint64_t a64;
static int xchg_lock;
static long xchg_protected;
static char spin;
static long spin_protected;
#if defined(__arm__)
static volatile int kuser_counter;
static int kuser_tls_matches = 1;
#endif

static void *atomic_thread(void *arg)
{
	int me = (int)(intptr_t)arg;
	for (int i = 0; i < ROUNDS; i++) {
		__atomic_fetch_add(&a32, 1, __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&a16, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&a8, (uint8_t)(me + 1), __ATOMIC_RELAXED);
		uint64_t old = __atomic_load_n(&a64, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&a64, &old, old + 0x100000001ull, 1,
						    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			;
		/* Locks made of exchange and test-and-set: the counters they
		 * guard are plain memory. */
		while (__atomic_exchange_n(&xchg_lock, 1, __ATOMIC_ACQUIRE) == 1)
			sched_yield();
		xchg_protected++;
		__atomic_store_n(&xchg_lock, 0, __ATOMIC_RELEASE);
		while (__atomic_test_and_set(&spin, __ATOMIC_ACQUIRE))
			sched_yield();
		spin_protected++;
		__atomic_clear(&spin, __ATOMIC_RELEASE);
#if defined(__arm__)
		int k;
		do
			k = kuser_counter;
		while (kuser_cmpxchg(k, k + 1, &kuser_counter) != 0);
#endif
	}
#if defined(__arm__)
	if ((uintptr_t)kuser_get_tls() != thread_pointer())
		kuser_tls_matches = 0;
#endif
	return NULL;
}

static void atomics(void)
{
	run_workers(atomic_thread, WORKERS);
	t_say("atomics: 32-bit %d, 16-bit %u, 8-bit %u, 64-bit CAS %#llx", a32, (unsigned)a16, (unsigned)a8,
	      (unsigned long long)a64);
	t_say("lock counters: test-and-set %ld, exchange %ld", spin_protected, xchg_protected);
	int expected = 5;
	CHECK(__atomic_compare_exchange_n(&a32, &expected, 6, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	FACT(expected == WORKERS * ROUNDS);
#if defined(__arm__)
	t_say("kuser helpers: version %d, cmpxchg counter %d, get_tls matches TPIDRURO %s", kuser_helper_version,
	      kuser_counter, kuser_tls_matches ? "yes" : "no");
#endif
}

/* ---- thread exit: values, CLONE_CHILD_CLEARTID, robust lists ---- */

static void *exit_value_thread(void *arg)
{
	(void)arg;
	pthread_exit((void *)(intptr_t)42);
}

/* The futex words of a raw thread; -1 before the kernel sets the tid. */
static int raw_ctid = -1, raw_ptid;
static int raw_saw_own_tid;
static char raw_stack[64 * 1024] __attribute__((aligned(16)));

/* A thread made without glibc: it shares the creator's TLS, so it uses no
 * errno and no stdio, only system calls that succeed. */
static int raw_thread(void *arg)
{
	(void)arg;
	long me = syscall(SYS_gettid);
	__atomic_store_n(&raw_saw_own_tid, me == __atomic_load_n(&raw_ctid, __ATOMIC_ACQUIRE) ? 1 : 2,
			 __ATOMIC_RELEASE);
	return 0;
}

static void report_raw(const char *what, long tid)
{
	if (tid < 0) {
		t_say("%s: %s", what, t_errname((int)-tid));
		return;
	}
	/* The kernel clears the word and wakes it at exit; 20 s at most. */
	struct timespec second = { 1, 0 };
	int v;
	for (int i = 0; i < 20 && (v = __atomic_load_n(&raw_ctid, __ATOMIC_ACQUIRE)) != 0; i++)
		syscall(SYS_futex, &raw_ctid, FUTEX_WAIT, v, &second, NULL, 0);
	t_say("%s: parent tid word is the tid %s, child saw its tid in the child tid word %s, "
	      "word cleared at exit %s", what, raw_ptid == tid ? "yes" : "no",
	      raw_saw_own_tid == 1 ? "yes" : "no", raw_ctid == 0 ? "yes" : "no");
}

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)
#define TID_FLAGS (CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

static void raw_threads(void)
{
	raw_ctid = -1;
	raw_ptid = 0;
	raw_saw_own_tid = 0;
	int tid = clone(raw_thread, raw_stack + sizeof raw_stack, THREAD_FLAGS | TID_FLAGS, NULL, &raw_ptid, NULL,
			&raw_ctid);
	report_raw("clone thread", tid == -1 ? -errno : tid);

	raw_ctid = -1;
	raw_ptid = 0;
	raw_saw_own_tid = 0;
	struct clone3_args args = {
		.flags = THREAD_FLAGS | TID_FLAGS,
		.child_tid = (uintptr_t)&raw_ctid,
		.parent_tid = (uintptr_t)&raw_ptid,
		.stack = (uintptr_t)raw_stack,
		.stack_size = sizeof raw_stack,
	};
	report_raw("clone3 thread", t_clone3(&args, sizeof args, raw_thread, NULL));
}

/* Errors: the kernel checks these before creating anything. */
static void clone_errors(void)
{
	static const struct {
		const char *what;
		unsigned long flags;
	} bad[] = {
		{ "CLONE_SIGHAND without CLONE_VM", CLONE_SIGHAND },
		{ "CLONE_THREAD without CLONE_SIGHAND", CLONE_THREAD | CLONE_VM },
		{ "CLONE_NEWNS with CLONE_FS", CLONE_NEWNS | CLONE_FS },
		{ "CLONE_NEWUSER with CLONE_THREAD", CLONE_NEWUSER | THREAD_FLAGS },
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		long r = syscall(SYS_clone, bad[i].flags | SIGCHLD, NULL, NULL, NULL, NULL);
		t_say("clone %s = %ld %s", bad[i].what, r, r == -1 ? t_errname(errno) : "");
		if (r == 0)
			_exit(0);
	}

	struct clone3_args args = { .exit_signal = SIGCHLD };
	static uint64_t big[1024];
	CHECK(syscall(SYS_clone3, &args, 32));
	CHECK(syscall(SYS_clone3, BADPTR, sizeof args));
	CHECK(syscall(SYS_clone3, big, sizeof big));
	big[sizeof args / 8] = 1;
	((struct clone3_args *)big)->exit_signal = SIGCHLD;
	CHECK(syscall(SYS_clone3, big, sizeof args + 8));
	args.exit_signal = _NSIG + 1;
	CHECK(syscall(SYS_clone3, &args, sizeof args));
	args = (struct clone3_args){ .flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, .exit_signal = SIGCHLD };
	CHECK(syscall(SYS_clone3, &args, sizeof args));
	args = (struct clone3_args){ .flags = CLONE_PIDFD | THREAD_FLAGS, .stack = 4096, .stack_size = 4096 };
	CHECK(syscall(SYS_clone3, &args, sizeof args));
	args = (struct clone3_args){ .flags = CLONE_DETACHED, .exit_signal = SIGCHLD };
	CHECK(syscall(SYS_clone3, &args, sizeof args));
	args = (struct clone3_args){ .exit_signal = SIGCHLD, .stack_size = 4096 };
	CHECK(syscall(SYS_clone3, &args, sizeof args));
	args = (struct clone3_args){ .exit_signal = SIGCHLD, .stack = 4096 };
	CHECK(syscall(SYS_clone3, &args, sizeof args));
}

static int clone3_process_child(void *arg)
{
	(void)arg;
	_exit(11);
}

static void clone3_process(void)
{
	struct clone3_args args = { .exit_signal = SIGCHLD };
	fflush(stdout);
	long pid = t_clone3(&args, 64, clone3_process_child, NULL);
	if (pid < 0)
		t_say("clone3 process: %s", t_errname((int)-pid));
	else
		t_wait_child("clone3 process (size 64, no stack)", (pid_t)pid);
}

static pthread_mutex_t robust;
static void *robust_head_seen;
static pid_t robust_tid;
static int robust_release;

/* A subject that leaves the dead owner's lock alone would hang a plain
 * lock: 5 s at most. */
static int lock_robust(void)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 5;
	return pthread_mutex_timedlock(&robust, &deadline);
}

static void *robust_owner(void *arg)
{
	size_t len;
	lock_robust();
	syscall(SYS_get_robust_list, 0, &robust_head_seen, &len);
	__atomic_store_n(&robust_tid, gettid(), __ATOMIC_RELEASE);
	if (arg != NULL)
		wait_change(&robust_release, 0);
	return NULL;
}

static void robust_lists(void)
{
	void *head = NULL;
	size_t len = 0;
	CHECK(syscall(SYS_get_robust_list, 0, &head, &len));
	FACT(head != NULL);
	t_say("robust list head length %zu", len);
	CHECK(syscall(SYS_set_robust_list, head, len + 1));
	CHECK(syscall(SYS_set_robust_list, head, len));
	CHECK(syscall(SYS_get_robust_list, 0x7ffffff0, &head, &len));
	CHECK(syscall(SYS_get_robust_list, 0, BADPTR, &len));

	pthread_mutexattr_t ma;
	pthread_t t;
	pthread_mutexattr_init(&ma);
	CHECK_RC(pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST));
	CHECK_RC(pthread_mutex_init(&robust, &ma));
	/* The owner waits while main reads its list head by tid. */
	robust_release = 0;
	start(&t, NULL, robust_owner, &robust_release);
	while (__atomic_load_n(&robust_tid, __ATOMIC_ACQUIRE) == 0)
		sched_yield();
	void *other = NULL;
	CHECK(syscall(SYS_get_robust_list, robust_tid, &other, &len));
	FACT(other == robust_head_seen && other != head);
	set_and_wake(&robust_release, 1);
	join(t);
	CHECK_RC(lock_robust());
	CHECK_RC(pthread_mutex_consistent(&robust));
	CHECK_RC(pthread_mutex_unlock(&robust));
	CHECK_RC(lock_robust());
	CHECK_RC(pthread_mutex_unlock(&robust));

	start(&t, NULL, robust_owner, NULL);
	join(t);
	CHECK_RC(lock_robust());
	CHECK_RC(pthread_mutex_unlock(&robust));
	CHECK_RC(lock_robust());
	pthread_mutexattr_destroy(&ma);
}

static void thread_exits(void)
{
	pthread_t t;
	start(&t, NULL, exit_value_thread, NULL);
	t_say("pthread_exit value %ld", (long)(intptr_t)join(t));
	raw_threads();
	clone_errors();
	clone3_process();
	robust_lists();
}

/* ---- stacks and futexes ---- */

/* As integers: the compiler may fold comparisons of distinct objects. */
static int inside(const void *p, const void *base, size_t size)
{
	return (uintptr_t)p >= (uintptr_t)base && (uintptr_t)p - (uintptr_t)base < size;
}

static size_t thread_stack_size, thread_guard_size;
static int thread_stack_has_local;

static void *attr_thread(void *arg)
{
	(void)arg;
	pthread_attr_t a;
	void *addr;
	int local;
	if (pthread_getattr_np(pthread_self(), &a) == 0) {
		pthread_attr_getstack(&a, &addr, &thread_stack_size);
		pthread_attr_getguardsize(&a, &thread_guard_size);
		thread_stack_has_local = inside(&local, addr, thread_stack_size);
		pthread_attr_destroy(&a);
	}
	return NULL;
}

static int futex_word;
static long futex_wait_result = -2;

static void *futex_waiter(void *arg)
{
	(void)arg;
	futex_wait_result = futex_wait(&futex_word, 0);
	return NULL;
}

static void stacks_and_futexes(void)
{
	pthread_attr_t a;
	void *addr;
	size_t size;
	int local;
	CHECK_RC(pthread_getattr_np(pthread_self(), &a));
	CHECK_RC(pthread_attr_getstack(&a, &addr, &size));
	FACT(inside(&local, addr, size));
	pthread_attr_destroy(&a);

	pthread_t t;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 512 * 1024);
	start(&t, &a, attr_thread, NULL);
	join(t);
	pthread_attr_destroy(&a);
	FACT(thread_stack_size >= 512 * 1024);
	FACT(thread_guard_size == (size_t)sysconf(_SC_PAGESIZE));
	FACT(thread_stack_has_local);

	/* A wake counts only once the waiter sleeps: wake until it says 1. */
	start(&t, NULL, futex_waiter, NULL);
	long woken;
	while ((woken = futex_wake(&futex_word, 1)) == 0)
		sched_yield();
	join(t);
	t_say("futex: woke %ld waiter, its wait returned %ld", woken, futex_wait_result);
	struct timespec zero = { 0, 0 };
	CHECK(syscall(SYS_futex, &futex_word, FUTEX_WAIT, 1, NULL, NULL, 0));
	CHECK(syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, &zero, NULL, 0));
	CHECK(syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
	CHECK(syscall(SYS_futex, BADPTR, FUTEX_WAIT, 0, NULL, NULL, 0));
	CHECK(syscall(SYS_futex, &futex_word, 99, 0, NULL, NULL, 0));
	CHECK(syscall(SYS_futex, (char *)&futex_word + 1, FUTEX_WAKE, 1, NULL, NULL, 0));

	/* FUTEX_WAKE_OP changes the second word in memory (as a 32-bit int
	 * of the machine's byte order) and compares its old value. */
	static int word1, word2 = 0x100;
	const struct {
		const char *what;
		int op;
	} ops[] = {
		{ "ADD 5, CMP_EQ 0x100", FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_EQ, 0x100) },
		{ "OR 0x30, CMP_GT 0x200", FUTEX_OP(FUTEX_OP_OR, 0x30, FUTEX_OP_CMP_GT, 0x200) },
		{ "XOR 0xff, CMP_NE 1", FUTEX_OP(FUTEX_OP_XOR, 0xff, FUTEX_OP_CMP_NE, 1) },
		{ "ANDN 0x10, CMP_LT 0x100", FUTEX_OP(FUTEX_OP_ANDN, 0x10, FUTEX_OP_CMP_LT, 0x100) },
		{ "SET 1<<4, CMP_GE 0", FUTEX_OP((FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT), 4, FUTEX_OP_CMP_GE, 0) },
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		long r = syscall(SYS_futex, &word1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &word2, ops[i].op);
		t_say("FUTEX_WAKE_OP %s: %ld, second word now %#x", ops[i].what, r, (unsigned)word2);
	}
	CHECK(syscall(SYS_futex, &word1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, BADPTR, ops[0].op));
	CHECK(syscall(SYS_futex, &word1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &word2, 0x7 << 28));
}

/* ---- signals and threads ---- */

#define POOL 4

struct worker {
	pthread_t thread;
	pid_t tid;
	int index, unblock, usr2_pending_at_exit;
};

static struct worker pool[POOL];
static pthread_barrier_t pool_ready;
static int pool_stop, handled;
static int handled_in[16];

static void who_handler(int sig)
{
	int saved = errno;
	(void)sig;
	int n = __atomic_load_n(&handled, __ATOMIC_ACQUIRE);
	if (n < 16)
		handled_in[n] = my_index;
	set_and_wake(&handled, n + 1);
	errno = saved;
}

static void *pool_thread(void *arg)
{
	struct worker *w = arg;
	my_index = w->index;
	w->tid = gettid();
	if (w->unblock) {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, w->unblock);
		pthread_sigmask(SIG_UNBLOCK, &s, NULL);
	}
	pthread_barrier_wait(&pool_ready);
	wait_change(&pool_stop, 0);
	sigset_t pend;
	sigpending(&pend);
	w->usr2_pending_at_exit = sigismember(&pend, SIGUSR2);
	return NULL;
}

/* Sends with `call`, waits for one handler run, says which thread ran it.
 * The call is printed as written (CHECK inside a macro would print it with
 * the ABI's numbers). */
#define SEND(call)                                                                   \
	do {                                                                         \
		int before = __atomic_load_n(&handled, __ATOMIC_ACQUIRE);            \
		errno = 0;                                                           \
		t_ret = (long)(call);                                                \
		t_report(#call, t_ret, errno, 0);                                    \
		if (t_ret == 0)                                                      \
			wait_change_for(&handled, before, 10);                       \
		if (__atomic_load_n(&handled, __ATOMIC_ACQUIRE) == before)           \
			t_say("  not handled");                                      \
		else if (handled_in[before] < 0)                                     \
			t_say("  handled in main");                                  \
		else                                                                 \
			t_say("  handled in worker %d", handled_in[before]);         \
	} while (0)

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void directed_signals(void)
{
	sigset_t usr2, old, pend;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	set_handler(SIGUSR1, who_handler, 0);
	set_handler(SIGUSR2, who_handler, 0);
	/* Every thread blocks SIGUSR2 (inherited) but worker 2, which unblocks it. */
	pthread_sigmask(SIG_BLOCK, &usr2, &old);
	pthread_barrier_init(&pool_ready, NULL, POOL + 1);
	for (int i = 0; i < POOL; i++) {
		pool[i].index = i;
		pool[i].unblock = i == 2 ? SIGUSR2 : 0;
		start(&pool[i].thread, NULL, pool_thread, &pool[i]);
	}
	pthread_barrier_wait(&pool_ready);

	SEND(pthread_kill(pool[1].thread, SIGUSR1));
	SEND(syscall(SYS_tgkill, getpid(), pool[3].tid, SIGUSR1));
	SEND(syscall(SYS_tkill, pool[0].tid, SIGUSR1));
	SEND(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1));
	SEND(kill(getpid(), SIGUSR2));
	union sigval v = { .sival_int = 5 };
	SEND(sigqueue(getpid(), SIGUSR2, v));
	union sigval qv = { .sival_int = 3 };
	SEND(pthread_sigqueue(pool[3].thread, SIGUSR1, qv));

	/* A timer whose signal goes to one thread. */
	struct sigevent ev = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGUSR1 };
	ev._sigev_un._tid = pool[1].tid;
	timer_t timer;
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &timer));
	struct itimerspec its = { .it_value = { 0, 10000000 } }, cur;
	SEND(timer_settime(timer, 0, &its, NULL));
	CHECK(timer_gettime(timer, &cur));
	FACT(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	CHECK(timer_getoverrun(timer));
	CHECK(timer_delete(timer));
	ev._sigev_un._tid = 0x7ffffff0;
	CHECK(timer_create(CLOCK_MONOTONIC, &ev, &timer));
	CHECK(timer_create(99, NULL, &timer));

	CHECK(syscall(SYS_tgkill, getpid(), pool[1].tid, SIGUSR2));
	CHECK(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2));
	CHECK(sigpending(&pend));
	FACT(sigismember(&pend, SIGUSR2));
	siginfo_t si;
	struct timespec zero = { 0, 0 };
	int got = sigtimedwait(&usr2, &si, &zero);
	t_say("main took %s %s", t_signame(got), t_codename(got, si.si_code));
	CHECK(sigpending(&pend));
	FACT(!sigismember(&pend, SIGUSR2));
	CHECK(syscall(SYS_tgkill, getpid(), pool[1].tid, 0));
	CHECK(syscall(SYS_tgkill, getpid() + 1, pool[1].tid, SIGUSR1));

	set_and_wake(&pool_stop, 1);
	for (int i = 0; i < POOL; i++)
		join(pool[i].thread);
	pthread_barrier_destroy(&pool_ready);
	for (int i = 0; i < POOL; i++)
		t_say("worker %d: SIGUSR2 pending at exit %s", i, pool[i].usr2_pending_at_exit ? "yes" : "no");
	t_say("handler runs: %d", handled);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
	set_handler(SIGUSR2, SIG_DFL, 0);
}

static __thread sigjmp_buf *fault_env;
static volatile int fault_index = -2, fault_code, fault_survived;
static void *volatile fault_addr;

static void fault_handler(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	fault_index = my_index;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(*fault_env, 1);
}

static void *fault_thread(void *arg)
{
	sigjmp_buf env;
	my_index = (int)(intptr_t)arg;
	fault_env = &env;
	if (sigsetjmp(env, 1) == 0)
		*bad_int = 1;
	else
		fault_survived = 1;
	return NULL;
}

static void *die_by_fault(void *arg)
{
	(void)arg;
	*bad_int = 2;
	return NULL;
}

static void thread_fault(void)
{
	struct sigaction sa = { .sa_sigaction = fault_handler, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	pthread_t t;
	start(&t, NULL, fault_thread, (void *)(intptr_t)5);
	join(t);
	t_say("bad store in worker 5: handled in worker %d, %s, si_addr as expected %s, worker went on %s",
	      fault_index, t_codename(SIGSEGV, fault_code), fault_addr == (void *)bad_int ? "yes" : "no",
	      fault_survived ? "yes" : "no");
	signal(SIGSEGV, SIG_DFL);

	pid_t child = t_fork();
	if (child == 0) {
		no_core_dump();
		if (start(&t, NULL, die_by_fault, NULL) == 0)
			join(t);
		_exit(0);
	}
	t_wait_child("bad store in a thread, no handler", child);
}

/* Two threads copy from and store into a page that the main thread
 * unmaps and maps again, 5000 times: an access that lands in the gap
 * takes SIGSEGV (its handler jumps back), any other completes; nothing
 * else happens. (An emulator that checks its page table, then touches a
 * host page another thread has just unmapped, faults itself.) */
#define UNMAP_ROUNDS 5000
static char *volatile race_page;
static volatile int race_stop;
static __thread sigjmp_buf race_env;

static void race_handler(int sig)
{
	(void)sig;
	siglongjmp(race_env, 1);
}

static void *race_reader(void *arg)
{
	(void)arg;
	while (!race_stop) {
		if (sigsetjmp(race_env, 1))
			continue;
		char buf[256];
		memcpy(buf, race_page + 512, sizeof buf);
		race_page[100] = buf[5];
	}
	return NULL;
}

static void unmap_race(void)
{
	struct sigaction sa = { .sa_handler = race_handler, .sa_flags = SA_NODEFER };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	long pg = sysconf(_SC_PAGESIZE);
	race_page = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		start(&t[i], NULL, race_reader, NULL);
	int failed = 0;
	for (int i = 0; i < UNMAP_ROUNDS; i++) {
		failed |= munmap(race_page, (size_t)pg) != 0;
		failed |= mmap(race_page, (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			       -1, 0) != race_page;
	}
	race_stop = 1;
	for (int i = 0; i < 2; i++)
		join(t[i]);
	t_say("unmap and map again %d times under two copying threads: %s", UNMAP_ROUNDS,
	      failed ? "a call failed" : "done");
	signal(SIGSEGV, SIG_DFL);
	munmap(race_page, (size_t)pg);
}

static __thread char *alt_base;
static __thread volatile sig_atomic_t ran_on_alt;
static char *main_alt;

static void alt_handler(int sig)
{
	char here;
	(void)sig;
	ran_on_alt = alt_base != NULL && inside(&here, alt_base, 65536);
}

struct mask_report {
	int inherited_usr1, alt_disabled_at_start, alt_set, on_alt, without_alt_on_alt;
};

static void *mask_thread(void *arg)
{
	struct mask_report *r = arg;
	sigset_t now, usr;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	r->inherited_usr1 = sigismember(&now, SIGUSR1);
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &usr, NULL);
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &usr, NULL);

	stack_t ss;
	sigaltstack(NULL, &ss);
	r->alt_disabled_at_start = ss.ss_flags == SS_DISABLE;
	pthread_kill(pthread_self(), SIGUSR1);
	r->without_alt_on_alt = ran_on_alt;
	alt_base = malloc(65536);
	ss = (stack_t){ .ss_sp = alt_base, .ss_size = 65536 };
	r->alt_set = sigaltstack(&ss, NULL) == 0;
	pthread_kill(pthread_self(), SIGUSR1);
	r->on_alt = ran_on_alt;
	ss = (stack_t){ .ss_flags = SS_DISABLE };
	sigaltstack(&ss, NULL);
	free(alt_base);
	return NULL;
}

static void masks_and_alt_stacks(void)
{
	sigset_t usr1, now;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	set_handler(SIGUSR1, alt_handler, SA_ONSTACK);
	main_alt = malloc(65536);
	stack_t ss = { .ss_sp = main_alt, .ss_size = 65536 };
	CHECK(sigaltstack(&ss, NULL));
	CHECK_RC(pthread_sigmask(SIG_BLOCK, &usr1, NULL));
	struct mask_report r;
	memset(&r, 0, sizeof r);
	pthread_t t;
	start(&t, NULL, mask_thread, &r);
	join(t);
	t_say("new thread: inherits the blocked SIGUSR1 %s, starts without an alternate stack %s",
	      r.inherited_usr1 ? "yes" : "no", r.alt_disabled_at_start ? "yes" : "no");
	t_say("new thread: handler on an alternate stack before setting one %s; set %s; on it after %s",
	      r.without_alt_on_alt ? "yes" : "no", r.alt_set ? "yes" : "no", r.on_alt ? "yes" : "no");
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	t_say("main after the thread changed its own mask: SIGUSR1 blocked %d, SIGUSR2 blocked %d",
	      sigismember(&now, SIGUSR1), sigismember(&now, SIGUSR2));
	CHECK(sigaltstack(NULL, &ss));
	FACT(ss.ss_sp == main_alt && ss.ss_flags == 0);
	ss = (stack_t){ .ss_flags = SS_DISABLE };
	CHECK(sigaltstack(&ss, NULL));
	CHECK_RC(pthread_sigmask(SIG_UNBLOCK, &usr1, NULL));
	CHECK_RC(pthread_sigmask(99, &usr1, NULL));
	set_handler(SIGUSR1, SIG_DFL, 0);
	free(main_alt);
}

/* ---- per-thread scheduling state and descriptor tables ---- */

static int unshared_fd;

/* Prints from the thread while main waits in pthread_join. */
static void *sched_thread(void *arg)
{
	(void)arg;
	cpu_set_t one, got;
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	CHECK(sched_setaffinity(0, sizeof one, &one));
	CHECK(sched_getaffinity(0, sizeof got, &got));
	FACT(CPU_COUNT(&got) == 1 && CPU_ISSET(0, &got));
	unsigned cpu = 99;
	CHECK(syscall(SYS_getcpu, &cpu, NULL, NULL));
	FACT(cpu == 0);
	CHECK(sched_setaffinity(0, 0, &one));
	CHECK(syscall(SYS_getcpu, BADPTR, NULL, NULL));

	struct sched_param sp = { .sched_priority = 0 };
	struct timespec rr;
	CHECK(sched_setscheduler(0, SCHED_OTHER, &sp));
	CHECK(sched_setparam(0, &sp));
	CHECK(sched_getscheduler(0));
	CHECK_OK(sched_rr_get_interval(0, &rr));
	sp.sched_priority = 5;
	CHECK(sched_setscheduler(0, SCHED_OTHER, &sp));
	CHECK(sched_setscheduler(0x7ffffff0, SCHED_OTHER, &sp));

	/* The thread's own descriptor table and working directory. */
	CHECK(unshare(CLONE_FILES));
	CHECK(close(unshared_fd));
	CHECK(unshare(CLONE_FS));
	CHECK(chdir("/"));
	CHECK(unshare(CLONE_VM));
	CHECK(unshare(CLONE_SIGHAND));
	CHECK(unshare(0x1));
	return NULL;
}

static void per_thread_state(void)
{
	cpu_set_t before, after;
	char cwd[512], cwd_after[512];
	sched_getaffinity(0, sizeof before, &before);
	if (!getcwd(cwd, sizeof cwd))
		cwd[0] = 0;
	unshared_fd = CHECK(dup(1));
	pthread_t t;
	if (start(&t, NULL, sched_thread, NULL) == 0)
		join(t);
	sched_getaffinity(0, sizeof after, &after);
	FACT(CPU_EQUAL(&before, &after));
	FACT(fcntl(unshared_fd, F_GETFD) == 0);
	FACT(getcwd(cwd_after, sizeof cwd_after) && strcmp(cwd, cwd_after) == 0);
	CHECK(close(unshared_fd));

	CHECK(syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
	CHECK(syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
	CHECK(syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
	long q = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	FACT(q > 0 && (q & MEMBARRIER_CMD_PRIVATE_EXPEDITED));
	CHECK(syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 1, 0));
	CHECK(syscall(SYS_membarrier, 1 << 20, 0, 0));
}

/* ---- exits, fork and exec with threads running ---- */

static int never;
static pthread_t main_thread;

static void *sleeper(void *arg)
{
	(void)arg;
	wait_change(&never, 0);
	return NULL;
}

static void *spinner(void *arg)
{
	(void)arg;
	for (;;)
		sched_yield();
	return NULL;
}

static void *exit_group_thread(void *arg)
{
	_exit((int)(intptr_t)arg);
}

static void *term_self(void *arg)
{
	(void)arg;
	pthread_kill(pthread_self(), SIGTERM);
	return NULL;
}

static void *join_main(void *arg)
{
	(void)arg;
	int rc = pthread_join(main_thread, NULL);
	t_say("worker joined the main thread: %s", rc == 0 ? "0" : t_errname(rc));
	return NULL;
}

static void *sys_exit_thread(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 0);
	return NULL;
}

/* Starts n sleepers and n spinners that never finish on their own. */
static void busy_threads(int n)
{
	pthread_t t;
	for (int i = 0; i < n; i++) {
		start(&t, NULL, sleeper, NULL);
		start(&t, NULL, spinner, NULL);
	}
}

static void exits(void)
{
	pthread_t t;
	pid_t child = t_fork();
	if (child == 0) {
		busy_threads(2);
		start(&t, NULL, exit_group_thread, (void *)6);
		join(t);
		_exit(1);
	}
	t_wait_child("_exit in a worker while others run", child);

	child = t_fork();
	if (child == 0) {
		busy_threads(2);
		exit(9);
	}
	t_wait_child("exit in main while workers run", child);

	child = t_fork();
	if (child == 0) {
		busy_threads(1);
		start(&t, NULL, term_self, NULL);
		join(t);
		_exit(1);
	}
	t_wait_child("SIGTERM sent by a worker to itself", child);

	child = t_fork();
	if (child == 0) {
		main_thread = pthread_self();
		start(&t, NULL, join_main, NULL);
		pthread_exit(NULL);
	}
	t_wait_child("main called pthread_exit, the last worker returned", child);

	child = t_fork();
	if (child == 0) {
		start(&t, NULL, sys_exit_thread, NULL);
		int rc = pthread_join(t, NULL);
		t_say("joined a thread that called SYS_exit: %s", rc == 0 ? "0" : t_errname(rc));
		_exit(0);
	}
	t_wait_child("SYS_exit in a worker", child);
}

static int prepared, in_parent, in_child;
static void on_prepare(void) { prepared++; }
static void on_parent(void) { in_parent++; }
static void on_child(void) { in_child++; }

static void *nothing(void *arg)
{
	return arg;
}

static void *forking_thread(void *arg)
{
	(void)arg;
	pid_t child = t_fork();
	if (child == 0) {
		pthread_t t;
		t_say("child of a thread: pid is its tid %s, atfork prepare %d parent %d child %d",
		      getpid() == gettid() ? "yes" : "no", prepared, in_parent, in_child);
		int joined = start(&t, NULL, nothing, (void *)3) == 0 && join(t) == (void *)3;
		t_say("child of a thread: a new thread ran %s", joined ? "yes" : "no");
		exit(4);
	}
	t_wait_child("child forked by a thread", child);
	return NULL;
}

static void *exec_thread(void *arg)
{
	(void)arg;
	char *args[] = { "threads", "exec-from-thread", NULL };
	char *env[] = { "MIMIC_TEST=conformance", NULL };
	execve(self_path, args, env);
	_exit(127);
}

static int after_exec(void)
{
	int threads = 0;
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		threads += e->d_name[0] != '.';
	if (d)
		closedir(d);
	t_say("after exec from a thread: pid is its tid %s, threads %d", getpid() == gettid() ? "yes" : "no",
	      threads);
	return 3;
}

static void fork_and_exec(void)
{
	CHECK_RC(pthread_atfork(on_prepare, on_parent, on_child));
	pthread_t t;
	start(&t, NULL, sleeper, NULL);
	start(&t, NULL, forking_thread, NULL);
	join(t);
	t_say("atfork in the parent: prepare %d parent %d child %d", prepared, in_parent, in_child);

	pid_t child = t_fork();
	if (child == 0) {
		busy_threads(2);
		start(&t, NULL, exec_thread, NULL);
		join(t);
		_exit(1);
	}
	t_wait_child("exec from a thread", child);
}

int main(int argc, char **argv)
{
	t_init();
	if (argc > 1 && strcmp(argv[1], "exec-from-thread") == 0)
		return after_exec();
	self_path = access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : argv[0];
	many_threads();
	mutexes();
	condition_variables();
	other_primitives();
	atomics();
	thread_exits();
	stacks_and_futexes();
	directed_signals();
	thread_fault();
	unmap_race();
	masks_and_alt_stacks();
	per_thread_state();
	exits();
	fork_and_exec();
	return 0;
}
