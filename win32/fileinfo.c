/* SPDX-License-Identifier: MIT */
/*
 * SetFileInformationByHandle and GetFileInformationByHandleEx: the handle-based basic
 * information, delete disposition and rename a Windows program sets through NtSetInformationFile.
 * Inside a root each one is the simulator's client operation on the handle (so the provider sees
 * what Windows shows it); on the host, a delete disposition is kept on the handle and carried
 * out when it closes.
 */
#include "files.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static BOOL fail(DWORD err)
{
    SetLastError(err);
    return FALSE;
}

static prjsim__file *file_of(HANDLE h)
{
    return (prjsim__file *)prjsim__win_lookup(h, PRJSIM_WIN_FILE);
}

void prjsim__fileinfo_delete_now(prjsim__file *f)
{
    prjsim__fpath fp;
    memset(&fp, 0, sizeof fp);
    fp.win = f->win;
    fp.host = f->host;
    if (f->is_dir)
        f->be->rmdir(&fp);
    else
        f->be->unlink(&fp);
}

static DWORD set_basic(prjsim__file *f, const FILE_BASIC_INFO *b)
{
    if (f->sh)
        return prjsim__files_status(prjsim_client_set_basic_info(f->sh, b->CreationTime.QuadPart,
                                                                 b->LastAccessTime.QuadPart,
                                                                 b->LastWriteTime.QuadPart, b->ChangeTime.QuadPart,
                                                                 b->FileAttributes));
    /* the host keeps no settable change time: it is left as the host sets it */
    return f->be->set_info(f, b->CreationTime.QuadPart, b->LastAccessTime.QuadPart, b->LastWriteTime.QuadPart,
                           b->FileAttributes);
}

static DWORD set_disposition(prjsim__file *f, bool del)
{
    if (f->sh)
        return prjsim__files_status(prjsim_client_set_disposition(f->sh, del));
    if (!(f->access & DELETE))
        return ERROR_ACCESS_DENIED;
    f->delete_pending = del;
    return 0;
}

