/* A freestanding FreeBSD/armv6-ABI program that checks the ARMv7-A and
 * VFPv3 instructions of a CPU that has them (mimic: -cpu armv7). Each
 * check runs one instruction (inline assembly, .arch armv7-a) and
 * compares it with what the ARMv7-A/R Architecture Reference Manual's
 * pseudocode gives, computed here in C, which is compiled for ARMv6 and
 * so never uses the instructions under test; or with a C constant (VMOV
 * immediate). It prints "<check> ok" or the values that differ. No
 * guest baseline: the raspi0 guest's ARM1176 has none of these.
 *   fbsd_armv7 isa      the checks
 *   fbsd_armv7 hwcap    AT_HWCAP's VFPv3 and VFPD32 bits
 *   fbsd_armv7 thumb2   runs a 32-bit Thumb-2 instruction (nop.w) */
typedef unsigned int u32;
typedef unsigned long long u64;

long sys6(long a0, long a1, long a2, long a3, long a4, long a5, long nr);

#define SYS_write 4

static unsigned long len(const char *s)
{
	unsigned long n = 0;
	while (s[n])
		n++;
	return n;
}

static void out(const char *s) { sys6(1, (long)s, (long)len(s), 0, 0, 0, SYS_write); }

static void out_hex(u64 v)
{
	char b[20], *p = b + sizeof b - 1;
	*p = '\0';
	do
		*--p = "0123456789abcdef"[v & 15];
	while (v >>= 4);
	*--p = 'x';
	*--p = '0';
	out(p);
}

static int failures;

static void check(const char *name, u64 got, u64 want)
{
	out(name);
	if (got == want) {
		out(" ok\n");
		return;
	}
	failures++;
	out(" got ");
	out_hex(got);
	out(" want ");
	out_hex(want);
	out("\n");
}

#define V7(insns) ".arch armv7-a\n.fpu vfpv3\n" insns "\n.arch armv6\n.fpu vfpv2\n"

/* Reference semantics (ARM ARM A8.8). */
static u32 ref_bfi(u32 d, u32 n, unsigned lsb, unsigned width)
{
	u32 mask = (width == 32 ? 0xffffffffu : ((1u << width) - 1)) << lsb;
	return (d & ~mask) | ((n << lsb) & mask);
}

static u32 ref_ubfx(u32 n, unsigned lsb, unsigned width)
{
	u32 v = n >> lsb;
	return width == 32 ? v : v & ((1u << width) - 1);
}

static u32 ref_sbfx(u32 n, unsigned lsb, unsigned width)
{
	u32 v = ref_ubfx(n, lsb, width), sign = 1u << (width - 1);
	return (v ^ sign) - sign;
}

static u32 ref_rbit(u32 x)
{
	u32 r = 0;
	for (int i = 0; i < 32; i++)
		if (x & (1u << i))
			r |= 1u << (31 - i);
	return r;
}

static u64 bits_d(double d)
{
	union { double d; u64 u; } x = { .d = d };
	return x.u;
}

static u32 bits_f(float f)
{
	union { float f; u32 u; } x = { .f = f };
	return x.u;
}

static const u32 inputs[] = { 0x00000000u, 0xffffffffu, 0x12345678u, 0x80000001u, 0xdeadbeefu, 0x7f00ff00u };
#define NIN (sizeof inputs / sizeof inputs[0])

static void integer(void)
{
	u32 r;
	__asm__(V7("movw %0, #0x1234\nmovt %0, #0xabcd") : "=r"(r));
	check("movw movt", r, 0xabcd1234u);
	r = 0x55667788u;
	__asm__(V7("movt %0, #0xfffe") : "+r"(r));
	check("movt keeps the low half", r, 0xfffe7788u);
	__asm__(V7("movw %0, #0xffff") : "=r"(r));
	check("movw zero-extends", r, 0xffffu);
	for (unsigned i = 0; i < NIN; i++) {
		u32 a = inputs[i], b = inputs[(i + 2) % NIN], c = inputs[(i + 3) % NIN], x;
		x = a;
		__asm__(V7("bfi %0, %1, #4, #8") : "+r"(x) : "r"(b));
		check("bfi #4 #8", x, ref_bfi(a, b, 4, 8));
		x = a;
		__asm__(V7("bfi %0, %1, #0, #32") : "+r"(x) : "r"(b));
		check("bfi #0 #32", x, ref_bfi(a, b, 0, 32));
		x = a;
		__asm__(V7("bfi %0, %1, #31, #1") : "+r"(x) : "r"(b));
		check("bfi #31 #1", x, ref_bfi(a, b, 31, 1));
		x = a;
		__asm__(V7("bfc %0, #8, #16") : "+r"(x));
		check("bfc #8 #16", x, ref_bfi(a, 0, 8, 16));
		__asm__(V7("ubfx %0, %1, #3, #7") : "=r"(x) : "r"(a));
		check("ubfx #3 #7", x, ref_ubfx(a, 3, 7));
		__asm__(V7("ubfx %0, %1, #0, #32") : "=r"(x) : "r"(a));
		check("ubfx #0 #32", x, ref_ubfx(a, 0, 32));
		__asm__(V7("sbfx %0, %1, #28, #4") : "=r"(x) : "r"(a));
		check("sbfx #28 #4", x, ref_sbfx(a, 28, 4));
		__asm__(V7("sbfx %0, %1, #5, #1") : "=r"(x) : "r"(a));
		check("sbfx #5 #1", x, ref_sbfx(a, 5, 1));
		__asm__(V7("rbit %0, %1") : "=r"(x) : "r"(a));
		check("rbit", x, ref_rbit(a));
		__asm__(V7("mls %0, %1, %2, %3") : "=r"(x) : "r"(a), "r"(b), "r"(c));
		check("mls", x, c - a * b);
	}
	/* Barriers and PLI: no architectural effect to see, they must run. */
	__asm__ volatile(V7("dmb ish\ndsb sy\nisb sy\ndmb\npli [sp]\npli [sp, #-64]") ::: "memory");
	check("dmb dsb isb pli", 1, 1);
}

