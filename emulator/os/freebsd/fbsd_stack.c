/* The initial stack of a FreeBSD program, as exec_copyout_strings and
 * __elfN(freebsd_copyout_auxargs) lay it out (FreeBSD 13):
 *   top (USRSTACK): struct ps_strings at PS_STRINGS, below it the
 *   executable's path, the stack canary, the page sizes array, the
 *   argument and environment strings; then at the (16-byte aligned) stack
 *   pointer argc, argv, NULL, envp, NULL and the auxiliary vector.
 * Auxiliary vector types are sys/sys/elf_common.h's. */
#define _GNU_SOURCE
#include <string.h>

#include "os/freebsd/freebsd.h"

enum {
	AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
	AT_FLAGS = 8, AT_ENTRY = 9, AT_EXECPATH = 15, AT_CANARY = 16, AT_CANARYLEN = 17,
	AT_OSRELDATE = 18, AT_NCPUS = 19, AT_PAGESIZES = 20, AT_PAGESIZESLEN = 21,
	AT_STACKPROT = 23, AT_EHDRFLAGS = 24, AT_HWCAP = 25, AT_HWCAP2 = 26, AT_BSDFLAGS = 27,
	AT_ARGC = 28, AT_ARGV = 29, AT_ENVC = 30, AT_ENVV = 31, AT_PS_STRINGS = 32,
};

static bool put_bytes(struct gmem *m, uint64_t *p, uint64_t floor, const void *s, size_t n, unsigned align)
{
	if (*p - floor < n + align)
		return false;
	*p = (*p - n) & ~(uint64_t)(align - 1);
	memcpy(gmem_host(m, *p), s, n);
	return true;
}

uint64_t fbsd_stack_build(struct linux_proc *p, const struct stack_params *sp, uint64_t ps_strings)
{
	struct gmem *m = &p->mem;
	unsigned wb = sp->word_bytes;
	if (!stack_map(m, sp))
		return 0;
	uint64_t str_floor = sp->top - sp->size / 4, q = ps_strings;
	int envc = 0;
	while (sp->envp[envc])
		envc++;
	if (!put_bytes(m, &q, str_floor, sp->execfn, strlen(sp->execfn) + 1, wb))
		return 0;
	uint64_t execpath = q;
	uint8_t canary[64];
	unsigned canarylen = 8 * wb;
	stack_random(canary, canarylen);
	if (!put_bytes(m, &q, str_floor, canary, canarylen, wb))
		return 0;
	uint64_t canary_at = q;
	/* pagesizes[]: the base page only (mimic maps no superpages). */
	uint8_t ps[8] = { 0 };
	uint64_t page = sp->pagesz;
	if (!put_bytes(m, &q, str_floor, ps, wb, wb))
		return 0;
	stack_put_word(m, q, page, wb);
	uint64_t pagesizes = q;
	uint64_t env_str[envc + 1], arg_str[sp->argc + 1];
	for (int i = envc - 1; i >= 0; i--) {
		if (!put_bytes(m, &q, str_floor, sp->envp[i], strlen(sp->envp[i]) + 1, 1))
			return 0;
		env_str[i] = q;
	}
	for (int i = sp->argc - 1; i >= 0; i--) {
		if (!put_bytes(m, &q, str_floor, sp->argv[i], strlen(sp->argv[i]) + 1, 1))
			return 0;
		arg_str[i] = q;
	}
	const struct loaded_image *img = sp->prog;
	uint64_t aux[32][2] = {
		{ AT_PHDR, img->phdr },       { AT_PHENT, img->phent },     { AT_PHNUM, img->phnum },
		{ AT_PAGESZ, sp->pagesz },    { AT_FLAGS, 0 },              { AT_ENTRY, sp->entry },
		{ AT_BASE, sp->base },        { AT_EHDRFLAGS, 0 },          { AT_EXECPATH, execpath },
		{ AT_OSRELDATE, FBSD_OSRELDATE }, { AT_CANARY, canary_at }, { AT_CANARYLEN, canarylen },
		{ AT_NCPUS, fbsd_ncpu(p) },     { AT_PAGESIZES, pagesizes },  { AT_PAGESIZESLEN, wb },
		{ AT_STACKPROT, 3 | (sp->exec ? 4 : 0) }, { AT_HWCAP, sp->hwcap }, { AT_HWCAP2, sp->hwcap2 },
		{ AT_BSDFLAGS, 0 },           { AT_ARGC, (uint64_t)sp->argc }, { AT_ARGV, 0 },
		{ AT_ENVC, (uint64_t)envc },  { AT_ENVV, 0 },               { AT_PS_STRINGS, ps_strings },
		{ AT_NULL, 0 },
	};
	unsigned naux = 25;
	uint64_t s = stack_vectors_at(sp, q, envc, naux);
	if (!s)
		return 0;
	uint64_t argv = s + wb, envp = argv + (uint64_t)(sp->argc + 1) * wb;
	aux[20][1] = argv;
	aux[22][1] = envp;
	stack_put_vectors(m, s, sp, arg_str, envc, env_str, aux, naux);
	/* struct ps_strings: argv, argc, envp, envc (pointers word-sized). */
	stack_put_word(m, ps_strings, argv, wb);
	gmem_st32(m, ps_strings + wb, (uint32_t)sp->argc);
	stack_put_word(m, ps_strings + 2 * wb, envp, wb);
	gmem_st32(m, ps_strings + 3 * wb, (uint32_t)envc);
	return s;
}
