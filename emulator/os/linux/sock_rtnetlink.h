/* rtnetlink payloads in a big-endian guest's byte order (sock_rtnetlink.c). */
#ifndef MIMIC_SOCK_RTNETLINK_H
#define MIMIC_SOCK_RTNETLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Swaps the integers of a message of the given type's payload (len bytes:
 * the fixed header and the attributes), to the guest's order or from it. */
void rtnetlink_payload(uint16_t type, uint8_t *p, size_t len, bool to_guest);
/* Swaps an NLMSG_ERROR's extended acknowledgement attributes (len bytes)
 * into the guest's order. */
void rtnetlink_ack(uint8_t *p, size_t len);

#endif
