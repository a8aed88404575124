# SPDX-License-Identifier: MIT
"""Drive prjsim from pytest (standard library only: subprocess, xml, json).

The driver runs the project's own programs:

* ``Prjsim.run_scenario(text)`` runs a scenario (the language of conformance/README.md) against
  the reference provider, or against a provider program (``provider=``), and returns a
  ``ScenarioResult`` whose ``passed`` and ``output`` say what happened. It is the way to script client operations, trace and notification
  assertions from Python: ``expect trace``, ``expect notifications`` and ``expect callbacks``
  lines carry them.
* ``Prjsim.prjconf(...)`` runs the generic suite, optionally against a provider program, and
  returns a ``PrjconfResult`` with the exit code, the output and, when asked, the parsed JUnit,
  TAP and JSON reports.
* ``Prjsim.random(seed=, ops=|time=, threads=, replay=, provider=...)`` runs ``prjconf --random``
  and returns a ``RandomResult``: the seed, the operations and ops/s, the finding and, when one
  was shrunk, the scenario's path and text (kept when ``workdir`` is given).
* ``Prjsim.exec(program, *args, stdin=...)`` runs a provider program as ``prjsim exec`` does.

The pytest plugin ``prjsim_driver.plugin`` (loaded by pytest once the package is installed)
gives tests a ``prjsim`` fixture for the installed tools or a build tree; see README.md.
"""

from .driver import Prjsim, PrjconfResult, RandomResult, ScenarioResult, parse_junit, parse_tap, parse_json_lines

__all__ = ["Prjsim", "PrjconfResult", "RandomResult", "ScenarioResult", "parse_junit", "parse_tap", "parse_json_lines"]
