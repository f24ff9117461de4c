/* The parts of an initial stack that every OS layout shares (stack.c is
 * Linux's layout, os/freebsd/fbsd_stack.c FreeBSD's): the mapping, the
 * random bytes, and argc, argv, envp and the auxiliary vector at the
 * stack pointer. */
#define _DEFAULT_SOURCE
#include "loader/loader.h"

#include <string.h>
#include <sys/random.h>

bool stack_map(struct gmem *m, const struct stack_params *sp)
{
	uint64_t floor = sp->top - sp->size;
	if (gmem_map(m, floor, sp->size, GP_R | GP_W | (sp->exec ? GP_X : 0) | sp->prot_implied) != 0)
		return false;
	/* setup_arg_pages: the stack's flags are those asked for, not the
	 * implied ones. */
	struct gvma stack = { .start = floor, .end = sp->top, .kind = GV_ANON, .off = floor, .file = -1,
			      .flags = GV_READ | GV_WRITE | (sp->exec ? GV_EXEC : 0) | GV_GROWSDOWN | GV_ACCOUNT };
	return gvma_insert(m->vmas, &stack) == 0;
}

void stack_random(void *buf, size_t n)
{
	if (getrandom(buf, n, 0) != (ssize_t)n)
		memset(buf, 0x5a, n);
}

void stack_put_word(struct gmem *m, uint64_t a, uint64_t v, unsigned wb)
{
	if (wb == 8)
		gmem_st64(m, a, v);
	else
		gmem_st32(m, a, (uint32_t)v);
}

/* Strings use the top quarter of the stack; the vectors may take half
 * more (the kernel's limit is similar: E2BIG beyond it). */
uint64_t stack_vectors_at(const struct stack_params *sp, uint64_t below, int envc, size_t naux)
{
	unsigned wb = sp->word_bytes;
	uint64_t nwords = 2 * naux + (uint64_t)(sp->argc + 1) + (uint64_t)(envc + 1) + 1;
	uint64_t s = (below - nwords * wb) & ~(uint64_t)15;
	uint64_t str_floor = sp->top - sp->size / 4;
	return s < str_floor - sp->size / 2 ? 0 : s;
}

void stack_put_vectors(struct gmem *m, uint64_t s, const struct stack_params *sp, const uint64_t *arg_str,
		       int envc, const uint64_t *env_str, uint64_t (*aux)[2], size_t naux)
{
	unsigned wb = sp->word_bytes;
	uint64_t w = s;
	stack_put_word(m, w, (uint64_t)sp->argc, wb);
	w += wb;
	for (int i = 0; i < sp->argc; i++, w += wb)
		stack_put_word(m, w, arg_str[i], wb);
	stack_put_word(m, w, 0, wb);
	w += wb;
	for (int i = 0; i < envc; i++, w += wb)
		stack_put_word(m, w, env_str[i], wb);
	stack_put_word(m, w, 0, wb);
	w += wb;
	for (size_t i = 0; i < naux; i++, w += 2 * wb) {
		stack_put_word(m, w, aux[i][0], wb);
		stack_put_word(m, w + wb, aux[i][1], wb);
	}
}
