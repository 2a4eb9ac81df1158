/* SPDX-License-Identifier: MIT */
/* A student's progress per lesson: strict text files, written atomically. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

#define HEADER "nntutor-progress 1"
#define SUFFIX ".progress"
#define MAX_ID 128                      /* leaves room for the backup name */
#define MAX_FILE (1 << 20)              /* a real record is a few hundred B */
#define MAX_NUM 999999999               /* nine digits never overflow int */
#define DIGITS "0123456789"
#define ID_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
                 DIGITS "_-"

/* One space-separated field of a line. */
struct tok {
    const char *s;
    size_t n;
};

/* Returns 1 if id is a non-empty [A-Za-z0-9_-]+ of at most MAX_ID bytes. */
static int valid_id(const char *id)
{
    size_t n = id ? strlen(id) : 0;

    return n > 0 && n <= MAX_ID && strspn(id, ID_CHARS) == n;
}

/* Returns -1 after saying why id is refused (messages go into err). */
static int bad_id(const char *id, char *err, size_t n)
{
    return seterr(err, n, "refusing lesson id '%.40s': an id is 1 to %d "
                  "letters, digits, '_' or '-'", id ? id : "(null)", MAX_ID);
}

/* Returns a malloc'd DIR/ID.progress. */
static char *record_path(const char *dir, const char *id)
{
    return xasprintf("%s/%s" SUFFIX, dir, id);
}

/* Returns out: at most 24 bytes of s in quotes, non-printables as '?'. */
static char *quote(char *out, size_t n, const char *s, size_t len)
{
    size_t at = 0;

    append(out, n, &at, "'");
    for (size_t i = 0; i < len && i < 24; i++) {
        unsigned char c = (unsigned char)s[i];
        append(out, n, &at, "%c", c >= 0x20 && c < 0x7f ? c : '?');
    }
    append(out, n, &at, len > 24 ? "...'" : "'");
    return out;
}

/* Returns the number of fields of line s (max + 1 if more), or -1 when
 * a space is leading, trailing or doubled. */
static int split(const char *s, size_t len, struct tok *t, int max)
{
    int k = 0;
    size_t i = 0;

    while (i <= len) {
        size_t j = i;
        while (j < len && s[j] != ' ')
            j++;
        if (j == i)
            return -1;                  /* empty field */
        if (k == max)
            return max + 1;
        t[k].s = s + i;
        t[k++].n = j - i;
        i = j + 1;
    }
    return k;
}

/* Returns 0 and the value of a decimal field in *v, or -1.  Fields lie
 * in a buffer without NULs, each line ending in a newline. */
static int number(const struct tok *t, int *v)
{
    if (t->n == 0 || t->n > 9 || strspn(t->s, DIGITS) != t->n)
        return -1;
    *v = (int)strtol(t->s, NULL, 10);
    return 0;
}

/* Returns 0 if the record's values are in range, else -1 with the reason
 * in why, prefixed by the line it came from when line is given. */
static int check(const struct progress *p, const int *line, char *why,
                 size_t n)
{
    char at[24] = "";
    int bad = p->step < 0 || p->step > p->nsteps ? 0
              : p->furthest < p->step || p->furthest > p->nsteps ? 1
              : p->nsteps > MAX_NUM || (p->complete & ~1) ? 2 : -1;

    if (bad >= 0 && line)
        snprintf(at, sizeof at, "line %d: ", line[bad]);
    if (bad == 0)
        return seterr(why, n, "%sstep %d is outside 0..steps %d", at,
                      p->step, p->nsteps);
    if (bad == 1)
        return seterr(why, n, "%sfurthest %d is outside step %d..steps %d",
                      at, p->furthest, p->step, p->nsteps);
    if (bad == 2)
        return seterr(why, n, "%scomplete %d or steps %d out of range", at,
                      p->complete, p->nsteps);
    for (int i = 0; i < p->nanswers; i++) {
        const struct quiz_answer *a = &p->answers[i];
        if (a->step < 1 || a->index < 1 || a->choice < 1
            || a->step > MAX_NUM || a->index > MAX_NUM
            || a->choice > MAX_NUM || (a->right & ~1))
            return seterr(why, n, "quiz answer %d is out of range", i + 1);
    }
    return p->nanswers < 0 ? seterr(why, n, "negative nanswers") : 0;
}

