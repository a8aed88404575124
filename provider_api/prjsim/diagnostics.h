/* SPDX-License-Identifier: MIT */
/**
 * @file prjsim/diagnostics.h
 * @brief The named contract violations the simulator reports. One table, expanded where needed.
 *
 * X(ID, "name", "the file of docs/behaviour/ with its rule", "one-line explanation")
 */
#ifndef PRJSIM_DIAGNOSTICS_H
#define PRJSIM_DIAGNOSTICS_H

#include <stdbool.h>

#define PRJSIM_DIAGNOSTICS(X) \
    X(UNSORTED_ENTRIES, "unsorted-entries", "docs/behaviour/enumeration.md", \
      "an enumeration entry sorts before the provider's previous entry (PrjFileNameCompare order); Windows may duplicate or drop names") \
    X(DUPLICATE_ENTRY, "duplicate-entry", "docs/behaviour/enumeration.md", \
      "the provider added the same name twice in one enumeration") \
    X(FILTER_IGNORED, "filter-ignored", "docs/behaviour/enumeration.md", \
      "an enumeration entry does not match the session's search expression; ProjFS passes it through") \
    X(SKIPPED_ENTRY, "skipped-entry", "docs/behaviour/enumeration.md", \
      "the next GetDirectoryEnumeration did not resume with the entry that did not fit the previous buffer") \
    X(INSUFFICIENT_BUFFER_AFTER_ENTRIES, "insufficient-buffer-after-entries", "docs/behaviour/enumeration.md", \
      "GetDirectoryEnumeration returned ERROR_INSUFFICIENT_BUFFER after adding entries; it must return S_OK and resume with the entry that did not fit") \
    X(STALE_ENUM_BUFFER, "stale-enum-buffer", "docs/behaviour/enumeration.md", \
      "PrjFillDirEntryBuffer was given a buffer handle whose GetDirectoryEnumeration has completed") \
    X(NAME_TOO_LONG, "name-too-long", "docs/behaviour/enumeration.md", \
      "PrjFillDirEntryBuffer was given a name longer than a path component may be (255 UTF-16 units); the entry is refused") \
    X(END_RESULT, "end-enumeration-result", "docs/behaviour/enumeration.md", \
      "EndDirectoryEnumeration returned something other than S_OK or ERROR_IO_PENDING") \
    X(PLACEHOLDER_NAME_MISMATCH, "placeholder-name-mismatch", "docs/behaviour/paths.md", \
      "GetPlaceholderInfo wrote a placeholder whose name does not match the requested FilePathName") \
    X(UNREQUESTED_PLACEHOLDER, "unrequested-placeholder", "docs/behaviour/paths.md", \
      "GetPlaceholderInfo also wrote a placeholder for a name that was not requested") \
    X(NO_PLACEHOLDER_WRITTEN, "no-placeholder-written", "docs/behaviour/paths.md", \
      "GetPlaceholderInfo returned S_OK without writing a placeholder for the requested name") \
    X(SHORT_DATA, "short-data", "docs/behaviour/data.md", \
      "GetFileData returned S_OK without writing the whole requested range") \
    X(DATA_PAST_END, "data-past-end", "docs/behaviour/data.md", \
      "PrjWriteFileData wrote past the end of the file") \
    X(STALE_DATA_STREAM, "stale-data-stream", "docs/behaviour/data.md", \
      "PrjWriteFileData named a data stream that is not waiting for data") \
    X(UNALIGNED_WRITE, "unaligned-write", "docs/behaviour/data.md", \
      "PrjWriteFileData offset or length breaks WriteAlignment for an unbuffered reader") \
    X(UNALIGNED_BUFFER, "buffer-not-from-allocator", "docs/behaviour/data.md", \
      "PrjWriteFileData was given a buffer that PrjAllocateAlignedBuffer did not return") \
    X(UNLISTED_RESULT, "unlisted-result", "docs/behaviour/results.md", \
      "a callback returned an HRESULT that is not allowed; the caller sees STATUS_INTERNAL_ERROR") \
    X(INVALID_CONTEXT, "invalid-context", "docs/behaviour/lifecycle.md", \
      "a Prj* function was given a virtualization context that is not a running instance") \
    X(PENDING_WITHOUT_CANCEL, "pending-without-cancel", "docs/behaviour/commands.md", \
      "a callback returned ERROR_IO_PENDING but the provider registered no CancelCommandCallback") \
    X(UNKNOWN_COMMAND, "unknown-command", "docs/behaviour/commands.md", \
      "PrjCompleteCommand named a command that is not pended") \
    X(HUNG_COMMAND, "hung-command", "docs/behaviour/commands.md", \
      "a pended callback was not completed within the watchdog time (Windows would wait forever)") \
    X(IGNORED_NOTIFICATION_RESULT, "ignored-notification-result", "docs/behaviour/notifications.md", \
      "a post-operation notification returned an HRESULT that is not allowed; ProjFS ignores it (a warning)") \
    X(CONTENT_TOO_LARGE, "content-too-large", "docs/behaviour/data.md", \
      "a file's declared or written size is more than the simulator can hold; the operation failed with STATUS_DISK_FULL")

/*
 * The diagnostics that are warnings: worth reporting, but nothing a caller could observe went
 * wrong. prjconf and scenarios report them without failing.
 */
#define PRJSIM_DIAGNOSTIC_WARNINGS(X) \
    X(IGNORED_NOTIFICATION_RESULT)

/** The diagnostics, as an enum: PRJSIM_DIAG_UNSORTED_ENTRIES, ... */
typedef enum prjsim_diag {
#define PRJSIM_DIAG_ENUM_(id, name, section, text) PRJSIM_DIAG_##id,
    PRJSIM_DIAGNOSTICS(PRJSIM_DIAG_ENUM_)
#undef PRJSIM_DIAG_ENUM_
    PRJSIM_DIAG_COUNT_
} prjsim_diag;

#ifdef __cplusplus
extern "C" {
#endif

/** The diagnostic's short name ("unsorted-entries"), or NULL for an unknown value. */
const char *prjsim_diag_name(prjsim_diag diag);
/** The one-line explanation. */
const char *prjsim_diag_text(prjsim_diag diag);
/** Where the rule is written: a file of the project's docs/behaviour/. */
const char *prjsim_diag_section(prjsim_diag diag);
/** Whether the diagnostic is a warning (PRJSIM_DIAGNOSTIC_WARNINGS), not a contract violation. */
bool prjsim_diag_is_warning(prjsim_diag diag);
/** Looks a diagnostic up by short name; returns PRJSIM_DIAG_COUNT_ when unknown. */
prjsim_diag prjsim_diag_from_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif
