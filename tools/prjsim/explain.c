/*
 * `prjsim explain DIAGNOSTIC...`: what a diagnostic of prjsim/diagnostics.h means, the section of
 * the behaviour reference it comes from, and its anchor in docs/behaviour.md (the anchor of a
 * diagnostic is its name). Without an argument, every diagnostic.
 */
#include "commands.h"
#include "explain.h"

#include <prjsim.h>

#include <string.h>

const char *prjsim_explain_gettext(const char *msgid)
{
    return msgid;
}

static void print_one(FILE *out, prjsim_diag d)
{
    fprintf(out, "%s\n  %s\n  %s %s, %s%s\n", prjsim_diag_name(d), prjsim_explain_gettext(prjsim_diag_text(d)),
            prjsim_explain_gettext("behaviour reference: section"), prjsim_diag_section(d), PRJSIM_DIAG_DOC,
            prjsim_diag_name(d));
}

bool prjsim_explain(FILE *out, const char *name)
{
    prjsim_diag d = prjsim_diag_from_name(name);
    if (d != PRJSIM_DIAG_COUNT_) {
        print_one(out, d);
        return true;
    }
    fprintf(out, "%s: %s", name, prjsim_explain_gettext("no such diagnostic; the diagnostics are:"));
    for (int i = 0; i < PRJSIM_DIAG_COUNT_; i++)
        fprintf(out, " %s", prjsim_diag_name((prjsim_diag)i));
    fputc('\n', out);
    return false;
}

int prjsim_cmd_explain(int argc, char **argv)
{
    if (argc == 1 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
        printf("usage: prjsim explain [DIAGNOSTIC...]\n\nWhat a diagnostic means and where the behaviour "
               "reference explains it; without an argument, every diagnostic.\n");
        return 0;
    }
    if (argc == 0) {
        for (int i = 0; i < PRJSIM_DIAG_COUNT_; i++)
            print_one(stdout, (prjsim_diag)i);
        return 0;
    }
    int rc = 0;
    for (int i = 0; i < argc; i++)
        if (!prjsim_explain(stdout, argv[i]))
            rc = 2;
    return rc;
}
