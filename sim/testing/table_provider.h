/* SPDX-License-Identifier: MIT */
/*
 * A test provider for the simulator's own tests: it projects a fixed table of items *in the
 * order given* (so tests can make it unsorted), and each misbehaviour a test needs is a
 * switch. Correct behaviour is memtree's job (fixtures/memtree); this one exists to break rules
 * on purpose.
 */
#ifndef PRJSIM_TABLE_PROVIDER_H
#define PRJSIM_TABLE_PROVIDER_H

#include <windows.h>
#include <projectedfslib.h>
#include <prjsim.h>

typedef struct tp_item {
    const WCHAR *path; /* relative, backslashes */
    bool dir;
    INT64 size;
    UINT32 attributes;
} tp_item;

typedef struct table_provider {
    const tp_item *items;
    size_t count;
    /* When non-zero, the callback of that kind returns this instead of doing its work. */
    HRESULT force[PRJSIM_CB_COUNT_];
    /* GetPlaceholderInfo writes this relative name instead of the requested one. */
    const WCHAR *wrong_name;
    /* GetPlaceholderInfo returns S_OK without writing. */
    bool skip_placeholder;
    /* GetFileData writes only this many bytes (0 = all). */
    UINT32 short_data;
    /* GetFileData writes in pieces of this size (0 = one piece). */
    UINT32 chunk;
    /* GetFileData writes one byte past the end of the file. */
    bool past_end;
    /* Version info ContentID[0] written with each placeholder: index + 1. */
    bool versions;
    /* Register QueryFileName. */
    bool query_file_name;
    /* Register NotificationCallback and CancelCommandCallback. */
    bool notifications;
    bool cancel;
    /* The notification callback returns this for notifications of these types (a veto). */
    UINT32 veto_types;
    HRESULT veto_hr;
    /* Replies to FILE_OPENED/NEW_FILE_CREATED/FILE_OVERWRITTEN/FILE_RENAMED with this mask. */
    PRJ_NOTIFY_TYPES reply_mask;
    /* Every notification received, one per line: "TYPE path[ -> dest][ dir][ modified]". */
    char notes[4096];
    int cancels;
    INT32 last_cancelled;
    /* What the provider saw, for assertions. */
    int get_enum_calls, start_calls, end_calls, placeholder_calls, data_calls, query_calls;
    UINT64 last_offset;
    UINT32 last_length;
    WCHAR last_search[64];
    UINT32 last_flags;
    WCHAR last_path[260];
    UINT8 last_version0;
    HRESULT last_write_hr;
    GUID last_stream;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    /* Called at the start (after = false) and at the end (after = true) of every callback, on
     * the callback's thread: tests change the view from here. */
    void (*hook)(struct table_provider *tp, const PRJ_CALLBACK_DATA *d, prjsim_callback_kind kind,
                 PRJ_NOTIFICATION notification, bool after);
    void *hook_data;
} table_provider;

/* The notification name as used in notes ("PRE_DELETE", ...). */
const char *tp_notification_name(PRJ_NOTIFICATION n);

/* The byte at offset i of the file at path (deterministic test content). */
UINT8 tp_content_byte(const WCHAR *path, UINT64 i);

/* Marks and starts C:\root (creating it) with this provider. */
HRESULT tp_start(table_provider *tp, const PRJ_STARTVIRTUALIZING_OPTIONS *options);
const PRJ_CALLBACKS *tp_callbacks(const table_provider *tp);

/* Test conveniences: a fresh current simulation with deterministic options. */
prjsim_sim *tp_fresh_sim(void);
/* Collects the names of a listing into one "a,b,c" string (static buffer). */
const char *tp_names(const prjsim_dir_entry *e, size_t n);

#endif
