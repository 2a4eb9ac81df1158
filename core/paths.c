/* SPDX-License-Identifier: MIT */
/* Finds the source tree or install dirs and the lesson search path. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"
#include "paths.h"
#include "util.h"

/* Returns the directory of the running executable (malloc'd), or NULL. */
static char *exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    char *slash;

    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return xstrdup(buf);
}

/* Returns $name/sub or $HOME/fallback/sub (malloc'd), or NULL. */
static char *xdg_dir(const char *name, const char *fallback, const char *sub)
{
    const char *v = getenv(name), *home = getenv("HOME");

    if (v && v[0] == '/')
        return xasprintf("%s/%s", v, sub);
    if (home && *home)
        return xasprintf("%s/%s/%s", home, fallback, sub);
    return NULL;
}

/* Appends a copy of dir to the lesson search path. */
static void add_dir(struct paths *p, const char *dir)
{
    p->lesson_dirs = xrealloc(p->lesson_dirs, sizeof(char *) *
                              (size_t)(p->nlesson_dirs + 1));
    p->lesson_dirs[p->nlesson_dirs++] = xstrdup(dir);
}

int paths_init(struct paths *p, char *err, size_t n)
{
    char *dir = exe_dir(), *x, *data;
    const char *env = getenv("NNTUTOR_PATH");

    memset(p, 0, sizeof *p);
    if (dir) {
        char *lessons = xasprintf("%s/../lessons", dir);
        char *lua = xasprintf("%s/../lua/nnt/lesson.lua", dir);
        if (is_dir(lessons) && is_file(lua)) {  /* running from the tree */
            char *r = realpath(lessons, NULL);
            if (r) {
                *strrchr(r, '/') = '\0';
                p->root = r;
            }
        }
        free(lessons);
        free(lua);
    }
    if (p->root) {
        p->lua_dir = xasprintf("%s/lua", p->root);
        p->plugin_dir = xasprintf("%s/plugins", dir);
        data = xstrdup(p->root);
    } else {
        /* an install is relocatable: PREFIX/bin/../share/nntutor */
        char *rel = dir ? xasprintf("%s/../share/nntutor", dir) : NULL;
        char *lua = rel ? xasprintf("%s/lua/nnt/lesson.lua", rel) : NULL;
        if (lua && is_file(lua)) {
            data = rel;
            p->plugin_dir = xasprintf("%s/../lib/nntutor/plugins", dir);
        } else {
            free(rel);
            data = xstrdup(NNT_DATA_DIR);
            p->plugin_dir = xstrdup(NNT_PLUGIN_DIR);
        }
        free(lua);
        p->lua_dir = xasprintf("%s/lua", data);
    }
    free(dir);
    if (env) {
        char *copy = xstrdup(env), *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d;
             d = strtok_r(NULL, ":", &save))
            add_dir(p, d);
        free(copy);
    }
    x = xdg_dir("XDG_DATA_HOME", ".local/share", "nntutor/lessons");
    if (x)
        add_dir(p, x);
    free(x);
    x = xasprintf("%s/lessons", data);
    add_dir(p, x);
    free(x);
    free(data);
    p->state_dir = xdg_dir("XDG_STATE_HOME", ".local/state", "nntutor");
    p->work_dir = xdg_dir("XDG_DATA_HOME", ".local/share", "nntutor/work");
    x = xasprintf("%s/nnt/lesson.lua", p->lua_dir);
    if (!is_file(x)) {
        snprintf(err, n, "cannot find the Lua half of the API (%s); is "
                 "nntutor installed?", x);
        free(x);
        return -1;
    }
    free(x);
    return 0;
}

void paths_free(struct paths *p)
{
    free(p->work_dir);
    free(p->root);
    free(p->lua_dir);
    free(p->plugin_dir);
    for (int i = 0; i < p->nlesson_dirs; i++)
        free(p->lesson_dirs[i]);
    free(p->lesson_dirs);
    free(p->state_dir);
    memset(p, 0, sizeof *p);
}

int paths_is_file_arg(const char *arg)
{
    size_t n = strlen(arg);
    return strchr(arg, '/') || (n > 4 && strcmp(arg + n - 4, ".lua") == 0);
}

