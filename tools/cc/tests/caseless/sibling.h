/* SPDX-License-Identifier: MIT */
#define SIBLING_VALUE 2
