/* SPDX-License-Identifier: MIT */
/*
 * Includes spelled as Windows code spells them: our headers in the SDK's case, a header of
 * this program in another case than its file (which includes its sibling in quotes), a
 * header of an -I directory in another case, and a path with a backslash. prjsim-cc finds
 * them all, as MSVC does on NTFS. Exits with the sum of what the headers define (1+2+4+8).
 */
#include <Windows.h>
#include <WinError.h>
#include <ObjBase.h>
#include <NtStatus.h>
#include <ProjectedFSLib.h>
#include <TChar.h>
#include <StrSafe.h>
#include <WinReg.h>
#include <PsApi.h>
#include <WinTernl.h>
#include <IO.h>
#include "MixedCase.h"
#include "sub\Nested.H"
#include <IncDirHeader.h>

int wmain(int argc, wchar_t **argv)
{
    (void)argc, (void)argv;
    return MIXED_CASE_VALUE + SIBLING_VALUE + NESTED_VALUE + INCDIR_VALUE;
}
