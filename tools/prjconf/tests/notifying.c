/* SPDX-License-Identifier: MIT */
/*
 * notifying: the reference provider (memtree) as a provider program that also registers a
 * NotificationCallback and a CancelCommandCallback, so that prjconf detects both capabilities
 * and runs the cases needing them without --caps. Root: argv[1] (default C:\NotifyRoot).
 */
#include <windows.h>
#include <projectedfslib.h>
#include <memtree.h>
#include <stdio.h>

static HRESULT CALLBACK Notify(const PRJ_CALLBACK_DATA *data, BOOLEAN isDirectory,
                               PRJ_NOTIFICATION notification, PCWSTR destination,
                               PRJ_NOTIFICATION_PARAMETERS *parameters)
{
    (void)data, (void)isDirectory, (void)notification, (void)destination, (void)parameters;
    return S_OK;
}

/* It never pends a callback, so there is nothing to cancel. */
static void CALLBACK Cancel(const PRJ_CALLBACK_DATA *data)
{
    (void)data;
}

int wmain(int argc, wchar_t **argv)
{
    PCWSTR root = argc > 1 ? argv[1] : L"C:\\NotifyRoot";
    memtree *tree;
    if (FAILED(memtree_create(&tree)) || FAILED(memtree_add_file(tree, L"a.txt", "alpha\n", 6, NULL)) ||
        FAILED(memtree_add_dir(tree, L"sub", NULL)) ||
        FAILED(memtree_add_file(tree, L"sub\\b.txt", "bravo\n", 6, NULL)))
        return 1;
    GUID id;
    CoCreateGuid(&id);
    HRESULT hr = PrjMarkDirectoryAsPlaceholder(root, NULL, NULL, &id);
    if (FAILED(hr) && hr != HRESULT_FROM_WIN32(ERROR_REPARSE_POINT_ENCOUNTERED))
        return 1;
    PRJ_CALLBACKS callbacks = *memtree_callbacks_for(tree);
    callbacks.NotificationCallback = Notify;
    callbacks.CancelCommandCallback = Cancel;
    PRJ_NOTIFICATION_MAPPING mapping = {
        PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_NEW_FILE_CREATED | PRJ_NOTIFY_FILE_RENAMED |
            PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED | PRJ_NOTIFY_PRE_DELETE | PRJ_NOTIFY_PRE_RENAME,
        L""};
    PRJ_STARTVIRTUALIZING_OPTIONS options = {0};
    options.NotificationMappings = &mapping;
    options.NotificationMappingsCount = 1;
    PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT context;
    hr = PrjStartVirtualizing(root, &callbacks, tree, &options, &context);
    if (FAILED(hr))
        return 1;
    wprintf(L"Projecting into %ls. Press Enter to stop.\n", root);
    fflush(stdout);
    getchar();
    PrjStopVirtualizing(context);
    memtree_destroy(tree);
    return 0;
}
