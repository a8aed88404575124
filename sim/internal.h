/* SPDX-License-Identifier: MIT */
/*
 * Internal structures of the simulator, shared by the files of sim/. Nothing here is API.
 *
 * Locking: one mutex per simulation (sim->lock) guards the volume, the instances and their
 * tables. Client operations and Prj* functions take it; the dispatcher releases it while a
 * provider callback runs, so that the provider may call Prj* functions from inside the
 * callback (or from any other thread) without deadlocking.
 */
#ifndef PRJSIM_INTERNAL_H
#define PRJSIM_INTERNAL_H

#include <windows.h>
#include <ntstatus.h>
#include <projectedfslib.h>
#include <prjsim.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"

/* Internal only: resolution stopped at a symbolic link and must go on through its target. */
#define PRJSIM__STATUS_REPARSE ((NTSTATUS)0x00000104L)
#ifndef STATUS_NOT_SAME_DEVICE
#define STATUS_NOT_SAME_DEVICE ((NTSTATUS)0xC00000D4L)
#endif

typedef struct prjsim__item prjsim__item;
typedef struct prjsim__root prjsim__root;
typedef struct prjsim__instance prjsim__instance;
typedef struct prjsim__command prjsim__command;
typedef struct prjsim__enum_session prjsim__enum_session;
typedef struct prjsim__dir_buffer prjsim__dir_buffer;
typedef struct prjsim__stream prjsim__stream;
typedef struct prjsim__pool prjsim__pool;

/* State bits of an item on the simulated disk (section 6.2). */
enum {
    ITEM_DIR = 0x1,
    ITEM_PLACEHOLDER = 0x2, /* metadata on disk, provider-backed */
    ITEM_HYDRATED = 0x4,    /* placeholder file whose data is cached */
    ITEM_DIRTY = 0x8,       /* placeholder whose metadata changed locally */
    ITEM_FULL = 0x10,       /* locally created or modified: the provider no longer backs it */
    ITEM_TOMBSTONE = 0x20,  /* hidden marker of a deleted projected name */
};

/*
 * What few items have, kept apart so that the common item stays small (a million placeholders
 * is a normal tree): allocated by prjsim__rare_mut on first need, read through prjsim__rare.
 */
typedef struct prjsim__item_rare {
    PRJ_PLACEHOLDER_VERSION_INFO *version; /* NULL means all zero */
    WCHAR *original_path; /* where the placeholder was written, once a rename moved it (else NULL) */
    WCHAR *symlink_target;
    prjsim__root *root;      /* set on a virtualization root */
    prjsim__item *link_next; /* the next name of the same file (a ring), or NULL */
    PRJ_NOTIFY_TYPES notify_override;
    bool has_notify_override; /* a per-file mask set by a notification reply (section 6.6) */
} prjsim__item_rare;

/* Fields are ordered to leave no padding; the name created with the item follows it. */
struct prjsim__item {
    prjsim__item *parent;
    WCHAR *name;          /* the on-disk spelling */
    PRJ_FILE_BASIC_INFO info;
    prjsim__item_rare *rare; /* NULL: every rare field is zero */
    uint8_t *data;        /* file content for hydrated and full files */
    size_t data_cap;
    prjsim__item **children; /* sorted by prjsim__name_compare_n unless children_unsorted */
    uintptr_t *index;         /* hash index of children by folded name (big directories; volume.c) */
    uint32_t name_len;
    uint32_t state;
    uint32_t child_count, child_cap;
    uint32_t index_cap;
    uint32_t open_count;
    uint32_t holds;          /* pins on this item and on every item below it (see volume.c) */
    bool children_unsorted;
    bool delete_pending;
    bool hydrating;          /* a GetFileData is in flight for this file */
    bool converting;         /* PRE_CONVERT_TO_FULL is in flight: sent once even if I/Os race */
    bool detached;           /* the top of a removed subtree; freed when nothing in it is held */
    uint32_t name_hash;      /* prjsim__name_hash_n of the name (in what was padding) */
};

extern const prjsim__item_rare prjsim__no_rare;
static inline const prjsim__item_rare *prjsim__rare(const prjsim__item *item)
{
    return item->rare ? item->rare : &prjsim__no_rare;
}
prjsim__item_rare *prjsim__rare_mut(prjsim__item *item);

