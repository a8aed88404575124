/* SPDX-License-Identifier: MIT */
/* Explanations of diagnostics, shared by `prjsim explain` and the shell's `explain`. */
#ifndef PRJSIM_EXPLAIN_H
#define PRJSIM_EXPLAIN_H

#include <stdbool.h>
#include <stdio.h>

/* Prints what diagnostic @p name means and where the behaviour reference explains it; false
 * (with the known names) when there is no such diagnostic. */
bool prjsim_explain(FILE *out, const char *name);
/* The translation of a message of the shell or of explain (the message itself when none). */
const char *prjsim_explain_gettext(const char *msgid);
/* Writes docs/behaviour/diagnostics.md: a section per diagnostic (its anchor is its name), with
 * the explanation and the concept page that holds its rule. Generated from the table, so the
 * page cannot drift (ctest docs_diagnostics_current). */
void prjsim_explain_markdown(FILE *out);
/* The page every diagnostic link points into, relative to the project: DOC#NAME. */
#define PRJSIM_DIAG_DOC "docs/behaviour/diagnostics.md"

#endif
