/* SPDX-License-Identifier: MIT */
/*
 * The case table, expanded from cases.h, and the capability names.
 */
#include "internal.h"

#include <string.h>

const prjconf_case prjconf_cases[] = {
#define PRJCONF_CASE_ROW_(fn, name, caps, summary) {name, caps, summary, prjconf_case_##fn},
    PRJCONF_CASES(PRJCONF_CASE_ROW_)
#undef PRJCONF_CASE_ROW_
};

const size_t prjconf_case_count = sizeof prjconf_cases / sizeof prjconf_cases[0];

static const struct {
    unsigned bit;
    const char *name;
} cap_names[] = {
#define PRJCONF_CAP_ROW_(id, bit, name) {bit, name},
    PRJCONF_CAPS(PRJCONF_CAP_ROW_)
#undef PRJCONF_CAP_ROW_
};

bool prjconf_caps_parse(const char *text, unsigned *out)
{
    *out = 0;
    if (!strcmp(text, "none"))
        return true;
    while (*text) {
        size_t len = strcspn(text, ",");
        bool found = false;
        for (size_t i = 0; i < sizeof cap_names / sizeof cap_names[0]; i++)
            if (strlen(cap_names[i].name) == len && !strncmp(text, cap_names[i].name, len)) {
                *out |= cap_names[i].bit;
                found = true;
            }
        if (!found && len)
            return false;
        text += len;
        if (*text == ',')
            text++;
    }
    return true;
}

const char *prjconf_caps_format(unsigned caps, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < sizeof cap_names / sizeof cap_names[0]; i++)
        if (caps & cap_names[i].bit) {
            int n = snprintf(buf + used, size - used, "%s%s", used ? "," : "", cap_names[i].name);
            if (n < 0 || (size_t)n >= size - used)
                break;
            used += (size_t)n;
        }
    if (!used)
        snprintf(buf, size, "none");
    return buf;
}
