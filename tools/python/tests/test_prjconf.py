# SPDX-License-Identifier: MIT
"""prjconf over every fixture provider, its reports, and the broken-provider catalog."""

import os

import pytest


def hello(fixture_dir):
    return dict(provider=os.path.join(fixture_dir, "hello", "hello.so"),
                args=("--mkdir", "C:\\HelloRoot"), program_args=("C:\\HelloRoot",), env=None)


def mirror(fixture_dir, tmp_path):
    backing = tmp_path / "drives" / "C" / "backing"
    (backing / "docs").mkdir(parents=True)
    (backing / "a.txt").write_text("alpha\n")
    (backing / "docs" / "Guide.txt").write_text("read me first\r\n")
    return dict(provider=os.path.join(fixture_dir, "mirror", "mirror.so"),
                args=("--drives", str(tmp_path / "drives")), program_args=("C:\\backing", "C:\\virt"), env=None)


def reference(fixture_dir, tmp_path):
    return dict(provider=None, args=(), program_args=(), env=None)


PROVIDERS = {"reference": reference, "hello": lambda d, t: hello(d), "mirror": mirror}


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_fixture_provider_passes_with_reports(prjsim, fixture_dir, tmp_path, name):
    p = PROVIDERS[name](fixture_dir, tmp_path)
    r = prjsim.prjconf("-j", "2", *p["args"], provider=p["provider"], program_args=p["program_args"],
                       reports=True)
    assert r.returncode == 0, r.output
    assert r.summary().startswith(f"{len(r.junit) - sum(c['status'] == 'skipped' for c in r.junit)} passed, 0 failed")
    # The three reports agree with each other on every case.
    assert {c["name"] for c in r.junit} == {t[2] for t in r.tap}
    assert len(r.json) == len(r.junit)
    failed = [c for c in r.junit if c["status"] in ("failure", "error")]
    assert not failed, failed
    assert all(ok for ok, _, _ in r.tap)


# A few catalog entries with the case that must catch them (the full list is in
# tools/prjconf/broken_test.sh; this checks the driver sees the same outcomes).
CATALOG = [
    ("unsorted-entries", "enum.sorted", "unsorted-entries"),
    ("duplicate-entries", "enum.unique", "duplicate-entry"),
    ("short-data", "data.agrees-with-size", "short-data"),
    ("unlisted-hresult", "results.allowed", "unlisted-result"),
    ("crash", "data.agrees-with-size", "crash"),
]


@pytest.mark.parametrize("broken,case,text", CATALOG)
def test_broken_provider_is_caught(prjsim, fixture_dir, broken, case, text):
    so = os.path.join(fixture_dir, "broken", f"broken-{broken}.so")
    r = prjsim.prjconf("--timeout", "5", "--mkdir", "C:\\BrokenRoot", "--case", case, provider=so, reports=True)
    assert r.returncode == 1, r.output
    assert text in r.output
    statuses = {c["name"]: c["status"] for c in r.junit}
    assert statuses[case] in ("failure", "error"), statuses


def test_broken_control_passes(prjsim, fixture_dir):
    so = os.path.join(fixture_dir, "broken", "broken-control.so")
    r = prjsim.prjconf("--timeout", "5", "--mkdir", "C:\\BrokenRoot", provider=so)
    assert r.returncode == 0, r.output


def test_usage_error_exits_2(prjsim):
    assert prjsim.prjconf("--shard", "3/2").returncode == 2
