/* SPDX-License-Identifier: MIT */
/* core/progress.c: round trips (versions 1 and 2), atomic saves, corrupt
 * files, resets, merges under a lock, concurrent and killed saves, stale
 * temp files, scores, labels and the steps to revisit. */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "progress.h"
#include "util.h"

#define GOOD "nntutor-progress 1\nlesson c\nstep 1\nfurthest 2\nsteps 3\n" \
             "complete 0\n"
#define L64 "a123456789b123456789c123456789d123456789e123456789" \
            "f123456789g123"            /* a name of 64 bytes */
#define GOOD2 "nntutor-progress 2\nlesson c\nstep 1\nfurthest 2\nsteps 3\n" \
              "complete 0\n"

/* Removes path and everything under it; returns nothing. */
static void rm_rf(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *de;

    if (lstat(path, &st) < 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    chmod(path, 0700);
    if ((d = opendir(path))) {
        while ((de = readdir(d))) {
            char *sub;
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            sub = xasprintf("%s/%s", path, de->d_name);
            rm_rf(sub);
            free(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

/* Makes a fresh temporary directory for one test; returns 0. */
static int setup(void **state)
{
    char *dir = xstrdup("/tmp/nnt-progress-XXXXXX");

    assert_non_null(mkdtemp(dir));
    *state = dir;
    return 0;
}

/* Removes the test's directory; returns 0. */
static int teardown(void **state)
{
    rm_rf(*state);
    free(*state);
    return 0;
}

/* Writes len bytes to path; returns nothing. */
static void put_file(const char *path, const char *s, size_t len)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Returns the malloc'd bytes of path (NUL-added), their count in *len. */
static char *get_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s = xmalloc(1 << 16);

    assert_non_null(f);
    *len = fread(s, 1, (1 << 16) - 1, f);
    s[*len] = '\0';
    fclose(f);
    return s;
}

/* Returns how many names in dir start with prefix (the first in *first). */
static int count_names(const char *dir, const char *prefix, char **first)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int k = 0;

    assert_non_null(d);
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")
            || strncmp(de->d_name, prefix, strlen(prefix)))
            continue;
        if (k++ == 0 && first)
            *first = xasprintf("%s/%s", dir, de->d_name);
    }
    closedir(d);
    return k;
}

/* Returns the malloc'd backup path that warn names. */
static char *backup_of(const char *warn)
{
    const char *a = strstr(warn, "kept it as "), *b;

    assert_non_null(a);
    a += strlen("kept it as ");
    assert_non_null(b = strstr(a, " and started afresh"));
    return xasprintf("%.*s", (int)(b - a), a);
}

/* Returns 1 if we can create files in a mode-0500 directory (root). */
static int writes_ignore_modes(const char *dir)
{
    char *sub = xasprintf("%s/probe-dir", dir), *f;
    int fd, r;

    assert_int_equal(mkdir(sub, 0500), 0);
    f = xasprintf("%s/probe", sub);
    fd = open(f, O_WRONLY | O_CREAT, 0600);
    r = fd >= 0;
    if (fd >= 0)
        close(fd);
    rm_rf(sub);
    free(f);
    free(sub);
    return r;
}

/* A saved record loads back the same, and the file reads as documented. */
static void round_trip(void **state)
{
    const char *dir = *state;
    struct progress p = { .id = xstrdup("a2_5") }, q;
    char err[256], *path = xasprintf("%s/a2_5.progress", dir), *text;
    size_t len;
    struct stat st;

    progress_visit(&p, 5, 9);
    progress_visit(&p, 3, 9);
    progress_quiz(&p, 4, 2, 1, 0, 0, 0);
    progress_quiz(&p, 2, 1, 3, 1, 0, 0);
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
    text = get_file(path, &len);
    assert_string_equal(text, "nntutor-progress 2\nlesson a2_5\nstep 3\n"
                        "furthest 5\nsteps 9\ncomplete 0\nseen 3,5\n"
                        "quiz 2 1 3 1 0 0\nquiz 4 2 1 0 0 0\n");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(progress_load(dir, "a2_5", &q, err, sizeof err), 0);
    assert_string_equal(q.id, "a2_5");
    assert_int_equal(q.step, 3);
    assert_int_equal(q.furthest, 5);
    assert_int_equal(q.nsteps, 9);
    assert_int_equal(q.complete, 0);
    assert_int_equal(q.nanswers, 2);
    assert_memory_equal(q.answers, p.answers, 2 * sizeof *p.answers);
    progress_free(&p);
    progress_free(&q);
    assert_null(q.id);
    free(text);
    free(path);
}

/* Answering the same quiz again replaces the answer, others append;
 * flags read as 0 or 1, and a revealed answer is never right. */
static void answer_replaces(void **state)
{
    struct progress p = { .id = xstrdup("x") };

    (void)state;

    progress_quiz(&p, 2, 1, 3, 0, 0, 0);
    progress_quiz(&p, 2, 2, 1, 1, 0, 0);
    progress_quiz(&p, 2, 1, 4, 7, 2, 0);
    assert_int_equal(p.nanswers, 2);
    assert_int_equal(p.answers[0].choice, 4);
    assert_int_equal(p.answers[0].right, 1);
    assert_int_equal(p.answers[0].wrong, 2);
    assert_int_equal(p.answers[1].index, 2);
    progress_quiz(&p, 2, 2, 3, 1, 1, 5);
    assert_true(p.answers[1].choice == 3 && !p.answers[1].right
                && p.answers[1].revealed == 1 && p.answers[1].wrong == 1);
    progress_free(&p);
}

/* visit moves step, keeps the furthest, and completes at the last step. */
static void visit_semantics(void **state)
{
    struct progress p = { .id = xstrdup("x") };

    (void)state;

    progress_visit(&p, 1, 5);
    assert_true(p.step == 1 && p.furthest == 1 && p.nsteps == 5);
    progress_visit(&p, 3, 5);
    progress_visit(&p, 2, 5);
    assert_true(p.step == 2 && p.furthest == 3 && !p.complete);
    progress_visit(&p, 5, 5);
    assert_true(p.furthest == 5 && p.complete);
    progress_visit(&p, 1, 5);
    assert_true(p.step == 1 && p.furthest == 5 && p.complete);
    progress_visit(&p, 7, 8);                   /* the lesson grew */
    assert_true(p.furthest == 7 && p.nsteps == 8 && p.complete);
    progress_visit(&p, 2, 3);                   /* and shrank */
    assert_true(p.step == 2 && p.furthest == 3);
    progress_free(&p);
}

/* No file and no directory both mean empty progress, not an error. */
static void missing_is_empty(void **state)
{
    const char *dir = *state;
    char warn[256] = "", *gone = xasprintf("%s/no/such/dir", dir);
    struct progress p;

    assert_int_equal(progress_load(dir, "a1", &p, warn, sizeof warn), 0);
    assert_string_equal(p.id, "a1");
    assert_true(p.step == 0 && p.nsteps == 0 && p.nanswers == 0);
    progress_free(&p);
    assert_int_equal(progress_load(gone, "a1", &p, warn, sizeof warn), 0);
    assert_true(p.step == 0 && p.answers == NULL);
    assert_string_equal(warn, "");
    progress_free(&p);
    free(gone);
}

/* Saves create missing directories 0700 and leave no temporary files,
 * only the record and its (empty) lock file. */
static void save_is_atomic(void **state)
{
    const char *dir = *state;
    char err[256], *deep = xasprintf("%s/state/nntutor", dir);
    struct progress p = { .id = xstrdup("a") };
    struct stat st;

    umask(022);
    for (int i = 1; i <= 3; i++) {
        progress_visit(&p, i, 3);
        assert_int_equal(progress_save(deep, &p, err, sizeof err), 0);
    }
    assert_int_equal(count_names(deep, "", NULL), 2);
    assert_int_equal(count_names(deep, "a.progress", NULL), 1);
    assert_int_equal(count_names(deep, ".a.lock", NULL), 1);
    assert_int_equal(stat(deep, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    p.step = 4;                                 /* past its 3 steps */
    assert_int_equal(progress_save(deep, &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "step 4"));
    assert_int_equal(count_names(deep, "", NULL), 2);
    progress_free(&p);
    free(deep);
}

/* A corrupt file of each kind is kept aside byte for byte. */
static void corrupt_moved_aside(void **state)
{
    static const struct {
        const char *text, *why;
        size_t len;
    } cases[] = {
#define C(text, why) { text, why, sizeof text - 1 }
        C("\x01\x02 hello \xff\n", "line 1: expected"),
        C("nntutor-prog", "no newline"),
        C("nntutor-progress 1\nlesson c\nstep x\n",
          "line 3: 'step' is not a number"),
        C("nntutor-progress 1\nlesson c\nstep 5\nfurthest 5\nsteps 3\n"
          "complete 0\n", "line 3: step 5"),
        C("nntutor-progress 1\nlesson d\n",
          "line 2: the lesson named there is not c"),
        C("", "empty file"),
        C(GOOD "trailing", "no newline"),
        C(GOOD "colour blue\n", "line 7: unknown key"),
        C(GOOD "quiz 1 1 2 2\n", "line 7: quiz"),
        C(GOOD "quiz 1 1 2\n", "line 7: expected 'quiz"),
        C(GOOD "step 1\n", "a second 'step'"),
        C(GOOD "\n", "empty line"),
        C("nntutor-progress 1\nlesson c\nstep 0\nfurthest 0\nsteps 0\n"
          "complete 2\n", "line 6: complete 2"),
        C(GOOD "quiz 1 1  2 1\n", "stray space"),
        C("nntutor-progress 3\n", "line 1"),
        C("nntutor-progress 2\n", "no 'lesson' line"),
        C("nntutor-progress 1\r\n", "line 1"),
        C("nntutor-progress 1\nlesson c\nstep -1\n",
          "line 3: 'step' is not a number"),
        C(GOOD "quiz 1 x 2 1\n", "line 7: quiz INDEX is not a number"),
        C("nntutor-progress 1\nlesson c\nstep 1\n", "no 'furthest'"),
        C(GOOD "\0", "NUL"),
        /* version 2 lines */
        C(GOOD2 "quiz 1 1 2 1\n",
          "line 7: expected 'quiz STEP INDEX CHOICE RIGHT WRONG REVEALED'"),
        C(GOOD2 "quiz 0 1 2 1 0 0\n", "line 7: quiz STEP is not a number "
          "from 1"),
        C(GOOD2 "quiz 1 1 2 1 x 0\n", "line 7: quiz WRONG is not a number"),
        C(GOOD2 "quiz 1 1 2 1 0 2\n", "line 7: quiz REVEALED is not a "
          "number from 0 to 1"),
        C(GOOD2 "quiz 1 1 2 1 0 1\n", "line 7: quiz RIGHT is 1 with"),
        C(GOOD2 "quiz 1 1 0 1 0 0\n", "line 7: quiz RIGHT is 1 with"),
        C(GOOD2 "quiz 1 1 0 0 0 0\nquiz 1 1 2 1 0 0\n",
          "line 8: a second answer to quiz 1 of step 1"),
        C(GOOD2 "seen 1\nseen 2\n", "line 8: a second 'seen' line"),
        C(GOOD2 "seen 1 2\n", "line 7: expected 'seen VALUE'"),
        C(GOOD2 "seen 2,1\n", "line 7: seen range 2 does not rise"),
        C(GOOD2 "seen 1-2,2\n", "line 7: seen range 2 does not rise"),
        C(GOOD2 "seen 2-1\n", "line 7: seen range 1 does not rise"),
        C(GOOD2 "seen 1,,2\n", "line 7: seen range 2 FROM is not a"),
        C(GOOD2 "seen 1,\n", "line 7: seen range 2 FROM is not a"),
        C(GOOD2 "seen 1-\n", "line 7: seen range 1 TO is not a"),
        C(GOOD2 "seen 0\n", "line 7: seen range 1 FROM is not a"),
        C(GOOD2 "seen 1-2-3\n", "line 7: seen range 1 TO is not a"),
        C(GOOD2 "seen 1,3\n", "line 7: seen step 3 is past furthest 2"),
        C(GOOD2 "exercise fit 1 1 0 2\n", "line 7: expected 'exercise NAME"),
        C(GOOD2 "exercise 2fit 1 1 0 2 3\n", "line 7: exercise NAME is not"),
        C(GOOD2 "exercise f-t 1 1 0 2 3\n", "line 7: exercise NAME is not"),
        C(GOOD2 "exercise " L64 "x 1 1 0 2 3\n",         /* 65 bytes */
          "line 7: exercise NAME is not"),
        C(GOOD2 "exercise " L64 " 1 1 0 2 3\nstep 3\n",  /* 64 is fine */
          "line 8: a second 'step' line"),
        C(GOOD2 "exercise fit 1 2 0 2 3\n", "line 7: exercise PASSED is not "
          "a number from 0 to 1"),
        C(GOOD2 "exercise fit 1 1 0 2 -3\n", "line 7: exercise CHECKS"),
        C(GOOD2 "exercise fit 1 1 0 2 3\nexercise fit 0 0 0 0 0\n",
          "line 8: a second record of one exercise"),
        /* version 1 files know no version 2 lines */
        C(GOOD "seen 1\n", "line 7: unknown key"),
        C(GOOD "exercise fit 1 1 0 2 3\n", "line 7: unknown key"),
        C(GOOD "quiz 1 1 2 1 0 0\n", "line 7: expected 'quiz STEP INDEX "
          "CHOICE RIGHT'"),
        C(GOOD "quiz 1 1 0 0\n", "line 7: quiz CHOICE must be at least 1"),
#undef C
    };
    char warn[512];

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *sub = xasprintf("%s/%zu", (char *)*state, i);
        char *path = xasprintf("%s/c.progress", sub), *bak = NULL, *got;
        struct progress p;
        size_t len;

        assert_int_equal(mkdir(sub, 0700), 0);
        put_file(path, cases[i].text, cases[i].len);
        if (progress_load(sub, "c", &p, warn, sizeof warn) != 1)
            fail_msg("case %zu loaded", i);
        assert_true(p.step == 0 && p.nanswers == 0 && !strcmp(p.id, "c"));
        assert_int_equal(access(path, F_OK), -1);
        assert_int_equal(count_names(sub, "c.progress.bad-", &bak), 1);
        got = get_file(bak, &len);
        assert_int_equal(len, cases[i].len);
        assert_memory_equal(got, cases[i].text, len);
        if (!strstr(warn, cases[i].why))
            fail_msg("case %zu: '%s' lacks '%s'", i, warn, cases[i].why);
        assert_non_null(strstr(warn, "was corrupt"));
        assert_non_null(strstr(warn, path));
        assert_non_null(strstr(warn, bak));
        assert_non_null(strstr(warn, "started afresh"));
        progress_free(&p);
        free(got);
        free(bak);
        free(path);
        free(sub);
    }
}

/* A second corrupt file never replaces an earlier backup. */
static void backups_never_overwritten(void **state)
{
    const char *dir = *state;
    char warn[512], *path = xasprintf("%s/c.progress", dir), *names[4];
    char *first, *second;
    long t = (long)time(NULL);
    struct progress p;
    size_t len;
    int k = 0;

    for (long s = t; s <= t + 1; s++) {         /* the clock may tick */
        names[k] = xasprintf("%s.bad-%ld", path, s);
        put_file(names[k++], "keep", 4);
        names[k] = xasprintf("%s.bad-%ld-1", path, s);
        put_file(names[k++], "keep", 4);
    }
    put_file(path, "first", 5);
    assert_int_equal(progress_load(dir, "c", &p, warn, sizeof warn), 1);
    progress_free(&p);
    first = backup_of(warn);
    put_file(path, "second", 6);
    assert_int_equal(progress_load(dir, "c", &p, warn, sizeof warn), 1);
    progress_free(&p);
    second = backup_of(warn);
    assert_string_not_equal(first, second);
    assert_int_equal(count_names(dir, "c.progress.bad-", NULL), 6);
    for (k = 0; k < 4; k++) {
        char *got = get_file(names[k], &len);
        assert_string_equal(got, "keep");
        free(got);
        free(names[k]);
    }
    for (k = 0; k < 2; k++) {
        char *got = get_file(k ? second : first, &len);
        assert_string_equal(got, k ? "second" : "first");
        free(got);
    }
    free(first);
    free(second);
    free(path);
}

/* Something unreadable at the file's place is moved aside too. */
static void unreadable_moved_aside(void **state)
{
    const char *dir = *state;
    char warn[512], *path = xasprintf("%s/u.progress", dir), *bak = NULL;
    struct progress p;

    assert_int_equal(mkdir(path, 0700), 0);     /* a directory */
    assert_int_equal(progress_load(dir, "u", &p, warn, sizeof warn), 1);
    assert_non_null(strstr(warn, "could not be read"));
    assert_int_equal(count_names(dir, "u.progress.bad-", &bak), 1);
    assert_true(is_dir(bak) && !is_dir(path));
    assert_non_null(strstr(warn, bak));
    progress_free(&p);
    free(bak);
    free(path);
}

/* A file we may not read is moved aside, or left in place if it cannot
 * be moved; root reads anything, so this needs an ordinary user. */
static void unreadable_file(void **state)
{
    const char *dir = *state;
    char warn[512], *path = xasprintf("%s/u.progress", dir);
    struct progress p;

    if (writes_ignore_modes(dir)) {
        free(path);
        skip();
    }
    put_file(path, GOOD, sizeof GOOD - 1);
    chmod(path, 0);
    assert_int_equal(progress_load(dir, "u", &p, warn, sizeof warn), 1);
    assert_non_null(strstr(warn, "Permission denied"));
    assert_int_equal(count_names(dir, "u.progress.bad-", NULL), 1);
    progress_free(&p);
    put_file(path, GOOD, sizeof GOOD - 1);      /* now in a locked dir */
    chmod(path, 0);
    chmod(dir, 0500);
    assert_int_equal(progress_load(dir, "u", &p, warn, sizeof warn), 1);
    chmod(dir, 0700);
    assert_non_null(strstr(warn, "left it in place"));
    assert_true(is_file(path));
    progress_free(&p);
    free(path);
}

/* A directory we cannot write makes save fail and name the path. */
static void unwritable_dir(void **state)
{
    const char *dir = *state;
    char err[512];
    char *ro = xasprintf("%s/ro", dir), *blocker = xasprintf("%s/file", dir);
    char *target = ro;
    struct progress p = { .id = xstrdup("a") };

    progress_visit(&p, 1, 2);
    assert_int_equal(mkdir(ro, 0500), 0);
    if (writes_ignore_modes(dir)) {             /* root: block with a file */
        put_file(blocker, "x", 1);
        target = xasprintf("%s/sub", blocker);
    }
    assert_int_equal(progress_save(target, &p, err, sizeof err), -1);
    assert_non_null(strstr(err, target == ro ? ro : blocker));
    assert_non_null(strstr(err, target == ro ? "Permission denied"
                                             : "Not a directory"));
    assert_int_equal(count_names(ro, "", NULL), 0);
    if (target != ro)
        free(target);
    progress_free(&p);
    free(blocker);
    free(ro);
}

/* reset removes one record or all, leaving backups and other files. */
static void reset_one_and_all(void **state)
{
    const char *dir = *state;
    const char *ids[] = { "a", "b", "c" };
    char err[512], *other = xasprintf("%s/notes.txt", dir);
    char *bak = xasprintf("%s/a.progress.bad-1", dir);
    char *gone = xasprintf("%s/none", dir), *stuck;
    struct progress p = { 0 };

    for (int i = 0; i < 3; i++) {
        p.id = xstrdup(ids[i]);
        assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
        progress_free(&p);
    }
    put_file(other, "x", 1);
    put_file(bak, "x", 1);
    assert_int_equal(progress_reset(dir, "a", err, sizeof err), 1);
    assert_int_equal(progress_reset(dir, "a", err, sizeof err), 0);
    assert_int_equal(progress_reset(dir, NULL, err, sizeof err), 2);
    assert_int_equal(progress_reset(dir, NULL, err, sizeof err), 0);
    assert_true(is_file(other) && is_file(bak));
    assert_int_equal(progress_reset(gone, NULL, err, sizeof err), 0);
    assert_int_equal(progress_reset(gone, "a", err, sizeof err), 0);
    stuck = xasprintf("%s/x.progress", dir);    /* cannot be unlinked */
    assert_int_equal(mkdir(stuck, 0700), 0);
    assert_int_equal(progress_reset(dir, "x", err, sizeof err), -1);
    assert_non_null(strstr(err, stuck));
    assert_int_equal(progress_reset(dir, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, stuck));
    free(stuck);
    free(gone);
    free(bak);
    free(other);
}

/* Ids that could build odd paths are refused everywhere. */
static void bad_id_refused(void **state)
{
    const char *dir = *state;
    char long_id[200], err[256];
    const char *ids[] = { "", "../x", "a/b", "a.b", "a b", "\xc3\xa9", NULL,
                          long_id };
    struct progress p;

    memset(long_id, 'a', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        err[0] = '\0';
        assert_int_equal(progress_load(dir, ids[i], &p, err, sizeof err), -1);
        assert_non_null(strstr(err, "refusing lesson id"));
        assert_int_equal(progress_save(dir, &p, err, sizeof err), -1);
        assert_non_null(strstr(err, "refusing lesson id"));
        progress_free(&p);
        if (ids[i]) {
            assert_int_equal(progress_reset(dir, ids[i], err, sizeof err), -1);
            assert_non_null(strstr(err, "refusing lesson id"));
        }
    }
    assert_int_equal(count_names(dir, "", NULL), 0);
}

/* Returns p's label in lang for a lesson of nex exercises (a static
 * buffer, so one label per assertion). */
static const char *label(const struct progress *p, int nex, const char *lang)
{
    static char buf[PROGRESS_LABEL_SIZE];

    return progress_label(p, nex, lang, buf, sizeof buf);
}

/* Labels: new, step x/y and done, with quiz and exercise parts when there
 * is something to count, in English and Chinese. */
static void labels(void **state)
{
    struct progress p = { .id = xstrdup("x") };
    char small[8];

    (void)state;

    assert_string_equal(label(&p, 0, "en"), "new");
    assert_string_equal(label(&p, 2, "en"), "new");     /* nothing done */
    assert_string_equal(label(&p, 2, "zh"), "未开始");
    assert_string_equal(label(&p, 0, NULL), "new");
    progress_visit(&p, 3, 7);
    progress_visit(&p, 2, 7);
    assert_string_equal(label(&p, 0, "en"), "step 3/7");
    assert_string_equal(label(&p, 0, "zh"), "第 3/7 步");
    assert_string_equal(label(&p, 1, "en"), "step 3/7 · ex 0/1");
    progress_quiz(&p, 1, 1, 2, 1, 0, 0);        /* right first time */
    progress_quiz(&p, 2, 1, 2, 1, 1, 0);        /* right eventually */
    progress_quiz(&p, 2, 2, 0, 0, 2, 1);        /* revealed */
    assert_string_equal(label(&p, 0, "en"), "step 3/7 · quiz 1/3");
    assert_string_equal(label(&p, 1, "en"), "step 3/7 · quiz 1/3 · ex 0/1");
    assert_string_equal(label(&p, 1, "zh"),
                        "第 3/7 步 · 测验 1/3 · 练习 0/1");
    progress_quiz(&p, 3, 1, 0, 0, 0, 0);        /* skipped */
    progress_exercise(&p, "fit", 3, 1, 0, 0, 2);
    progress_exercise(&p, "peek", 3, 1, 1, 0, 1);   /* revealed: no */
    progress_visit(&p, 7, 7);
    assert_string_equal(label(&p, 2, "en"), "done · quiz 1/4 · ex 1/2");
    assert_string_equal(label(&p, 2, "zh"), "已完成 · 测验 1/4 · 练习 1/2");
    assert_string_equal(label(&p, 1, "xx"), "done · quiz 1/4 · ex 1/1");
    progress_exercise(&p, "more", 4, 1, 0, 0, 1);
    assert_string_equal(label(&p, 1, "en"), "done · quiz 1/4 · ex 1/1");
    progress_visit(&p, 1, 7);
    assert_string_equal(label(&p, 0, "en"), "done · quiz 1/4");
    progress_label(&p, 3, "en", small, sizeof small);
    assert_true(strlen(small) < sizeof small    /* cut short, ended */
                && !strncmp(small, "done ·", strlen(small)));
    progress_free(&p);

    p.id = xstrdup("x");                        /* an exercise, watched */
    progress_exercise(&p, "fit", 0, 1, 0, 1, 1);
    assert_string_equal(label(&p, 1, "en"), "new · ex 1/1");
    assert_string_equal(label(&p, 1, "zh"), "未开始 · 练习 1/1");
    progress_free(&p);

    p.id = xstrdup("x");                        /* long numbers fit */
    progress_visit(&p, 999999998, 999999999);
    progress_quiz(&p, 1, 1, 1, 1, 0, 0);
    assert_string_equal(label(&p, 999999999, "zh"), "第 999999998/999999999 "
                        "步 · 测验 1/1 · 练习 0/999999999");
    progress_free(&p);
}

/* Returns the answer to quiz (step, index) in p, or NULL. */
static const struct quiz_answer *find_answer(const struct progress *p,
                                             int step, int index)
{
    for (int i = 0; i < p->nanswers; i++)
        if (p->answers[i].step == step && p->answers[i].index == index)
            return &p->answers[i];
    return NULL;
}

/* Warnings say what is wrong without echoing the file: it may be a
 * symlink to a secret, or hold terminal escapes. */
static void warnings_never_echo(void **state)
{
    static const char *const texts[] = {
        "root:SECRET:0:0:root:/root:/bin/sh\n",
        "\x1b]52;c;SECRET\x07\n",
        "nntutor-progress 1\nlesson SECRET\n",
        "nntutor-progress 1\nlesson c\nstep SECRET\n",
        "nntutor-progress 1\nlesson c\nSECRET 1\n",
        GOOD "quiz 1 1 SECRET 1\n",
        GOOD "quiz\x1b[2J 1 1 1 1\n",
        GOOD2 "exercise SECRET\x1b[2J 1 1 0 0 0\n",
        GOOD2 "exercise SECRET 1 1 0 0 0\nexercise SECRET 1 1 0 0 0\n",
        GOOD2 "seen 1,SECRET\n",
        GOOD2 "quiz 1 1 1 1 SECRET 0\n",
    };
    const char *dir = *state;
    char warn[512], *path = xasprintf("%s/c.progress", dir);
    char *secret = xasprintf("%s/secret.txt", dir);
    struct progress p;

    for (size_t i = 0; i <= sizeof texts / sizeof *texts; i++) {
        if (i < sizeof texts / sizeof *texts) {
            put_file(path, texts[i], strlen(texts[i]));
        } else {                                /* a symlink to a secret */
            put_file(secret, texts[0], strlen(texts[0]));
            assert_int_equal(symlink(secret, path), 0);
        }
        assert_int_equal(progress_load(dir, "c", &p, warn, sizeof warn), 1);
        if (strstr(warn, "SECRET") || strchr(warn, '\x1b'))
            fail_msg("case %zu echoes the file: %s", i, warn);
        assert_non_null(strstr(warn, "line "));
        progress_free(&p);
    }
    assert_true(is_file(secret));               /* the target stays */
    free(secret);
    free(path);
}

/* The merge rules of progress.h, one by one. */
static void merge_rules(void **state)
{
    struct progress p = { .id = xstrdup("m") };
    struct progress old = { .id = xstrdup("m") };
    const struct quiz_answer *a;

    (void)state;
    progress_visit(&old, 7, 9);
    progress_visit(&old, 9, 9);
    progress_visit(&old, 5, 9);                 /* done, resumes at 5 */
    progress_quiz(&old, 1, 1, 2, 1, 0, 0);      /* right on disk */
    progress_quiz(&old, 2, 1, 1, 0, 0, 0);      /* wrong on disk */
    progress_quiz(&old, 3, 1, 3, 0, 0, 0);      /* wrong in both */
    progress_quiz(&old, 6, 2, 4, 1, 0, 0);      /* only on disk */
    progress_quiz(&old, 8, 1, 1, 1, 0, 0);      /* right in both */
    progress_visit(&p, 3, 9);
    progress_visit(&p, 2, 9);
    progress_quiz(&p, 8, 1, 2, 1, 0, 0);
    progress_quiz(&p, 1, 1, 3, 0, 0, 0);
    progress_quiz(&p, 2, 1, 2, 1, 0, 0);
    progress_quiz(&p, 3, 1, 4, 0, 0, 0);
    progress_quiz(&p, 4, 1, 1, 1, 0, 0);        /* only the saver's */
    progress_merge(&p, &old);
    assert_int_equal(p.step, 2);                /* the saver's */
    assert_int_equal(p.nsteps, 9);
    assert_int_equal(p.furthest, 9);            /* max */
    assert_int_equal(p.complete, 1);            /* or */
    assert_int_equal(p.nanswers, 6);
    for (int i = 1; i < p.nanswers; i++) {      /* sorted */
        const struct quiz_answer *x = &p.answers[i - 1], *y = &p.answers[i];
        assert_true(x->step < y->step
                    || (x->step == y->step && x->index < y->index));
    }
    a = find_answer(&p, 1, 1);
    assert_true(a->choice == 2 && a->right);    /* right beats wrong */
    a = find_answer(&p, 2, 1);
    assert_true(a->choice == 2 && a->right);
    a = find_answer(&p, 3, 1);
    assert_true(a->choice == 4 && !a->right);   /* else the latest */
    a = find_answer(&p, 8, 1);
    assert_true(a->choice == 2 && a->right);
    a = find_answer(&p, 6, 2);
    assert_true(a && a->choice == 4 && a->right);
    a = find_answer(&p, 4, 1);
    assert_true(a && a->choice == 1 && a->right);
    progress_free(&p);

    p.id = xstrdup("m");                        /* a saver with nothing */
    progress_merge(&p, &old);
    assert_true(p.step == 5 && p.furthest == 9 && p.nsteps == 9);
    assert_true(p.complete && p.nanswers == 5);
    progress_free(&p);

    p.id = xstrdup("m");                        /* the lesson got shorter */
    progress_visit(&p, 2, 6);
    progress_merge(&p, &old);
    assert_true(p.step == 2 && p.furthest == 6 && p.nsteps == 6);
    assert_true(p.complete);
    progress_free(&p);

    p.id = xstrdup("m");                        /* and longer */
    progress_visit(&p, 1, 12);
    progress_merge(&p, &old);
    assert_true(p.step == 1 && p.furthest == 9 && p.nsteps == 12);
    assert_true(p.complete);
    progress_free(&p);
    progress_free(&old);
}

/* Every field of version 2 is written as documented and loads back. */
static void round_trip_v2(void **state)
{
    const char *dir = *state;
    struct progress p = { .id = xstrdup("v2") }, q;
    char err[256], *path = xasprintf("%s/v2.progress", dir), *text, *want;
    char name[PROGRESS_MAX_NAME + 1], *again;
    size_t len;

    memset(name, 'z', PROGRESS_MAX_NAME);
    name[PROGRESS_MAX_NAME] = '\0';
    for (int i = 1; i <= 9; i++)
        if (i != 4 && i != 6 && i != 7)
            progress_visit(&p, i, 12);
    progress_visit(&p, 5, 12);
    progress_quiz(&p, 3, 2, 0, 0, 0, 0);        /* skipped */
    progress_quiz(&p, 3, 1, 4, 0, 2, 1);        /* revealed */
    progress_quiz(&p, 2, 1, 1, 1, 0, 0);        /* right first time */
    progress_quiz(&p, 9, 1, 2, 1, 3, 0);        /* right eventually */
    progress_quiz(&p, 8, 1, 3, 0, 1, 0);        /* wrong */
    assert_int_equal(progress_exercise(&p, "fit_line", 5, 1, 0, 2, 7), 0);
    assert_int_equal(progress_exercise(&p, "_a1", 0, 0, 1, 0, 0), 0);
    assert_int_equal(progress_exercise(&p, name, 999999999, 1, 1,
                                       999999999, 999999999), 0);
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
    text = get_file(path, &len);
    want = xasprintf("nntutor-progress 2\nlesson v2\nstep 5\nfurthest 9\n"
                     "steps 12\ncomplete 0\nseen 1-3,5,8-9\n"
                     "quiz 2 1 1 1 0 0\nquiz 3 1 4 0 2 1\nquiz 3 2 0 0 0 0\n"
                     "quiz 8 1 3 0 1 0\nquiz 9 1 2 1 3 0\n"
                     "exercise _a1 0 0 1 0 0\nexercise fit_line 5 1 0 2 7\n"
                     "exercise %s 999999999 1 1 999999999 999999999\n",
                     name);
    assert_string_equal(text, want);
    assert_int_equal(progress_load(dir, "v2", &q, err, sizeof err), 0);
    assert_true(q.step == 5 && q.furthest == 9 && q.nsteps == 12);
    assert_int_equal(q.nseen, 3);
    assert_memory_equal(q.seen, p.seen, 3 * sizeof *p.seen);
    assert_int_equal(q.nanswers, 5);
    assert_memory_equal(q.answers, p.answers, 5 * sizeof *p.answers);
    assert_int_equal(q.nexercises, 3);
    assert_memory_equal(q.exercises, p.exercises, 3 * sizeof *p.exercises);
    for (int i = 1; i <= 12; i++)
        assert_int_equal(progress_seen(&q, i), i <= 3 || i == 5 || i == 8
                                               || i == 9);
    progress_free(&q);
    /* saved again unchanged: the same bytes */
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
    again = get_file(path, &len);
    assert_string_equal(again, want);
    progress_free(&p);
    free(again);
    free(want);
    free(text);
    free(path);
}

/* A version 1 file loads (quizzes with no wrong tries, not revealed, no
 * steps seen), is never set aside, and the next save writes version 2. */
static void v1_loads(void **state)
{
    static const char v1[] = "nntutor-progress 1\nlesson old\nstep 3\n"
        "furthest 4\nsteps 7\ncomplete 0\nquiz 2 1 3 1\nquiz 4 1 1 0\n";
    const char *dir = *state;
    char err[512], *path = xasprintf("%s/old.progress", dir), *text;
    struct progress p;
    const struct quiz_answer *a;
    size_t len;

    put_file(path, v1, sizeof v1 - 1);
    err[0] = '\0';
    assert_int_equal(progress_load(dir, "old", &p, err, sizeof err), 0);
    assert_string_equal(err, "");
    assert_true(p.step == 3 && p.furthest == 4 && p.nsteps == 7);
    assert_true(p.nseen == 0 && p.nexercises == 0 && p.nanswers == 2);
    a = &p.answers[0];
    assert_true(a->step == 2 && a->index == 1 && a->choice == 3 && a->right
                && a->wrong == 0 && !a->revealed);
    assert_int_equal(progress_outcome(a), QUIZ_FIRST_TIME);
    a = &p.answers[1];
    assert_true(a->choice == 1 && !a->right && !a->wrong && !a->revealed);
    assert_int_equal(progress_outcome(a), QUIZ_WRONG);
    assert_string_equal(label(&p, 0, "en"), "step 4/7 · quiz 1/2");
    progress_visit(&p, 4, 7);
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
    text = get_file(path, &len);
    assert_string_equal(text, "nntutor-progress 2\nlesson old\nstep 4\n"
                        "furthest 4\nsteps 7\ncomplete 0\nseen 4\n"
                        "quiz 2 1 3 1 0 0\nquiz 4 1 1 0 0 0\n");
    assert_int_equal(count_names(dir, "old.progress.bad-", NULL), 0);
    /* a version 1 record on disk merges into a version 2 save */
    put_file(path, v1, sizeof v1 - 1);
    progress_free(&p);
    p.id = xstrdup("old");
    progress_visit(&p, 1, 7);
    progress_quiz(&p, 4, 1, 2, 1, 1, 0);
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
    free(text);
    text = get_file(path, &len);
    assert_string_equal(text, "nntutor-progress 2\nlesson old\nstep 1\n"
                        "furthest 4\nsteps 7\ncomplete 0\nseen 1\n"
                        "quiz 2 1 3 1 0 0\nquiz 4 1 2 1 1 0\n");
    assert_int_equal(count_names(dir, "old.progress.bad-", NULL), 0);
    progress_free(&p);
    free(text);
    free(path);
}

/* visit marks steps seen, as ranges; a shorter lesson drops the rest. */
static void visit_marks_seen(void **state)
{
    struct progress p = { .id = xstrdup("x") };
    const struct step_range want[] = { { 1, 3 }, { 5, 5 }, { 7, 8 } };

    (void)state;

    assert_false(progress_seen(&p, 1));
    progress_visit(&p, 0, 9);                   /* no step: none seen */
    assert_int_equal(p.nseen, 0);
    for (int i = 8; i >= 1; i--)                /* backwards, and twice */
        if (i != 4 && i != 6) {
            progress_visit(&p, i, 9);
            progress_visit(&p, i, 9);
        }
    assert_int_equal(p.nseen, 3);
    assert_memory_equal(p.seen, want, sizeof want);
    progress_visit(&p, 4, 9);                   /* joins two ranges */
    assert_int_equal(p.nseen, 2);
    assert_true(p.seen[0].from == 1 && p.seen[0].to == 5);
    progress_visit(&p, 6, 9);
    assert_int_equal(p.nseen, 1);
    assert_true(p.seen[0].from == 1 && p.seen[0].to == 8);
    progress_visit(&p, 2, 4);                   /* the lesson shrank */
    assert_int_equal(p.nseen, 1);
    assert_true(p.seen[0].from == 1 && p.seen[0].to == 4);
    assert_true(progress_seen(&p, 4) && !progress_seen(&p, 5));
    progress_free(&p);
    assert_null(p.seen);
}

/* Outcomes rank as documented, and an exercise record only rises. */
static void outcomes_and_exercises(void **state)
{
    struct progress p = { .id = xstrdup("x") };
    const struct exercise_record *e;
    char long_name[PROGRESS_MAX_NAME + 2];
    const char *bad[] = { "", "1a", "a-b", "a b", "é", NULL, long_name };

    (void)state;

    progress_quiz(&p, 1, 1, 2, 1, 0, 0);
    progress_quiz(&p, 1, 2, 2, 1, 2, 0);
    progress_quiz(&p, 1, 3, 2, 1, 2, 1);        /* revealed: not right */
    progress_quiz(&p, 1, 4, 0, 0, 2, 1);
    progress_quiz(&p, 1, 5, 3, 0, 1, 0);
    progress_quiz(&p, 1, 6, 0, 0, 1, 0);        /* a wrong try, skipped */
    assert_int_equal(progress_outcome(&p.answers[0]), QUIZ_FIRST_TIME);
    assert_int_equal(progress_outcome(&p.answers[1]), QUIZ_EVENTUALLY);
    assert_int_equal(progress_outcome(&p.answers[2]), QUIZ_REVEALED);
    assert_false(p.answers[2].right);
    assert_int_equal(progress_outcome(&p.answers[3]), QUIZ_REVEALED);
    assert_int_equal(progress_outcome(&p.answers[4]), QUIZ_WRONG);
    assert_int_equal(progress_outcome(&p.answers[5]), QUIZ_SKIPPED);
    assert_true(QUIZ_FIRST_TIME > QUIZ_EVENTUALLY
                && QUIZ_EVENTUALLY > QUIZ_REVEALED
                && QUIZ_REVEALED > QUIZ_WRONG && QUIZ_WRONG > QUIZ_SKIPPED);

    assert_null(progress_find_exercise(&p, "fit"));
    assert_int_equal(progress_exercise(&p, "fit", 3, 0, 0, 2, 4), 0);
    assert_int_equal(progress_exercise(&p, "fit", 0, 1, 0, 1, 2), 0);
    e = progress_find_exercise(&p, "fit");
    assert_true(e && e->step == 3 && e->passed && !e->revealed
                && e->hints == 2 && e->checks == 4);
    assert_int_equal(progress_exercise(&p, "fit", 5, 0, 7, 3, 5), 0);
    e = progress_find_exercise(&p, "fit");
    assert_true(e->step == 5 && e->passed && e->revealed == 1
                && e->hints == 3 && e->checks == 5);
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(progress_exercise(&p, bad[i], 1, 1, 0, 0, 0), -1);
    long_name[PROGRESS_MAX_NAME] = '\0';        /* 64 bytes is fine */
    assert_int_equal(progress_exercise(&p, long_name, 1, 1, 0, 0, 0), 0);
    assert_int_equal(p.nexercises, 2);
    assert_null(progress_find_exercise(&p, NULL));
    progress_free(&p);
}

/* Saves refuse records that break the rules of the file. */
static void save_refuses_bad_fields(void **state)
{
    const char *dir = *state;
    char err[256];

    for (int i = 0; i < 6; i++) {
        struct progress p = { .id = xstrdup("b") };
        progress_visit(&p, 2, 3);
        switch (i) {
        case 0: progress_quiz(&p, 0, 1, 1, 0, 0, 0); break;
        case 1: progress_quiz(&p, 1, 1, 0, 1, 0, 0); break;
        case 2: progress_quiz(&p, 1, 1, 1, 0, -1, 0); break;
        case 3: progress_exercise(&p, "e", -1, 0, 0, 0, 0); break;
        case 4: p.seen[0].to = 3; break;        /* past furthest */
        case 5:
            progress_exercise(&p, "e", 1, 0, 0, 0, 0);
            progress_exercise(&p, "f", 1, 0, 0, 0, 0);
            strcpy(p.exercises[1].name, "e");   /* named twice */
            break;
        }
        if (progress_save(dir, &p, err, sizeof err) != -1)
            fail_msg("case %d was saved", i);
        assert_non_null(strstr(err, "refusing to save"));
        progress_free(&p);
    }
    assert_int_equal(count_names(dir, "b.progress", NULL), 0);
}

/* The merge rules of the version 2 fields, one by one. */
static void merge_v2_rules(void **state)
{
    struct progress p = { .id = xstrdup("m") };
    struct progress old = { .id = xstrdup("m") };
    /* outcomes: first time, eventually, revealed, wrong, skipped */
    static const int o[5][4] = {
        { 1, 1, 0, 0 }, { 2, 1, 1, 0 }, { 3, 0, 2, 1 }, { 4, 0, 0, 0 },
        { 0, 0, 1, 0 },
    };
    const struct exercise_record *e;

    (void)state;
    progress_visit(&old, 1, 9);
    progress_visit(&old, 2, 9);
    progress_visit(&old, 6, 9);
    progress_visit(&old, 9, 9);
    progress_visit(&p, 3, 9);
    progress_visit(&p, 7, 8);                   /* shorter now */
    /* quiz (i, j): old had outcome i, the saver outcome j */
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            progress_quiz(&old, i + 1, j + 1, o[i][0], o[i][1], o[i][2],
                          o[i][3]);
            progress_quiz(&p, i + 1, j + 1, o[j][0] + 10 * (o[j][0] > 0),
                          o[j][1], o[j][2], o[j][3]);
        }
    progress_exercise(&old, "both", 2, 1, 0, 5, 3);
    progress_exercise(&p, "both", 0, 0, 1, 2, 4);
    progress_exercise(&old, "steps", 2, 0, 0, 0, 0);
    progress_exercise(&p, "steps", 4, 0, 0, 0, 0);
    progress_exercise(&old, "old_only", 1, 0, 1, 1, 1);
    progress_exercise(&p, "new_only", 3, 1, 0, 0, 1);
    progress_exercise(&p, "a_first", 0, 0, 0, 0, 0);
    progress_merge(&p, &old);

    assert_true(p.nsteps == 8 && p.furthest == 8 && p.complete);
    assert_int_equal(p.nseen, 2);               /* 1-3, 6-7, not 9 */
    assert_true(p.seen[0].from == 1 && p.seen[0].to == 3);
    assert_true(p.seen[1].from == 6 && p.seen[1].to == 7);
    assert_int_equal(p.nanswers, 25);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++) {
            const struct quiz_answer *a = find_answer(&p, i + 1, j + 1);
            int mine = j <= i;                  /* better, or a tie */
            assert_non_null(a);
            if (a->choice != (mine ? o[j][0] + 10 * (o[j][0] > 0) : o[i][0])
                || (int)progress_outcome(a) != 4 - (mine ? j : i))
                fail_msg("quiz %d/%d: old %d, saver %d, kept choice %d",
                         i + 1, j + 1, i, j, a->choice);
        }
    assert_int_equal(p.nexercises, 5);
    for (int i = 1; i < p.nexercises; i++)      /* sorted by name */
        assert_true(strcmp(p.exercises[i - 1].name, p.exercises[i].name)
                    < 0);
    e = progress_find_exercise(&p, "both");
    assert_true(e->step == 2 && e->passed && e->revealed && e->hints == 5
                && e->checks == 4);
    assert_int_equal(progress_find_exercise(&p, "steps")->step, 4);
    e = progress_find_exercise(&p, "old_only");
    assert_true(e && e->step == 1 && e->revealed && e->checks == 1);
    e = progress_find_exercise(&p, "new_only");
    assert_true(e && e->step == 3 && e->passed);
    progress_free(&p);
    progress_free(&old);
}

