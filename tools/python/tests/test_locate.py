# SPDX-License-Identifier: MIT
"""Where the driver finds the tools: a build tree, a prefix, the prefix it is installed in, PATH."""

import os
import stat

import pytest

from prjsim_driver import Prjsim


def fake_prefix(tmp_path):
    bin_dir = tmp_path / "prefix" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("prjsim", "prjconf"):
        (bin_dir / tool).write_text("#!/bin/sh\n")
        (bin_dir / tool).chmod(stat.S_IRWXU)
    return tmp_path / "prefix"


def test_prefix_from_the_environment(monkeypatch, tmp_path):
    prefix = fake_prefix(tmp_path)
    monkeypatch.delenv("PRJSIM_BUILD_DIR", raising=False)
    monkeypatch.setenv("PRJSIM_PREFIX", str(prefix))
    p = Prjsim.locate()
    assert p.prjsim == str(prefix / "bin" / "prjsim") and p.prjconf_path == str(prefix / "bin" / "prjconf")


def test_path(monkeypatch, tmp_path):
    prefix = fake_prefix(tmp_path)
    monkeypatch.delenv("PRJSIM_BUILD_DIR", raising=False)
    monkeypatch.delenv("PRJSIM_PREFIX", raising=False)
    monkeypatch.setenv("PATH", str(prefix / "bin") + os.pathsep + "/usr/bin:/bin")
    p = Prjsim.locate()
    assert p.prjsim == str(prefix / "bin" / "prjsim")


def test_nothing_found_says_where_it_looked(monkeypatch, tmp_path):
    monkeypatch.delenv("PRJSIM_BUILD_DIR", raising=False)
    monkeypatch.delenv("PRJSIM_PREFIX", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="PRJSIM_PREFIX"):
        Prjsim.locate()
