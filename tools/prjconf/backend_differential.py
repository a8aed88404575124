#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The prjconf backend differential: each case gives the same verdict and the same simulator
diagnostics with --backend win32 (the Win32 calls a Windows program makes, prjsim's Win32 layer
here) as with --backend sim, or is skipped under win32 because it reads the simulator's insides.

usage: backend_differential.py PRJCONF WORK_DIR reference
       backend_differential.py PRJCONF WORK_DIR hello HELLO_SO
       backend_differential.py PRJCONF WORK_DIR mirror MIRROR_SO
       backend_differential.py PRJCONF WORK_DIR broken BROKEN_DIR BROKEN_TEST_SH

With PRJSIM_RECORDING_LIB set (libprjsim_recording.so), the win32 runs are observed by the
recording layer (LD_PRELOAD, --checker): the diagnostics its checker decides come from the
provider's own calls, as on real ProjFS, and must still equal the simulator's of the sim run.

`broken` runs each provider of the catalog with the cases broken_test.sh expects to catch it
(its `expect PROVIDER CASE TEXT` lines), plus the control with every case. (`race` is in: its
provider waits for a second overlapping callback, so the catch does not depend on timing.) Exit 0 when nothing
differs, 1 on a difference, 2 on a setup error.
"""
import json
import os
import re
import shutil
import subprocess
import sys


def run(prjconf, work, tag, backend, args):
    """One prjconf run; its JSON lines by case name."""
    out = os.path.join(work, f"{tag}.{backend}.jsonl")
    cmd = [prjconf, "--backend", backend, "--seed", "7", "--json", out]
    env = dict(os.environ)
    lib = os.environ.get("PRJSIM_RECORDING_LIB")
    if lib and backend != "sim":
        cmd.append("--checker")
        env["LD_PRELOAD"] = lib
        asan = env.get("ASAN_OPTIONS")
        env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "verify_asan_link_order=0"
    proc = subprocess.run(cmd + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=550, env=env)
    if proc.returncode not in (0, 1) or not os.path.exists(out):
        sys.stderr.write(f"{tag}: prjconf --backend {backend} exited {proc.returncode}:\n")
        sys.stderr.write(proc.stdout.decode(errors="replace"))
        sys.exit(2)
    cases = {}
    with open(out, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("backend") != backend:
                sys.stderr.write(f"{tag}: a {backend} report names backend {r.get('backend')}\n")
                sys.exit(1)
            cases[r["case"]] = r
    return cases


def compare(tag, sim, win32, counts):
    """Prints each difference; returns how many there were."""
    differences = 0
    for name in sorted(set(sim) | set(win32)):
        s, w = sim.get(name), win32.get(name)
        counts["cases"] += 1
        if s is None or w is None:
            print(f"DIFFERENT {tag} {name}: only under {'sim' if w is None else 'win32'}")
            differences += 1
            continue
        if w["outcome"] == "skip" and w["message"].startswith("backend win32:"):
            counts["skipped"] += 1
            continue
        counts["ran"] += 1
        if s["outcome"] != w["outcome"] or sorted(s["diagnostics"]) != sorted(w["diagnostics"]):
            print(f"DIFFERENT {tag} {name}: sim {s['outcome']} {s['diagnostics']} ({s['message']}), "
                  f"win32 {w['outcome']} {w['diagnostics']} ({w['message']})")
            differences += 1
    return differences


def main():
    if len(sys.argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    prjconf, work, what = sys.argv[1:4]
    rest = sys.argv[4:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    runs = []  # (tag, prjconf arguments)
    if what == "reference":
        runs.append(("reference", ["-j", "2"]))
    elif what == "hello" and len(rest) == 1:
        runs.append(("hello", ["-j", "2", "--provider", rest[0], "--mkdir", "C:\\HelloRoot", "--", "C:\\HelloRoot"]))
    elif what == "mirror" and len(rest) == 1:
        # mirror_test.sh's backing tree, made afresh for each backend (a case may change it)
        for backend in ("sim", "win32"):
            b = os.path.join(work, f"drives-{backend}", "C", "backing")
            os.makedirs(os.path.join(b, "docs", "deep"))
            os.makedirs(os.path.join(b, "empty"))
            for name, data in (("a.txt", b"alpha\n"), ("B.txt", b"bravo!\n"), ("c.md", b""),
                               (os.path.join("docs", "Guide.txt"), b"read me first\r\n"),
                               (os.path.join("docs", "deep", "big.bin"), b"x" * 10000)):
                with open(os.path.join(b, name), "wb") as f:
                    f.write(data)
        runs.append(("mirror", ["-j", "2", "--drives", os.path.join(work, "drives-{backend}"), "--provider", rest[0],
                                "--", "C:\\backing", "C:\\virt"]))
    elif what == "broken" and len(rest) == 2:
        with open(rest[1], encoding="utf-8") as f:
            expected = re.findall(r"^expect (\S+) (\S+) ", f.read(), re.M)
        if not expected:
            sys.stderr.write(f"no `expect` lines in {rest[1]}\n")
            return 2
        for provider, case in expected:
            # a short limit only where the verdict is the timeout itself; a loaded machine must not
            # time out an ordinary case under one backend only
            timeout = "3" if provider in ("hang", "pend-never-completes") else "20"
            runs.append((f"broken-{provider}", ["--timeout", timeout, "--mkdir", "C:\\BrokenRoot", "--provider",
                                                os.path.join(rest[0], f"broken-{provider}.so"), "--case", case]))
        runs.append(("broken-control", ["-j", "2", "--mkdir", "C:\\BrokenRoot", "--provider",
                                        os.path.join(rest[0], "broken-control.so")]))
    else:
        sys.stderr.write(__doc__)
        return 2
    counts = {"cases": 0, "ran": 0, "skipped": 0}
    differences = 0
    for tag, args in runs:
        results = {}
        for backend in ("sim", "win32"):
            results[backend] = run(prjconf, work, tag, backend, [a.replace("{backend}", backend) for a in args])
        differences += compare(tag, results["sim"], results["win32"], counts)
    observed = " (win32 observed by the recording layer's checker)" if os.environ.get("PRJSIM_RECORDING_LIB") else ""
    print(f"prjconf differential ({what}){observed}: {counts['ran']} of {counts['cases']} case runs compared under "
          f"win32, {counts['skipped']} skipped there (they need the simulator's insides), {differences} different")
    if counts["ran"] == 0:
        print("FAIL: nothing ran under win32")
        return 1
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