/* Two runs that each saved something the other did not: the file keeps
 * both, field by field. */
static void save_keeps_both_v2(void **state)
{
    const char *dir = *state;
    char err[512];
    struct progress a = { .id = xstrdup("k2") };
    struct progress b = { .id = xstrdup("k2") }, q;
    const struct exercise_record *e;

    progress_visit(&a, 2, 5);
    progress_visit(&b, 4, 5);
    progress_quiz(&a, 2, 1, 1, 0, 0, 1);        /* revealed */
    progress_quiz(&b, 2, 1, 3, 1, 1, 0);        /* right eventually */
    progress_quiz(&a, 3, 1, 0, 0, 0, 0);
    progress_exercise(&a, "fit", 4, 0, 1, 3, 2);
    progress_exercise(&b, "fit", 0, 1, 0, 1, 5);
    progress_exercise(&b, "plot", 0, 1, 0, 0, 1);
    assert_int_equal(progress_save(dir, &a, err, sizeof err), 0);
    assert_int_equal(progress_save(dir, &b, err, sizeof err), 0);
    assert_int_equal(progress_load(dir, "k2", &q, err, sizeof err), 0);
    assert_true(q.nseen == 2 && progress_seen(&q, 2) && progress_seen(&q, 4));
    assert_int_equal(q.nanswers, 2);
    assert_int_equal(progress_outcome(find_answer(&q, 2, 1)),
                     QUIZ_EVENTUALLY);
    assert_int_equal(progress_outcome(find_answer(&q, 3, 1)), QUIZ_SKIPPED);
    e = progress_find_exercise(&q, "fit");
    assert_true(e->step == 4 && e->passed && e->revealed && e->hints == 3
                && e->checks == 5);
    assert_non_null(progress_find_exercise(&q, "plot"));
    progress_free(&q);
    progress_free(&a);
    progress_free(&b);
}

