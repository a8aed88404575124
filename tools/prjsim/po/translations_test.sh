#!/bin/sh
# SPDX-License-Identifier: MIT
# Every diagnostic's explanation and every line of the shell's help is translated in each
# language (their lines differ from the English ones), LANGUAGE or LANG picks the language, and
# an unknown language falls back to English.
# usage: translations_test.sh PRJSIM "de zh_TW"
set -u
prjsim=$1 languages=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=${TMPDIR:-/tmp}/prjsim-translations-$$
mkdir -p "$tmp" && trap 'rm -rf "$tmp"' EXIT
english() { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C "$@"; }
english "$prjsim" explain > "$tmp/en.txt" || fail "prjsim explain"
printf 'help\n' | english "$prjsim" shell > "$tmp/en-help.txt" || fail "prjsim shell help"
count=$(grep -c '^[a-z]' "$tmp/en.txt")
[ "$count" -ge 20 ] || fail "only $count diagnostics explained in English"
for lang in $languages; do
  LANGUAGE=$lang "$prjsim" explain > "$tmp/$lang.txt" || fail "$lang: prjsim explain"
  [ "$(wc -l < "$tmp/$lang.txt")" -eq "$(wc -l < "$tmp/en.txt")" ] || fail "$lang: not one explanation per diagnostic"
  # line by line: names stay, every explanation and reference line is translated
  paste -d '\n' "$tmp/en.txt" "$tmp/$lang.txt" | while IFS= read -r en && IFS= read -r tr; do
    case "$en" in
      "  "*) [ "$en" != "$tr" ] || { echo "FAIL: $lang: untranslated: $en"; exit 1; } ;;
      *) [ "$en" = "$tr" ] || { echo "FAIL: $lang: name changed: $en / $tr"; exit 1; } ;;
    esac
  done || exit 1
  printf 'help\n' | LANGUAGE=$lang "$prjsim" shell > "$tmp/$lang-help.txt" || fail "$lang: shell help"
  paste -d '\n' "$tmp/en-help.txt" "$tmp/$lang-help.txt" | while IFS= read -r en && IFS= read -r tr; do
    case "$en" in
      "prjsim "*) ;;                       # the echoed command line
      *) [ "$en" != "$tr" ] || { echo "FAIL: $lang: untranslated help line: $en"; exit 1; } ;;
    esac
  done || exit 1
done
# LANG alone picks the language even where that locale is not installed
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=de_DE.UTF-8 "$prjsim" explain short-data | grep -q 'Bereich' ||
  fail "LANG=de_DE.UTF-8 did not give German"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=zh_TW.UTF-8 "$prjsim" explain short-data | grep -q '範圍' ||
  fail "LANG=zh_TW.UTF-8 did not give Traditional Chinese"
# English is the fallback
LANGUAGE=fr "$prjsim" explain short-data | grep -q 'without writing the whole requested range' ||
  fail "LANGUAGE=fr did not fall back to English"
echo PASS
