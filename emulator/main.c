/* mimic: runs a Linux program of another architecture (static ARMv6 EABI,
 * MIPS64 n64 of either byte order) as a process of this machine; the ELF
 * header picks the architecture. The command line follows QEMU user mode
 * where it makes sense. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include <linux/binfmts.h>

#include "cpu/arm/arm_cpu.h"
#include "cpu/jit/jit.h"
#include "loader/loader.h"
#include "os/freebsd/freebsd.h"
#include "os/linux/linux.h"
#include "os/linux/own_fds.h"
#include "os/linux/proc_limits.h"

#define MIMIC_VERSION "0.1"
#define DEFAULT_STACK (8u << 20)

extern char **environ;

/* Static so the program's environment stays reachable until exit. */
static struct env {
	char **v;
	size_t n;
} genv;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: mimic [options] program [arguments...]\n"
		"Runs a static Linux program: ARMv6 (armel EABI), MIPS64 or MIPS64el (n64);\n"
		"or a static FreeBSD/armv6 or FreeBSD/mips64 (n64) program.\n\n"
		"  -h, --help        this help\n"
		"  --version         version\n"
		"  -L path           prefix for absolute paths the program opens (MIMIC_LD_PREFIX)\n"
		"  -cpu model        CPU model (MIMIC_CPU): arm1176, MIPS64R2-generic, any; armv7\n"
		"                    (ARMv7-A, VFPv3, no Thumb-2) for FreeBSD/armv6 programs;\n"
		"                    help lists them\n"
		"  -strace           log system calls on stderr (MIMIC_STRACE)\n"
		"  -enosys           a FreeBSD system call mimic does not run fails with ENOSYS\n"
		"                    instead of raising SIGSYS (MIMIC_ENOSYS)\n"
		"  -nojit            run guest code by the interpreter only, without the block\n"
		"                    translator (MIMIC_JIT=0)\n"
		"  -d items          log on stderr (MIMIC_LOG); items, comma-separated:\n"
		"                    unimp  unsupported ioctl requests (once each) and\n"
		"                           programs of other systems a guest tries to exec\n"
		"  -E var=value      set an environment variable for the program\n"
		"  -U var            remove an environment variable for the program\n"
		"  -0 argv0          argv[0] of the program\n"
		"  -s size           stack size (suffix k, M or G; MIMIC_STACK_SIZE)\n"
		"  -m size           memory limit: the program's address-space limit,\n"
		"                    RLIMIT_AS (suffix k, M or G; MIMIC_MEMORY_LIMIT);\n"
		"                    none by default, the guest gets what the host gives\n"
		"  -exefd n          descriptor of mimic's own executable, inherited from the\n"
		"                    mimic that ran a guest's execve (internal)\n"
		"  -notesfd n        descriptor of the page where deaths by signals the host\n"
		"                    lacks are noted, likewise (internal)\n"
		"  -rlimits list     the guest's RLIMIT_AS and RLIMIT_DATA, likewise (internal)\n"
		"  -setid uid:gid    effective ids to take once the program is loaded, as for a\n"
		"                    set-user-ID program a guest execs (internal; needs root)\n\n"
		"As a binfmt_misc interpreter (flags F and P, as for qemu-user-static) mimic\n"
		"takes no options, only the MIMIC_* variables, and keeps the caller's argv[0].\n");
}

static void die_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "mimic: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	usage(stderr);
	exit(1);
}

static bool parse_size(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s)
		return false;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end || v == 0)
		return false;
	*out = v;
	return true;
}

/* The architectures and the -cpu models each accepts (the first is the
 * model emulated by default; "any" and "max" name it too, as in QEMU;
 * "armv7", for FreeBSD/armv6 programs, selects arm_model's other one). */
static const struct arch_choice {
	const struct linux_arch *(*get)(void);
	const char *models[4];
	bool freebsd;   /* the FreeBSD personality (os/freebsd) */
} archs[] = {
	{ linux_arch_armv6, { "arm1176", "any", "max" }, false },
	{ linux_arch_mips64, { "MIPS64R2-generic", "any", "max" }, false },
	{ linux_arch_mips64el, { "MIPS64R2-generic", "any", "max" }, false },
	{ freebsd_arch_armv6, { "arm1176", "any", "max", "armv7" }, true },
	{ freebsd_arch_mips64, { "MIPS64R2-generic", "any", "max" }, true },
	{ freebsd_arch_mips64el, { "MIPS64R2-generic", "any", "max" }, true },
};
#define NARCHS (sizeof archs / sizeof archs[0])

static bool cpu_supported(const struct arch_choice *a, const char *name)
{
	for (unsigned i = 0; i < sizeof a->models / sizeof a->models[0]; i++)
		if (a->models[i] && strcmp(name, a->models[i]) == 0)
			return true;
	return false;
}

/* The architecture of the program at path, or NULL after a message. */
static const struct arch_choice *pick_arch(const char *path)
{
	char err[PATH_MAX + 128];
	struct elf_ident id;
	if (elf_identify(path, &id, err, sizeof err) != 0) {
		fprintf(stderr, "mimic: %s\n", err);
		return NULL;
	}
	for (unsigned i = 0; i < NARCHS; i++) {
		const struct loader_target *t = archs[i].get()->elf;
		if (t->elf_class != id.elf_class || t->data != id.data || t->machine != id.machine ||
		    archs[i].freebsd != id.freebsd)
			continue;
		if (id.foreign_os[0] && !id.freebsd) {
			fprintf(stderr, "mimic: %s: ELF for another operating system: %s; mimic runs Linux programs\n",
				path, id.foreign_os);
			return NULL;
		}
		return &archs[i];
	}
	if (id.freebsd)
		fprintf(stderr, "mimic: %s: ELF for another operating system: %s; mimic runs Linux programs "
			"and FreeBSD/armv6 and mips64 ones\n", path, id.foreign_os);
	else if (id.machine == EM_MIPS)
		fprintf(stderr, "mimic: %s: a 32-bit (o32/n32) MIPS program; only the 64-bit n64 ABI is supported\n",
			path);
	else
		fprintf(stderr, "mimic: %s: ELF for an unsupported machine (class %u, data %u, machine %u); "
			"mimic runs ARMv6 EABI and MIPS64 n64 programs\n", path, id.elf_class, id.data, id.machine);
	return NULL;
}

/* The program's environment is ours, with -E and -U applied in order. */
static void env_unset(struct env *e, const char *name)
{
	size_t len = strlen(name), j = 0;
	for (size_t i = 0; i < e->n; i++)
		if (!(strncmp(e->v[i], name, len) == 0 && e->v[i][len] == '='))
			e->v[j++] = e->v[i];
	e->n = j;
	e->v[j] = NULL;
}

static void env_set(struct env *e, char *assignment)
{
	char *eq = strchr(assignment, '=');
	if (!eq || eq == assignment)
		die_usage("-E needs var=value", assignment);
	*eq = '\0';
	env_unset(e, assignment);
	*eq = '=';
	e->v[e->n++] = assignment;
	e->v[e->n] = NULL;
}

struct options {
	const char *sysroot, *argv0, *cpu, *exefd, *notesfd, *setid, *rlimits;
	uint64_t stack_size, memory;
	bool strace, log_unimp;
};

/* -d and MIMIC_LOG: a comma-separated list of log items (QEMU's -d
 * names; unimp is the one mimic has). */
static void parse_log(struct options *o, const char *items)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", items);
	for (char *save, *it = strtok_r(buf, ",", &save); it; it = strtok_r(NULL, ",", &save)) {
		if (strcmp(it, "unimp") == 0)
			o->log_unimp = true;
		else
			die_usage("unknown log item (mimic has: unimp)", it);
	}
}

/* Parses options up to the program name; returns its index in argv. */
static int parse_options(int argc, char **argv, struct options *o, struct env *e)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *opt = argv[i] + (argv[i][1] == '-' ? 2 : 1);
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(opt, "h") == 0 || strcmp(opt, "help") == 0) {
			usage(stdout);
			exit(0);
		}
		if (strcmp(opt, "version") == 0) {
			printf("mimic %s: user-mode Linux emulator for ARMv6 (ARM1176) EABI and MIPS64R2 n64 programs\n",
			       MIMIC_VERSION);
			exit(0);
		}
		if (strcmp(opt, "strace") == 0) {
			o->strace = true;
			continue;
		}
		if (strcmp(opt, "enosys") == 0) {
			fbsd_unknown_enosys = true;
			continue;
		}
		if (strcmp(opt, "nojit") == 0) {
			jit_enabled = false;
			continue;
		}
		static const char *const with_arg[] = { "L", "cpu", "E", "U", "0", "s", "m", "d", "exefd", "notesfd",
							      "setid", "rlimits" };
		bool known = false;
		for (unsigned k = 0; k < sizeof with_arg / sizeof with_arg[0]; k++)
			known |= strcmp(opt, with_arg[k]) == 0;
		if (!known)
			die_usage("unknown option", argv[i]);
		if (i + 1 >= argc)
			die_usage("missing argument for", argv[i]);
		char *arg = argv[++i];
		if (strcmp(opt, "L") == 0)
			o->sysroot = arg;
		else if (strcmp(opt, "cpu") == 0)
			o->cpu = arg;
		else if (strcmp(opt, "E") == 0)
			env_set(e, arg);
		else if (strcmp(opt, "U") == 0)
			env_unset(e, arg);
		else if (strcmp(opt, "0") == 0)
			o->argv0 = arg;
		else if (strcmp(opt, "d") == 0)
			parse_log(o, arg);
		else if (strcmp(opt, "exefd") == 0)
			o->exefd = arg;
		else if (strcmp(opt, "notesfd") == 0)
			o->notesfd = arg;
		else if (strcmp(opt, "setid") == 0)
			o->setid = arg;
		else if (strcmp(opt, "rlimits") == 0)
			o->rlimits = arg;
		else if (strcmp(opt, "m") == 0) {
			if (!parse_size(arg, &o->memory))
				die_usage("bad memory limit", arg);
		}
		else if (!parse_size(arg, &o->stack_size))
			die_usage("bad stack size", arg);
	}
	return i;
}

