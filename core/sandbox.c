/* SPDX-License-Identifier: MIT */
/* The kernel-enforced limits a lesson worker puts on itself. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <linux/sched.h>        /* CLONE_*, without _GNU_SOURCE */
#include <seccomp.h>

#include "sandbox.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_ASAN 1
#endif
#endif
#ifdef SANDBOX_ASAN
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#endif

#define STACK_MAX (8u << 20)    /* the usual default of RLIMIT_STACK */

/* Reads VmData (private writable memory, what RLIMIT_DATA counts) from
 * /proc/self/status into *bytes.  Returns 0, or -1 with the reason. */
static int data_in_use(size_t *bytes, char *err, size_t n)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    unsigned long long kib;

    if (!f)
        return seterr(err, n, "cannot read /proc/self/status: %s",
                      strerror(errno));
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "VmData: %llu kB", &kib) == 1) {
            fclose(f);
            if (kib > SIZE_MAX / 1024)
                return seterr(err, n, "VmData of %llu kB is too large", kib);
            *bytes = (size_t)kib * 1024;
            return 0;
        }
    }
    fclose(f);
    return seterr(err, n, "no VmData line in /proc/self/status");
}

/* Sets both the soft and the hard limit of resource res to want, or to the
 * hard limit if that is lower already.  Returns 0, or -1 with the reason. */
static int set_limit(int res, const char *name, rlim_t want,
                     char *err, size_t n)
{
    struct rlimit r;

    if (getrlimit(res, &r) != 0)
        return seterr(err, n, "getrlimit(%s): %s", name, strerror(errno));
    if (r.rlim_max != RLIM_INFINITY && r.rlim_max < want)
        want = r.rlim_max;
    r.rlim_cur = r.rlim_max = want;
    if (setrlimit(res, &r) != 0)
        return seterr(err, n, "setrlimit(%s): %s", name, strerror(errno));
    return 0;
}

int sandbox_limit_memory(size_t cap, char *err, size_t n)
{
    struct sigaction ign = { .sa_handler = SIG_IGN };
    struct rlimit stack;
    size_t used = 0;

    /* RLIMIT_DATA, not RLIMIT_AS: since Linux 4.7 it counts every private
     * writable mapping (brk, anonymous mmap, thread stacks; what VmData
     * shows), which is the memory a process can really fill.  RLIMIT_AS
     * would also count reservations such as ASan's terabytes of shadow,
     * and break the ASan build.  The cap is measured from what the process
     * (a fork of the front-end) already has, so it is "cap more bytes". */
    if (data_in_use(&used, err, n) != 0)
        return -1;
    if (cap > (size_t)RLIM_INFINITY - 1 - used)
        cap = (size_t)RLIM_INFINITY - 1 - used;
    if (set_limit(RLIMIT_DATA, "RLIMIT_DATA", (rlim_t)(used + cap),
                  err, n) != 0)
        return -1;
    /* A crashing lesson leaves no core file in the student's directory
     * (and no copy of its memory on disk). */
    if (set_limit(RLIMIT_CORE, "RLIMIT_CORE", 0, err, n) != 0)
        return -1;
    /* A backstop for descriptors the worker inherited: no write to a
     * regular file can grow it.  The kernel checks RLIMIT_FSIZE only for
     * regular files, so the pipes to the front-end, a terminal and
     * /dev/null work as before.  SIGXFSZ is ignored so that such a write
     * fails with EFBIG instead of killing the worker. */
    if (set_limit(RLIMIT_FSIZE, "RLIMIT_FSIZE", 0, err, n) != 0)
        return -1;
    if (sigaction(SIGXFSZ, &ign, NULL) != 0)
        return seterr(err, n, "sigaction(SIGXFSZ): %s", strerror(errno));
    /* The main thread's stack is not counted in RLIMIT_DATA; with
     * `ulimit -s unlimited` it could grow without bound, so keep it to the
     * usual 8 MiB (or less, if it is less already). */
    if (getrlimit(RLIMIT_STACK, &stack) != 0)
        return seterr(err, n, "getrlimit(RLIMIT_STACK): %s", strerror(errno));
    if (set_limit(RLIMIT_STACK, "RLIMIT_STACK",
                  stack.rlim_cur < STACK_MAX ? stack.rlim_cur : STACK_MAX,
                  err, n) != 0)
        return -1;
    /* RLIMIT_NPROC is left alone: it counts every process and thread of the
     * user, not of this worker, is not checked for root, and would stop
     * threads too.  The seccomp filter is what stops fork. */
    return 0;
}

