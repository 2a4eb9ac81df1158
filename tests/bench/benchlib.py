# SPDX-License-Identifier: MIT
"""Shared helpers for the benchmarks: run a peer (numpy, scikit-learn,
PyTorch) on a chosen BLAS, single-threaded, and prove which BLAS it loaded;
time our side and theirs interleaved; medians, ratios, fitted exponents and
floors.  Every tests/bench/*.py imports it."""
import glob
import importlib.util
import json
import math
import os
import statistics
import subprocess
import sys
import time

SYSTEM_PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "crosscheck"))
from nnt import run_lua  # noqa: E402,F401  (runs Lua through nntutor)

ROUNDS = int(os.environ.get("NNT_BENCH_ROUNDS", "5"))
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def system_python():
    """Re-executes the script with Debian's python3 when numpy is missing
    from the interpreter that runs it; returns when numpy imports."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        if sys.executable != SYSTEM_PYTHON and os.path.exists(SYSTEM_PYTHON):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
        print("numpy is missing (make deps-bench); skipping %s"
              % os.path.basename(sys.argv[0]))
        sys.exit(0)


def blas_dirs(kind):
    """Returns the library directories that select a BLAS kind
    ("openblas": Debian's serial or pthread OpenBLAS; "reference": netlib
    BLAS and LAPACK), or None when it is not installed."""
    lib = "/usr/lib/*-linux-gnu/"
    if kind == "openblas":
        for d in ("openblas-serial", "openblas-pthread"):
            hits = glob.glob(lib + d + "/libblas.so.3")
            if hits:
                return [os.path.dirname(hits[0])]
        return None
    blas = glob.glob(lib + "blas/libblas.so.3")
    lapack = glob.glob(lib + "lapack/liblapack.so.3")
    if not blas:
        return None
    return [os.path.dirname(blas[0])] + [os.path.dirname(x) for x in lapack]


def blas_env(kind):
    """Returns os.environ with the BLAS of that kind first on the library
    path and every BLAS/OpenMP pool at one thread, or None."""
    dirs = blas_dirs(kind)
    if dirs is None:
        return None
    env = dict(os.environ)
    old = env.get("LD_LIBRARY_PATH")
    env["LD_LIBRARY_PATH"] = ":".join(dirs + ([old] if old else []))
    for v in THREAD_VARS:
        env[v] = "1"
    env["NNT_BENCH_BLAS"] = kind
    return env


def loaded_blas():
    """Returns the BLAS libraries this process has mapped (from
    /proc/self/maps), as a short comma-separated list."""
    libs = set()
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "blas" in os.path.basename(path):
                    libs.add(path)
    except OSError:
        return "unknown"
    return ",".join(sorted(libs)) or "none"


def on_blas(default="openblas"):
    """Makes sure this process runs on the BLAS NNT_BENCH_BLAS names
    (default openblas, single-threaded), re-executing itself once if
    needed; returns a label such as "openblas-serial" after checking
    /proc/self/maps."""
    kind = os.environ.get("NNT_BENCH_BLAS", default)
    if os.environ.get("NNT_BENCH_BLAS_SET") != kind:
        env = blas_env(kind)
        if env is None and kind == "openblas":
            print("(OpenBLAS is missing: make deps-bench; using the "
                  "default BLAS)")
            env = blas_env("reference") or dict(os.environ)
        env["NNT_BENCH_BLAS_SET"] = kind
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    import numpy as np
    np.dot(np.ones((2, 2)), np.ones((2, 2)))      # make sure it is mapped
    try:
        import torch
        torch.set_num_threads(1)
    except ImportError:
        pass
    return blas_label()


def blas_label():
    """Returns a short name for the BLAS this process loaded."""
    libs = loaded_blas()
    if "openblas" in libs:
        return os.path.basename(os.path.dirname(
            [x for x in libs.split(",") if "openblas" in x][0]))
    if "/blas/" in libs:
        return "reference BLAS"
    return libs


class Peer:
    """A python worker on one BLAS, single-threaded, that runs functions
    of a bench module on request, so its timings can interleave with
    ours without paying for imports each time."""

    def __init__(self, kind, module_file):
        env = blas_env(kind)
        if env is None:
            raise RuntimeError("BLAS %s is not installed" % kind)
        self.kind = kind
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--worker",
             os.path.abspath(module_file)], env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.blas = self.call("__blas__")

    def call(self, fn, **kw):
        """Returns what fn(**kw) returned in the worker (JSON values)."""
        self.proc.stdin.write(json.dumps({"fn": fn, "kw": kw}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("peer worker (%s) died" % self.kind)
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["ok"]

    def close(self):
        """Stops the worker; returns nothing."""
        self.proc.stdin.close()
        self.proc.wait()


def worker(module_file):
    """Serves Peer.call requests from stdin until it closes; returns
    nothing."""
    spec = importlib.util.spec_from_file_location("bench_peer", module_file)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    import numpy as np
    np.dot(np.ones((2, 2)), np.ones((2, 2)))
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
    for line in sys.stdin:
        req = json.loads(line)
        try:
            if req["fn"] == "__blas__":
                out = {"ok": blas_label()}
            elif req["fn"] == "__rates__":
                out = {"ok": rates()}
            else:
                out = {"ok": getattr(mod, req["fn"])(**req["kw"])}
        except Exception as e:  # report it to the parent, keep serving
            out = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


def lua_run(code):
    """Runs Lua code with `nntutor run`; returns the lines it printed and
    the CPU seconds (user + system) the run took (raises with its error
    output when it fails)."""
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                        "nnt-bench-%d.lua" % os.getpid())
    with open(path, "w") as f:
        f.write(code)
    try:
        with open(path + ".out", "w+") as out, \
                open(path + ".err", "w+") as err:
            p = subprocess.Popen([os.environ.get("NNTUTOR", "build/nntutor"),
                                  "run", path], stdout=out, stderr=err)
            _, status, ru = os.wait4(p.pid, 0)
            out.seek(0)
            err.seek(0)
            text, errs = out.read(), err.read()
    finally:
        for x in (path, path + ".out", path + ".err"):
            if os.path.exists(x):
                os.unlink(x)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("nntutor run failed: " + errs.strip())
    return text.splitlines(), ru.ru_utime + ru.ru_stime


def lua_lines(code):
    """Runs Lua code with `nntutor run`; returns the lines it printed."""
    return lua_run(code)[0]


def lua_json(code):
    """Returns the JSON value on the last line Lua code printed."""
    return json.loads(lua_lines(code)[-1])


def best_time(fn, reps=3):
    """Returns the median of reps timings (seconds) of fn()."""
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def rates():
    """Returns measured costs on this BLAS, one thread: gemm_flops (flop/s
    of a 500 x 500 x 500 dgemm, the best over 0.4 s), exp_s, log_s and div_s (seconds per
    element of numpy's exp, log and divide on 10^6 doubles)."""
    import numpy as np
    a = np.random.default_rng(0).standard_normal((500, 500))
    v = np.random.default_rng(1).random(1 << 20) + 0.5
    t, start = float("inf"), time.perf_counter()
    while time.perf_counter() - start < 0.4:    # the best over 0.4 s,
        t0 = time.perf_counter()                # as mm_rate
        a @ a
        t = min(t, time.perf_counter() - t0)
    return {"gemm_flops": 2 * 500 ** 3 / t,
            "exp_s": best_time(lambda: np.exp(v), 5) / v.size,
            "log_s": best_time(lambda: np.log(v), 5) / v.size,
            "div_s": best_time(lambda: 1.0 / v, 5) / v.size}


def median(xs):
    """Returns the median of xs."""
    return statistics.median(xs)


def exponent(sizes, times):
    """Returns b of the least-squares fit times ~ a sizes^b (log-log)."""
    lx = [math.log(s) for s in sizes]
    ly = [math.log(t) for t in times]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    sxx = sum((x - mx) ** 2 for x in lx)
    if sxx == 0:
        return float("nan")
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sxx


def load_note():
    """Returns a line describing the machine and its load right now."""
    try:
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
    except OSError:
        load = "?"
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, load average %s" % (model, os.cpu_count() or 0,
                                               load)


if __name__ == "__main__" and len(sys.argv) == 3 and \
        sys.argv[1] == "--worker":
    worker(sys.argv[2])