static void vmov_imm(void)
{
	u64 d;
	u32 s;
	__asm__(V7("vmov.f64 d0, #1.0\nvmov %Q0, %R0, d0") : "=r"(d) :: "d0");
	check("vmov.f64 #1.0", d, bits_d(1.0));
	__asm__(V7("vmov.f64 d0, #-2.5\nvmov %Q0, %R0, d0") : "=r"(d) :: "d0");
	check("vmov.f64 #-2.5", d, bits_d(-2.5));
	__asm__(V7("vmov.f64 d0, #0.125\nvmov %Q0, %R0, d0") : "=r"(d) :: "d0");
	check("vmov.f64 #0.125", d, bits_d(0.125));
	__asm__(V7("vmov.f64 d0, #31.0\nvmov %Q0, %R0, d0") : "=r"(d) :: "d0");
	check("vmov.f64 #31.0", d, bits_d(31.0));
	__asm__(V7("vmov.f32 s0, #0.5\nvmov %0, s0") : "=r"(s) :: "s0");
	check("vmov.f32 #0.5", s, bits_f(0.5f));
	__asm__(V7("vmov.f32 s0, #-15.5\nvmov %0, s0") : "=r"(s) :: "s0");
	check("vmov.f32 #-15.5", s, bits_f(-15.5f));
}

/* FPSCR with the cumulative flags cleared first; IOC is bit 0. */
#define FPSCR_CLEAR "vmrs r12, fpscr\nbic r12, r12, #0x9f\nvmsr fpscr, r12\n"