/* Returns 0 after filling p from buf, or -1 with the reason in why. */
static int parse(const char *buf, size_t len, const char *id,
                 struct progress *p, char *why, size_t n)
{
    static const char *const keys[] = {
        "lesson", "step", "furthest", "steps", "complete"
    };
    int seen[5] = { 0, 0, 0, 0, 0 };
    int *field[5] = { NULL, &p->step, &p->furthest, &p->nsteps,
                      &p->complete };
    char q[40];
    int lineno = 0;

    if (len == 0)
        return seterr(why, n, "empty file");
    if (memchr(buf, '\0', len))
        return seterr(why, n, "NUL byte in a text file");
    for (size_t at = 0; at < len;) {
        const char *s = buf + at, *nl = memchr(s, '\n', len - at);
        size_t ll = nl ? (size_t)(nl - s) : len - at;
        struct tok t[6];
        int nt, k, v[4];

        lineno++;
        at += ll + 1;
        if (!nl)
            return seterr(why, n, "line %d: no newline at the end "
                          "(truncated?)", lineno);
        nt = ll ? split(s, ll, t, 5) : 0;
        if (lineno == 1) {
            if (ll == strlen(HEADER) && memcmp(s, HEADER, ll) == 0)
                continue;
            return seterr(why, n, "line 1: expected '" HEADER "', found %s",
                          quote(q, sizeof q, s, ll));
        }
        if (nt == 0)
            return seterr(why, n, "line %d: empty line", lineno);
        if (nt < 0)
            return seterr(why, n, "line %d: stray space", lineno);
        if (t[0].n == 4 && memcmp(t[0].s, "quiz", 4) == 0) {
            if (nt != 5)
                return seterr(why, n, "line %d: expected 'quiz STEP INDEX "
                              "CHOICE RIGHT'", lineno);
            for (k = 0; k < 4; k++)
                if (number(&t[k + 1], &v[k]) < 0)
                    return seterr(why, n, "line %d: bad number %s", lineno,
                                  quote(q, sizeof q, t[k + 1].s, t[k + 1].n));
            if (v[0] < 1 || v[1] < 1 || v[2] < 1 || v[3] > 1)
                return seterr(why, n, "line %d: quiz step, index and choice "
                              "must be at least 1, right 0 or 1", lineno);
            for (k = 0; k < p->nanswers; k++)
                if (p->answers[k].step == v[0] && p->answers[k].index == v[1])
                    return seterr(why, n, "line %d: a second answer to quiz "
                                  "%d of step %d", lineno, v[1], v[0]);
            progress_answer(p, v[0], v[1], v[2], v[3]);
            continue;
        }
        for (k = 0; k < 5; k++)
            if (t[0].n == strlen(keys[k])
                && memcmp(t[0].s, keys[k], t[0].n) == 0)
                break;
        if (k == 5)
            return seterr(why, n, "line %d: unknown key %s", lineno,
                          quote(q, sizeof q, t[0].s, t[0].n));
        if (seen[k])
            return seterr(why, n, "line %d: a second '%s' line", lineno,
                          keys[k]);
        seen[k] = lineno;
        if (nt != 2)
            return seterr(why, n, "line %d: expected '%s VALUE'", lineno,
                          keys[k]);
        if (k == 0) {
            if (t[1].n != strlen(id) || memcmp(t[1].s, id, t[1].n) != 0)
                return seterr(why, n, "line %d: lesson %s does not match "
                              "the file name", lineno,
                              quote(q, sizeof q, t[1].s, t[1].n));
        } else if (number(&t[1], field[k]) < 0) {
            return seterr(why, n, "line %d: bad number %s", lineno,
                          quote(q, sizeof q, t[1].s, t[1].n));
        }
    }
    for (int k = 0; k < 5; k++)
        if (!seen[k])
            return seterr(why, n, "no '%s' line", keys[k]);
    return check(p, (const int[3]){ seen[1], seen[2], seen[4] }, why, n);
}

/* Returns 0 with the file's bytes in *buf and *len, or an errno value
 * (ENOENT, ENOTDIR: no file) with the reason in why. */
static int slurp(const char *path, char **buf, size_t *len, char *why,
                 size_t n)
{
    struct stat st;
    size_t at = 0;
    int e = 0, fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0 || fstat(fd, &st) < 0)
        e = errno;
    else if (S_ISDIR(st.st_mode))
        e = EISDIR;
    else if (!S_ISREG(st.st_mode))
        e = EINVAL;
    else if (st.st_size > MAX_FILE)
        e = EFBIG;
    *buf = e ? NULL : xmalloc((size_t)MAX_FILE + 1);
    while (!e && at <= MAX_FILE) {
        ssize_t r = read(fd, *buf + at, (size_t)MAX_FILE + 1 - at);
        if (r < 0 && errno != EINTR)
            e = errno;
        else if (r == 0)
            break;
        else if (r > 0)
            at += (size_t)r;
    }
    if (!e && at > MAX_FILE)
        e = EFBIG;
    if (fd >= 0)
        close(fd);
    if (e) {
        free(*buf);
        *buf = NULL;
        seterr(why, n, "%s", e == EINVAL ? "not a regular file"
                                         : strerror(e));
    }
    *len = at;
    return e;
}

