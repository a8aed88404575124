#!/bin/sh
# SPDX-License-Identifier: MIT
# `prjsim shell` through a real terminal: tmux runs it in a pane; keys typed with send-keys,
# the screen read with capture-pane. Checks the prompt, a read that hydrates a file with its
# trace in colour, history (Up repeats the last command), line editing (Ctrl+A, Ctrl+K) and
# that Ctrl+D leaves. Every wait is bounded.
# usage: tmux_test.sh PRJSIM WORK
set -u
prjsim=$1 work=$2
command -v tmux > /dev/null || { echo "tmux is not installed (tools/install-deps.sh)"; exit 1; }
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
sock="prjsim-shell-test-$$"
t() { tmux -L "$sock" -f /dev/null "$@"; }
fail() { echo "FAIL: $*"; echo "--- screen:"; cat screen.txt 2> /dev/null; t kill-server 2> /dev/null; exit 1; }
# waits (at most 10 s) until the screen holds $1 (a grep -E pattern) $2 times or more
wait_for() {
  i=0
  while [ $i -lt 100 ]; do
    t capture-pane -p -t shell > screen.txt 2> /dev/null
    t capture-pane -p -e -t shell > colour.txt 2> /dev/null
    [ "$(grep -cE "$1" screen.txt)" -ge "${2:-1}" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  fail "waiting for '$1' (${2:-1} times)"
}

t new-session -d -s shell -x 160 -y 60 "env -u NO_COLOR TERM=xterm-256color '$prjsim' shell; echo SHELL-EXITED \$?; sleep 30" ||
  fail "tmux cannot start"
wait_for 'prjsim C:\\root>'
t send-keys -t shell 'cat foo.txt' Enter
wait_for '^Hello from foo.txt'
wait_for 'GetFileData "foo.txt" offset=0 length=20'
# the trace is coloured on a terminal: the callback line starts with an SGR sequence
grep -q "$(printf '\033')\[[0-9;]*mcb GetFileData" colour.txt || fail "no colour on the callback line"
# history: Up brings back 'cat foo.txt'; the second read is served from the hydrated file
t send-keys -t shell 'state foo.txt' Enter
wait_for '^foo.txt: hydrated'
t send-keys -t shell Up Up Enter
wait_for '^Hello from foo.txt' 2
# line editing: type garbage, go to the start, kill the line, type a command
t send-keys -t shell 'garbage words' C-a C-k 'ls dir1' Enter
wait_for '^File.txt'
grep -q 'garbage' screen.txt && fail "Ctrl+A Ctrl+K did not clear the line"
t send-keys -t shell C-d
wait_for '^SHELL-EXITED 0'
t kill-server 2> /dev/null

# NO_COLOR: no colour even on a terminal (a server of its own: the first may still be ending)
sock="prjsim-shell-test-$$-nocolor"
t new-session -d -s shell -x 160 -y 60 "env NO_COLOR=1 TERM=xterm-256color '$prjsim' shell; echo SHELL-EXITED \$?; sleep 30" ||
  fail "tmux cannot start"
wait_for 'prjsim C:\\root>'
t send-keys -t shell 'cat foo.txt' Enter
wait_for 'GetFileData "foo.txt" offset=0 length=20'
grep -q "$(printf '\033')\[[0-9;]*mcb " colour.txt && fail "colour despite NO_COLOR"
t send-keys -t shell 'exit' Enter
wait_for '^SHELL-EXITED 0'
t kill-server 2> /dev/null
echo PASS