/* A virtualization root: a directory marked with PrjMarkDirectoryAsPlaceholder. */
struct prjsim__root {
    GUID instance_id;
    prjsim__instance *instance; /* the running instance, or NULL */
};

/* A string set keyed case-insensitively (the negative path cache). */
typedef struct prjsim__strset {
    WCHAR **slots;
    size_t cap, count;
} prjsim__strset;

struct prjsim__instance {
    prjsim_sim *sim;
    prjsim__instance *next;
    prjsim__item *root_item;
    WCHAR *root_path;
    GUID instance_id;
    PRJ_CALLBACKS cb;
    void *context;
    UINT32 flags; /* PRJ_STARTVIRTUALIZING_FLAGS */
    UINT32 pool_threads, concurrent_threads;
    PRJ_NOTIFICATION_MAPPING *mappings; /* copied at start */
    UINT32 mapping_count;
    bool stopping;
    int in_flight;           /* callbacks running or pended */
    pthread_cond_t idle;     /* signalled when in_flight drops */
    prjsim__strset negative_cache;
    prjsim__command *commands; /* in flight */
    prjsim__enum_session *sessions;
    prjsim__stream *streams;
    prjsim__pool *pool; /* NULL: callbacks run on the calling thread */
    prjsim_start_hook hook; /* the start hook in force at start, and its cookie */
    void *hook_cookie;
};

/* A callback in flight (running or pended). */
struct prjsim__command {
    prjsim__command *next;
    prjsim__instance *instance;
    INT32 id;
    prjsim_callback_kind kind;
    bool running;    /* the callback function has not returned yet */
    bool pended;     /* it returned ERROR_IO_PENDING */
    bool completed;  /* PrjCompleteCommand arrived, or it returned directly */
    bool cancelled;
    HRESULT result;
    uint64_t client_thread; /* prjsim_client_thread() of the operation that waits on it */
    pthread_cond_t done;
    /* HRESULTs that Prj* functions returned while this command was current (section 6.9). */
    HRESULT api_results[8];
    int api_result_count;
    /* What GetPlaceholderInfo was asked for, and wrote while current. */
    WCHAR *requested;
    WCHAR *written_placeholder;
    bool wrote_unrequested;
    /* For a pended enumeration: the buffer it must be completed with. */
    prjsim__dir_buffer *dir_buffer;
    PRJ_NOTIFY_TYPES notification_mask;
    bool has_notification_mask;
};

/*
 * Storage for the names of one Get's entries: blocks that never move, freed together when the
 * entries are (a Get's names cost one allocation per block rather than one each).
 */
typedef struct prjsim__name_block {
    struct prjsim__name_block *next;
    size_t used, cap; /* in WCHARs */
    WCHAR text[];
} prjsim__name_block;

/* One entry the provider added to a directory buffer. */
typedef struct prjsim__provider_entry {
    WCHAR *name; /* in the buffer's (then the queue's) name blocks */
    uint32_t name_len;
    uint32_t cost; /* prjsim__entry_cost of the name */
    PRJ_FILE_BASIC_INFO info;
    WCHAR *symlink_target;
} prjsim__provider_entry;

/* The buffer behind a PRJ_DIR_ENTRY_BUFFER_HANDLE, alive during one Get. */
struct prjsim__dir_buffer {
    uint32_t budget, used;
    bool full;          /* a fill already returned INSUFFICIENT_BUFFER */
    WCHAR *refused;     /* the first name that did not fit */
    prjsim__provider_entry *entries;
    size_t count, cap;
    prjsim__name_block *names;
};

struct prjsim__enum_session {
    prjsim__enum_session *next;
    prjsim__instance *instance;
    GUID id;
    prjsim__item *dir;
    WCHAR *dir_path;      /* relative path given to the callbacks */
    WCHAR *filter;        /* captured search expression */
    size_t filter_len;
    bool started;         /* Start succeeded: End is owed */
    bool get_called;      /* the first Get happened */
    bool restart_pending; /* the next Get carries RESTART_SCAN */
    bool provider_done;
    /* Provider entries received but not yet merged. */
    prjsim__provider_entry *queue;
    size_t queue_count, queue_pos;
    prjsim__name_block *queue_names;
    /* The previous provider entry, to detect unsorted and duplicate entries (a buffer reused
     * for every entry). */
    WCHAR *last_provider_name;
    size_t last_provider_len, last_provider_cap;
    /* The entry that did not fit the last Get: the next one must start with it. */
    WCHAR *resume_with;
    /* The last name handed to the caller: the cursor into the on-disk children. */
    WCHAR *cursor;
    size_t cursor_len, cursor_cap;
    /* Where the first on-disk child after the cursor was last found: a guess that is checked
     * with two comparisons before use, so that walking a directory costs no search per entry. */
    uint32_t cursor_at;
    bool dots_done;
    bool any_returned;
};

