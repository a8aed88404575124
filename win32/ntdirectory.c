/* SPDX-License-Identifier: MIT */
/*
 * NtQueryDirectoryFile: a directory handle's listing written into the caller's buffer as the
 * FILE_*_INFORMATION records of <ntifs.h>, with the caller's choice of buffer size, filter,
 * restart and single entry (FindFirstFile/FindNextFile choose none of them).
 *
 * Inside a root each call is one prjsim_client_query_directory on the handle, so the provider's
 * GetDirectoryEnumeration sees the flags and the budget of the caller's buffer. On the host the
 * listing is a snapshot taken at the first (or a restarted) query, costed the same way.
 *
 * The budget (DEVIATIONS W14): the simulator costs an entry as Windows lays out a
 * FILE_ID_BOTH_DIR_INFORMATION record (0x68 bytes + 2 per UTF-16 unit, 8-byte aligned), but our
 * records hold 4-byte WCHARs and are up to twice that big. A buffer of Length bytes is therefore
 * given the budget of a Windows buffer of Length / 2, which is what guarantees that everything the
 * budget admits fits in the caller's buffer; nothing is carried over between calls.
 */
#include "files.h"

#include <ntifs.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* The host side of a handle's queries (inside a root the simulator keeps this state). */
struct prjsim__dirquery {
    prjsim__find fd; /* the snapshot; fd.next is the next entry to return */
    bool open;       /* fd holds a listing */
};

/* Whether a query has run on the handle: an empty answer is then STATUS_NO_MORE_FILES. */
#define QUERIED(f) ((f)->query_count > 0)

void prjsim__ntdir_release(prjsim__file *f)
{
    if (!f->query)
        return;
    if (f->query->open)
        prjsim__files_host.find_close(&f->query->fd);
    free(f->query);
    f->query = NULL;
}

/* Where FileName starts in a record of @p cls, or 0 for a class we do not write. */
static size_t name_offset(FILE_INFORMATION_CLASS cls)
{
    switch (cls) {
    case FileDirectoryInformation:
        return offsetof(FILE_DIRECTORY_INFORMATION, FileName);
    case FileFullDirectoryInformation:
        return offsetof(FILE_FULL_DIR_INFORMATION, FileName);
    case FileIdFullDirectoryInformation:
        return offsetof(FILE_ID_FULL_DIR_INFORMATION, FileName);
    case FileBothDirectoryInformation:
        return offsetof(FILE_BOTH_DIR_INFORMATION, FileName);
    case FileIdBothDirectoryInformation:
        return offsetof(FILE_ID_BOTH_DIR_INFORMATION, FileName);
    case FileNamesInformation:
        return offsetof(FILE_NAMES_INFORMATION, FileName);
    default:
        return 0;
    }
}

/* What Windows' FILE_ID_BOTH_DIR_INFORMATION record of @p name costs (the simulator's measure). */
static size_t windows_cost(const WCHAR *name)
{
    size_t units = 0;
    for (; *name; name++)
        units += ((uint32_t)*name > 0xFFFF) ? 2 : 1;
    return (0x68 + 2 * units + 7) & ~(size_t)7;
}

/* The file id of @p name in the directory @p dir: the index GetFileInformationByHandle gives. */
static LONGLONG file_id(const WCHAR *dir, const WCHAR *name)
{
    size_t dn = wcslen(dir), nn = wcslen(name);
    WCHAR *full = malloc((dn + nn + 2) * sizeof *full);
    if (!full)
        return 0;
    wmemcpy(full, dir, dn + 1);
    if (!wcscmp(name, L"..")) {
        /* the parent: cut the last component (a drive root has no "..") */
        while (dn > 0 && full[dn - 1] != L'\\')
            dn--;
        if (dn > 3)
            dn--;
        full[dn] = 0;
    } else if (wcscmp(name, L".")) {
        if (dn && full[dn - 1] != L'\\')
            full[dn++] = L'\\';
        wmemcpy(full + dn, name, nn + 1);
    }
    LONGLONG id = (LONGLONG)prjsim__files_index_of(full);
    free(full);
    return id;
}

