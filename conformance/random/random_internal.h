/* SPDX-License-Identifier: MIT */
/*
 * prjconf --random: weighted random client operations checked against an executable model of
 * ProjFS semantics. The pieces, one file each:
 * - model.c: the model (states, names, sizes, data, tombstones), written from the behaviour
 *   reference alone; it shares no code with sim/.
 * - ops.c: generating an operation from the model, running it on the simulator, checking the
 *   result and the states it touched, and writing it as scenario statements.
 * - oplog.c: the operation log (`--replay FILE` reads it back).
 * - child.c (random_child.c): the run inside prjconf's forked child (single or threaded).
 * - shrink.c: delta debugging of a failing sequence.
 * - driver.c: the parent: runs, replays, shrinks, writes the .scn and the reports.
 */
#ifndef PRJCONF_RANDOM_INTERNAL_H
#define PRJCONF_RANDOM_INTERNAL_H

#include "../prjconf/internal.h"

#include <prjsim.h>
#include "prjconf_random.h"

#include <stdint.h>
#include <stdio.h>

/* Longest relative path the generator makes (the crawl may find longer ones; they are skipped). */
#define RND_PATH 200

typedef enum rnd_kind {
    RND_OPEN,     /* open/create with a disposition, then close */
    RND_READ,     /* open for read, read a range, close */
    RND_WRITE,    /* open for write (some dispositions), write a range, close */
    RND_TRUNCATE, /* open for write, set the size, close */
    RND_SETATTR,  /* open for attribute writes, set times and attributes, close */
    RND_DELETE,   /* DeleteFileW / RemoveDirectoryW */
    RND_RENAME,   /* open a file for delete, rename it, close */
    RND_LIST,     /* a FindFirstFile loop with a pattern and a buffer size */
    RND_MKDIR,    /* CreateDirectoryW */
    RND_STAT,     /* GetFileAttributesExW */
    RND_RESTART,  /* stop the instance and start it again */
    RND_QUERY,    /* one query of a directory handle, then a restarted scan with another pattern */
    RND_PUPDATE,  /* the provider's PrjUpdateFileIfNeeded (reference provider only) */
    RND_PDELETE,  /* the provider's PrjDeleteFile (reference provider only) */
    RND_LINK,     /* CreateHardLinkW of a full file to another name */
    RND_FRESH,    /* a fresh simulation and provider, crawled again (starts each epoch; never drawn) */
    RND_KIND_COUNT
} rnd_kind;

/** One operation; paths are relative to the root. */
typedef struct rnd_op {
    rnd_kind kind;
    WCHAR path[RND_PATH];
    WCHAR path2[RND_PATH];
    WCHAR pattern[32];
    UINT32 access, disp, flags, attrs;
    UINT64 off;
    UINT32 len, fill, buffer;
    bool replace, dir;
} rnd_op;

const char *rnd_kind_name(rnd_kind k);
/** How often each kind is drawn (prjconf_random_set_weights changes them). */
extern unsigned rnd_weights[RND_KIND_COUNT];
bool rnd_kind_from_name(const char *name, rnd_kind *out);

/* ---- The model (model.c) ---- */

typedef enum md_disk { MD_NONE, MD_PH, MD_FULL, MD_TOMB } md_disk;

typedef struct mnode {
    WCHAR rel[RND_PATH]; /* the path as last spelled on disk or by the provider */
    WCHAR upper[RND_PATH];
    size_t parent; /* SIZE_MAX: directly under the root */
    /* What the provider projects at this path. */
    bool proj, proj_dir;
    UINT64 proj_size;
    UINT32 proj_attr;
    /* What is on disk. */
    md_disk disk;
    bool dir, hydrated, dirty;
    UINT32 attr;
    UINT64 size;
    unsigned char *data; /* size bytes when data_known */
    bool data_known;
    UINT32 cid; /* the placeholder's ContentID: 0 the store's (empty), k "v<k>" */
    /* Hard links: the next name of the same file + 1, in a ring (0: the file's only name). */
    size_t link_next;
} mnode;

