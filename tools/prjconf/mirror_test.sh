#!/bin/sh
# SPDX-License-Identifier: MIT
# prjconf against mirror.so: a small backing tree on the C: drive (mixed case, nesting, an
# empty file and directory, a file bigger than one write alignment), mirrored into C:\virt.
# usage: mirror_test.sh PRJCONF MIRROR_SO WORK_DIR
set -eu
prjconf=$1
mirror=$2
work=$3
rm -rf "$work"
b="$work/drives/C/backing"
mkdir -p "$b/docs/deep" "$b/empty"
printf 'alpha\n' >"$b/a.txt"
printf 'bravo!\n' >"$b/B.txt"
: >"$b/c.md"
printf 'read me first\r\n' >"$b/docs/Guide.txt"
head -c 10000 /dev/zero | tr '\0' 'x' >"$b/docs/deep/big.bin"
exec "$prjconf" -j 4 --drives "$work/drives" --provider "$mirror" -- 'C:\backing' 'C:\virt'