/* A GetFileData request waiting for PrjWriteFileData. */
struct prjsim__stream {
    prjsim__stream *next;
    GUID id;
    prjsim__item *item;
    UINT64 file_size;
    UINT64 want_offset, want_length;
    uint8_t *buffer;
    /* Covered byte ranges, kept sorted and merged. */
    struct { UINT64 start, end; } *ranges;
    size_t range_count, range_cap;
    bool unbuffered;
    bool stale; /* the provider updated or deleted the file meanwhile: the data is for the old one */
};

typedef struct prjsim__trace_rec {
    prjsim_trace_record rec;
    char *text;
} prjsim__trace_rec;

struct prjsim_sim {
    prjsim_sim_options options;
    uint64_t serial; /* unique in the process: says "this simulation" after another is freed */
    pthread_mutex_t lock;
    prjsim__item *volume; /* children are drives "C:" */
    prjsim__instance *instances;
    int64_t clock;
    uint64_t guid_counter;
    INT32 next_command_id;
    pthread_cond_t state_changed; /* broadcast when a hydration, placeholder fetch, conversion or query ends */
    struct prjsim__sharing *sharing; /* share access of open files (sharing.c), or NULL */
    struct prjsim__fetch *fetches; /* GetPlaceholderInfo calls in flight, one per name */
    prjsim_missing_path_hook missing_path_hook;
    void *missing_path_payload;
    /* Trace */
    pthread_mutex_t trace_lock;
    prjsim__trace_rec *trace;
    size_t trace_count, trace_cap;
    char **retired; /* replaced record texts, freed when the trace is cleared */
    size_t retired_count, retired_cap;
    size_t diag_counts[PRJSIM_DIAG_COUNT_];
    size_t callback_counts[PRJSIM_CB_COUNT_];
};

/* ---- sim.c ---- */
void prjsim__lock(prjsim_sim *sim);
void prjsim__unlock(prjsim_sim *sim);
int64_t prjsim__tick(prjsim_sim *sim);
void prjsim__new_guid(prjsim_sim *sim, GUID *out);
void *prjsim__xmalloc(size_t n);
void *prjsim__xcalloc(size_t n, size_t size);
void *prjsim__xrealloc(void *p, size_t n);
/*
 * File contents (content.c). New bytes are zero, and a large content is sparse: pages never
 * written cost nothing. alloc and resize return NULL (resize leaving @p p as it was) for a
 * capacity that cannot be held, at most PRJSIM__CONTENT_MAX.
 */
#define PRJSIM__CONTENT_MAX ((UINT64)1 << 42)
void *prjsim__content_alloc(size_t cap);
void *prjsim__content_resize(void *p, size_t old_cap, size_t new_cap);
void prjsim__content_free(void *p, size_t cap);
/* Zeroes [from, to) of a content of capacity @p cap, giving whole pages back. */
void prjsim__content_zero(void *p, size_t cap, size_t from, size_t to);
/* Records the content-too-large diagnostic for @p what of @p size bytes (if @p sim is not
 * NULL); STATUS_DISK_FULL. */
NTSTATUS prjsim__content_too_large(prjsim_sim *sim, const char *what, UINT64 size);
WCHAR *prjsim__wcsdup_n(const WCHAR *s, size_t n);
WCHAR *prjsim__wcsdup(const WCHAR *s);