/* Writes the record of @p e at @p rec (room checked by the caller); returns its size. */
static size_t write_record(void *rec, FILE_INFORMATION_CLASS cls, const WCHAR *dir, const prjsim__fentry *e)
{
    size_t n = wcslen(e->name), off = name_offset(cls), size = off + n * sizeof(WCHAR);
    memset(rec, 0, off);
    memcpy((char *)rec + off, e->name, n * sizeof(WCHAR));
    ULONG name_bytes = (ULONG)(n * sizeof(WCHAR));
    if (cls == FileNamesInformation) {
        ((FILE_NAMES_INFORMATION *)rec)->FileNameLength = name_bytes;
        return size;
    }
    /* The fields every other class shares sit where FILE_DIRECTORY_INFORMATION has them. */
    FILE_DIRECTORY_INFORMATION *d = (FILE_DIRECTORY_INFORMATION *)rec;
    bool is_dir = (e->st.attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    d->CreationTime.QuadPart = e->st.creation;
    d->LastAccessTime.QuadPart = e->st.access;
    d->LastWriteTime.QuadPart = e->st.write;
    d->ChangeTime.QuadPart = e->st.change;
    d->EndOfFile.QuadPart = is_dir ? 0 : (LONGLONG)e->st.size;
    d->AllocationSize.QuadPart = is_dir ? 0 : (LONGLONG)((e->st.size + 4095) / 4096 * 4096);
    d->FileAttributes = e->st.attributes ? e->st.attributes : FILE_ATTRIBUTE_NORMAL;
    d->FileNameLength = name_bytes;
    /* EaSize is the reparse tag of a reparse point (a symbolic link is the only visible kind) */
    ULONG ea = (e->st.attributes & FILE_ATTRIBUTE_REPARSE_POINT) ? 0xA000000Cu : 0;
    switch (cls) {
    case FileFullDirectoryInformation:
        ((FILE_FULL_DIR_INFORMATION *)rec)->EaSize = ea;
        break;
    case FileIdFullDirectoryInformation:
        ((FILE_ID_FULL_DIR_INFORMATION *)rec)->EaSize = ea;
        ((FILE_ID_FULL_DIR_INFORMATION *)rec)->FileId.QuadPart = file_id(dir, e->name);
        break;
    case FileBothDirectoryInformation:
        ((FILE_BOTH_DIR_INFORMATION *)rec)->EaSize = ea;
        break;
    case FileIdBothDirectoryInformation:
        ((FILE_ID_BOTH_DIR_INFORMATION *)rec)->EaSize = ea;
        ((FILE_ID_BOTH_DIR_INFORMATION *)rec)->FileId.QuadPart = file_id(dir, e->name);
        break;
    default:
        break;
    }
    return size;
}

/* The records of @p entries laid end to end, 8-byte aligned; the bytes used (to the last name). */
static size_t write_records(void *buf, FILE_INFORMATION_CLASS cls, const WCHAR *dir, const prjsim__fentry *entries,
                            size_t count)
{
    size_t at = 0, end = 0;
    ULONG *prev_next = NULL;
    for (size_t i = 0; i < count; i++) {
        if (prev_next)
            *prev_next = (ULONG)(at - (size_t)((char *)prev_next - (char *)buf));
        size_t size = write_record((char *)buf + at, cls, dir, &entries[i]);
        prev_next = (ULONG *)((char *)buf + at); /* NextEntryOffset is every record's first field */
        end = at + size;
        at = (end + 7) & ~(size_t)7;
    }
    return end;
}

/* The simulator's entries as the layer's own. */
static void from_dir_entry(prjsim__fentry *out, const prjsim_dir_entry *e)
{
    memset(out, 0, sizeof *out);
    wcsncpy(out->name, e->name, MAX_PATH);
    const PRJ_FILE_BASIC_INFO *b = &e->basic;
    out->st.attributes = b->FileAttributes;
    if (b->IsDirectory)
        out->st.attributes |= FILE_ATTRIBUTE_DIRECTORY;
    out->st.creation = b->CreationTime.QuadPart;
    out->st.access = b->LastAccessTime.QuadPart;
    out->st.write = b->LastWriteTime.QuadPart;
    out->st.change = b->ChangeTime.QuadPart;
    out->st.size = b->IsDirectory ? 0 : (UINT64)b->FileSize;
}

/* One query inside a root: the simulator decides the entries and the status. */
static NTSTATUS query_sim(prjsim__file *f, PCWSTR pattern, UINT32 flags, ULONG budget, prjsim__fentry **out,
                          size_t *count)
{
    prjsim_dir_entry *entries = NULL;
    size_t n = 0;
    NTSTATUS st = prjsim_client_query_directory(f->sh, pattern, flags, budget, &entries, &n);
    if (st == STATUS_SUCCESS && n) {
        *out = calloc(n, sizeof **out);
        if (!*out) {
            prjsim_client_free_entries(entries);
            return STATUS_NO_MEMORY;
        }
        for (size_t i = 0; i < n; i++)
            from_dir_entry(&(*out)[i], &entries[i]);
        *count = n;
    }
    prjsim_client_free_entries(entries);
    return st;
}

/* One query on the host: the snapshot, costed as the simulator costs a query. */
static NTSTATUS query_host(prjsim__file *f, PCWSTR pattern, UINT32 flags, ULONG budget, prjsim__fentry **out,
                           size_t *count)
{
    if (!f->is_dir)
        return STATUS_INVALID_PARAMETER;
    if (!f->query && !(f->query = calloc(1, sizeof *f->query)))
        return STATUS_NO_MEMORY;
    struct prjsim__dirquery *q = f->query;
    if (!q->open || (flags & PRJSIM_QUERY_RESTART_SCAN)) {
        if (q->open)
            prjsim__files_host.find_close(&q->fd);
        memset(&q->fd, 0, sizeof q->fd);
        q->fd.be = &prjsim__files_host;
        prjsim__fpath dir;
        memset(&dir, 0, sizeof dir);
        dir.win = f->win;
        dir.host = f->host;
        dir.drive_root = wcslen(f->win) == 3;
        DWORD err = prjsim__files_host.find_open(&q->fd, &dir, pattern && pattern[0] ? pattern : L"*");
        if (err && err != ERROR_FILE_NOT_FOUND) {
            prjsim__files_host.find_close(&q->fd);
            return err == ERROR_PATH_NOT_FOUND ? STATUS_DELETE_PENDING : STATUS_ACCESS_DENIED;
        }
        q->open = true;
    }
    size_t left = q->fd.count - q->fd.next, used = 0, n = 0;
    if (!left)
        return QUERIED(f) ? STATUS_NO_MORE_FILES : STATUS_NO_SUCH_FILE;
    const prjsim__fentry *first = &q->fd.entries[q->fd.next];
    while (n < left && used + windows_cost(first[n].name) <= budget) {
        used += windows_cost(first[n].name);
        n++;
        if (flags & PRJSIM_QUERY_RETURN_SINGLE_ENTRY)
            break;
    }
    if (!n)
        return STATUS_BUFFER_TOO_SMALL;
    *out = malloc(n * sizeof **out);
    if (!*out)
        return STATUS_NO_MEMORY;
    memcpy(*out, first, n * sizeof **out);
    q->fd.next += n;
    *count = n;
    return STATUS_SUCCESS;
}

/* The pattern of a UNICODE_STRING, NUL-terminated (malloc'd); NULL for none. */
static WCHAR *pattern_of(const UNICODE_STRING *s, NTSTATUS *st)
{
    *st = STATUS_SUCCESS;
    if (!s || !s->Length)
        return NULL;
    if (!s->Buffer || s->Length % sizeof(WCHAR)) {
        *st = STATUS_INVALID_PARAMETER;
        return NULL;
    }
    size_t n = s->Length / sizeof(WCHAR);
    WCHAR *p = malloc((n + 1) * sizeof *p);
    if (!p) {
        *st = STATUS_NO_MEMORY;
        return NULL;
    }
    wmemcpy(p, s->Buffer, n);
    p[n] = 0;
    return p;
}

/* The argument checks (their order among themselves is ours: UNCONFIRMED). */
static NTSTATUS check(const prjsim__file *f, const IO_STATUS_BLOCK *io, const void *buf, ULONG len,
                      FILE_INFORMATION_CLASS cls, PIO_APC_ROUTINE apc)
{
    if (!io || !buf)
        return STATUS_ACCESS_VIOLATION;
    if (apc)
        return STATUS_INVALID_PARAMETER; /* no APCs: our I/O is synchronous (W14) */
    size_t fixed = name_offset(cls);
    if (!fixed)
        return STATUS_INVALID_INFO_CLASS;
    if (len < fixed)
        return STATUS_INFO_LENGTH_MISMATCH;
    if (!(f->access & FILE_LIST_DIRECTORY))
        return STATUS_ACCESS_DENIED;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI NtQueryDirectoryFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine, PVOID ApcContext,
                                    PIO_STATUS_BLOCK IoStatusBlock, PVOID FileInformation, ULONG Length,
                                    FILE_INFORMATION_CLASS FileInformationClass, BOOLEAN ReturnSingleEntry,
                                    PUNICODE_STRING FileName, BOOLEAN RestartScan)
{
    (void)ApcContext;
    DWORD saved = GetLastError(); /* an NT call leaves the last error alone */
    /* held until the call returns, as ReadFile holds it: the provider may pend the query */
    prjsim__file *f = (prjsim__file *)prjsim__win_acquire(FileHandle, PRJSIM_WIN_FILE);
    SetLastError(saved);
    if (!f)
        return STATUS_INVALID_HANDLE;
    NTSTATUS st = check(f, IoStatusBlock, FileInformation, Length, FileInformationClass, ApcRoutine);
    WCHAR *pattern = st == STATUS_SUCCESS ? pattern_of(FileName, &st) : NULL;
    if (st != STATUS_SUCCESS) {
        prjsim__win_release(&f->hdr);
        return st;
    }
    UINT32 flags = (RestartScan ? PRJSIM_QUERY_RESTART_SCAN : 0) |
                   (ReturnSingleEntry ? PRJSIM_QUERY_RETURN_SINGLE_ENTRY : 0);
    ULONG budget = Length / 2;
    prjsim__fentry *entries = NULL;
    size_t count = 0;
    pthread_mutex_lock(&f->lock);
    st = f->sh ? query_sim(f, pattern, flags, budget, &entries, &count)
               : query_host(f, pattern, flags, budget, &entries, &count);
    f->query_count++;
    pthread_mutex_unlock(&f->lock);
    free(pattern);
    IoStatusBlock->Status = st;
    IoStatusBlock->Information = 0;
    if (st == STATUS_SUCCESS)
        IoStatusBlock->Information = write_records(FileInformation, FileInformationClass, f->win, entries, count);
    free(entries);
    prjsim__win_release(&f->hdr);
    if (Event)
        SetEvent(Event);
    return st;
}