/* The score counts every outcome, and exercises passed with or without
 * their solution. */
static void score_counts(void **state)
{
    struct progress p = { .id = xstrdup("x") };
    struct progress_score s;

    (void)state;

    progress_score(&p, 2, &s);
    assert_true(s.nsteps == 0 && s.seen == 0 && s.quizzes == 0
                && s.exercises == 2 && s.ex_passed == 0);
    progress_visit(&p, 1, 6);
    progress_visit(&p, 2, 6);
    progress_visit(&p, 5, 6);
    progress_quiz(&p, 1, 1, 1, 1, 0, 0);
    progress_quiz(&p, 1, 2, 1, 1, 0, 0);
    progress_quiz(&p, 2, 1, 2, 1, 1, 0);
    progress_quiz(&p, 2, 2, 2, 0, 2, 1);
    progress_quiz(&p, 5, 1, 0, 0, 0, 0);
    progress_quiz(&p, 5, 2, 3, 0, 0, 0);
    progress_exercise(&p, "passed", 2, 1, 0, 1, 3);
    progress_exercise(&p, "cheated", 5, 1, 1, 2, 4);    /* revealed */
    progress_exercise(&p, "peeked", 5, 0, 1, 2, 4);
    progress_exercise(&p, "tried", 5, 0, 0, 0, 4);
    progress_score(&p, 5, &s);
    assert_int_equal(s.nsteps, 6);
    assert_int_equal(s.seen, 3);
    assert_int_equal(s.quizzes, 6);
    assert_int_equal(s.first_time, 2);
    assert_int_equal(s.eventually, 1);
    assert_int_equal(s.revealed, 1);
    assert_int_equal(s.skipped, 1);
    assert_int_equal(s.wrong, 1);
    assert_int_equal(s.exercises, 5);
    assert_int_equal(s.ex_passed, 1);
    assert_int_equal(s.ex_revealed, 2);
    progress_score(&p, -1, &s);
    assert_int_equal(s.exercises, 0);
    progress_free(&p);
}