/* ---- path.c ---- */
/* Paths up to this many characters are parsed without allocating (every open parses some). */
#define PRJSIM__PATH_LOCAL_CHARS 96
typedef struct prjsim__path {
    /* Components of a full path, the drive ("C:") first; pointers into buf. */
    WCHAR *buf;
    const WCHAR **comp;
    uint32_t *len;
    uint32_t count;
    /* buf, comp and len point here when the path is short. Never copy a prjsim__path. */
    WCHAR local_buf[PRJSIM__PATH_LOCAL_CHARS];
    const WCHAR *local_comp[PRJSIM__PATH_LOCAL_CHARS / 2 + 2];
    uint32_t local_len[PRJSIM__PATH_LOCAL_CHARS / 2 + 2];
} prjsim__path;
/* Parses a full path; false for a path that is not absolute (X:\...). */
bool prjsim__path_parse(prjsim__path *p, const WCHAR *full);
/* Parses a relative path under a root ("" is the root itself). */
bool prjsim__path_parse_relative(prjsim__path *p, const WCHAR *rel);
void prjsim__path_free(prjsim__path *p);
/* The longest name a path component may have on NTFS. */
#define PRJSIM__NAME_MAX 255
/*
 * Whether a provider's relative path names something below its root: no `.` or `..`
 * component (which would fold away or climb), no character NTFS refuses in a name, no
 * component longer than PRJSIM__NAME_MAX.
 */
bool prjsim__path_relative_valid(const WCHAR *rel);
/* Joins components [from, to) with backslashes into a new string. */
WCHAR *prjsim__path_join(const prjsim__path *p, uint32_t from, uint32_t to);

/* ---- volume.c ---- */
prjsim__item *prjsim__item_new(const WCHAR *name, size_t len, uint32_t state);
/* Changes the on-disk spelling of a detached item's name. */
void prjsim__item_rename(prjsim__item *item, const WCHAR *name, size_t len);
void prjsim__item_free_tree(prjsim__item *item);
/* Finds a child (any state, tombstones included). */
prjsim__item *prjsim__item_child(prjsim__item *dir, const WCHAR *name, size_t len);
/* Index of the first child whose name sorts >= name (or == count); *found if equal. */
uint32_t prjsim__item_child_index(prjsim__item *dir, const WCHAR *name, size_t len, bool *found);
void prjsim__item_attach(prjsim__item *dir, prjsim__item *child);
void prjsim__item_detach(prjsim__item *child);
/* Frees every child of a directory. */
void prjsim__item_clear_children(prjsim__item *dir);
/* Puts the children in collation order (before iterating them in order). */
void prjsim__item_sort_children(prjsim__item *dir);
/*
 * Ownership of items: the rule is written out at the top of volume.c. In short: a pointer to an
 * item is good only while the lock is held; to keep one across anything that may release the
 * lock (a callback, a wait), pin it; after re-taking the lock, check prjsim__item_in_tree.
 */
/* Removes an item from the tree; frees its subtree now or, if anything in it is held, when the
 * last hold goes. */
void prjsim__item_destroy(prjsim__item *item);
/* Holds an item, and with it the memory of its ancestors, until the matching unpin. */
void prjsim__item_pin(prjsim__item *item);
void prjsim__item_unpin(prjsim__item *item);
/* Still part of the view: neither the item nor any ancestor has been removed. */
bool prjsim__item_in_tree(const prjsim__item *item);
/* Relative path of an item below its root, on-disk spelling. */
WCHAR *prjsim__item_relative_path(const prjsim__item *item);
/* The relative path the provider wrote the placeholder at (section 5.5); caller frees. */
WCHAR *prjsim__item_original_path(const prjsim__item *item);
/* Before a rename moves a placeholder file: its current path becomes its original one. Only
 * files move with placeholders in them (directories with projected content never rename). */
void prjsim__item_keep_original_path(prjsim__item *item);
/* Full path of an item, on-disk spelling. */
WCHAR *prjsim__item_full_path(const prjsim__item *item);
/* The root item an item lies under (the item itself for a root), or NULL. */
prjsim__item *prjsim__item_root(const prjsim__item *item);
/* A directory whose missing children the provider may supply: the root or a placeholder. */
bool prjsim__item_is_virtualized_dir(const prjsim__item *item);
/* Visible means present and not a tombstone. */
static inline bool prjsim__item_visible(const prjsim__item *item)
{
    return item && !(item->state & ITEM_TOMBSTONE);
}
bool prjsim__item_has_visible_children(const prjsim__item *dir);
/* Sets a file's size; new bytes read as zeros. STATUS_DISK_FULL (with the content-too-large
 * diagnostic on @p sim, which may be NULL) when the content cannot be held; nothing changes then. */