/* Returns 0 after moving path to a fresh PATH.bad-TIME[-K] (its name in
 * *bak), never replacing an existing file; or -1 with the reason. */
static int move_aside(const char *path, char **bak, char *err, size_t n)
{
    long t = (long)time(NULL);
    int e = EEXIST;

    for (int k = 0; k < 1000 && e == EEXIST; k++) {
        struct stat st;
        char *b = k ? xasprintf("%s.bad-%ld-%d", path, t, k)
                    : xasprintf("%s.bad-%ld", path, t);

        if (link(path, b) == 0) {       /* link never replaces a name */
            if (unlink(path) == 0) {
                *bak = b;
                return 0;
            }
            e = errno;
            unlink(b);
        } else if ((e = errno) != EEXIST) {
            /* no hard links (a directory, or the file system): rename */
            if (lstat(b, &st) == 0)
                e = EEXIST;
            else if (errno != ENOENT)
                e = errno;
            else if (rename(path, b) == 0) {
                *bak = b;
                return 0;
            } else
                e = errno;
        }
        free(b);
    }
    return seterr(err, n, "%s", e == EEXIST ? "no free backup name"
                                            : strerror(e));
}

int progress_load(const char *dir, const char *id, struct progress *p,
                  char *warn, size_t n)
{
    char why[160], err[160];
    char *path, *buf = NULL, *bak = NULL;
    size_t len = 0;
    int e, unreadable;

    memset(p, 0, sizeof *p);
    p->id = xstrdup(id ? id : "");
    if (!valid_id(id))
        return bad_id(id, warn, n);
    if (!dir)
        return seterr(warn, n, "no progress directory");
    path = record_path(dir, id);
    e = slurp(path, &buf, &len, why, sizeof why);
    unreadable = e != 0;
    if (e == ENOENT || e == ENOTDIR) {
        free(path);
        return 0;                       /* nothing recorded yet */
    }
    if (!unreadable && parse(buf, len, id, p, why, sizeof why) == 0) {
        free(buf);
        free(path);
        return 0;
    }
    free(buf);
    progress_free(p);
    p->id = xstrdup(id);
    if (move_aside(path, &bak, err, sizeof err) == 0)
        seterr(warn, n, "progress file %s %s (%s); kept it as %s and "
               "started afresh", path,
               unreadable ? "could not be read" : "was corrupt", why, bak);
    else
        seterr(warn, n, "progress file %s %s (%s) and could not be moved "
               "aside (%s); left it in place and started afresh", path,
               unreadable ? "could not be read" : "was corrupt", why, err);
    free(bak);
    free(path);
    return 1;
}

/* Returns 0 after creating dir and its missing parents (new ones 0700),
 * or -1 with the reason in err. */
static int make_dirs(const char *dir, char *err, size_t n)
{
    char *d = xstrdup(dir);

    for (char *s = d + 1;; s++) {
        int last = *s == '\0';
        if (*s != '/' && !last)
            continue;
        *s = '\0';
        if (mkdir(d, 0700) < 0 && !(errno == EEXIST && is_dir(d))) {
            int e = errno == EEXIST ? ENOTDIR : errno;
            seterr(err, n, "cannot create directory %s: %s", d, strerror(e));
            free(d);
            return -1;
        }
        if (last)
            break;
        *s = '/';
    }
    free(d);
    return 0;
}

/* Returns 0 after writing the record to f, or -1. */
static int write_record(FILE *f, const struct progress *p)
{
    int bad = fprintf(f, HEADER "\nlesson %s\nstep %d\nfurthest %d\n"
                      "steps %d\ncomplete %d\n", p->id, p->step, p->furthest,
                      p->nsteps, p->complete) < 0;

    for (int i = 0; i < p->nanswers && !bad; i++) {
        const struct quiz_answer *a = &p->answers[i];
        bad = fprintf(f, "quiz %d %d %d %d\n", a->step, a->index, a->choice,
                      a->right) < 0;
    }
    return bad || fflush(f) != 0 || fsync(fileno(f)) != 0 ? -1 : 0;
}

