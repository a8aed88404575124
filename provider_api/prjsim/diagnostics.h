/**
 * @file prjsim/diagnostics.h
 * @brief The named contract violations the simulator reports. One table, expanded where needed.
 *
 * X(ID, "name", "reference section", "one-line explanation")
 */
#ifndef PRJSIM_DIAGNOSTICS_H
#define PRJSIM_DIAGNOSTICS_H

#define PRJSIM_DIAGNOSTICS(X) \
    X(UNSORTED_ENTRIES, "unsorted-entries", "6.4", \
      "an enumeration entry sorts before the provider's previous entry (PrjFileNameCompare order); Windows may duplicate or drop names") \
    X(DUPLICATE_ENTRY, "duplicate-entry", "6.4", \
      "the provider added the same name twice in one enumeration") \
    X(FILTER_IGNORED, "filter-ignored", "6.4", \
      "an enumeration entry does not match the session's search expression; ProjFS passes it through") \
    X(SKIPPED_ENTRY, "skipped-entry", "6.4", \
      "the next GetDirectoryEnumeration did not resume with the entry that did not fit the previous buffer") \
    X(INSUFFICIENT_BUFFER_AFTER_ENTRIES, "insufficient-buffer-after-entries", "6.4", \
      "GetDirectoryEnumeration returned ERROR_INSUFFICIENT_BUFFER after adding entries; it must return S_OK and resume with the entry that did not fit") \
    X(STALE_ENUM_BUFFER, "stale-enum-buffer", "6.4", \
      "PrjFillDirEntryBuffer was given a buffer handle whose GetDirectoryEnumeration has completed") \
    X(NAME_TOO_LONG, "name-too-long", "4.14", \
      "PrjFillDirEntryBuffer was given a name longer than a path component may be (255 UTF-16 units); the entry is refused") \
    X(END_RESULT, "end-enumeration-result", "5.3", \
      "EndDirectoryEnumeration returned something other than S_OK or ERROR_IO_PENDING") \
    X(PLACEHOLDER_NAME_MISMATCH, "placeholder-name-mismatch", "4.6", \
      "GetPlaceholderInfo wrote a placeholder whose name does not match the requested FilePathName") \
    X(UNREQUESTED_PLACEHOLDER, "unrequested-placeholder", "5.4", \
      "GetPlaceholderInfo also wrote a placeholder for a name that was not requested") \
    X(NO_PLACEHOLDER_WRITTEN, "no-placeholder-written", "5.4", \
      "GetPlaceholderInfo returned S_OK without writing a placeholder for the requested name") \
    X(SHORT_DATA, "short-data", "6.5", \
      "GetFileData returned S_OK without writing the whole requested range") \
    X(DATA_PAST_END, "data-past-end", "6.5", \
      "PrjWriteFileData wrote past the end of the file") \
    X(STALE_DATA_STREAM, "stale-data-stream", "6.5", \
      "PrjWriteFileData named a data stream that is not waiting for data") \
    X(UNALIGNED_WRITE, "unaligned-write", "6.5", \
      "PrjWriteFileData offset or length breaks WriteAlignment for an unbuffered reader") \
    X(UNALIGNED_BUFFER, "buffer-not-from-allocator", "4.12", \
      "PrjWriteFileData was given a buffer that PrjAllocateAlignedBuffer did not return") \
    X(UNLISTED_RESULT, "unlisted-result", "6.9", \
      "a callback returned an HRESULT that is not allowed; the caller sees STATUS_INTERNAL_ERROR") \
    X(INVALID_CONTEXT, "invalid-context", "4.2", \
      "a Prj* function was given a virtualization context that is not a running instance") \
    X(PENDING_WITHOUT_CANCEL, "pending-without-cancel", "5.8", \
      "a callback returned ERROR_IO_PENDING but the provider registered no CancelCommandCallback") \
    X(UNKNOWN_COMMAND, "unknown-command", "4.13", \
      "PrjCompleteCommand named a command that is not pended") \
    X(HUNG_COMMAND, "hung-command", "6.14", \
      "a pended callback was not completed within the watchdog time (Windows would wait forever)")

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
/** The semantics-reference section. */
const char *prjsim_diag_section(prjsim_diag diag);
/** Looks a diagnostic up by short name; returns PRJSIM_DIAG_COUNT_ when unknown. */
prjsim_diag prjsim_diag_from_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif
