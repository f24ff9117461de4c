/* The guest's mapping list (vma.h): a sorted array, split and merged the
 * way mm/mmap.c and mm/mprotect.c split and merge VMAs. */
#define _DEFAULT_SOURCE
#include "mem/vma.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char deleted[] = " (deleted)";

int gvma_describe_fd(struct gvma *v, int fd, const char *known)
{
	struct stat st;
	char link[64], path[4096];
	if (fstat(fd, &st) != 0)
		return -1;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof path - 1);
	/* Without /proc (a chroot) the name is the one the caller knows. */
	if (n < 0)
		n = snprintf(path, sizeof path, "%s", known ? known : "");
	path[n] = '\0';
	size_t dl = sizeof deleted - 1;
	/* The host's own name for an unlinked file (a memfd) is already
	 * what the kernel shows. */
	v->kind = (size_t)n > dl && strcmp(path + n - dl, deleted) == 0 ? GV_OBJECT : GV_FILE;
	v->dev = st.st_dev;
	v->ino = st.st_ino;
	v->file = fd;
	v->name = strdup(path);
	return v->name ? 0 : -1;
}

static uint64_t counted(const struct gvma *v)
{
	return (v->flags & GV_GATE) ? 0 : v->end - v->start;
}

static uint64_t data_bytes(const struct gvma *v)
{
	return (v->flags & (GV_DATA_MASK | GV_GATE)) == GV_WRITE ? v->end - v->start : 0;
}

static void account(struct gvma_list *l, uint64_t add, uint64_t sub)
{
	l->total = l->total + add - sub;
	if (l->total > l->peak)
		l->peak = l->total;
}

static int reserve(struct gvma_list *l, size_t more)
{
	if (l->n + more <= l->cap)
		return 0;
	size_t cap = l->cap ? 2 * l->cap : 16;
	while (cap < l->n + more)
		cap *= 2;
	struct gvma *nv = realloc(l->v, cap * sizeof *nv);
	if (!nv)
		return -1;
	l->v = nv;
	l->cap = cap;
	return 0;
}

