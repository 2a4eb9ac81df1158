/* SPDX-License-Identifier: MIT */
/* core/sandbox.c: a limited worker computes, but cannot get out. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <lualib.h>

#include "sandbox.h"

#define CAP     (64u << 20)     /* the memory cap every child gets */
#define MIB     (1u << 20)

extern char **environ;

#if defined(__SANITIZE_ADDRESS__)
/* A failed allocation returns NULL under ASan too, as it does in the
 * normal build, instead of ending the process with a report. */
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}
#endif

/* What to apply in the child before the check. */
enum { LIMITS = 1, FILTER = 2, BOTH = LIMITS | FILTER };

/* A check run in the child: returns NULL if all went as it should, else
 * why not (in why, via bad() or wrong()). */
typedef const char *check_fn(void *arg);

static char why[512];

/* Formats the reason a check failed (with errno's text unless errno is 0);
 * returns it. */
static const char *bad(const char *fmt, ...)
{
    int e = errno;
    size_t at;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    at = strlen(why);
    if (e)
        snprintf(why + at, sizeof why - at, " (%s)", strerror(e));
    return why;
}

/* The reason when a result is wrong (errno says nothing then). */
#define wrong(...) (errno = 0, bad(__VA_ARGS__))

/* Returns NULL if rc is -1 with errno want, else why not. */
static const char *fails_with(long rc, int want, const char *what)
{
    if (rc != -1)
        return wrong("%s succeeded (returned %ld)", what, rc);
    if (errno != want)
        return bad("%s failed, but not with %s", what, strerror(want));
    return NULL;
}

#define EXPECT(r)  do { const char *r_ = (r); if (r_) return r_; } while (0)

/* Forks a child that runs prepare (if any), applies what, then check, and
 * exits 0 if check returned NULL, 1 with its reason on a pipe if not.
 * Returns the child's wait status; the reason (or "") is in out. */
static int run(int what, void (*prepare)(void *), check_fn *check, void *arg,
               char *out, size_t n)
{
    int fds[2], status;
    size_t got = 0;
    ssize_t r;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char err[256];
        const char *res;

        close(fds[0]);
        if (prepare)
            prepare(arg);
        if ((what & LIMITS) && sandbox_limit_memory(CAP, err, sizeof err))
            res = err;
        else if ((what & FILTER) && sandbox_lock_down(err, sizeof err))
            res = err;
        else
            res = check(arg);
        if (res && write(fds[1], res, strlen(res)) < 0)
            _exit(2);
        _exit(res ? 1 : 0);
    }
    close(fds[1]);
    while (got < n - 1 && (r = read(fds[0], out + got, n - 1 - got)) > 0)
        got += (size_t)r;
    out[got] = '\0';
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

/* Returns NULL if the child passed its check, else what went wrong. */
static const char *outcome(int what, void (*prepare)(void *),
                           check_fn *check, void *arg)
{
    static char msg[600];
    char out[512];
    int status = run(what, prepare, check, arg, out, sizeof out);

    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return NULL;
    if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "child killed by signal %d (%s)",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (out[0])
        snprintf(msg, sizeof msg, "%s", out);
    else
        snprintf(msg, sizeof msg, "child exited with status %d",
                 WEXITSTATUS(status));
    return msg;
}

/* Fails the test unless check passes in a child under what. */
#define assert_passes(what, prepare, check, arg) do { \
        const char *m_ = outcome(what, prepare, check, arg); \
        if (m_) \
            fail_msg("%s", m_); \
    } while (0)

/* Fails the test unless check fails in a child under nothing: the check
 * can tell a worker that is not locked down. */
#define assert_detects(check, arg) do { \
        if (!outcome(0, NULL, check, arg)) \
            fail_msg("%s passes without the sandbox", #check); \
    } while (0)

/* ---- checks run in the child ---- */

static const char *no_open_read(void *arg)
{
    EXPECT(fails_with(open("/etc/passwd", O_RDONLY), EPERM,
                      "open(\"/etc/passwd\", O_RDONLY)"));
    EXPECT(fails_with(openat(AT_FDCWD, "/proc/self/status", O_RDONLY),
                      EPERM, "openat(\"/proc/self/status\")"));
    if (fopen("/etc/hostname", "r"))
        return wrong("fopen(\"/etc/hostname\") succeeded");
#ifdef SYS_open
    EXPECT(fails_with(syscall(SYS_open, "/etc/passwd", O_RDONLY), EPERM,
                      "the open system call"));
#endif
    return NULL;
}

