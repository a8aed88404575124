"""pytest fixtures: `prjsim` for the build tree named by PRJSIM_BUILD_DIR."""

import os

import pytest

from .driver import Prjsim


@pytest.fixture(scope="session")
def prjsim() -> Prjsim:
    build = os.environ.get("PRJSIM_BUILD_DIR")
    if not build:
        pytest.fail("PRJSIM_BUILD_DIR is not set: run these tests through ctest, or set it to a build tree")
    return Prjsim(build)


@pytest.fixture(scope="session")
def fixture_dir(prjsim) -> str:
    """Where the fixture provider programs (.so) of the build tree are."""
    return os.path.join(prjsim.build_dir, "fixtures")
