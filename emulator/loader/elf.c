/* ELF program loading (ELF32 and ELF64, either byte order): checks the
 * header like the kernel's binfmt_elf does, then copies PT_LOAD segments
 * into guest memory and zeroes bss. Headers are decoded into one native
 * form first, so the checks and the loading do not depend on the class. */
#define _DEFAULT_SOURCE
#include "loader/loader.h"

#include <elf.h>
#include <stdlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/elf_os.h"

/* The program header table may use up to 64 KiB (the check of the
 * kernel this loader has always followed). */
#define PH_TABLE_MAX 65536u
#define MAX_PHNUM (PH_TABLE_MAX / sizeof(Elf32_Phdr))

struct ehdr {
	struct elf_ident id;
	uint16_t type, phentsize, phnum;
	uint64_t entry, phoff;
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz, memsz, align;
};

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

/* Field readers in the file's byte order. */
static uint64_t field(const uint8_t *b, unsigned size, bool be)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)b[be ? size - 1 - i : i] << (8 * i);
	return v;
}

/* Decodes the ELF header in raw (at least 64 bytes). False when it is not
 * ELF or of an unknown class or byte order. */
static bool decode_ehdr(const uint8_t *raw, struct ehdr *eh)
{
	if (memcmp(raw, ELFMAG, SELFMAG) != 0)
		return false;
	unsigned cls = raw[EI_CLASS], data = raw[EI_DATA];
	if ((cls != ELFCLASS32 && cls != ELFCLASS64) || (data != ELFDATA2LSB && data != ELFDATA2MSB))
		return false;
	bool be = data == ELFDATA2MSB, w64 = cls == ELFCLASS64;
	unsigned ws = w64 ? 8 : 4;
	eh->id.elf_class = (unsigned char)cls;
	eh->id.data = (unsigned char)data;
	eh->id.osabi = raw[EI_OSABI];
	eh->type = (uint16_t)field(raw + 16, 2, be);
	eh->id.machine = (uint16_t)field(raw + 18, 2, be);
	eh->entry = field(raw + 24, ws, be);
	eh->phoff = field(raw + 24 + ws, ws, be);
	unsigned rest = 24 + 3 * ws; /* after e_entry, e_phoff, e_shoff */
	eh->id.flags = (uint32_t)field(raw + rest, 4, be);
	eh->phentsize = (uint16_t)field(raw + rest + 6, 2, be);
	eh->phnum = (uint16_t)field(raw + rest + 8, 2, be);
	return true;
}

static void decode_phdr(const uint8_t *raw, const struct elf_ident *id, struct phdr *ph)
{
	bool be = id->data == ELFDATA2MSB;
	ph->type = (uint32_t)field(raw, 4, be);
	if (id->elf_class == ELFCLASS64) {
		ph->flags = (uint32_t)field(raw + 4, 4, be);
		ph->offset = field(raw + 8, 8, be);
		ph->vaddr = field(raw + 16, 8, be);
		ph->filesz = field(raw + 32, 8, be);
		ph->memsz = field(raw + 40, 8, be);
		ph->align = field(raw + 48, 8, be);
	} else {
		ph->offset = field(raw + 4, 4, be);
		ph->vaddr = field(raw + 8, 4, be);
		ph->filesz = field(raw + 16, 4, be);
		ph->memsz = field(raw + 20, 4, be);
		ph->flags = (uint32_t)field(raw + 24, 4, be);
		ph->align = field(raw + 28, 4, be);
	}
}

static int read_ehdr(int fd, const char *path, struct ehdr *eh, char *err, size_t errlen)
{
	uint8_t raw[64] = { 0 };
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return fail(err, errlen, "%s: not a regular file", path);
	if ((uint64_t)st.st_size < 52 || !read_at(fd, raw, (uint64_t)st.st_size < 64 ? 52 : 64, 0) ||
	    !decode_ehdr(raw, eh))
		return fail(err, errlen, "%s: not an ELF executable", path);
	return 0;
}

/* The first 64 KiB of a note segment are read: brand notes come first
 * and are a few dozen bytes. */
#define NOTES_MAX 65536u

/* Fills eh->id.foreign_os from EI_OSABI or the PT_NOTE segments. A table
 * or segment that cannot be read names nothing: loading reports it. */