static const char *no_open_write(void *arg)
{
    const char *path = arg;

    EXPECT(fails_with(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600), EPERM,
                      "open(O_WRONLY | O_CREAT)"));
    EXPECT(fails_with(creat(path, 0600), EPERM, "creat"));
    if (fopen(path, "a"))
        return wrong("fopen(path, \"a\") succeeded");
    EXPECT(fails_with(mkdir("/tmp/nnt-sandbox-mkdir", 0700), EPERM,
                      "mkdir"));
    return NULL;
}

static const char *no_exec(void *arg)
{
    /* If an exec succeeds, the shell exits 7 and the child fails. */
    char *const argv[] = { "sh", "-c", "exit 7", NULL };
    pid_t pid;
    int rc;

    EXPECT(fails_with(execve("/bin/sh", argv, environ), EPERM, "execve"));
#ifdef SYS_execveat
    EXPECT(fails_with(syscall(SYS_execveat, AT_FDCWD, "/bin/sh", argv,
                              environ, 0), EPERM, "execveat"));
#endif
    rc = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    if (rc == 0)
        return wrong("posix_spawn of /bin/sh succeeded");
    rc = system("exit 0");
    if (rc == 0)
        return wrong("system(\"exit 0\") succeeded");
    return NULL;
}

static const char *no_socket(void *arg)
{
    int sv[2];

    EXPECT(fails_with(socket(AF_INET, SOCK_STREAM, 0), EPERM,
                      "socket(AF_INET)"));
    EXPECT(fails_with(socket(AF_INET6, SOCK_DGRAM, 0), EPERM,
                      "socket(AF_INET6)"));
    EXPECT(fails_with(socket(AF_UNIX, SOCK_STREAM, 0), EPERM,
                      "socket(AF_UNIX)"));
    EXPECT(fails_with(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), EPERM,
                      "socketpair"));
    return NULL;
}

static const char *no_fork(void *arg)
{
    pid_t pid = fork();

    if (pid == 0)
        _exit(0);               /* the grandchild, if there is one */
    if (pid > 0) {
        waitpid(pid, NULL, 0);
        return wrong("fork succeeded");
    }
    if (errno != EPERM)
        return bad("fork failed, but not with EPERM");
    EXPECT(fails_with(syscall(SYS_clone, (long)SIGCHLD, 0L, 0L, 0L, 0L),
                      EPERM, "clone(SIGCHLD)"));
    /* clone3 says it does not exist, so that glibc uses clone. */
    EXPECT(fails_with(syscall(SYS_clone3, NULL, 0L), ENOSYS, "clone3"));
    return NULL;
}

/* A thread's work: the sum of 1..n. */
static void *sum_to(void *arg)
{
    long n = *(long *)arg, s = 0;

    for (long i = 1; i <= n; i++)
        s += i;
    *(long *)arg = s;
    return NULL;
}

static const char *thread_runs(void *arg)
{
    pthread_t t[2];
    long n[2] = { 1000, 2000 };
    int rc;

    for (int i = 0; i < 2; i++) {
        rc = pthread_create(&t[i], NULL, sum_to, &n[i]);
        if (rc != 0) {
            errno = rc;
            return bad("pthread_create failed");
        }
    }
    for (int i = 0; i < 2; i++)
        if (pthread_join(t[i], NULL) != 0)
            return bad("pthread_join failed");
    if (n[0] != 500500 || n[1] != 2001000)
        return wrong("threads computed %ld and %ld", n[0], n[1]);
    return NULL;
}

/* The cap counts from what the process had: 48 MiB more fit (under ASan,
 * whose shadow alone is terabytes, too); 32 MiB after that do not. */
