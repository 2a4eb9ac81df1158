# SPDX-License-Identifier: MIT
"""Times what a student waits for before anything shows: `nntutor
--version` (the process alone), `nntutor list` (every lesson's header read
through one worker process) and a whole `nntutor lesson template --plain`
(a worker started, seven steps run).  Runs are interleaved, medians of 15
are printed.  The in-process figures of the release before the worker were
about 21 ms for list and 11 ms for the template lesson on the CI machine;
the target is within 2x of those.  Never fails on speed."""
import os
import statistics
import subprocess
import time

NNTUTOR = os.environ.get("NNTUTOR", "build/nntutor")
RUNS = 15
CASES = [
    ("--version", ["--version"]),
    ("list", ["list"]),
    ("lesson template --plain", ["lesson", "template", "--plain"]),
]


def once(args):
    t0 = time.perf_counter()
    subprocess.run([NNTUTOR] + args, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - t0) * 1e3


times = {name: [] for name, _ in CASES}
for _ in range(RUNS):
    for name, args in CASES:
        times[name].append(once(args))
for name, _ in CASES:
    print(f"start-up: nntutor {name}: median {statistics.median(times[name]):.1f} ms "
          f"(min {min(times[name]):.1f}, {RUNS} runs)")