/* System calls allowed whatever their arguments.  None of them can make a
 * descriptor, name a path or reach another process. */
static const char *const allowed[] = {
    /* I/O on descriptors the worker already has: the pipes to the
     * front-end, stderr.  The fstat call takes a descriptor (ASan uses
     * it), but glibc's fstat() and stat() use newfstatat, which can name
     * any path, so it stays out: stdio then picks a BUFSIZ buffer.  ioctl
     * stays out too (TIOCSTI could type into a terminal); isatty() then
     * says no. */
    "read", "readv", "write", "writev", "close", "lseek", "fstat",
    "poll", "ppoll",
    /* Memory: the allocator's brk and mmap (mmap itself is below, with
     * conditions), releasing, moving and protecting what it has. */
    "brk", "munmap", "mremap", "mprotect", "madvise",
    /* Threads: what pthread_create, a new thread's start and join use
     * (clone itself is below, with conditions). */
    "futex", "set_robust_list", "rseq", "sched_yield",
    "sched_getaffinity", "gettid", "exit",
    /* Signals (sent by itself or the front-end): handlers, masks, the
     * alternate stack ASan's handlers use, and restarting a call a signal
     * interrupted. */
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
    "restart_syscall",
    /* Clocks and sleeping (clock() and os.clock() make a real call: the
     * vDSO does not serve CPU-time clocks). */
    "clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep",
    "gettimeofday", "time",
    /* Harmless facts about itself and the machine: glibc's qsort asks
     * sysinfo for the physical memory size. */
    "getpid", "getppid", "getrusage", "getrlimit", "sysinfo", "getrandom",
    "exit_group",
};

/* Adds the rule "action for call name when every condition holds"; a call
 * this architecture does not have is skipped.  Returns 0 or -errno. */
static int add_rule(scmp_filter_ctx ctx, uint32_t action, const char *name,
                    unsigned nargs, const struct scmp_arg_cmp *args)
{
    int nr = seccomp_syscall_resolve_name(name);

    if (nr < 0)
        return 0;               /* e.g. poll or time on arm64 */
    return seccomp_rule_add_array(ctx, action, nr, nargs, args);
}

