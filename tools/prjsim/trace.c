/* SPDX-License-Identifier: MIT */
/*
 * `prjsim trace FILE [--html OUT] [--mermaid OUT]`: draws a recorded run (a trace file from
 * `prjsim run --trace-file`, `prjsim exec --trace-file`, `prjsim shell --trace-file` or
 * `prjconf --trace-dir`) as a self-contained HTML page and as Mermaid text (tools/tracepic).
 * Without --html or --mermaid it prints the Mermaid text. `-` as OUT is stdout.
 */
#include "commands.h"
#include "explain.h"

#include <tracepic.h>

#include <stdio.h>
#include <string.h>

static int usage(FILE *out)
{
    fprintf(out,
            "usage: prjsim trace FILE [--html OUT] [--mermaid OUT] [--docs URL] [--count]\n"
            "\n"
            "Draws a trace file (prjsim run/exec/shell --trace-file, prjconf --trace-dir): --html\n"
            "writes a self-contained page with a sequence diagram, each item's state over time\n"
            "and the diagnostics linked to the behaviour reference (URL#NAME, default\n"
            "%s); --mermaid writes the sequence as Mermaid text (the default, to stdout);\n"
            "--count prints the number of messages of the diagram.\n",
            PRJSIM_DIAG_DOC);
    return out == stdout ? 0 : 2;
}

static bool write_to(const char *path, const tracepic_trace *t, const tracepic_options *o, bool html)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
    if (!f) {
        fprintf(stderr, "prjsim trace: cannot write %s\n", path);
        return false;
    }
    if (html)
        tracepic_html(f, t, o);
    else
        tracepic_mermaid(f, t);
    if (f == stdout)
        return fflush(f) == 0;
    if (fclose(f) != 0) {
        fprintf(stderr, "prjsim trace: cannot write %s\n", path);
        return false;
    }
    return true;
}

int prjsim_cmd_trace(int argc, char **argv)
{
    const char *file = NULL, *html = NULL, *mermaid = NULL;
    bool count = false;
    tracepic_options o = {PRJSIM_SOURCE_DIR "/docs/behaviour/diagnostics.md"};
    for (int i = 0; i < argc; i++) {
        bool has_value = i + 1 < argc;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return usage(stdout);
        else if (!strcmp(argv[i], "--html") && has_value)
            html = argv[++i];
        else if (!strcmp(argv[i], "--mermaid") && has_value)
            mermaid = argv[++i];
        else if (!strcmp(argv[i], "--docs") && has_value)
            o.docs = argv[++i];
        else if (!strcmp(argv[i], "--count"))
            count = true;
        else if (argv[i][0] == '-' || file)
            return usage(stderr);
        else
            file = argv[i];
    }
    if (!file)
        return usage(stderr);
    tracepic_trace *t;
    char err[1024];
    if (!tracepic_load(&t, file, err, sizeof err)) {
        fprintf(stderr, "prjsim trace: %s\n", err);
        return 2;
    }
    bool ok = true;
    if (count)
        printf("%zu\n", tracepic_message_count(t));
    if (html)
        ok = write_to(html, t, &o, true) && ok;
    if (mermaid || (!html && !count))
        ok = write_to(mermaid ? mermaid : "-", t, &o, false) && ok;
    tracepic_free(t);
    return ok ? 0 : 2;
}
