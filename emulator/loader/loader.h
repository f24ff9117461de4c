/* ELF program loading and the initial process stack, as the Linux kernel's
 * execve builds them. */
#ifndef MIMIC_LOADER_H
#define MIMIC_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "mem/mem.h"

/* What the CPU family expects of an ELF file and where things go. */
struct loader_target {
	unsigned char elf_class;/* ELFCLASS32 / ELFCLASS64 */
	unsigned char data;     /* ELFDATA2LSB / ELFDATA2MSB */
	uint16_t machine;       /* e_machine */
	uint32_t flags_reject;  /* e_flags bits of other ABIs of the machine (MIPS n32) */
	/* Rights every accessible user page has whatever was asked (the
	 * page tables cannot refuse them): ARM read; MIPS without RI/XI read
	 * and execute. */
	unsigned prot_implied;
	uint64_t task_size;     /* first address above user space */
	uint64_t dyn_base;      /* ELF_ET_DYN_BASE for ET_DYN main programs */
	uint64_t interp_base;   /* where an interpreter (ET_DYN) is loaded */
};

struct loaded_image {
	uint64_t entry;         /* e_entry after relocation */
	uint64_t phdr;          /* guest address of the program headers */
	unsigned phnum, phent;
	uint64_t bias;          /* load bias (0 for ET_EXEC) */
	uint64_t end;           /* highest segment end (vaddr + memsz) */
	char interp[256];       /* PT_INTERP path, empty if none */
	bool exec_stack;        /* PT_GNU_STACK has PF_X */
};

/* The identity of an ELF file: what picks the architecture. */
struct elf_ident {
	unsigned char elf_class, data, osabi;
	uint16_t machine;
	uint32_t flags;
	/* The system other than Linux that EI_OSABI or an ABI note names
	 * ("FreeBSD (ELF OS/ABI 9)"); empty for a Linux program or one that
	 * names no system. */
	char foreign_os[64];
	/* Branded for FreeBSD (EI_OSABI 9 or FreeBSD's ABI note), which
	 * mimic's FreeBSD personality runs. */
	bool freebsd;
};

/* Reads the identity of the ELF file path; -1 with a message in err when
 * it cannot be read or is not ELF. */
int elf_identify(const char *path, struct elf_ident *id, char *err, size_t errlen);

/* Loads the ELF file path into m. On failure returns -1 with a message in
 * err (no guest state is valid then). */
int elf_load(struct gmem *m, const struct loader_target *t, const char *path,
	     bool is_interp, struct loaded_image *img, char *err, size_t errlen);

/* Values of the auxiliary vector the OS layer decides. */
struct stack_params {
	uint64_t top;           /* highest stack address (exclusive) */
	uint64_t size;          /* bytes mapped below top */
	bool exec;              /* PT_GNU_STACK asks for an executable stack */
	unsigned prot_implied;  /* rights the pages have anyway (loader_target) */
	int argc;
	char *const *argv;
	char *const *envp;
	const char *execfn;     /* AT_EXECFN string */
	const char *platform;   /* AT_PLATFORM string, NULL for none */
	const char *base_platform; /* AT_BASE_PLATFORM string, NULL for none */
	bool has_hwcap2;        /* the kernel gives AT_HWCAP2 (ELF_HWCAP2) */
	uint64_t hwcap, hwcap2, clktck, pagesz;
	uint64_t uid, euid, gid, egid;
	uint64_t secure;  /* AT_SECURE: the kernel's, for mimic's own exec */
	uint64_t base;          /* AT_BASE: interpreter load address or 0 */
	uint64_t entry;         /* AT_ENTRY: the program's entry */
	const struct loaded_image *prog;
	unsigned word_bytes;    /* 4 or 8 */
};

/* Maps the stack and lays out strings, argv, envp and auxv as execve does.
 * Returns the initial stack pointer, or 0 when it does not fit. */
uint64_t stack_build(struct gmem *m, const struct stack_params *sp);

/* The parts every OS's stack layout shares (stack_parts.c). */
/* Maps [top - size, top) and its VMA; false when that fails. */
bool stack_map(struct gmem *m, const struct stack_params *sp);
/* n random bytes (AT_RANDOM, AT_CANARY); a fixed pattern without getrandom. */
void stack_random(void *buf, size_t n);
/* One word of the guest's size (wb bytes). */
void stack_put_word(struct gmem *m, uint64_t a, uint64_t v, unsigned wb);
/* The 16-byte aligned stack pointer below `below` with room for argc,
 * argv, envp and naux auxv pairs; 0 when the stack is too small. */
uint64_t stack_vectors_at(const struct stack_params *sp, uint64_t below, int envc, size_t naux);
/* Writes argc, argv, NULL, envp, NULL and the auxv pairs at s. */
void stack_put_vectors(struct gmem *m, uint64_t s, const struct stack_params *sp, const uint64_t *arg_str,
		       int envc, const uint64_t *env_str, uint64_t (*aux)[2], size_t naux);

#endif
