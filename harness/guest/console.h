/* The runner's side of the console protocol harness/split reads.
 *
 * Every record is a line starting with "@@mimic ". A record that carries
 * bytes ends with their count; exactly that many bytes follow the line, then
 * one '\n'. Counting bytes keeps the program's output verbatim whatever it
 * contains, and kernel messages cannot be mistaken for it. */
#ifndef MIMIC_GUEST_CONSOLE_H
#define MIMIC_GUEST_CONSOLE_H

#include <stddef.h>

/* Turns off output processing on the console so bytes pass unchanged. */
void console_raw(void);

/* Writes one record line: "@@mimic " then the formatted text then '\n'. */
void console_record(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Writes the record "@@mimic <head> <size>" followed by the file's bytes. */
void console_file(const char *head, const char *path);

/* Waits until every byte has left the console. */
void console_drain(void);

#endif
