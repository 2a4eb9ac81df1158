/* SPDX-License-Identifier: MIT */
/* A student's progress per lesson as a file: strict text, merged under a lock
 * and written atomically (the record in memory: progress_record.c). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "progress_int.h"
#include "util.h"

#define HEADER "nntutor-progress 2"
#define HEADER_V1 "nntutor-progress 1"    /* still read */
#define SUFFIX ".progress"
#define MAX_ID 128                      /* leaves room for the backup name */
#define MAX_FILE (1 << 20)              /* a real record is a few hundred B */
#define TEMP_TAIL SUFFIX ".XXXXXX"      /* mkstemp fills in the X's */
#define LOCK_WAIT_S 5                   /* wait this long for a lock that
                                           a save holds for milliseconds */
#define STALE_S 3600                    /* another id's temp this old is
                                           left over from a killed run */
#define ID_CHARS ALNUM "_-"
#define MAX_FIELDS 7                    /* quiz and exercise lines */

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

/* A numeric field of a line: its name and range. */
struct field {
    const char *name;
    int min, max;
};

/* Returns 0 after reading the nf fields t as numbers into v, or -1 with
 * why naming the line, the record (what) and the field at fault. */
static int numbers(const struct tok *t, const struct field *f, int nf,
                   int *v, const char *what, int lineno, char *why,
                   size_t n)
{
    for (int k = 0; k < nf; k++)
        if (number(&t[k], &v[k]) < 0 || v[k] < f[k].min || v[k] > f[k].max)
            return seterr(why, n, "line %d: %s %s is not a number from %d "
                          "to %d", lineno, what, f[k].name, f[k].min,
                          f[k].max);
    return 0;
}

/* Returns 0 after adding the quiz line of nt fields t (of a file of
 * version 1 or 2) to p, or -1 with the reason in why. */
static int parse_quiz(const struct tok *t, int nt, int version, int lineno,
                      struct progress *p, char *why, size_t n)
{
    static const struct field f[] = {
        { "STEP", 1, MAX_NUM }, { "INDEX", 1, MAX_NUM },
        { "CHOICE", 0, MAX_NUM }, { "RIGHT", 0, 1 },
        { "WRONG", 0, MAX_NUM }, { "REVEALED", 0, 1 },
    };
    int nf = version == 1 ? 4 : 6, v[6] = { 0, 0, 0, 0, 0, 0 };

    if (nt != nf + 1)
        return seterr(why, n, "line %d: expected 'quiz STEP INDEX CHOICE "
                      "RIGHT%s'", lineno, nf == 4 ? "" : " WRONG REVEALED");
    if (numbers(t + 1, f, nf, v, "quiz", lineno, why, n) < 0)
        return -1;
    if (version == 1 && v[2] < 1)
        return seterr(why, n, "line %d: quiz CHOICE must be at least 1 in "
                      "a version 1 file", lineno);
    if (v[3] && (v[2] == 0 || v[5]))
        return seterr(why, n, "line %d: quiz RIGHT is 1 with CHOICE 0 or "
                      "REVEALED 1", lineno);
    for (int k = 0; k < p->nanswers; k++)
        if (p->answers[k].step == v[0] && p->answers[k].index == v[1])
            return seterr(why, n, "line %d: a second answer to quiz %d of "
                          "step %d", lineno, v[1], v[0]);
    progress_quiz(p, v[0], v[1], v[2], v[3], v[4], v[5]);
    return 0;
}

/* Returns 0 after adding the exercise line of nt fields t to p, or -1
 * with the reason in why. */
static int parse_exercise(const struct tok *t, int nt, int lineno,
                          struct progress *p, char *why, size_t n)
{
    static const struct field f[] = {
        { "STEP", 0, MAX_NUM }, { "PASSED", 0, 1 }, { "REVEALED", 0, 1 },
        { "HINTS", 0, MAX_NUM }, { "CHECKS", 0, MAX_NUM },
    };
    char name[PROGRESS_MAX_NAME + 1];
    int v[5];

