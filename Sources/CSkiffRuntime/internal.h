#ifndef SKIFF_INTERNAL_H
#define SKIFF_INTERNAL_H
/* Helpers usable between clone() and execve(): raw syscalls and stack buffers only. */
#define _GNU_SOURCE 1
#define SKIFF_C_INTERNAL 1
#include <stddef.h>
#include <sys/types.h>
#include "skiff_runtime.h"

#define SKIFF_PATH 4096
#define SKIFF_MSG 512

size_t sk_len(const char *s);
/* Appends `s` to `buf` (capacity cap); returns 0, or -1 when it does not fit. */
int sk_cat(char *buf, size_t cap, const char *s);
int sk_cpy(char *buf, size_t cap, const char *s);
/* Decimal text of v appended to buf. */
int sk_cat_long(char *buf, size_t cap, long long v);
int sk_write_all(int fd, const void *data, size_t n);
/* Forked copy of the process without glibc's fork handlers: returns 0 in the child. */
pid_t sk_clone(unsigned long flags);
/* Closes every descriptor >= 3 except those listed. */
void sk_close_except(const int *keep, int nkeep);
/* Writes "E<step>[ <arg>]: <ERRNO>" to fd as one message. */
void sk_report(int fd, const char *step, const char *arg, int err);
/* Reports and exits the child with status 1. */
void sk_fail(int fd, const char *step, const char *arg, int err) __attribute__((noreturn));

/* A pid namespace can only be entered by the children of a thread: the creating thread joins
 * the spec's pid namespace (`*saved` gets its own back) before cloning the init. Returns 0
 * (nothing to do or joined) or -1 with errno and *step set. */
int sk_enter_pid_ns(const struct skiff_plan *p, int *saved, const char **step);
void sk_leave_pid_ns(int saved);

/* The child side: everything from the first syscall after clone up to execve. */
void sk_child_main(const struct skiff_plan *p, int errfd) __attribute__((noreturn));

#endif
