/* SPDX-License-Identifier: MIT */
/* A student's exercise code, run apart from the lesson that checks it. */
#ifndef NNT_STUDENT_H
#define NNT_STUDENT_H

#include <lua.h>

#define STUDENT_CPU_LIMIT 5     /* CPU seconds per check */

/* Adds H.student and H.student_reset to the host table on top of L. */
void student_open(lua_State *L);

#endif