/* The steps to revisit: quizzes not right the first time, exercises not
 * passed or revealed, each step once, lowest first. */
static void revisit_steps(void **state)
{
    struct progress p = { .id = xstrdup("x") };
    int steps[8], two[2];

    (void)state;

    assert_int_equal(progress_revisit(&p, steps, 8), 0);
    progress_quiz(&p, 1, 1, 1, 1, 0, 0);        /* fine */
    progress_quiz(&p, 9, 1, 1, 1, 1, 0);        /* eventually */
    progress_quiz(&p, 9, 2, 1, 0, 0, 0);        /* wrong, same step */
    progress_quiz(&p, 4, 1, 0, 0, 0, 0);        /* skipped */
    progress_quiz(&p, 6, 1, 0, 0, 2, 1);        /* revealed */
    progress_exercise(&p, "ok", 2, 1, 0, 3, 5);             /* fine */
    progress_exercise(&p, "cheat", 7, 1, 1, 0, 1);
    progress_exercise(&p, "open", 4, 0, 0, 0, 0);
    progress_exercise(&p, "watched", 0, 0, 0, 0, 0);        /* no step */
    progress_exercise(&p, "first", 3, 0, 0, 0, 0);
    assert_int_equal(progress_revisit(&p, steps, 8), 5);
    assert_int_equal(steps[0], 3);
    assert_int_equal(steps[1], 4);
    assert_int_equal(steps[2], 6);
    assert_int_equal(steps[3], 7);
    assert_int_equal(steps[4], 9);
    assert_int_equal(progress_revisit(&p, two, 2), 2);
    assert_true(two[0] == 3 && two[1] == 4);
    assert_int_equal(progress_revisit(&p, NULL, 0), 0);
    progress_free(&p);
}

