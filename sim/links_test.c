/* SPDX-License-Identifier: MIT */
/* Symbolic-link placeholders and hard links (section 6.13). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "testing/table_provider.h"

/* ---- a provider that projects symbolic links ---- */

typedef struct link_item {
    const WCHAR *path;
    bool dir;
    const char *content;
    const WCHAR *target; /* a symbolic link when set */
} link_item;

static const link_item tree[] = {
    {L"abs.lnk", false, NULL, L"C:\\root\\target.txt"},
    {L"chain.lnk", false, NULL, L"dir.lnk\\file.txt"},
    {L"Dir", true, NULL, NULL},
    {L"Dir\\file.txt", false, "in Dir", NULL},
    {L"dir.lnk", true, NULL, L"Dir"},
    {L"link.txt", false, NULL, L"target.txt"},
    {L"loop1", false, NULL, L"loop2"},
    {L"loop2", false, NULL, L"loop1"},
    {L"target.txt", false, "the target", NULL},
};
#define TREE_COUNT (sizeof tree / sizeof tree[0])

static int data_calls;
static WCHAR last_data_path[64];

static const link_item *find(PCWSTR path)
{
    for (size_t i = 0; i < TREE_COUNT; i++)
        if (PrjFileNameCompare(tree[i].path, path) == 0)
            return &tree[i];
    return NULL;
}

static void info_of(const link_item *it, PRJ_FILE_BASIC_INFO *b)
{
    memset(b, 0, sizeof *b);
    b->IsDirectory = it->dir;
    b->FileSize = it->content ? (INT64)strlen(it->content) : 0;
}

static HRESULT CALLBACK l_start(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    (void)d;
    (void)id;
    return S_OK;
}

static HRESULT CALLBACK l_end(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    (void)d;
    (void)id;
    return S_OK;
}

/* Lists everything directly under the directory in one Get (the tree is small and sorted). */
static HRESULT CALLBACK l_get(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search, PRJ_DIR_ENTRY_BUFFER_HANDLE b)
{
    (void)id;
    (void)search;
    if (!(d->Flags & PRJ_CB_DATA_FLAG_ENUM_RESTART_SCAN))
        return S_OK;
    size_t n = wcslen(d->FilePathName);
    for (size_t i = 0; i < TREE_COUNT; i++) {
        const WCHAR *p = tree[i].path;
        if (n && (wcsncmp(p, d->FilePathName, n) != 0 || p[n] != L'\\'))
            continue;
        const WCHAR *leaf = n ? p + n + 1 : p;
        if (wcschr(leaf, L'\\'))
            continue;
        PRJ_FILE_BASIC_INFO info;
        info_of(&tree[i], &info);
        PRJ_EXTENDED_INFO ext = {PRJ_EXT_INFO_TYPE_SYMLINK, 0, {{tree[i].target}}};
        HRESULT hr = PrjFillDirEntryBuffer2(b, leaf, &info, tree[i].target ? &ext : NULL);
        if (FAILED(hr))
            return hr;
    }
    return S_OK;
}

static HRESULT CALLBACK l_placeholder(const PRJ_CALLBACK_DATA *d)
{
    const link_item *it = find(d->FilePathName);
    if (!it)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    PRJ_PLACEHOLDER_INFO info;
    memset(&info, 0, sizeof info);
    info_of(it, &info.FileBasicInfo);
    PRJ_EXTENDED_INFO ext = {PRJ_EXT_INFO_TYPE_SYMLINK, 0, {{it->target}}};
    return PrjWritePlaceholderInfo2(d->NamespaceVirtualizationContext, it->path, &info, sizeof info,
                                    it->target ? &ext : NULL);
}

static HRESULT CALLBACK l_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    data_calls++;
    wcsncpy(last_data_path, d->FilePathName, 63);
    const link_item *it = find(d->FilePathName);
    if (!it || !it->content)
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    void *buf = PrjAllocateAlignedBuffer(d->NamespaceVirtualizationContext, length);
    memcpy(buf, it->content + offset, length);
    HRESULT hr = PrjWriteFileData(d->NamespaceVirtualizationContext, &d->DataStreamId, buf, offset, length);
    PrjFreeAlignedBuffer(buf);
    return hr;
}

static prjsim_sim *sim;
static PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;

static void start_links(void)
{
    sim = tp_fresh_sim();
    data_calls = 0;
    prjsim_volume_create_directory(sim, L"C:\\root");
    GUID g;
    CoCreateGuid(&g);
    cr_assert_eq(PrjMarkDirectoryAsPlaceholder(L"C:\\root", NULL, NULL, &g), S_OK);
    PRJ_CALLBACKS cb = {l_start, l_end, l_get, l_placeholder, l_data, NULL, NULL, NULL};
    cr_assert_eq(PrjStartVirtualizing(L"C:\\root", &cb, NULL, NULL, &ctx), S_OK);
}

static void stop(void)
{
    PrjStopVirtualizing(ctx);
    prjsim_sim_destroy(sim);
}

static char *read_text(PCWSTR path, NTSTATUS *st)
{
    void *data = NULL;
    size_t size;
    *st = prjsim_client_read_file(sim, path, &data, &size);
    return data;
}

