/* SPDX-License-Identifier: MIT */
/*
 * Saved volumes (prjsim/state.h, STATE-FORMAT.md): a root saved by one simulation comes back
 * in another as Windows keeps it on NTFS (reference section 11.6), and a damaged or newer file
 * is refused with its name and line, never silently replaced.
 */
#include <prjsim.h>
#include <prjsim/state.h>
#include <memtree.h>

#include <criterion/criterion.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[512];
static char file[700];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void make_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/prjsim-persist-test-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    cr_assert(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/.prjsim-state/C%%3A%%5CROOT.volume", dir);
}

static void remove_dir(void)
{
    if (dir[0])
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static const char manifest[] = "file a.txt content=\"hello\" content-id=v1\n"
                               "file b.txt content=\"bee\"\n"
                               "file d\\c.txt content=\"sea\" content-id=c1\n";

static prjsim_sim *new_sim(void)
{
    prjsim_sim *sim;
    cr_assert_eq(prjsim_sim_create(&sim, NULL), S_OK);
    prjsim_sim_set_current(sim);
    return sim;
}

static PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT start(memtree **tree)
{
    char err[256] = "";
    cr_assert_eq(memtree_create(tree), S_OK);
    cr_assert_eq(memtree_parse_manifest(*tree, manifest, "test", err, sizeof err), S_OK, "%s", err);
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
    cr_assert_eq(memtree_start(*tree, L"C:\\root", NULL, &ctx), S_OK);
    return ctx;
}

static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char *data = malloc(1 << 20);
    *size = fread(data, 1, 1 << 20, f);
    fclose(f);
    return data;
}

static void spit(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fwrite(data, 1, size, f);
    fclose(f);
}

/* The first simulation: a hydrated placeholder, a full file, a tombstone, a dirty placeholder. */
static void first_run(void)
{
    prjsim_sim *sim = new_sim();
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\root"), S_OK);
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = start(&tree);
    void *data;
    size_t size;
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\a.txt", &data, &size), STATUS_SUCCESS);
    free(data);
    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\root\\mine.txt", "mine", 4), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_set_times(sim, L"C:\\root\\mine.txt", 0, 0, 131000000000000000LL, 0,
                                         FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE),
                 STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_delete(sim, L"C:\\root\\b.txt", false), STATUS_SUCCESS);
    prjsim_file_info info;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\d\\c.txt", &info), STATUS_SUCCESS);
    PrjStopVirtualizing(ctx);
    memtree_destroy(tree);
    char error[512] = "";
    cr_assert_eq(prjsim_state_save(sim, dir, false, error, sizeof error), S_OK, "%s", error);
    cr_assert_eq(access(file, F_OK), 0, "%s", file);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
}

static PRJ_FILE_STATE state_of(PCWSTR path)
{
    PRJ_FILE_STATE s = 0;
    cr_assert_eq(PrjGetOnDiskFileState(path, &s), S_OK, "%ls", path);
    return s;
}

Test(persist, second_simulation_sees_what_windows_keeps, .fini = remove_dir)
{
    make_dir();
    first_run();

    prjsim_sim *sim = new_sim();
    char error[512] = "";
    cr_assert_eq(prjsim_state_load(sim, dir, L"C:\\root\\a.txt", error, sizeof error), S_OK, "%s", error);
    GUID id = {0x12345678, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    cr_expect_eq(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &id),
                 HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED));
    cr_expect_eq(state_of(L"C:\\root\\a.txt"), PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER);
    cr_expect_eq(state_of(L"C:\\root\\mine.txt"), PRJ_FILE_STATE_FULL);
    cr_expect_eq(state_of(L"C:\\root\\b.txt"), PRJ_FILE_STATE_TOMBSTONE);
    cr_expect_eq(state_of(L"C:\\root\\d\\c.txt"), PRJ_FILE_STATE_PLACEHOLDER);

    /* Nothing is asked of the provider for what is already on disk. */
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = start(&tree);
    prjsim_trace_clear(sim);
    void *data;
    size_t size;
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\a.txt", &data, &size), STATUS_SUCCESS);
    cr_expect(size == 5 && !memcmp(data, "hello", 5));
    free(data);
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\mine.txt", &data, &size), STATUS_SUCCESS);
    cr_expect(size == 4 && !memcmp(data, "mine", 4));
    free(data);
    cr_expect_eq(prjsim_trace_count_callbacks(sim, PRJSIM_CB_GET_FILE_DATA), 0);
    cr_expect_eq(prjsim_trace_count_callbacks(sim, PRJSIM_CB_GET_PLACEHOLDER_INFO), 0);
    prjsim_file_info info;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\mine.txt", &info), STATUS_SUCCESS);
    cr_expect_eq(info.basic.LastWriteTime.QuadPart, 131000000000000000LL);
    cr_expect(info.basic.FileAttributes & FILE_ATTRIBUTE_HIDDEN);
    cr_expect_eq(prjsim_client_stat(sim, L"C:\\root\\b.txt", &info), STATUS_OBJECT_NAME_NOT_FOUND);
    PrjStopVirtualizing(ctx);
    memtree_destroy(tree);

    /* A second load into the same simulation changes nothing. */
    cr_assert_eq(prjsim_state_load(sim, dir, NULL, error, sizeof error), S_OK);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
}

