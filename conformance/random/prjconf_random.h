/* SPDX-License-Identifier: MIT */
/**
 * @file prjconf_random.h
 * @brief `prjconf --random`: random client operations checked against a model of ProjFS.
 */
#ifndef PRJCONF_RANDOM_H
#define PRJCONF_RANDOM_H

#include "../prjconf/prjconf.h"

#include <prjsim.h>

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct prjconf_random_options {
    prjconf_target_options target;
    unsigned long seed;
    /** Operations to run (0 with seconds = 0: 10000). */
    uint64_t ops;
    /** Seconds to run instead of a number of operations (0: use ops). */
    double seconds;
    /** Operations between fresh starts (a new simulation, provider and crawl); 0: none. */
    uint64_t epoch;
    /** Threads issuing operations at once (1: one thread, checked against the model). */
    unsigned threads;
    /** Replay this operation log instead of generating. */
    const char *replay;
    /** Where the operation log goes (default prjconf-random-SEED.log). */
    const char *log_path;
    /** Where the shrunk scenario goes (default prjconf-random-SEED.scn). */
    const char *scn_path;
    /** Most replays delta debugging may make (default 400). */
    unsigned shrink_budget;
    FILE *json;
    const char *junit_path;
    /** Quoted options that select the provider ("prjconf --provider P"), for repro lines. */
    const char *repro_prefix;
    const char *repro_suffix;
} prjconf_random_options;

/**
 * Changes the weights of the operation kinds: "rename=0,list=30" (kinds: open, read, write,
 * truncate, setattr, delete, rename, list, mkdir, stat, restart, query, provider-update,
 * provider-delete, link). False for an unknown kind, a
 * bad number or all zero. Replays are unaffected (the log has the operations).
 */
bool prjconf_random_set_weights(const char *text);

/** Runs, reports, and on a finding shrinks it to a scenario. Exit status 0, 1, or 2. */
int prjconf_random_main(const prjconf_random_options *o, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