NTSTATUS prjsim__item_set_data_size(prjsim_sim *sim, prjsim__item *item, UINT64 size);
/* Hard links: the names of one file form a ring; a change to one is copied to the others. */
void prjsim__item_link(prjsim__item *existing, prjsim__item *added);
void prjsim__item_unlink(prjsim__item *item);
void prjsim__item_sync_links(prjsim__item *item);
uint32_t prjsim__item_link_count(const prjsim__item *item);
/* The PRJ_FILE_STATE bits of an item (section 6.11). */
PRJ_FILE_STATE prjsim__item_file_state(const prjsim__item *item);
/* Gets the drive item for a component such as "C:", creating it. */
prjsim__item *prjsim__volume_drive(prjsim_sim *sim, const WCHAR *name, size_t len);

/* ---- attributes.c ---- */
/* The attributes a new placeholder stores of what the provider gave (OFFLINE dropped). */
UINT32 prjsim__attributes_of_new_placeholder(UINT32 provided, bool is_dir);
/* What a listing shows of a provider entry not on disk (RECALL_ON_OPEN added). */
UINT32 prjsim__attributes_of_virtual_entry(UINT32 provided, bool is_dir, bool symlink);
/* What listings and file information show of an item on disk. */
UINT32 prjsim__attributes_visible(const prjsim__item *item);
/* The bits of a SetFileAttributes request an item may store. */
UINT32 prjsim__attributes_settable(UINT32 requested);

/* ---- links.c ---- */
/* The name of @p item's file that lies under a root (the item itself if it does, or if no
 * name does): the one the provider is asked through. */
prjsim__item *prjsim__item_projected_name(prjsim__item *item);

/* ---- sharing.c ---- */
/* STATUS_SHARING_VIOLATION when an open with @p access and @p share conflicts with the handles
 * open on the item's file (all its names). Lock held. */
NTSTATUS prjsim__share_check(const prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share);
/* Counts a handle's access and share mode on its item, or uncounts it at close. */
void prjsim__share_add(prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share);
void prjsim__share_remove(prjsim_sim *sim, const prjsim__item *item, UINT32 access, UINT32 share);
/* Whether a handle that does not share delete keeps the file from being deleted or replaced. */
bool prjsim__share_blocks_delete(const prjsim_sim *sim, const prjsim__item *item);
void prjsim__sharing_free(prjsim_sim *sim);

/* ---- instance.c ---- */
/* The running instance for a context handle, or NULL (with a diagnostic). Lock held. */
prjsim__instance *prjsim__instance_from_context(prjsim_sim **sim_out,
                                                PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx,
                                                const char *api);
/* The running instance of the root an item lies under, or NULL if stopped / not in a root. */
prjsim__instance *prjsim__instance_of_item(const prjsim__item *item);
bool prjsim__strset_contains(const prjsim__strset *set, const WCHAR *s);
void prjsim__strset_add(prjsim__strset *set, const WCHAR *s);
void prjsim__strset_remove(prjsim__strset *set, const WCHAR *s);
size_t prjsim__strset_clear(prjsim__strset *set);
/* Whether [p, p+len) lies in a buffer from PrjAllocateAlignedBuffer. */
bool prjsim__is_aligned_buffer(const void *p, size_t len);

/* ---- dispatch.c ---- */
/* The fixed parts of a callback. */
typedef struct prjsim__call {
    prjsim_callback_kind kind;
    const WCHAR *path;      /* FilePathName */
    const PRJ_PLACEHOLDER_VERSION_INFO *version;
    const GUID *enum_id;    /* enumeration callbacks */
    const GUID *stream_id;  /* GetFileData */
    const GUID *file_id;
    UINT32 flags;           /* PRJ_CALLBACK_DATA_FLAGS */
    const WCHAR *search;    /* GetDirectoryEnumeration */
    prjsim__dir_buffer *dir_buffer;
    UINT64 offset;          /* GetFileData */
    UINT32 length;
    /* Notification */
    BOOLEAN is_directory;
    PRJ_NOTIFICATION notification;
    const WCHAR *destination;
    PRJ_NOTIFICATION_PARAMETERS *params;
    /* A trace detail appended to the callback's line. */
    const char *detail;
    /* CancelCommand: the id of the command being cancelled. */
    INT32 target_command;
} prjsim__call;
/*
 * Invokes a callback with the lock held on entry and on return (released meanwhile), waits
 * if it pends, and returns its final HRESULT. *cmd_out (optional) receives a snapshot of the
 * command's record for the caller's checks (written placeholder, API results); free it with
 * prjsim__command_release.
 */
