#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Checks the CI templates of docs/ci: both are valid YAML (Debian's python3-yaml), and the
commands that build and test the provider are exactly those of examples/provider/ci.sh, in
order; so are the commands that install prjsim from source, in both templates.

    check.py DOCS_CI_DIR EXAMPLE_CI_SH
"""
import sys

import yaml


def commands(text):
    """The command lines of a shell fragment, without comments, blank lines and `set`."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and not line.startswith("set "):
            out.append(line)
    return out


def main(ci_dir, example):
    with open(example, encoding="utf-8") as f:
        wanted = commands(f.read())
    problems = []
    with open(f"{ci_dir}/github-actions.yml", encoding="utf-8") as f:
        gh = yaml.safe_load(f)
    steps = gh["jobs"]["conformance"]["steps"]
    by_name = {s.get("name"): s for s in steps}
    gh_build = commands(by_name["Build and test"]["run"])
    gh_install = commands(by_name["Install prjsim"]["run"])
    if gh_build != wanted:
        problems.append(f"github-actions.yml 'Build and test' runs {gh_build}, ci.sh runs {wanted}")
    with open(f"{ci_dir}/gitlab-ci.yml", encoding="utf-8") as f:
        gl = yaml.safe_load(f)
    job = gl["prjsim-conformance"]
    gl_build = [c for s in job["script"] for c in commands(s)]
    gl_install = [c for s in job["before_script"] for c in commands(s)]
    if gl_build != wanted:
        problems.append(f"gitlab-ci.yml script runs {gl_build}, ci.sh runs {wanted}")
    if not all(c in gl_install for c in gh_install):
        problems.append("the two templates install prjsim differently:\n  "
                        f"{gh_install}\n  {gl_install}")
    if "build/prjconf-*.xml" not in job["artifacts"]["reports"]["junit"]:
        problems.append("gitlab-ci.yml does not publish prjconf's JUnit report")
    for p in problems:
        print("docs/ci:", p)
    if not problems:
        print("docs/ci: valid YAML, the example consumer's commands")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
