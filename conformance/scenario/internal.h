/* SPDX-License-Identifier: MIT */
/*
 * Internals of the scenario interpreter shared by its files: tokens, statements, the run's
 * state. One concept per file: lexer.c (lines to tokens), parser.c (tokens to statements),
 * values.c (names of flags, codes, numbers, times), setup.c (roots, items, options, the
 * instance), provider.c (the wrapper around the reference provider), operations.c (client
 * operations and pended commands), provider_calls.c (the provider's own Prj* calls), state.c
 * (item states), expect.c (expectations), golden.c (golden traces), runner.c (running scripts).
 */
#ifndef SCN_INTERNAL_H
#define SCN_INTERNAL_H

#include "scenario.h"

#include <agent.h>
#include <backend.h>
#include <junit.h>

#include "simulator.h"

#include <memtree.h>
#include <observer.h>
#include <prjsim/client_types.h>
#include <prjsim/status.h>
#include <prjsim/trace.h>
#include <pthread.h> /* MSVC: windows/msvc/pthread.h */
#include <stdint.h>

/* printf-style checking of the message helpers below; mingw-w64 builds them with its own C99
 * printf family (__USE_MINGW_ANSI_STDIO), whose format check is gnu_printf. */
#if defined(__MINGW32__)
#define SCN_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define SCN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SCN_PRINTF(f, a)
#endif

/* ---- Tokens (lexer.c) --------------------------------------------------------------------- */

/*
 * One whitespace-separated word of a line. Double or single quotes group words; the text
 * keeps backslashes as written (escapes are decoded only where data is expected, see
 * scn_unescape). A word of the form key=value (the '=' outside quotes, after an unquoted key)
 * also has key and value.
 */
typedef struct scn_tok {
    char *text;   /* the word without its quotes */
    bool quoted;  /* some part of it was quoted */
    char *key;    /* NULL unless key=value */
    char *value;  /* the part after '=', without quotes */
    bool value_quoted;
    bool comma;   /* the word is a separating "," */
    int col;      /* 1-based column, for messages */
} scn_tok;

typedef struct scn_line {
    scn_tok *tok;
    int count;
} scn_line;

/* Splits @p text (one line, no newline) into tokens; a '#' starting an unquoted word ends it.
 * Returns false with a message in @p err for an unterminated quote. */
bool scn_lex(const char *text, scn_line *out, char *err, size_t errlen);
void scn_line_free(scn_line *line);

/* ---- Values (values.c) -------------------------------------------------------------------- */

typedef struct scn_name {
    const char *name;
    uint32_t value;
} scn_name;

extern const scn_name scn_share_names[];
extern const scn_name scn_access_names[], scn_disp_names[], scn_open_flag_names[],
    scn_attr_names[], scn_update_flag_names[], scn_cause_names[], scn_notify_names[],
    scn_state_names[], scn_trace_kind_names[];

/* Parses a comma-separated list of names from @p table (case-insensitive, '-' = '_') and hex
 * numbers into an OR of values; false with a message naming the bad word otherwise. */
bool scn_flags(const scn_name *table, const char *what, const char *text, uint32_t *out, char *err,
               size_t errlen);
/* Formats @p value as names from @p table ("placeholder,hydrated"; leftovers in hex). */
void scn_flags_str(const scn_name *table, uint32_t value, char *buf, size_t size);
/* One name of @p table (exact value), or NULL. */
const char *scn_name_of(const scn_name *table, uint32_t value);

/* Numbers: decimal or 0x hex, with an optional K/M/G binary suffix when @p suffix. */
bool scn_number(const char *text, bool suffix, uint64_t *out);
/* Times: FILETIME ticks, or YYYY-MM-DDTHH:MM:SS[.fffffff]Z. */
bool scn_time(const char *text, int64_t *out);
/* Decodes \n \r \t \0 \" \\ \' \xHH; false for an unknown escape. */
bool scn_unescape(const char *text, unsigned char **out, size_t *len, char *err, size_t errlen);
/* Formats bytes for a message: printable ASCII as is, the rest escaped, cut at @p max. */
void scn_quote_bytes(const unsigned char *data, size_t len, size_t max, char *buf, size_t size);

