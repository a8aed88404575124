#!/bin/sh
# SPDX-License-Identifier: MIT
# prjsim-caseless: runs a compile command so that #include names are found whatever their
# case, as MSVC finds them on NTFS: `#include <Windows.h>` finds our windows.h and a provider's
# `#include "RegOps.h"` finds its regOps.h.
#
#   prjsim-caseless SHADOW_DIR COMPILER ARGS...     (SHADOW_DIR "--temp": a temporary one)
#
# The compiler is first asked for the headers the sources include (-M -MG: missing ones are
# listed by the name written, not an error). Each missing name that matches an existing file
# when case is ignored -- looked up in the directories of the files already found, then the
# -iquote, -I and -isystem directories, with `\` read as `/` -- gets a one-line header in
# SHADOW_DIR under the missing name that includes the real file by its absolute path (so the
# real file's own quoted includes still resolve beside it). This repeats while new names are
# found (headers reached through an alias), then the command runs with -I SHADOW_DIR last, so
# an exact match always wins. Used by prjsim-cc/prjsim-c++ and, as the compiler launcher, by
# prjsim_add_provider. PRJSIM_CC_CASELESS=0 turns it off.
set -uf

shadow=$1
compiler=$2
shift 2

if [ "${PRJSIM_CC_CASELESS:-1}" = 0 ]; then
    exec "$compiler" "$@"
fi

temp=no
if [ "$shadow" = --temp ]; then
    shadow=$(mktemp -d "${TMPDIR:-/tmp}/prjsim-caseless.XXXXXX") || exec "$compiler" "$@"
    temp=yes
fi

# The scan command: the compile command without its outputs, dependency files, link inputs.
scan_args=
search_dirs=
nl='
'
add_arg() { scan_args="$scan_args$nl$1"; }
previous=
for arg in "$@"; do
    case "$previous" in
    -o | -MF | -MT | -MQ | -x | -include | -imacros)
        case "$previous" in -x | -include | -imacros) add_arg "$previous"; add_arg "$arg" ;; esac
        previous=
        continue ;;
    -I | -iquote | -isystem | -idirafter)
        search_dirs="$search_dirs$nl$arg"
        add_arg "$previous"; add_arg "$arg"
        previous=
        continue ;;
    esac
    case "$arg" in
    -o | -MF | -MT | -MQ | -x | -include | -imacros | -I | -iquote | -isystem | -idirafter)
        previous=$arg ;;
    -I*) search_dirs="$search_dirs$nl${arg#-I}"; add_arg "$arg" ;;
    -iquote*) search_dirs="$search_dirs$nl${arg#-iquote}"; add_arg "$arg" ;;
    -isystem*) search_dirs="$search_dirs$nl${arg#-isystem}"; add_arg "$arg" ;;
    -c | -S | -E | -M | -MM | -MD | -MMD | -MG | -MP | -shared | -l* | -L* | -Wl,* | -rdynamic) ;;
    -*) add_arg "$arg" ;;
    *.c | *.cc | *.cpp | *.cxx | *.C | *.c++) add_arg "$arg" ;;
    *) ;;
    esac
done

# The file under DIR whose path matches NAME when case is ignored.
resolve() {
    dir=$1
    rest=$(printf '%s' "$2" | tr '\\' /)
    while [ -n "$rest" ]; do
        comp=${rest%%/*}
        if [ "$comp" = "$rest" ]; then rest=; else rest=${rest#*/}; fi
        case "$comp" in
        '' | .) continue ;;
        ..) dir=$dir/..; continue ;;
        esac
        [ -d "$dir" ] || return 1
        match=$(ls -a "$dir" 2>/dev/null | awk -v want="$comp" \
            'tolower($0) == tolower(want) { print; exit }')
        [ -n "$match" ] || return 1
        dir=$dir/$match
    done
    [ -f "$dir" ] && printf '%s\n' "$dir"
}

added=0
round=0
while [ $round -lt 8 ]; do
    round=$((round + 1))
    old_ifs=$IFS
    IFS=$nl
    # shellcheck disable=SC2086
    deps=$("$compiler" $scan_args -I"$shadow" -M -MG 2>/dev/null | awk '
        { sub(/[ \t]*\\$/, "") }
        { for (i = 1; i <= NF; i++) if ($i !~ /:$/) print $i }')
    IFS=$old_ifs
    [ -n "$deps" ] || break
    found_dirs=
    missing=
    old_ifs=$IFS
    IFS=$nl
    for dep in $deps; do
        if [ -f "$dep" ]; then
            case "$dep" in /usr/*) ;; *) found_dirs="$found_dirs$nl$(dirname -- "$dep")" ;; esac
        else
            missing="$missing$nl$dep"
        fi
    done
    new=0
    for name in $missing; do
        [ -e "$shadow/$name" ] && continue
        real=
        for dir in $(printf '%s\n' "$found_dirs" | awk 'NF && !seen[$0]++') $search_dirs; do
            [ -n "$dir" ] || continue
            real=$(resolve "$dir" "$name") && break
            real=
        done
        [ -n "$real" ] || continue
        case "$real" in /*) ;; *) real=$(pwd)/$real ;; esac
        mkdir -p "$(dirname -- "$shadow/$name")"
        tmp="$shadow/.$$.$(basename -- "$name")"
        printf '/* %s, found without regard to case (prjsim-caseless) */\n#include "%s"\n' \
            "$name" "$real" >"$tmp" && mv -f "$tmp" "$shadow/$name"
        new=$((new + 1))
    done
    IFS=$old_ifs
    added=$((added + new))
    [ $new -gt 0 ] || break
done

if [ $added -eq 0 ] && [ "$(ls -A "$shadow" 2>/dev/null)" = "" ]; then
    [ $temp = yes ] && rm -rf "$shadow"
    exec "$compiler" "$@"
fi
if [ $temp = no ]; then
    exec "$compiler" "$@" -I"$shadow"
fi
"$compiler" "$@" -I"$shadow"
rc=$?
rm -rf "$shadow"
exit $rc