/* Index of the first range ending above addr (l->n when none). */
static size_t find(const struct gvma_list *l, uint64_t addr)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->v[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int put(struct gvma_list *l, size_t i, const struct gvma *v)
{
	char *name = NULL;
	if (v->name && !(name = strdup(v->name)))
		return -1;
	if (reserve(l, 1) != 0) {
		free(name);
		return -1;
	}
	memmove(l->v + i + 1, l->v + i, (l->n - i) * sizeof *l->v);
	l->v[i] = *v;
	l->v[i].name = name;
	l->n++;
	return 0;
}

static void drop(struct gvma_list *l, size_t i)
{
	free(l->v[i].name);
	memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
	l->n--;
}

/* Splits range i at address at (inside it): i keeps the lower part. */
static int split(struct gvma_list *l, size_t i, uint64_t at)
{
	struct gvma upper = l->v[i];
	upper.off += at - upper.start;
	upper.start = at;
	if (put(l, i + 1, &upper) != 0)
		return -1;
	l->v[i].end = at;
	return 0;
}

static bool same_name(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* can_vma_merge_after: b continues a. */
static bool mergeable(const struct gvma *a, const struct gvma *b)
{
	if (a->end != b->start || a->flags != b->flags || a->kind != b->kind || a->kind == GV_SPECIAL ||
	    (a->flags & GV_NOMERGE) ||
	    a->off + (a->end - a->start) != b->off)
		return false;
	return a->kind == GV_ANON ||
	       (a->dev == b->dev && a->ino == b->ino && a->file == b->file && same_name(a->name, b->name));
}

/* Merges neighbours among ranges lo..hi (indices, inclusive, clamped). */
static void merge_span(struct gvma_list *l, size_t lo, size_t hi)
{
	if (lo > 0)
		lo--;
	for (size_t i = lo; i + 1 < l->n && i <= hi;) {
		if (mergeable(&l->v[i], &l->v[i + 1])) {
			l->v[i].end = l->v[i + 1].end;
			drop(l, i + 1);
			if (hi > 0)
				hi--;
		} else {
			i++;
		}
	}
}

/* Splits so that no range straddles start or end; returns the index of
 * the first range inside [start, end). -1 when out of memory. */
static long carve(struct gvma_list *l, uint64_t start, uint64_t end)
{
	size_t i = find(l, start);
	if (i < l->n && l->v[i].start < start && l->v[i].end > start) {
		if (split(l, i, start) != 0)
			return -1;
		i++;
	}
	size_t j = find(l, end);
	if (j < l->n && l->v[j].start < end && l->v[j].end > end && split(l, j, end) != 0)
		return -1;
	return (long)i;
}

void gvma_remove(struct gvma_list *l, uint64_t start, uint64_t end)
{
	/* Without memory to split, the straddling range goes whole: the
	 * description is then short of pages, never wrong about others. */
	long c = carve(l, start, end);
	size_t i = c < 0 ? find(l, start) : (size_t)c;
	while (i < l->n && l->v[i].start < end) {
		account(l, 0, counted(&l->v[i]));
		l->data -= data_bytes(&l->v[i]);
		drop(l, i);
	}
}

int gvma_insert(struct gvma_list *l, const struct gvma *v)
{
	gvma_remove(l, v->start, v->end);
	size_t i = find(l, v->start);
	if (put(l, i, v) != 0)
		return -1;
	account(l, counted(v), 0);
	l->data += data_bytes(v);
	merge_span(l, i, i);
	return 0;
}

void gvma_protect(struct gvma_list *l, uint64_t start, uint64_t end, unsigned rwx)
{
	long c = carve(l, start, end);
	if (c < 0)
		return;
	size_t i = (size_t)c, last = i;
	for (; i < l->n && l->v[i].start < end; i++) {
		unsigned f = l->v[i].flags;
		/* mprotect_fixup: memory first made writable is charged. */
		if ((rwx & GV_WRITE) && !(f & (GV_ACCOUNT | GV_WRITE | GV_SHARED | GV_NORESERVE)))
			f |= GV_ACCOUNT;
		l->data -= data_bytes(&l->v[i]);
		l->v[i].flags = (f & ~GV_RWX) | (rwx & GV_RWX);
		l->data += data_bytes(&l->v[i]);
		last = i;
	}
	merge_span(l, (size_t)c, last + 1);
}

void gvma_grow(struct gvma_list *l, uint64_t end, uint64_t len)
{
	size_t i = find(l, end - 1);
	if (i >= l->n || l->v[i].end != end)
		return;
	l->v[i].end += len;
	account(l, (l->v[i].flags & GV_GATE) ? 0 : len, 0);
	l->data += data_bytes(&l->v[i]) ? len : 0;
	merge_span(l, i, i + 1);
}

int gvma_copy(struct gvma_list *l, uint64_t from, uint64_t to, uint64_t len)
{
	size_t first = find(l, from), n = 0;
	while (first + n < l->n && l->v[first + n].start < from + len)
		n++;
	if (n == 0)
		return 0;
	struct gvma *copy = malloc(n * sizeof *copy);
	if (!copy)
		return -1;
	int rc = 0;
	for (size_t k = 0; k < n; k++) {
		struct gvma v = l->v[first + k];
		uint64_t s = v.start < from ? from : v.start, e = v.end > from + len ? from + len : v.end;
		v.off += s - v.start;
		v.start = s - from + to;
		v.end = e - from + to;
		/* Own names: inserting may merge and free an original's. */
		if (v.name && !(v.name = strdup(v.name)))
			rc = -1;
		copy[k] = v;
	}
	for (size_t k = 0; k < n; k++) {
		if (rc == 0)
			rc = gvma_insert(l, &copy[k]);
		free(copy[k].name);
	}
	free(copy);
	return rc;
}

uint64_t gvma_bytes(const struct gvma_list *l, uint64_t start, uint64_t end, unsigned mask, unsigned want)
{
	uint64_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct gvma *v = &l->v[i];
		if ((v->flags & (mask | GV_GATE)) != want || v->end <= start || v->start >= end)
			continue;
		n += (v->end < end ? v->end : end) - (v->start > start ? v->start : start);
	}
	return n;
}

void gvma_free(struct gvma_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof *l);
}
