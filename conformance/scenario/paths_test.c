/* SPDX-License-Identifier: MIT */
/*
 * Where a mapped run keeps the script's paths (paths.c): only absolute paths on C: move, the
 * drive itself is the folder, trace lines come back as the script wrote them, and a second
 * drive or a saved volume makes the scenario unmappable.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "internal.h"

static WCHAR *mapped(const WCHAR *root, const WCHAR *path)
{
    scn_exec r;
    memset(&r, 0, sizeof r);
    r.disk_root = (WCHAR *)root;
    return scn_disk_path(&r, path);
}

#define ASSERT_MAPS(root, path, want)                                                                    \
    do {                                                                                                 \
        WCHAR *got_ = mapped(root, path);                                                                \
        cr_expect(got_ && !wcscmp(got_, want), "%ls -> %ls, expected %ls", path, got_ ? got_ : L"(null)", \
                  want);                                                                                 \
        free(got_);                                                                                      \
    } while (0)

Test(paths, maps_drive_c_only)
{
    ASSERT_MAPS(L"C:\\t", L"C:\\root\\a.txt", L"C:\\t\\root\\a.txt");
    ASSERT_MAPS(L"C:\\t", L"c:/root", L"C:\\t/root");
    ASSERT_MAPS(L"C:\\t", L"C:\\", L"C:\\t");
    ASSERT_MAPS(L"C:\\t", L"C:", L"C:\\t");
    ASSERT_MAPS(L"C:\\t", L"D:\\other", L"D:\\other");
    ASSERT_MAPS(L"C:\\t", L"dir\\a.txt", L"dir\\a.txt"); /* relative: the provider's */
    ASSERT_MAPS(L"C:\\t", L"C:stream", L"C:stream");     /* not an absolute path */
    ASSERT_MAPS(NULL, L"C:\\root", L"C:\\root");         /* no disk root: unchanged */
    cr_expect_null(mapped(L"C:\\t", NULL));
}

Test(paths, trace_lines_keep_the_script_paths)
{
    scn_exec r;
    memset(&r, 0, sizeof r);
    r.disk_root = L"C:\\prjsim-tmp";
    char *t = scn_script_paths(&r, "op move \"C:\\prjsim-tmp\\root\\a\" to \"C:\\prjsim-tmp\" -> STATUS_SUCCESS");
    cr_expect_str_eq(t, "op move \"C:\\root\\a\" to \"C:\\\" -> STATUS_SUCCESS");
    free(t);
    t = scn_script_paths(&r, "op open \"C:\\prjsim-tmpx\\a\"");
    cr_expect_str_eq(t, "op open \"C:\\prjsim-tmpx\\a\"", "a longer name is another folder");
    free(t);
}

static scn_script *parse(const char *text)
{
    scn_script *s = NULL;
    FILE *err = fopen("/dev/null", "w");
    cr_assert_eq(scn_parse_text(&s, text, "t.scn", NULL, err), SCN_EXIT_PASS);
    fclose(err);
    return s;
}

Test(paths, another_drive_is_not_mappable)
{
    scn_script *s = parse("directory D:\\other\nlist C:\\root\n");
    int line = -1;
    char why[256];
    cr_expect(!scn_paths_mappable(s, "C:\\t", &line, why, sizeof why));
    cr_expect_eq(line, 1);
    cr_expect(strstr(why, "D:\\other is on another drive") != NULL, "%s", why);
    scn_script_free(s);
    s = parse("directory C:\\outside\nlist C:\\root\n");
    cr_expect(scn_paths_mappable(s, "C:\\t", &line, why, sizeof why));
    scn_script_free(s);
}
