/* SPDX-License-Identifier: MIT */
/*
 * The win32 backend test's directory on Windows (and Wine): a fresh folder under %TEMP%,
 * removed with what the test left in it.
 */
#include <win32_backend_test.h>

#include <windows.h>
#include <wchar.h>

bool seam_test_setup(WCHAR *dir, size_t chars)
{
    WCHAR temp[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, temp);
    if (!n || n >= MAX_PATH)
        return false;
    swprintf(dir, chars, L"%lsprjsim-seam-%lu", temp, (unsigned long)GetCurrentProcessId());
    size_t len = wcslen(dir);
    if (len && dir[len - 1] == L'\\')
        dir[len - 1] = 0;
    return CreateDirectoryW(dir, NULL) != 0;
}

/* Removes @p path and everything below it, read-only items too. */
static void remove_tree(const WCHAR *path)
{
    WCHAR spec[MAX_PATH];
    swprintf(spec, MAX_PATH, L"%ls\\*", path);
    WIN32_FIND_DATAW fd;
    HANDLE f = FindFirstFileW(spec, &fd);
    if (f != INVALID_HANDLE_VALUE) {
        do {
            if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
                continue;
            WCHAR child[MAX_PATH];
            swprintf(child, MAX_PATH, L"%ls\\%ls", path, fd.cFileName);
            SetFileAttributesW(child, FILE_ATTRIBUTE_NORMAL);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                remove_tree(child);
            else
                DeleteFileW(child);
        } while (FindNextFileW(f, &fd));
        FindClose(f);
    }
    RemoveDirectoryW(path);
}

void seam_test_teardown(const WCHAR *dir) { remove_tree(dir); }
