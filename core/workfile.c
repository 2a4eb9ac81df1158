/* SPDX-License-Identifier: MIT */
/* The student's exercise files and their editor. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "workfile.h"

/* Returns 1 if s is a safe path component: letters, digits, '_', '-'. */
static int safe_part(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    return n > 0 && n <= 128 && s[0] != '-' &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789_-") == n;
}

char *workfile_path(const char *work_dir, const char *id, const char *name,
                    char *err, size_t n)
{
    if (!work_dir || !*work_dir) {
        seterr(err, n, "no place for exercise files (set HOME or "
               "XDG_DATA_HOME)");
        return NULL;
    }
    if (!safe_part(id) || !safe_part(name)) {
        seterr(err, n, "refusing exercise file for lesson '%.40s', "
               "exercise '%.40s': names are letters, digits, '_' and '-'",
               id ? id : "", name ? name : "");
        return NULL;
    }
    return xasprintf("%s/%s/%s.lua", work_dir, id, name);
}

/* Makes every directory above path (0700).  Returns 0 or -1 (errno). */
static int make_parents(const char *path)
{
    char *p = xstrdup(path);

    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0700) < 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

int workfile_ensure(const char *path, const char *stub, char *err,
                    size_t n)
{
    size_t len = stub ? strlen(stub) : 0, done = 0;
    int fd, e = 0;

    if (make_parents(path) < 0)
        return seterr(err, n, "cannot make the directory for %s: %s", path,
                      strerror(errno));
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
              0600);
    if (fd < 0 && errno == EEXIST)
        return 0;                       /* the student's own: keep it */
    if (fd < 0)
        return seterr(err, n, "cannot create %s: %s", path,
                      strerror(errno));
    while (done < len && !e) {
        ssize_t w = write(fd, stub + done, len - done);
        if (w < 0 && errno != EINTR)
            e = errno;
        else if (w > 0)
            done += (size_t)w;
    }
    if (!e && fsync(fd) < 0)
        e = errno;
    if (close(fd) < 0 && !e)
        e = errno;
    if (e) {
        unlink(path);                   /* no half-written stub */
        return seterr(err, n, "cannot write %s: %s", path, strerror(e));
    }
    return 1;
}

char *workfile_read(const char *path, char *err, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    char *buf;
    size_t got = 0;

    if (fd < 0) {
        seterr(err, n, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        seterr(err, n, "cannot read %s: not a regular file", path);
        close(fd);
        return NULL;
    }
    buf = xmalloc(WORKFILE_MAX + 2);
    for (;;) {
        ssize_t r = read(fd, buf + got, WORKFILE_MAX + 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            seterr(err, n, "cannot read %s: %s", path, strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        got += (size_t)r;
        if (r == 0 || got == WORKFILE_MAX + 1)
            break;
    }
    close(fd);
    buf[got] = '\0';
    if (memchr(buf, '\0', got)) {
        seterr(err, n, "%s holds a NUL byte: it is not a Lua text file",
               path);
        free(buf);
        return NULL;
    }
    return buf;
}

void workfile_stamp(const char *path, struct workfile_stamp *st)
{
    struct stat s;

    memset(st, 0, sizeof *st);
    if (stat(path, &s) < 0)
        return;
    st->exists = 1;
    st->dev = s.st_dev;
    st->ino = s.st_ino;
    st->size = s.st_size;
    st->mtime_ns = (long long)s.st_mtim.tv_sec * 1000000000LL +
                   s.st_mtim.tv_nsec;
    st->ctime_ns = (long long)s.st_ctim.tv_sec * 1000000000LL +
                   s.st_ctim.tv_nsec;
}

int workfile_changed(const struct workfile_stamp *a,
                     const struct workfile_stamp *b)
{
    return a->exists != b->exists || a->dev != b->dev || a->ino != b->ino ||
           a->size != b->size || a->mtime_ns != b->mtime_ns ||
           a->ctime_ns != b->ctime_ns;
}

char *workfile_shown(const char *path)
{
    const char *home = getenv("HOME");
    size_t n = home ? strlen(home) : 0;

    while (n > 1 && home[n - 1] == '/')
        n--;
    if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
        return xasprintf("~%s", path + n);
    return xstrdup(path);
}

/* Returns 1 if prog is an executable on PATH. */
static int on_path(const char *prog)
{
    const char *path = getenv("PATH");
    char *copy, *save = NULL;
    int found = 0;

    if (!path || !*path)
        path = "/usr/bin:/bin";
    copy = xstrdup(path);
    for (char *d = strtok_r(copy, ":", &save); d && !found;
         d = strtok_r(NULL, ":", &save)) {
        char *f = xasprintf("%s/%s", *d ? d : ".", prog);
        found = access(f, X_OK) == 0;
        free(f);
    }
    free(copy);
    return found;
}

const char *workfile_editor(void)
{
    const char *e = getenv("VISUAL");

    if (!e || !*e)
        e = getenv("EDITOR");
    if (e && *e)
        return e;
    return on_path("nano") ? "nano" : "vi";
}

int workfile_edit(const char *path, char *err, size_t n)
{
    const char *ed = workfile_editor();
    struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
    pid_t pid;
    int st;

    /* like system(3): the editor gets the keys, we wait */
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &oint);
    sigaction(SIGQUIT, &ign, &oquit);
    pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        setenv("NNTUTOR_EDITOR", ed, 1);        /* split by the shell */
        execl("/bin/sh", "sh", "-c", "exec $NNTUTOR_EDITOR \"$1\"", "sh",
              path, (char *)NULL);
        _exit(127);
    }
    if (pid < 0) {
        sigaction(SIGINT, &oint, NULL);
        sigaction(SIGQUIT, &oquit, NULL);
        return seterr(err, n, "cannot start the editor: %s",
                      strerror(errno));
    }
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &oint, NULL);
    sigaction(SIGQUIT, &oquit, NULL);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
        return seterr(err, n, "the editor '%s' could not be run (set "
                      "VISUAL or EDITOR)", ed);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
