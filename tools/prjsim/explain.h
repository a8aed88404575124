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
/* The link to a diagnostic's section of the behaviour reference: docs/behaviour.md#NAME. */
#define PRJSIM_DIAG_DOC "docs/behaviour.md#"

#endif
