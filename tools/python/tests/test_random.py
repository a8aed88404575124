# SPDX-License-Identifier: MIT
"""prjconf --random through the driver: a clean run, a finding shrunk to a scenario, replay."""

import os


def test_reference_provider_runs_clean(prjsim):
    r = prjsim.random(seed=5, ops=3000)
    assert r.passed, r.output
    assert r.seed == 5 and r.operations == 3000  # its rate is a benchmark figure (prjsim-bench p4r)
    assert r.finding == "" and r.scenario == ""
    assert r.junit and r.junit[0]["status"] == "passed"


def test_broken_provider_finding_is_shrunk_to_a_scenario(prjsim, fixture_dir, tmp_path):
    so = os.path.join(fixture_dir, "broken", "broken-unsorted-entries.so")
    r = prjsim.random(seed=1, ops=300, provider=so, args=("--mkdir", "C:\\BrokenRoot"),
                      workdir=str(tmp_path))
    assert r.returncode == 1, r.output
    assert "unsorted-entries" in r.finding
    assert r.scenario.endswith(".scn") and "\nlist " in r.scenario_text
    assert r.junit[0]["status"] == "failure" and ".scn" in r.junit[0]["message"]
    # The shrunk log replays to the same finding.
    again = prjsim.random(replay=r.log + ".min.log", provider=so, args=("--mkdir", "C:\\BrokenRoot"))
    assert again.returncode == 1 and "unsorted-entries" in again.finding, again.output
    # The scenario fails against the broken provider and holds for the control.
    bad = prjsim._run([prjsim.prjsim, "run", "--provider", so, r.scenario])
    assert bad.returncode == 1, bad.stdout
    control = os.path.join(fixture_dir, "broken", "broken-control.so")
    good = prjsim._run([prjsim.prjsim, "run", "--provider", control, r.scenario])
    assert good.returncode == 0, good.stdout


def test_threads(prjsim):
    r = prjsim.random(seed=2, ops=1000, threads=2)
    assert r.passed, r.output
