/* SPDX-License-Identifier: MIT */
/*
 * Criterion assertions on NTSTATUS and HRESULT values whose failure messages name both codes:
 * "expected STATUS_SUCCESS (0x00000000), got STATUS_ACCESS_DENIED (0xC0000022)".
 */
#ifndef PRJSIM_TESTING_ASSERT_CODES_H
#define PRJSIM_TESTING_ASSERT_CODES_H

#include <criterion/criterion.h>
#include <prjsim.h>

#define ASSERT_CODE_(got, want, what, is_status)                                               \
    do {                                                                                       \
        INT32 got_ = (INT32)(got), want_ = (INT32)(want);                                      \
        char a_[96], b_[96];                                                                   \
        cr_assert_eq(got_, want_, "%s: expected %s, got %s", (what),                           \
                     prjsim_format_code(a_, sizeof a_, want_, (is_status)),                    \
                     prjsim_format_code(b_, sizeof b_, got_, (is_status)));                    \
    } while (0)

/** An NTSTATUS-returning expression must give @p want. */
#define ASSERT_ST(expr, want) ASSERT_CODE_(expr, want, #expr, true)
/** An HRESULT-returning expression must give @p want. */
#define ASSERT_HR(expr, want) ASSERT_CODE_(expr, want, #expr, false)
/** An HRESULT must be @p want; @p what names it in the message. */
#define ASSERT_HR_AS(got, want, what) ASSERT_CODE_(got, want, what, false)

#endif
