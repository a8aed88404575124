/* SPDX-License-Identifier: MIT */
/*
 * Names of NTSTATUS, Win32 and HRESULT codes (prjsim/status.h), from the tables of
 * status_table.h. Needs nothing of the simulator: the Windows build compiles this file too, so
 * prjconf.exe names the codes it reports as the Linux tools do (windows/CMakeLists.txt).
 */
#include <prjsim/status.h>

#include "status_table.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A code, its name, and the name of its HRESULT (HRESULT_FROM_WIN32(x), HRESULT_FROM_NT(x)). */
typedef struct {
    const char *name;
    uint32_t value;
    const char *hresult_name;
} code_row;

static const code_row win32_rows[] = {
#define W_ROW_(n, v) {#n, v, "HRESULT_FROM_WIN32(" #n ")"},
    PRJSIM__WIN32_ERRORS(W_ROW_)
#undef W_ROW_
};
static const code_row status_rows[] = {
#define S_ROW_(n, v, w) {#n, v, "HRESULT_FROM_NT(" #n ")"},
    PRJSIM__NT_STATUSES(S_ROW_)
#undef S_ROW_
};
static const code_row hresult_rows[] = {
#define H_ROW_(n, v) {#n, v, #n},
    PRJSIM__HRESULTS(H_ROW_)
#undef H_ROW_
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const code_row *by_value(const code_row *rows, size_t count, uint32_t value)
{
    for (size_t i = 0; i < count; i++)
        if (rows[i].value == value)
            return &rows[i];
    return NULL;
}

const char *prjsim_status_name(NTSTATUS status)
{
    const code_row *r = by_value(status_rows, COUNT(status_rows), (uint32_t)status);
    return r ? r->name : NULL;
}

const char *prjsim_win32_error_name(DWORD error)
{
    const code_row *r = by_value(win32_rows, COUNT(win32_rows), (uint32_t)error);
    return r ? r->name : NULL;
}

const char *prjsim_hresult_name(HRESULT hr)
{
    uint32_t v = (uint32_t)hr;
    const code_row *r = by_value(hresult_rows, COUNT(hresult_rows), v);
    if (!r && (v & 0xFFFF0000u) == 0x80070000u)
        r = by_value(win32_rows, COUNT(win32_rows), v & 0xFFFF);
    if (!r && (v & 0x10000000u))
        r = by_value(status_rows, COUNT(status_rows), v & ~0x10000000u);
    return r ? r->hresult_name : NULL;
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

const char *prjsim_format_win32(char *buf, size_t size, DWORD error)
{
    const char *name = prjsim_win32_error_name(error);
    if (name)
        snprintf(buf, size, "%s (%lu)", name, (unsigned long)error);
    else
        snprintf(buf, size, "Win32 error %lu", (unsigned long)error);
    return buf;
}

static bool find(const code_row *rows, size_t count, const char *name, bool hresult_name, INT32 *value)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(hresult_name ? rows[i].hresult_name : rows[i].name, name) == 0) {
            *value = (INT32)rows[i].value;
            return true;
        }
    return false;
}

bool prjsim_code_from_name(const char *name, INT32 *value, char *kind)
{
    if (!name)
        return false;
    char k = 0;
    if (find(status_rows, COUNT(status_rows), name, false, value))
        k = 'S';
    else if (find(win32_rows, COUNT(win32_rows), name, false, value))
        k = 'W';
    else if (find(hresult_rows, COUNT(hresult_rows), name, false, value))
        k = 'H';
    else if (find(win32_rows, COUNT(win32_rows), name, true, value)) {
        *value = HRESULT_FROM_WIN32((DWORD)*value);
        k = 'H';
    } else if (find(status_rows, COUNT(status_rows), name, true, value)) {
        *value = (INT32)((uint32_t)*value | 0x10000000u); /* HRESULT_FROM_NT */
        k = 'H';
    }
    if (k && kind)
        *kind = k;
    return k != 0;
}
