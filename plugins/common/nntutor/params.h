/* SPDX-License-Identifier: MIT */
/* Parameter tables from one list: the argument positions and the
 * struct nnt_param rows of a plugin function, written once. */
#ifndef NNTUTOR_PARAMS_H
#define NNTUTOR_PARAMS_H

#include <nntutor/plugin.h>

/*
 * A function lists its parameters once, in order, as an X-macro: one row
 * P(ID, initialisers) per parameter, where ID names the argument's
 * position and the initialisers are those of its struct nnt_param.
 *
 *     #define ADD_PARAMS(P)                                             \
 *         P(ADD_A, .name = "a", .doc = "first term", .type = NNT_NUMBER,\
 *           .min = -10, .max = 10, .def = 1)                            \
 *         P(ADD_B, .name = "b", .doc = "second term",                   \
 *           .type = NNT_NUMBER, .min = -10, .max = 10, .def = 2)
 *
 *     enum { ADD_PARAMS(NNT_PARAM_ID) ADD_NPARAMS };
 *     static const struct nnt_param add_params[] = {
 *         ADD_PARAMS(NNT_PARAM_ROW)
 *     };
 *
 * The run callback then reads args[ADD_A].num and args[ADD_B].num, never
 * args[0]: a parameter added, removed or moved changes the table and the
 * positions together.  The ID prefix is the function's (ADD_), so several
 * functions' enums live side by side.
 *
 * Parameters several functions share are a list of their own that takes
 * the prefix (and any defaults that differ) and pastes the IDs:
 *
 *     #define NET_PARAMS(P, F, DEPTH)                                   \
 *         P(F##_DEPTH, .name = "depth", ..., .def = (DEPTH))            \
 *         P(F##_WIDTH, .name = "width", ...)
 *     #define TRAIN_PARAMS(P)                                           \
 *         NET_PARAMS(P, TRAIN, 3)                                       \
 *         P(TRAIN_LR, .name = "lr", ...)
 *
 * TRAIN_PARAMS(NNT_PARAM_ID) gives TRAIN_DEPTH, TRAIN_WIDTH, TRAIN_LR, and
 * code that serves every function sharing the list reads the shared
 * arguments through one enum of their own,
 * enum { NET_PARAMS(NNT_PARAM_ID, NET, 0) NET_NPARAMS }, which holds the
 * same positions as long as the shared list comes first.
 */

/*
 * Rows that mean the same in every plugin are written once here, so
 * `nntutor explore` shows them alike: P(TRAIN_LR, NNT_LR_PARAM(1e-3, 100, 1))
 * is a learning rate η that slides on a log scale.
 */
#define NNT_LR_PARAM(lo, hi, def_)                                          \
    .name = "lr", .doc = "learning rate", .label = "η",                     \
    .type = NNT_NUMBER, .flags = NNT_LOG, .min = (lo), .max = (hi),         \
    .def = (def_)

/* One row of a parameter list as an enum constant: "ID,". */
#define NNT_PARAM_ID(id, ...) id,
/* One row of a parameter list as a table entry (its size filled in):
 * "NNT_PARAM(initialisers),". */
#define NNT_PARAM_ROW(id, ...) NNT_PARAM(__VA_ARGS__),

#endif