/* UTF-8 <-> WCHAR (wchar_t, UTF-32 here). All malloc. */
WCHAR *scn_wcsdup(const WCHAR *s);
WCHAR *scn_wide(const char *s);
char *scn_utf8(const WCHAR *s);

/* Callback kinds by name ("GetFileData"); PRJSIM_CB_COUNT_ when unknown. */
prjsim_callback_kind scn_callback_from_name(const char *name);
/* A notification type by name ("PRE_DELETE", "PRJ_NOTIFICATION_PRE_DELETE"); 0 when unknown. */
uint32_t scn_notification_from_name(const char *name);
const char *scn_notification_name(uint32_t type);

/* ---- Result codes (values.c) -------------------------------------------------------------- */

/* What an operation returned: an NTSTATUS ('S'), an HRESULT ('H'), a Win32 error ('W', the
 * win32 backend), or nothing yet. */
typedef struct scn_result {
    bool set;
    bool pending;   /* the operation is waiting on a pended callback */
    char kind;      /* 'S' or 'H' */
    int32_t code;
    int line;       /* the statement that produced it */
} scn_result;

#define SCN_MAX_CODES 8
/* Alternatives of `expect A|B|C`. kind is prjsim_code_from_name's ('S', 'W', 'H'); the
 * pseudo-names "success" and "pending" are kinds 's' and 'p'. */
typedef struct scn_codes {
    int count;
    int32_t value[SCN_MAX_CODES];
    char kind[SCN_MAX_CODES];
    char *name[SCN_MAX_CODES];
} scn_codes;

bool scn_code_matches(const scn_result *r, int32_t value, char kind);
/* "STATUS_SUCCESS (0x00000000)" for a result, with its Win32 error when @p win32 */
void scn_result_str(const scn_result *r, bool win32, char *buf, size_t size);
void scn_code_str(int32_t value, char kind, const char *name, char *buf, size_t size);

/* ---- Statements (parser.c and the files that run them) ------------------------------------ */

/* A callback or notification a provider received, as an expectation describes it. */
typedef struct scn_event_pattern {
    prjsim_callback_kind kind;   /* for callbacks */
    uint32_t notification;       /* for notifications */
    char *path;                  /* NULL = any */
    char *dest;                  /* NULL = any */
    int is_dir;                  /* -1 any, 0 file, 1 directory */
    int modified;                /* -1 any */
    int64_t pid;                 /* -1 any */
    char *image;                 /* NULL any */
    char *search;                /* NULL any (GetDirectoryEnumeration) */
    char *content_id;            /* NULL any: VersionInfo->ContentID up to its first zero */
    int restart, single;         /* -1 any */
    int64_t offset, length;      /* -1 any (GetFileData) */
} scn_event_pattern;

/* The fields of `expect info` / `expect entry`; a field is checked when its has_ flag is set. */
typedef struct scn_info_check {
    bool has_size, has_attr, has_has, has_lacks, has_dir, has_links;
    bool has_time[4];
    uint64_t size;
    uint32_t attr, has, lacks, links;
    bool dir;
    int64_t time[4]; /* creation, access, write, change */
} scn_info_check;

#include "statements.h"

typedef enum scn_stmt_id {
#define SCN_STMT_ENUM_(id, word, parse, run, synopsis) SCN_##id,
    SCN_STATEMENTS(SCN_STMT_ENUM_)
#undef SCN_STMT_ENUM_
    SCN_STMT_COUNT_
} scn_stmt_id;

/* Sub-forms of `expect`, `provider`, `store` and `as`. */
enum {
    /* expect */
    EX_RESULT = 1, EX_STATE, EX_LISTING, EX_ENTRIES, EX_ENTRY, EX_CONTENT, EX_DATA, EX_INFO,
    EX_CALLBACKS, EX_NOTIFICATIONS, EX_DIAG, EX_NO_DIAGS, EX_TRACE, EX_CAUSES, EX_CLEARED,
    EX_SESSIONS, EX_IN_FLIGHT, EX_RUNNING,
    /* provider */
    PV_UPDATE, PV_DELETE, PV_WRITE_PLACEHOLDER, PV_MARK, PV_MARK_ROOT, PV_PEND, PV_FAIL, PV_VETO,
    PV_REPLY, PV_RESET, PV_COMPLETE_COMMAND, PV_MISBEHAVE,
    /* store */
    ST_REMOVE, ST_SET,
    /* as */
    AS_PROCESS, AS_PROVIDER, AS_CLIENT
};

