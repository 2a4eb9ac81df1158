/* SPDX-License-Identifier: MIT */
/* The kernel-enforced limits a lesson worker puts on itself. */
#ifndef NNT_SANDBOX_H
#define NNT_SANDBOX_H

#include <stddef.h>

/* The environment variable that, set to exactly "1", makes
 * sandbox_lock_down install nothing (for debugging with gdb, strace or a
 * symbolizing ASan; never for students). */
#define SANDBOX_NO_SECCOMP_ENV "NNTUTOR_NO_SECCOMP"

/* Caps this process's private writable memory (RLIMIT_DATA: heap, anonymous
 * mmaps, thread stacks) at cap bytes more than it uses now, so the cap also
 * holds under AddressSanitizer, whose shadow is already mapped; also turns
 * off core dumps (RLIMIT_CORE 0), makes writes to regular files fail with
 * EFBIG (RLIMIT_FSIZE 0, SIGXFSZ ignored; pipes, terminals and /dev/null
 * are not affected) and keeps the main stack to at most 8 MiB.  Each limit
 * is set hard, so the process cannot raise it again.  Call it once in the
 * worker before sandbox_lock_down (it reads /proc/self/status).  Returns 0,
 * or -1 with the reason in err. */
int sandbox_limit_memory(size_t cap, char *err, size_t n);

/* Installs the worker's seccomp filter (and PR_SET_NO_NEW_PRIVS) on every
 * thread of the process: from then on it can compute, allocate, use its
 * threads and signals, and read and write the descriptors it already has,
 * but every other system call (open, exec, fork, socket, ioctl, kill of
 * another process...) fails with EPERM.  Call it after everything the
 * worker needs from the file system is loaded.  Returns 0 once the filter
 * is in force, 1 if NNTUTOR_NO_SECCOMP=1 asked for none (err says so), or
 * -1 with the reason in err. */
int sandbox_lock_down(char *err, size_t n);

#endif
