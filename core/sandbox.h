/* SPDX-License-Identifier: MIT */
/* Kernel limits a worker process applies to itself (stub until merged). */
#ifndef NNT_SANDBOX_H
#define NNT_SANDBOX_H

#include <stddef.h>

int sandbox_limit_memory(size_t cap, char *err, size_t n);
int sandbox_lock_down(char *err, size_t n);

#endif
