# SPDX-License-Identifier: MIT
"""The pytest plugin (entry point ``pytest11``, so installing the package is enough): a session
fixture ``prjsim``, a ``Prjsim`` for the installed tools (PRJSIM_PREFIX, the prefix this package
is installed in, or PATH) or a build tree (PRJSIM_BUILD_DIR)."""

import pytest

from .driver import Prjsim


@pytest.fixture(scope="session")
def prjsim() -> Prjsim:
    try:
        return Prjsim.locate()
    except FileNotFoundError as e:
        pytest.fail(str(e))
