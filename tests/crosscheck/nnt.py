# SPDX-License-Identifier: MIT
"""Helpers for cross-checks: run Lua through nntutor, compare numbers."""
import json
import os
import subprocess
import sys

NNTUTOR = os.environ.get("NNTUTOR", "build/nntutor")
RTOL = 1e-6
_failed = False


def run_lua(code, *args):
    """Runs Lua code with `nntutor run`; returns what it printed as JSON
    (the code should end with print(nnt.json(result)))."""
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                        "nnt-crosscheck-%d.lua" % os.getpid())
    with open(path, "w") as f:
        f.write(code)
    try:
        out = subprocess.run([NNTUTOR, "run", path, *args], check=True,
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    return json.loads(out.strip().splitlines()[-1])


def time_call(plugin, call, repeat=3):
    """Returns the best of `repeat` times (seconds) of one plugin call, such
    as 'train{ steps = 100 }', timed inside nntutor with nnt.clock()."""
    return float(run_lua("""
local p = nnt.plugin "%s"
local best = math.huge
for i = 1, %d do
  nnt.seed(1)
  local t0 = nnt.clock()
  local r = p.%s
  best = math.min(best, nnt.clock() - t0)
end
print(best)
""" % (plugin, repeat, call)))


def close(name, ours, ref, rtol=RTOL, atol=1e-12):
    """Prints ok/FAIL for arrays or numbers agreeing to rtol."""
    global _failed
    import numpy as np
    a, b = np.asarray(ours, dtype=float), np.asarray(ref, dtype=float)
    if a.shape != b.shape:
        print("FAIL %s: shape %s vs %s" % (name, a.shape, b.shape))
        _failed = True
        return False
    err = np.abs(a - b)
    tol = atol + rtol * np.abs(b)
    if np.all(err <= tol):
        print("ok %s (max rel err %.2g)" % (name, float(np.max(err / np.maximum(np.abs(b), 1e-300))) if a.size else 0))
        return True
    i = int(np.argmax(err - tol))
    print("FAIL %s: at %d ours %r ref %r" % (name, i, a.flat[i], b.flat[i]))
    _failed = True
    return False


def done():
    """Exits 1 if any check failed."""
    sys.exit(1 if _failed else 0)