/* A save merges with the record on disk, writes the merge, and leaves it
 * in the caller's record. */
static void save_merges(void **state)
{
    const char *dir = *state;
    char err[512], *path = xasprintf("%s/s.progress", dir), *text;
    struct progress first = { .id = xstrdup("s") };
    struct progress stale = { .id = xstrdup("s") }, q;
    size_t len;

    /* the second run opened the lesson before the first saved anything */
    progress_visit(&stale, 1, 4);
    progress_visit(&first, 4, 4);
    progress_quiz(&first, 2, 1, 2, 1, 0, 0);
    assert_int_equal(progress_save(dir, &first, err, sizeof err), 0);
    progress_quiz(&stale, 2, 1, 1, 0, 0, 0);
    progress_quiz(&stale, 3, 1, 1, 0, 0, 0);
    assert_int_equal(progress_save(dir, &stale, err, sizeof err), 0);
    text = get_file(path, &len);
    assert_string_equal(text, "nntutor-progress 2\nlesson s\nstep 1\n"
                        "furthest 4\nsteps 4\ncomplete 1\nseen 1,4\n"
                        "quiz 2 1 2 1 0 0\nquiz 3 1 1 0 0 0\n");
    free(text);
    assert_true(stale.furthest == 4 && stale.complete && stale.step == 1);
    assert_int_equal(stale.nanswers, 2);        /* the caller has it too */
    assert_true(find_answer(&stale, 2, 1)->right);
    /* the first run, still open, saves again: nothing goes back */
    progress_visit(&first, 2, 4);
    assert_int_equal(progress_save(dir, &first, err, sizeof err), 0);
    assert_int_equal(progress_load(dir, "s", &q, err, sizeof err), 0);
    assert_true(q.step == 2 && q.furthest == 4 && q.complete);
    assert_int_equal(q.nanswers, 2);
    progress_free(&q);
    progress_free(&first);
    progress_free(&stale);
    free(path);
}

