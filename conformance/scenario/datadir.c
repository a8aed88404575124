/* SPDX-License-Identifier: MIT */
/*
 * Where the bundled data is: <prefix>/share/prjsim (trees/, scenarios/) beside an installed
 * program, found from the program's own location so that a copied prefix works; the source
 * tree's folders for a program run from the build tree.
 */
#include "internal.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* <dir of /proc/self/exe>/../share/prjsim into @p buf, when that folder exists. */
static bool installed_dir(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = 0;
    char dir[PATH_MAX + 32], *real;
    snprintf(dir, sizeof dir, "%s/../share/prjsim", dirname(exe));
    if (!is_dir(dir) || !(real = realpath(dir, NULL)))
        return false;
    int len = snprintf(buf, size, "%s", real);
    free(real);
    return len > 0 && (size_t)len < size;
}

bool scn_installed(void)
{
    char base[PATH_MAX];
    return installed_dir(base, sizeof base);
}

const char *scn_data_dir(const char *what, char *buf, size_t size)
{
    char base[PATH_MAX];
    if (installed_dir(base, sizeof base)) {
        snprintf(buf, size, "%s/%s", base, what);
        return buf;
    }
#ifdef PRJSIM_SOURCE_DIR
    snprintf(buf, size, "%s/%s", PRJSIM_SOURCE_DIR,
             !strcmp(what, "trees") ? "fixtures/trees" : "conformance/scenarios");
    return buf;
#else
    return NULL;
#endif
}