    if (nt != 7)
        return seterr(why, n, "line %d: expected 'exercise NAME STEP PASSED "
                      "REVEALED HINTS CHECKS'", lineno);
    if (!progress_valid_name(t[1].s, t[1].n))
        return seterr(why, n, "line %d: exercise NAME is not 1 to %d "
                      "letters, digits or '_' (no digit first)", lineno,
                      PROGRESS_MAX_NAME);
    if (numbers(t + 2, f, 5, v, "exercise", lineno, why, n) < 0)
        return -1;
    memcpy(name, t[1].s, t[1].n);
    name[t[1].n] = '\0';
    if (progress_find_exercise(p, name))
        return seterr(why, n, "line %d: a second record of one exercise",
                      lineno);
    progress_exercise(p, name, v[0], v[1], v[2], v[3], v[4]);
    return 0;
}

/* Returns 0 after adding the steps of a seen line's field t (RANGE,RANGE
 * ..., a RANGE being STEP or FROM-TO, rising) to p, or -1 with the
 * reason in why. */
static int parse_seen(const struct tok *t, int lineno, struct progress *p,
                      char *why, size_t n)
{
    static const struct field f[] = {
        { "FROM", 1, MAX_NUM }, { "TO", 1, MAX_NUM },
    };
    size_t i = 0;
    int last = 0;

    for (int k = 1; i <= t->n; k++) {
        const char *s = t->s + i, *end = t->s + t->n;
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *e = comma ? comma : end;
        const char *dash = memchr(s, '-', (size_t)(e - s));
        const char *to = dash ? dash + 1 : s;   /* STEP means STEP-STEP */
        struct tok r[2] = { { s, (size_t)((dash ? dash : e) - s) },
                            { to, (size_t)(e - to) } };
        int v[2];
        char what[40];

        snprintf(what, sizeof what, "seen range %d", k);
        if (numbers(r, f, 2, v, what, lineno, why, n) < 0)
            return -1;
        if (v[1] < v[0] || v[0] <= last)
            return seterr(why, n, "line %d: %s does not rise (FROM <= TO, "
                          "above the steps before)", lineno, what);
        progress_add_seen(p, v[0], v[1]);
        last = v[1];
        i = (size_t)(e - t->s) + 1;
    }
    return 0;
}

/* Returns 0 after filling p from buf, or -1 with the reason in why.  The
 * reason names the line and the field, never the file's bytes: the file
 * may be anything (a symlink to a secret, a terminal escape). */
static int parse(const char *buf, size_t len, const char *id,
                 struct progress *p, char *why, size_t n)
{
    static const char *const keys[] = {
        "lesson", "step", "furthest", "steps", "complete", "seen"
    };
    int seen[6] = { 0, 0, 0, 0, 0, 0 };
    int *field[5] = { NULL, &p->step, &p->furthest, &p->nsteps,
                      &p->complete };
    int lineno = 0, version = 2;

