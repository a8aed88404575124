/* SPDX-License-Identifier: MIT */
// The C file again, as strict C++17.
#include "include_extras.c"