/* How `expect listing|callbacks|notifications` compares. */
enum { MATCH_EXACT, MATCH_SET, MATCH_CONTAINS, MATCH_LACKS, MATCH_AT_LEAST };

typedef struct scn_stmt {
    scn_stmt_id id;
    int sub;                 /* sub-form, see above */
    int line;
    bool synthetic;          /* the implicit start */
    bool checked;            /* an `expect RESULT` follows: no implicit success check */
    char *handle, *handle2;  /* handle names */
    WCHAR *path, *path2;     /* paths (full for client operations, relative for the provider) */
    char *upath;             /* the path as written, for messages */
    unsigned char *data;     /* data of write / content / trace blocks, reason of xfail */
    size_t data_len;
    bool has_data;
    uint64_t a, b;           /* offsets, lengths, sizes, counts, pids */
    bool has_a, has_b;
    uint32_t access, disp, flags, attr, mask, qflags;
    uint32_t share;          /* open / create: FILE_SHARE_* */
    int root_index;          /* item / start / stop: 0 the scenario's root, k the k-th named root */
    bool has_attr, has_mask, has_flags;
    bool opt;                /* replace / dir / restart... (statement-specific) */
    int64_t time[4];
    bool has_time[4];
    char *text;              /* content-id, pattern, image, golden file name, search */
    bool has_text;
    int match;               /* MATCH_* */
    uint64_t at_least;       /* MATCH_AT_LEAST: how many events each item must match */
    scn_codes codes;
    prjsim_callback_kind cb; /* pend / fail / complete / cancel */
    uint32_t notification;   /* veto / reply */
    int32_t hr;              /* fail / veto / complete result */
    bool has_hr;
    char **names;            /* listing names, diagnostic names */
    size_t name_count;
    scn_event_pattern *events;
    size_t event_count;
    scn_info_check info;
    uint64_t seed;           /* expect content gen= */
    bool has_seed;
} scn_stmt;

#define SCN_MAX_ROOTS 8

/* Settings gathered from the setup statements. */
typedef struct scn_setup {
    /* `root NAME PATH`: roots besides the scenario's own (roots.c) */
    struct {
        char name[32];
        WCHAR path[MAX_PATH + 1];
    } extra[SCN_MAX_ROOTS];
    size_t extra_count;
    WCHAR root[MAX_PATH + 1];
    char root_utf8[MAX_PATH * 4 + 1];
    prjsim_sim_options sim;
    memtree_options tree;
    bool negative_cache;
    uint32_t pool_threads, concurrent_threads;
    bool notifications;      /* register NotificationCallback */
    bool cancel;             /* register CancelCommandCallback */
    PRJ_NOTIFICATION_MAPPING *mappings;
    size_t mapping_count;
    char faults[512];        /* option faults=SPEC (fixtures/fault), "" for none */
} scn_setup;

struct scn_script {
    char *origin;
    char *dir;
    scn_stmt *stmts;
    size_t count;
    char *xfail;
    int xfail_line;
    /* the first statement that needs the reference provider (0: none), and what it is */
    int needs_reference_line;
    char needs_reference_why[96];
    scn_setup setup;
};

/* ---- The provider wrapper (provider.c) ---------------------------------------------------- */

/* What the provider received: one callback. Strings are UTF-8, malloc'd. */
typedef struct scn_event {
    prjsim_callback_kind kind;
    uint32_t notification;
    char *path, *dest, *search, *image, *content_id;
    bool is_dir, modified, has_dest;
    uint32_t pid, flags, length;
    uint64_t offset;
    int32_t command_id;
} scn_event;

/* A pended callback: what the provider saved to finish it later. */
typedef struct scn_pended {
    prjsim_callback_kind kind;
    int32_t command_id;
    PRJ_CALLBACK_DATA data;
    WCHAR *path;
    PRJ_PLACEHOLDER_VERSION_INFO version;
    GUID enum_id;
    WCHAR *search;
    PRJ_DIR_ENTRY_BUFFER_HANDLE buffer;
    UINT64 offset;
    UINT32 length;
    uint32_t notification;
    bool completed;          /* PrjCompleteCommand was called */
    bool cancelled;          /* CancelCommand arrived for it */
    bool settled;            /* the simulator has seen it pend (see operations.c) */
    bool dead;               /* the instance stopped: the simulator failed it */
} scn_pended;