static void fixed_point(void)
{
	u64 d;
	u32 s, fpscr;
	double in = 1.5;
	__asm__(V7(FPSCR_CLEAR "vmov d0, %Q2, %R2\nvcvt.s32.f64 d0, d0, #16\nvmov %Q0, %R0, d0\nvmrs %1, fpscr")
		: "=r"(d), "=r"(fpscr) : "r"(bits_d(in)) : "d0", "r12");
	check("vcvt.s32.f64 #16 of 1.5", d, 0x18000u);
	check("  exact: no IOC, no IXC", fpscr & 0x11, 0);
	in = -1.2;
	__asm__(V7(FPSCR_CLEAR "vmov d0, %Q2, %R2\nvcvt.s32.f64 d0, d0, #16\nvmov %Q0, %R0, d0\nvmrs %1, fpscr")
		: "=r"(d), "=r"(fpscr) : "r"(bits_d(in)) : "d0", "r12");
	/* FPToFixed rounds towards zero; a negative result is sign-extended
	 * to 64 bits in a D register. */
	check("vcvt.s32.f64 #16 of -1.2", d, (u64)(long long)(int)(-1.2 * 65536.0));
	check("  inexact: IXC", fpscr & 0x11, 0x10);
	in = 40000.0;
	__asm__(V7(FPSCR_CLEAR "vmov d0, %Q2, %R2\nvcvt.s32.f64 d0, d0, #16\nvmov %Q0, %R0, d0\nvmrs %1, fpscr")
		: "=r"(d), "=r"(fpscr) : "r"(bits_d(in)) : "d0", "r12");
	check("vcvt.s32.f64 #16 of 40000 saturates", d, 0x7fffffffu);
	check("  IOC", fpscr & 0x11, 1);
	__asm__(V7("vmov d0, %Q1, %R1\nvcvt.f64.s32 d0, d0, #16\nvmov %Q0, %R0, d0")
		: "=r"(d) : "r"((u64)0xfffe8000u) : "d0");
	check("vcvt.f64.s32 #16 of -0x18000", d, bits_d(-1.5));
	float f = 3.75f;
	__asm__(V7(FPSCR_CLEAR "vmov s0, %2\nvcvt.u16.f32 s0, s0, #8\nvmov %0, s0\nvmrs %1, fpscr")
		: "=r"(s), "=r"(fpscr) : "r"(bits_f(f)) : "s0", "r12");
	check("vcvt.u16.f32 #8 of 3.75", s, 960);
	f = 300.0f;
	__asm__(V7(FPSCR_CLEAR "vmov s0, %2\nvcvt.u16.f32 s0, s0, #8\nvmov %0, s0\nvmrs %1, fpscr")
		: "=r"(s), "=r"(fpscr) : "r"(bits_f(f)) : "s0", "r12");
	check("vcvt.u16.f32 #8 of 300 saturates", s, 0xffff);
	check("  IOC", fpscr & 1, 1);
	f = -2.0f;
	__asm__(V7("vmov s0, %1\nvcvt.s16.f32 s0, s0, #1\nvmov %0, s0") : "=r"(s) : "r"(bits_f(f)) : "s0");
	check("vcvt.s16.f32 #1 of -2 sign-extends", s, 0xfffffffcu);
	__asm__(V7("vmov s0, %1\nvcvt.f32.s16 s0, s0, #8\nvmov %0, s0") : "=r"(s) : "r"(0x12348000u) : "s0");
	check("vcvt.f32.s16 #8 of 0x8000 (low half)", s, bits_f(-128.0f));
	__asm__(V7("vmov s0, %1\nvcvt.f32.u32 s0, s0, #32\nvmov %0, s0") : "=r"(s) : "r"(0x80000000u) : "s0");
	check("vcvt.f32.u32 #32 of 2^31", s, bits_f(0.5f));
}

/* D16-D31 of VFPv3-D32: transfers, arithmetic, loads and stores. */
static void d32(void)
{
	u64 a = bits_d(2.25), b = bits_d(-0.75), r, m[2] = { bits_d(8.0), 0 };
	__asm__(V7("vmov d20, %Q1, %R1\nvmov d31, %Q2, %R2\nvadd.f64 d16, d20, d31\nvmov %Q0, %R0, d16")
		: "=r"(r) : "r"(a), "r"(b) : "d16", "d20", "d31");
	check("vadd.f64 d16, d20, d31", r, bits_d(1.5));
	__asm__(V7("vldr d25, [%1]\nvmul.f64 d26, d25, d25\nvstr d26, [%1, #8]")
		:: "r"(m), "r"(m) : "d25", "d26", "memory");
	check("vldr d25, vmul, vstr d26", m[1], bits_d(64.0));
	__asm__(V7("vmov.f64 d17, #3.0\nvmov.f64 d18, #2.0\nvpush {d16-d18}\nvmov.f64 d17, #1.0\nvpop {d16-d18}\n"
		   "vdiv.f64 d19, d17, d18\nvmov %Q0, %R0, d19")
		: "=r"(r) :: "d16", "d17", "d18", "d19", "memory");
	check("vpush/vpop d16-d18, vdiv.f64", r, bits_d(1.5));
}

#define HWCAP_VFPv3 0x2000u
#define HWCAP_VFPD32 0x80000u
#define AT_HWCAP 25

static void hwcap(long *sp)
{
	long argc = sp[0];
	long *p = sp + 1 + argc + 1;
	while (*p)
		p++;
	for (p++; p[0]; p += 2)
		if (p[0] == AT_HWCAP) {
			check("HWCAP_VFPv3", (u32)p[1] & HWCAP_VFPv3, HWCAP_VFPv3);
			check("HWCAP_VFPD32", (u32)p[1] & HWCAP_VFPD32, HWCAP_VFPD32);
			return;
		}
	check("AT_HWCAP present", 0, 1);
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int fbsd_main(long *sp)
{
	const char *mode = sp[0] > 1 ? ((const char **)sp)[2] : "";
	if (same(mode, "isa")) {
		integer();
		vmov_imm();
		fixed_point();
		d32();
	} else if (same(mode, "hwcap")) {
		hwcap(sp);
	} else if (same(mode, "thumb2")) {
		/* nop.w (0xf3af 0x8000) in Thumb state. */
		__asm__ volatile("adr r0, 1f + 1\nbx r0\n.thumb\n1: .short 0xf3af, 0x8000\nbx pc\nnop\n.arm\n"
				 ::: "r0");
		out("thumb2 ran\n");
	} else {
		out("usage: fbsd_armv7 isa|hwcap|thumb2\n");
		return 2;
	}
	return failures ? 1 : 0;
}
