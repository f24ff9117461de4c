/* ELF32 program loading: checks the header like the kernel's binfmt_elf
 * does, then copies PT_LOAD segments into guest memory and zeroes bss. */
#define _DEFAULT_SOURCE
#include "loader/loader.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return -1;
}

static bool read_at(int fd, void *buf, size_t n, uint64_t off)
{
	uint8_t *b = buf;
	while (n > 0) {
		ssize_t r = pread(fd, b, n, (off_t)off);
		if (r <= 0)
			return false;
		b += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return true;
}

static int check_header(const Elf32_Ehdr *eh, const struct loader_target *t,
			bool is_interp, const char *path, char *err, size_t errlen)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return fail(err, errlen, "%s: not an ELF executable", path);
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_ident[EI_DATA] != t->data ||
	    eh->e_machine != t->machine)
		return fail(err, errlen, "%s: ELF for another machine (class %u, data %u, machine %u)",
			    path, eh->e_ident[EI_CLASS], eh->e_ident[EI_DATA], eh->e_machine);
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return fail(err, errlen, "%s: ELF type %u is not an executable", path, eh->e_type);
	if (is_interp && eh->e_type != ET_DYN && eh->e_type != ET_EXEC)
		return fail(err, errlen, "%s: bad interpreter", path);
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 || eh->e_phnum > 65536 / sizeof(Elf32_Phdr))
		return fail(err, errlen, "%s: corrupt ELF program header table", path);
	return 0;
}

/* Validates one PT_LOAD against the file and the address space. */
static int check_segment(const Elf32_Phdr *ph, uint64_t bias, uint64_t fsize,
			 const struct loader_target *t, const char *path, char *err, size_t errlen)
{
	uint64_t va = bias + ph->p_vaddr;
	if (ph->p_filesz > ph->p_memsz || (uint64_t)ph->p_offset + ph->p_filesz > fsize)
		return fail(err, errlen, "%s: corrupt ELF segment (file range)", path);
	if ((ph->p_vaddr & GPAGE_MASK) != (ph->p_offset & GPAGE_MASK))
		return fail(err, errlen, "%s: corrupt ELF segment (misaligned)", path);
	if (va < GPAGE_SIZE || va + ph->p_memsz > t->task_size || va + ph->p_memsz < va)
		return fail(err, errlen, "%s: ELF segment outside user space (0x%llx)", path,
			    (unsigned long long)va);
	return 0;
}

static unsigned seg_prot(uint32_t flags)
{
	return ((flags & PF_R) ? GP_R : 0) | ((flags & PF_W) ? GP_W : 0) | ((flags & PF_X) ? GP_X : 0);
}

static int load_segments(struct gmem *m, int fd, const Elf32_Phdr *ph, unsigned n, uint64_t bias,
			 const char *path, char *err, size_t errlen)
{
	/* Writable while copying; final permissions after, OR-ed on pages
	 * two segments share. */
	for (unsigned i = 0; i < n; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		uint64_t va = bias + ph[i].p_vaddr;
		uint64_t lo = va & ~GPAGE_MASK, hi = (va + ph[i].p_memsz + GPAGE_MASK) & ~GPAGE_MASK;
		if (gmem_map(m, lo, hi - lo, GP_R | GP_W) != 0)
			return fail(err, errlen, "%s: cannot map segment at 0x%llx", path, (unsigned long long)lo);
		if (!read_at(fd, gmem_host(m, va), ph[i].p_filesz, ph[i].p_offset))
			return fail(err, errlen, "%s: read error: %s", path, strerror(errno));
		memset(gmem_host(m, va + ph[i].p_filesz), 0, ph[i].p_memsz - ph[i].p_filesz);
	}
	for (int pass = 0; pass < 2; pass++)
		for (unsigned i = 0; i < n; i++) {
			if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
				continue;
			uint64_t va = bias + ph[i].p_vaddr;
			uint64_t first = va >> GPAGE_SHIFT, last = (va + ph[i].p_memsz - 1) >> GPAGE_SHIFT;
			for (uint64_t p = first; p <= last; p++)
				m->perm[p] = pass == 0 ? GP_MAPPED : (uint8_t)(m->perm[p] | seg_prot(ph[i].p_flags));
		}
	return 0;
}

