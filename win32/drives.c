/* SPDX-License-Identifier: MIT */
/*
 * Drive letters and routing: where `X:\...` lives on the host (`<drives>/X/...`), which paths
 * belong to the simulator (those inside a virtualization root), and the missing-path hook
 * that brings a host directory onto the simulated volume when a provider marks it as a root.
 */
#include "files.h"

#include <prjsim/state.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *root;          /* the drives directory in use */
static uint32_t drives_made; /* bit per letter: <root>/X is known to exist */
static char *temp_root;     /* the temporary directory this process made, removed at exit */
static pid_t temp_owner;
static _Atomic(prjsim_sim *) hooked; /* the simulation the hook was installed on */
/* the simulation whose volume takes every path (prjsim_drives_simulate_volume), or NULL */
static _Atomic(prjsim_sim *) whole_volume;
/* Saved volumes (prjsim/state.h): where touched roots are loaded from, and whether to save. */
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static char *state_dir;
static bool state_save;
static _Atomic bool state_on;

/* ---- the drives directory ---- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void remove_temp_root(void)
{
    /* Forked children (Criterion runs each test in one) share the parent's directory. */
    if (temp_root && getpid() == temp_owner)
        nftw(temp_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return ENOMEM;
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == 0) {
            char c = *s;
            *s = 0;
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                rc = errno;
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    free(p);
    struct stat st;
    if (!rc && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = ENOTDIR;
    return rc;
}

/* Picks the default drives directory. Lock held. */
static int choose_default(void)
{
    const char *env = getenv("PRJSIM_DRIVES");
    if (env && env[0]) {
        int rc = make_dirs(env);
        if (rc)
            return rc;
        char *abs = realpath(env, NULL);
        if (!abs)
            return errno;
        root = abs;
        return 0;
    }
    if (!temp_root) {
        const char *tmp = getenv("TMPDIR");
        if (!tmp || !tmp[0])
            tmp = "/tmp";
        size_t n = strlen(tmp) + 32;
        char *t = malloc(n);
        if (!t)
            return ENOMEM;
        snprintf(t, n, "%s/prjsim-drives-XXXXXX", tmp);
        if (!mkdtemp(t)) {
            int e = errno;
            free(t);
            return e;
        }
        temp_root = t;
        temp_owner = getpid();
        atexit(remove_temp_root);
    }
    root = strdup(temp_root);
    return root ? 0 : ENOMEM;
}

/* The drives directory, chosen on first use. Lock held. NULL if it cannot be made. */
static const char *root_locked(void)
{
    if (!root && choose_default() != 0)
        return NULL;
    return root;
}

const char *prjsim_drives_root(void)
{
    pthread_mutex_lock(&lock);
    const char *r = root_locked();
    pthread_mutex_unlock(&lock);
    return r;
}

HRESULT prjsim_drives_set_root(const char *dir)
{
    if (dir && !dir[0])
        return E_INVALIDARG;
    pthread_mutex_lock(&lock);
    int rc = 0;
    char *abs = NULL;
    if (dir) {
        rc = make_dirs(dir);
        if (!rc && !(abs = realpath(dir, NULL)))
            rc = errno;
    }
    if (!rc) {
        free(root);
        root = abs;
        drives_made = 0;
        if (!root)
            rc = choose_default();
    }
    pthread_mutex_unlock(&lock);
    return rc ? HRESULT_FROM_WIN32(prjsim__files_errno(rc, NULL)) : S_OK;
}

/* ---- resolution ---- */

static bool is_sep(WCHAR c)
{
    return c == L'\\' || c == L'/';
}

static bool bad_char(WCHAR c, bool wildcards)
{
    if (c < 0x20)
        return true;
    switch (c) {
    case L'<': case L'>': case L':': case L'"': case L'|':
        return true;
    case L'*': case L'?':
        return !wildcards;
    default:
        return false;
    }
}

/* Host path of a normalised "X:\a\b" path (no trailing separator but for "X:\"). */
static DWORD host_of(const WCHAR *win, char **out)
{
    *out = NULL;
    char *rest = prjsim__paths_utf8(win + 2); /* "\a\b" or "\" */
    if (!rest)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (char *p = rest; *p; p++)
        if (*p == '\\')
            *p = '/';
    if (!strcmp(rest, "/"))
        rest[0] = 0;
    unsigned letter = (unsigned)(win[0] - L'A');
    pthread_mutex_lock(&lock);
    const char *r = root_locked();
    DWORD err = r ? 0 : ERROR_PATH_NOT_FOUND;
    char *host = NULL;
    if (!err) {
        size_t n = strlen(r) + strlen(rest) + 4;
        host = malloc(n);
        if (!host) {
            err = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            snprintf(host, n, "%s/%c", r, (char)win[0]);
            /* Every drive letter exists: its host folder is made on first use. */
            if (!(drives_made & (1u << letter)) && (mkdir(host, 0777) == 0 || errno == EEXIST))
                drives_made |= 1u << letter;
            strcat(host, rest);
        }
    }
    pthread_mutex_unlock(&lock);
    free(rest);
    *out = host;
    return err;
}

void prjsim__files_fpath_free(prjsim__fpath *fp)
{
    free(fp->win);
    free(fp->host);
    memset(fp, 0, sizeof *fp);
}

/*
 * Normalises @p path into fp->win and fp->host without deciding the backend (the hook uses
 * this while the simulator is in the middle of marking the root).
 */
static DWORD resolve_plain(prjsim__fpath *fp, PCWSTR path, unsigned options)
{
    memset(fp, 0, sizeof *fp);
    if (!path)
        return ERROR_INVALID_PARAMETER;
    if (!path[0])
        return ERROR_PATH_NOT_FOUND;
    /* \\?\X:\ and \\.\X:\ name the same files as X:\ here. */
    if (is_sep(path[0]) && is_sep(path[1]) && (path[2] == L'?' || path[2] == L'.') &&
        is_sep(path[3]) && path[4] && path[5] == L':')
        path += 4;
    else if (is_sep(path[0]) && is_sep(path[1]))
        return ERROR_BAD_NETPATH; /* UNC paths: no network here */
    DWORD err;
    WCHAR *full = prjsim__paths_full(path, &err);
    if (!full)
        return err;
    size_t n = wcslen(full);
    fp->trailing_sep = n > 3 && full[n - 1] == L'\\';
    if (fp->trailing_sep)
        full[--n] = 0;
    WCHAR d = full[0] >= L'a' && full[0] <= L'z' ? (WCHAR)(full[0] - 0x20) : full[0];
    if (n < 3 || d < L'A' || d > L'Z' || full[1] != L':' || full[2] != L'\\') {
        free(full);
        return ERROR_INVALID_NAME;
    }
    full[0] = d;
    fp->drive_root = n == 3;
    const WCHAR *last = wcsrchr(full, L'\\') + 1;
    for (const WCHAR *p = full + 3; *p; p++) {
        if (*p != L'\\' && bad_char(*p, (options & PRJSIM__RESOLVE_WILDCARDS) && p >= last)) {
            free(full);
            return ERROR_INVALID_NAME;
        }
    }
    fp->win = full;
    err = host_of(full, &fp->host);
    if (err)
        prjsim__files_fpath_free(fp);
    return err;
}

prjsim_sim *prjsim__files_sim(void)
{
    return prjsim_sim_current();
}

/*
 * Loads the saved root that @p win lies in, if any and not loaded yet. A state that cannot
 * be read fails the call with ERROR_FILE_CORRUPT, reported once on stderr with its reason.
 */
static DWORD load_state(prjsim_sim *sim, PCWSTR win)
{
    if (!atomic_load(&state_on))
        return 0;
    pthread_mutex_lock(&state_lock);
    char *dir = state_dir ? strdup(state_dir) : NULL;
    pthread_mutex_unlock(&state_lock);
    if (!dir)
        return 0;
    char msg[1024];
    HRESULT hr = prjsim_state_load(sim, dir, win, msg, sizeof msg);
    free(dir);
    if (SUCCEEDED(hr))
        return 0;
    static atomic_bool reported;
    if (!atomic_exchange(&reported, true))
        fprintf(stderr, "prjsim: %s\n", msg);
    return ERROR_FILE_CORRUPT;
}

HRESULT prjsim_drives_set_state(const char *dir, bool save)
{
    if (dir && !dir[0])
        return E_INVALIDARG;
    char *abs = NULL;
    if (dir) {
        int rc = make_dirs(dir);
        if (rc || !(abs = realpath(dir, NULL)))
            return HRESULT_FROM_WIN32(prjsim__files_errno(rc ? rc : errno, NULL));
    }
    pthread_mutex_lock(&state_lock);
    free(state_dir);
    state_dir = abs;
    state_save = abs && save;
    atomic_store(&state_on, abs != NULL);
    pthread_mutex_unlock(&state_lock);
    return S_OK;
}

HRESULT prjsim_drives_save_state(bool try_only, char *error, size_t error_size)
{
    pthread_mutex_lock(&state_lock);
    char *dir = state_dir && state_save ? strdup(state_dir) : NULL;
    pthread_mutex_unlock(&state_lock);
    if (!dir)
        return S_FALSE;
    HRESULT hr = prjsim_state_save(prjsim__files_sim(), dir, try_only, error, error_size);
    free(dir);
    return hr;
}

DWORD prjsim__files_resolve(prjsim__fpath *fp, PCWSTR path, unsigned options)
{
    prjsim__files_ensure_init();
    DWORD err = resolve_plain(fp, path, options);
    if (!err && (err = load_state(prjsim__files_sim(), fp->win)) != 0)
        prjsim__files_fpath_free(fp);
    if (!err) {
        prjsim_sim *sim = prjsim__files_sim();
        fp->sim = atomic_load(&whole_volume) == sim || prjsim_sim_is_inside_root(sim, fp->win);
    }
    return err;
}

void prjsim_drives_simulate_volume(prjsim_sim *sim)
{
    atomic_store(&whole_volume, sim);
}

HRESULT prjsim_drives_to_host(PCWSTR win_path, char *out, size_t size)
{
    prjsim__fpath fp;
    DWORD err = resolve_plain(&fp, win_path, PRJSIM__RESOLVE_WILDCARDS);
    if (err == ERROR_NOT_ENOUGH_MEMORY)
        return E_OUTOFMEMORY;
    if (err)
        return E_INVALIDARG;
    size_t len = strlen(fp.host);
    HRESULT hr = S_OK;
    if (!out || len + 1 > size)
        hr = HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER);
    else
        memcpy(out, fp.host, len + 1);
    prjsim__files_fpath_free(&fp);
    return hr;
}