Test(persist, saving_what_was_loaded_writes_the_same_file, .fini = remove_dir)
{
    make_dir();
    first_run();
    size_t n1, n2;
    char *before = slurp(file, &n1);
    prjsim_sim *sim = new_sim();
    char error[512] = "";
    cr_assert_eq(prjsim_state_load(sim, dir, NULL, error, sizeof error), S_OK, "%s", error);
    cr_assert_eq(prjsim_state_save(sim, dir, false, error, sizeof error), S_OK, "%s", error);
    char *after = slurp(file, &n2);
    cr_expect_eq(n1, n2);
    cr_expect(n1 == n2 && !memcmp(before, after, n1), "the round trip changed the file");
    free(before);
    free(after);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
}

/* Loads @p text as the saved root and expects @p want with @p message in the error. */
static void expect_refused(const char *text, size_t size, HRESULT want, const char *message)
{
    spit(file, text, size);
    prjsim_sim *sim = new_sim();
    char error[512] = "";
    cr_expect_eq(prjsim_state_check(dir, error, sizeof error), want, "check: %s", error);
    cr_expect(strstr(error, message), "'%s' lacks '%s'", error, message);
    error[0] = 0;
    cr_expect_eq(prjsim_state_load(sim, dir, L"C:\\root", error, sizeof error), want);
    cr_expect(strstr(error, "C%3A%5CROOT.volume:"), "%s", error);
    cr_expect(strstr(error, message), "'%s' lacks '%s'", error, message);
    /* The root is not there, the file is untouched, and a save does not replace it. */
    prjsim_file_info info;
    cr_expect_neq(prjsim_client_stat(sim, L"C:\\root", &info), STATUS_SUCCESS);
    cr_expect_eq(prjsim_state_load(sim, dir, L"C:\\root", error, sizeof error), want, "again");
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\other"), S_OK);
    prjsim_state_save(sim, dir, false, error, sizeof error);
    size_t n;
    char *now = slurp(file, &n);
    cr_expect(n == size && !memcmp(now, text, n), "the damaged file was replaced");
    free(now);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(sim);
}

Test(persist, damaged_or_newer_files_are_refused, .fini = remove_dir)
{
    make_dir();
    first_run();
    size_t n;
    char *good = slurp(file, &n);
    char *copy = malloc(n + 64);

    /* Cut short. */
    expect_refused(good, n / 2, HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT), "cut short");

    /* One byte changed in the data. */
    memcpy(copy, good, n);
    char *hello = memmem(copy, n, "hello", 5);
    cr_assert_not_null(hello);
    hello[0] = 'j';
    expect_refused(copy, n, HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT), "checksum");

    /* A newer format. */
    memcpy(copy, good, n);
    copy[strlen("PRJSIM-VOLUME ")] = '2';
    expect_refused(copy, n, HRESULT_FROM_WIN32(ERROR_REVISION_MISMATCH), "newer");

    /* Not a state at all. */
    expect_refused("hello\n", 6, HRESULT_FROM_WIN32(ERROR_FILE_CORRUPT), "not a prjsim volume state");
    free(copy);
    free(good);
}

/* Threads that touch the root at once: each finds it whole when its load call returns. */
static prjsim_sim *race_sim;

static void *touch(void *arg)
{
    (void)arg;
    prjsim_sim_set_current(race_sim);
    char error[512] = "";
    HRESULT hr = prjsim_state_load(race_sim, dir, L"C:\\root\\a.txt", error, sizeof error);
    PRJ_FILE_STATE s = 0;
    bool whole = SUCCEEDED(hr) && PrjGetOnDiskFileState(L"C:\\root\\d\\mine.txt", &s) == S_OK &&
                 s == PRJ_FILE_STATE_FULL;
    return whole ? (void *)1 : NULL;
}

Test(persist, concurrent_touches_load_once, .fini = remove_dir)
{
    make_dir();
    first_run();
    /* mine.txt moves into d so that the check needs the deepest part of the tree. */
    race_sim = new_sim();
    char error[512] = "";
    cr_assert_eq(prjsim_state_load(race_sim, dir, NULL, error, sizeof error), S_OK, "%s", error);
    memtree *tree;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx = start(&tree);
    cr_assert_eq(prjsim_client_move(race_sim, L"C:\\root\\mine.txt", L"C:\\root\\d\\mine.txt", false),
                 STATUS_SUCCESS);
    PrjStopVirtualizing(ctx);
    memtree_destroy(tree);
    cr_assert_eq(prjsim_state_save(race_sim, dir, false, error, sizeof error), S_OK, "%s", error);
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(race_sim);

    race_sim = new_sim();
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, touch, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *whole = NULL;
        pthread_join(t[i], &whole);
        cr_expect(whole, "thread %d found the root incomplete", i);
    }
    prjsim_sim_set_current(NULL);
    prjsim_sim_destroy(race_sim);
}