HRESULT prjsim__dispatch(prjsim__instance *inst, prjsim__call *call, prjsim__command **cmd_out);
void prjsim__command_release(prjsim__command *cmd);
/* Calls the provider's function for @p call on this thread, with @p cmd current. */
HRESULT prjsim__invoke(const PRJ_CALLBACKS *cb, prjsim__call *call, const PRJ_CALLBACK_DATA *d,
                       prjsim__command *cmd);

/* ---- pool.c ---- */
prjsim__pool *prjsim__pool_create(UINT32 threads, UINT32 concurrent);
/* Joins the workers; no job may be queued. */
void prjsim__pool_destroy(prjsim__pool *p);
/* Runs a callback on a worker and waits for it. Called without the simulation lock. */
HRESULT prjsim__pool_run(prjsim__pool *p, const PRJ_CALLBACKS *cb, prjsim__call *call,
                         const PRJ_CALLBACK_DATA *data, prjsim__command *cmd);
/* The command the current thread is running a callback for, or NULL. */
prjsim__command *prjsim__current_command(void);
/* Records that a Prj* function returned hr while the current thread runs a callback. */
void prjsim__note_api_result(HRESULT hr);

/* ---- status.c ---- */
NTSTATUS prjsim__status_from_win32(DWORD error);

/* ---- translate.c ---- */
/*
 * The NTSTATUS a client sees for a callback's HRESULT (section 6.9). Records the
 * unlisted-result diagnostic when the code is not allowed.
 */
NTSTATUS prjsim__translate_result(prjsim_sim *sim, HRESULT hr, const prjsim__command *cmd,
                                  prjsim_callback_kind kind);
/* Whether a callback result is allowed (listed, NT-facility, or returned by a Prj* call). */
bool prjsim__result_listed(HRESULT hr, const prjsim__command *cmd);

