/* SPDX-License-Identifier: MIT */
/* Where things live: source tree or install, user dirs, search paths. */
#ifndef NNT_PATHS_H
#define NNT_PATHS_H

#include <stddef.h>

struct paths {
    char *root;                 /* source tree root, or NULL if installed */
    char *lua_dir;              /* lua/ (holds nnt/NAME.lua) */
    char *plugin_dir;           /* built-in plugins */
    char **lesson_dirs;         /* search order: NNTUTOR_PATH, XDG, built-in */
    int nlesson_dirs;
    char *state_dir;            /* $XDG_STATE_HOME/nntutor */
    char *work_dir;             /* $XDG_DATA_HOME/nntutor/work: the
                                   student's exercise files */
};

/* Finds the directories for this executable.  Returns 0, or -1 when the
 * built-in lua/ directory is missing (with a reason in err). */
int paths_init(struct paths *p, char *err, size_t n);
/* Frees the strings. */
void paths_free(struct paths *p);
/* Returns the malloc'd path of lesson id (ID.lua in the first lesson dir
 * that has it), or NULL. */
char *paths_find_lesson(const struct paths *p, const char *id);
/* Returns the number of lessons found and a malloc'd, sorted list of their
 * paths in *out (the first of each file name wins). */
int paths_list_lessons(const struct paths *p, char ***out);
/* Progress is kept by lesson id, so an id must lead to one file.  A
 * lesson file in a lesson directory is named after its id (ID.lua; the
 * first file of a name wins), and a file run from elsewhere may not
 * declare the id of a lesson on the path. */
/* Returns 0 if file, a lesson on the lesson path, is named ID.lua for
 * the id it declares; or -1 with a reason naming the file and both
 * names in err. */
int paths_check_name(const char *file, const char *id, char *err, size_t n);
/* Returns 0 if the lesson file may run under the id it declares: on the
 * lesson path it is named after id and is the first of that name;
 * elsewhere, id is not the id of a lesson on the path (the same file
 * reached another way is fine).  Otherwise -1 with a reason naming both
 * files in err. */
int paths_check_id(const struct paths *p, const char *file, const char *id,
                   char *err, size_t n);
/* Returns a malloc'd note "FILE shadows OTHER[, OTHER and OTHER]" when
 * lesson directories later in the search order hold files of the same
 * name as file (the first of a name wins), or NULL. */
char *paths_shadow_note(const struct paths *p, const char *file);
/* Returns 1 if arg names a lesson file rather than an id. */
int paths_is_file_arg(const char *arg);

#endif
