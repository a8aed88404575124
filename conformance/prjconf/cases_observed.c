/* SPDX-License-Identifier: MIT */
/*
 * The cases that observe the provider (PRJCONF_RUN_OBSERVED): the callbacks it was given and the
 * commands still in flight, through observe.h: the simulator's, or the recording layer's
 * (Linux with --checker: observe.c; Windows: windows/prjconf_observe.c, the bundled provider's
 * recorder). A backend with neither skips them with the reason (PRJCONF_NEEDS_OBSERVATION).
 */
#include "internal.h"

#include "observe.h"

void prjconf_case_sessions_no_leak(prjconf_ctx *c)
{
    if (!prjconf_crawl(c))
        return;
    /* Abandoned sessions too: one buffer, then close. */
    for (size_t i = 0; i < c->dir_count; i++) {
        prjsim_backend_file *h;
        if (!prjconf_is(prjconf_open(c, &h, c->dirs[i].path, GENERIC_READ, OPEN_EXISTING, PRJSIM_OPEN_DIRECTORY),
                        STATUS_SUCCESS))
            continue;
        prjsim_dir_entry *e = NULL;
        size_t n;
        prjconf_query(c, h, NULL, 0, prjconf_entry_cost(L"abcdefgh") * 2, &e, &n);
        prjsim_backend_free_entries(e);
        prjconf_close(c, h);
    }
    /* A provider that keeps every session runs out after enough listings. */
    char b[96];
    for (int k = 0; k < 100; k++) {
        prjsim_dir_entry *e;
        size_t n;
        prjconf_r s = prjconf_list(c, c->root, NULL, 0, &e, &n);
        prjsim_backend_free_entries(e);
        if (!prjconf_is(s, STATUS_SUCCESS)) {
            prjconf_fail(c, "listing %ls for the %d%s time: %s (sessions leaked?)", c->root, k + 1,
                         k == 0 ? "st" : k == 1 ? "nd" : k == 2 ? "rd" : "th",
                         prjconf_status(b, sizeof b, s));
            return;
        }
    }
    size_t started = prjconf_callbacks_seen(c, "StartDirectoryEnumeration");
    size_t ended = prjconf_callbacks_seen(c, "EndDirectoryEnumeration");
    if (started != ended)
        prjconf_fail(c, "%zu StartDirectoryEnumeration callbacks but %zu EndDirectoryEnumeration",
                     started, ended);
    if (c->tree && memtree_open_sessions(c->tree) != 0)
        prjconf_fail(c, "the provider still holds %zu enumeration sessions",
                     memtree_open_sessions(c->tree));
}

void prjconf_case_commands_no_leak(prjconf_ctx *c)
{
    prjconf_crawl_and_read(c);
    INT32 ids[16];
    size_t n = prjconf_in_flight(c, ids, 16);
    if (n)
        prjconf_fail(c, "%zu callbacks still in flight after the crawl (command %d first)", n,
                     (int)ids[0]);
}
