/* SPDX-License-Identifier: MIT */
/* core/progress.c: round trips, atomic saves, corrupt files, resets. */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "progress.h"
#include "util.h"

#define GOOD "nntutor-progress 1\nlesson c\nstep 1\nfurthest 2\nsteps 3\n" \
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
    progress_answer(&p, 2, 1, 3, 1);
    progress_answer(&p, 4, 2, 1, 0);
    assert_int_equal(progress_save(dir, &p, err, sizeof err), 0);
    text = get_file(path, &len);
    assert_string_equal(text, "nntutor-progress 1\nlesson a2_5\nstep 3\n"
                        "furthest 5\nsteps 9\ncomplete 0\nquiz 2 1 3 1\n"
                        "quiz 4 2 1 0\n");
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

/* Answering the same quiz again replaces the answer, others append. */
static void answer_replaces(void **state)
{
    struct progress p = { .id = xstrdup("x") };

    (void)state;

    progress_answer(&p, 2, 1, 3, 0);
    progress_answer(&p, 2, 2, 1, 1);
    progress_answer(&p, 2, 1, 4, 7);
    assert_int_equal(p.nanswers, 2);
    assert_int_equal(p.answers[0].choice, 4);
    assert_int_equal(p.answers[0].right, 1);
    assert_int_equal(p.answers[1].index, 2);
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

/* Saves create missing directories 0700 and leave no temporary files. */
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
    assert_int_equal(count_names(deep, "", NULL), 1);
    assert_int_equal(count_names(deep, "a.progress", NULL), 1);
    assert_int_equal(stat(deep, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    p.step = 4;                                 /* past its 3 steps */
    assert_int_equal(progress_save(deep, &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "step 4"));
    assert_int_equal(count_names(deep, "", NULL), 1);
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
        C("nntutor-progress 1\nlesson c\nstep x\n", "line 3: bad number 'x'"),
        C("nntutor-progress 1\nlesson c\nstep 5\nfurthest 5\nsteps 3\n"
          "complete 0\n", "line 3: step 5"),
        C("nntutor-progress 1\nlesson d\n", "line 2: lesson 'd'"),
        C("", "empty file"),
        C(GOOD "trailing", "no newline"),
        C(GOOD "colour blue\n", "unknown key 'colour'"),
        C(GOOD "quiz 1 1 2 2\n", "line 7: quiz"),
        C(GOOD "quiz 1 1 2\n", "line 7: expected 'quiz"),
        C(GOOD "step 1\n", "a second 'step'"),
        C(GOOD "\n", "empty line"),
        C("nntutor-progress 1\nlesson c\nstep 0\nfurthest 0\nsteps 0\n"
          "complete 2\n", "line 6: complete 2"),
        C(GOOD "quiz 1 1  2 1\n", "stray space"),
        C("nntutor-progress 2\n", "line 1"),
        C("nntutor-progress 1\r\n", "line 1"),
        C("nntutor-progress 1\nlesson c\nstep -1\n", "bad number '-1'"),
        C("nntutor-progress 1\nlesson c\nstep 1\n", "no 'furthest'"),
        C(GOOD "\0", "NUL"),
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
        assert_int_equal(progress_load(sub, "c", &p, warn, sizeof warn), 1);
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

/* Labels read "new", "furthest/steps" and "done". */
static void labels(void **state)
{
    struct progress p = { .id = xstrdup("x") };
    char buf[16];

    (void)state;

    assert_string_equal(progress_label(&p, buf, sizeof buf), "new");
    progress_visit(&p, 3, 7);
    progress_visit(&p, 2, 7);
    assert_string_equal(progress_label(&p, buf, sizeof buf), "3/7");
    progress_visit(&p, 7, 7);
    assert_string_equal(progress_label(&p, buf, sizeof buf), "done");
    progress_visit(&p, 1, 7);
    assert_string_equal(progress_label(&p, buf, sizeof buf), "done");
    progress_free(&p);
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
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
