/* SPDX-License-Identifier: MIT */
/* A header found through the -I flag the wrapper test passes through. */
#define TINY_EXTRA 5
