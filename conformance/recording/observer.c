/* SPDX-License-Identifier: MIT */
/* The recording layer as the interpreter observes it (observer.h), found by observer_unix.c or
 * observer_win.c. */
#include "observer_api.h"

#include <stdlib.h>
#include <string.h>

static prjsim__observer_api api;

bool prjsim__observer_available(void)
{
    if (!api.create)
        prjsim__observer_lookup(&api);
    return api.create != NULL;
}

bool prjsim__observer_decides(const char *name)
{
    if (!prjsim__observer_available())
        return false;
    for (const char *const *n = api.names(); *n; n++)
        if (!strcmp(*n, name))
            return true;
    return false;
}

void *prjsim__observer_begin(void)
{
    void *rec = NULL;
    if (!prjsim__observer_available() || FAILED(api.create(&rec)))
        return NULL;
    if (FAILED(api.attach(rec))) {
        api.free_(rec);
        return NULL;
    }
    return rec;
}

void prjsim__observer_end(void *rec)
{
    if (!rec)
        return;
    api.attach(NULL);
    api.free_(rec);
}

void prjsim__observer_counts(void *rec, size_t now[PRJSIM_DIAG_COUNT_])
{
    memset(now, 0, PRJSIM_DIAG_COUNT_ * sizeof now[0]);
    char *report = rec ? api.check(rec) : NULL;
    for (char *line = report; line && *line;) {
        char *end = strchr(line, '\n');
        char *colon = strchr(line, ':');
        if (colon && (!end || colon < end)) {
            *colon = '\0';
            prjsim_diag d = prjsim_diag_from_name(line);
            if (d != PRJSIM_DIAG_COUNT_)
                now[d]++;
        }
        line = end ? end + 1 : NULL;
    }
    free(report);
}

HRESULT prjsim__observer_callback(void *rec, size_t index, prjsim_recording_callback_info *out)
{
    return rec ? api.callback(rec, index, out) : E_INVALIDARG;
}

size_t prjsim__observer_in_flight(void *rec, INT32 *ids, size_t max)
{
    return rec ? api.in_flight(rec, ids, max) : 0;
}

size_t prjsim__observer_running(void *rec)
{
    return rec ? api.running(rec) : 0;
}
