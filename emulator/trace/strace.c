/* -strace printing, driven by the argument kinds of the syscall table. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trace/strace.h"

#define STR_MAX 64

static void put_string(struct linux_proc *p, uint64_t addr)
{
	long len = gmem_strnlen(&p->mem, addr, STR_MAX + 1);
	if (len < 0 && !gmem_check(&p->mem, addr, 1, GP_R)) {
		fprintf(stderr, "0x%" PRIx64, addr);
		return;
	}
	size_t n = len < 0 || len > STR_MAX ? STR_MAX : (size_t)len;
	const unsigned char *s = gmem_host(&p->mem, addr);
	/* A string running into an unreadable page stops where it can be read. */
	while (n > 0 && !gmem_check(&p->mem, addr, n, GP_R))
		n--;
	fputc('"', stderr);
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c == '"' || c == '\\')
			fprintf(stderr, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", stderr);
		else if (c == '\t')
			fputs("\\t", stderr);
		else if (c < 32 || c >= 127)
			fprintf(stderr, "\\%o", c);
		else
			fputc((int)c, stderr);
	}
	fputc('"', stderr);
	if (len < 0 || len > STR_MAX)
		fputs("...", stderr);
}

static void put_arg(struct linux_proc *p, enum sc_arg k, uint64_t v)
{
	uint64_t u = p->arch->word_bits == 32 ? (uint32_t)v : v;
	int64_t s = p->arch->word_bits == 32 ? (int32_t)v : (int64_t)v;
	switch (k) {
	case A_NONE:
		break;
	case A_INT:
	case A_FD:
	case A_NEWFD:
		fprintf(stderr, "%" PRId64, s);
		break;
	case A_UINT:
		fprintf(stderr, "%" PRIu64, u);
		break;
	case A_HEX:
	case A_PTR:
		fprintf(stderr, "0x%" PRIx64, u);
		break;
	case A_OCT:
		fprintf(stderr, u ? "0%" PRIo64 : "%" PRIo64, u);
		break;
	case A_STR:
		put_string(p, u);
		break;
	}
}

void strace_enter(struct linux_proc *p, const struct sc_entry *e, const uint64_t a[6])
{
	int last = -1;
	for (int i = 0; i < 6; i++)
		if (e->args[i] != A_NONE)
			last = i;
	fprintf(stderr, "%d %s(", (int)getpid(), e->name);
	bool first = true;
	for (int i = 0; i <= last; i++) {
		/* A_NONE inside the list is padding (ARM EABI register pairs). */
		if (e->args[i] == A_NONE)
			continue;
		if (!first)
			fputc(',', stderr);
		put_arg(p, e->args[i], a[i]);
		first = false;
	}
	fputc(')', stderr);
	fflush(stderr);
}

void strace_exit(long r)
{
	if (r < 0 && r >= -4095)
		fprintf(stderr, " = -1 errno=%ld (%s)\n", -r, strerror((int)-r));
	else
		fprintf(stderr, " = %ld\n", r);
}

void strace_unknown(unsigned nr)
{
	fprintf(stderr, "%d Unknown syscall %u\n", (int)getpid(), nr);
}
