/* SPDX-License-Identifier: MIT */
/* Plugin loader: search path, dlopen, descriptor checks and listing. */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "out.h"
#include "plugin.h"
#include "util.h"

#define NAME_MAX_LEN 64         /* longest plugin name accepted */
#define INT_EXACT 9007199254740992.0 /* 2^53: doubles are exact below */

/* Returns 1 if s is a plugin name: [a-z][a-z0-9_]*, not too long. */
static int is_plugin_name(const char *s)
{
    size_t i;

    if (!s || !(*s >= 'a' && *s <= 'z'))
        return 0;
    for (i = 1; s[i]; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')
              || s[i] == '_'))
            return 0;
    return i <= NAME_MAX_LEN;
}

/* Returns a new string: the first dlen bytes of dir, then "/name" unless
 * name is NULL; or NULL if out of memory. */
static char *path_join(const char *dir, size_t dlen, const char *name)
{
    size_t nlen = name ? strlen(name) : 0;
    char *s = malloc(dlen + nlen + 2);

    if (!s)
        return NULL;
    memcpy(s, dir, dlen);
    s[dlen] = '\0';
    if (name) {
        if (dlen && dir[dlen - 1] != '/')
            s[dlen++] = '/';
        memcpy(s + dlen, name, nlen + 1);
    }
    return s;
}

/* Appends the first len bytes of dir to the search path (skipping empty and
 * repeated entries); returns 0, or -1 if out of memory. */
static int dirs_add(struct plugin_set *set, const char *dir, size_t len,
                    const char *sub)
{
    char *full, **dirs;

    if (len == 0)
        return 0;
    if (!(full = path_join(dir, len, sub)))
        return -1;
    for (int i = 0; i < set->ndirs; i++)
        if (strcmp(set->dirs[i], full) == 0) {
            free(full);
            return 0;
        }
    dirs = realloc(set->dirs, (size_t)(set->ndirs + 1) * sizeof *dirs);
    if (!dirs) {
        free(full);
        return -1;
    }
    set->dirs = dirs;
    set->dirs[set->ndirs++] = full;
    return 0;
}

/* Builds set's search path; returns 0, or -1 if out of memory. */
int plugin_set_init(struct plugin_set *set, const char *builtin_dir)
{
    const char *env = getenv("NNTUTOR_PLUGIN_PATH");
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int rc = 0;

    memset(set, 0, sizeof *set);
    while (env && *env && rc == 0) {
        size_t len = strcspn(env, ":");
        rc = dirs_add(set, env, len, NULL);
        env += len + (env[len] == ':');
    }
    /* the XDG spec says a relative XDG_DATA_HOME is to be ignored */
    if (rc == 0 && xdg && xdg[0] == '/')
        rc = dirs_add(set, xdg, strlen(xdg), "nntutor/plugins");
    else if (rc == 0 && home && home[0])
        rc = dirs_add(set, home, strlen(home),
                      ".local/share/nntutor/plugins");
    if (rc == 0 && builtin_dir)
        rc = dirs_add(set, builtin_dir, strlen(builtin_dir), NULL);
    if (rc != 0)
        plugin_set_free(set);
    return rc;
}

/* Unloads every plugin and frees the search path; returns nothing. */
void plugin_set_free(struct plugin_set *set)
{
    struct plugin *p, *next;

    for (p = set->head; p; p = next) {
        next = p->next;
        dlclose(p->handle);
        free((void *)p->desc);
        free(p->path);
        free(p);
    }
    for (int i = 0; i < set->ndirs; i++)
        free(set->dirs[i]);
    free(set->dirs);
    memset(set, 0, sizeof *set);
}

/* Copies the file name of path, without directories or ".so", into buf. */
static void file_stem(const char *path, char *buf, size_t n)
{
    const char *base = strrchr(path, '/');
    size_t len;

    base = base ? base + 1 : path;
    len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".so") == 0)
        len -= 3;
    if (len >= n)
        len = n - 1;
    memcpy(buf, base, len);
    buf[len] = '\0';
}