static void identify_os(int fd, struct ehdr *eh)
{
	struct elf_ident *id = &eh->id;
	id->foreign_os[0] = '\0';
	id->freebsd = id->osabi == ELFOSABI_FREEBSD;
	if (elf_os_of_osabi(id->osabi, id->foreign_os, sizeof id->foreign_os))
		return;
	unsigned phent = id->elf_class == ELFCLASS64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	if (eh->phentsize != phent || eh->phnum == 0 || eh->phnum > MAX_PHNUM)
		return;
	size_t phsize = (size_t)eh->phnum * phent;
	uint8_t *raw = malloc(phsize), *notes = malloc(NOTES_MAX);
	if (raw && notes && read_at(fd, raw, phsize, eh->phoff)) {
		for (unsigned i = 0; i < eh->phnum && !id->foreign_os[0]; i++) {
			struct phdr ph;
			decode_phdr(raw + (size_t)i * phent, id, &ph);
			size_t n = ph.filesz < NOTES_MAX ? (size_t)ph.filesz : NOTES_MAX;
			if (ph.type == PT_NOTE && read_at(fd, notes, n, ph.offset))
				elf_os_of_notes(notes, n, id->data == ELFDATA2MSB, ph.align == 8 ? 8 : 4,
						id->foreign_os, sizeof id->foreign_os);
		}
	}
	free(raw);
	free(notes);
	/* FreeBSD's own ABI note (not a GNU tag naming kFreeBSD). */
	id->freebsd = strcmp(id->foreign_os, "FreeBSD (its ABI note)") == 0;
}

int elf_identify(const char *path, struct elf_ident *id, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	struct ehdr eh;
	int rc = read_ehdr(fd, path, &eh, err, errlen);
	if (rc == 0) {
		identify_os(fd, &eh);
		*id = eh.id;
	}
	close(fd);
	return rc;
}

static int check_header(const struct ehdr *eh, const struct loader_target *t,
			const char *path, char *err, size_t errlen)
{
	if (eh->id.elf_class != t->elf_class || eh->id.data != t->data || eh->id.machine != t->machine)
		return fail(err, errlen, "%s: ELF for another machine (class %u, data %u, machine %u)",
			    path, eh->id.elf_class, eh->id.data, eh->id.machine);
	if (eh->id.flags & t->flags_reject)
		return fail(err, errlen, "%s: ELF flags 0x%x name another ABI of this machine", path,
			    eh->id.flags);
	if (eh->type != ET_EXEC && eh->type != ET_DYN)
		return fail(err, errlen, "%s: ELF type %u is not an executable", path, eh->type);
	unsigned phent = eh->id.elf_class == ELFCLASS64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	if (eh->phentsize != phent || eh->phnum == 0 || (unsigned)eh->phnum * phent > PH_TABLE_MAX)
		return fail(err, errlen, "%s: corrupt ELF program header table", path);
	return 0;
}

/* Validates one PT_LOAD against the file and the address space. */
static int check_segment(const struct phdr *ph, uint64_t bias, uint64_t fsize,
			 const struct loader_target *t, const char *path, char *err, size_t errlen)
{
	uint64_t va = bias + ph->vaddr;
	if (ph->filesz > ph->memsz || ph->offset > fsize || ph->filesz > fsize - ph->offset)
		return fail(err, errlen, "%s: corrupt ELF segment (file range)", path);
	if ((ph->vaddr & GPAGE_MASK) != (ph->offset & GPAGE_MASK))
		return fail(err, errlen, "%s: corrupt ELF segment (misaligned)", path);
	if (va < GPAGE_SIZE || va >= t->task_size || ph->memsz > t->task_size - va)
		return fail(err, errlen, "%s: ELF segment outside user space (0x%llx)", path,
			    (unsigned long long)va);
	return 0;
}

static unsigned seg_prot(const struct loader_target *t, uint32_t flags)
{
	unsigned g = ((flags & PF_R) ? GP_R : 0) | ((flags & PF_W) ? GP_W : 0) | ((flags & PF_X) ? GP_X : 0);
	return g ? g | t->prot_implied : 0;
}

/* What /proc/<pid>/maps shows for a segment, as binfmt_elf's elf_load
 * maps it: the file's pages, then the bss past them as anonymous memory
 * (rw, plus x for an executable segment). A later segment replaces what
 * an earlier one mapped on a shared page. */
static int describe_segment(struct gmem *m, const struct gvma *file, const struct phdr *ph, uint64_t bias)
{
	unsigned rwx = ((ph->flags & PF_R) ? GV_READ : 0) | ((ph->flags & PF_W) ? GV_WRITE : 0) |
		       ((ph->flags & PF_X) ? GV_EXEC : 0);
	uint64_t va = bias + ph->vaddr, lo = va & ~GPAGE_MASK;
	uint64_t fend = (va + ph->filesz + GPAGE_MASK) & ~GPAGE_MASK, end = (va + ph->memsz + GPAGE_MASK) & ~GPAGE_MASK;
	if (ph->filesz) {
		struct gvma v = *file;
		v.start = lo;
		v.end = fend;
		v.off = ph->offset & ~GPAGE_MASK;
		v.flags = rwx | ((rwx & GV_WRITE) ? GV_ACCOUNT : 0);
		if (gvma_insert(m->vmas, &v) != 0)
			return -1;
	} else {
		fend = lo;
	}
	if (end <= fend)
		return 0;
	struct gvma bss = { .start = fend, .end = end, .kind = GV_ANON, .off = fend, .file = -1,
			    .flags = GV_READ | GV_WRITE | GV_ACCOUNT | (rwx & GV_EXEC) };
	return gvma_insert(m->vmas, &bss);
}