/* A corrupt record found by a save is kept aside, and the save says so. */
static void save_sets_corrupt_aside(void **state)
{
    const char *dir = *state;
    char err[512], *path = xasprintf("%s/c.progress", dir), *bak = NULL;
    char *got;
    struct progress p = { .id = xstrdup("c") }, q;
    size_t len;

    put_file(path, "garbage\n", 8);
    progress_visit(&p, 2, 3);
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 1);
    assert_non_null(strstr(err, "was corrupt"));
    assert_int_equal(count_names(dir, "c.progress.bad-", &bak), 1);
    assert_non_null(strstr(err, bak));
    got = get_file(bak, &len);
    assert_string_equal(got, "garbage\n");
    assert_int_equal(progress_load(dir, "c", &q, err, sizeof err), 0);
    assert_true(q.step == 2 && q.furthest == 2 && q.nsteps == 3);
    progress_free(&q);
    progress_free(&p);
    free(got);
    free(bak);
    free(path);
}

/* Sets the modification time of path to secs ago. */
static void age_file(const char *path, long secs)
{
    struct timespec t[2];

    t[0].tv_sec = t[1].tv_sec = time(NULL) - secs;
    t[0].tv_nsec = t[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* A save removes every temp of its id and old temps of other ids, and
 * nothing that is not one of our temp names. */
static void temps_cleaned(void **state)
{
    static const char *const gone[] = {
        ".t.progress.Ab3xYz", ".t.progress.000000",
    };
    static const char *const kept[] = {
        ".other.progress.Qw12er",               /* another id, fresh */
        ".t.progress.Ab3xY", ".t.progress.Ab3xYz7", ".t.progress.Ab-xYz",
        ".t.progress.bad-12", "t.progress.Ab3xYz", ".t.progressXAb3xYz",
        ".t.lock.Ab3xYz", "notes.txt", ".tt.progress", "t.progress.bad-1",
        ".t.x.progress.Ab3xYz",
    };
    const char *dir = *state;
    char err[256], *old_other = xasprintf("%s/.o-2.progress.ZZ99zz", dir);
    char *old_odd = xasprintf("%s/.o-2.progress.ZZ99z", dir);
    char *subdir = xasprintf("%s/.t.progress.Dir123", dir);
    struct progress p = { .id = xstrdup("t") };

    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++) {
        char *f = xasprintf("%s/%s", dir, gone[i]);
        put_file(f, "x", 1);
        free(f);
    }
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        char *f = xasprintf("%s/%s", dir, kept[i]);
        put_file(f, "x", 1);
        age_file(f, 7200);                      /* old, but not ours */
        if (i == 0)
            age_file(f, 60);                    /* ours, but fresh */
        free(f);
    }
    put_file(old_other, "x", 1);
    age_file(old_other, 7200);
    put_file(old_odd, "x", 1);
    age_file(old_odd, 7200);
    assert_int_equal(mkdir(subdir, 0700), 0);   /* not a file: left */
    progress_visit(&p, 1, 2);
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++) {
        char *f = xasprintf("%s/%s", dir, gone[i]);
        if (access(f, F_OK) == 0)
            fail_msg("%s was not removed", gone[i]);
        free(f);
    }
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        char *f = xasprintf("%s/%s", dir, kept[i]);
        if (!is_file(f))
            fail_msg("%s was removed", kept[i]);
        free(f);
    }
    assert_int_equal(access(old_other, F_OK), -1);
    assert_true(is_file(old_odd) && is_dir(subdir));
    progress_free(&p);
    free(subdir);
    free(old_odd);
    free(old_other);
}