int elf_load(struct gmem *m, const struct loader_target *t, const char *path,
	     bool is_interp, struct loaded_image *img, char *err, size_t errlen)
{
	memset(img, 0, sizeof *img);
	img->exec_stack = false; /* ARMv6 Linux: only PT_GNU_STACK with PF_X */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	struct stat st;
	Elf32_Ehdr eh;
	Elf32_Phdr ph[65536 / sizeof(Elf32_Phdr)];
	int rc = -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		fail(err, errlen, "%s: not a regular file", path);
		goto out;
	}
	if ((uint64_t)st.st_size < sizeof eh || !read_at(fd, &eh, sizeof eh, 0)) {
		fail(err, errlen, "%s: not an ELF executable", path);
		goto out;
	}
	if (check_header(&eh, t, is_interp, path, err, errlen) != 0)
		goto out;
	uint64_t phsize = (uint64_t)eh.e_phnum * sizeof(Elf32_Phdr);
	if ((uint64_t)eh.e_phoff + phsize > (uint64_t)st.st_size || !read_at(fd, ph, phsize, eh.e_phoff)) {
		fail(err, errlen, "%s: corrupt ELF program header table", path);
		goto out;
	}
	uint64_t lo = UINT64_MAX, hi = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_GNU_STACK)
			img->exec_stack = (ph[i].p_flags & PF_X) != 0;
		if (ph[i].p_type == PT_INTERP && !is_interp) {
			if (ph[i].p_filesz < 2 || ph[i].p_filesz > sizeof img->interp ||
			    (uint64_t)ph[i].p_offset + ph[i].p_filesz > (uint64_t)st.st_size ||
			    !read_at(fd, img->interp, ph[i].p_filesz, ph[i].p_offset) ||
			    img->interp[ph[i].p_filesz - 1] != '\0') {
				fail(err, errlen, "%s: corrupt ELF interpreter path", path);
				goto out;
			}
		}
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_vaddr < lo)
			lo = ph[i].p_vaddr;
		if ((uint64_t)ph[i].p_vaddr + ph[i].p_memsz > hi)
			hi = (uint64_t)ph[i].p_vaddr + ph[i].p_memsz;
	}
	if (hi == 0) {
		fail(err, errlen, "%s: ELF without loadable segments", path);
		goto out;
	}
	if (eh.e_type == ET_DYN) {
		uint64_t want = is_interp ? t->interp_base : t->dyn_base;
		uint64_t span = hi - (lo & ~GPAGE_MASK);
		uint64_t at = gmem_find_free(m, want, span, t->task_size);
		if (at == 0) {
			fail(err, errlen, "%s: no room to load", path);
			goto out;
		}
		img->bias = at - (lo & ~GPAGE_MASK);
	}
	for (unsigned i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD &&
		    check_segment(&ph[i], img->bias, (uint64_t)st.st_size, t, path, err, errlen) != 0)
			goto out;
	if (load_segments(m, fd, ph, eh.e_phnum, img->bias, path, err, errlen) != 0)
		goto out;
	img->entry = img->bias + eh.e_entry;
	img->end = img->bias + hi;
	img->phnum = eh.e_phnum;
	img->phent = eh.e_phentsize;
	/* AT_PHDR: the headers as mapped inside a segment (the kernel
	 * looks for the PT_LOAD covering e_phoff). */
	for (unsigned i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			img->phdr = img->bias + ph[i].p_vaddr;
	for (unsigned i = 0; i < eh.e_phnum && img->phdr == 0; i++)
		if (ph[i].p_type == PT_LOAD && eh.e_phoff >= ph[i].p_offset &&
		    eh.e_phoff + phsize <= (uint64_t)ph[i].p_offset + ph[i].p_filesz)
			img->phdr = img->bias + ph[i].p_vaddr + (eh.e_phoff - ph[i].p_offset);
	rc = 0;
out:
	close(fd);
	return rc;
}