/* ---- the missing-path hook ---- */

static WCHAR *join(const WCHAR *dir, const WCHAR *name)
{
    size_t a = wcslen(dir), b = wcslen(name);
    WCHAR *s = malloc((a + b + 2) * sizeof(WCHAR));
    if (!s)
        return NULL;
    memcpy(s, dir, a * sizeof(WCHAR));
    s[a] = L'\\';
    memcpy(s + a + 1, name, (b + 1) * sizeof(WCHAR));
    return s;
}

static void *read_host_file(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *data = NULL;
    if (fstat(fd, &st) == 0 && (data = malloc((size_t)st.st_size + 1))) {
        size_t at = 0;
        while (at < (size_t)st.st_size) {
            ssize_t r = read(fd, data + at, (size_t)st.st_size - at);
            if (r <= 0)
                break;
            at += (size_t)r;
        }
        *size = at;
    }
    close(fd);
    return data;
}

/*
 * Copies the content of host directory @p host into the simulated directory @p win (outside
 * every root at this point, so plain client operations create full files and directories).
 */
static void import_tree(prjsim_sim *sim, const char *host, const WCHAR *win, int depth)
{
    DIR *d = opendir(host);
    if (!d || depth > 64) {
        if (d)
            closedir(d);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t n = strlen(host) + strlen(e->d_name) + 2;
        char *child_host = malloc(n);
        WCHAR *name = prjsim__paths_wide(e->d_name);
        WCHAR *child_win = name && child_host ? join(win, name) : NULL;
        prjsim__fstat st;
        if (child_win) {
            snprintf(child_host, n, "%s/%s", host, e->d_name);
            prjsim__fpath cp = {.win = child_win, .host = child_host};
            if (prjsim__files_host.stat(&cp, &st) == 0) {
                NTSTATUS s = STATUS_SUCCESS;
                if (st.attributes & FILE_ATTRIBUTE_DIRECTORY) {
                    s = prjsim_client_create_directory(sim, child_win);
                    if (s == STATUS_SUCCESS)
                        import_tree(sim, child_host, child_win, depth + 1);
                } else {
                    size_t size = 0;
                    void *data = read_host_file(child_host, &size);
                    s = data ? prjsim_client_write_file(sim, child_win, data, size)
                             : STATUS_ACCESS_DENIED;
                    free(data);
                }
                if (s == STATUS_SUCCESS) {
                    DWORD attrs = st.attributes & FILE_ATTRIBUTE_VALID_SET_FLAGS;
                    prjsim_client_set_times(sim, child_win, st.creation, st.access, st.write,
                                            st.change, attrs);
                }
            }
        }
        free(child_win);
        free(name);
        free(child_host);
    }
    closedir(d);
}

