#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks the Windows workflows (.github/workflows/windows.yml and the template
docs/ci/windows-projfs.yml): valid YAML (Debian's python3-yaml), a windows-latest job, actions
we know, and commands that exist: every `run` line starts with a known command; every -D cache
variable given to cmake is one the project defines; every prjconf.exe (prjsim-run.exe) option is
one the usage text of windows/prjconf_main.c (windows/prjsim_run_main.c) lists, and its path is
where the Visual Studio generator puts it.

    windows-workflows-check.py SOURCE_DIR
"""
import fnmatch
import re
import shlex
import sys
from pathlib import Path

import yaml

KNOWN_ACTIONS = {"actions/checkout@v6", "actions/upload-artifact@v6"}
# Commands a run line may start with, and where each comes from on windows-latest.
KNOWN_COMMANDS = {
    "cmake": "the runner image", "ctest": "the runner image", "git": "the runner image",
    "New-Item": "PowerShell", "Set-Content": "PowerShell",
    "Get-ChildItem": "PowerShell",
}


def cache_variables(src):
    """Cache variables and options the project defines, plus CMake's own we rely on."""
    names = {"BUILD_TESTING", "CMAKE_BUILD_TYPE"}
    for f in list(src.glob("**/CMakeLists.txt")) + list(src.glob("tools/cmake/*.cmake")):
        if "build" in f.relative_to(src).parts[0]:
            continue
        text = f.read_text(encoding="utf-8")
        names.update(re.findall(r"option\((\w+)", text))
        names.update(re.findall(r"set\((\w+) [^)]*CACHE", text))
    return names


# The Windows programs a run line may start, and the source whose usage text lists their options.
PROGRAMS = {"prjconf.exe": "prjconf_main.c", "prjsim-run.exe": "prjsim_run_main.c"}


def program_options(src):
    return {exe: set(re.findall(r"(--[a-z][a-z-]*)", (src / "windows" / main).read_text(encoding="utf-8")))
            for exe, main in PROGRAMS.items()}


def check_run(line, src, problems, where, cache, options):
    words = shlex.split(line, posix=False)
    if len(words) > 2 and re.fullmatch(r"\$\w+", words[0]) and words[1] == "=":
        words = words[2:]  # a PowerShell variable set from a command: the command is checked
    cmd = words[0]
    exe = next((e for e in PROGRAMS if cmd.lower().endswith(e)), None)
    if exe:
        parts = re.split(r"[\\/]", cmd)
        if parts[-3:] != ["windows", "RelWithDebInfo", exe]:
            problems.append(f"{where}: {cmd}: the Visual Studio generator puts {exe} in "
                            f"BUILD\\windows\\RelWithDebInfo\\{exe}")
        for w in words[1:]:
            if w.strip("'\"") == "--":
                break  # the provider program's own arguments
            if w.startswith("--") and w not in options[exe]:
                problems.append(f"{where}: {exe} has no option {w}")
        return
    if cmd.lower().endswith(".ps1"):
        # One of ours: from this checkout (.\tools\...) or from the template's clone (.\prjsim\...).
        parts = [p for p in re.split(r"[\\/]", cmd) if p not in (".", "")]
        if parts and parts[0] == "prjsim":
            parts = parts[1:]
        if not (src.joinpath(*parts)).is_file():
            problems.append(f"{where}: {cmd}: no such script in the repository")
        return
    if cmd not in KNOWN_COMMANDS:
        problems.append(f"{where}: unknown command {cmd!r}")
        return
    if cmd == "cmake":
        for w in words[1:]:
            if w.startswith("-D"):
                name = w[2:].split("=")[0].split(":")[0]
                if name not in cache:
                    problems.append(f"{where}: cmake -D{name}: no such cache variable")


def check(path, src, problems):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    cache, options = cache_variables(src), program_options(src)
    jobs = doc.get("jobs") or {}
    if not jobs:
        problems.append(f"{path}: no jobs")
    for name, job in jobs.items():
        if job.get("runs-on") != "windows-latest":
            problems.append(f"{path}: job {name} does not run on windows-latest")
        reports, uploaded = [], []
        for i, step in enumerate(job.get("steps", [])):
            where = f"{path.name}: {name}: step {step.get('name', i)}"
            if "uses" in step and step["uses"] not in KNOWN_ACTIONS:
                problems.append(f"{where}: unknown action {step['uses']}")
            if str(step.get("uses", "")).startswith("actions/upload-artifact@"):
                uploaded += str((step.get("with") or {}).get("path", "")).split()
            for line in str(step.get("run", "")).splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    check_run(line, src, problems, where, cache, options)
                    words = shlex.split(line, posix=False)
                    reports += [words[k + 1] for k, w in enumerate(words[:-1]) if w == "--junit"]
        # Every JUnit report a step writes (--junit FILE) is published by an upload step.
        for r in reports:
            if not any(fnmatch.fnmatch(r, u) for u in uploaded):
                problems.append(f"{path.name}: {name}: the report {r} (--junit) is in no upload-artifact path")
    text = path.read_text(encoding="utf-8")
    if "enable-projfs.ps1" not in text or "--backend projfs" not in text:
        problems.append(f"{path}: must enable ProjFS (tools/windows/enable-projfs.ps1) and run "
                        "prjconf --backend projfs")


def main(src):
    src = Path(src)
    problems = []
    files = [src / ".github" / "workflows" / "windows.yml", src / "docs" / "ci" / "windows-projfs.yml"]
    for f in files:
        check(f, src, problems)
    for p in problems:
        print("windows workflows:", p)
    if not problems:
        print(f"windows workflows: {len(files)} files, valid YAML, known commands and options")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
