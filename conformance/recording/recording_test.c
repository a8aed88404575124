/* SPDX-License-Identifier: MIT */
/*
 * The recording layer between the broken-provider catalog and the simulator: for every provider
 * a probe exposes, the checker (which sees only the provider's calls) names exactly the
 * diagnostics the simulator names among those the checker can decide; for the control, none.
 */
#include "recording.h"
#include "recording_test.h"

#include <broken.h>
#include <probes.h>

#include <criterion/criterion.h>
#include <prjsim.h>
#include <stdlib.h>
#include <string.h>

#define ROOT L"C:\\root"

bool recording_test_reported(const char *report, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = report; p && *p;) {
        if (strncmp(p, name, n) == 0 && p[n] == ':')
            return true;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return false;
}

static bool sim_reported(prjsim_sim *sim, const char *name)
{
    for (int d = 0; d < PRJSIM_DIAG_COUNT_; d++)
        if (strcmp(prjsim_diag_name((prjsim_diag)d), name) == 0)
            return prjsim_trace_count_diag(sim, (prjsim_diag)d) > 0;
    cr_assert_fail("the simulator has no diagnostic named %s", name);
    return false;
}

/* Runs @p p's probe with a recorder attached; returns how many diagnostics the checker gave. */
static size_t run(const broken_provider *p, probe_fn probe)
{
    prjsim_sim *sim = NULL;
    cr_assert_eq(prjsim_sim_create(&sim, NULL), S_OK);
    prjsim_sim_set_current(sim);
    cr_assert_eq(prjsim_volume_create_directory(sim, ROOT), S_OK);
    prjsim_recording *rec = NULL;
    cr_assert_eq(prjsim_recording_create(&rec), S_OK);
    cr_assert_eq(prjsim_recording_attach(rec), S_OK, "the Prj* functions do not go through the recording layer");
    broken_instance *bi = NULL;
    cr_assert_eq(p->start(ROOT, NULL, &bi), S_OK, "%s: start", p->name);
    probe_env env = {sim, ROOT, bi};
    probe(&env);
    broken_stop(bi);
    prjsim_recording_attach(NULL);

    char *report = prjsim_recording_check(rec);
    char *log = prjsim_recording_text(rec);
    cr_assert(prjsim_recording_count(rec) > 0, "%s: nothing recorded", p->name);
    cr_log_info("%s: checker:\n%s", p->name, report);
    size_t n = 0;
    for (const char *const *name = prjsim_recording_check_names(); *name; name++) {
        bool mine = recording_test_reported(report, *name), sims = sim_reported(sim, *name);
        n += mine;
        cr_expect_eq(mine, sims, "%s: %s: the checker says %s, the simulator %s\nchecker:\n%s\nlog:\n%s", p->name,
                     *name, mine ? "yes" : "no", sims ? "yes" : "no", report, log);
    }
    free(report);
    free(log);
    prjsim_recording_free(rec);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
    return n;
}

/* Whether the checker can decide @p p's diagnostic. */
static bool decidable(const broken_provider *p)
{
    if (p->diag == PRJSIM_DIAG_COUNT_)
        return false;
    for (const char *const *name = prjsim_recording_check_names(); *name; name++)
        if (strcmp(*name, prjsim_diag_name(p->diag)) == 0)
            return true;
    return false;
}

Test(recording, catalog_same_diagnostics_as_the_simulator, .timeout = 120)
{
    size_t seen = 0;
    for (size_t i = 0; i < broken_provider_count(); i++) {
        const broken_provider *p = broken_provider_at(i);
        bool found;
        probe_fn probe = probe_for(p->name, &found);
        if (!probe)
            continue;
        size_t n = run(p, probe);
        if (decidable(p)) {
            cr_expect_gt(n, 0, "%s: the checker found nothing", p->name);
            seen++;
        }
    }
    /* Most of the catalog's named diagnostics are decidable from the calls. */
    cr_expect_geq(seen, 10, "only %zu catalog entries decided by the checker", seen);
}

Test(recording, control_has_no_diagnostics, .timeout = 60)
{
    cr_expect_eq(run(broken_control(), probe_control), 0);
}

Test(recording, log_text_is_stable, .timeout = 60)
{
    /* The same run twice gives the same log, and it names callbacks, results and Prj* calls. */
    char *logs[2];
    for (int k = 0; k < 2; k++) {
        prjsim_sim *sim = NULL;
        cr_assert_eq(prjsim_sim_create(&sim, NULL), S_OK);
        prjsim_sim_set_current(sim);
        cr_assert_eq(prjsim_volume_create_directory(sim, ROOT), S_OK);
        prjsim_recording *rec = NULL;
        cr_assert_eq(prjsim_recording_create(&rec), S_OK);
        cr_assert_eq(prjsim_recording_attach(rec), S_OK);
        broken_instance *bi = NULL;
        cr_assert_eq(broken_control()->start(ROOT, NULL, &bi), S_OK);
        probe_env env = {sim, ROOT, bi};
        WCHAR names[256];
        cr_expect_eq(probe_list(&env, L"dir", NULL, 0, names, 256), STATUS_SUCCESS);
        cr_expect_eq(probe_read(&env, L"a.txt", "alpha\n"), STATUS_SUCCESS);
        broken_stop(bi);
        prjsim_recording_attach(NULL);
        logs[k] = prjsim_recording_text(rec);
        prjsim_recording_free(rec);
        prjsim_sim_set_current(NULL);
        prjsim_sim_destroy(sim);
    }
    cr_log_info("log:\n%s", logs[0]);
    cr_expect_str_eq(logs[0], logs[1]);
    cr_expect(strstr(logs[0], "start 1 root=\"C:\\root\" callbacks=0x3F -> S_OK\n") != NULL, "%s", logs[0]);
    cr_expect(strstr(logs[0], "GetDirectoryEnumeration \"dir\"") != NULL, "%s", logs[0]);
    cr_expect(strstr(logs[0], "PrjFillDirEntryBuffer \"x.txt\" file size=6 -> S_OK\n") != NULL, "%s", logs[0]);
    cr_expect(strstr(logs[0], "PrjWritePlaceholderInfo \"a.txt\" file size=6 -> S_OK\n") != NULL, "%s", logs[0]);
    cr_expect(strstr(logs[0], "PrjWriteFileData stream=2 offset=0 length=6 -> S_OK\n") != NULL, "%s", logs[0]);
    cr_expect(strstr(logs[0], "ret ") != NULL && strstr(logs[0], "stop 1\n") != NULL, "%s", logs[0]);
    free(logs[0]);
    free(logs[1]);
}