/* The full path FileRenameInfo names: a bare name stays in the handle's directory. */
static WCHAR *rename_target(const prjsim__file *f, const FILE_RENAME_INFO *ri, DWORD size, DWORD *err)
{
    size_t n = ri->FileNameLength / sizeof(WCHAR);
    if (ri->RootDirectory || ri->FileNameLength % sizeof(WCHAR) ||
        ri->FileNameLength > size - offsetof(FILE_RENAME_INFO, FileName) || n == 0) {
        *err = ERROR_INVALID_PARAMETER;
        return NULL;
    }
    const WCHAR *name = ri->FileName;
    bool bare = true;
    for (size_t i = 0; i < n; i++)
        if (name[i] == L'\\' || name[i] == L'/' || name[i] == L':')
            bare = false;
    const WCHAR *dir_end = bare ? wcsrchr(f->win, L'\\') : NULL;
    size_t dn = dir_end ? (size_t)(dir_end - f->win) + 1 : 0;
    WCHAR *out = malloc((dn + n + 1) * sizeof *out);
    if (!out) {
        *err = ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    wmemcpy(out, f->win, dn);
    wmemcpy(out + dn, name, n);
    out[dn + n] = 0;
    return out;
}

static DWORD set_rename(prjsim__file *f, const FILE_RENAME_INFO *ri, DWORD size)
{
    DWORD err = 0;
    WCHAR *target = rename_target(f, ri, size, &err);
    if (!target)
        return err;
    prjsim__fpath to;
    err = prjsim__files_resolve(&to, target, 0);
    free(target);
    if (err)
        return err;
    bool replace = ri->ReplaceIfExists != 0;
    if (to.sim != (f->sh != NULL)) {
        err = ERROR_NOT_SAME_DEVICE;
    } else if (f->sh) {
        err = prjsim__files_status(prjsim_client_rename(f->sh, to.win, replace));
    } else if (!(f->access & DELETE)) {
        err = ERROR_ACCESS_DENIED;
    } else {
        prjsim__fpath from;
        memset(&from, 0, sizeof from);
        from.win = f->win;
        from.host = f->host;
        err = f->be->rename(&from, &to, replace);
        if (!err) {
            free(f->host);
            f->host = to.host;
            to.host = NULL;
        }
    }
    if (!err) {
        free(f->win);
        f->win = to.win; /* the handle follows its item */
        to.win = NULL;
    }
    prjsim__files_fpath_free(&to);
    return err;
}

BOOL WINAPI SetFileInformationByHandle(HANDLE hFile, FILE_INFO_BY_HANDLE_CLASS FileInformationClass,
                                       LPVOID lpFileInformation, DWORD dwBufferSize)
{
    prjsim__file *f = file_of(hFile);
    if (!f)
        return FALSE;
    if (!lpFileInformation)
        return fail(ERROR_INVALID_PARAMETER);
    DWORD need;
    switch (FileInformationClass) {
    case FileBasicInfo: need = sizeof(FILE_BASIC_INFO); break;
    case FileDispositionInfo: need = sizeof(FILE_DISPOSITION_INFO); break;
    case FileRenameInfo: need = offsetof(FILE_RENAME_INFO, FileName); break;
    default: return fail(ERROR_INVALID_PARAMETER);
    }
    if (dwBufferSize < need)
        return fail(ERROR_BAD_LENGTH);
    DWORD err;
    pthread_mutex_lock(&f->lock);
    switch (FileInformationClass) {
    case FileBasicInfo: err = set_basic(f, lpFileInformation); break;
    case FileDispositionInfo: err = set_disposition(f, ((FILE_DISPOSITION_INFO *)lpFileInformation)->DeleteFile); break;
    default: err = set_rename(f, lpFileInformation, dwBufferSize); break;
    }
    pthread_mutex_unlock(&f->lock);
    return err ? fail(err) : TRUE;
}

BOOL WINAPI GetFileInformationByHandleEx(HANDLE hFile, FILE_INFO_BY_HANDLE_CLASS FileInformationClass,
                                         LPVOID lpFileInformation, DWORD dwBufferSize)
{
    prjsim__file *f = file_of(hFile);
    if (!f)
        return FALSE;
    if (!lpFileInformation || (FileInformationClass != FileBasicInfo && FileInformationClass != FileStandardInfo))
        return fail(ERROR_INVALID_PARAMETER);
    if (dwBufferSize < (FileInformationClass == FileBasicInfo ? sizeof(FILE_BASIC_INFO) : sizeof(FILE_STANDARD_INFO)))
        return fail(ERROR_BAD_LENGTH);
    if (!(f->access & FILE_READ_ATTRIBUTES))
        return fail(ERROR_ACCESS_DENIED);
    prjsim__fstat st;
    pthread_mutex_lock(&f->lock);
    DWORD err = f->be->query(f, &st);
    pthread_mutex_unlock(&f->lock);
    if (err)
        return fail(err);
    if (FileInformationClass == FileBasicInfo) {
        FILE_BASIC_INFO *b = lpFileInformation;
        b->CreationTime.QuadPart = st.creation;
        b->LastAccessTime.QuadPart = st.access;
        b->LastWriteTime.QuadPart = st.write;
        b->ChangeTime.QuadPart = st.change;
        b->FileAttributes = st.attributes;
    } else {
        FILE_STANDARD_INFO *s = lpFileInformation;
        bool dir = (st.attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        s->EndOfFile.QuadPart = dir ? 0 : (LONGLONG)st.size;
        s->AllocationSize.QuadPart = dir ? 0 : (LONGLONG)((st.size + 4095) / 4096 * 4096);
        s->NumberOfLinks = st.links;
        s->DeletePending = f->delete_pending;
        s->Directory = dir;
    }
    return TRUE;
}
