/* SPDX-License-Identifier: MIT */
/*
 * The registry: one in-process tree per predefined key, behind the Reg* functions of
 * prjsim_win/winreg.h. Keys keep their subkeys sorted by upper-cased name (the order a hive
 * stores and enumerates them in) and their values in creation order. A handle is a small heap
 * object listed in a table, so a stale or made-up HKEY gives ERROR_INVALID_HANDLE instead of a
 * crash. One mutex guards everything: registry calls are short.
 *
 * String data (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ) is stored as the W functions see it, in
 * WCHAR units; the A functions convert it to and from UTF-8 (the ANSI code page here).
 */
#include <windows.h>
#include <prjsim/registry.h>

#include "../sim/names.h"
#include "registry.h"
#include "utf.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEY_NAME 255
#define HANDLE_MAGIC 0x4b455947u /* "GYEK" */

typedef struct reg_value {
    WCHAR *name;
    DWORD type;
    BYTE *data;
    DWORD size;
} reg_value;

typedef struct reg_key {
    WCHAR *name;
    WCHAR *class_name; /* NULL: none */
    struct reg_key *parent;
    struct reg_key **subkeys; /* sorted by prjsim__name_compare_n */
    size_t nsub, capsub;
    reg_value *values; /* creation order */
    size_t nval, capval;
    FILETIME written;
    size_t handles;
    bool deleted;
} reg_key;

typedef struct reg_handle {
    uint32_t magic;
    reg_key *key;
    REGSAM access;
} reg_handle;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Indexed by the low bits of the predefined HKEY values; HKEY_PERFORMANCE_DATA (4) has none. */
static const struct {
    const WCHAR *name, *abbrev;
} root_names[] = {
    {L"HKEY_CLASSES_ROOT", L"HKCR"}, {L"HKEY_CURRENT_USER", L"HKCU"},
    {L"HKEY_LOCAL_MACHINE", L"HKLM"}, {L"HKEY_USERS", L"HKU"},
    {NULL, NULL},                     {L"HKEY_CURRENT_CONFIG", L"HKCC"},
};
#define ROOT_COUNT (sizeof root_names / sizeof root_names[0])
static reg_key roots[ROOT_COUNT];

static reg_handle **live;
static size_t nlive, caplive;

/* ---- Keys and values ---- */

static void stamp(reg_key *k)
{
    GetSystemTimeAsFileTime(&k->written);
}

static WCHAR *wdup_n(const WCHAR *s, size_t n)
{
    WCHAR *d = malloc((n + 1) * sizeof *d);
    if (d) {
        memcpy(d, s, n * sizeof *d);
        d[n] = 0;
    }
    return d;
}

static int name_cmp(const WCHAR *a, size_t alen, const WCHAR *b)
{
    return prjsim__name_compare_n(a, alen, b, wcslen(b));
}

/* The index of subkey @p name in @p k, or where it would go (*found false). */
static size_t find_sub(const reg_key *k, const WCHAR *name, size_t len, bool *found)
{
    size_t lo = 0, hi = k->nsub;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = name_cmp(name, len, k->subkeys[mid]->name);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    *found = false;
    return lo;
}

static reg_value *find_value(const reg_key *k, const WCHAR *name)
{
    if (!name)
        name = L"";
    size_t len = wcslen(name);
    for (size_t i = 0; i < k->nval; i++)
        if (name_cmp(name, len, k->values[i].name) == 0)
            return &k->values[i];
    return NULL;
}

static void free_key_if_unused(reg_key *k);

/* Takes @p k out of the tree with its subtree; keys still open live on, marked deleted. */
static void detach(reg_key *k)
{
    while (k->nsub)
        detach(k->subkeys[k->nsub - 1]);
    reg_key *p = k->parent;
    if (p) {
        bool found;
        size_t at = find_sub(p, k->name, wcslen(k->name), &found);
        if (found) {
            memmove(&p->subkeys[at], &p->subkeys[at + 1], (p->nsub - at - 1) * sizeof *p->subkeys);
            p->nsub--;
            stamp(p);
        }
    }
    k->parent = NULL;
    k->deleted = true;
    for (size_t i = 0; i < k->nval; i++) {
        free(k->values[i].name);
        free(k->values[i].data);
    }
    free(k->values);
    k->values = NULL;
    k->nval = k->capval = 0;
    free_key_if_unused(k);
}

static void free_key_if_unused(reg_key *k)
{
    if (!k->deleted || k->handles || k->nsub)
        return;
    free(k->subkeys);
    free(k->name);
    free(k->class_name);
    free(k);
}

static reg_key *add_sub(reg_key *p, const WCHAR *name, size_t len, size_t at, const WCHAR *cls)
{
    if (p->nsub == p->capsub) {
        size_t cap = p->capsub ? p->capsub * 2 : 4;
        reg_key **s = realloc(p->subkeys, cap * sizeof *s);
        if (!s)
            return NULL;
        p->subkeys = s;
        p->capsub = cap;
    }
    reg_key *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->name = wdup_n(name, len);
    k->class_name = cls && *cls ? wdup_n(cls, wcslen(cls)) : NULL;
    if (!k->name) {
        free(k->class_name);
        free(k);
        return NULL;
    }
    k->parent = p;
    stamp(k);
    memmove(&p->subkeys[at + 1], &p->subkeys[at], (p->nsub - at) * sizeof *p->subkeys);
    p->subkeys[at] = k;
    p->nsub++;
    stamp(p);
    return k;
}

