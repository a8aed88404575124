/* SPDX-License-Identifier: MIT */
/*
 * Names of the diagnostics and of the callback kinds (prjsim/diagnostics.h, prjsim/trace.h).
 * Pure tables, no simulator: the Windows build compiles this file too (windows/CMakeLists.txt).
 */
#include <prjsim/trace.h>

#include <string.h>

static const struct {
    const char *name, *section, *text;
} diag_table[] = {
#define DIAG_ROW_(id, name, section, text) {name, section, text},
    PRJSIM_DIAGNOSTICS(DIAG_ROW_)
#undef DIAG_ROW_
};

static const char *callback_names[] = {
#define CB_ROW_(id, name) name,
    PRJSIM_CALLBACK_KINDS(CB_ROW_)
#undef CB_ROW_
};

const char *prjsim_diag_name(prjsim_diag diag)
{
    return (unsigned)diag < PRJSIM_DIAG_COUNT_ ? diag_table[diag].name : NULL;
}

const char *prjsim_diag_text(prjsim_diag diag)
{
    return (unsigned)diag < PRJSIM_DIAG_COUNT_ ? diag_table[diag].text : NULL;
}

const char *prjsim_diag_section(prjsim_diag diag)
{
    return (unsigned)diag < PRJSIM_DIAG_COUNT_ ? diag_table[diag].section : NULL;
}

bool prjsim_diag_is_warning(prjsim_diag diag)
{
    switch (diag) {
#define WARNING_CASE_(id) case PRJSIM_DIAG_##id:
    PRJSIM_DIAGNOSTIC_WARNINGS(WARNING_CASE_)
#undef WARNING_CASE_
        return true;
    default:
        return false;
    }
}

prjsim_diag prjsim_diag_from_name(const char *name)
{
    for (unsigned i = 0; name && i < PRJSIM_DIAG_COUNT_; i++)
        if (strcmp(diag_table[i].name, name) == 0)
            return (prjsim_diag)i;
    return PRJSIM_DIAG_COUNT_;
}

const char *prjsim_callback_name(prjsim_callback_kind kind)
{
    return (unsigned)kind < PRJSIM_CB_COUNT_ ? callback_names[kind] : "?";
}
