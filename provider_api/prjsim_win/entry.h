/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/entry.h: `wmain` as MSVC compiles it.
 *
 * MSVC treats wmain as it treats main: a wmain that falls off its end returns 0. GCC gives
 * only a function named main that rule, so a wmain that ends without `return` would exit with
 * whatever its last call left in the return register. This macro therefore renames the
 * program's wmain to main, whose end GCC makes `return 0`, and gives it the symbol name
 * `prjsim__wmain` with an asm label: the program's real main (if any) is untouched, C++ does
 * not mangle it, and the host (host/load.c) knows the entry takes wide arguments.
 *
 * `int wmain(int argc, wchar_t **argv)` expands to a declaration carrying the label and then
 * the definition; a prototype `int wmain(...);` expands to two compatible declarations.
 * GCC's -Wmain (main's second parameter should be char **) is silenced for what follows.
 * Differences from MSVC: a program cannot take wmain's address or call wmain itself, and
 * `void wmain(...)` is not accepted. Define PRJSIM_NO_WMAIN_ENTRY to keep wmain a plain function.
 */
#ifndef PRJSIM_WIN_ENTRY_H
#define PRJSIM_WIN_ENTRY_H

#ifndef PRJSIM_NO_WMAIN_ENTRY
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wmain"
#endif
#define wmain(...)                                  \
    main(__VA_ARGS__) __asm__("prjsim__wmain");     \
    int main(__VA_ARGS__)
#endif

#endif /* PRJSIM_WIN_ENTRY_H */