char *paths_find_lesson(const struct paths *p, const char *id)
{
    for (const char *c = id; *c; c++)
        if (!(*c == '_' || *c == '-' || (*c >= '0' && *c <= '9') ||
              (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
            return NULL;
    for (int i = 0; i < p->nlesson_dirs; i++) {
        char *f = xasprintf("%s/%s.lua", p->lesson_dirs[i], id);
        if (is_file(f))
            return f;
        free(f);
    }
    return NULL;
}

/* qsort comparator on the file names of two paths. */
static int by_name(const void *a, const void *b)
{
    const char *x = strrchr(*(char *const *)a, '/');
    const char *y = strrchr(*(char *const *)b, '/');
    return strcmp(x, y);
}

int paths_list_lessons(const struct paths *p, char ***out)
{
    char **list = NULL;
    int n = 0;

    for (int i = 0; i < p->nlesson_dirs; i++) {
        DIR *d = opendir(p->lesson_dirs[i]);
        struct dirent *e;

        if (!d)
            continue;
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            int dup = 0;
            char *f;

            if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0 ||
                e->d_name[0] == '.')
                continue;
            for (int j = 0; j < n && !dup; j++)
                dup = strcmp(strrchr(list[j], '/') + 1, e->d_name) == 0;
            f = xasprintf("%s/%s", p->lesson_dirs[i], e->d_name);
            if (dup || !is_file(f)) {
                free(f);
                continue;
            }
            list = xrealloc(list, sizeof *list * (size_t)(n + 1));
            list[n++] = f;
        }
        closedir(d);
    }
    if (n > 1)
        qsort(list, (size_t)n, sizeof *list, by_name);
    *out = list;
    return n;
}

/* Returns a malloc'd copy of s with control characters made visible
 * (out_visible): names from lessons and directories go into messages. */
static char *safe(const char *s)
{
    return out_visible(s);
}

/* Returns 1 if a and b name the same existing file (or directory). */
static int same_file(const char *a, const char *b)
{
    struct stat x, y;

    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev
           && x.st_ino == y.st_ino;
}

/* Returns 1 if file's directory entry lies in a lesson directory. */
static int on_lesson_path(const struct paths *p, const char *file)
{
    const char *slash = strrchr(file, '/');
    char *dir = slash ? xasprintf("%.*s", (int)(slash - file + 1), file)
                      : xstrdup(".");
    int on = 0;

    for (int i = 0; i < p->nlesson_dirs && !on; i++)
        on = same_file(dir, p->lesson_dirs[i]);
    free(dir);
    return on;
}

/* Returns the malloc'd, printable stem of file's name (a/b.lua: b). */
static char *stem(const char *file)
{
    const char *base = strrchr(file, '/');
    size_t n;
    char *s, *out;

    base = base ? base + 1 : file;
    n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".lua") == 0)
        n -= 4;
    s = xasprintf("%.*s", (int)n, base);
    out = safe(s);
    free(s);
    return out;
}

/* Returns 1 if file is named ID.lua for id. */
static int named_after(const char *file, const char *id)
{
    const char *base = strrchr(file, '/');
    size_t n = strlen(id);

    base = base ? base + 1 : file;
    return strncmp(base, id, n) == 0 && strcmp(base + n, ".lua") == 0;
}

/* Returns -1 after saying in err that file declares id, which owner (if
 * any) has; on_path says which rule it breaks. */
static int refuse(const char *file, const char *id, const char *owner,
                  int on_path, char *err, size_t n)
{
    char *f = safe(file), *i = safe(id), *o = owner ? safe(owner) : NULL;
    char *s = stem(file), *whose = o ? xasprintf(", which belongs to %s", o)
                                     : xstrdup("");

    if (on_path)
        seterr(err, n, "%s declares the id '%s'%s: a lesson on the lesson "
               "path must declare the id of its file name ('%s'), since "
               "progress is kept by id", f, i, whose, s);
    else
        seterr(err, n, "%s declares the id '%s'%s: give the lesson an id "
               "of its own, since progress is kept by id", f, i, whose);
    free(whose);
    free(s);
    free(o);
    free(i);
    free(f);
    return -1;
}

int paths_check_name(const char *file, const char *id, char *err, size_t n)
{
    return named_after(file, id) ? 0 : refuse(file, id, NULL, 1, err, n);
}

int paths_check_id(const struct paths *p, const char *file, const char *id,
                   char *err, size_t n)
{
    char *owner = paths_find_lesson(p, id);
    int on_path = on_lesson_path(p, file), named = named_after(file, id);

    if (owner && same_file(owner, file)) {
        free(owner);
        owner = NULL;                   /* the same file: no one else's */
    }
    if (!owner)
        return on_path && !named ? refuse(file, id, NULL, 1, err, n) : 0;
    if (on_path && named) {
        char *f = safe(file), *o = safe(owner), *i = safe(id);
        seterr(err, n, "%s is shadowed by %s: the first %s.lua on the "
               "lesson path wins (nntutor list shows which)", f, o, i);
        free(i);
        free(o);
        free(f);
    } else {
        refuse(file, id, owner, on_path, err, n);
    }
    free(owner);
    return -1;
}

char *paths_shadow_note(const struct paths *p, const char *file)
{
    const char *base = strrchr(file, '/');
    char **seen = NULL, *note = NULL;
    int nseen = 0;

    base = base ? base + 1 : file;
    for (int i = 0; i < p->nlesson_dirs; i++) {
        char *other = xasprintf("%s/%s", p->lesson_dirs[i], base);
        int dup = !is_file(other) || same_file(other, file);

        for (int j = 0; j < nseen && !dup; j++)
            dup = same_file(other, seen[j]);
        if (dup) {
            free(other);
            continue;
        }
        seen = xrealloc(seen, sizeof *seen * (size_t)(nseen + 1));
        seen[nseen++] = other;
    }
    for (int j = 0; j < nseen; j++) {
        char *s = safe(seen[j]), *prev = note;

        if (!prev) {
            char *id = stem(file), *f = safe(file);
            note = xasprintf("%s: %s shadows %s", id, f, s);
            free(f);
            free(id);
        } else {
            note = xasprintf("%s%s %s", prev, j + 1 == nseen ? " and" : ",",
                             s);
        }
        free(prev);
        free(s);
        free(seen[j]);
    }
    free(seen);
    return note;
}
