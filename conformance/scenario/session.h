/* SPDX-License-Identifier: MIT */
/**
 * @file session.h
 * @brief A scenario run fed one statement at a time: what `prjsim shell` drives.
 *
 * A session is a scenario whose lines arrive while it runs. Each call of scn_session_run adds
 * lines to the session's script and runs the statements they hold, in the same simulation; the
 * whole text so far is a scenario that `prjsim run` replays. Unlike `prjsim run`, a failed
 * operation or expectation does not end the session: it is reported and the session goes on.
 */
#ifndef SCN_SESSION_H
#define SCN_SESSION_H

#include "scenario.h"

#include <prjsim.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct scn_session scn_session;

/** What scn_session_run reports. */
enum {
    SCN_SESSION_OK = 0,        /**< every statement ran (an operation may have failed: see the result) */
    SCN_SESSION_FAILED = 1,    /**< a statement could not run, or an expectation failed: see the message */
    SCN_SESSION_MALFORMED = 2  /**< the lines are not valid scenario text: nothing ran */
};

/**
 * Opens a session: parses @p setup (root, manifest, option, item lines), creates the
 * simulation and starts the instance (the reference provider, or options->provider).
 * @param dir where `manifest` looks first (NULL: the current directory).
 * @return SCN_SESSION_OK, or another value with the reason in @p msg.
 */
int scn_session_open(scn_session **out, const char *setup, const char *dir, const scn_run_options *options,
                     char *msg, size_t msglen);

/** Adds @p lines (scenario text, one statement a line) and runs them; see the enum above. */
int scn_session_run(scn_session *s, const char *lines, char *msg, size_t msglen);

/** Stops the instance and frees everything. NULL is ignored. */
void scn_session_close(scn_session *s);

/** The session's script so far: the setup and every line run (not the malformed ones). */
const char *scn_session_text(const scn_session *s);
/** The simulation (current while the session is open). */
prjsim_sim *scn_session_sim(scn_session *s);
/** The virtualization root (UTF-8, as written in the setup). */
const char *scn_session_root(const scn_session *s);

/**
 * The last operation's result: @p kind receives 'S' (an NTSTATUS), 'H' (an HRESULT) or 0 (none
 * yet); returns the code. @p pending (may be NULL) says it waits on a pended callback.
 */
int32_t scn_session_result(const scn_session *s, char *kind, bool *pending);
/** The last listing, or NULL. */
const prjsim_dir_entry *scn_session_listing(const scn_session *s, size_t *count);
/** The bytes of the last read, or NULL. */
const unsigned char *scn_session_data(const scn_session *s, size_t *size);
/** What the last `info` returned; false when none. */
bool scn_session_info(const scn_session *s, prjsim_file_info *info);
/**
 * The state of an item as `expect state` names it: PRJ_FILE_STATE bits, or SCN_SESSION_VIRTUAL
 * or SCN_SESSION_MISSING. Its probes are left out of the trace's visible records.
 */
#define SCN_SESSION_VIRTUAL 0x100u
#define SCN_SESSION_MISSING 0x200u
uint32_t scn_session_state(scn_session *s, const WCHAR *full_path);
/** Formats a state as `expect state` takes it ("placeholder,hydrated", "virtual"). */
void scn_session_state_name(uint32_t state, char *buf, size_t size);
/** Whether trace record @p index was made by the session itself (state probes). */
bool scn_session_trace_hidden(const scn_session *s, size_t index);

/** Whether the handle named @p name is open. */
bool scn_session_handle_open(scn_session *s, const char *name);
/** Operations waiting on a pended callback. */
size_t scn_session_waiting(scn_session *s);
/** The kind of the oldest pended callback not yet completed nor cancelled; PRJSIM_CB_COUNT_ when none. */
prjsim_callback_kind scn_session_oldest_pended(scn_session *s);

/** A callback kind by name ("GetFileData"); PRJSIM_CB_COUNT_ when unknown. */
prjsim_callback_kind scn_callback_from_name(const char *name);

/**
 * The expectations that describe what happened since the last `mark`: `expect callbacks ...`,
 * `expect notifications ...` and one `expect diag NAME count=N` per diagnostic, one a line
 * (malloc'd). Running them right away holds.
 */
char *scn_session_describe(scn_session *s);

#ifdef __cplusplus
}
#endif

#endif
