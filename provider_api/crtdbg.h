/* SPDX-License-Identifier: MIT */
/*
 * crtdbg.h: the debug CRT's assertions and reports. _ASSERT/_ASSERTE check their condition
 * (through assert(), so NDEBUG removes them, as a release build of MSVC's does); the _RPT
 * reports print to stderr in debug builds; the heap-debugging calls do nothing and return what
 * MSVC's release CRT returns.
 */
#ifndef PRJSIM_CRTDBG_H
#define PRJSIM_CRTDBG_H

#include <windows.h>
#include <assert.h>

#define _ASSERT(expr) assert(expr)
#define _ASSERTE(expr) assert(expr)
#define _ASSERT_EXPR(expr, msg) assert(expr)

#define _CRT_WARN 0
#define _CRT_ERROR 1
#define _CRT_ASSERT 2

#ifdef NDEBUG
#define _RPT0(rptno, msg) ((void)0)
#define _RPT1(rptno, msg, a1) ((void)0)
#define _RPT2(rptno, msg, a1, a2) ((void)0)
#define _RPT3(rptno, msg, a1, a2, a3) ((void)0)
#define _RPTN(rptno, msg, ...) ((void)0)
#else
#define _RPT0(rptno, msg) ((void)fprintf(stderr, "%s", msg))
#define _RPT1(rptno, msg, a1) ((void)fprintf(stderr, msg, a1))
#define _RPT2(rptno, msg, a1, a2) ((void)fprintf(stderr, msg, a1, a2))
#define _RPT3(rptno, msg, a1, a2, a3) ((void)fprintf(stderr, msg, a1, a2, a3))
#define _RPTN(rptno, msg, ...) ((void)fprintf(stderr, msg, __VA_ARGS__))
#endif

#define _CRTDBG_ALLOC_MEM_DF 0x01
#define _CRTDBG_DELAY_FREE_MEM_DF 0x02
#define _CRTDBG_CHECK_ALWAYS_DF 0x04
#define _CRTDBG_CHECK_CRT_DF 0x10
#define _CRTDBG_LEAK_CHECK_DF 0x20
#define _CRTDBG_REPORT_FLAG -1
#define _CRTDBG_MODE_FILE 0x1
#define _CRTDBG_MODE_DEBUG 0x2
#define _CRTDBG_MODE_WNDW 0x4
#define _CRTDBG_REPORT_MODE -1
#define _CRTDBG_FILE_STDOUT ((HANDLE)-5)
#define _CRTDBG_FILE_STDERR ((HANDLE)-4)

#define _CrtSetDbgFlag(flag) ((int)0)
#define _CrtSetReportMode(type, mode) ((int)0)
#define _CrtSetReportFile(type, file) ((HANDLE)0)
#define _CrtDumpMemoryLeaks() ((int)0)
#define _CrtCheckMemory() ((int)1)
#define _CrtSetBreakAlloc(n) ((long)0)
#define _CrtDbgBreak() ((void)0)

#endif /* PRJSIM_CRTDBG_H */