/* Returns 1 if paths a and b name the same file (same device and inode). */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    if (strcmp(a, b) == 0)
        return 1;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Returns 0 if descriptor d (the core's copy), found in path, may join
 * set, else -1 with why (the reason without the path). */
static int check_desc(const struct plugin_set *set,
                      const struct nnt_plugin *d, const char *path,
                      char *why, size_t n)
{
    char stem[NAME_MAX_LEN + 8];
    const struct plugin *q;

    if (!d->name)
        return seterr(why, n, "descriptor has no name");
    if (!is_plugin_name(d->name))
        return seterr(why, n, "plugin name '%.80s' is not a lower-case "
                      "identifier ([a-z][a-z0-9_]*)", d->name);
    file_stem(path, stem, sizeof stem);
    if (strcmp(stem, d->name) != 0)
        return seterr(why, n, "descriptor is named '%s' but the file is "
                      "'%s.so'; they must match", d->name, stem);
    for (q = set->head; q; q = q->next)
        if (strcmp(q->desc->name, d->name) == 0)
            return seterr(why, n, "a plugin called '%s' is already loaded "
                          "from %s", d->name, q->path);
    return 0;
}

/* Copies dlerror()'s message into why without a leading "path: ". */
static void dl_reason(const char *path, char *why, size_t n)
{
    const char *msg = dlerror();
    size_t len = strlen(path);

    if (!msg)
        msg = "cannot load";
    if (strncmp(msg, path, len) == 0 && strncmp(msg + len, ": ", 2) == 0)
        msg += len + 2;
    seterr(why, n, "%s", msg);
}

/* Loads and checks one .so; returns the plugin (an already loaded one for
 * the same file), or NULL with a one-line reason naming the file. */
const struct plugin *plugin_load_file(struct plugin_set *set,
                                      const char *path, char *err, size_t n)
{
    const struct nnt_plugin *d = NULL;
    struct nnt_plugin *copy = NULL;
    struct plugin *p, **tail;
    char why[400], *dlpath;
    void *h;

    for (p = set->head; p; p = p->next)
        if (same_file(p->path, path))
            return p;
    /* dlopen searches the library path for a name without a slash */
    dlpath = strchr(path, '/') ? strdup(path) : path_join(".", 1, path);
    if (!dlpath) {
        seterr(err, n, "%s: out of memory", path);
        return NULL;
    }
    h = dlopen(dlpath, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        dl_reason(dlpath, why, sizeof why);
        free(dlpath);
        seterr(err, n, "%s: %s", path, why);
        return NULL;
    }
    free(dlpath);
    d = dlsym(h, NNT_PLUGIN_SYMBOL);
    if (!d)
        seterr(why, sizeof why, "no %s symbol; is it an nntutor plugin?",
               NNT_PLUGIN_SYMBOL);
    else if ((copy = plugin_desc_take(d, why, sizeof why))
             && check_desc(set, copy, path, why, sizeof why) == 0) {
        p = calloc(1, sizeof *p);
        if (p && (p->path = strdup(path))) {
            p->desc = copy;
            p->abi = d->abi;
            p->handle = h;
            for (tail = &set->head; *tail; tail = &(*tail)->next)
                ;
            *tail = p;
            return p;
        }
        free(p);
        seterr(why, sizeof why, "out of memory");
    }
    free(copy);
    dlclose(h);
    seterr(err, n, "%s: %s", path, why);
    return NULL;
}

/* Returns the plugin called name, loading it from the first directory that
 * has NAME.so, or NULL with a one-line reason. */
const struct plugin *plugin_get(struct plugin_set *set, const char *name,
                                char *err, size_t n)
{
    const struct plugin *p;
    char file[NAME_MAX_LEN + 8], *path;
    size_t at;

    for (p = set->head; p; p = p->next)
        if (strcmp(p->desc->name, name) == 0)
            return p;
    if (!is_plugin_name(name)) {
        seterr(err, n, "no plugin called '%.80s' (plugin names are "
               "lower-case identifiers)", name);
        return NULL;
    }
    snprintf(file, sizeof file, "%s.so", name);
    for (int i = 0; i < set->ndirs; i++) {
        if (!(path = path_join(set->dirs[i], strlen(set->dirs[i]), file))) {
            seterr(err, n, "out of memory");
            return NULL;
        }
        if (is_file(path)) {
            p = plugin_load_file(set, path, err, n);
            free(path);
            return p;       /* the first file of a name decides */
        }
        free(path);
    }
    at = 0;
    append(err, n, &at, "no plugin called '%s' (looked in ", name);
    for (int i = 0; i < set->ndirs; i++)
        append(err, n, &at, "%s%s", i ? ", " : "", set->dirs[i]);
    append(err, n, &at, "%s)", set->ndirs ? "" : "nowhere");
    return NULL;
}

/* Keeps directory entries whose names end in ".so". */
static int so_filter(const struct dirent *e)
{
    size_t len = strlen(e->d_name);

    return len > 3 && strcmp(e->d_name + len - 3, ".so") == 0;
}

/* Returns the path of the file of the name stem that an earlier directory
 * already settled (loaded or refused), or NULL. */
static const char *shadowed_by(const struct plugin_set *set,
                               char **seen, int nseen, const char *stem)
{
    char other[NAME_MAX_LEN + 8];

    for (const struct plugin *p = set->head; p; p = p->next)
        if (strcmp(p->desc->name, stem) == 0)
            return p->path;
    for (int i = 0; i < nseen; i++) {
        file_stem(seen[i], other, sizeof other);
        if (strcmp(other, stem) == 0)
            return seen[i];
    }
    return NULL;
}

/* Loads every plugin in the search path, warning about refused and
 * shadowed files; returns how many were newly loaded. */
int plugin_load_all(struct plugin_set *set, FILE *warn)
{
    char err[512], stem[NAME_MAX_LEN + 8], **seen = NULL, **grown;
    const char *first;
    struct dirent **ents;
    int loaded = 0, nseen = 0, nents;

    for (int d = 0; d < set->ndirs; d++) {
        nents = scandir(set->dirs[d], &ents, so_filter, alphasort);
        if (nents < 0) {
            if (warn && errno != ENOENT && errno != ENOTDIR)
                out_printf(warn, "nntutor: warning: %s: %s\n", set->dirs[d],
                        strerror(errno));
            continue;
        }
        for (int i = 0; i < nents; i++) {
            char *path = path_join(set->dirs[d], strlen(set->dirs[d]),
                                   ents[i]->d_name);
            free(ents[i]);
            if (!path || !is_file(path)) {
                free(path);
                continue;
            }
            file_stem(path, stem, sizeof stem);
            first = shadowed_by(set, seen, nseen, stem);
            if (first) {
                if (warn && !same_file(first, path))
                    out_printf(warn, "nntutor: warning: %s: shadowed by %s\n",
                            path, first);
                free(path);
            } else if (plugin_load_file(set, path, err, sizeof err)) {
                loaded++;
                free(path);
            } else {
                if (warn)
                    out_printf(warn, "nntutor: warning: %s\n", err);
                grown = realloc(seen, (size_t)(nseen + 1) * sizeof *seen);
                if (grown) {
                    seen = grown;
                    seen[nseen++] = path;
                } else {
                    free(path);
                }
            }
        }
        free(ents);
    }
    for (int i = 0; i < nseen; i++)
        free(seen[i]);
    free(seen);
    return loaded;
}

/* Returns p's function called name, or NULL. */
const struct nnt_function *plugin_function(const struct plugin *p,
                                           const char *name)
{
    for (int i = 0; i < p->desc->nfunctions; i++)
        if (strcmp(p->desc->functions[i].name, name) == 0)
            return &p->desc->functions[i];
    return NULL;
}

/* Returns the word `nntutor plugins` shows for a parameter type. */
static const char *type_word(enum nnt_type t)
{
    switch (t) {
    case NNT_NUMBER:  return "number";
    case NNT_INTEGER: return "integer";
    case NNT_CHOICE:  return "choice";
    case NNT_BOOL:    return "bool";
    case NNT_ARRAY:   return "array";
    case NNT_STRING:  return "string";
    }
    return "?";
}

/* Writes what p accepts (range or choices, shape, default) into buf. */
static void param_constraint(const struct nnt_param *p, char *buf, size_t n)
{
    int req = (p->flags & NNT_REQUIRED) != 0;
    size_t at = 0;

    buf[0] = '\0';
    switch (p->type) {
    case NNT_NUMBER:
    case NNT_INTEGER:
        append(buf, n, &at, "in [%.15g, %.15g]", p->min, p->max);
        if (!req)
            append(buf, n, &at, ", default %.15g", p->def);
        break;
    case NNT_CHOICE:
        append(buf, n, &at, "one of");
        for (int k = 0; p->choices[k]; k++)
            append(buf, n, &at, "%s \"%s\"", k ? "," : "", p->choices[k]);
        if (!req)
            append(buf, n, &at, ", default \"%s\"",
                   p->choices[(int)p->def]);
        break;
    case NNT_BOOL:
        if (!req)
            append(buf, n, &at, "default %s", p->def ? "true" : "false");
        break;
    case NNT_STRING:
        break;
    case NNT_ARRAY:
        append(buf, n, &at, "%s", p->flags & NNT_MATRIX ? "2-D" : "1-D");
        if (p->min > 0 && p->min == p->max)
            append(buf, n, &at, ", %.15g element%s", p->min,
                   p->min == 1 ? "" : "s");
        else if (p->min > 0 && p->max > 0)
            append(buf, n, &at, ", %.15g to %.15g elements", p->min, p->max);
        else if (p->min > 0)
            append(buf, n, &at, ", at least %.15g element%s", p->min,
                   p->min == 1 ? "" : "s");
        else if (p->max > 0)
            append(buf, n, &at, ", at most %.15g element%s", p->max,
                   p->max == 1 ? "" : "s");
        break;
    }
    if (req)
        append(buf, n, &at, "%srequired", at ? ", " : "");
    if (p->unit)
        append(buf, n, &at, "%sin %s", at ? ", " : "", p->unit);
    if (p->flags & NNT_LOG)
        append(buf, n, &at, "%slog slider", at ? ", " : "");
    if (p->step > 0)
        append(buf, n, &at, "%s%s %.15g", at ? ", " : "",
               p->flags & NNT_LOG ? "factor" : "step", p->step);
}

/* Writes what kind of result r is (number, string, 1-D array...) and
 * whether it may be absent into buf. */
static void result_kind(const struct nnt_result *r, char *buf, size_t n)
{
    size_t at = 0;

    buf[0] = '\0';
    if (r->kind == NNT_ARRAY && r->rank)
        append(buf, n, &at, "%d-D ", r->rank);
    append(buf, n, &at, "%s", type_word(r->kind));
    if (r->flags & NNT_OPTIONAL)
        append(buf, n, &at, ", optional");
}

/* Returns the columns UTF-8 text s takes (one per character: the docs
 * are ASCII and Greek letters). */
static int cols(const char *s)
{
    int n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints text from column col, wrapping between words at width with
 * later lines indented to column indent; ends the line. */
static void put_wrapped(FILE *out, int col, int indent, int width,
                        const char *text)
{
    int start = col;

    if (width < indent + 24)            /* too narrow: let it run on */
        width = indent + 24;
    while (*text) {
        size_t len = strcspn(text, " ");
        char word[512];
        int w;

        if (len >= sizeof word)
            len = sizeof word - 1;
        memcpy(word, text, len);
        word[len] = '\0';
        w = cols(word);
        if (col > start && col + 1 + w > width) {
            out_printf(out, "\n%*s", indent, "");
            col = start = indent;
        } else if (col > start) {
            out_printf(out, " ");
            col++;
        }
        out_printf(out, "%s", word);
        col += w;
        text += len;
        while (*text == ' ')
            text++;
    }
    out_printf(out, "\n");
}

/* Prints a row: left (already padded) and, when there is one, its doc
 * beside it, wrapped in its column; when the column would be narrower
 * than 24, the doc goes on the lines below, indented to under.  A left
 * part wider than the line wraps after its first hang bytes (ASCII:
 * name and type), under them. */
static void put_row(FILE *out, const char *left, const char *doc,
                    int under, int hang, int width)
{
    int l = cols(left);

    while (l > 0 && left[l - 1] == ' ' && l > width)
        l--;
    if (l > width) {
        out_printf(out, "%.*s", hang, left);
        put_wrapped(out, hang, hang, width, left + hang);
        if (doc && *doc) {
            out_printf(out, "%*s", under, "");
            put_wrapped(out, under, under, width, doc);
        }
        return;
    }
    if (!doc || !*doc) {
        out_printf(out, "%s\n", left);
        return;
    }
    if (l + 2 + 24 <= width) {
        out_printf(out, "%s  ", left);
        put_wrapped(out, l + 2, l + 2, width, doc);
        return;
    }
    while (l > 0 && left[l - 1] == ' ')  /* the padding, not the text */
        l--;
    out_printf(out, "%.*s\n%*s", l, left, under, "");
    put_wrapped(out, under, under, width, doc);
}

/* Prints the declared results of f as aligned rows; returns nothing. */
static void describe_results(const struct nnt_function *f, FILE *out,
                             int width)
{
    char kind[64], name[80];
    int wname = 0, wkind = 0, len;

    if (!f->results) {
        out_printf(out, "    results not declared\n");
        return;
    }
    for (int i = 0; i < f->nresults; i++) {
        const struct nnt_result *r = &f->results[i];
        result_kind(r, kind, sizeof kind);
        len = snprintf(name, sizeof name, "%s%s", r->name,
                       r->flags & NNT_PREFIX ? "*" : "");
        if (len > wname)
            wname = len;
        if ((len = (int)strlen(kind)) > wkind)
            wkind = len;
    }
    out_printf(out, "    results:\n");
    for (int i = 0; i < f->nresults; i++) {
        const struct nnt_result *r = &f->results[i];
        const char *role = f->xaxis && strcmp(f->xaxis, r->name) == 0
                           ? "(x axis)" : f->view
                           && strcmp(f->view, r->name) == 0 ? "(view)" : "";
        char left[256], doc[600];

        result_kind(r, kind, sizeof kind);
        snprintf(name, sizeof name, "%s%s", r->name,
                 r->flags & NNT_PREFIX ? "*" : "");
        snprintf(left, sizeof left, "      %-*s  %-*s", wname, name, wkind,
                 kind);
        snprintf(doc, sizeof doc, "%s%s%s", r->doc ? r->doc : "",
                 r->doc && *r->doc && *role ? " " : "", role);
        put_row(out, left, doc, 8 + wname, 8 + wname, width);
    }
}

/* Prints one function: its call shape, doc and aligned parameter rows,
 * wrapped at width. */
static void describe_function(const struct nnt_function *f, FILE *out,
                              int width)
{
    char cons[512], head[4096];
    size_t at = 0;
    int wname = 0, wtype = 0, wcons = 0, len;

    head[0] = '\0';
    append(head, sizeof head, &at, "%s{", f->name);
    for (int i = 0; i < f->nparams; i++)
        append(head, sizeof head, &at, "%s%s", i ? ", " : "",
               f->params[i].name);
    append(head, sizeof head, &at, "}");
    if (f->doc && *f->doc)
        append(head, sizeof head, &at, " — %s", f->doc);
    if (f->view && *f->view)
        append(head, sizeof head, &at, " (view: %s%s%s)", f->view,
               f->xaxis ? " over " : "", f->xaxis ? f->xaxis : "");
    out_printf(out, "  ");
    put_wrapped(out, 2, 4, width, head);
    for (int i = 0; i < f->nparams; i++) {
        const struct nnt_param *p = &f->params[i];
        param_constraint(p, cons, sizeof cons);
        if ((len = (int)strlen(p->name)) > wname)
            wname = len;
        if ((len = (int)strlen(type_word(p->type))) > wtype)
            wtype = len;
        if ((len = (int)strlen(cons)) > wcons)
            wcons = len;
    }
    if (wcons > 40)                     /* a long choice list: the */
        wcons = 40;                     /* others need not wait for it */
    for (int i = 0; i < f->nparams; i++) {
        const struct nnt_param *p = &f->params[i];
        char left[1024];

        param_constraint(p, cons, sizeof cons);
        snprintf(left, sizeof left, "    %-*s  %-*s  %-*s", wname, p->name,
                 wtype, type_word(p->type), wcons, cons);
        put_row(out, left, p->doc, 6 + wname, 8 + wname + wtype, width);
    }
    describe_results(f, out, width);
}

void plugin_summary(const struct plugin *p, FILE *out, int width)
{
    const struct nnt_plugin *d = p->desc;
    char left[128];
    int l = snprintf(left, sizeof left, "%-12s %-8s ABI %u.%u  ", d->name,
                     d->version ? d->version : "", NNT_ABI_MAJOR_OF(p->abi),
                     NNT_ABI_MINOR_OF(p->abi));

    if (l < 0 || l >= (int)sizeof left)
        l = (int)strlen(left);
    out_printf(out, "%s", left);
    put_wrapped(out, l, l, width, d->doc ? d->doc : "");
    for (int i = 0; i < d->nfunctions; i++)
        out_printf(out, "  %s.%s\n", d->name, d->functions[i].name);
}

/* Prints p with its functions and parameters to out; returns nothing. */
void plugin_describe(const struct plugin *p, FILE *out, int width)
{
    const struct nnt_plugin *d = p->desc;

    char head[2048];
    size_t at = 0;

    head[0] = '\0';
    append(head, sizeof head, &at, "%s", d->name);
    if (d->version && *d->version)
        append(head, sizeof head, &at, " %s", d->version);
    append(head, sizeof head, &at, " (ABI %u.%u)", NNT_ABI_MAJOR_OF(p->abi),
           NNT_ABI_MINOR_OF(p->abi));
    if (d->doc && *d->doc)
        append(head, sizeof head, &at, " — %s", d->doc);
    put_wrapped(out, 0, 2, width, head);
    out_printf(out, "  %s\n", p->path);
    for (int i = 0; i < d->nfunctions; i++)
        describe_function(&d->functions[i], out, width);
}
