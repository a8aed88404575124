# SPDX-License-Identifier: MIT
"""Client operations, trace and notification assertions through scenarios."""

import os


def test_walk_with_trace(prjsim):
    r = prjsim.run_scenario(
        'item file a.txt content="hello"\n'
        "read-file C:\\root\\A.TXT\n"
        'expect data "hello"\n'
        "expect state C:\\root\\a.txt placeholder,hydrated\n"
        'expect callbacks GetPlaceholderInfo "A.TXT", GetFileData "a.txt"\n')
    assert r.passed, r.output


def test_failed_expectation_is_reported_with_file_and_line(prjsim):
    r = prjsim.run_scenario('item file a.txt content="x"\nread-file C:\\root\\a.txt\nexpect data "y"\n',
                            name="wrong.scn")
    assert r.returncode == 1
    assert "wrong.scn:3:" in r.output


def test_notifications(prjsim):
    r = prjsim.run_scenario(
        "option notifications\n"
        "mapping \"\" file-opened,file-handle-closed-no-modification\n"
        'item file a.txt content="x"\n'
        "open h1 C:\\root\\a.txt\n"
        "close h1\n"
        'expect notifications FILE_OPENED "a.txt", FILE_HANDLE_CLOSED_NO_MODIFICATION "a.txt"\n')
    assert r.passed, r.output


def test_malformed_script_exits_2(prjsim):
    r = prjsim.run_scenario("frobnicate everything\n", name="bad.scn")
    assert r.returncode == 2
    assert "bad.scn:1:" in r.output


def test_scenario_against_a_provider_program(prjsim, fixture_dir):
    hello = os.path.join(fixture_dir, "hello", "hello.so")
    r = prjsim.run_scenario("root C:\\HelloRoot\n"
                            "list C:\\HelloRoot\\docs\n"
                            "expect listing . .. hello.txt\n"
                            "expect no diags\n",
                            provider=hello, provider_args=["C:\\HelloRoot"])
    assert r.passed, r.output
    r = prjsim.run_scenario("root C:\\HelloRoot\nlist C:\\HelloRoot\\docs\nexpect listing . .. other.txt\n",
                            provider=hello, provider_args=["C:\\HelloRoot"], name="other.scn")
    assert r.returncode == 1 and "other.scn:3:" in r.output, r.output