enum { RULE_PEND, RULE_FAIL, RULE_VETO, RULE_REPLY, RULE_MISBEHAVE };

/* `provider misbehave BUG` (misbehave.c). */
typedef enum scn_bug {
    BUG_SHORT_DATA = 1,
    BUG_DATA_PAST_END,
    BUG_WRONG_PLACEHOLDER_NAME,
    BUG_UNSORTED,
    BUG_DUPLICATES,
    BUG_IGNORE_FILTER,
    BUG_IGNORE_RESTART
} scn_bug;

typedef struct scn_rule {
    int what;
    prjsim_callback_kind kind;
    uint32_t notification;   /* 0 = any (veto, reply) */
    WCHAR *path;             /* NULL = any */
    HRESULT hr;
    uint32_t mask;
    int64_t remaining;       /* -1 = every time */
} scn_rule;

typedef struct scn_provider {
    pthread_mutex_t lock;
    pthread_cond_t changed;  /* a callback pended, or a client operation finished */
    memtree *tree;
    PRJ_CALLBACKS inner;     /* memtree's own callbacks */
    PRJ_CALLBACKS outer;     /* what the instance was started with */
    scn_rule *rules;
    size_t rule_count;
    scn_pended **pended;
    size_t pended_count;
    unsigned pend_seq;
    scn_event *events;
    size_t event_count, event_cap;
    void *bad_sessions;      /* enumerations a misbehave rule took over (misbehave.c) */
    struct fault_wrapper *fault; /* option faults=SPEC: the fault wrapper in front, or NULL */
} scn_provider;

/* misbehave.c */
bool scn_bug_from_name(const char *name, scn_bug *bug, prjsim_callback_kind *cb);
const char *scn_bug_names(void);
HRESULT scn_misbehave_data(scn_provider *p, scn_bug bug, const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length);
HRESULT scn_misbehave_placeholder(scn_provider *p, const PRJ_CALLBACK_DATA *d);
HRESULT scn_misbehave_start(scn_provider *p, scn_bug bug, const PRJ_CALLBACK_DATA *d, const GUID *id);
bool scn_misbehave_owns(scn_provider *p, const GUID *id);
HRESULT scn_misbehave_get(scn_provider *p, const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                          PRJ_DIR_ENTRY_BUFFER_HANDLE buffer);
HRESULT scn_misbehave_end(scn_provider *p, const GUID *id);
void scn_misbehave_free(scn_provider *p);

void scn_provider_init(scn_provider *p, memtree *tree, const scn_setup *setup);
void scn_provider_free(scn_provider *p);
void scn_provider_add_rule(scn_provider *p, const scn_rule *rule);
void scn_provider_reset_rules(scn_provider *p);
bool scn_provider_has_pend_rule(scn_provider *p);
/* Pended callbacks not yet completed nor cancelled. */
size_t scn_provider_outstanding(scn_provider *p);
/* The oldest pended callback of @p kind not yet completed (PRJSIM_CB_COUNT_ = any kind). */
scn_pended *scn_provider_find_pended(scn_provider *p, prjsim_callback_kind kind);
/* Does the pended callback's work now (memtree's callback) and returns its result; fills
 * @p ext when the completion needs extended parameters. */
HRESULT scn_provider_finish(scn_provider *p, scn_pended *pd, PRJ_COMPLETE_COMMAND_EXTENDED_PARAMETERS *ext,
                            bool *use_ext);

/* ---- The run ------------------------------------------------------------------------------ */

/* A client operation running on a helper thread (it may wait on a pended callback). */
typedef struct scn_job {
    struct scn_exec *run;
    const scn_stmt *st;
    const prjsim_backend *be; /* what it goes through (the client agent for `as process`) */
    prjsim_backend_file *h;  /* the handle it works on */
    prjsim_caller caller;
    WCHAR image[MAX_PATH + 1];
    /* outputs */
    prjsim_backend_result status;
    prjsim_backend_file *opened;
    prjsim_dir_entry *entries;
    size_t entry_count;
    bool has_entries;
    unsigned char *bytes;
    size_t byte_count;
    bool has_bytes;
    prjsim_file_info info;
    bool has_info;
    bool done;
    bool threaded;
    pthread_t thread;
    void *thread_token; /* the backend's thread_self() of the job's thread, under prov.lock */
} scn_job;