static void missing_path_hook(prjsim_sim *sim, PCWSTR full_path, void *payload)
{
    (void)payload;
    if (atomic_load(&whole_volume) == sim)
        return; /* the simulated volume is the whole world: no host folder to bring in */
    prjsim__fpath fp;
    if (resolve_plain(&fp, full_path, 0) != 0)
        return;
    /* A root saved by an earlier process comes back as it was, not from the host folder. */
    load_state(sim, fp.win);
    prjsim__fstat st;
    if (!fp.drive_root && !prjsim_sim_is_inside_root(sim, fp.win) &&
        prjsim__files_host.stat(&fp, &st) == 0 && (st.attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        HRESULT hr = prjsim_volume_create_directory(sim, fp.win);
        if (hr == S_OK || hr == HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS))
            import_tree(sim, fp.host, fp.win, 0);
    }
    prjsim__files_fpath_free(&fp);
}

void prjsim__files_ensure_init(void)
{
    prjsim_sim *sim = prjsim__files_sim();
    if (atomic_load(&hooked) == sim)
        return;
    /* Its own lock: the simulator's lock is taken inside, and nothing else nests in it. */
    static pthread_mutex_t hook_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&hook_lock);
    if (atomic_load(&hooked) != sim) {
        prjsim_sim_set_missing_path_hook(sim, missing_path_hook, NULL);
        atomic_store(&hooked, sim);
    }
    pthread_mutex_unlock(&hook_lock);
    /* The drives directory itself is made when a host path is first needed (host_of). */
}