/* A save waits while another process holds the lesson's lock. */
static void save_waits_for_lock(void **state)
{
    const char *dir = *state;
    char *lock = xasprintf("%s/.w.lock", dir);
    char *path = xasprintf("%s/w.progress", dir);
    int fd = open(lock, O_RDWR | O_CREAT, 0600), status;
    pid_t pid;

    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct progress p = { .id = xstrdup("w") };
        char err[256];
        close(fd);                  /* the lock stays with the parent */
        progress_visit(&p, 1, 1);
        _exit(progress_save(dir, &p, err, sizeof err) == 0 ? 0 : 1);
    }
    usleep(300000);
    assert_int_equal(access(path, F_OK), -1);   /* still waiting */
    assert_int_equal(waitpid(pid, &status, WNOHANG), 0);
    close(fd);                                  /* let it go */
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_true(is_file(path));
    free(path);
    free(lock);
}

#define TWO_N 300               /* saves per process */
#define TWO_STEPS 100

/* One of two runs saving the same lesson; each save starts from a record
 * that knows only this save's news, as a fresh run would.  Returns the
 * exit status: 0, or what went wrong. */
static int saver(const char *dir, int who)
{
    char err[512];

    for (int i = 1; i <= TWO_N; i++) {
        struct progress p = { .id = xstrdup("two") };
        int step = who == 0 ? i % 50 + 1
                 : i == TWO_N / 2 ? TWO_STEPS : i % 30 + 1;

        progress_visit(&p, step, TWO_STEPS);
        progress_quiz(&p, 3 + who, i, 1 + who, who == 0, 0, 0);
        /* an exercise each, and one both work on */
        progress_exercise(&p, who ? "b" : "a", 0, i == TWO_N, 0, i % 4, i);
        progress_exercise(&p, "both", who ? 0 : 7, who && i == 5,
                          !who && i == TWO_N / 3, who ? i : 0, 1);
        if (who == 0 && i == 1)
            progress_quiz(&p, 5, 1, 2, 1, 0, 0); /* right, once */
        if (who == 1)
            progress_quiz(&p, 5, 1, 3, 0, 0, 0); /* wrong, every time */
        if (progress_save(dir, &p, err, sizeof err) != 0) {
            fprintf(stderr, "saver %d: %s\n", who, err);
            return 2;
        }
        /* the merge came back: all our earlier answers are in it */
        for (int j = 1; j <= i; j++)
            if (!find_answer(&p, 3 + who, j))
                return 3;
        if (progress_find_exercise(&p, who ? "b" : "a")->checks != i)
            return 5;
        if (who == 1 && i >= TWO_N / 2 && !p.complete)
            return 4;
        progress_free(&p);
    }
    return 0;
}