typedef struct scn_handle_slot {
    char *name;
    prjsim_backend_file *h;
    const prjsim_backend *be; /* the backend that opened it */
    WCHAR *path;
    bool pending;            /* its open is waiting on a pended callback */
} scn_handle_slot;

/* A named root's store and instance while the scenario runs (roots.c). */
typedef struct scn_extra_root {
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    bool running, marked;
} scn_extra_root;

typedef struct scn_exec {
    const scn_script *script;
    const scn_run_options *options;
    const prjsim_backend *be;  /* what client operations go through */
    WCHAR *disk_root;          /* where C: is kept (scn_sim_disk_begin), or NULL: the script's paths as they are */
    void *disk;                /* the platform's state of that folder (simulator_win.c) */
    /* an operation the backend cannot do yet: the run stops and the scenario is skipped */
    bool skipped;
    int skip_line;
    char skip_reason[256];
    /* against a provider program (external.c) */
    bool external;
    struct prjsim_host *host;
    size_t trace_seen;
    prjsim_sim *sim;
    prjsim_sim *previous_sim;
    memtree *tree;
    scn_provider prov;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    bool running;
    bool started_once;
    scn_extra_root extra[SCN_MAX_ROOTS];
    prjsim_caller caller;
    WCHAR caller_image[MAX_PATH + 1];
    /* `as process` in effect, and the client agent its operations go through (started at the
     * first `as process` of a run that uses one: scn_uses_agent) */
    bool as_process;
    struct prjsim_agent_conn *agent;
    scn_handle_slot *handles;
    size_t handle_count;
    scn_job **blocked;
    size_t blocked_count;
    /* what the last operations produced */
    scn_result result;
    prjsim_dir_entry *listing;
    size_t listing_count;
    bool has_listing;
    unsigned char *bytes;
    size_t byte_count;
    bool has_bytes;
    prjsim_file_info info;
    bool has_info;
    uint32_t causes;
    bool has_causes;
    uint32_t cleared;
    bool has_cleared;
    /* where each kind of expectation starts looking */
    size_t event_mark_cb, event_mark_note, trace_mark;
    size_t diag_mark[PRJSIM_DIAG_COUNT_];
    /* --checker: the recorder (checker.c) and its counts at the mark */
    void *recording;
    size_t check_mark[PRJSIM_DIAG_COUNT_];
    size_t recording_seen;     /* callbacks of the log taken into prov.events (a provider program) */
    /* trace records the interpreter made itself (state probes), left out of expectations */
    size_t (*hidden)[2];
    size_t hidden_count;
    /* states sampled for options->trace_file */
    struct tracepic_samples *samples;
    /* the failure */
    bool failed;
    int fail_line;
    char message[4096];
} scn_exec;

/* Sets up a run of @p s (a fresh simulation made current); false when it cannot be created. */
bool scn_exec_begin(scn_exec *r, const scn_script *s, const scn_run_options *options);
/* Runs one statement. */
void scn_exec_statement(scn_exec *r, const scn_stmt *st);
/* Stops the instance, joins the jobs, destroys the simulation and restores the current one. */
void scn_exec_end(scn_exec *r);
/* Records a failure at @p line (the first one wins) and returns false. */
bool scn_fail(scn_exec *r, int line, const char *fmt, ...) SCN_PRINTF(3, 4);
/* Marks every expectation's starting point at the current end of the trace and events. */
void scn_mark_all(scn_exec *r);
/* Whether trace record @p index was made by the interpreter itself. */
bool scn_trace_hidden(const scn_exec *r, size_t index);
void scn_hide_trace(scn_exec *r, size_t from, size_t to);
/* The run's handle slot of @p name, or NULL. */
scn_handle_slot *scn_handle(scn_exec *r, const char *name);
/* Relative path of a full path under the root (NULL when outside); malloc'd. */
WCHAR *scn_relative(const scn_exec *r, const WCHAR *full);
/* Sets the run's result. */
void scn_set_result(scn_exec *r, const scn_stmt *st, char kind, int32_t code);
/* Whether a result is a failure (an error NTSTATUS or HRESULT, a nonzero Win32 error). */
bool scn_result_failed(const scn_result *r);

