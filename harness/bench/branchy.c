/* Branchy benchmark workload: a small stack-machine bytecode interpreter
 * (a switch per opcode, as interpreters are written) running a program
 * that counts Collatz steps, then an LZ-style compressor's match search
 * over generated text. Prints a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, DIV2, ODD, JZ, JMP, LT, HALT };

struct insn {
	uint8_t op;
	int32_t arg;
};

static int64_t vm(const struct insn *code, int64_t *var)
{
	int64_t stack[16];
	int sp = 0;
	for (int pc = 0;;) {
		const struct insn *i = &code[pc++];
		switch (i->op) {
		case PUSH: stack[sp++] = i->arg; break;
		case LOAD: stack[sp++] = var[i->arg]; break;
		case STORE: var[i->arg] = stack[--sp]; break;
		case ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
		case DIV2: stack[sp - 1] /= 2; break;
		case ODD: stack[sp - 1] &= 1; break;
		case JZ: if (stack[--sp] == 0) pc = i->arg; break;
		case JMP: pc = i->arg; break;
		case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
		default: return var[0];
		}
	}
}

/* Total Collatz steps of every n below var3: var0 = steps, var1 = n,
 * var2 = x. */
static const struct insn collatz[] = {
	/* 0 */ { LOAD, 1 }, { LOAD, 3 }, { LT, 0 }, { JZ, 32 },
	/* 4 */ { LOAD, 1 }, { STORE, 2 },
	/* 6: while x != 1 */ { LOAD, 2 }, { PUSH, 1 }, { SUB, 0 }, { JZ, 27 },
	/* 10 */ { LOAD, 2 }, { ODD, 0 }, { JZ, 19 },
	/* 13: x = 3x + 1 */ { LOAD, 2 }, { PUSH, 3 }, { MUL, 0 }, { PUSH, 1 }, { ADD, 0 }, { JMP, 21 },
	/* 19: x = x / 2 */ { LOAD, 2 }, { DIV2, 0 },
	/* 21 */ { STORE, 2 }, { LOAD, 0 }, { PUSH, 1 }, { ADD, 0 }, { STORE, 0 }, { JMP, 6 },
	/* 27: next n */ { LOAD, 1 }, { PUSH, 1 }, { ADD, 0 }, { STORE, 1 }, { JMP, 0 },
	/* 32 */ { HALT, 0 },
};

static uint32_t lz_matches(unsigned n)
{
	unsigned char *t = malloc(n);
	uint32_t s = 99;
	for (unsigned i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		t[i] = "abcdefgh  \n.,"[(s >> 16) % 13];
	}
	enum { WINDOW = 64, MIN = 3 };
	uint32_t total = 0;
	for (unsigned i = WINDOW; i < n;) {
		unsigned best = 0;
		for (unsigned j = i - WINDOW; j < i; j++) {
			unsigned l = 0;
			while (i + l < n && l < 32 && t[j + l] == t[i + l])
				l++;
			if (l > best)
				best = l;
		}
		total += best;
		i += best >= MIN ? best : 1;
	}
	free(t);
	return total;
}

int main(void)
{
	int64_t var[4] = { 0, 1, 0, 15000 };
	int64_t steps = vm(collatz, var);
	uint32_t m = lz_matches(100000);
	printf("collatz %lld lz %u\n", (long long)steps, (unsigned)m);
	return 0;
}
