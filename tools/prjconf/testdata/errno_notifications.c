/* SPDX-License-Identifier: MIT */
/*
 * A provider ported from Linux: its NotificationCallback returns errno-style codes (5, EIO)
 * from the post-operation notifications, which ProjFS ignores (docs/behaviour/notifications.md).
 * prjconf must report a warning and still judge every case on its real results.
 * usage: errno_notifications.so ROOT
 */
#include <windows.h>
#include <projectedfslib.h>
#include <memtree.h>
#include <stdio.h>

static HRESULT CALLBACK Notify(const PRJ_CALLBACK_DATA *data, BOOLEAN isDirectory,
                               PRJ_NOTIFICATION notification, PCWSTR destination,
                               PRJ_NOTIFICATION_PARAMETERS *parameters)
{
    (void)data, (void)isDirectory, (void)destination, (void)parameters;
    switch (notification) {
    case PRJ_NOTIFICATION_NEW_FILE_CREATED:
    case PRJ_NOTIFICATION_FILE_OVERWRITTEN:
    case PRJ_NOTIFICATION_FILE_RENAMED:
    case PRJ_NOTIFICATION_HARDLINK_CREATED:
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_NO_MODIFICATION:
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_MODIFIED:
    case PRJ_NOTIFICATION_FILE_HANDLE_CLOSED_FILE_DELETED:
        return 5; /* EIO */
    default:
        return S_OK;
    }
}

int wmain(int argc, wchar_t **argv)
{
    PCWSTR root = argc > 1 ? argv[1] : L"C:\\ErrnoRoot";
    memtree *tree;
    char err[256];
    if (FAILED(memtree_create(&tree)) ||
        FAILED(memtree_parse_manifest(tree, "dir d\nfile d\\a.txt content=\"a\"\nfile b.txt content=\"bb\"\n",
                                      "errno_notifications", err, sizeof err)))
        return 1;
    GUID id;
    CoCreateGuid(&id);
    HRESULT hr = PrjMarkDirectoryAsPlaceholder(root, NULL, NULL, &id);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED))
        return 1;
    PRJ_CALLBACKS callbacks = *memtree_callbacks();
    callbacks.NotificationCallback = Notify;
    PRJ_NOTIFICATION_MAPPING mapping = {
        PRJ_NOTIFY_NEW_FILE_CREATED | PRJ_NOTIFY_FILE_OVERWRITTEN | PRJ_NOTIFY_FILE_RENAMED |
            PRJ_NOTIFY_HARDLINK_CREATED | PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION |
            PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED | PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED,
        L""};
    PRJ_STARTVIRTUALIZING_OPTIONS options = {0};
    options.NotificationMappings = &mapping;
    options.NotificationMappingsCount = 1;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context;
    if (FAILED(PrjStartVirtualizing(root, &callbacks, tree, &options, &context)))
        return 1;
    getchar();
    PrjStopVirtualizing(context);
    memtree_destroy(tree);
    return 0;
}