typedef struct model {
    mnode *n;
    size_t count, cap;
    size_t *hash; /* open addressing, index+1, 0 = empty */
    size_t hash_cap;
} model;

void model_init(model *m);
void model_free(model *m);
/** The node of @p rel (case-insensitive), SIZE_MAX when none. */
size_t model_find(const model *m, const WCHAR *rel);
/** The node of @p rel, created (absent) with its parents when missing. */
size_t model_get(model *m, const WCHAR *rel);
/** Adds an item the provider projects (from the crawl). */
void model_add_projected(model *m, const WCHAR *rel, bool dir, UINT64 size, UINT32 attr);
/** A directory the crawl listed (and so opened): a placeholder, as are its parents. */
void model_crawled_dir(model *m, const WCHAR *rel);
/** Whether a client sees the item (listed, openable). */
bool model_visible(const model *m, size_t i);
/** Whether item @p i (SIZE_MAX = root) is a directory the provider projects children into. */
bool model_projects_into(const model *m, size_t i);
/** Whether the item is a directory as the client sees it. */
bool model_is_dir(const model *m, size_t i);
/** Size as the client sees it. */
UINT64 model_size(const model *m, size_t i);
UINT32 model_attr(const model *m, size_t i);
/** The state `expect state` names: "virtual", "missing", "tombstone", "placeholder,...", "full". */
const char *model_state_name(const model *m, size_t i, char *buf, size_t size);
/** What PrjGetOnDiskFileState should return for the item, and the state bits on S_OK. */
HRESULT model_disk_state(const model *m, size_t i, UINT32 *state);

/** The model's half of each operation: the status a client must get; the model changes. */
NTSTATUS model_open(model *m, const WCHAR *rel, UINT32 access, UINT32 disp, UINT32 flags,
                    UINT32 attrs, size_t *leaf);
NTSTATUS model_read(model *m, size_t i, UINT64 off, UINT32 len, UINT32 *got);
NTSTATUS model_write(model *m, size_t i, UINT64 off, const unsigned char *data, UINT32 len);
NTSTATUS model_set_size(model *m, size_t i, UINT64 size);
NTSTATUS model_set_attr(model *m, size_t i, UINT32 attrs, bool times);
/**
 * Delete by path (open for delete, set the disposition, close) and rename. *notified says
 * whether the operation got as far as its PRE_DELETE / PRE_RENAME notification; with
 * @p vetoed (the provider vetoed it) the model stops there and changes nothing more, and the
 * status returned is then meaningless (the veto's).
 */
NTSTATUS model_delete(model *m, const WCHAR *rel, bool dir, bool vetoed, bool *notified);
NTSTATUS model_rename(model *m, size_t i, const WCHAR *to, bool replace, bool vetoed, bool *notified);
/** The names a listing of @p rel with @p pattern returns, in order, `.` and `..` excluded. */
NTSTATUS model_list(model *m, const WCHAR *rel, const WCHAR *pattern, size_t **out, size_t *count);
NTSTATUS model_mkdir(model *m, const WCHAR *rel);
/**
 * CreateHardLinkW(@p to, @p from): a new name of the same file (DEVIATIONS C5); the generator
 * links only full files, whose names then share state, data and attributes.
 */
NTSTATUS model_link(model *m, const WCHAR *from, const WCHAR *to);
/** Whether item @p i has other names (hard links). */
bool model_linked(const model *m, size_t i);
/** Gives every other name of item @p i's file the state, data and attributes of @p i. */
void model_sync_links(model *m, size_t i);
/**
 * The provider's PrjUpdateFileIfNeeded with the store's metadata and ContentID @p cid, and its
 * PrjDeleteFile (§6.10, DEVIATIONS V1, V4); *causes receives the failure causes.
 */
