/* SPDX-License-Identifier: MIT */
/* Kernel limits a worker process applies to itself (stub until merged). */
#include "sandbox.h"

int sandbox_limit_memory(size_t cap, char *err, size_t n)
{
    (void)cap, (void)err, (void)n;
    return 0;
}

int sandbox_lock_down(char *err, size_t n)
{
    (void)err, (void)n;
    return 0;
}
