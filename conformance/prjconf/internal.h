/* SPDX-License-Identifier: MIT */
/*
 * What the case bodies share, in the child process: the context (the simulation, the root and
 * how the provider was started), the crawl, and the failure helpers.
 */
#ifndef PRJCONF_INTERNAL_H
#define PRJCONF_INTERNAL_H

#include "prjconf.h"

#include <memtree.h>

/** One item the crawl found. */
typedef struct prjconf_item {
    WCHAR path[MAX_PATH];   /**< full path, as a client names it */
    WCHAR name[MAX_PATH];   /**< the last component, as listed */
    PRJ_FILE_BASIC_INFO basic;
    size_t parent;          /**< index of the directory it is listed in; SIZE_MAX for the root */
} prjconf_item;

/** One directory's listing (without `.` and `..`). */
typedef struct prjconf_dir {
    WCHAR path[MAX_PATH];
    prjsim_dir_entry *entries;
    size_t count;
} prjconf_dir;

struct prjconf_ctx {
    const prjconf_target_options *opts;
    unsigned long seed;
    /** The case's PRJCONF_RUN_* flags. */
    unsigned run_flags;
    int report_fd;
    prjsim_sim *volatile sim;
    WCHAR root[MAX_PATH];
    /* The reference provider. */
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT instance;
    /* A provider program. */
    prjsim_host *host;
    /** PRJCONF_CAP_* for the callbacks the provider registered when it last started. */
    unsigned registered;
    bool finishing;     /* prjconf told it to finish (a restart) */
    bool self_driving;  /* it started, stopped and ended on its own: message says so */
    /* The crawl. */
    bool crawled;
    prjconf_dir *dirs;
    size_t dir_count;
    prjconf_item *items;
    size_t item_count;
    /* Verdict. */
    bool failed;
    bool skipped;
    char message[1024];
};

/* target.c */
/** Starts the provider on a fresh simulation; false (message set) on a setup failure. */
bool prjconf_target_start(prjconf_ctx *c);
/**
 * After a case: whether the provider program stopped virtualizing or ended without being told
 * to (a self-checking program that drives its own roots). Sets c->self_driving and c->message.
 */
bool prjconf_target_self_driven(prjconf_ctx *c);
/** Stops it (best effort). */
void prjconf_target_stop(prjconf_ctx *c);
/** Stops and starts the provider again on the same simulation; false (failure set) if not. */
bool prjconf_target_restart(prjconf_ctx *c);
/** The reference provider's tree as memtree manifest text (one item a line). */
const char *prjconf_reference_manifest(void);
/**
 * How many notifications the reference provider vetoed so far (reference_vetoes); the last
 * veto's notification type and result go to @p type and @p result when not NULL.
 */
unsigned long prjconf_reference_vetoes(PRJ_NOTIFICATION *type, HRESULT *result);
/** How many GetPlaceholderInfo/GetFileData callbacks the reference provider pended so far. */
unsigned long prjconf_reference_pended(void);

/* crawl.c */
/** Crawls the projection once (bounded by the options); false when a listing failed. */
bool prjconf_crawl(prjconf_ctx *c);
/** Lists @p path with @p pattern and @p buffer_bytes, dropping `.` and `..`. */
NTSTATUS prjconf_list(prjconf_ctx *c, PCWSTR path, PCWSTR pattern, UINT32 buffer_bytes,
                      prjsim_dir_entry **entries, size_t *count);
/** Bytes a directory record for @p name costs in a query buffer. */
UINT32 prjconf_entry_cost(PCWSTR name);

/* Failure helpers: the first failure's message is the case's message. */
void prjconf_fail(prjconf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void prjconf_skip(prjconf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/**
 * Reports what a passing case saw that the author should know (`note ...`): it follows the
 * case's `ok` line, e.g. which operations the provider vetoed and with what.
 */
void prjconf_note(prjconf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Reports progress (`step ...`), shown when the case crashes or hangs. */
void prjconf_step(prjconf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** "STATUS_X (0x...)". */
const char *prjconf_status(char *buf, size_t size, NTSTATUS s);

/** A deterministic random number from the case's seed. */
unsigned long prjconf_rand(prjconf_ctx *c);

/* The case bodies (cases.h). */
#define PRJCONF_CASE_DECL_(fn, name, caps, summary) void prjconf_case_##fn(prjconf_ctx *c);
#include "cases.h"
PRJCONF_CASES(PRJCONF_CASE_DECL_)
#undef PRJCONF_CASE_DECL_

#endif