/* mm_struct's start_code, end_code, start_data and end_data, as
 * load_elf_binary computes them for the program (not its interpreter). */
static void note_layout(struct gvma_list *l, const struct phdr *ph, unsigned n, uint64_t bias)
{
	uint64_t start_code = UINT64_MAX, end_code = 0, start_data = 0, end_data = 0;
	for (unsigned i = 0; i < n; i++) {
		if (ph[i].type != PT_LOAD)
			continue;
		uint64_t k = ph[i].vaddr, kf = k + ph[i].filesz;
		if ((ph[i].flags & PF_X) && k < start_code)
			start_code = k;
		if ((ph[i].flags & PF_X) && kf > end_code)
			end_code = kf;
		if (k > start_data)
			start_data = k;
		if (kf > end_data)
			end_data = kf;
	}
	l->start_code = start_code + bias;
	l->end_code = end_code + bias;
	l->start_data = start_data + bias;
	l->end_data = end_data + bias;
}

/* The file part of a segment at va: whole pages from own on are a
 * private host mapping of the file, as the kernel maps them (a start-up
 * touches few of them; copying them all cost a third of it); what comes
 * before own is copied. */
static bool map_file_part(struct gmem *m, int fd, const struct phdr *ph, uint64_t va, uint64_t own)
{
	uint64_t fend = va + ph->filesz;
	if (ph->filesz == 0)
		return true;
	if (own > va) {
		uint64_t n = (own < fend ? own : fend) - va;
		if (!read_at(fd, gmem_host(m, va), n, ph->offset))
			return false;
		if (own >= fend)
			return true;
	}
	uint64_t off = ph->offset + (own - va);
	void *h = mmap(gmem_host(m, own), fend - own, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd,
		       (off_t)off);
	return h != MAP_FAILED;
}

static int load_segments(struct gmem *m, const struct loader_target *t, int fd, const struct gvma *file,
			 const struct phdr *ph, unsigned n, uint64_t bias, const char *path, char *err, size_t errlen)
{
	/* Writable while copying; final permissions after, OR-ed on pages
	 * two segments share. */
	for (unsigned i = 0; i < n; i++) {
		if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
			continue;
		uint64_t va = bias + ph[i].vaddr, end = va + ph[i].memsz;
		uint64_t lo = va & ~GPAGE_MASK, hi = (end + GPAGE_MASK) & ~GPAGE_MASK;
		/* The bss: the file's last page is cleared past the data; the
		 * whole pages after it are fresh host memory, zero already,
		 * unless an earlier segment mapped them (a bss of gigabytes
		 * costs nothing, as in the kernel). */
		uint64_t z = va + ph[i].filesz, zfull = (z + GPAGE_MASK) & ~GPAGE_MASK;
		/* With a bss, the rest of the file's last page is cleared, as
		 * the kernel's padzero does (ld.so's first allocations take it
		 * and count on zeroes); without, it keeps the file's bytes. */
		uint64_t zpart = ph[i].memsz > ph[i].filesz ? zfull : z;
		for (uint64_t a = zfull; a < hi; a += GPAGE_SIZE)
			if (m->perm[a >> GPAGE_SHIFT] & GP_MAPPED)
				memset(gmem_host(m, a), 0, GPAGE_SIZE);
		/* A first page an earlier segment shares is copied into. */
		uint64_t own = (m->perm[lo >> GPAGE_SHIFT] & GP_MAPPED) ? lo + GPAGE_SIZE : lo;
		if (gmem_map(m, lo, hi - lo, GP_R | GP_W) != 0)
			return fail(err, errlen, "%s: cannot map segment at 0x%llx", path, (unsigned long long)lo);
		if (!map_file_part(m, fd, &ph[i], va, own))
			return fail(err, errlen, "%s: read error: %s", path, strerror(errno));
		memset(gmem_host(m, z), 0, zpart - z);
		if (describe_segment(m, file, &ph[i], bias) != 0)
			return fail(err, errlen, "%s: out of memory", path);
	}
	for (int pass = 0; pass < 2; pass++)
		for (unsigned i = 0; i < n; i++) {
			if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
				continue;
			uint64_t va = bias + ph[i].vaddr;
			uint64_t first = va >> GPAGE_SHIFT, last = (va + ph[i].memsz - 1) >> GPAGE_SHIFT;
			for (uint64_t p = first; p <= last; p++)
				m->perm[p] = pass == 0 ? GP_MAPPED : (uint8_t)(m->perm[p] | seg_prot(t, ph[i].flags));
		}
	return 0;
}

