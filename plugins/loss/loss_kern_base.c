/* SPDX-License-Identifier: MIT */
/* The landscape column kernel for any CPU (two doubles a step on x86-64). */
#define LV_BYTES 16
#define LK_NAME lk_column_base
#include "loss_kern.h"
