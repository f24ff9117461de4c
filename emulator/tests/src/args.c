/* Prints its arguments, argv[0] included, as the binfmt_misc test checks
 * them. */
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	return 0;
}
