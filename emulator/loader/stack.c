/* The initial stack of a new process, laid out as Linux's execve
 * (copy_strings, then create_elf_tables) does without randomisation:
 *   top: pad word, execfn, env strings, arg strings (argv[0] lowest),
 *   16-byte aligned: platform and base platform strings, 16 random bytes,
 *   then auxv, envp, argv, argc at a 16-byte aligned stack pointer. */
#include "loader/loader.h"

#include <elf.h>
#include <string.h>

static bool put_str(struct gmem *m, uint64_t *p, uint64_t floor, const char *s)
{
	size_t n = strlen(s) + 1;
	if (*p - floor < n)
		return false;
	*p -= n;
	memcpy(gmem_host(m, *p), s, n);
	return true;
}

uint64_t stack_build(struct gmem *m, const struct stack_params *sp)
{
	if (!stack_map(m, sp))
		return 0;
	/* Strings must not use more than a quarter of the stack (the
	 * kernel's limit is similar: E2BIG beyond it). */
	unsigned wb = sp->word_bytes;
	uint64_t str_floor = sp->top - sp->size / 4;
	uint64_t p = sp->top - wb;
	int envc = 0;
	while (sp->envp[envc])
		envc++;
	if (!put_str(m, &p, str_floor, sp->execfn))
		return 0;
	uint64_t execfn = p;
	uint64_t env_str[envc + 1], arg_str[sp->argc + 1];
	for (int i = envc - 1; i >= 0; i--) {
		if (!put_str(m, &p, str_floor, sp->envp[i]))
			return 0;
		env_str[i] = p;
	}
	for (int i = sp->argc - 1; i >= 0; i--) {
		if (!put_str(m, &p, str_floor, sp->argv[i]))
			return 0;
		arg_str[i] = p;
	}
	p &= ~(uint64_t)15;
	uint64_t platform = 0, base_platform = 0;
	if (sp->platform) {
		if (!put_str(m, &p, str_floor, sp->platform))
			return 0;
		platform = p;
	}
	if (sp->base_platform) {
		if (!put_str(m, &p, str_floor, sp->base_platform))
			return 0;
		base_platform = p;
	}
	uint8_t rnd[16];
	stack_random(rnd, sizeof rnd);
	p -= sizeof rnd;
	memcpy(gmem_host(m, p), rnd, sizeof rnd);
	uint64_t random = p;

	const struct loaded_image *img = sp->prog;
	/* create_elf_tables' order; the optional entries are left out
	 * where the kernel leaves them out. */
	uint64_t aux[20][2] = {
		{ AT_HWCAP, sp->hwcap },     { AT_PAGESZ, sp->pagesz },  { AT_CLKTCK, sp->clktck },
		{ AT_PHDR, img->phdr },      { AT_PHENT, img->phent },   { AT_PHNUM, img->phnum },
		{ AT_BASE, sp->base },       { AT_FLAGS, 0 },            { AT_ENTRY, sp->entry },
		{ AT_UID, sp->uid },         { AT_EUID, sp->euid },      { AT_GID, sp->gid },
		{ AT_EGID, sp->egid },       { AT_SECURE, sp->secure },           { AT_RANDOM, random },
	};
	size_t naux = 15;
	if (sp->has_hwcap2)
		aux[naux][0] = AT_HWCAP2, aux[naux++][1] = sp->hwcap2;
	aux[naux][0] = AT_EXECFN, aux[naux++][1] = execfn;
	if (platform)
		aux[naux][0] = AT_PLATFORM, aux[naux++][1] = platform;
	if (base_platform)
		aux[naux][0] = AT_BASE_PLATFORM, aux[naux++][1] = base_platform;
	aux[naux][0] = AT_NULL, aux[naux++][1] = 0;
	uint64_t s = stack_vectors_at(sp, p, envc, naux);
	if (!s)
		return 0;
	stack_put_vectors(m, s, sp, arg_str, envc, env_str, aux, naux);
	return s;
}
