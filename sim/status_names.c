/* SPDX-License-Identifier: MIT */
/*
 * Names of NTSTATUS, Win32 and HRESULT codes, and codes of names (status_codes.h's tables).
 * Pure tables, no simulator: the Windows build compiles this file too, so its messages name
 * codes as the Linux ones do (windows/CMakeLists.txt).
 */
#include <prjsim/status.h>

#include "status_codes.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const prjsim__code_row prjsim__win32_rows[] = {
#define W_ROW_(n, v) {#n, v, v},
    WIN32_ERRORS(W_ROW_)
#undef W_ROW_
};
const prjsim__code_row prjsim__status_rows[] = {
#define S_ROW_(n, v, w) {#n, v, w},
    NT_STATUSES(S_ROW_)
#undef S_ROW_
};
const size_t prjsim__win32_row_count = COUNT(prjsim__win32_rows);
const size_t prjsim__status_row_count = COUNT(prjsim__status_rows);

static const prjsim__code_row hresult_rows[] = {
#define H_ROW_(n, v) {#n, v, 0},
    HRESULTS(H_ROW_)
#undef H_ROW_
};

/* Names of HRESULT_FROM_WIN32(ERROR_x) and HRESULT_FROM_NT(STATUS_x), in the rows' order. */
static const char *const win32_hr_names[] = {
#define W_HR_(n, v) "HRESULT_FROM_WIN32(" #n ")",
    WIN32_ERRORS(W_HR_)
#undef W_HR_
};
static const char *const nt_hr_names[] = {
#define S_HR_(n, v, w) "HRESULT_FROM_NT(" #n ")",
    NT_STATUSES(S_HR_)
#undef S_HR_
};

const char *prjsim_status_name(NTSTATUS status)
{
    for (size_t i = 0; i < COUNT(prjsim__status_rows); i++)
        if (prjsim__status_rows[i].value == (uint32_t)status)
            return prjsim__status_rows[i].name;
    return NULL;
}

const char *prjsim_win32_error_name(DWORD error)
{
    for (size_t i = 0; i < COUNT(prjsim__win32_rows); i++)
        if (prjsim__win32_rows[i].value == error)
            return prjsim__win32_rows[i].name;
    return NULL;
}

const char *prjsim_hresult_name(HRESULT hr)
{
    uint32_t v = (uint32_t)hr;
    for (size_t i = 0; i < COUNT(hresult_rows); i++)
        if (hresult_rows[i].value == v)
            return hresult_rows[i].name;
    if ((v & 0xFFFF0000u) == 0x80070000u) {
        for (size_t i = 0; i < COUNT(prjsim__win32_rows); i++)
            if (prjsim__win32_rows[i].value == (v & 0xFFFF))
                return win32_hr_names[i];
    }
    if (v & 0x10000000u) {
        for (size_t i = 0; i < COUNT(prjsim__status_rows); i++)
            if (prjsim__status_rows[i].value == (v & ~0x10000000u))
                return nt_hr_names[i];
    }
    return NULL;
}

const char *prjsim_format_code(char *buf, size_t size, INT32 code, bool is_status)
{
    const char *name = is_status ? prjsim_status_name(code) : prjsim_hresult_name(code);
    if (name)
        snprintf(buf, size, "%s (0x%08X)", name, (unsigned)code);
    else
        snprintf(buf, size, "0x%08X", (unsigned)code);
    return buf;
}

static bool found(INT32 *value, char *kind, INT32 v, char k)
{
    *value = v;
    if (kind)
        *kind = k;
    return true;
}

bool prjsim_code_from_name(const char *name, INT32 *value, char *kind)
{
    if (!name)
        return false;
    for (size_t i = 0; i < COUNT(prjsim__status_rows); i++)
        if (strcmp(prjsim__status_rows[i].name, name) == 0)
            return found(value, kind, (INT32)prjsim__status_rows[i].value, 'S');
    for (size_t i = 0; i < COUNT(prjsim__win32_rows); i++)
        if (strcmp(prjsim__win32_rows[i].name, name) == 0)
            return found(value, kind, (INT32)prjsim__win32_rows[i].value, 'W');
    for (size_t i = 0; i < COUNT(hresult_rows); i++)
        if (strcmp(hresult_rows[i].name, name) == 0)
            return found(value, kind, (INT32)hresult_rows[i].value, 'H');
    for (size_t i = 0; i < COUNT(win32_hr_names); i++)
        if (strcmp(win32_hr_names[i], name) == 0)
            return found(value, kind, HRESULT_FROM_WIN32(prjsim__win32_rows[i].value), 'H');
    for (size_t i = 0; i < COUNT(nt_hr_names); i++)
        if (strcmp(nt_hr_names[i], name) == 0)
            return found(value, kind, (INT32)(prjsim__status_rows[i].value | 0x10000000u), 'H');
    return false;
}