static LSTATUS set_value(reg_key *k, const WCHAR *name, DWORD type, const BYTE *data,
                         DWORD size)
{
    if (!name)
        name = L"";
    BYTE *copy = malloc(size ? size : 1);
    if (!copy)
        return ERROR_OUTOFMEMORY;
    if (size)
        memcpy(copy, data, size);
    reg_value *v = find_value(k, name);
    if (!v) {
        if (k->nval == k->capval) {
            size_t cap = k->capval ? k->capval * 2 : 4;
            reg_value *nv = realloc(k->values, cap * sizeof *nv);
            if (!nv) {
                free(copy);
                return ERROR_OUTOFMEMORY;
            }
            k->values = nv;
            k->capval = cap;
        }
        WCHAR *n = wdup_n(name, wcslen(name));
        if (!n) {
            free(copy);
            return ERROR_OUTOFMEMORY;
        }
        v = &k->values[k->nval++];
        v->name = n;
        v->data = NULL;
    }
    free(v->data);
    v->type = type;
    v->data = copy;
    v->size = size;
    stamp(k);
    return ERROR_SUCCESS;
}

/* ---- Handles ---- */

static int root_index(HKEY h)
{
    uintptr_t base = (uintptr_t)HKEY_CLASSES_ROOT, v = (uintptr_t)h;
    if (v < base || v - base >= ROOT_COUNT || !root_names[v - base].name)
        return -1;
    return (int)(v - base);
}

static reg_key *root_key(int i)
{
    reg_key *k = &roots[i];
    if (!k->name) {
        k->name = (WCHAR *)root_names[i].name;
        stamp(k);
    }
    return k;
}

/* The key of @p h with its access rights; call with the lock held. */
static LSTATUS resolve(HKEY h, reg_key **key, REGSAM *access)
{
    int r = root_index(h);
    if (r >= 0) {
        *key = root_key(r);
        *access = KEY_ALL_ACCESS;
        return ERROR_SUCCESS;
    }
    for (size_t i = nlive; i-- > 0;) {
        if ((HKEY)live[i] == h) {
            if (live[i]->key->deleted)
                return ERROR_KEY_DELETED;
            *key = live[i]->key;
            *access = live[i]->access;
            return ERROR_SUCCESS;
        }
    }
    return ERROR_INVALID_HANDLE;
}

static REGSAM map_access(REGSAM sam)
{
    REGSAM out = sam & (KEY_ALL_ACCESS | KEY_WOW64_RES);
    if (sam & (GENERIC_READ | GENERIC_EXECUTE))
        out |= KEY_READ;
    if (sam & GENERIC_WRITE)
        out |= KEY_WRITE;
    if (sam & (GENERIC_ALL | MAXIMUM_ALLOWED))
        out |= KEY_ALL_ACCESS;
    return out;
}

static LSTATUS new_handle(reg_key *k, REGSAM sam, HKEY *out)
{
    if (nlive == caplive) {
        size_t cap = caplive ? caplive * 2 : 16;
        reg_handle **l = realloc(live, cap * sizeof *l);
        if (!l)
            return ERROR_OUTOFMEMORY;
        live = l;
        caplive = cap;
    }
    reg_handle *h = malloc(sizeof *h);
    if (!h)
        return ERROR_OUTOFMEMORY;
    h->magic = HANDLE_MAGIC;
    h->key = k;
    h->access = map_access(sam);
    k->handles++;
    live[nlive++] = h;
    *out = (HKEY)h;
    return ERROR_SUCCESS;
}

/* ---- Paths ---- */

/*
 * Walks @p path ("a\b\c"; a trailing backslash is allowed) from @p k. With @p create, missing
 * keys are made (*created says whether the last one was). Lock held.
 */
static LSTATUS walk(reg_key *k, const WCHAR *path, bool create, const WCHAR *cls,
                    REGSAM access, reg_key **out, bool *created)
{
    if (created)
        *created = false;
    if (path[0] == L'\\')
        return ERROR_BAD_PATHNAME;
    const WCHAR *p = path;
    while (*p) {
        const WCHAR *end = wcschr(p, L'\\');
        size_t len = end ? (size_t)(end - p) : wcslen(p);
        if (len == 0)
            return ERROR_BAD_PATHNAME;
        if (len > MAX_KEY_NAME)
            return create ? ERROR_INVALID_PARAMETER : ERROR_FILE_NOT_FOUND;
        bool found;
        size_t at = find_sub(k, p, len, &found);
        if (found) {
            k = k->subkeys[at];
        } else if (!create) {
            return ERROR_FILE_NOT_FOUND;
        } else {
            if (!(access & KEY_CREATE_SUB_KEY))
                return ERROR_ACCESS_DENIED;
            bool last = !end || !end[1];
            k = add_sub(k, p, len, at, last ? cls : NULL);
            if (!k)
                return ERROR_OUTOFMEMORY;
            if (created)
                *created = last;
        }
        p = end ? end + 1 : p + len;
    }
    *out = k;
    return ERROR_SUCCESS;
}

/* ---- Narrow <-> wide ---- */

