/*
 * `prjsim explain DIAGNOSTIC...`: what a diagnostic of prjsim/diagnostics.h means, the section of
 * the behaviour reference it comes from, and its anchor in docs/behaviour.md (the anchor of a
 * diagnostic is its name). Without an argument, every diagnostic.
 */
#include "commands.h"
#include "explain.h"

#include <prjsim.h>

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The catalogues: $PRJSIM_LOCALEDIR, else ../share/locale beside the installed program, else the
 * build tree's. */
static const char *locale_dir(void)
{
    static char dir[PATH_MAX + 32];
    const char *env = getenv("PRJSIM_LOCALEDIR");
    if (env && env[0])
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            snprintf(dir, sizeof dir, "%s/../share/locale", exe);
            if (access(dir, R_OK) == 0)
                return dir;
        }
    }
    return PRJSIM_BUILD_LOCALEDIR;
}

/*
 * LANGUAGE, else LC_ALL, LC_MESSAGES, LANG pick the language. Debian systems often have no
 * de_DE or zh_TW locale generated, so setlocale cannot take LANG=de_DE.UTF-8: then the language
 * of LANG is handed to gettext through LANGUAGE, over the C.UTF-8 locale.
 */
static void init(void)
{
    const char *language = getenv("LANGUAGE");
    if (!language || !language[0]) {
        const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        for (size_t i = 0; i < 3; i++) {
            const char *v = getenv(vars[i]);
            if (!v || !v[0])
                continue;
            if (strcmp(v, "C") && strcmp(v, "POSIX") && strncmp(v, "C.", 2)) {
                char lang[64];
                snprintf(lang, sizeof lang, "%.*s", (int)strcspn(v, ".@"), v);
                char both[140];
                snprintf(both, sizeof both, "%s:%.*s", lang, (int)strcspn(lang, "_"), lang);
                setenv("LANGUAGE", both, 1);
            }
            break;
        }
    }
    const char *got = setlocale(LC_MESSAGES, "");
    if (!got || !strcmp(got, "C") || !strcmp(got, "POSIX"))
        setlocale(LC_MESSAGES, "C.UTF-8"); /* gettext ignores LANGUAGE in the C locale */
    bindtextdomain("prjsim", locale_dir());
    bind_textdomain_codeset("prjsim", "UTF-8");
}

const char *prjsim_explain_gettext(const char *msgid)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init);
    return dgettext("prjsim", msgid);
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
        if (!prjsim_explain(prjsim_diag_from_name(argv[i]) == PRJSIM_DIAG_COUNT_ ? stderr : stdout, argv[i]))
            rc = 2;
    return rc;
}