    if (len == 0)
        return seterr(why, n, "empty file");
    if (memchr(buf, '\0', len))
        return seterr(why, n, "NUL byte in a text file");
    for (size_t at = 0; at < len;) {
        const char *s = buf + at, *nl = memchr(s, '\n', len - at);
        size_t ll = nl ? (size_t)(nl - s) : len - at;
        struct tok t[MAX_FIELDS + 1];
        int nt, k;

        lineno++;
        at += ll + 1;
        if (!nl)
            return seterr(why, n, "line %d: no newline at the end "
                          "(truncated?)", lineno);
        nt = ll ? split(s, ll, t, MAX_FIELDS) : 0;
        if (lineno == 1) {
            if (ll == strlen(HEADER) && memcmp(s, HEADER, ll) == 0)
                continue;
            if (ll == strlen(HEADER_V1) && memcmp(s, HEADER_V1, ll) == 0) {
                version = 1;
                continue;
            }
            return seterr(why, n, "line 1: expected '" HEADER "' or '"
                          HEADER_V1 "'");
        }
        if (nt == 0)
            return seterr(why, n, "line %d: empty line", lineno);
        if (nt < 0)
            return seterr(why, n, "line %d: stray space", lineno);
        if (t[0].n == 4 && memcmp(t[0].s, "quiz", 4) == 0) {
            if (parse_quiz(t, nt, version, lineno, p, why, n) < 0)
                return -1;
            continue;
        }
        if (version == 2 && t[0].n == 8
            && memcmp(t[0].s, "exercise", 8) == 0) {
            if (parse_exercise(t, nt, lineno, p, why, n) < 0)
                return -1;
            continue;
        }
        for (k = 0; k < 6 - (version == 1); k++)
            if (t[0].n == strlen(keys[k])
                && memcmp(t[0].s, keys[k], t[0].n) == 0)
                break;
        if (k == 6 - (version == 1))
            return seterr(why, n, "line %d: unknown key (expected lesson, "
                          "step, furthest, steps, complete%s)", lineno,
                          version == 1 ? " or quiz; seen and exercise need "
                                         "version 2"
                                       : ", seen, quiz or exercise");
        if (seen[k])
            return seterr(why, n, "line %d: a second '%s' line", lineno,
                          keys[k]);
        seen[k] = lineno;
        if (nt != 2)
            return seterr(why, n, "line %d: expected '%s VALUE'", lineno,
                          keys[k]);
        if (k == 0) {
            if (t[1].n != strlen(id) || memcmp(t[1].s, id, t[1].n) != 0)
                return seterr(why, n, "line %d: the lesson named there is "
                              "not %s, the file's", lineno, id);
        } else if (k == 5) {
            if (parse_seen(&t[1], lineno, p, why, n) < 0)
                return -1;
        } else if (number(&t[1], field[k]) < 0) {
            return seterr(why, n, "line %d: '%s' is not a number from 0 "
                          "to %d", lineno, keys[k], MAX_NUM);
        }
    }
    for (int k = 0; k < 5; k++)
        if (!seen[k])
            return seterr(why, n, "no '%s' line", keys[k]);
    return progress_check(p, (const int[4]){ seen[1], seen[2], seen[4],
                                             seen[5] }, why, n);
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

/* What read_record found at a record's path. */
enum record_state {
    REC_OK,                     /* a valid record, now in p */
    REC_NONE,                   /* no file: nothing recorded yet */
    REC_UNREADABLE,             /* something we cannot read */
    REC_CORRUPT                 /* a file that is not a valid record */
};

/* Returns what is at path, filling the empty record p (id set) when it
 * is valid; otherwise p stays empty and why says what is wrong. */
static enum record_state read_record(const char *path, struct progress *p,
                                     char *why, size_t n)
{
    char *buf = NULL, *id = p->id;
    size_t len = 0;
    int e = slurp(path, &buf, &len, why, n);

    if (e == ENOENT || e == ENOTDIR)
        return REC_NONE;
    if (e)
        return REC_UNREADABLE;
    if (parse(buf, len, id, p, why, n) == 0) {
        free(buf);
        return REC_OK;
    }
    free(buf);
    p->id = NULL;                       /* keep the id, drop the rest */
    progress_free(p);
    p->id = id;
    return REC_CORRUPT;
}

/* Moves the bad record at path aside.  Returns 0 with msg saying what was
 * wrong and where the backup is, or -1 with msg saying it stayed in place;
 * tail ends either message. */
static int set_aside(const char *path, enum record_state st,
                     const char *why, const char *tail, char *msg, size_t n)
{
    const char *what = st == REC_UNREADABLE ? "could not be read"
                                            : "was corrupt";
    char err[160], *bak = NULL;

    if (move_aside(path, &bak, err, sizeof err) == 0) {
        seterr(msg, n, "progress file %s %s (%s); kept it as %s%s", path,
               what, why, bak, tail);
        free(bak);
        return 0;
    }
    return seterr(msg, n, "progress file %s %s (%s) and could not be "
                  "moved aside (%s); left it in place%s", path, what, why,
                  err, tail);
}

/* Returns 0 holding an exclusive lock on DIR/.ID.lock (its descriptor in
 * *fd, for unlock), waiting up to LOCK_WAIT_S; or -1 with the reason in
 * err.  The lock file stays: removing it would let two runs lock two
 * different files. */
static int lock_record(const char *dir, const char *id, int *fd, char *err,
                       size_t n)
{
    char *path = xasprintf("%s/.%s.lock", dir, id);
    struct timespec start, now, nap = { 0, 2000000 };
    int e = 0;

    clock_gettime(CLOCK_MONOTONIC, &start);
    *fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (*fd < 0)
        e = errno;
    while (!e && flock(*fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EINTR)
            continue;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (errno != EWOULDBLOCK || now.tv_sec - start.tv_sec >= LOCK_WAIT_S)
            e = errno;
        else
            nanosleep(&nap, NULL);
    }
    if (e) {
        if (e == EWOULDBLOCK)
            seterr(err, n, "cannot lock %s: another nntutor has held it "
                   "for %d s", path, LOCK_WAIT_S);
        else
            seterr(err, n, "cannot lock %s: %s", path, strerror(e));
        if (*fd >= 0)
            close(*fd);
        *fd = -1;
    }
    free(path);
    return e ? -1 : 0;
}

/* Releases a lock taken by lock_record (fd may be -1: none). */
static void unlock(int fd)
{
    if (fd >= 0)
        close(fd);                      /* closing releases the flock */
}

int progress_load(const char *dir, const char *id, struct progress *p,
                  char *warn, size_t n)
{
    char why[160];
    char *path;
    enum record_state st;
    int lk = -1, r = 0;

    memset(p, 0, sizeof *p);
    p->id = xstrdup(id ? id : "");
    if (!valid_id(id))
        return bad_id(id, warn, n);
    if (!dir)
        return seterr(warn, n, "no progress directory");
    path = record_path(dir, id);
    st = read_record(path, p, why, sizeof why);
    /* a save may be renaming a new record into place: look again under
     * the lock before calling the file bad (without a lock, say a
     * read-only directory, go on: the move will fail and say so) */
    if ((st == REC_UNREADABLE || st == REC_CORRUPT)
        && lock_record(dir, id, &lk, NULL, 0) == 0)
        st = read_record(path, p, why, sizeof why);
    if (st == REC_UNREADABLE || st == REC_CORRUPT) {
        set_aside(path, st, why, " and started afresh", warn, n);
        r = 1;
    }
    unlock(lk);
    free(path);
    return r;
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

    for (int i = 0; i < p->nseen && !bad; i++) {
        const struct step_range *r = &p->seen[i];
        bad = fprintf(f, "%s%d", i ? "," : "seen ", r->from) < 0
              || (r->to > r->from && fprintf(f, "-%d", r->to) < 0)
              || (i == p->nseen - 1 && fputc('\n', f) == EOF);
    }
    for (int i = 0; i < p->nanswers && !bad; i++) {
        const struct quiz_answer *a = &p->answers[i];
        bad = fprintf(f, "quiz %d %d %d %d %d %d\n", a->step, a->index,
                      a->choice, a->right, a->wrong, a->revealed) < 0;
    }
    for (int i = 0; i < p->nexercises && !bad; i++) {
        const struct exercise_record *e = &p->exercises[i];
        bad = fprintf(f, "exercise %s %d %d %d %d %d\n", e->name, e->step,
                      e->passed, e->revealed, e->hints, e->checks) < 0;
    }
    return bad || fflush(f) != 0 || fsync(fileno(f)) != 0 ? -1 : 0;
}

/* Returns the length of the id in name if name is one of our temporary
 * files, .ID.progress.XXXXXX with six letters or digits; else 0. */
static size_t temp_id_len(const char *name)
{
    size_t len = strlen(name), tail = strlen(TEMP_TAIL), k;

    if (name[0] != '.' || len < 2 + tail)
        return 0;
    k = len - tail - 1;                 /* the id's length */
    if (k > MAX_ID || strspn(name + 1, ID_CHARS) != k
        || memcmp(name + 1 + k, SUFFIX ".", strlen(SUFFIX) + 1) != 0
        || strspn(name + len - 6, ALNUM) != 6)
        return 0;
    return k;
}

/* Removes temporary files that killed saves left in dir: every one of
 * id (the caller holds its lock, so no save of id is under way) and those
 * of other ids older than STALE_S.  Nothing else is touched; failures
 * are ignored (the next save tries again). */
static void clean_temps(const char *dir, const char *id)
{
    size_t idn = strlen(id);
    time_t now = time(NULL);
    struct dirent *de;
    DIR *d = opendir(dir);

    if (!d)
        return;
    while ((de = readdir(d))) {
        size_t k = temp_id_len(de->d_name);
        struct stat st;
        char *path;

        if (k == 0)
            continue;
        path = xasprintf("%s/%s", dir, de->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)
            && ((k == idn && memcmp(de->d_name + 1, id, k) == 0)
                || now - st.st_mtime > STALE_S))
            unlink(path);
        free(path);
    }
    closedir(d);
}

