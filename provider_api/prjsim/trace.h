/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/trace.h
 * @brief The trace: every client operation, callback, Prj* call and diagnostic, in order.
 *
 * Each record has a stable text line: no GUIDs, command ids or times, so traces can be
 * compared as golden files.
 */
#ifndef PRJSIM_TRACE_H
#define PRJSIM_TRACE_H

#include <prjsim/sim.h>
#include <prjsim/diagnostics.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The provider callbacks, in PRJ_CALLBACKS order. X(ID, "Name") */
#define PRJSIM_CALLBACK_KINDS(X) \
    X(START_ENUM, "StartDirectoryEnumeration") \
    X(END_ENUM, "EndDirectoryEnumeration") \
    X(GET_ENUM, "GetDirectoryEnumeration") \
    X(GET_PLACEHOLDER_INFO, "GetPlaceholderInfo") \
    X(GET_FILE_DATA, "GetFileData") \
    X(QUERY_FILE_NAME, "QueryFileName") \
    X(NOTIFICATION, "Notification") \
    X(CANCEL_COMMAND, "CancelCommand")

typedef enum prjsim_callback_kind {
#define PRJSIM_CB_ENUM_(id, name) PRJSIM_CB_##id,
    PRJSIM_CALLBACK_KINDS(PRJSIM_CB_ENUM_)
#undef PRJSIM_CB_ENUM_
    PRJSIM_CB_COUNT_
} prjsim_callback_kind;

/** Callback name ("GetFileData"). */
const char *prjsim_callback_name(prjsim_callback_kind kind);

typedef enum prjsim_trace_kind {
    PRJSIM_TRACE_OP,       /**< a client operation and its NTSTATUS */
    PRJSIM_TRACE_CALLBACK, /**< a callback into the provider and its HRESULT */
    PRJSIM_TRACE_API,      /**< a Prj* call by the provider and its HRESULT */
    PRJSIM_TRACE_DIAG,     /**< a contract violation */
    PRJSIM_TRACE_NOTE      /**< anything else worth knowing (state changes) */
} prjsim_trace_kind;

typedef struct prjsim_trace_record {
    prjsim_trace_kind kind;
    prjsim_callback_kind callback; /**< for PRJSIM_TRACE_CALLBACK */
    prjsim_diag diag;              /**< for PRJSIM_TRACE_DIAG */
    INT32 result;                  /**< NTSTATUS (OP) or HRESULT (CALLBACK, API) */
    INT32 command_id;              /**< for PRJSIM_TRACE_CALLBACK */
    const char *text;              /**< the stable text line, UTF-8 */
} prjsim_trace_record;

/** Number of records. */
size_t prjsim_trace_count(prjsim_sim *sim);
/**
 * Copies record @p index into @p out; its text is valid until the trace is cleared or the
 * simulation destroyed. Returns false when out of range.
 */
bool prjsim_trace_get(prjsim_sim *sim, size_t index, prjsim_trace_record *out);
/** Forgets every record. */
void prjsim_trace_clear(prjsim_sim *sim);
/** Number of callbacks of @p kind recorded. */
size_t prjsim_trace_count_callbacks(prjsim_sim *sim, prjsim_callback_kind kind);
/** Number of diagnostics @p diag recorded. */
size_t prjsim_trace_count_diag(prjsim_sim *sim, prjsim_diag diag);
/** Number of diagnostics of every kind recorded. */
size_t prjsim_trace_count_all_diags(prjsim_sim *sim);
/**
 * The trace as text, one record a line, records of the given kinds only
 * (a bit mask of 1u << prjsim_trace_kind; 0 = all). Free with free().
 */
char *prjsim_trace_text(prjsim_sim *sim, unsigned kinds);
/**
 * A wide string as UTF-8, the way trace lines write names (invalid code points become U+FFFD;
 * NULL gives "(null)"). Free with free().
 */
char *prjsim_trace_utf8(const WCHAR *s);

/** Writes the trace to @p out as text. */
void prjsim_trace_print(prjsim_sim *sim, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