Test(symlinks, listed_with_the_reparse_attribute, .init = start_links, .fini = stop)
{
    prjsim_dir_entry *e;
    size_t n;
    cr_assert_eq(prjsim_client_list(sim, L"C:\\root", NULL, 0, &e, &n), STATUS_SUCCESS);
    for (size_t i = 0; i < n; i++) {
        const link_item *it = find(e[i].name);
        if (!it)
            continue;
        bool reparse = (e[i].basic.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
        cr_assert_eq(reparse, it->target != NULL, "%ls: reparse attribute", e[i].name);
    }
    free(e);
}

Test(symlinks, reading_through_links_gives_the_targets_content, .init = start_links, .fini = stop)
{
    NTSTATUS st;
    char *s = read_text(L"C:\\root\\link.txt", &st);
    cr_assert_eq(st, STATUS_SUCCESS);
    cr_assert_str_eq(s, "the target");
    cr_assert(wcscmp(last_data_path, L"target.txt") == 0, "data comes from the target, got %ls", last_data_path);
    free(s);
    s = read_text(L"C:\\root\\abs.lnk", &st);
    cr_assert_eq(st, STATUS_SUCCESS, "absolute target");
    cr_assert_str_eq(s, "the target");
    free(s);
    s = read_text(L"C:\\root\\dir.lnk\\file.txt", &st);
    cr_assert_eq(st, STATUS_SUCCESS, "through a directory link");
    cr_assert_str_eq(s, "in Dir");
    free(s);
    s = read_text(L"C:\\root\\chain.lnk", &st);
    cr_assert_eq(st, STATUS_SUCCESS, "a chain: chain.lnk -> dir.lnk\\file.txt");
    cr_assert_str_eq(s, "in Dir");
    free(s);
    s = read_text(L"C:\\root\\loop1", &st);
    cr_assert_eq(st, STATUS_OBJECT_PATH_NOT_FOUND, "a loop ends");
    free(s);
}

Test(symlinks, the_link_itself, .init = start_links, .fini = stop)
{
    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\link.txt", FILE_READ_ATTRIBUTES, OPEN_EXISTING,
                                    PRJSIM_OPEN_REPARSE_POINT, 0),
                 STATUS_SUCCESS);
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_query_info(h, &fi), STATUS_SUCCESS);
    cr_assert(fi.basic.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT);
    prjsim_client_close(h);
    cr_assert_eq(prjsim_client_delete(sim, L"C:\\root\\link.txt", false), STATUS_SUCCESS);
    NTSTATUS st;
    char *s = read_text(L"C:\\root\\target.txt", &st);
    cr_assert_eq(st, STATUS_SUCCESS, "deleting the link keeps the target");
    free(s);
    s = read_text(L"C:\\root\\link.txt", &st);
    cr_assert_eq(st, STATUS_OBJECT_NAME_NOT_FOUND);
    free(s);
}

Test(symlinks, created_by_a_client, .init = start_links, .fini = stop)
{
    cr_assert_eq(prjsim_client_symlink(sim, L"C:\\root\\mine.txt", L"target.txt", false), STATUS_SUCCESS);
    NTSTATUS st;
    char *s = read_text(L"C:\\root\\mine.txt", &st);
    cr_assert_eq(st, STATUS_SUCCESS);
    cr_assert_str_eq(s, "the target", "a relative target is from the link's directory");
    free(s);
    cr_assert_eq(prjsim_client_symlink(sim, L"C:\\root\\mydir", L"C:\\root\\Dir", true), STATUS_SUCCESS);
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\mydir", &fi), STATUS_SUCCESS);
    cr_assert(fi.basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY, "followed to the directory");
    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\mine.txt", FILE_READ_ATTRIBUTES, OPEN_EXISTING,
                                    PRJSIM_OPEN_REPARSE_POINT, 0),
                 STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_query_info(h, &fi), STATUS_SUCCESS);
    cr_assert(fi.basic.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT);
    cr_assert(!(fi.basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY));
    prjsim_client_close(h);
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\mydir", FILE_READ_ATTRIBUTES, OPEN_EXISTING,
                                    PRJSIM_OPEN_REPARSE_POINT, 0),
                 STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_query_info(h, &fi), STATUS_SUCCESS);
    cr_assert(fi.basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY, "a directory link is a directory itself");
    prjsim_client_close(h);
    PRJ_FILE_STATE state;
    cr_assert_eq(PrjGetOnDiskFileState(L"C:\\root\\mine.txt", &state), S_OK);
    cr_assert_eq(state, PRJ_FILE_STATE_FULL);
    cr_assert_eq(prjsim_client_symlink(sim, L"C:\\root\\target.txt", L"x", false), STATUS_OBJECT_NAME_COLLISION);
    cr_assert_eq(prjsim_client_symlink(sim, L"C:\\root\\mine.txt", L"x", false), STATUS_OBJECT_NAME_COLLISION,
                 "an existing link is not followed");
    cr_assert_eq(prjsim_client_symlink(sim, L"C:\\root\\no\\l", L"x", false), STATUS_OBJECT_PATH_NOT_FOUND);
    cr_assert_eq(prjsim_client_symlink(sim, L"C:\\root\\l", L"", false), STATUS_INVALID_PARAMETER);
}

