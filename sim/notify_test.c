/* SPDX-License-Identifier: MIT */
/* Notifications: which are sent, in what order, vetoes, mappings and per-file masks (6.6). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "testing/table_provider.h"

static const tp_item items[] = {
    {L"a.txt", false, 10, 0},
    {L"b.txt", false, 10, 0},
    {L"dir", true, 0, 0},
    {L"dir\\in.txt", false, 3, 0},
    {L"dir\\keep", true, 0, 0},
    {L"dir\\keep\\k.txt", false, 3, 0},
};

static prjsim_sim *sim;
static table_provider tp;

#define ALL_NOTIFICATIONS                                                                      \
    (PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_NEW_FILE_CREATED | PRJ_NOTIFY_FILE_OVERWRITTEN |       \
     PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_PRE_RENAME | PRJ_NOTIFY_PRE_SET_HARDLINK |              \
     PRJ_NOTIFY_FILE_RENAMED | PRJ_NOTIFY_HARDLINK_CREATED |                                    \
     PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION | PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED | \
     PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED | PRJ_NOTIFY_FILE_PRE_CONVERT_TO_FULL)

static void start(const PRJ_NOTIFICATION_MAPPING *maps, UINT32 count)
{
    sim = tp_fresh_sim();
    memset(&tp, 0, sizeof tp);
    tp.items = items;
    tp.count = sizeof items / sizeof items[0];
    tp.notifications = true;
    tp.query_file_name = true;
    PRJ_STARTVIRTUALIZING_OPTIONS opts;
    memset(&opts, 0, sizeof opts);
    opts.NotificationMappings = (PRJ_NOTIFICATION_MAPPING *)maps;
    opts.NotificationMappingsCount = count;
    cr_assert_eq(tp_start(&tp, count ? &opts : NULL), S_OK);
}

static void start_all(void)
{
    static const PRJ_NOTIFICATION_MAPPING all = {(PRJ_NOTIFY_TYPES)ALL_NOTIFICATIONS, L""};
    start(&all, 1);
}

static void teardown(void)
{
    PrjStopVirtualizing(tp.ctx);
    prjsim_sim_destroy(sim);
}

/* Returns the notifications received since the last call, and forgets them. */
static const char *taken(void)
{
    static char buf[4096];
    strcpy(buf, tp.notes);
    tp.notes[0] = 0;
    return buf;
}

#define ASSERT_NOTES(want) cr_assert_str_eq(taken(), want)

static NTSTATUS open_close(PCWSTR path, UINT32 access, UINT32 disp)
{
    prjsim_handle *h;
    NTSTATUS st = prjsim_client_open(&h, sim, path, access, disp, 0, 0);
    if (st == STATUS_SUCCESS)
        prjsim_client_close(h);
    return st;
}

Test(notify, default_set_without_mappings, .fini = teardown)
{
    start(NULL, 0);
    cr_assert_eq(open_close(L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED a.txt\n");
    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\root\\new.txt", "x", 1), STATUS_SUCCESS);
    ASSERT_NOTES("NEW_FILE_CREATED new.txt\n");
    cr_assert_eq(open_close(L"C:\\root\\b.txt", GENERIC_WRITE, CREATE_ALWAYS), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OVERWRITTEN b.txt\n");
    cr_assert_eq(prjsim_client_delete(sim, L"C:\\root\\a.txt", false), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED a.txt\n");
}

Test(notify, sequences_of_each_operation, .fini = teardown)
{
    start_all();
    cr_assert_eq(open_close(L"C:\\root\\A.TXT", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED A.TXT\nCLOSED_NO_MODIFICATION A.TXT\n");

    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\a.txt", GENERIC_WRITE, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    UINT32 n;
    cr_assert_eq(prjsim_client_write(h, 0, "w", 1, &n), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_write(h, 1, "w", 1, &n), STATUS_SUCCESS);
    prjsim_client_close(h);
    ASSERT_NOTES("FILE_OPENED a.txt\nPRE_CONVERT_TO_FULL a.txt\nCLOSED_FILE_MODIFIED a.txt\n");

    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\root\\dir\\new.txt", "x", 1), STATUS_SUCCESS);
    ASSERT_NOTES("NEW_FILE_CREATED dir\\new.txt\nCLOSED_FILE_MODIFIED dir\\new.txt\n");

    cr_assert_eq(open_close(L"C:\\root\\b.txt", GENERIC_WRITE, CREATE_ALWAYS), STATUS_SUCCESS);
    ASSERT_NOTES("PRE_CONVERT_TO_FULL b.txt\nFILE_OVERWRITTEN b.txt\nCLOSED_NO_MODIFICATION b.txt\n");

    cr_assert_eq(prjsim_client_move(sim, L"C:\\root\\b.txt", L"C:\\root\\dir\\c.txt", false), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED b.txt\nPRE_RENAME b.txt -> dir\\c.txt\nFILE_RENAMED b.txt -> dir\\c.txt\n"
                 "CLOSED_NO_MODIFICATION dir\\c.txt\n");

    cr_assert_eq(prjsim_client_delete(sim, L"C:\\root\\dir\\c.txt", false), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED dir\\c.txt\nPRE_DELETE dir\\c.txt\nCLOSED_FILE_DELETED dir\\c.txt\n");

    cr_assert_eq(prjsim_client_create_directory(sim, L"C:\\root\\newdir"), STATUS_SUCCESS);
    ASSERT_NOTES("NEW_FILE_CREATED newdir dir\nCLOSED_NO_MODIFICATION newdir dir\n");
    cr_assert_eq(prjsim_client_delete(sim, L"C:\\root\\newdir", true), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED newdir dir\nPRE_DELETE newdir dir\nCLOSED_FILE_DELETED newdir dir\n");
}

Test(notify, modified_then_deleted_reports_is_file_modified, .fini = teardown)
{
    start_all();
    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\a.txt", GENERIC_WRITE | DELETE, OPEN_EXISTING, 0, 0),
                 STATUS_SUCCESS);
    UINT32 n;
    cr_assert_eq(prjsim_client_write(h, 0, "w", 1, &n), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_set_disposition(h, true), STATUS_SUCCESS);
    prjsim_client_close(h);
    ASSERT_NOTES("FILE_OPENED a.txt\nPRE_CONVERT_TO_FULL a.txt\nPRE_DELETE a.txt\nCLOSED_FILE_DELETED a.txt modified\n");
}

typedef struct {
    PRJ_NOTIFICATION type;
    HRESULT veto;
    NTSTATUS want;
} veto_case;

Test(notify, vetoes, .fini = teardown)
{
    start_all();
    tp.veto_types = PRJ_NOTIFICATION_PRE_DELETE;
    tp.veto_hr = HRESULT_FROM_NT(STATUS_CANNOT_DELETE);
    cr_assert_eq(prjsim_client_delete(sim, L"C:\\root\\a.txt", false), STATUS_CANNOT_DELETE);
    cr_assert_eq(open_close(L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS, "still there");

    tp.veto_types = PRJ_NOTIFICATION_PRE_RENAME;
    tp.veto_hr = HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED);
    cr_assert_eq(prjsim_client_move(sim, L"C:\\root\\a.txt", L"C:\\root\\z.txt", false), STATUS_ACCESS_DENIED);
    cr_assert_eq(open_close(L"C:\\root\\z.txt", GENERIC_READ, OPEN_EXISTING), STATUS_OBJECT_NAME_NOT_FOUND);

    tp.veto_types = PRJ_NOTIFICATION_FILE_PRE_CONVERT_TO_FULL;
    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\a.txt", GENERIC_WRITE, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    UINT32 n;
    cr_assert_eq(prjsim_client_write(h, 0, "w", 1, &n), STATUS_ACCESS_DENIED);
    prjsim_client_close(h);
    PRJ_FILE_STATE st;
    cr_assert_eq(PrjGetOnDiskFileState(L"C:\\root\\a.txt", &st), S_OK);
    cr_assert_eq(st, PRJ_FILE_STATE_PLACEHOLDER | PRJ_FILE_STATE_HYDRATED_PLACEHOLDER, "not converted");

    taken();
    tp.veto_types = PRJ_NOTIFICATION_FILE_OPENED;
    cr_assert_eq(open_close(L"C:\\root\\b.txt", GENERIC_READ, OPEN_EXISTING), STATUS_ACCESS_DENIED);
    ASSERT_NOTES("FILE_OPENED b.txt\n"); /* a cancelled open has no handle to close */

    /* Post-operation notifications cannot veto. */
    tp.veto_types = PRJ_NOTIFICATION_NEW_FILE_CREATED | PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_MODIFIED;
    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\root\\new.txt", "x", 1), STATUS_SUCCESS);
    cr_assert_eq(open_close(L"C:\\root\\new.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
}

Test(notify, mapping_precedence_longest_prefix_wins, .fini = teardown)
{
    /* Listed parent first, as the docs require: the root, then dir (suppressed), then dir\keep. */
    static const PRJ_NOTIFICATION_MAPPING maps[] = {
        {(PRJ_NOTIFY_TYPES)ALL_NOTIFICATIONS, L""},
        {(PRJ_NOTIFY_TYPES)(PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS | PRJ_NOTIFY_FILE_OPENED), L"dir"},
        {PRJ_NOTIFY_FILE_OPENED, L"DIR\\Keep"},
    };
    start(maps, 3);
    cr_assert_eq(open_close(L"C:\\root\\dir\\in.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("");
    cr_assert_eq(open_close(L"C:\\root\\dir\\keep\\k.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED dir\\keep\\k.txt\n");
    cr_assert_eq(open_close(L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED a.txt\nCLOSED_NO_MODIFICATION a.txt\n");
    /* "dirx" is not under "dir": prefixes are matched by component. */
    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\root\\dirx", "x", 1), STATUS_SUCCESS);
    ASSERT_NOTES("NEW_FILE_CREATED dirx\nCLOSED_FILE_MODIFIED dirx\n");
}

Test(notify, rename_across_masks_sent_if_either_end_wants_it, .fini = teardown)
{
    static const PRJ_NOTIFICATION_MAPPING maps[] = {
        {PRJ_NOTIFY_FILE_OPENED, L""},
        {(PRJ_NOTIFY_TYPES)(PRJ_NOTIFY_PRE_RENAME | PRJ_NOTIFY_FILE_RENAMED), L"dir"},
    };
    start(maps, 2);
    cr_assert_eq(prjsim_client_move(sim, L"C:\\root\\a.txt", L"C:\\root\\dir\\a.txt", false), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED a.txt\nPRE_RENAME a.txt -> dir\\a.txt\nFILE_RENAMED a.txt -> dir\\a.txt\n");
}

Test(notify, rename_out_of_the_root_has_an_empty_destination, .fini = teardown)
{
    start_all();
    cr_assert_eq(prjsim_volume_create_directory(sim, L"C:\\outside"), S_OK);
    cr_assert_eq(prjsim_client_move(sim, L"C:\\root\\a.txt", L"C:\\outside\\a.txt", false), STATUS_SUCCESS);
    const char *notes = taken();
    cr_assert(strstr(notes, "PRE_RENAME a.txt -> (outside)\n") != NULL, "%s", notes);
    cr_assert(strstr(notes, "FILE_RENAMED a.txt -> (outside)\n") != NULL, "%s", notes);
}

Test(notify, per_file_mask_lasts_until_the_last_handle_closes, .fini = teardown)
{
    start_all();
    tp.reply_mask = PRJ_NOTIFY_SUPPRESS_NOTIFICATIONS;
    prjsim_handle *h1, *h2;
    cr_assert_eq(prjsim_client_open(&h1, sim, L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    tp.reply_mask = 0;
    cr_assert_eq(prjsim_client_open(&h2, sim, L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    prjsim_client_close(h2);
    prjsim_client_close(h1);
    ASSERT_NOTES("FILE_OPENED a.txt\n");
    cr_assert_eq(open_close(L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED a.txt\nCLOSED_NO_MODIFICATION a.txt\n");
    /* USE_EXISTING_MASK keeps the mapping's mask. */
    tp.reply_mask = PRJ_NOTIFY_USE_EXISTING_MASK;
    cr_assert_eq(open_close(L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("FILE_OPENED a.txt\nCLOSED_NO_MODIFICATION a.txt\n");
    /* A narrower mask: only handle-close notifications for this file. */
    tp.reply_mask = PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION;
    prjsim_handle *h;
    cr_assert_eq(prjsim_client_open(&h, sim, L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING, 0, 0), STATUS_SUCCESS);
    tp.reply_mask = 0;
    prjsim_client_close(h);
    ASSERT_NOTES("FILE_OPENED a.txt\nCLOSED_NO_MODIFICATION a.txt\n");
}

Test(notify, none_for_the_providers_own_io_or_while_stopped, .fini = teardown)
{
    start_all();
    prjsim_caller me = {1, L"C:\\provider.exe", true};
    prjsim_client_set_caller(&me);
    cr_assert_eq(open_close(L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    cr_assert_eq(prjsim_client_write_file(sim, L"C:\\root\\mine.txt", "x", 1), STATUS_SUCCESS);
    prjsim_client_set_caller(NULL);
    ASSERT_NOTES("");
    cr_assert_eq(tp.placeholder_calls, 2, "the provider's own I/O still triggers placeholder callbacks");
    PrjStopVirtualizing(tp.ctx);
    cr_assert_eq(open_close(L"C:\\root\\mine.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    ASSERT_NOTES("");
    cr_assert_eq(tp_start(&tp, NULL), S_OK);
}

Test(notify, no_callback_no_notifications, .fini = teardown)
{
    start_all();
    PrjStopVirtualizing(tp.ctx);
    tp.notifications = false;
    cr_assert_eq(tp_start(&tp, NULL), S_OK);
    cr_assert_eq(open_close(L"C:\\root\\a.txt", GENERIC_READ, OPEN_EXISTING), STATUS_SUCCESS);
    cr_assert_eq(prjsim_trace_count_callbacks(sim, PRJSIM_CB_NOTIFICATION), 0u);
}
