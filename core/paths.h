/* SPDX-License-Identifier: MIT */
/* Where things live: source tree or install, user dirs, search paths. */
#ifndef NNT_PATHS_H
#define NNT_PATHS_H

struct paths {
    char *root;                 /* source tree root, or NULL if installed */
    char *lua_dir;              /* lua/ (holds nnt/NAME.lua) */
    char *plugin_dir;           /* built-in plugins */
    char **lesson_dirs;         /* search order: NNTUTOR_PATH, XDG, built-in */
    int nlesson_dirs;
    char *state_dir;            /* $XDG_STATE_HOME/nntutor */
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
/* Returns 1 if arg names a lesson file rather than an id. */
int paths_is_file_arg(const char *arg);

#endif
