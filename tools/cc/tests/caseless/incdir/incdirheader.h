/* SPDX-License-Identifier: MIT */
#define INCDIR_VALUE 8