HRESULT model_provider_update(model *m, const WCHAR *rel, UINT32 flags, UINT32 cid, UINT32 *causes);
HRESULT model_provider_delete(model *m, const WCHAR *rel, UINT32 flags, UINT32 *causes);
/** The case-insensitive wildcard match of `*` and `?` a listing filter makes. */
bool model_match(const WCHAR *pattern, const WCHAR *name);
/** The listing order: ordinal comparison of the upper-cased names. */
int model_compare(const WCHAR *a, const WCHAR *b);
/** The last component of @p rel. */
const WCHAR *model_leaf(const WCHAR *rel);

/* ---- Operations (ops.c) ---- */

typedef struct rnd_rng {
    uint64_t s;
} rnd_rng;
uint64_t rnd_next(rnd_rng *r);
/** A number in [0, n). */
uint32_t rnd_below(rnd_rng *r, uint32_t n);

/** What the checker reports about an operation that disagreed. */
typedef struct rnd_run {
    prjconf_ctx *c;
    model m;
    FILE *scn; /* when set, each operation is also written as scenario statements */
    uint64_t index;
    NTSTATUS last_status; /* the last status compared: the operation's outcome */
    char message[900];
    bool failed;
} rnd_run;

/** Builds the model from the crawl. */
void rnd_model_from_crawl(rnd_run *r);
/** Draws the next operation. */
void rnd_generate(rnd_run *r, rnd_rng *rng, rnd_op *op);
/** Runs @p op on the simulator and checks it against the model; false (message set) on a finding. */
bool rnd_execute(rnd_run *r, const rnd_op *op);
/** Runs @p op without a model (the threaded mode): false only on a crash-free impossibility. */
void rnd_execute_unchecked(prjconf_ctx *c, const rnd_op *op);
/** Starts afresh: a new simulation and provider, crawled; the model from that crawl. */
bool rnd_fresh_start(rnd_run *r);
/** Checks every node's on-disk state. */
bool rnd_check_all(rnd_run *r);

/* ---- The log (oplog.c) ---- */

void rnd_log_op(FILE *out, const rnd_op *op);
/** Parses one log line; false (message in err) when malformed. Comments and blanks: *skip. */
bool rnd_parse_op(const char *line, rnd_op *op, bool *skip, char *err, size_t errlen);
/** Reads a whole log; false (message in err, "file:line: ...") when unreadable or malformed. */
bool rnd_load_log(const char *path, rnd_op **ops, size_t *count, unsigned long *seed, char *err,
                  size_t errlen);
/** Writes a path or word for a scenario, quoted when needed. */
void rnd_scn_word(FILE *out, const WCHAR *w);

/* ---- The job a forked child runs (set by the parent before forking) ---- */

typedef struct rnd_job {
    /* Generate: seed and budget. Replay: ops and count. */
    bool replay;
    unsigned long seed;
    uint64_t ops_budget;
    double seconds_budget;
    /* Operations between fresh starts (0: none). */
    uint64_t epoch;
    unsigned threads;
    const rnd_op *ops;
    size_t op_count;
    /* Where the child writes the operation log and, when set, the scenario. */
    const char *log_path;
    const char *scn_path;
    const char *scn_header;
    /* Progress shared with the parent (an anonymous shared mapping). */
    struct rnd_shared *shared;
} rnd_job;

/** What the child tells the parent besides its report: survives a crash. */
typedef struct rnd_shared {
    volatile uint64_t started; /* operations started (the failing one included) */
    volatile uint64_t done;    /* operations checked */
    volatile double seconds;   /* time spent on them */
    /* The mix: operations of each kind, and how many of them succeeded. */
    volatile uint64_t kind_total[RND_KIND_COUNT], kind_ok[RND_KIND_COUNT];
    /* Deletes and renames the provider vetoed (and the model took as legal). */
    volatile uint64_t vetoed;
    /* Callbacks the reference provider pended. */
    volatile uint64_t pended;
} rnd_shared;

extern rnd_job rnd_current_job;
/** The case body the child runs for rnd_current_job. */
void rnd_case(prjconf_ctx *c);

#endif