static void env_options(struct options *o)
{
	const char *s;
	if ((s = getenv("MIMIC_STRACE")) != NULL)
		o->strace = true;
	if ((s = getenv("MIMIC_ENOSYS")) != NULL)
		fbsd_unknown_enosys = true;
	if ((s = getenv("MIMIC_JIT")) != NULL && strcmp(s, "0") == 0)
		jit_enabled = false;
	if ((s = getenv("MIMIC_LOG")) != NULL && *s)
		parse_log(o, s);
	if ((s = getenv("MIMIC_LD_PREFIX")) != NULL && *s)
		o->sysroot = s;
	if ((s = getenv("MIMIC_CPU")) != NULL && *s)
		o->cpu = s;
	if ((s = getenv("MIMIC_STACK_SIZE")) != NULL && *s && !parse_size(s, &o->stack_size))
		die_usage("bad MIMIC_STACK_SIZE", s);
	if ((s = getenv("MIMIC_MEMORY_LIMIT")) != NULL && *s && !parse_size(s, &o->memory))
		die_usage("bad MIMIC_MEMORY_LIMIT", s);
}

/* -setid UID:GID: the effective (and saved) ids a set-user-ID or
 * set-group-ID program gets at exec, taken after it is loaded as the
 * kernel reads it with the caller's ids. Without the privilege the
 * program keeps the caller's ids. */
static void take_ids(const char *arg)
{
	unsigned uid, gid;
	char end;
	if (sscanf(arg, "%u:%u%c", &uid, &gid, &end) != 2)
		die_usage("bad -setid", arg);
	if (setresgid((gid_t)-1, gid, gid) == 0)
		setresuid((uid_t)-1, uid, uid);
}

/* Started by binfmt_misc with flag P, which Linux (5.12 and later) tells
 * in AT_FLAGS: argv is mimic, the program's path, the argv[0] the caller
 * gave, then the program's arguments, none of them mimic's options. */
static bool binfmt_preserve_argv0(int argc)
{
	return argc >= 3 && (getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0);
}

