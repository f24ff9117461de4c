/* Signal and si_code names for the ISA transcripts, shared by every
 * target's runtime (suites/isa/common/signames.c). */
#ifndef ISA_SIGNAMES_H
#define ISA_SIGNAMES_H

#include <stddef.h>

/* The signals a runtime catches, 0-terminated. */
extern const int isa_signals[];

/* "sig=SIGxxx code=CODE" */
void sig_describe(char *buf, size_t cap, int sig, int code);

#endif
