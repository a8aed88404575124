/* SPDX-License-Identifier: MIT */
/* Included as "sub\Nested.H": directory and file in another case, and a backslash. */
#define NESTED_VALUE 4
