/* /proc/<pid>/maps of the guest, from the mapping list the loader, mmap,
 * munmap, mprotect, mremap and brk keep (mem/vma.h), in the format of
 * Linux 6.1's show_map_vma (fs/proc/task_mmu.c), and the flags mmap_region
 * gives a new mapping. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "os/linux/procfs.h"
#include "os/linux/syscall.h"

int linux_maps_mmap(struct linux_proc *p, const struct linux_mmap_desc *d)
{
	struct gvma v = { .start = d->addr, .end = d->addr + d->len, .kind = GV_ANON, .off = d->addr, .file = -1 };
	unsigned f = d->rwx & GV_RWX;
	if (d->shared)
		f |= GV_MAYSHARE | ((d->fd < 0 || d->fd_writable) ? GV_SHARED : 0);
	if (d->noreserve)
		f |= GV_NORESERVE;
	if (d->growsdown)
		f |= GV_GROWSDOWN;
	/* accountable_mapping: private writable memory is charged. */
	if ((f & (GV_NORESERVE | GV_SHARED | GV_WRITE)) == GV_WRITE)
		f |= GV_ACCOUNT;
	v.flags = f;
	char zero[] = "/dev/zero (deleted)";
	if (d->fd >= 0) {
		if (gvma_describe_fd(&v, d->fd, NULL) != 0)
			return -1;
		v.off = d->off;
	} else if (d->shared) {
		/* shmem_zero_setup: an unlinked shmem file of its own. */
		v.kind = GV_OBJECT;
		v.name = zero;
		v.off = 0;
		v.dev = makedev(0, 1);
		v.ino = ++p->mem.vmas->objects;
	}
	int rc = gvma_insert(p->mem.vmas, &v);
	if (v.name != zero)
		free(v.name);
	return rc;
}

int linux_maps_brk(struct linux_proc *p, uint64_t start, uint64_t end)
{
	/* do_brk_flags: anonymous, read-write, charged. */
	struct gvma v = { .start = start, .end = end, .kind = GV_ANON, .off = start, .file = -1,
			  .flags = GV_READ | GV_WRITE | GV_ACCOUNT };
	return gvma_insert(p->mem.vmas, &v);
}

/* The name column: the file's path (newlines escaped as seq_file_path
 * does, " (deleted)" once it is gone), the special page's name, or for
 * anonymous memory [heap] and [stack] (NULL: no name). */
static void show_name(struct linux_proc *p, const struct gvma *v, FILE *f, int col, int width)
{
	const char *name = v->name;
	if (v->kind == GV_ANON) {
		if (v->start <= p->mm->brk_cur && v->end >= p->mm->brk_start)
			name = "[heap]";
		else if (v->start <= p->initial_sp && v->end >= p->initial_sp)
			name = "[stack]";
		else
			return;
	}
	if (!name)
		return;
	fprintf(f, "%*s", col < width ? width - col + 1 : 1, "");
	if (v->kind != GV_FILE) {
		fputs(name, f);
		return;
	}
	for (const char *c = sc_guest_path(p, name); *c; c++)
		if (*c == '\n')
			fputs("\\012", f);
		else
			fputc(*c, f);
	struct stat st;
	if (stat(name, &st) != 0 || st.st_dev != v->dev || st.st_ino != v->ino)
		fputs(" (deleted)", f);
}

void linux_maps_show(struct linux_proc *p, FILE *f)
{
	/* seq_setwidth(m, 25 + sizeof(void *) * 6 - 1), the guest kernel's
	 * pointer size. */
	int width = 25 + (int)(p->arch->word_bits / 8) * 6 - 1;
	pthread_mutex_lock(&p->mm->lock);
	const struct gvma_list *l = p->mem.vmas;
	for (size_t i = 0; i < l->n; i++) {
		const struct gvma *v = &l->v[i];
		bool file = v->kind == GV_FILE || v->kind == GV_OBJECT;
		int col = fprintf(f, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %02x:%02x %" PRIu64 " ",
				  v->start, v->end, (v->flags & GV_READ) ? 'r' : '-', (v->flags & GV_WRITE) ? 'w' : '-',
				  (v->flags & GV_EXEC) ? 'x' : '-', (v->flags & GV_MAYSHARE) ? 's' : 'p',
				  file ? v->off : 0, file ? major(v->dev) : 0, file ? minor(v->dev) : 0,
				  file ? v->ino : 0);
		show_name(p, v, f, col, width);
		fputc('\n', f);
	}
	pthread_mutex_unlock(&p->mm->lock);
}