int progress_save(const char *dir, const struct progress *p, char *err,
                  size_t n)
{
    char why[160];
    char *path, *tmp;
    FILE *f = NULL;
    int fd, e = 0;

    if (!valid_id(p->id))
        return bad_id(p->id, err, n);
    if (!dir || !*dir)
        return seterr(err, n, "no progress directory");
    if (check(p, NULL, why, sizeof why) < 0)
        return seterr(err, n, "refusing to save progress of lesson %s: %s",
                      p->id, why);
    if (make_dirs(dir, err, n) < 0)
        return -1;
    path = record_path(dir, p->id);
    tmp = xasprintf("%s/.%s" SUFFIX ".XXXXXX", dir, p->id);
    errno = 0;
    if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w")))
        e = errno ? errno : EIO;
    else if (write_record(f, p) < 0)
        e = errno ? errno : EIO;
    if (f && fclose(f) != 0 && !e)
        e = errno ? errno : EIO;
    else if (!f && fd >= 0)
        close(fd);
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        if (fd >= 0)
            unlink(tmp);
        seterr(err, n, "cannot write progress file %s: %s", path,
               strerror(e));
    } else {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0 || (fsync(dfd) < 0 && errno != EINVAL))
            e = errno;                  /* the file is in place, unsynced */
        if (dfd >= 0)
            close(dfd);
        if (e)
            seterr(err, n, "cannot sync directory %s: %s", dir,
                   strerror(e));
    }
    free(tmp);
    free(path);
    return e ? -1 : 0;
}

void progress_visit(struct progress *p, int step, int nsteps)
{
    nsteps = nsteps < 0 ? 0 : nsteps;
    step = step < 0 ? 0 : step > nsteps ? nsteps : step;
    p->step = step;
    p->nsteps = nsteps;
    if (p->furthest < step)
        p->furthest = step;
    if (p->furthest > nsteps)
        p->furthest = nsteps;           /* the lesson got shorter */
    if (nsteps > 0 && step == nsteps)
        p->complete = 1;
}

void progress_answer(struct progress *p, int step, int index, int choice,
                     int right)
{
    struct quiz_answer *a = NULL;

    for (int i = 0; i < p->nanswers && !a; i++)
        if (p->answers[i].step == step && p->answers[i].index == index)
            a = &p->answers[i];
    if (!a) {
        p->answers = xrealloc(p->answers,
                              ((size_t)p->nanswers + 1) * sizeof *a);
        a = &p->answers[p->nanswers++];
        a->step = step;
        a->index = index;
    }
    a->choice = choice;
    a->right = right != 0;
}

/* Returns 1 if name is ID.progress for a valid id. */
static int is_record_name(const char *name)
{
    size_t len = strlen(name), n = len - strlen(SUFFIX);

    return len > strlen(SUFFIX) && n <= MAX_ID && !strcmp(name + n, SUFFIX)
           && strspn(name, ID_CHARS) == n;
}

int progress_reset(const char *dir, const char *id, char *err, size_t n)
{
    struct dirent *de;
    DIR *d;
    int count = 0, failed = 0;

    if (id && !valid_id(id))
        return bad_id(id, err, n);
    if (!dir)
        return seterr(err, n, "no progress directory");
    if (id) {
        char *path = record_path(dir, id);
        if (unlink(path) == 0)
            count = 1;
        else if (errno != ENOENT && errno != ENOTDIR)
            count = seterr(err, n, "cannot remove %s: %s", path,
                           strerror(errno));
        free(path);
        return count;
    }
    if (!(d = opendir(dir))) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return seterr(err, n, "cannot read directory %s: %s", dir,
                      strerror(errno));
    }
    while ((de = readdir(d))) {
        char *path;
        if (!is_record_name(de->d_name))
            continue;
        path = xasprintf("%s/%s", dir, de->d_name);
        if (unlink(path) == 0)
            count++;
        else if (errno != ENOENT && !failed++)
            seterr(err, n, "cannot remove %s: %s", path, strerror(errno));
        free(path);
    }
    closedir(d);
    return failed ? -1 : count;
}

const char *progress_label(const struct progress *p, char *buf, size_t n)
{
    if (p->step == 0)
        snprintf(buf, n, "new");
    else if (p->complete)
        snprintf(buf, n, "done");
    else
        snprintf(buf, n, "%d/%d", p->furthest, p->nsteps);
    return buf;
}

void progress_free(struct progress *p)
{
    free(p->id);
    free(p->answers);
    memset(p, 0, sizeof *p);
}