/* Reads PT_INTERP's path into img->interp. */
static int read_interp(int fd, const struct phdr *ph, uint64_t fsize, struct loaded_image *img,
		       const char *path, char *err, size_t errlen)
{
	if (ph->filesz < 2 || ph->filesz > sizeof img->interp || ph->offset > fsize ||
	    ph->filesz > fsize - ph->offset || !read_at(fd, img->interp, ph->filesz, ph->offset) ||
	    img->interp[ph->filesz - 1] != '\0')
		return fail(err, errlen, "%s: corrupt ELF interpreter path", path);
	return 0;
}

static int load_fd(int fd, struct gmem *m, const struct loader_target *t, const char *path,
		   bool is_interp, struct loaded_image *img, char *err, size_t errlen)
{
	struct stat st;
	struct ehdr eh;
	static uint8_t raw[PH_TABLE_MAX];
	static struct phdr ph[MAX_PHNUM];
	if (read_ehdr(fd, path, &eh, err, errlen) != 0 || check_header(&eh, t, path, err, errlen) != 0 ||
	    fstat(fd, &st) != 0)
		return -1;
	uint64_t fsize = (uint64_t)st.st_size, phsize = (uint64_t)eh.phnum * eh.phentsize;
	if (eh.phoff > fsize || phsize > fsize - eh.phoff || !read_at(fd, raw, phsize, eh.phoff))
		return fail(err, errlen, "%s: corrupt ELF program header table", path);
	uint64_t lo = UINT64_MAX, hi = 0;
	for (unsigned i = 0; i < eh.phnum; i++) {
		decode_phdr(raw + (size_t)i * eh.phentsize, &eh.id, &ph[i]);
		if (ph[i].type == PT_GNU_STACK)
			img->exec_stack = (ph[i].flags & PF_X) != 0;
		if (ph[i].type == PT_INTERP && !is_interp &&
		    read_interp(fd, &ph[i], fsize, img, path, err, errlen) != 0)
			return -1;
		if (ph[i].type != PT_LOAD)
			continue;
		if (ph[i].vaddr < lo)
			lo = ph[i].vaddr;
		if (ph[i].vaddr + ph[i].memsz > hi)
			hi = ph[i].vaddr + ph[i].memsz;
	}
	if (hi == 0)
		return fail(err, errlen, "%s: ELF without loadable segments", path);
	if (eh.type == ET_DYN) {
		uint64_t want = is_interp ? t->interp_base : t->dyn_base;
		uint64_t at = gmem_find_free(m, want, hi - (lo & ~GPAGE_MASK), t->task_size);
		if (at == 0)
			return fail(err, errlen, "%s: no room to load", path);
		img->bias = at - (lo & ~GPAGE_MASK);
	}
	for (unsigned i = 0; i < eh.phnum; i++)
		if (ph[i].type == PT_LOAD && check_segment(&ph[i], img->bias, fsize, t, path, err, errlen) != 0)
			return -1;
	struct gvma file = { 0 };
	if (gvma_describe_fd(&file, fd, path) != 0)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	int rc = load_segments(m, t, fd, &file, ph, eh.phnum, img->bias, path, err, errlen);
	free(file.name);
	if (rc != 0)
		return -1;
	if (!is_interp)
		note_layout(m->vmas, ph, eh.phnum, img->bias);
	img->entry = img->bias + eh.entry;
	img->end = img->bias + hi;
	img->phnum = eh.phnum;
	img->phent = eh.phentsize;
	/* AT_PHDR: the headers as mapped inside a segment (the kernel
	 * looks for the PT_LOAD covering e_phoff). */
	for (unsigned i = 0; i < eh.phnum; i++)
		if (ph[i].type == PT_PHDR)
			img->phdr = img->bias + ph[i].vaddr;
	for (unsigned i = 0; i < eh.phnum && img->phdr == 0; i++)
		if (ph[i].type == PT_LOAD && eh.phoff >= ph[i].offset &&
		    eh.phoff + phsize <= ph[i].offset + ph[i].filesz)
			img->phdr = img->bias + ph[i].vaddr + (eh.phoff - ph[i].offset);
	return 0;
}

int elf_load(struct gmem *m, const struct loader_target *t, const char *path,
	     bool is_interp, struct loaded_image *img, char *err, size_t errlen)
{
	memset(img, 0, sizeof *img);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	int rc = load_fd(fd, m, t, path, is_interp, img, err, errlen);
	close(fd);
	return rc;
}