/* Adds every rule of the worker's filter to ctx.  Returns 0 or -errno. */
static int add_rules(scmp_filter_ctx ctx)
{
    const scmp_datum_t self = (scmp_datum_t)getpid();
    /* A thread shares the memory, signal handlers and thread group and
     * makes no namespace; clone without CLONE_THREAD is fork, posix_spawn
     * or vfork, and fails. */
    const scmp_datum_t clone_mask = CLONE_THREAD | CLONE_VM | CLONE_SIGHAND
        | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER
        | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP;
    const struct scmp_arg_cmp thread[] = {
        SCMP_A0(SCMP_CMP_MASKED_EQ, clone_mask,
                CLONE_THREAD | CLONE_VM | CLONE_SIGHAND),
    };
    /* Private mappings only: a MAP_SHARED (or MAP_SHARED_VALIDATE)
     * anonymous mapping and a MAP_GROWSDOWN one are not counted in
     * RLIMIT_DATA, so they would go around the memory cap. */
    const struct scmp_arg_cmp private_map[] = {
        SCMP_A3(SCMP_CMP_MASKED_EQ, MAP_SHARED | MAP_GROWSDOWN, 0),
    };
    /* Signals to itself only: abort() and raise() use tgkill on their own
     * thread.  Never the front-end or anything else of the user's. */
    const struct scmp_arg_cmp to_self[] = {
        SCMP_A0(SCMP_CMP_EQ, self),
    };
    /* Its own limits only (getrlimit and setrlimit pass pid 0): with
     * another pid, prlimit64 could lower the front-end's limits. */
    const struct scmp_arg_cmp own_limits[] = {
        SCMP_A0(SCMP_CMP_EQ, 0),
    };
    /* Descriptor flags (O_NONBLOCK on a pipe, FD_CLOEXEC); not F_DUPFD. */
    static const int fcntl_ops[] = { F_GETFD, F_SETFD, F_GETFL, F_SETFL };
    int rc = 0;

    for (size_t i = 0; rc == 0 && i < sizeof allowed / sizeof *allowed; i++)
        rc = add_rule(ctx, SCMP_ACT_ALLOW, allowed[i], 0, NULL);
    for (size_t i = 0; rc == 0 && i < sizeof fcntl_ops / sizeof *fcntl_ops;
         i++) {
        struct scmp_arg_cmp op = SCMP_A1(SCMP_CMP_EQ,
                                         (scmp_datum_t)fcntl_ops[i]);
        rc = add_rule(ctx, SCMP_ACT_ALLOW, "fcntl", 1, &op);
    }
    if (rc == 0)
        rc = add_rule(ctx, SCMP_ACT_ALLOW, "clone", 1, thread);
    /* clone3 passes its flags in memory, which a filter cannot read: say
     * it does not exist, and glibc falls back to clone. */
    if (rc == 0)
        rc = add_rule(ctx, SCMP_ACT_ERRNO(ENOSYS), "clone3", 0, NULL);
    if (rc == 0)
        rc = add_rule(ctx, SCMP_ACT_ALLOW, "mmap", 1, private_map);
    if (rc == 0)
        rc = add_rule(ctx, SCMP_ACT_ALLOW, "tgkill", 1, to_self);
    if (rc == 0)
        rc = add_rule(ctx, SCMP_ACT_ALLOW, "kill", 1, to_self);
    if (rc == 0)
        rc = add_rule(ctx, SCMP_ACT_ALLOW, "prlimit64", 1, own_limits);
    return rc;
}

int sandbox_lock_down(char *err, size_t n)
{
    const char *off = getenv(SANDBOX_NO_SECCOMP_ENV);
    scmp_filter_ctx ctx;
    int rc;

    if (off && strcmp(off, "1") == 0) {
        seterr(err, n, "%s=1: the lesson process runs without its "
               "system-call filter", SANDBOX_NO_SECCOMP_ENV);
        return 1;
    }
#ifdef SANDBOX_ASAN
    /* ASan reads /proc/self/maps to describe an error; have it read the
     * file now, while it still can.  Its reports then name module+offset
     * but no functions (the symbolizer cannot start): run with
     * NNTUTOR_NO_SECCOMP=1 for names and lines.  Starting the symbolizer
     * here would cost about 0.3 s per worker. */
    __sanitizer_sandbox_on_notify(NULL);
    /* LeakSanitizer's check at exit needs clone, ptrace and /proc, which
     * the filter refuses (it would end the process with "LeakSanitizer has
     * encountered a fatal error"): run it now instead, once, on what the
     * process has so far.  It does nothing when detect_leaks=0. */
    __lsan_do_leak_check();
#endif
    /* Required for an unprivileged filter; also no set-uid gains ever. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return seterr(err, n, "prctl(PR_SET_NO_NEW_PRIVS): %s",
                      strerror(errno));
    /* Anything not allowed fails with EPERM rather than killing: glibc and
     * ASan's reports cope with a failed call. */
    ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
    if (!ctx)
        return seterr(err, n, "seccomp_init failed");
    /* A 32-bit (int 0x80) or x32 call from this 64-bit program is never
     * a library degrading: it is an attempt to get around the list. */
    rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    /* Threads a plugin started while loading get the filter too. */
    if (rc == 0)
        rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    if (rc == 0)
        rc = add_rules(ctx);
    if (rc == 0)
        rc = seccomp_load(ctx);
    seccomp_release(ctx);
    if (rc != 0)
        return seterr(err, n, "cannot install the seccomp filter: %s",
                      strerror(-rc));
    return 0;
}