/* ---- trace.c ---- */
void prjsim__trace_emit(prjsim_sim *sim, prjsim_trace_kind kind, INT32 result, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Arguments are evaluated only when the trace is on: formatting them is most of its cost. */
#define prjsim__trace(sim, ...) \
    ((sim)->options.trace ? prjsim__trace_emit((sim), __VA_ARGS__) : (void)0)
/* Reserves the trace line of a callback when it starts; the text is filled in when it ends. */
size_t prjsim__trace_callback_begin(prjsim_sim *sim, prjsim_callback_kind kind, INT32 command_id);
void prjsim__trace_callback_end(prjsim_sim *sim, size_t index, HRESULT result, const char *text);
void prjsim__diag(prjsim_sim *sim, prjsim_diag diag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes a wide string as UTF-8 into a malloc'd string (for trace lines). */
char *prjsim__utf8(const WCHAR *s);
const char *prjsim__hr_str(char *buf, size_t n, HRESULT hr);
const char *prjsim__st_str(char *buf, size_t n, NTSTATUS st);

/* ---- resolve.c ---- */
typedef struct prjsim__resolved {
    prjsim__item *item;    /* the leaf, if present (visible) */
    prjsim__item *parent;  /* the leaf's parent directory, if the path up to it resolved */
    prjsim__item *tomb;    /* a tombstone at the leaf, if any */
    const WCHAR *leaf;     /* the leaf name as the caller spelled it */
    uint32_t leaf_len;
    WCHAR *caller_rel;     /* relative path as the caller spelled it ("" for a root), or NULL */
    prjsim__instance *instance; /* running instance of the root, or NULL */
    prjsim__item *root;    /* root item the path lies under, or NULL */
    WCHAR *reparse_rest;   /* STATUS_REPARSE: the components after the link in r->item */
} prjsim__resolved;
/*
 * Resolves a full path, asking the provider for every missing component below a root
 * (GetPlaceholderInfo, top-down). Lock held. Returns STATUS_SUCCESS when the parent resolved
 * (the leaf may still be absent: r->item NULL), STATUS_OBJECT_PATH_NOT_FOUND for a missing
 * middle component, or the failure of a callback.
 */
NTSTATUS prjsim__resolve(prjsim_sim *sim, const WCHAR *full, prjsim__resolved *r);
/*
 * As prjsim__resolve, following symbolic links (section 6.13): links in the middle of the path
 * always, a link at the leaf when @p follow_leaf. A relative target is relative to the link's
 * directory. After 63 links (a loop) the result is STATUS_OBJECT_PATH_NOT_FOUND.
 */
NTSTATUS prjsim__resolve_follow(prjsim_sim *sim, const WCHAR *full, prjsim__resolved *r, bool follow_leaf);
void prjsim__resolved_free(prjsim__resolved *r);
void prjsim__item_set_version(prjsim__item *item, const PRJ_PLACEHOLDER_VERSION_INFO *v);
/* Asks the provider for one missing child of a virtualized directory. */
NTSTATUS prjsim__fetch_placeholder(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir,
                                   const WCHAR *caller_rel, const WCHAR *name, size_t len,
                                   prjsim__item **out);
/* Whether the provider still projects a name (QueryFileName, or an enumeration). */
NTSTATUS prjsim__provider_has(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir,
                              const WCHAR *rel_path, const WCHAR *name, size_t len, bool *has);

/* ---- filedata.c ---- */
/* Makes sure a placeholder file's data is on disk (GetFileData). Lock held. */
NTSTATUS prjsim__hydrate(prjsim_sim *sim, prjsim__item *item, bool unbuffered);

/* ---- enumeration.c ---- */
void prjsim__session_end(prjsim__enum_session *s);
NTSTATUS prjsim__session_query(prjsim_sim *sim, prjsim_handle *h, const WCHAR *pattern,
                               UINT32 flags, UINT32 budget, prjsim_dir_entry **entries,
                               size_t *count);
/* The cost of a directory entry in a caller's or provider's buffer (section 6.4). */
uint32_t prjsim__entry_cost(const WCHAR *name, size_t len);
/*
 * Runs a whole enumeration session of the provider (Start, Get..., End) on a directory with
 * @p pattern, as ProjFS does to answer its own questions. *found: some entry the provider
 * listed is not hidden by a tombstone and matches the pattern (every entry for "*").
 */
NTSTATUS prjsim__provider_probe(prjsim_sim *sim, prjsim__instance *inst, prjsim__item *dir,
                                const WCHAR *dir_rel, const WCHAR *pattern, bool *found);

/* ---- notify.c ---- */
/*
 * Sends a notification about @p item (may be NULL for a name outside the instance) if the
 * instance wants it: a running instance with a NotificationCallback, a caller that is not the
 * provider, and the bit in the item's effective mask (or in @p other_mask for renames and links,
 * whose two ends may be mapped differently). Lock held. Returns STATUS_SUCCESS, or the
 * translated failure of a vetoing notification (pre-operations and FILE_OPENED). A mask the
 * provider returns through PostCreate/FileRenamed or PrjCompleteCommand becomes the item's
 * override until its last handle closes.
 */
typedef struct prjsim__notice {
    prjsim__instance *inst;
    prjsim__item *item;       /* the item the mask is kept on */
    const WCHAR *path;        /* FilePathName ("" when the source is outside the instance) */
    const WCHAR *destination; /* for renames and links; "" when outside */
    const WCHAR *other_path;  /* the other end's relative path, for its mapping mask */
    bool is_directory;
    bool always;              /* cross-boundary renames/links: sent unless suppressed */
    PRJ_NOTIFICATION type;
    bool is_file_modified;    /* FileDeletedOnHandleClose.IsFileModified */
} prjsim__notice;
NTSTATUS prjsim__notify(prjsim_sim *sim, const prjsim__notice *n);
/* The mask the mappings give a relative path (section 6.6), without per-file overrides. */
PRJ_NOTIFY_TYPES prjsim__mapping_mask(const prjsim__instance *inst, const WCHAR *rel);
/* The mask in force for an item: its override if it has one, else its mapping's. */
PRJ_NOTIFY_TYPES prjsim__item_mask(const prjsim__instance *inst, const prjsim__item *item, const WCHAR *rel);

/* ---- client.c ---- */
struct prjsim_handle {
    prjsim_sim *sim;
    prjsim__item *item;
    UINT32 access;
    UINT32 share;     /* FILE_SHARE_* given at open (sharing.c) */
    UINT32 flags;
    bool delete_on_close;
    bool modified;
    WCHAR *caller_rel; /* relative path as opened (for enumeration callbacks), or NULL */
    GUID file_id;
    prjsim__enum_session *session;
    bool queried;
    char *trace_name; /* the path as opened, UTF-8, for trace lines */
    bool busy;        /* a query runs on this handle: its session's callbacks never overlap */
    prjsim_open_result open_result;
    unsigned in_flight; /* operations on the handle that may release the lock (client.c) */
    bool closed;        /* closed while some were in flight: freed when the last one ends */
};

#endif
