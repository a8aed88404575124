# SPDX-License-Identifier: MIT
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from prjsim_driver.fixtures import fixture_dir, prjsim  # noqa: E402,F401  (pytest fixtures)
