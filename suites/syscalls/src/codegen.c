/* Code made at run time: small generated functions called again after
 * their words were rewritten by plain stores, with cache maintenance
 * (__builtin___clear_cache: ARM cacheflush, MIPS SYNCI), under mprotect,
 * after munmap and mmap over them and mremap away, code that rewrites the
 * page it runs from, a worker thread rewriting code the main thread has
 * run, and the faults of running code without PROT_EXEC or off the end
 * of a mapping. Each generated function returns a small constant; only
 * those and fault facts are printed. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

typedef int (*ret_fn)(void);
typedef void (*store_fn)(uint32_t *where, uint32_t word);

#if defined(__arm__)
/* ARM state: mov r0, #v; bx lr. */
static uint32_t ret_word(int v) { return 0xe3a00000u | (uint32_t)v; }
static void emit_ret(uint32_t *p, int v) { p[0] = ret_word(v); p[1] = 0xe12fff1eu; }
/* str r1, [r0]; bx lr */
static void emit_store(uint32_t *p) { p[0] = 0xe5801000u; p[1] = 0xe12fff1eu; }
/* The word that makes the code at p return v. */
static uint32_t *ret_slot(uint32_t *p) { return p; }
#elif defined(__mips__)
/* jr ra; addiu v0, zero, v (the delay slot). */
static uint32_t ret_word(int v) { return 0x24020000u | (uint32_t)v; }
static void emit_ret(uint32_t *p, int v) { p[0] = 0x03e00008u; p[1] = ret_word(v); }
/* sw a1, 0(a0); jr ra; nop */
static void emit_store(uint32_t *p) { p[0] = 0xac850000u; p[1] = 0x03e00008u; p[2] = 0; }
static uint32_t *ret_slot(uint32_t *p) { return p + 1; }
#else
#error "codegen: no encodings for this architecture"
#endif

static long page;
static ret_fn as_ret(void *p) { return (ret_fn)(uintptr_t)p; }

static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

/* Calls the function at p and says what it returned or which fault it
 * raised, with whether si_addr is expect. */
static void call(const char *what, void *p, void *expect)
{
	t_fault_arm();
	if (sigsetjmp(t_fault_env, 1) == 0) {
		int v = as_ret(p)();
		t_fault_disarm();
		t_say("%s: returned %d", what, v);
		return;
	}
	t_say_fault_at(what, expect);
}

static uint32_t *map_code(void *at, int extra_flags)
{
	void *p = mmap(at, (size_t)page, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static void rewrites(void)
{
	uint32_t *c = map_code(NULL, 0);
	if (!FACT(c != NULL))
		return;
	emit_ret(c, 1);
	flush(c, 16);
	call("generated", c, NULL);
	call("generated, again", c, NULL);
	*ret_slot(c) = ret_word(2);
	call("after a plain store", c, NULL);
	*ret_slot(c) = ret_word(3);
	flush(c, 16);
	call("after a store and cache flush", c, NULL);

	CHECK(mprotect(c, (size_t)page, PROT_READ | PROT_WRITE));
	*ret_slot(c) = ret_word(4);
	CHECK(mprotect(c, (size_t)page, PROT_READ | PROT_EXEC));
	call("rewritten while not executable", c, NULL);
	CHECK(mprotect(c, (size_t)page, PROT_READ));
	call("page without PROT_EXEC", c, c);
	CHECK(mprotect(c, (size_t)page, PROT_READ | PROT_WRITE | PROT_EXEC));

	/* The page rewrites itself: the store function sits beside the
	 * function it rewrites. */
	uint32_t *s = c + 64;
	emit_store(s);
	flush(s, 16);
	((store_fn)(uintptr_t)s)(ret_slot(c), ret_word(5));
	call("rewritten by code on its own page", c, NULL);

	uint32_t *again = map_code(c, MAP_FIXED);
	FACT(again == c);
	emit_ret(c, 6);
	flush(c, 16);
	call("new mapping over it", c, NULL);

	CHECK(munmap(c, (size_t)page));
	call("unmapped", c, c);
	uint32_t *fresh = map_code(c, MAP_FIXED);
	FACT(fresh == c);
	emit_ret(c, 7);
	flush(c, 16);
	call("mapped again, written", c, NULL);

	/* mremap moves the code; the old address is unmapped. */
	char *two = mmap(NULL, 2 * (size_t)page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!FACT(two != MAP_FAILED))
		return;
	void *moved = mremap(c, (size_t)page, (size_t)page, MREMAP_MAYMOVE | MREMAP_FIXED, two + page);
	FACT(moved == two + page);
	call("moved by mremap", moved, NULL);
	call("old address after mremap", c, c);
	CHECK(munmap(two, 2 * (size_t)page));
}

/* Straight-line code runs off its mapping into an unmapped page. */
static void off_the_end(void)
{
	char *two = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!FACT(two != MAP_FAILED))
		return;
	CHECK(munmap(two + page, (size_t)page));
	uint32_t *last = (uint32_t *)(two + page) - 1;
	*last = ret_word(8);
	flush(last, 4);
	call("last word of a mapping, then unmapped", last, two + page);
	CHECK(munmap(two, (size_t)page));
}

static uint32_t *shared_code;
static int seen_once, rewritten;

static void *rewriter(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&seen_once, __ATOMIC_ACQUIRE))
		sched_yield();
	*ret_slot(shared_code) = ret_word(10);
	flush(shared_code, 16);
	__atomic_store_n(&rewritten, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* A worker rewrites code the main thread has run; main calls it again
 * once the worker says it is done. */
static void other_thread(void)
{
	shared_code = map_code(NULL, 0);
	if (!FACT(shared_code != NULL))
		return;
	emit_ret(shared_code, 9);
	flush(shared_code, 16);
	pthread_t t;
	if (CHECK_RC(pthread_create(&t, NULL, rewriter, NULL)) != 0)
		return;
	int first = 0;
	for (int i = 0; i < 1000; i++)
		first = as_ret(shared_code)();
	t_say("main before the rewrite: returned %d", first);
	__atomic_store_n(&seen_once, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&rewritten, __ATOMIC_ACQUIRE))
		sched_yield();
	t_say("main after the worker rewrote it: returned %d", as_ret(shared_code)());
	CHECK_RC(pthread_join(t, NULL));
	CHECK(munmap(shared_code, (size_t)page));
}

int main(void)
{
	t_init();
	page = sysconf(_SC_PAGESIZE);
	t_catch_faults((const int[]){ SIGSEGV, SIGBUS, SIGILL, 0 });
	rewrites();
	off_the_end();
	other_thread();
	return 0;
}
