/* Netlink messages between a guest and the host kernel (sock_netlink.c). */
#ifndef MIMIC_SOCK_NETLINK_H
#define MIMIC_SOCK_NETLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "os/linux/linux.h"

/* Whether fd is a netlink socket whose messages this guest needs
 * converted (a big-endian guest, or an ABI with errno values of its own). */
bool netlink_converts(const struct linux_proc *p, int fd);
/* Guest messages (len bytes) for socket fd into host order before they
 * are sent. */
void netlink_in(const struct linux_proc *p, int fd, uint8_t *buf, size_t len);
/* Received host messages (len bytes) into the guest's order and errno. */
void netlink_out(const struct linux_proc *p, int fd, uint8_t *buf, size_t len);

#endif
