/* A freestanding program whose GNU ABI tag (the note glibc's crt1 gives
 * every Linux program, here with OS 1) names GNU/Hurd: mimic must refuse
 * it by that note. It is never run. */
struct abi_tag {
	unsigned namesz, descsz, type;
	char name[4];
	unsigned os, major, minor, patch;
};

__attribute__((section(".note.ABI-tag"), aligned(4), used))
static const struct abi_tag tag = { 4, 16, 1, "GNU", 1, 0, 5, 0 };

void _start(void)
{
	for (;;)
		;
}