static bool is_string_type(DWORD type)
{
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

/* malloc'd wide copy of a narrow name; *ok false only when memory runs out. NULL stays NULL. */
static WCHAR *widen(const char *s, bool *ok)
{
    *ok = true;
    if (!s)
        return NULL;
    WCHAR *w = prjsim__wide_from_utf8(s, strlen(s), NULL);
    if (!w)
        *ok = false;
    return w;
}

/* Wide string data as UTF-8 bytes (the NULs kept), malloc'd. */
static BYTE *narrow_data(const BYTE *data, DWORD size, DWORD *out_size)
{
    size_t units = size / sizeof(WCHAR);
    WCHAR *w = malloc((units + 1) * sizeof *w);
    if (!w)
        return NULL;
    if (units)
        memcpy(w, data, units * sizeof *w);
    /* Convert piecewise so embedded NULs (REG_MULTI_SZ) survive. */
    char *out = malloc(units * 4 + 1);
    size_t n = 0;
    if (out) {
        size_t i = 0;
        while (i < units) {
            if (w[i] == 0) {
                out[n++] = 0;
                i++;
                continue;
            }
            size_t len = 0;
            while (i + len < units && w[i + len])
                len++;
            size_t got;
            char *part = prjsim__utf8_from_wide(w + i, len, &got);
            if (!part) {
                free(out);
                out = NULL;
                break;
            }
            memcpy(out + n, part, got);
            n += got;
            free(part);
            i += len;
        }
    }
    free(w);
    *out_size = (DWORD)n;
    return (BYTE *)out;
}

/* UTF-8 string data as wide data (the NULs kept), malloc'd. */
static BYTE *widen_data(const BYTE *data, DWORD size, DWORD *out_size)
{
    WCHAR *out = malloc(((size_t)size + 1) * sizeof *out);
    size_t n = 0, i = 0;
    if (!out)
        return NULL;
    while (i < size) {
        if (data[i] == 0) {
            out[n++] = 0;
            i++;
            continue;
        }
        size_t len = 0;
        while (i + len < size && data[i + len])
            len++;
        size_t got;
        WCHAR *part = prjsim__wide_from_utf8((const char *)data + i, len, &got);
        if (!part) {
            free(out);
            return NULL;
        }
        memcpy(out + n, part, got * sizeof *out);
        n += got;
        free(part);
        i += len;
    }
    *out_size = (DWORD)(n * sizeof *out);
    return (BYTE *)out;
}

/* ---- Copying data out ---- */

/* RegQueryValueEx's rules for handing @p size bytes to the caller. */
static LSTATUS copy_out(const BYTE *src, DWORD size, BYTE *data, DWORD *cb)
{
    if (!cb)
        return ERROR_SUCCESS;
    if (!data) {
        *cb = size;
        return ERROR_SUCCESS;
    }
    if (*cb < size) {
        *cb = size;
        return ERROR_MORE_DATA;
    }
    if (size)
        memcpy(data, src, size);
    *cb = size;
    return ERROR_SUCCESS;
}

/* The caller's view of @p v's data: a copy, narrowed for the A functions. */
static BYTE *view_data(const reg_value *v, bool narrow, DWORD *size)
{
    if (narrow && is_string_type(v->type))
        return narrow_data(v->data, v->size, size);
    BYTE *d = malloc(v->size ? v->size : 1);
    if (d && v->size)
        memcpy(d, v->data, v->size);
    *size = v->size;
    return d;
}

/* RegQueryValueEx's and RegEnumValue's output of @p v: its type and data (narrowed for A). */
static LSTATUS value_out(const reg_value *v, bool narrow, DWORD *type, BYTE *data, DWORD *cb)
{
    DWORD size;
    BYTE *view = view_data(v, narrow, &size);
    if (!view)
        return ERROR_OUTOFMEMORY;
    if (type)
        *type = v->type;
    LSTATUS rc = copy_out(view, size, data, cb);
    free(view);
    return rc;
}

/* ---- The functions, wide ---- */

static LSTATUS open_key(HKEY hKey, LPCWSTR sub, REGSAM sam, PHKEY out, bool same_if_empty)
{
    if (!out)
        return ERROR_INVALID_PARAMETER;
    pthread_mutex_lock(&lock);
    reg_key *k;
    REGSAM access;
    LSTATUS rc = resolve(hKey, &k, &access);
    if (rc == ERROR_SUCCESS && (!sub || !*sub) && (same_if_empty || root_index(hKey) >= 0)) {
        *out = hKey;
    } else if (rc == ERROR_SUCCESS) {
        rc = walk(k, sub ? sub : L"", false, NULL, 0, &k, NULL);
        if (rc == ERROR_SUCCESS)
            rc = new_handle(k, sam, out);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

LSTATUS WINAPI RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                             PHKEY phkResult)
{
    (void)ulOptions;
    return open_key(hKey, lpSubKey, samDesired, phkResult, false);
}

LSTATUS WINAPI RegOpenKeyW(HKEY hKey, LPCWSTR lpSubKey, PHKEY phkResult)
{
    return open_key(hKey, lpSubKey, KEY_ALL_ACCESS, phkResult, true);
}

static LSTATUS create_key(HKEY hKey, LPCWSTR sub, LPCWSTR cls, REGSAM sam, PHKEY out,
                          LPDWORD disposition, bool same_if_empty)
{
    if (!out || !sub)
        return ERROR_INVALID_PARAMETER;
    pthread_mutex_lock(&lock);
    reg_key *k;
    REGSAM access;
    bool created = false;
    LSTATUS rc = resolve(hKey, &k, &access);
    if (rc == ERROR_SUCCESS && !*sub && same_if_empty) {
        *out = hKey;
    } else if (rc == ERROR_SUCCESS) {
        /* "" gives a new handle to hKey's key, a predefined one too (RegCreateKeyEx's docs). */
        rc = walk(k, sub, true, cls, access, &k, &created);
        if (rc == ERROR_SUCCESS)
            rc = new_handle(k, sam, out);
    }
    if (rc == ERROR_SUCCESS && disposition)
        *disposition = created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
    pthread_mutex_unlock(&lock);
    return rc;
}

LSTATUS WINAPI RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, LPWSTR lpClass,
                               DWORD dwOptions, REGSAM samDesired,
                               const SECURITY_ATTRIBUTES *lpSecurityAttributes, PHKEY phkResult,
                               LPDWORD lpdwDisposition)
{
    (void)Reserved;
    (void)dwOptions;
    (void)lpSecurityAttributes;
    return create_key(hKey, lpSubKey, lpClass, samDesired, phkResult, lpdwDisposition, false);
}

LSTATUS WINAPI RegCreateKeyW(HKEY hKey, LPCWSTR lpSubKey, PHKEY phkResult)
{
    return create_key(hKey, lpSubKey ? lpSubKey : L"", NULL, KEY_ALL_ACCESS, phkResult, NULL,
                      true);
}

LSTATUS WINAPI RegCloseKey(HKEY hKey)
{
    if (root_index(hKey) >= 0)
        return ERROR_SUCCESS;
    pthread_mutex_lock(&lock);
    LSTATUS rc = ERROR_INVALID_HANDLE;
    for (size_t i = nlive; i-- > 0;) {
        if ((HKEY)live[i] == hKey) {
            reg_handle *h = live[i];
            live[i] = live[--nlive];
            h->key->handles--;
            free_key_if_unused(h->key);
            h->magic = 0;
            free(h);
            rc = ERROR_SUCCESS;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

/* Finds the value @p name of @p hKey for reading; lock held on success. */
static LSTATUS lock_value(HKEY hKey, LPCWSTR name, REGSAM need, reg_key **key, reg_value **v)
{
    pthread_mutex_lock(&lock);
    REGSAM access;
    LSTATUS rc = resolve(hKey, key, &access);
    if (rc == ERROR_SUCCESS && !(access & need))
        rc = ERROR_ACCESS_DENIED;
    if (rc == ERROR_SUCCESS && v) {
        *v = find_value(*key, name);
        if (!*v)
            rc = ERROR_FILE_NOT_FOUND;
    }
    if (rc != ERROR_SUCCESS)
        pthread_mutex_unlock(&lock);
    return rc;
}

static LSTATUS query_value(HKEY hKey, LPCWSTR name, LPDWORD type, LPBYTE data, LPDWORD cb,
                           bool narrow)
{
    if (data && !cb)
        return ERROR_INVALID_PARAMETER;
    reg_key *k;
    reg_value *v;
    LSTATUS rc = lock_value(hKey, name, KEY_QUERY_VALUE, &k, &v);
    if (rc != ERROR_SUCCESS)
        return rc;
    rc = value_out(v, narrow, type, data, cb);
    pthread_mutex_unlock(&lock);
    return rc;
}

LSTATUS WINAPI RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, LPDWORD lpReserved,
                                LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData)
{
    (void)lpReserved;
    return query_value(hKey, lpValueName, lpType, lpData, lpcbData, false);
}

/* %NAME% references replaced by the environment's values; unknown names stay as written. */
static WCHAR *expand(const WCHAR *s, size_t n)
{
    size_t cap = n + 1, len = 0;
    WCHAR *out = malloc(cap * sizeof *out);
    for (size_t i = 0; out && i < n;) {
        const WCHAR *piece = s + i;
        size_t plen = 1;
        WCHAR *value = NULL;
        if (s[i] == L'%') {
            size_t j = i + 1;
            while (j < n && s[j] != L'%')
                j++;
            if (j < n && j > i + 1) {
                char *var = prjsim__utf8_from_wide(s + i + 1, j - i - 1, NULL);
                const char *env = var ? getenv(var) : NULL;
                free(var);
                plen = j - i + 1;
                if (env) {
                    size_t vlen;
                    value = prjsim__wide_from_utf8(env, strlen(env), &vlen);
                    piece = value;
                    if (value)
                        value[vlen] = 0;
                }
            }
        }
        size_t take = value ? wcslen(value) : plen;
        if (len + take + 1 > cap) {
            cap = (len + take + 1) * 2;
            WCHAR *grown = realloc(out, cap * sizeof *out);
            if (!grown) {
                free(out);
                free(value);
                return NULL;
            }
            out = grown;
        }
        memcpy(out + len, piece, take * sizeof *out);
        len += take;
        i += plen;
        free(value);
    }
    if (out)
        out[len] = 0;
    return out;
}

static DWORD rrf_bit(DWORD type)
{
    switch (type) {
    case REG_NONE: return RRF_RT_REG_NONE;
    case REG_SZ: return RRF_RT_REG_SZ;
    case REG_EXPAND_SZ: return RRF_RT_REG_EXPAND_SZ;
    case REG_BINARY: return RRF_RT_REG_BINARY;
    case REG_DWORD: return RRF_RT_REG_DWORD;
    case REG_MULTI_SZ: return RRF_RT_REG_MULTI_SZ;
    case REG_QWORD: return RRF_RT_REG_QWORD;
    default: return 0;
    }
}

/* The data RegGetValue hands out (terminated, expanded), as wide; malloc'd. */
static LSTATUS get_value_data(const reg_value *v, DWORD flags, DWORD *type, BYTE **out,
                              DWORD *size)
{
    DWORD t = v->type;
    bool expanding = t == REG_EXPAND_SZ && !(flags & RRF_NOEXPAND);
    DWORD bit = expanding ? RRF_RT_REG_SZ : rrf_bit(t);
    DWORD rt = flags & RRF_RT_ANY;
    if (rt != RRF_RT_ANY && !(rt & bit))
        return ERROR_UNSUPPORTED_TYPE;
    if ((t == REG_DWORD && v->size != 4) || (t == REG_QWORD && v->size != 8))
        return ERROR_DATATYPE_MISMATCH;
    if (!is_string_type(t)) {
        *out = malloc(v->size ? v->size : 1);
        if (!*out)
            return ERROR_OUTOFMEMORY;
        if (v->size)
            memcpy(*out, v->data, v->size);
        *size = v->size;
        *type = t;
        return ERROR_SUCCESS;
    }
    size_t units = v->size / sizeof(WCHAR);
    const WCHAR *w = (const WCHAR *)(const void *)v->data;
    /* Terminate: one NUL for a string, two for a multi-string. */
    size_t need = t == REG_MULTI_SZ ? 2 : 1, have = 0;
    while (have < need && have < units && w[units - 1 - have] == 0)
        have++;
    WCHAR *s = malloc((units + need + 1) * sizeof *s);
    if (!s)
        return ERROR_OUTOFMEMORY;
    if (units)
        memcpy(s, w, units * sizeof *s);
    if (t == REG_MULTI_SZ && units == 0)
        need = 1; /* an empty multi-string is one NUL */
    for (size_t i = have; i < need; i++)
        s[units++] = 0;
    if (expanding) {
        WCHAR *e = expand(s, wcslen(s));
        free(s);
        if (!e)
            return ERROR_OUTOFMEMORY;
        s = e;
        units = wcslen(s) + 1;
        t = REG_SZ;
    }
    *out = (BYTE *)s;
    *size = (DWORD)(units * sizeof(WCHAR));
    *type = t;
    return ERROR_SUCCESS;
}

static LSTATUS get_value(HKEY hkey, LPCWSTR sub, LPCWSTR name, DWORD flags, LPDWORD pdwType,
                         PVOID pvData, LPDWORD pcbData, bool narrow)
{
    DWORD rt = flags & RRF_RT_ANY;
    if (!rt || (pvData && !pcbData) ||
        ((rt & RRF_RT_REG_EXPAND_SZ) && rt != RRF_RT_ANY && !(flags & RRF_NOEXPAND)))
        return ERROR_INVALID_PARAMETER;
    DWORD given = pcbData ? *pcbData : 0;
    HKEY h = hkey;
    LSTATUS rc = ERROR_SUCCESS;
    if (sub && *sub)
        rc = RegOpenKeyExW(hkey, sub, 0, KEY_QUERY_VALUE, &h);
    reg_key *k;
    reg_value *v;
    if (rc == ERROR_SUCCESS) {
        rc = lock_value(h, name, KEY_QUERY_VALUE, &k, &v);
        if (rc == ERROR_SUCCESS) {
            BYTE *data = NULL;
            DWORD size = 0, type = 0;
            rc = get_value_data(v, flags, &type, &data, &size);
            if (rc == ERROR_SUCCESS && narrow && is_string_type(type)) {
                BYTE *n = narrow_data(data, size, &size);
                free(data);
                data = n;
                if (!data)
                    rc = ERROR_OUTOFMEMORY;
            }
            if (rc == ERROR_SUCCESS) {
                if (pdwType)
                    *pdwType = type;
                rc = copy_out(data, size, pvData, pcbData);
            }
            free(data);
            pthread_mutex_unlock(&lock);
        }
        if (h != hkey)
            RegCloseKey(h);
    }
    if (rc != ERROR_SUCCESS && (flags & RRF_ZEROONFAILURE) && pvData && given)
        memset(pvData, 0, given);
    return rc;
}

LSTATUS WINAPI RegGetValueW(HKEY hkey, LPCWSTR lpSubKey, LPCWSTR lpValue, DWORD dwFlags,
                            LPDWORD pdwType, PVOID pvData, LPDWORD pcbData)
{
    return get_value(hkey, lpSubKey, lpValue, dwFlags, pdwType, pvData, pcbData, false);
}

LSTATUS WINAPI RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType,
                              const BYTE *lpData, DWORD cbData)
{
    (void)Reserved;
    if (!lpData && cbData)
        return ERROR_NOACCESS;
    reg_key *k;
    LSTATUS rc = lock_value(hKey, NULL, KEY_SET_VALUE, &k, NULL);
    if (rc != ERROR_SUCCESS)
        return rc;
    rc = set_value(k, lpValueName, dwType, lpData, cbData);
    pthread_mutex_unlock(&lock);
    return rc;
}

/* A name's length as the caller counts it: wide characters, or UTF-8 bytes. */
static DWORD name_len(const WCHAR *name, bool narrow)
{
    if (!narrow)
        return (DWORD)wcslen(name);
    size_t n = 0;
    free(prjsim__utf8_from_wide(name, wcslen(name), &n));
    return (DWORD)n;
}

static LSTATUS query_info(HKEY hKey, void *cls, LPDWORD cch_cls, LPDWORD subkeys,
                          LPDWORD max_sub, LPDWORD max_cls, LPDWORD values, LPDWORD max_vname,
                          LPDWORD max_vlen, LPDWORD sd, PFILETIME time, bool narrow)
{
    if (cls && !cch_cls)
        return ERROR_INVALID_PARAMETER;
    reg_key *k;
    LSTATUS rc = lock_value(hKey, NULL, KEY_QUERY_VALUE, &k, NULL);
    if (rc != ERROR_SUCCESS)
        return rc;
    if (cch_cls) {
        const WCHAR *c = k->class_name ? k->class_name : L"";
        DWORD len = name_len(c, narrow);
        if (cls && *cch_cls <= len) {
            rc = ERROR_MORE_DATA;
        } else if (cls && narrow) {
            char *n = prjsim__utf8_from_wide(c, wcslen(c), NULL);
            if (n)
                memcpy(cls, n, len + 1);
            free(n);
        } else if (cls) {
            memcpy(cls, c, (len + 1) * sizeof(WCHAR));
        }
        *cch_cls = len;
    }
    DWORD msub = 0, mcls = 0, mvn = 0, mvl = 0;
    for (size_t i = 0; i < k->nsub; i++) {
        DWORD l = (DWORD)wcslen(k->subkeys[i]->name);
        msub = l > msub ? l : msub;
        if (k->subkeys[i]->class_name) {
            l = (DWORD)wcslen(k->subkeys[i]->class_name);
            mcls = l > mcls ? l : mcls;
        }
    }
    for (size_t i = 0; i < k->nval; i++) {
        DWORD l = (DWORD)wcslen(k->values[i].name);
        mvn = l > mvn ? l : mvn;
        mvl = k->values[i].size > mvl ? k->values[i].size : mvl;
    }
    if (subkeys)
        *subkeys = (DWORD)k->nsub;
    if (max_sub)
        *max_sub = msub;
    if (max_cls)
        *max_cls = mcls;
    if (values)
        *values = (DWORD)k->nval;
    if (max_vname)
        *max_vname = mvn;
    if (max_vlen)
        *max_vlen = mvl;
    if (sd)
        *sd = 0;
    if (time)
        *time = k->written;
    pthread_mutex_unlock(&lock);
    return rc;
}

LSTATUS WINAPI RegQueryInfoKeyW(HKEY hKey, LPWSTR lpClass, LPDWORD lpcchClass,
                                LPDWORD lpReserved, LPDWORD lpcSubKeys,
                                LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen,
                                LPDWORD lpcValues, LPDWORD lpcbMaxValueNameLen,
                                LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor,
                                PFILETIME lpftLastWriteTime)
{
    (void)lpReserved;
    return query_info(hKey, lpClass, lpcchClass, lpcSubKeys, lpcbMaxSubKeyLen, lpcbMaxClassLen,
                      lpcValues, lpcbMaxValueNameLen, lpcbMaxValueLen, lpcbSecurityDescriptor,
                      lpftLastWriteTime, false);
}

/* Copies @p name into the caller's buffer of *cch characters (with the NUL). */
static LSTATUS name_out(const WCHAR *name, void *buf, LPDWORD cch, bool narrow)
{
    DWORD len = name_len(name, narrow);
    if (*cch <= len)
        return ERROR_MORE_DATA;
    if (narrow) {
        char *n = prjsim__utf8_from_wide(name, wcslen(name), NULL);
        if (!n)
            return ERROR_OUTOFMEMORY;
        memcpy(buf, n, len + 1);
        free(n);
    } else {
        memcpy(buf, name, (len + 1) * sizeof(WCHAR));
    }
    *cch = len;
    return ERROR_SUCCESS;
}

static LSTATUS enum_key(HKEY hKey, DWORD index, void *name, LPDWORD cch, void *cls,
                        LPDWORD cch_cls, PFILETIME time, bool narrow)
{
    if (!name || !cch || (cls && !cch_cls))
        return ERROR_INVALID_PARAMETER;
    reg_key *k;
    LSTATUS rc = lock_value(hKey, NULL, KEY_ENUMERATE_SUB_KEYS, &k, NULL);
    if (rc != ERROR_SUCCESS)
        return rc;
    if (index >= k->nsub) {
        rc = ERROR_NO_MORE_ITEMS;
    } else {
        reg_key *s = k->subkeys[index];
        rc = name_out(s->name, name, cch, narrow);
        if (rc == ERROR_SUCCESS && cls)
            rc = name_out(s->class_name ? s->class_name : L"", cls, cch_cls, narrow);
        if (rc == ERROR_SUCCESS && time)
            *time = s->written;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

LSTATUS WINAPI RegEnumKeyExW(HKEY hKey, DWORD dwIndex, LPWSTR lpName, LPDWORD lpcchName,
                             LPDWORD lpReserved, LPWSTR lpClass, LPDWORD lpcchClass,
                             PFILETIME lpftLastWriteTime)
{
    (void)lpReserved;
    return enum_key(hKey, dwIndex, lpName, lpcchName, lpClass, lpcchClass, lpftLastWriteTime,
                    false);
}

static LSTATUS enum_value(HKEY hKey, DWORD index, void *name, LPDWORD cch, LPDWORD type,
                          LPBYTE data, LPDWORD cb, bool narrow)
{
    if (!name || !cch || (data && !cb))
        return ERROR_INVALID_PARAMETER;
    reg_key *k;
    LSTATUS rc = lock_value(hKey, NULL, KEY_QUERY_VALUE, &k, NULL);
    if (rc != ERROR_SUCCESS)
        return rc;
    if (index >= k->nval) {
        rc = ERROR_NO_MORE_ITEMS;
    } else {
        const reg_value *v = &k->values[index];
        rc = name_out(v->name, name, cch, narrow);
        if (rc == ERROR_SUCCESS)
            rc = value_out(v, narrow, type, data, cb);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

LSTATUS WINAPI RegEnumValueW(HKEY hKey, DWORD dwIndex, LPWSTR lpValueName,
                             LPDWORD lpcchValueName, LPDWORD lpReserved, LPDWORD lpType,
                             LPBYTE lpData, LPDWORD lpcbData)
{
    (void)lpReserved;
    return enum_value(hKey, dwIndex, lpValueName, lpcchValueName, lpType, lpData, lpcbData,
                      false);
}

LSTATUS WINAPI RegDeleteKeyW(HKEY hKey, LPCWSTR lpSubKey)
{
    if (!lpSubKey)
        return ERROR_INVALID_PARAMETER;
    pthread_mutex_lock(&lock);
    reg_key *k;
    REGSAM access;
    LSTATUS rc = resolve(hKey, &k, &access);
    if (rc == ERROR_SUCCESS)
        rc = walk(k, lpSubKey, false, NULL, 0, &k, NULL);
    if (rc == ERROR_SUCCESS && (!k->parent || k->nsub))
        rc = ERROR_ACCESS_DENIED; /* a predefined key, or one with subkeys */
    if (rc == ERROR_SUCCESS)
        detach(k);
    pthread_mutex_unlock(&lock);
    return rc;
}

LSTATUS WINAPI RegDeleteValueW(HKEY hKey, LPCWSTR lpValueName)
{
    reg_key *k;
    LSTATUS rc = lock_value(hKey, NULL, KEY_SET_VALUE, &k, NULL);
    if (rc != ERROR_SUCCESS)
        return rc;
    reg_value *v = find_value(k, lpValueName);
    if (!v) {
        rc = ERROR_FILE_NOT_FOUND;
    } else {
        size_t at = (size_t)(v - k->values);
        free(v->name);
        free(v->data);
        memmove(&k->values[at], &k->values[at + 1], (k->nval - at - 1) * sizeof *k->values);
        k->nval--;
        stamp(k);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

/* ---- The functions, narrow: names and string data converted, then the wide code ---- */

#define WIDEN(var, s)                \
    bool var##_ok;                   \
    WCHAR *var = widen((s), &var##_ok); \
    if (!var##_ok)                   \
        return ERROR_OUTOFMEMORY

LSTATUS WINAPI RegOpenKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD ulOptions, REGSAM samDesired,
                             PHKEY phkResult)
{
    WIDEN(sub, lpSubKey);
    LSTATUS rc = RegOpenKeyExW(hKey, sub, ulOptions, samDesired, phkResult);
    free(sub);
    return rc;
}

LSTATUS WINAPI RegOpenKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult)
{
    WIDEN(sub, lpSubKey);
    LSTATUS rc = RegOpenKeyW(hKey, sub, phkResult);
    free(sub);
    return rc;
}

LSTATUS WINAPI RegCreateKeyExA(HKEY hKey, LPCSTR lpSubKey, DWORD Reserved, LPSTR lpClass,
                               DWORD dwOptions, REGSAM samDesired,
                               const SECURITY_ATTRIBUTES *lpSecurityAttributes, PHKEY phkResult,
                               LPDWORD lpdwDisposition)
{
    WIDEN(sub, lpSubKey);
    bool cls_ok;
    WCHAR *cls = widen(lpClass, &cls_ok);
    LSTATUS rc = cls_ok ? RegCreateKeyExW(hKey, sub, Reserved, cls, dwOptions, samDesired,
                                          lpSecurityAttributes, phkResult, lpdwDisposition)
                        : ERROR_OUTOFMEMORY;
    free(sub);
    free(cls);
    return rc;
}

LSTATUS WINAPI RegCreateKeyA(HKEY hKey, LPCSTR lpSubKey, PHKEY phkResult)
{
    WIDEN(sub, lpSubKey);
    LSTATUS rc = RegCreateKeyW(hKey, sub, phkResult);
    free(sub);
    return rc;
}

LSTATUS WINAPI RegQueryValueExA(HKEY hKey, LPCSTR lpValueName, LPDWORD lpReserved,
                                LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData)
{
    (void)lpReserved;
    WIDEN(name, lpValueName);
    LSTATUS rc = query_value(hKey, name, lpType, lpData, lpcbData, true);
    free(name);
    return rc;
}

LSTATUS WINAPI RegGetValueA(HKEY hkey, LPCSTR lpSubKey, LPCSTR lpValue, DWORD dwFlags,
                            LPDWORD pdwType, PVOID pvData, LPDWORD pcbData)
{
    WIDEN(sub, lpSubKey);
    bool name_ok;
    WCHAR *name = widen(lpValue, &name_ok);
    LSTATUS rc = name_ok ? get_value(hkey, sub, name, dwFlags, pdwType, pvData, pcbData, true)
                         : ERROR_OUTOFMEMORY;
    free(sub);
    free(name);
    return rc;
}

LSTATUS WINAPI RegSetValueExA(HKEY hKey, LPCSTR lpValueName, DWORD Reserved, DWORD dwType,
                              const BYTE *lpData, DWORD cbData)
{
    if (!lpData && cbData)
        return ERROR_NOACCESS;
    WIDEN(name, lpValueName);
    BYTE *wide = NULL;
    if (is_string_type(dwType) && lpData) {
        wide = widen_data(lpData, cbData, &cbData);
        if (!wide) {
            free(name);
            return ERROR_OUTOFMEMORY;
        }
        lpData = wide;
    }
    LSTATUS rc = RegSetValueExW(hKey, name, Reserved, dwType, lpData, cbData);
    free(wide);
    free(name);
    return rc;
}

LSTATUS WINAPI RegQueryInfoKeyA(HKEY hKey, LPSTR lpClass, LPDWORD lpcchClass,
                                LPDWORD lpReserved, LPDWORD lpcSubKeys,
                                LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen,
                                LPDWORD lpcValues, LPDWORD lpcbMaxValueNameLen,
                                LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor,
                                PFILETIME lpftLastWriteTime)
{
    (void)lpReserved;
    return query_info(hKey, lpClass, lpcchClass, lpcSubKeys, lpcbMaxSubKeyLen, lpcbMaxClassLen,
                      lpcValues, lpcbMaxValueNameLen, lpcbMaxValueLen, lpcbSecurityDescriptor,
                      lpftLastWriteTime, true);
}

LSTATUS WINAPI RegEnumKeyExA(HKEY hKey, DWORD dwIndex, LPSTR lpName, LPDWORD lpcchName,
                             LPDWORD lpReserved, LPSTR lpClass, LPDWORD lpcchClass,
                             PFILETIME lpftLastWriteTime)
{
    (void)lpReserved;
    return enum_key(hKey, dwIndex, lpName, lpcchName, lpClass, lpcchClass, lpftLastWriteTime,
                    true);
}

LSTATUS WINAPI RegEnumValueA(HKEY hKey, DWORD dwIndex, LPSTR lpValueName,
                             LPDWORD lpcchValueName, LPDWORD lpReserved, LPDWORD lpType,
                             LPBYTE lpData, LPDWORD lpcbData)
{
    (void)lpReserved;
    return enum_value(hKey, dwIndex, lpValueName, lpcchValueName, lpType, lpData, lpcbData,
                      true);
}

LSTATUS WINAPI RegDeleteKeyA(HKEY hKey, LPCSTR lpSubKey)
{
    WIDEN(sub, lpSubKey);
    LSTATUS rc = sub ? RegDeleteKeyW(hKey, sub) : ERROR_INVALID_PARAMETER;
    free(sub);
    return rc;
}

LSTATUS WINAPI RegDeleteValueA(HKEY hKey, LPCSTR lpValueName)
{
    WIDEN(name, lpValueName);
    LSTATUS rc = RegDeleteValueW(hKey, name);
    free(name);
    return rc;
}

/* ---- For the .reg reader and the tools ---- */

HKEY prjsim__registry_root_named(const WCHAR *name, size_t len)
{
    for (size_t i = 0; i < ROOT_COUNT; i++) {
        if (!root_names[i].name)
            continue;
        if (!name_cmp(name, len, root_names[i].name) || !name_cmp(name, len, root_names[i].abbrev))
            return (HKEY)((uintptr_t)HKEY_CLASSES_ROOT + i);
    }
    return NULL;
}

void prjsim__registry_delete_tree(HKEY root, const WCHAR *path)
{
    pthread_mutex_lock(&lock);
    reg_key *k;
    REGSAM access;
    if (resolve(root, &k, &access) == ERROR_SUCCESS &&
        walk(k, path, false, NULL, 0, &k, NULL) == ERROR_SUCCESS) {
        if (k->parent) {
            detach(k);
        } else {
            while (k->nsub)
                detach(k->subkeys[k->nsub - 1]);
        }
    }
    pthread_mutex_unlock(&lock);
}

void prjsim_registry_clear(void)
{
    for (size_t i = 0; i < ROOT_COUNT; i++) {
        if (!root_names[i].name)
            continue;
        prjsim__registry_delete_tree((HKEY)((uintptr_t)HKEY_CLASSES_ROOT + i), L"");
        pthread_mutex_lock(&lock);
        reg_key *k = root_key((int)i);
        for (size_t j = 0; j < k->nval; j++) {
            free(k->values[j].name);
            free(k->values[j].data);
        }
        k->nval = 0;
        pthread_mutex_unlock(&lock);
    }
}
