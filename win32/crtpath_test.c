/* SPDX-License-Identifier: MIT */
/*
 * The CRT's path calls (prjsim_win/crtfile.h) on the host and inside a virtualization root
 * with the same paths (file_test_common.h): MSVC's CRT gives the same answers in both places.
 * This test is not linked with --wrap, so it calls glibc's names through their __wrap_ forms,
 * which is what a provider program's fopen/stat/remove/rename become.
 */
#include "file_test_common.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#define expect_errno(call, want)                                                            \
    do {                                                                                    \
        errno = 0;                                                                          \
        long rc_ = (long)(call);                                                            \
        int e_ = errno;                                                                     \
        cr_assert_eq(rc_, -1, "[%s] %s: expected -1, got %ld", place_name(), #call, rc_);   \
        cr_assert_eq(e_, (want), "[%s] %s: errno %d, expected %d", place_name(), #call, e_, \
                     (int)(want));                                                          \
    } while (0)

static const char *read_stream(FILE *f)
{
    static char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    return buf;
}

BOTH_PLACES(crt, fopen_reads_and_writes_back)
{
    FILE *f = __wrap_fopen("C:\\base\\a.txt", "rb");
    cr_assert_not_null(f, "[%s] fopen: errno %d", place_name(), errno);
    cr_expect_str_eq(read_stream(f), "hello");
    fclose(f);

    /* A provider that writes back on close: the new content is what the next reader sees. */
    f = __wrap_fopen("C:\\base\\a.txt", "w");
    cr_assert_not_null(f);
    fputs("changed", f);
    cr_assert_eq(fclose(f), 0);
    cr_expect_str_eq(get_file(L"C:\\base\\a.txt"), "changed");

    f = __wrap_fopen("C:\\base\\dir\\new.txt", "a+");
    cr_assert_not_null(f);
    fputs("one", f);
    fclose(f);
    f = __wrap_fopen("C:\\base\\dir\\new.txt", "a");
    fputs("two", f);
    fclose(f);
    cr_expect_str_eq(get_file(L"C:\\base\\dir\\new.txt"), "onetwo");

    errno = 0;
    cr_expect_null(__wrap_fopen("C:\\base\\nope.txt", "r"));
    cr_expect_eq(errno, ENOENT);
    errno = 0;
    cr_expect_null(__wrap_fopen("C:\\base\\nope\\x.txt", "w"));
    cr_expect_eq(errno, ENOENT);
}

BOTH_PLACES(crt, stat_and_access)
{
    struct stat st;
    cr_assert_eq(__wrap_stat("C:\\base\\c.dat", &st), 0, "[%s] errno %d", place_name(), errno);
    cr_expect(S_ISREG(st.st_mode));
    cr_expect_eq(st.st_size, 8);
    cr_expect_eq(st.st_mode & 0777, 0666);
    cr_expect_eq(st.st_dev, 2); /* C: */
    cr_assert_eq(_wstat(L"C:\\base\\ro.txt", &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0444);
    cr_assert_eq(__wrap_stat("C:\\base\\dir", &st), 0);
    cr_expect(S_ISDIR(st.st_mode));
    cr_expect_eq(st.st_mode & 0777, 0777);
    expect_errno(__wrap_stat("C:\\base\\nope", &st), ENOENT);
    expect_errno(__wrap_stat("C:\\base\\*.txt", &st), ENOENT);

    cr_expect_eq(_access("C:\\base\\a.txt", 0), 0);
    cr_expect_eq(_access("C:\\base\\a.txt", 6), 0);
    cr_expect_eq(_waccess(L"C:\\base\\ro.txt", 4), 0);
    expect_errno(_access("C:\\base\\ro.txt", 2), EACCES);
    expect_errno(_access("C:\\base\\nope.txt", 0), ENOENT);
    expect_errno(_access("C:\\base\\a.txt", 1), EINVAL);
    cr_expect_eq(_access("C:\\base\\empty", 2), 0);
    cr_expect_eq(_access_s("C:\\base\\ro.txt", 2), EACCES);

    cr_assert_eq(_chmod("C:\\base\\a.txt", _S_IREAD), 0);
    expect_errno(_access("C:\\base\\a.txt", 2), EACCES);
    cr_expect(GetFileAttributesW(L"C:\\base\\a.txt") & FILE_ATTRIBUTE_READONLY);
    cr_assert_eq(_wchmod(L"C:\\base\\a.txt", _S_IREAD | _S_IWRITE), 0);
    cr_expect_eq(_access("C:\\base\\a.txt", 2), 0);
    expect_errno(_chmod("C:\\base\\nope.txt", _S_IWRITE), ENOENT);
}

BOTH_PLACES(crt, directories_remove_rename)
{
    cr_assert_eq(_mkdir("C:\\base\\made"), 0, "[%s] errno %d", place_name(), errno);
    cr_expect(GetFileAttributesW(L"C:\\base\\made") & FILE_ATTRIBUTE_DIRECTORY);
    expect_errno(_mkdir("C:\\base\\made"), EEXIST);
    expect_errno(_wmkdir(L"C:\\base\\nope\\made"), ENOENT);
    expect_errno(_rmdir("C:\\base\\dir"), ENOTEMPTY);
    cr_expect_eq(_rmdir("C:\\base\\made"), 0);
    expect_errno(_wrmdir(L"C:\\base\\made"), ENOENT);

    cr_expect_eq(__wrap_remove("C:\\base\\x"), 0);
    cr_expect_eq(GetFileAttributesW(L"C:\\base\\x"), INVALID_FILE_ATTRIBUTES);
    expect_errno(__wrap_remove("C:\\base\\x"), ENOENT);
    expect_errno(_wremove(L"C:\\base\\ro.txt"), EACCES);

    cr_expect_eq(__wrap_rename("C:\\base\\b.txt", "C:\\base\\b2.txt"), 0);
    cr_expect_str_eq(get_file(L"C:\\base\\b2.txt"), "bee");
    expect_errno(__wrap_rename("C:\\base\\b2.txt", "C:\\base\\a.txt"), EEXIST);
    expect_errno(_wrename(L"C:\\base\\b.txt", L"C:\\base\\b3.txt"), ENOENT);
}

BOTH_PLACES(crt, open_read_write_seek)
{
    int fd = _open("C:\\base\\c.dat", _O_RDONLY | _O_BINARY);
    cr_assert_geq(fd, PRJSIM_CRT_FD_BASE, "[%s] errno %d", place_name(), errno);
    char buf[16] = "";
    cr_expect_eq(_lseek(fd, 2, SEEK_SET), 2);
    cr_expect_eq(_read(fd, buf, 4), 4);
    cr_expect(!memcmp(buf, "3456", 4));
    cr_expect_eq(_tell(fd), 6);
    cr_expect_eq(_filelength(fd), 8);
    cr_expect_eq(_eof(fd), 0);
    cr_expect_eq(_read(fd, buf, 16), 2);
    cr_expect_eq(_eof(fd), 1);
    cr_expect_eq(_close(fd), 0);
    expect_errno(_close(fd), EBADF);
    expect_errno(_read(fd, buf, 1), EBADF);

    fd = _wopen(L"C:\\base\\made.txt", _O_CREAT | _O_EXCL | _O_WRONLY, _S_IREAD | _S_IWRITE);
    cr_assert_geq(fd, 0);
    cr_expect_eq(_write(fd, "abc", 3), 3);
    cr_expect_eq(_chsize(fd, 2), 0);
    cr_expect_eq(_close(fd), 0);
    cr_expect_str_eq(get_file(L"C:\\base\\made.txt"), "ab");
    expect_errno(_open("C:\\base\\made.txt", _O_CREAT | _O_EXCL | _O_WRONLY, _S_IWRITE), EEXIST);
    expect_errno(_open("C:\\base\\nope.txt", _O_RDONLY), ENOENT);

    fd = _open("C:\\base\\made.txt", _O_WRONLY | _O_APPEND);
    cr_assert_geq(fd, 0);
    cr_expect_eq(_write(fd, "cd", 2), 2);
    FILE *f = _fdopen(fd, "a");
    cr_assert_not_null(f);
    fputs("ef", f);
    cr_expect_eq(fclose(f), 0);
    cr_expect_str_eq(get_file(L"C:\\base\\made.txt"), "abcdef");

    int err = _sopen_s(&fd, "C:\\base\\a.txt", _O_RDONLY, _SH_DENYWR, 0);
    cr_assert_eq(err, 0);
    cr_expect_eq(_read(fd, buf, 16), 5);
    _close(fd);
}

BOTH_PLACES(crt, findfirst_lists_matches)
{
    struct _finddata_t d;
    intptr_t h = _findfirst("C:\\base\\*.txt", &d);
    cr_assert_neq(h, -1, "[%s] errno %d", place_name(), errno);
    char names[256] = "";
    int count = 0;
    do {
        strcat(names, d.name);
        strcat(names, ",");
        count++;
        if (!strcmp(d.name, "ro.txt"))
            cr_expect(d.attrib & _A_RDONLY);
        if (!strcmp(d.name, "a.txt"))
            cr_expect_eq(d.size, 5);
    } while (_findnext(h, &d) == 0);
    cr_expect_eq(errno, ENOENT);
    cr_expect_eq(_findclose(h), 0);
    cr_expect_str_eq(names, "a.txt,b.txt,ro.txt,");
    cr_expect_eq(count, 3);

    struct _wfinddata_t w;
    h = _wfindfirst(L"C:\\base\\dir", &w);
    cr_assert_neq(h, -1);
    cr_expect(w.attrib & _A_SUBDIR);
    cr_expect(!wcscmp(w.name, L"dir"));
    _findclose(h);
    errno = 0;
    cr_expect_eq(_findfirst("C:\\base\\*.none", &d), -1);
    cr_expect_eq(errno, ENOENT);
}

BOTH_PLACES(crt, freopen)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    FILE *g = __wrap_freopen("C:\\base\\a.txt", "r", f);
    if (test_place == ON_HOST) {
        cr_assert_eq(g, f, "errno %d", errno);
        cr_expect_str_eq(read_stream(g), "hello");
        fclose(g);
    } else {
        /* DEVIATIONS: a C stream cannot be moved onto a simulated file. */
        cr_expect_null(g);
        cr_expect_eq(errno, ENOTSUP);
    }
}

Test(crt, host_paths_reach_the_c_library)
{
    make_drives();
    char path[4200];
    snprintf(path, sizeof path, "%s/plain.txt", test_drives);
    FILE *f = __wrap_fopen(path, "w");
    cr_assert_not_null(f, "errno %d", errno);
    fputs("linux", f);
    fclose(f);
    struct stat st;
    cr_assert_eq(__wrap_stat(path, &st), 0);
    cr_expect_eq(st.st_size, 5);
    char moved[4300];
    snprintf(moved, sizeof moved, "%s.moved", path);
    cr_expect_eq(__wrap_rename(path, moved), 0);
    cr_expect_eq(__wrap_remove(moved), 0);
    /* A Windows path on the same drives folder names <drives>/C/... */
    f = __wrap_fopen("C:\\win.txt", "w");
    cr_assert_not_null(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/C/win.txt", test_drives);
    cr_expect_eq(stat(path, &st), 0);
    remove_drives();
}
