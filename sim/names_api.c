/* SPDX-License-Identifier: MIT */
/* The SDK's name helpers: PrjFileNameCompare, PrjFileNameMatch, PrjDoesNameContainWildCards
 * (names.c has their rules). */
#include "names.h"

STDAPI_(int) PrjFileNameCompare(PCWSTR fileName1, PCWSTR fileName2)
{
    return prjsim__name_compare(fileName1, fileName2);
}

STDAPI_(BOOLEAN) PrjFileNameMatch(PCWSTR fileNameToCheck, PCWSTR pattern)
{
    return prjsim__name_match(fileNameToCheck, pattern);
}

STDAPI_(BOOLEAN) PrjDoesNameContainWildCards(LPCWSTR fileName)
{
    return prjsim__name_wildcards(fileName);
}