/* Two processes saving the same lesson at once lose nothing. */
static void two_savers(void **state)
{
    const char *dir = *state;
    char err[512];
    struct progress q;
    pid_t pid[2];
    const struct quiz_answer *a;
    const struct exercise_record *e;

    for (int who = 0; who < 2; who++) {
        pid[who] = fork();
        assert_true(pid[who] >= 0);
        if (pid[who] == 0)
            _exit(saver(dir, who));
    }
    for (int who = 0; who < 2; who++) {
        int status;
        assert_int_equal(waitpid(pid[who], &status, 0), pid[who]);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail_msg("saver %d ended with status %d", who, status);
    }
    assert_int_equal(progress_load(dir, "two", &q, err, sizeof err), 0);
    assert_int_equal(q.furthest, TWO_STEPS);
    assert_int_equal(q.complete, 1);
    assert_int_equal(q.nsteps, TWO_STEPS);
    assert_int_equal(q.nanswers, 2 * TWO_N + 1);
    for (int who = 0; who < 2; who++)
        for (int i = 1; i <= TWO_N; i++) {
            a = find_answer(&q, 3 + who, i);
            if (!a || a->choice != 1 + who)
                fail_msg("answer %d of saver %d was lost", i, who);
        }
    a = find_answer(&q, 5, 1);
    assert_true(a && a->right && a->choice == 2);
    /* steps 1-50 and 100 were seen, every exercise field kept */
    assert_int_equal(q.nseen, 2);
    assert_true(q.seen[0].from == 1 && q.seen[0].to == 50);
    assert_true(q.seen[1].from == 100 && q.seen[1].to == 100);
    for (int who = 0; who < 2; who++) {
        const struct exercise_record *e =
            progress_find_exercise(&q, who ? "b" : "a");
        assert_true(e && e->passed && !e->revealed && e->hints == 3
                    && e->checks == TWO_N && e->step == 0);
    }
    e = progress_find_exercise(&q, "both");
    assert_true(e && e->step == 7 && e->passed && e->revealed
                && e->hints == TWO_N && e->checks == 1);
    assert_int_equal(count_names(dir, ".two.progress.", NULL), 0);
    assert_int_equal(count_names(dir, "two.progress.bad-", NULL), 0);
    progress_free(&q);
}

#define KILL_ROUNDS 60
#define KILL_STEPS 1000000

/* A run that resumes the record and saves in a loop until killed,
 * writing the number of each step whose save returned to fd. */
static int kill_saver(const char *dir, int fd)
{
    char err[512];
    struct progress p;

    if (progress_load(dir, "k", &p, err, sizeof err) != 0)
        return 2;
    for (int i = p.furthest + 1;; i++) {
        progress_visit(&p, i, KILL_STEPS);
        if (i % 16 == 0)
            progress_quiz(&p, i, 1, 1 + i % 3, i % 2, 0, 0);
        if (progress_save(dir, &p, err, sizeof err) != 0)
            return 3;
        if (write(fd, &i, sizeof i) != sizeof i)
            return 4;
    }
}

/* Saves killed with SIGKILL at random moments lose nothing that was
 * saved, never leave a corrupt record, and the next save removes the
 * temporary files they left. */
static void kill_during_saves(void **state)
{
    const char *dir = *state;
    char err[512];
    unsigned seed = (unsigned)time(NULL);
    int saved = 0, left = 0;
    struct progress q;

    for (int round = 0; round < KILL_ROUNDS; round++) {
        int fds[2], status, v;
        pid_t pid;

        assert_int_equal(pipe(fds), 0);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            _exit(kill_saver(dir, fds[1]));
        }
        close(fds[1]);
        /* every other round, let a save finish first: on a slow machine
         * (ASan) starting the child may take longer than the delay */
        if (round % 2 && read(fds[0], &v, sizeof v) == sizeof v)
            saved = v > saved ? v : saved;
        usleep(1000 + (unsigned)rand_r(&seed) % 20000);
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFSIGNALED(status))
            fail_msg("round %d: the saver ended by itself (%d)", round,
                     status);
        while (read(fds[0], &v, sizeof v) == sizeof v)
            saved = v > saved ? v : saved;
        close(fds[0]);
        left += count_names(dir, ".k.progress.", NULL);
        assert_int_equal(progress_load(dir, "k", &q, err, sizeof err), 0);
        if (q.furthest < saved)
            fail_msg("round %d: furthest %d, but %d was saved", round,
                     q.furthest, saved);
        for (int i = 16; i <= q.furthest; i += 16)
            if (!find_answer(&q, i, 1))
                fail_msg("round %d: answer at step %d lost", round, i);
        progress_free(&q);
    }
    assert_true(saved > 0);
    assert_int_equal(count_names(dir, "k.progress.bad-", NULL), 0);
    assert_int_equal(progress_load(dir, "k", &q, err, sizeof err), 0);
    progress_visit(&q, 1, KILL_STEPS);
    assert_int_equal(progress_save(dir, &q, err, sizeof err), 0);
    assert_int_equal(count_names(dir, ".k.progress.", NULL), 0);
    print_message("%d kills: every one of %d saves kept, %d temporary "
                  "files left and cleaned\n", KILL_ROUNDS, saved, left);
    progress_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(round_trip),
        T(answer_replaces),
        T(visit_semantics),
        T(missing_is_empty),
        T(save_is_atomic),
        T(corrupt_moved_aside),
        T(backups_never_overwritten),
        T(unreadable_moved_aside),
        T(unreadable_file),
        T(unwritable_dir),
        T(reset_one_and_all),
        T(bad_id_refused),
        T(labels),
        T(warnings_never_echo),
        T(merge_rules),
        T(round_trip_v2),
        T(v1_loads),
        T(visit_marks_seen),
        T(outcomes_and_exercises),
        T(save_refuses_bad_fields),
        T(merge_v2_rules),
        T(save_keeps_both_v2),
        T(score_counts),
        T(revisit_steps),
        T(save_merges),
        T(save_sets_corrupt_aside),
        T(temps_cleaned),
        T(save_waits_for_lock),
        T(two_savers),
        T(kill_during_saves),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