/* What a statement needs that a backend may lack (requires.c): the capability it needs
 * (PRJSIM_BACKEND_CAP_*, 0 = none) and why. */
/* Whether `as process` goes through the client agent in runs with @p o (runner.c). */
bool scn_uses_agent(const scn_run_options *o);
/* The capabilities of @p be in runs with @p o (--without-volume takes PRJSIM_BACKEND_CAP_VOLUME away). */
unsigned scn_backend_caps(const scn_run_options *o, const prjsim_backend *be);
/* Where the run keeps the script's path @p path (paths.c): the same path, or with
 * scn_run_options.disk_root its drive mapped under that folder; malloc'd (NULL for NULL). */
WCHAR *scn_disk_path(const scn_exec *r, const WCHAR *path);
/* @p text (a trace line) with the run's disk root written back as the script's `C:`; malloc'd. */
char *scn_script_paths(const scn_exec *r, const char *text);
/* Whether @p s can run with its drive C: kept under @p root (paths.c): every absolute path on C:,
 * no saved volume; else false with the statement's line (0: the setup) and why. */
bool scn_paths_mappable(const scn_script *s, const char *root, int *line, char *why, size_t whylen);

unsigned scn_stmt_requires(const scn_script *s, const scn_stmt *st, bool external, bool checker, const char **why);

/* ---- checker.c: the recording layer observing the run (--checker; recording/observer.h) ---- */

/* The recording layer is where this run observes the provider: --checker on a backend without
 * the simulator's insides. */
bool scn_observed_by_recording(const scn_exec *r);
/* The diagnostics recorded since the marks (`expect no diagnostics`, the check at the end): the
 * checker's for the names it decides when the recording layer observes the run (@p checked set),
 * else the simulator's. */
void scn_diags_since_mark(scn_exec *r, size_t got[PRJSIM_DIAG_COUNT_], bool checked[PRJSIM_DIAG_COUNT_]);
/* Whether the newest callback of @p kind given @p command_id has returned. */
bool scn_checker_returned(void *rec, INT32 command_id, prjsim_callback_kind kind);
/* Adds the callbacks recorded since the last call to the event list (a provider program). */
void scn_sync_recorded_events(scn_exec *r);

/* ---- Parsing ------------------------------------------------------------------------------ */

typedef struct scn_parser {
    const char *origin;
    const char *dir;
    FILE *err;
    int errors;
    int line;
    scn_script *script;
    char **handles;          /* declared (opened and not yet closed) */
    size_t handle_count;
    bool setup_over;         /* an operation or expectation was seen */
    bool started;            /* a start (explicit or implicit) was placed */
    memtree *scratch;        /* checks setup items for conflicts */
    const char *raw;         /* the current line as written */
} scn_parser;

/* Notes that the current statement needs the reference provider (skipped with --provider). */
void scn_needs_reference(scn_parser *p, const char *why);
/* Reports `origin:line: message` and returns false. */
bool scn_error(scn_parser *p, const char *fmt, ...) SCN_PRINTF(2, 3);
/* Argument helpers for parse functions. */
bool scn_want_full_path(scn_parser *p, const scn_tok *t, scn_stmt *st, bool second);
bool scn_want_relative_path(scn_parser *p, const scn_tok *t, scn_stmt *st);
bool scn_handle_declared(scn_parser *p, const char *name);
bool scn_want_handle(scn_parser *p, const scn_tok *t, char **out);
bool scn_want_codes(scn_parser *p, const char *text, scn_codes *out);
bool scn_want_number(scn_parser *p, const scn_tok *t, const char *what, bool suffix, uint64_t *out);
bool scn_want_data(scn_parser *p, const scn_tok *t, scn_stmt *st);
bool scn_unexpected(scn_parser *p, const scn_tok *t);
/* A declared handle name used as a target (else a path). */
bool scn_is_handle(scn_parser *p, const scn_tok *t);
char *scn_strdup(const char *s);

