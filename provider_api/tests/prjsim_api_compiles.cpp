/* SPDX-License-Identifier: MIT */
// prjsim's own API (prjsim.h and prjsim/*.h) compiles as C++17 with -pedantic, after the
// standard library, as a C++ provider or test harness includes it. Nothing is called: this
// target links no library.
#include <string>
#include <vector>
#include <windows.h>
#include <prjsim.h>

static_assert(sizeof(prjsim_dir_entry::name) / sizeof(WCHAR) == MAX_PATH + 1, "entry names hold MAX_PATH");
static_assert(PRJSIM_DIAG_COUNT_ > 0, "the diagnostics table expands in C++");
static_assert(PRJSIM_CB_COUNT_ == 8, "eight callback kinds");
static const prjsim_sim_options default_options = PRJSIM_SIM_OPTIONS_INIT;
static_assert(sizeof default_options.version == 4, "versioned options");
