#!/usr/bin/env python3
"""Whole-process timings taken in rounds: every command once per round, in the same order, so that
a machine whose speed drifts within minutes slows all of them alike. Prints, per command, the
median wall time, its range, the median CPU time (user + system, the command and its children),
the peak RSS (largest of any round) and the median over rounds of its time divided by the
reference command's time in the same round.

    rounds.py RUNS WARMUP REFERENCE BYTES NAME=COMMAND...

BYTES (the input's size) gives the GB/s column; 0 leaves it out. A command runs under
`bash -c`, its output discarded; one that fails ends the run with its exit code. tshark-like
commands that take minutes can be run once with NAME@1=COMMAND (no warm-up, first round only).
"""
import os
import statistics
import subprocess
import sys
import time


def run(command):
    """Wall seconds, CPU seconds and peak RSS (KiB) of one run of `command`."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        ["bash", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"rounds.py: exit {code} from: {command}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    runs, warmup, reference, size = int(argv[0]), int(argv[1]), argv[2], int(argv[3])
    commands = []  # (name, command, rounds it runs in)
    for spec in argv[4:]:
        name, command = spec.split("=", 1)
        once = name.endswith("@1")
        commands.append((name[:-2] if once else name, command, 1 if once else runs))
    names = [c[0] for c in commands]
    if reference not in names:
        sys.exit(f"rounds.py: no command named {reference}")
    for name, command, n in commands:
        if n > 1:
            for _ in range(warmup):
                run(command)
    results = {name: [] for name in names}
    for r in range(runs):
        for name, command, n in commands:
            if r < n:
                results[name].append(run(command))
    ref = results[reference]
    print("| command | median s | range s | GB/s | CPU s | peak RSS MB | time vs %s |" % reference)
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        rs = results[name]
        walls = [w for w, _, _ in rs]
        med = statistics.median(walls)
        cpu = statistics.median(c for _, c, _ in rs)
        rss = max(m for _, _, m in rs) / 1024
        # The ratio within each round the command ran in, then their median.
        ratio = statistics.median(w / ref[i][0] for i, (w, _, _) in enumerate(rs))
        speed = f"{size / med / 1e9:.2f}" if size else "—"
        print(
            f"| {name} | {med:.2f} | {min(walls):.2f}–{max(walls):.2f} | {speed} | {cpu:.2f} "
            f"| {rss:.0f} | {ratio:.2f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