/* ---- hard links ---- */

static const tp_item items[] = {
    {L"a.txt", false, 20, 0},
    {L"b.txt", false, 20, 0},
    {L"dir", true, 0, 0},
};
static table_provider tp;

static void start_table(void)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    tp.items = items;
    tp.count = 3;
    tp.notifications = true;
    tp.query_file_name = true;
    static const PRJ_NOTIFICATION_MAPPING all = {
        (PRJ_NOTIFY_TYPES)(PRJ_NOTIFY_PRE_SET_HARDLINK | PRJ_NOTIFY_HARDLINK_CREATED), L""};
    PRJ_STARTVIRTUALIZING_OPTIONS o;
    memset(&o, 0, sizeof o);
    o.NotificationMappings = (PRJ_NOTIFICATION_MAPPING *)&all;
    o.NotificationMappingsCount = 1;
    cr_assert_eq(tp_start(&tp, &o), S_OK);
}

static void stop_table(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

Test(hardlinks, to_a_virtual_file, .init = start_table, .fini = stop_table)
{
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\a.txt", L"C:\\root\\dir\\a2.txt"), STATUS_SUCCESS);
    cr_assert_str_eq(tp.notes, "PRE_SET_HARDLINK a.txt -> dir\\a2.txt\nHARDLINK_CREATED a.txt -> dir\\a2.txt\n");
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\dir\\a2.txt", &fi), STATUS_SUCCESS);
    cr_assert_eq(fi.link_count, 2u);
    cr_assert_eq(fi.basic.FileSize, 20);
    void *data;
    size_t size;
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\dir\\a2.txt", &data, &size), STATUS_SUCCESS);
    cr_assert(wcscmp(tp.last_path, L"a.txt") == 0, "GetFileData for the original name, got %ls", tp.last_path);
    cr_assert_eq(((UINT8 *)data)[3], tp_content_byte(L"a.txt", 3));
    free(data);
    /* One file: what is written through one name shows through the other. */
    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\a.txt", GENERIC_WRITE, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    UINT32 n;
    cr_assert_eq(prjsim_client_write(h, 0, "SAME", 4, &n), STATUS_SUCCESS);
    prjsim_client_close(h);
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\dir\\a2.txt", &data, &size), STATUS_SUCCESS);
    cr_assert(memcmp(data, "SAME", 4) == 0);
    free(data);
    PRJ_FILE_STATE st;
    cr_assert_eq(PrjGetOnDiskFileState(L"C:\\root\\dir\\a2.txt", &st), S_OK);
    cr_assert_eq(st, PRJ_FILE_STATE_FULL);
    /* Deleting one name leaves the other. */
    cr_assert_eq(prjsim_client_delete(sim, L"C:\\root\\a.txt", false), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\dir\\a2.txt", &fi), STATUS_SUCCESS);
    cr_assert_eq(fi.link_count, 1u);
}

Test(hardlinks, to_placeholder_and_full_files, .init = start_table, .fini = stop_table)
{
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\b.txt", &fi), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\b.txt", L"C:\\root\\b2.txt"), STATUS_SUCCESS);
    PRJ_FILE_STATE st;
    cr_assert_eq(PrjGetOnDiskFileState(L"C:\\root\\b2.txt", &st), S_OK);
    cr_assert_eq(st, PRJ_FILE_STATE_PLACEHOLDER, "a new name of the placeholder");
    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\root\\full.txt", "full", 4), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\full.txt", L"C:\\root\\full2.txt"), STATUS_SUCCESS);
    void *data;
    size_t size;
    cr_assert_eq(prjsim_client_read_file(sim, L"C:\\root\\full2.txt", &data, &size), STATUS_SUCCESS);
    cr_assert(size == 4 && memcmp(data, "full", 4) == 0);
    free(data);
}

Test(hardlinks, errors, .init = start_table, .fini = stop_table)
{
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\nope.txt", L"C:\\root\\x.txt"), STATUS_OBJECT_NAME_NOT_FOUND);
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\a.txt", L"C:\\root\\b.txt"), STATUS_OBJECT_NAME_COLLISION,
                 "b.txt exists, if only virtually");
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\a.txt", L"C:\\root\\no\\x.txt"), STATUS_OBJECT_PATH_NOT_FOUND);
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\dir", L"C:\\root\\dir2"), STATUS_FILE_IS_A_DIRECTORY);
    tp.veto_types = PRJ_NOTIFICATION_PRE_SET_HARDLINK;
    tp.veto_hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    cr_assert_eq(prjsim_client_link(sim, L"C:\\root\\a.txt", L"C:\\root\\a3.txt"), STATUS_ACCESS_DENIED);
    prjsim_file_info fi;
    cr_assert_eq(prjsim_client_stat(sim, L"C:\\root\\a3.txt", &fi), STATUS_OBJECT_NAME_NOT_FOUND);
}
