/* SPDX-License-Identifier: MIT */
/* nntutor new: skeletons of a lesson and of a plugin to start from. */
#ifndef NNT_NEW_H
#define NNT_NEW_H

/* Writes the skeleton that args name ("lesson ID" or "plugin NAME") into
 * dir (NULL: the current directory), never over an existing file;
 * src_root is the source tree (for a plugin built without pkg-config) or
 * NULL.  Returns the exit status (2: usage, 1: could not write). */
int new_run(int nargs, char **args, const char *dir, const char *src_root);

#endif
