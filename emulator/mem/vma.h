/* The guest's mappings as the kernel's VMAs describe them, for
 * /proc/<pid>/maps and the memory counters of status and stat: ranges
 * with the permissions the guest asked for, sharing, the file (or name)
 * behind them. The page table of mem.h stays what accesses are checked
 * against; the callers that change it (loader, mmap and friends) keep this
 * list in step. Adjacent ranges merge as Linux merges VMAs: same flags,
 * same file (or both anonymous) and contiguous offsets. No locking here:
 * callers hold whatever lock guards the address space. */
#ifndef MIMIC_VMA_H
#define MIMIC_VMA_H

#include <stddef.h>
#include <stdint.h>

/* vm_flags the kernel compares when merging (values are mimic's own). */
#define GV_READ      0x01u
#define GV_WRITE     0x02u
#define GV_EXEC      0x04u
#define GV_SHARED    0x08u   /* VM_SHARED: writes reach the file */
#define GV_MAYSHARE  0x10u   /* MAP_SHARED: the 's' of maps */
#define GV_GROWSDOWN 0x20u   /* the stack (VmStk) */
#define GV_ACCOUNT   0x40u   /* private writable: charged (VM_ACCOUNT) */
#define GV_NORESERVE 0x80u
#define GV_GATE      0x100u  /* outside the process's mm (ARM vectors page): never counted */
#define GV_NOMERGE   0x200u  /* never merges, split pieces neither (SysV shm: its vm_ops close) */
#define GV_RWX       (GV_READ | GV_WRITE | GV_EXEC)
/* The kernel's is_data_mapping: written, private, not a stack. */
#define GV_DATA_MASK (GV_WRITE | GV_SHARED | GV_GROWSDOWN)

enum gvma_kind {
	GV_ANON,     /* no name, unless it is the heap or the stack */
	GV_FILE,     /* a file: name is its host path, checked for deletion when shown */
	GV_OBJECT,   /* an unlinked object (shared anonymous memory, memfd): name shown as is */
	GV_SPECIAL,  /* a kernel page ("[vectors]", "[vdso]"): never merges */
};

struct gvma {
	uint64_t start, end;
	unsigned flags;
	enum gvma_kind kind;
	/* Byte offset of start in the file; for anonymous memory the address
	 * it was created at (the kernel's vm_pgoff, which merging compares). */
	uint64_t off;
	uint64_t dev, ino;   /* host st_dev and st_ino of the file (0 for anonymous) */
	int file;            /* which open file it came from (merging needs the same) */
	char *name;
};

struct gvma_list {
	struct gvma *v;      /* sorted by address, not overlapping */
	size_t n, cap;
	uint64_t total, peak;/* bytes mapped (VmSize) and the most ever (VmPeak) */
	uint64_t data;       /* bytes of data mappings (VmData: GV_DATA_MASK reads GV_WRITE) */
	uint64_t objects;    /* inode numbers given to shared anonymous objects */
	/* The program image, as mm_struct keeps it for stat and status. */
	uint64_t start_code, end_code, start_data, end_data;
};

/* Describes the host file open as fd (kind, identity, path) into v; the
 * path is known's (may be NULL) where the host's /proc cannot name it.
 * 0, or -1 when fd cannot be examined. */
int gvma_describe_fd(struct gvma *v, int fd, const char *known);
/* Adds v (name copied) in place of whatever [v->start, v->end) held, then
 * merges it with its neighbours. 0, or -1 when out of memory. */
int gvma_insert(struct gvma_list *l, const struct gvma *v);
/* Forgets [start, end), splitting ranges that straddle it. */
void gvma_remove(struct gvma_list *l, uint64_t start, uint64_t end);
/* mprotect: the read/write/execute bits of [start, end) become rwx (the
 * kernel's charging rule applied), splitting and merging around it. */
void gvma_protect(struct gvma_list *l, uint64_t start, uint64_t end, unsigned rwx);
/* mremap: the range ending at end grows by len bytes (same mapping). */
void gvma_grow(struct gvma_list *l, uint64_t end, uint64_t len);
/* mremap: the descriptions of [from, from+len) also describe [to, to+len)
 * (file offsets follow; anonymous memory keeps its offset). 0 or -1. */
int gvma_copy(struct gvma_list *l, uint64_t from, uint64_t to, uint64_t len);
/* Bytes of [start, end) in ranges whose flags & mask equal want (gate
 * pages never count): what may_expand_vm counts an mmap over (mask 0)
 * and the data_vm of RLIMIT_DATA (written, private, not a stack). */
uint64_t gvma_bytes(const struct gvma_list *l, uint64_t start, uint64_t end, unsigned mask, unsigned want);
void gvma_free(struct gvma_list *l);

#endif