int main(int argc, char **argv)
{
	proc_title_init(argc, argv);
	size_t nenv = 0;
	while (environ[nenv])
		nenv++;
	struct env *e = &genv;
	e->v = calloc(nenv + (size_t)argc + 1, sizeof(char *));
	e->n = nenv;
	if (!e->v) {
		fprintf(stderr, "mimic: out of memory\n");
		return 1;
	}
	memcpy(e->v, environ, nenv * sizeof(char *));
	struct options o = { .stack_size = DEFAULT_STACK };
	env_options(&o);
	/* The program is argv[prog]; its own argv starts at argv[prog + skip]. */
	int prog = 1, skip = 1;
	if (!binfmt_preserve_argv0(argc)) {
		prog = parse_options(argc, argv, &o, e);
		skip = 0;
	}
	if (o.cpu && strcmp(o.cpu, "help") == 0) {
		printf("Available CPUs:\n");
		for (unsigned i = 0; i < NARCHS; i++)
			if (!archs[i].freebsd)
				printf("  %s (%s)\n", archs[i].models[0], archs[i].get()->name);
		printf("  armv7 (FreeBSD/armv6 programs): ARMv7-A in ARM state with VFPv3-D32; lacks Thumb-2,\n"
		       "        NEON and SDIV/UDIV\n");
		printf("  any\n");
		return 0;
	}
	if (prog >= argc)
		die_usage("no program given", NULL);
	own_fds_init(o.exefd, o.notesfd);
	const struct arch_choice *choice = pick_arch(argv[prog]);
	if (!choice)
		return 1;
	if (o.cpu && !cpu_supported(choice, o.cpu)) {
		fprintf(stderr, "mimic: unknown CPU model '%s' for %s programs (%s is supported)\n", o.cpu,
			choice->get()->name, choice->models[0]);
		return 1;
	}
	if (o.cpu && strcmp(o.cpu, "armv7") == 0) {
		arm_model = ARM_MODEL_ARMV7;
		freebsd_armv6_on_armv7();
	}

	/* The first thread; a thread that exits frees its state. */
	struct linux_proc *p = calloc(1, sizeof *p);
	if (!p || linux_proc_init(p) != 0) {
		fprintf(stderr, "mimic: out of memory\n");
		return 1;
	}
	const struct linux_arch *arch = choice->get();
	p->arch = arch;
	p->strace = o.strace;
	p->log_unimp = o.log_unimp;
	if (linux_limits_init(p->tg, o.rlimits, o.memory) != 0)
		die_usage("bad -rlimits", o.rlimits);
	/* Kept after the command line is overwritten (proc_title_set). */
	p->sysroot = o.sysroot ? strdup(o.sysroot) : NULL;
	p->task_size = arch->elf->task_size;
	p->mm->mmap_base = arch->mmap_base;
	p->stack_top = arch->stack_top;
	const char *path = argv[prog];
	char real[PATH_MAX];
	p->exe_path = strdup(realpath(path, real) ? real : path);
	const char *base = strrchr(path, '/');
	snprintf(p->comm, sizeof p->comm, "%s", base ? base + 1 : path);
	/* 32-bit guests get all of their 4 GiB (a bad pointer is always a
	 * guest fault); 64-bit ones their TASK_SIZE, a power of two. */
	uint64_t space = arch->word_bits == 32 ? (uint64_t)1 << 32 : arch->elf->task_size;
	if (gmem_init(&p->mem, space, arch->elf->data == ELFDATA2MSB) != 0) {
		fprintf(stderr, "mimic: cannot reserve the guest address space: %s\n", strerror(errno));
		return 1;
	}

	char err[PATH_MAX + 128];
	struct loaded_image img, interp;
	if (elf_load(&p->mem, arch->elf, path, false, &img, err, sizeof err) != 0) {
		fprintf(stderr, "mimic: %s\n", err);
		return 1;
	}
	uint64_t entry = img.entry, interp_base = 0;
	if (img.interp[0]) {
		char ipath[PATH_MAX];
		if (snprintf(ipath, sizeof ipath, "%s%s", o.sysroot && img.interp[0] == '/' ? o.sysroot : "",
			     img.interp) >= (int)sizeof ipath ||
		    elf_load(&p->mem, arch->elf, ipath, true, &interp, err, sizeof err) != 0) {
			fprintf(stderr, "mimic: %s: dynamic program, its interpreter cannot be loaded: %s\n", path,
				err);
			return 1;
		}
		entry = interp.entry;
		interp_base = interp.bias;
	}
	p->mm->brk_start = p->mm->brk_cur = (img.end + GPAGE_MASK) & ~GPAGE_MASK;
	if (o.setid)
		take_ids(o.setid);

	o.stack_size = (o.stack_size + GPAGE_MASK) & ~GPAGE_MASK;
	if (o.stack_size > (1u << 30))
		die_usage("stack size too big", NULL);
	char **gargv = argv + prog + skip;
	if (o.argv0)
		gargv[0] = (char *)o.argv0;
	struct stack_params sp = {
		.top = arch->stack_top, .size = o.stack_size,
		.exec = img.exec_stack, .prot_implied = arch->elf->prot_implied,
		.argc = argc - prog - skip, .argv = gargv, .envp = e->v, .execfn = path,
		.platform = arch->platform, .base_platform = arch->base_platform, .has_hwcap2 = arch->has_hwcap2,
		.hwcap = arch->hwcap, .hwcap2 = arch->hwcap2,
		.clktck = 100, .pagesz = GPAGE_SIZE,
		.uid = getuid(), .euid = geteuid(), .gid = getgid(), .egid = getegid(),
		.secure = getauxval(AT_SECURE) || getuid() != geteuid() || getgid() != getegid(),
		.base = interp_base, .entry = img.entry, .prog = &img, .word_bytes = arch->word_bits / 8,
	};
	uint64_t stack = choice->freebsd ? fbsd_stack_build(p, &sp, fbsd_arch_of(p)->ps_strings)
					 : stack_build(&p->mem, &sp);
	if (stack == 0) {
		fprintf(stderr, "mimic: %s: arguments and environment do not fit on the stack\n", path);
		return 1;
	}
	p->initial_sp = stack;
	proc_title_set(argc - prog - skip, gargv);
	if (arch->start(p, entry, stack) != 0) {
		fprintf(stderr, "mimic: cannot start the process\n");
		return 1;
	}
	linux_signal_init(p);
	arch->run(p);
}
