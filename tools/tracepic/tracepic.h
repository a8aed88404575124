/* SPDX-License-Identifier: MIT */
/*
 * Trace files and their pictures.
 *
 * A trace file is the text of a run's trace (prjsim/trace.h: one record a line, `op`, `cb`,
 * `api`, `diag`, `note`) after a first line `# prjsim trace 1: TITLE`, with `state "PATH" STATE`
 * lines between the records: the on-disk state of an item the client touched, written where it
 * changed. `prjsim run --trace-file`, `prjsim exec --trace-file`, `prjsim shell --trace-file` and
 * `prjconf --trace-dir` write them; `prjsim trace` turns one into a self-contained HTML page (a
 * sequence diagram, a state timeline, the diagnostics linked to the behaviour reference) and
 * Mermaid text.
 */
#ifndef PRJSIM_TRACEPIC_H
#define PRJSIM_TRACEPIC_H

#include <prjsim.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Writing (tracefile.c) ---- */

/** The state of an item: a name such as "placeholder,hydrated", "virtual", "missing". */
typedef void (*tracepic_probe_fn)(void *ctx, const WCHAR *full_path, char *state, size_t size);

/** States sampled during a run, each placed after the trace record it follows. */
typedef struct tracepic_samples {
    size_t scanned;          /* trace records already looked at for paths */
    char **paths;            /* full paths the client touched (UTF-8) */
    char **last;             /* the state last written for each */
    size_t path_count;
    struct tracepic_sample { size_t at; size_t path; char *state; } *list;
    size_t count;
} tracepic_samples;

/**
 * Notes the paths of client operations recorded since the last call and samples the state of
 * every path seen so far, keeping a sample where it changed. @p probe NULL: PrjGetOnDiskFileState
 * ("placeholder,hydrated", ..., or "not-on-disk").
 */
void tracepic_sample(tracepic_samples *s, prjsim_sim *sim, tracepic_probe_fn probe, void *ctx);
void tracepic_samples_free(tracepic_samples *s);

/** Skips trace records the writer must leave out (a run's own probes); may be NULL. */
typedef bool (*tracepic_skip_fn)(void *ctx, size_t index);

/** Writes the trace of @p sim with the samples (may be NULL). Returns false when it cannot write. */
bool tracepic_write(const char *path, const char *title, prjsim_sim *sim, const tracepic_samples *samples,
                    tracepic_skip_fn skip, void *ctx);

/* ---- Pictures (picture.c) ---- */

typedef struct tracepic_options {
    /** Where a diagnostic's section is: the link is DOCS#NAME (default docs/behaviour/diagnostics.md). */
    const char *docs;
} tracepic_options;

/** Reads a trace file; false with a `file:line: message` in @p err when it is not one. */
typedef struct tracepic_trace tracepic_trace;
bool tracepic_load(tracepic_trace **out, const char *path, char *err, size_t errlen);
void tracepic_free(tracepic_trace *t);
/** Number of messages of the sequence diagram (client operations, callbacks, Prj* calls). */
size_t tracepic_message_count(const tracepic_trace *t);

/** Writes the self-contained HTML page. */
void tracepic_html(FILE *out, const tracepic_trace *t, const tracepic_options *o);
/** Writes a Mermaid sequenceDiagram. */
void tracepic_mermaid(FILE *out, const tracepic_trace *t);

/** Trace file to HTML file in one call (prjconf); false when either cannot be read or written. */
bool tracepic_render(const char *trace_path, const char *html_path, const tracepic_options *o);

#ifdef __cplusplus
}
#endif

#endif
