# SPDX-License-Identifier: MIT
"""pytest fixtures for prjsim's own tests: `prjsim` (the plugin's) and `fixture_dir`, the build
tree's fixture providers (PRJSIM_BUILD_DIR, set by ctest)."""

import os

import pytest

from .plugin import prjsim  # noqa: F401  (a fixture)


@pytest.fixture(scope="session")
def fixture_dir(prjsim) -> str:  # noqa: F811
    """Where the fixture provider programs (.so) of the build tree are."""
    if not prjsim.build_dir:
        pytest.fail("PRJSIM_BUILD_DIR is not set: run these tests through ctest, or set it to a build tree")
    return os.path.join(prjsim.build_dir, "fixtures")
