/* SPDX-License-Identifier: MIT */
/* The landscape column kernel for AVX2, four doubles a step: the same
 * bits as the base kernel, only faster. */
#include "loss_net.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <stdint.h>
#include <string.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), \
                             apply_to = function)
#else
#pragma GCC target("avx2")
#endif
#define LV_BYTES 32
#define LK_NAME lk_column_avx2
#include "loss_kern.h"
#if defined(__clang__)
#pragma clang attribute pop
#endif

#else
/* Fills k->acc with the base kernel: this CPU family has no avx2. */
void lk_column_avx2(const struct lk_column *k)
{
    lk_column_base(k);
}
#endif
