/* SPDX-License-Identifier: MIT */
/* Included as "MixedCase.h"; includes its sibling by the name in this directory. */
#include "sibling.h"
#define MIXED_CASE_VALUE 1
