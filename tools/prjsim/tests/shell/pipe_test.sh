#!/bin/sh
# SPDX-License-Identifier: MIT
# `prjsim shell` through a pipe: the transcript of session.in is exactly session.expected (so
# piped input gives the same output on every run, without colour), `record` saves a scenario
# that `prjsim run` replays and that fails when what it recorded changes, a provider program
# works the same way, and bad usage exits 2.
# usage: pipe_test.sh PRJSIM HERE WORK HELLO.so
set -u
prjsim=$1 here=$2 work=$3 hello=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
fail() { echo "FAIL: $*"; exit 1; }

TERM=xterm-256color "$prjsim" shell < "$here/session.in" > out.txt 2> err.txt || fail "exit status $?"
diff -u "$here/session.expected" out.txt || fail "the transcript differs from session.expected"
[ ! -s err.txt ] || fail "stderr: $(cat err.txt)"
grep -q "$(printf '\033')" out.txt && fail "colour codes in piped output"

# record: the session replays as a scenario, with expectations filled in from what happened
{ cat "$here/session.in"; echo "record rec.scn"; } | "$prjsim" shell > /dev/null || fail "recording session"
grep -q '^expect callbacks GetPlaceholderInfo "foo.txt", GetFileData "foo.txt"$' rec.scn ||
  fail "rec.scn lacks the callbacks of 'cat foo.txt'"
grep -q '^expect diag unlisted-result count=1$' rec.scn || fail "rec.scn lacks the diagnostic"
grep -q '^expect state "C:\\root\\foo.txt" tombstone$' rec.scn || fail "rec.scn lacks the tombstone"
"$prjsim" run rec.scn > run.txt || { cat run.txt; fail "the recorded scenario does not pass"; }
# ... and it checks something: a changed expectation fails the replay
sed 's/^expect data "Hello from foo.txt\\r\\n"$/expect data "Goodbye"/' rec.scn > changed.scn
cmp -s rec.scn changed.scn && fail "rec.scn lacks the data of 'cat foo.txt'"
"$prjsim" run changed.scn > /dev/null && fail "a changed recording still passes"

# ln -s is a client's symbolic link (CreateSymbolicLinkW), read through; -d makes a directory link
printf 'ln -s foo.txt link.txt\ncat link.txt\nln -s -d dir1 dl\nls dl\nrecord ln.scn\n' |
  "$prjsim" shell > ln.txt 2>&1 || fail "ln -s session"
grep -q 'op symlink "C:\\root\\link.txt" to "foo.txt" -> STATUS_SUCCESS' ln.txt || fail "ln -s made no client symlink: $(cat ln.txt)"
grep -q 'PrjWritePlaceholderInfo2\|write-placeholder' ln.txt && fail "ln -s still has the provider project the link"
[ "$(grep -c '^Hello from foo.txt' ln.txt)" -eq 1 ] || fail "the link was not read through"
grep -q '^symlink "C:\\root\\dl" "dir1" dir$' ln.scn || fail "ln.scn lacks the directory link"
"$prjsim" run ln.scn > /dev/null || fail "ln.scn does not replay"

# a provider program: its own root, its callbacks in the trace, and a replayable recording
printf 'ls -l\ncat docs/hello.txt\nrecord hello.scn\n' |
  "$prjsim" shell --provider "$hello" 'C:\HelloRoot' > hello.txt 2>&1 || fail "shell --provider"
grep -q '^Hello from ProjFS!$' hello.txt || fail "hello.txt was not read: $(cat hello.txt)"
grep -q 'cb GetFileData "docs\\hello.txt" offset=0 length=20 -> S_OK' hello.txt || fail "no GetFileData in the trace"
"$prjsim" run --provider "$hello" hello.scn -- 'C:\HelloRoot' > /dev/null || fail "hello.scn does not replay"

# trace off prints no trace; usage errors exit 2
printf 'trace off\ncat foo.txt\n' | "$prjsim" shell > off.txt
grep -q '^    ' off.txt && fail "trace off still prints the trace"
"$prjsim" shell --bogus < /dev/null > /dev/null 2>&1; [ $? -eq 2 ] || fail "--bogus did not exit 2"
"$prjsim" shell --manifest /nonexistent < /dev/null > /dev/null 2>&1; [ $? -eq 2 ] || fail "bad manifest did not exit 2"
echo "PASS"
