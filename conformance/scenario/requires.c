/* SPDX-License-Identifier: MIT */
/*
 * What statements need that a backend may lack (conformance/README.md, "Backends"). A backend
 * without the capability skips the whole scenario before it runs, naming the first statement
 * that needs it. Everything not listed here runs on every backend.
 */
#include "internal.h"

/* The simulator's options a script sets (any differing from the defaults), or NULL. */
static const char *simulator_option(const scn_setup *setup)
{
    prjsim_sim_options defaults = PRJSIM_SIM_OPTIONS_INIT;
    if (setup->faults[0])
        return "'option faults' puts the simulator's fault wrapper in front of the provider";
    /* thread-pool is not among them: the real ProjFS always calls back on a pool of its own */
    if (setup->sim.watchdog_ms != defaults.watchdog_ms || setup->sim.default_query_buffer != defaults.default_query_buffer ||
        setup->sim.write_alignment != defaults.write_alignment)
        return "'option' sets the simulator's query-buffer, watchdog or the volume's write-alignment";
    return NULL;
}

unsigned scn_stmt_requires(const scn_script *s, const scn_stmt *st, bool external, bool checker, const char **why)
{
    *why = NULL;
    switch (st->id) {
    case SCN_STATE:
        *why = "'state' loads a saved volume into the simulator";
        return PRJSIM_BACKEND_CAP_VOLUME;
    case SCN_OPTION:
        *why = simulator_option(&s->setup);
        return *why ? PRJSIM_BACKEND_CAP_VOLUME : 0;
    case SCN_EXPECT:
        switch (st->sub) {
        case EX_TRACE:
            *why = "'expect trace' reads the simulator's trace of internal events";
            return PRJSIM_BACKEND_CAP_SIMULATOR;
        case EX_DIAG:
            /* `expect no diagnostics` runs everywhere, like the check at the end of a run; with
             * --checker, so do the diagnostics the recording layer's checker decides */
            if (checker) {
                bool all = true;
                for (size_t i = 0; i < st->name_count && all; i++)
                    all = prjsim__observer_decides(st->names[i]);
                if (all)
                    return 0;
                *why = "'expect diag' names a diagnostic only the simulator decides";
                return PRJSIM_BACKEND_CAP_SIMULATOR;
            }
            *why = "'expect diag' reads the diagnostics the simulator decides";
            return PRJSIM_BACKEND_CAP_SIMULATOR;
        /* With --checker the recording layer's log tells these from the provider's calls (pends
         * minus completions, cancellations and stops; starts minus stops), checker.c */
        case EX_IN_FLIGHT:
            if (checker)
                return 0;
            *why = "'expect in-flight' counts the simulator's commands in flight (--checker counts them from the "
                   "recording layer)";
            return PRJSIM_BACKEND_CAP_SIMULATOR;
        case EX_RUNNING:
            if (checker)
                return 0;
            *why = "'expect instances' counts the simulator's running instances (--checker counts them from the "
                   "recording layer)";
            return PRJSIM_BACKEND_CAP_SIMULATOR;
        case EX_CALLBACKS:
        case EX_NOTIFICATIONS:
            for (size_t i = 0; i < st->event_count; i++) {
                if (st->events[i].pid >= 0 || st->events[i].image) {
                    *why = "pid= or image= names the caller's process, which the script chooses (as process PID "
                           "IMAGE) but the client agent, a process of its own, cannot be";
                    return PRJSIM_BACKEND_CAP_CALLER_ID;
                }
            }
            /* the reference provider's wrapper (provider.c) records them on every backend */
            if (external && !checker) {
                *why = "with --provider, the callbacks are read from the simulator's trace (--checker reads them "
                       "from the recording layer)";
                return PRJSIM_BACKEND_CAP_SIMULATOR;
            }
            return 0;
        default:
            return 0;
        }
    case SCN_CANCEL:
        if (external) {
            *why = "with --provider, 'cancel' finds the provider program's command in the simulator";
            return PRJSIM_BACKEND_CAP_SIMULATOR;
        }
        *why = "'cancel' needs a backend that can cancel a pended operation";
        return PRJSIM_BACKEND_CAP_CANCEL;
    case SCN_AS:
        *why = "'as' runs operations as another process";
        return PRJSIM_BACKEND_CAP_CALLER;
    default:
        return 0;
    }
}