/* junit_report.c: the JUnit report of a run (scn_run_options.junit), one case per script. */
typedef struct scn_junit {
    FILE *file; /* NULL: no report asked for */
    prjsim_junit_case *cases;
    size_t count;
    time_t started;
} scn_junit;
/* Opens the report before anything runs; false (said on @p err) when it cannot be written. */
bool scn_junit_open(scn_junit *j, const scn_run_options *o, size_t count, FILE *err);
void scn_junit_add(scn_junit *j, const char *path, const scn_outcome *o, double seconds);
/* A script that would have run, reported as an <error> (the run could not start: @p why). */
void scn_junit_add_not_run(scn_junit *j, const char *path, const char *why);
/* Writes the document and frees @p j; false when writing failed. */
bool scn_junit_close(scn_junit *j, const scn_run_options *o);
/* Reads the lines after the current one up to a line holding just @p terminator. */
bool scn_read_block(scn_parser *p, const char *terminator, char **out);

/* ---- Parse and run functions of each statement -------------------------------------------- */

typedef bool (*scn_parse_fn)(scn_parser *p, scn_stmt *st, scn_line *l);
typedef void (*scn_run_fn)(scn_exec *r, const scn_stmt *st);

#define SCN_STMT_DECL_(id, word, parse, run, synopsis) \
    bool parse(scn_parser *p, scn_stmt *st, scn_line *l); \
    void run(scn_exec *r, const scn_stmt *st);
SCN_STATEMENTS(SCN_STMT_DECL_)
#undef SCN_STMT_DECL_

/* Setup statements that must come first (setup.c). */
bool scn_is_setup_statement(scn_stmt_id id);
/* Named roots (roots.c). Index 0 is the scenario's own root. */
int scn_root_index(const scn_setup *s, const char *name);
bool scn_parse_named_root(scn_parser *p, scn_stmt *st, scn_line *l);
/* Reads a root name (`second` or `@second`) into st->root_index; an error if undeclared. */
bool scn_want_root_name(scn_parser *p, const scn_tok *t, scn_stmt *st);
memtree *scn_root_tree(scn_exec *r, int index);
HRESULT scn_root_start(scn_exec *r, int index);
void scn_root_stop(scn_exec *r, int index);
void scn_roots_cleanup(scn_exec *r);

/* Starts the instance (setup.c); also the implicit start. */
HRESULT scn_start_instance(scn_exec *r);
void scn_stop_instance(scn_exec *r);

/* Operations (operations.c): joins every job at the end of a run. */
void scn_jobs_finish(scn_exec *r);
void scn_job_free(scn_job *j);

/* State of an item (state.c). */
typedef enum scn_item_kind { ITEM_MISSING, ITEM_VIRTUAL, ITEM_ON_DISK } scn_item_kind;
/* bits: PRJ_FILE_STATE plus SCN_STATE_VIRTUAL / SCN_STATE_MISSING. */
#define SCN_STATE_VIRTUAL 0x100u
#define SCN_STATE_MISSING 0x200u
uint32_t scn_item_state(scn_exec *r, const WCHAR *full_path);
/* The states the item may be in, the likeliest first: one when decided; more where the backend
 * cannot tell them apart without a call that could change the disk (no PRJSIM_BACKEND_CAP_VOLUME:
 * virtual, missing or a tombstone). Returns how many. */
#define SCN_STATE_CANDIDATES 3
size_t scn_item_states(scn_exec *r, const WCHAR *full_path, uint32_t states[SCN_STATE_CANDIDATES]);

/* A provider program instead of the reference provider (external.c). */
bool scn_external_start(scn_exec *r, int line);
void scn_external_finish(scn_exec *r);
/* Adds the callbacks the provider program received since the last call to the event list: from
 * the recording layer when it observes the run (scn_observed_by_recording), else the trace. */
void scn_sync_events(scn_exec *r);

/* Golden traces (golden.c). */
char *scn_scrub(const char *line);
/* The visible trace records from @p from, of @p kinds (0 = all); malloc'd lines. */
char **scn_trace_lines(scn_exec *r, size_t from, unsigned kinds, size_t *count);
void scn_lines_free(char **lines, size_t count);
/* Compares @p want (text block) with @p got; on a mismatch writes a message. */
bool scn_trace_compare(const char *want, char **got, size_t got_count, char *msg, size_t msglen);
/* The last @p n visible trace lines, malloc'd text. */
char *scn_recent_trace(scn_exec *r, size_t n);

#endif
