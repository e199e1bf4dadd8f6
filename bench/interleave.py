#!/usr/bin/env python3
# Interleaved A/B timing for comparing JVM flags on a busy machine: every command runs once per round, so load
# changes hit all of them alike. Usage: bench/interleave.py ROUNDS "cmd1" "cmd2" … (no shell; env from the caller).
# Prints wall-time and CPU (user+sys) medians. BENCH_PAUSE=SECONDS waits that long before each command.
import sys, subprocess, time, shlex, statistics, os
rounds=int(sys.argv[1]); cmds=[shlex.split(c) for c in sys.argv[2:]]
pause=float(os.environ.get("BENCH_PAUSE", "0"))
# BENCH_ORDER=abba reverses the order every other round (counterbalanced): with two commands, each then follows the
# other as often as itself. In plain order a command always runs right after the previous one in the list, and that
# can matter: the guard's JVM right after dclint (node, ~300 MB) took ~15 % longer and ~190 ms more CPU than right
# after another guard run, even with a 1 s pause between them (memory to compact for huge pages, caches).
abba=os.environ.get("BENCH_ORDER", "") == "abba"
t={i:[] for i in range(len(cmds))}; c={i:[] for i in range(len(cmds))}
dn=os.open(os.devnull, os.O_WRONLY)
for r in range(rounds+2):
    order=list(enumerate(cmds))
    if abba and r % 2: order.reverse()
    for i,cm in order:
        if pause: time.sleep(pause)
        s=time.perf_counter(); pid=os.posix_spawnp(cm[0], cm, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, dn, 1),(os.POSIX_SPAWN_DUP2, dn, 2)])
        _,st,ru=os.wait4(pid,0); e=time.perf_counter()
        if r>=2: t[i].append((e-s)*1000); c[i].append((ru.ru_utime+ru.ru_stime)*1000)
for i,cm in enumerate(sys.argv[2:]):
    v=sorted(t[i]); print(f"wall med {statistics.median(v):6.1f} min {v[0]:6.1f} | cpu med {statistics.median(c[i]):6.1f}  {cm[-90:]}")
