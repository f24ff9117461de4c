/* What a guest runner reports about the machine it runs on. */
#ifndef MIMIC_GUEST_DESCRIBE_H
#define MIMIC_GUEST_DESCRIBE_H

/* Sends uname-r, uname-v, uname-m and cpuinfo records (needs /proc). */
void describe_guest(void);

#endif
