# SPDX-License-Identifier: MIT
"""The driver: subprocess calls of prjsim, prjconf and prjsim exec, and report parsers."""

import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass
class ScenarioResult:
    returncode: int
    output: str

    @property
    def passed(self) -> bool:
        return self.returncode == 0


@dataclass
class PrjconfResult:
    returncode: int
    output: str
    junit: list = field(default_factory=list)   # [{"name", "status", "message"}]
    json: list = field(default_factory=list)    # one dict per case, as prjconf streamed them
    tap: list = field(default_factory=list)     # [(ok, number, name)]

    def summary(self) -> str:
        """The closing "N passed, N failed" line."""
        lines = [l for l in self.output.splitlines() if " passed, " in l]
        return lines[-1] if lines else ""


@dataclass
class RandomResult:
    """What `prjconf --random` did: the seed, the rate, and on a finding the shrunk scenario."""
    returncode: int
    output: str
    seed: int = 0
    operations: int = 0
    ops_per_s: float = 0.0
    finding: str = ""           # the report's message ("" when there was none)
    scenario: str = ""          # path of the shrunk .scn (kept in the directory given)
    scenario_text: str = ""
    log: str = ""               # path of the operation log
    json: list = field(default_factory=list)
    junit: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.returncode == 0


def parse_random_output(text: str) -> dict:
    """The seed, operations, rate, log and scenario paths from `prjconf --random`'s output."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"prjconf --random: seed (\d+)", line) or re.search(r"\(seed (\d+)\)$", line)
        if m and "seed" not in out:
            out["seed"] = int(m.group(1))
        m = re.match(r"(\d+) operations checked in [\d.]+ s: (\d+) ops/s", line)
        if m:
            out["operations"], out["ops_per_s"] = int(m.group(1)), float(m.group(2))
        m = re.match(r"operation log: (.+)$", line)
        if m:
            out["log"] = m.group(1)
        m = re.match(r"shrunk to \d+ of \d+ operations in \d+ replays: (.+?) \(log ", line)
        if m:
            out["scenario"] = m.group(1)
    return out


def parse_junit(text: str) -> list:
    """Cases of a JUnit XML report: name and status (passed, failure, error, skipped)."""
    root = ET.fromstring(text)
    cases = []
    for case in root.iter("testcase"):
        status, message = "passed", ""
        for kind in ("failure", "error", "skipped"):
            node = case.find(kind)
            if node is not None:
                status, message = kind, node.get("message", "")
                break
        cases.append({"name": case.get("name"), "status": status, "message": message})
    return cases


def parse_tap(text: str) -> list:
    """(ok, number, name) for every test line of a TAP stream; checks the plan matches."""
    results, plan = [], None
    for line in text.splitlines():
        if line.startswith("1.."):
            plan = int(line[3:].split()[0])
        elif line.startswith("ok ") or line.startswith("not ok "):
            ok = line.startswith("ok ")
            rest = line[3:] if ok else line[7:]
            number, _, name = rest.partition(" ")
            results.append((ok, int(number), name.split(" # ")[0].lstrip("- ").strip()))
    if plan is None or plan != len(results):
        raise ValueError(f"TAP plan {plan} does not match {len(results)} test lines")
    return results


def parse_json_lines(text: str) -> list:
    """One JSON object per non-empty line."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class Prjsim:
    """The programs of one build tree or one installation.

    ``Prjsim(build_dir)`` uses a build tree; ``Prjsim(prefix=...)`` an installation prefix;
    ``Prjsim.locate()`` finds them as the pytest fixture does (see ``locate``).
    """

    def __init__(self, build_dir: str = None, timeout: float = 300, prefix: str = None,
                 prjsim: str = None, prjconf: str = None):
        self.timeout = timeout
        self.build_dir = os.path.abspath(build_dir) if build_dir else None
        self.prefix = os.path.abspath(prefix) if prefix else None
        if self.build_dir:
            self.prjsim = os.path.join(self.build_dir, "bin", "prjsim")
            self.prjconf_path = os.path.join(self.build_dir, "tools", "prjconf", "prjconf")
        elif self.prefix:
            self.prjsim = os.path.join(self.prefix, "bin", "prjsim")
            self.prjconf_path = os.path.join(self.prefix, "bin", "prjconf")
        else:
            self.prjsim, self.prjconf_path = prjsim, prjconf
        for path in (self.prjsim, self.prjconf_path):
            if not path or not os.access(path, os.X_OK):
                raise FileNotFoundError(f"{path} is not built or not installed")

    @classmethod
    def locate(cls, timeout: float = 300) -> "Prjsim":
        """The programs named by PRJSIM_BUILD_DIR (a build tree) or PRJSIM_PREFIX (an
        installation), else those of the prefix this package is installed in, else prjsim and
        prjconf on PATH. Raises FileNotFoundError saying where it looked."""
        build = os.environ.get("PRJSIM_BUILD_DIR")
        if build:
            return cls(build, timeout=timeout)
        prefix = os.environ.get("PRJSIM_PREFIX")
        if prefix:
            return cls(prefix=prefix, timeout=timeout)
        # <prefix>/lib/python3/dist-packages/prjsim_driver/driver.py
        own = os.path.abspath(os.path.join(os.path.dirname(__file__), *[os.pardir] * 4))
        if os.access(os.path.join(own, "bin", "prjsim"), os.X_OK) and \
                os.access(os.path.join(own, "bin", "prjconf"), os.X_OK):
            return cls(prefix=own, timeout=timeout)
        found = shutil.which("prjsim"), shutil.which("prjconf")
        if all(found):
            return cls(prjsim=found[0], prjconf=found[1], timeout=timeout)
        raise FileNotFoundError(
            "prjsim and prjconf not found: set PRJSIM_PREFIX to an installation prefix or "
            "PRJSIM_BUILD_DIR to a build tree, or put the installed tools on PATH")

    def _run(self, argv, stdin=None, env=None):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=self.timeout, env=full_env)

    def run_scenario(self, text: str, name: str = "driver.scn", provider: str = None,
                     provider_args=(), env=None) -> ScenarioResult:
        """Runs a scenario given as text; file:line messages name `name`. Against the reference
        provider, or with `provider` against that provider program (a .so from prjsim-cc or
        prjsim_add_provider) started with `provider_args`, as `prjsim run --provider` does."""
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            argv = [self.prjsim, "run"]
            if provider:
                argv += ["--provider", os.path.abspath(provider)]
            argv.append(path)
            if provider and provider_args:
                argv += ["--", *provider_args]
            p = self._run(argv, env=env)
            return ScenarioResult(p.returncode, p.stdout)

    def prjconf(self, *args, provider=None, program_args=(), caps=None, reports=False, env=None) -> PrjconfResult:
        """Runs prjconf; with reports=True also asks for JUnit, TAP (a second run) and JSON."""
        with tempfile.TemporaryDirectory() as tmp:
            argv = [self.prjconf_path, *args]
            if provider:
                argv += ["--provider", provider]
            if caps:
                argv += ["--caps", caps]
            junit = os.path.join(tmp, "junit.xml")
            jsonl = os.path.join(tmp, "cases.json")
            if reports:
                argv += ["--junit", junit, "--json", jsonl]
            tail = ["--", *program_args] if program_args else []
            p = self._run(argv + tail, env=env)
            result = PrjconfResult(p.returncode, p.stdout)
            if reports:
                with open(junit, encoding="utf-8") as f:
                    result.junit = parse_junit(f.read())
                with open(jsonl, encoding="utf-8") as f:
                    result.json = parse_json_lines(f.read())
                t = self._run(argv + ["--tap"] + tail, env=env)
                result.tap = parse_tap(t.stdout)
            return result

    def random(self, seed: int = 1, ops: int = None, time: float = None, threads: int = 1,
               replay: str = None, provider: str = None, program_args=(), args=(), weights: str = None,
               workdir: str = None, env=None) -> RandomResult:
        """Runs `prjconf --random` (in `workdir`, where the log and any shrunk scenario stay; a
        temporary directory when None) and parses what it printed and its JSON and JUnit reports."""
        own = workdir is None
        tmp = tempfile.mkdtemp() if own else workdir
        try:
            argv = [self.prjconf_path, *args, "--random", "--seed", str(seed)]
            if ops is not None:
                argv += ["--ops", str(ops)]
            if time is not None:
                argv += ["--time", str(time)]
            if threads and threads > 1:
                argv += ["--threads", str(threads)]
            if replay:
                argv += ["--replay", os.path.abspath(replay)]
            if weights:
                argv += ["--weights", weights]
            if provider:
                argv += ["--provider", provider]
            jsonl = os.path.join(tmp, "random.jsonl")
            junit = os.path.join(tmp, "random.xml")
            argv += ["--json", jsonl, "--junit", junit]
            tail = ["--", *program_args] if program_args else []
            full_env = dict(os.environ)
            full_env.update(env or {})
            p = subprocess.run(argv + tail, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               timeout=self.timeout, env=full_env, cwd=tmp)
            info = parse_random_output(p.stdout)
            r = RandomResult(p.returncode, p.stdout, seed=info.get("seed", seed),
                             operations=info.get("operations", 0), ops_per_s=info.get("ops_per_s", 0.0))
            if info.get("log") and not info["log"].startswith("("):
                r.log = os.path.join(tmp, info["log"])
            if os.path.exists(jsonl):
                with open(jsonl, encoding="utf-8") as f:
                    r.json = parse_json_lines(f.read())
                if r.json and r.json[0].get("outcome") != "pass":
                    r.finding = r.json[0].get("message", "")
            if os.path.exists(junit):
                with open(junit, encoding="utf-8") as f:
                    r.junit = parse_junit(f.read())
            if info.get("scenario"):
                r.scenario = os.path.join(tmp, info["scenario"])
                if os.path.exists(r.scenario):
                    with open(r.scenario, encoding="utf-8") as f:
                        r.scenario_text = f.read()
            return r
        finally:
            if own:
                shutil.rmtree(tmp, ignore_errors=True)

    def exec(self, program: str, *args, stdin: str = "", env=None) -> subprocess.CompletedProcess:
        """Runs a provider program as `prjsim exec` does, feeding it `stdin`."""
        return self._run([self.prjsim, "exec", program, *args], stdin=stdin, env=env)