void prjsim_win_files_init(void)
{
    prjsim__files_ensure_init();
}

/* ---- temporary files ---- */

static const WCHAR temp_dir[] = L"C:\\Temp\\";

DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    /* The folder is made on demand; success leaves the caller's last error alone. */
    DWORD caller_error = GetLastError();
    CreateDirectoryW(temp_dir, NULL);
    SetLastError(caller_error);
    size_t len = wcslen(temp_dir);
    if (!lpBuffer || len + 1 > nBufferLength)
        return (DWORD)(len + 1);
    memcpy(lpBuffer, temp_dir, (len + 1) * sizeof(WCHAR));
    return (DWORD)len;
}

DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer)
{
    WCHAR w[16];
    GetTempPathW(16, w);
    size_t len = wcslen(w);
    if (!lpBuffer || len + 1 > nBufferLength)
        return (DWORD)(len + 1);
    for (size_t i = 0; i <= len; i++)
        lpBuffer[i] = (char)w[i];
    return (DWORD)len;
}

UINT WINAPI GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique,
                             LPWSTR lpTempFileName)
{
    if (!lpPathName || !lpTempFileName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    static atomic_uint counter;
    WCHAR prefix[4] = L"";
    if (lpPrefixString)
        wcsncat(prefix, lpPrefixString, 3);
    size_t dl = wcslen(lpPathName);
    bool sep = dl && (lpPathName[dl - 1] == L'\\' || lpPathName[dl - 1] == L'/');
    if (dl + 16 > MAX_PATH) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return 0;
    }
    unsigned start = (unsigned)getpid() * 31u + atomic_fetch_add(&counter, 1u);
    for (unsigned i = 0; i < 0x10000; i++) {
        UINT u = uUnique ? (uUnique & 0xFFFF) : ((start + i) & 0xFFFF);
        if (!u)
            continue;
        swprintf(lpTempFileName, MAX_PATH, L"%ls%ls%ls%X.TMP", lpPathName, sep ? L"" : L"\\",
                 prefix, u);
        if (uUnique)
            return u;
        HANDLE h = CreateFileW(lpTempFileName, GENERIC_WRITE, 0, NULL, CREATE_NEW,
                               FILE_ATTRIBUTE_NORMAL, NULL);
        if (h != INVALID_HANDLE_VALUE) {
            CloseHandle(h);
            SetLastError(ERROR_SUCCESS);
            return u;
        }
        if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ALREADY_EXISTS)
            return 0;
    }
    SetLastError(ERROR_FILE_EXISTS);
    return 0;
}

UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique,
                             LPSTR lpTempFileName)
{
    if (!lpPathName || !lpTempFileName) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    WCHAR *path = prjsim__paths_wide(lpPathName);
    WCHAR *prefix = lpPrefixString ? prjsim__paths_wide(lpPrefixString) : NULL;
    WCHAR out[MAX_PATH];
    UINT r = 0;
    if (path && (prefix || !lpPrefixString)) {
        r = GetTempFileNameW(path, prefix, uUnique, out);
        if (r) {
            char *u = prjsim__paths_utf8(out);
            if (u && strlen(u) < MAX_PATH)
                strcpy(lpTempFileName, u);
            else
                r = 0, SetLastError(ERROR_FILENAME_EXCED_RANGE);
            free(u);
        }
    } else {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    free(path);
    free(prefix);
    return r;
}