/* Returns 0 after writing p to path through a temporary file in dir
 * (fsync, rename, fsync of dir), or -1 with the reason in err. */
static int write_file(const char *dir, const char *path,
                      const struct progress *p, char *err, size_t n)
{
    char *tmp = xasprintf("%s/.%s" TEMP_TAIL, dir, p->id);
    FILE *f = NULL;
    int fd, e = 0;

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
    return e ? -1 : 0;
}

int progress_save(const char *dir, struct progress *p, char *err, size_t n)
{
    char why[160], note[768] = "";
    struct progress old = { 0 };
    enum record_state st;
    char *path;
    int lk, r;

    if (!valid_id(p->id))
        return bad_id(p->id, err, n);
    if (!dir || !*dir)
        return seterr(err, n, "no progress directory");
    if (progress_check(p, NULL, why, sizeof why) < 0)
        return seterr(err, n, "refusing to save progress of lesson %s: %s",
                      p->id, why);
    if (make_dirs(dir, err, n) < 0 || lock_record(dir, p->id, &lk, err, n) < 0)
        return -1;
    clean_temps(dir, p->id);
    path = record_path(dir, p->id);
    old.id = p->id;
    st = read_record(path, &old, why, sizeof why);
    old.id = NULL;
    if (st == REC_OK)
        progress_merge(p, &old);
    progress_sort(p);
    progress_free(&old);
    if ((st == REC_UNREADABLE || st == REC_CORRUPT)
        && set_aside(path, st, why, "", note, sizeof note) < 0)
        r = seterr(err, n, "%s; progress not saved", note);
    else if (progress_check(p, NULL, why, sizeof why) < 0) /* cannot be */
        r = seterr(err, n, "refusing to save progress of lesson %s: %s",
                   p->id, why);
    else if ((r = write_file(dir, path, p, err, n)) == 0 && note[0]) {
        seterr(err, n, "%s", note);     /* saved, after moving it aside */
        r = 1;
    }
    unlock(lk);
    free(path);
    return r;
}

enum quiz_outcome progress_outcome(const struct quiz_answer *a)
{
    if (a->revealed)
        return QUIZ_REVEALED;
    if (a->right)
        return a->wrong > 0 ? QUIZ_EVENTUALLY : QUIZ_FIRST_TIME;
    return a->choice > 0 ? QUIZ_WRONG : QUIZ_SKIPPED;
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

void progress_free(struct progress *p)
{
    free(p->id);
    free(p->seen);
    free(p->answers);
    free(p->exercises);
    memset(p, 0, sizeof *p);
}