static const char *memory_capped(void *arg)
{
    struct rlimit r;
    void *big;

    for (int i = 0; i < 3; i++) {
        char *p = malloc(16 * MIB);

        if (!p)
            return bad("malloc of 16 MiB number %d failed", i + 1);
        memset(p, i, 16 * MIB);
    }
    big = malloc(32 * MIB);
    if (big)
        return wrong("malloc of 32 MiB past the cap succeeded");
    big = mmap(NULL, 128 * MIB, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (big != MAP_FAILED)
        return wrong("a private mapping of 128 MiB succeeded");
    if (errno != ENOMEM)
        return bad("a private mapping of 128 MiB failed, but not ENOMEM");
    if (getrlimit(RLIMIT_CORE, &r) != 0 || r.rlim_cur != 0 || r.rlim_max)
        return wrong("core dumps are not off");
    return NULL;
}

/* Shared and grows-down mappings, which RLIMIT_DATA does not count. */
static const char *no_uncounted_maps(void *arg)
{
    void *p = mmap(NULL, 128 * MIB, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    if (p != MAP_FAILED)
        return wrong("a shared mapping of 128 MiB succeeded");
    if (errno != EPERM)
        return bad("a shared mapping failed, but not with EPERM");
    p = mmap(NULL, 128 * MIB, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
    if (p != MAP_FAILED)
        return wrong("a MAP_GROWSDOWN mapping of 128 MiB succeeded");
    return NULL;
}

static int pipe_out[2];         /* the child's stdout, read by the test */

/* Before the sandbox: stdout becomes the pipe, as for a worker. */
static void stdout_to_pipe(void *arg)
{
    dup2(pipe_out[1], STDOUT_FILENO);
}

static const char *pipe_writes(void *arg)
{
    if (printf("%s %d %.2f\n", "printf", 42, 3.14159) < 0
        || fflush(stdout) != 0)
        return bad("printf to the pipe failed");
    if (write(pipe_out[1], "write\n", 6) != 6)
        return bad("write to the pipe failed");
    return NULL;
}

/* Before the sandbox: stdout goes nowhere. */
static void stdout_to_null(void *arg)
{
    int fd = open("/dev/null", O_WRONLY);

    dup2(fd, STDOUT_FILENO);
    close(fd);
}

static int file_fd = -1;        /* a regular file opened before the limits */

static void open_file(void *arg)
{
    file_fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0600);
}

/* A regular file the worker inherited cannot grow, and the write does
 * not kill it (SIGXFSZ is ignored). */
static const char *file_does_not_grow(void *arg)
{
    if (file_fd < 0)
        return bad("could not open the file before the sandbox");
    EXPECT(fails_with(write(file_fd, "x", 1), EFBIG,
                      "write to a regular file"));
    return NULL;
}

/* A chunk of ordinary lesson work: math, string, table, os.clock. */
static const char chunk[] =
    "local t = {}\n"
    "for i = 1, 500 do t[i] = math.sin(i) * math.sqrt(i) end\n"
    "table.sort(t)\n"
    "local s = 0\n"
    "for _, v in ipairs(t) do s = s + v * v end\n"
    "assert(os.clock() >= 0)\n"
    "return string.format('%.9g %s %d', s + t[1],\n"
    "                     ('ab'):rep(3):upper(), #tostring(math.pi))\n";

/* Runs chunk in a new Lua state; returns its result (malloc'd) or NULL. */
static char *run_chunk(void)
{
    lua_State *L = luaL_newstate();
    char *res = NULL;

    if (!L)
        return NULL;
    luaL_openlibs(L);
    if (luaL_dostring(L, chunk) == LUA_OK && lua_isstring(L, -1))
        res = strdup(lua_tostring(L, -1));
    lua_close(L);
    return res;
}

static const char *lua_runs(void *arg)
{
    const char *want = arg;
    char *got = run_chunk();
    lua_State *L;

    if (!got)
        return wrong("the Lua chunk failed");
    if (strcmp(got, want) != 0)
        return wrong("the Lua chunk returned '%s', not '%s'", got, want);
    free(got);
    /* Past the cap Lua gets a memory error, which pcall catches. */
    L = luaL_newstate();
    if (!L)
        return bad("luaL_newstate failed");
    luaL_openlibs(L);
    if (luaL_dostring(L, "local ok, e = pcall(string.rep, 'x', 128 << 20)\n"
                         "return tostring(ok) .. ': ' .. tostring(e)")
        != LUA_OK)
        return wrong("the big chunk failed: %s", lua_tostring(L, -1));
    if (strcmp(lua_tostring(L, -1), "false: not enough memory") != 0)
        return wrong("128 MiB string: %s", lua_tostring(L, -1));
    lua_close(L);
    return NULL;
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
    got_usr1 = 1;
}

/* It can signal itself, never its parent (the front-end). */
static const char *signals_self_only(void *arg)
{
    struct sigaction sa = { .sa_handler = on_usr1 };
    pid_t parent = getppid();
    struct rlimit r;

    EXPECT(fails_with(kill(parent, 0), EPERM, "kill(parent, 0)"));
    EXPECT(fails_with(kill(0, 0), EPERM, "kill(0, 0) (its group)"));
    EXPECT(fails_with(syscall(SYS_tgkill, parent, parent, 0), EPERM,
                      "tgkill(parent)"));
    EXPECT(fails_with(syscall(SYS_prlimit64, parent, RLIMIT_CORE, NULL, &r),
                      EPERM, "prlimit(parent)"));
    if (sigaction(SIGUSR1, &sa, NULL) != 0 || raise(SIGUSR1) != 0)
        return bad("raise(SIGUSR1) failed");
    if (!got_usr1)
        return wrong("SIGUSR1 did not arrive");
    if (kill(getpid(), 0) != 0)
        return bad("kill(self, 0) failed");
    if (getrlimit(RLIMIT_DATA, &r) != 0)
        return bad("getrlimit failed");
    return NULL;
}

/* The rest of what is not on the list.  glibc's stat and fstat both use
 * newfstatat, which can name a path, so both fail; the fstat system call
 * itself is allowed. */
static const char *others_fail(void *arg)
{
    struct stat st;
    int n;

    EXPECT(fails_with(stat("/etc/passwd", &st), EPERM, "stat"));
    EXPECT(fails_with(fstatat(AT_FDCWD, "/etc/passwd", &st, 0), EPERM,
                      "fstatat"));
    EXPECT(fails_with(ioctl(STDERR_FILENO, FIONREAD, &n), EPERM, "ioctl"));
    EXPECT(fails_with(dup(STDERR_FILENO), EPERM, "dup"));
    EXPECT(fails_with(fcntl(STDERR_FILENO, F_DUPFD, 10), EPERM,
                      "fcntl(F_DUPFD)"));
    EXPECT(fails_with(chdir("/"), EPERM, "chdir"));
    if (fcntl(STDERR_FILENO, F_GETFL) < 0)
        return bad("fcntl(F_GETFL) failed");
#ifdef SYS_fstat
    if (syscall(SYS_fstat, STDERR_FILENO, &st) != 0)
        return bad("the fstat system call failed");
#endif
    return NULL;
}

static const char *calls_abort(void *arg)
{
    abort();
}

/* exit() runs atexit handlers and flushes stdio; under ASan it would run
 * LeakSanitizer's check, which the filter breaks. */
static const char *calls_exit(void *arg)
{
    printf("bye\n");
    exit(0);
}

#if defined(__x86_64__)
/* An x32 system call (number with bit 30 set) goes around a list written
 * for x86-64; the filter kills the process for it. */
static const char *calls_x32(void *arg)
{
    syscall(0x40000000L | SYS_getpid);
    return wrong("an x32 system call returned");
}
#endif

/* NNTUTOR_NO_SECCOMP=1 installs nothing and says so; "0" is not "1". */
static const char *env_opt_out(void *arg)
{
    char err[200];
    int fd;

    if (setenv(SANDBOX_NO_SECCOMP_ENV, "1", 1) != 0)
        return bad("setenv failed");
    if (sandbox_lock_down(err, sizeof err) != 1)
        return wrong("with %s=1 lock-down did not return 1",
                   SANDBOX_NO_SECCOMP_ENV);
    if (!strstr(err, SANDBOX_NO_SECCOMP_ENV))
        return wrong("the opt-out is not named: '%s'", err);
    fd = open("/etc/passwd", O_RDONLY);
    if (fd < 0)
        return bad("open failed with the filter off");
    close(fd);
    setenv(SANDBOX_NO_SECCOMP_ENV, "0", 1);
    if (sandbox_lock_down(err, sizeof err) != 0)
        return wrong("with %s=0 lock-down failed: %s",
                     SANDBOX_NO_SECCOMP_ENV, err);
    return no_open_read(NULL);
}

/* ---- tests ---- */

static void test_no_reading_files(void **state)
{
    assert_passes(BOTH, NULL, no_open_read, NULL);
    assert_detects(no_open_read, NULL);
}

static void test_no_writing_files(void **state)
{
    char dir[] = "/tmp/nnt-sandbox-XXXXXX", path[64];
    struct stat st;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/written", dir);
    assert_passes(BOTH, NULL, no_open_write, path);
    assert_int_equal(stat(path, &st), -1);
    assert_detects(no_open_write, path);
    unlink(path);
    rmdir("/tmp/nnt-sandbox-mkdir");
    rmdir(dir);
}

static void test_no_exec(void **state)
{
    assert_passes(BOTH, NULL, no_exec, NULL);
    assert_detects(no_exec, NULL);
}

static void test_no_network(void **state)
{
    assert_passes(BOTH, NULL, no_socket, NULL);
    assert_detects(no_socket, NULL);
}

static void test_no_fork(void **state)
{
    assert_passes(BOTH, NULL, no_fork, NULL);
    assert_detects(no_fork, NULL);
}

static void test_threads_run(void **state)
{
    assert_passes(BOTH, NULL, thread_runs, NULL);
}

/* RLIMIT_DATA alone stops private mmaps (Linux >= 4.7); with the filter,
 * too; without either, the same allocations succeed. */
static void test_memory_cap(void **state)
{
    assert_passes(LIMITS, NULL, memory_capped, NULL);
    assert_passes(BOTH, NULL, memory_capped, NULL);
    assert_detects(memory_capped, NULL);
    assert_passes(BOTH, NULL, no_uncounted_maps, NULL);
    assert_detects(no_uncounted_maps, NULL);
}

static void test_pipe_still_works(void **state)
{
    char buf[128];
    ssize_t got;

    assert_int_equal(pipe(pipe_out), 0);
    assert_passes(BOTH, stdout_to_pipe, pipe_writes, NULL);
    close(pipe_out[1]);
    got = read(pipe_out[0], buf, sizeof buf - 1);
    close(pipe_out[0]);
    assert_true(got > 0);
    buf[got] = '\0';
    assert_string_equal(buf, "printf 42 3.14\nwrite\n");
}

static void test_files_do_not_grow(void **state)
{
    char dir[] = "/tmp/nnt-sandbox-XXXXXX", path[64];
    struct stat st;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/inherited", dir);
    assert_passes(LIMITS, open_file, file_does_not_grow, path);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 0);
    unlink(path);
    rmdir(dir);
}

static void test_lua_runs(void **state)
{
    char *want = run_chunk();

    assert_non_null(want);
    assert_passes(BOTH, NULL, lua_runs, want);
    free(want);
}

static void test_signals_self_only(void **state)
{
    assert_passes(BOTH, NULL, signals_self_only, NULL);
    assert_detects(signals_self_only, NULL);
}

static void test_others_fail(void **state)
{
    assert_passes(BOTH, NULL, others_fail, NULL);
    assert_detects(others_fail, NULL);
}

/* abort() still ends the process with SIGABRT (it needs tgkill). */
static void test_abort_works(void **state)
{
    char out[64];
    int status = run(BOTH, NULL, calls_abort, NULL, out, sizeof out);

    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
}

/* exit() still ends the process with status 0, in the ASan build too. */
static void test_exit_works(void **state)
{
    assert_passes(BOTH, stdout_to_null, calls_exit, NULL);
}

/* A call for another ABI is not an EPERM but the end of the process. */
static void test_other_abi_killed(void **state)
{
#if defined(__x86_64__)
    char out[64];
    int status = run(BOTH, NULL, calls_x32, NULL, out, sizeof out);

    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGSYS);
    assert_detects(calls_x32, NULL);
#else
    skip();
#endif
}

static void test_env_opt_out(void **state)
{
    assert_passes(LIMITS, NULL, env_opt_out, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_reading_files),
        cmocka_unit_test(test_no_writing_files),
        cmocka_unit_test(test_no_exec),
        cmocka_unit_test(test_no_network),
        cmocka_unit_test(test_no_fork),
        cmocka_unit_test(test_threads_run),
        cmocka_unit_test(test_memory_cap),
        cmocka_unit_test(test_pipe_still_works),
        cmocka_unit_test(test_files_do_not_grow),
        cmocka_unit_test(test_lua_runs),
        cmocka_unit_test(test_signals_self_only),
        cmocka_unit_test(test_others_fail),
        cmocka_unit_test(test_abort_works),
        cmocka_unit_test(test_exit_works),
        cmocka_unit_test(test_other_abi_killed),
        cmocka_unit_test(test_env_opt_out),
    };

    unsetenv(SANDBOX_NO_SECCOMP_ENV);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
