/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: sequences of Prj* calls and client operations, with valid and invalid
 * arguments, against the reference provider (memtree), in a fresh deterministic simulation
 * per input. The provider is wrapped so that an input can make a callback change the view
 * (PrjDeleteFile, PrjUpdateFileIfNeeded, PrjWritePlaceholderInfo) on its own item, its parent
 * or another item before answering, or answer with an error. Everything must return a status
 * and leave the simulation destroyable; ASan and UBSan report the rest.
 *
 * Callbacks run on the calling thread and are never pended (a pended callback would block the
 * only thread); PrjCompleteCommand is fuzzed with command ids nobody pended.
 *
 * View changes from inside callbacks reach the item in flight, its ancestors and unrelated
 * items (a bug class of issue 10). Offsets and sizes past what the machine holds (2^40 up to
 * UINT64_MAX) are left out unless PRJSIM_FUZZ_HUGE_SIZES=1: a hard-linked file keeps a copy of
 * its contents per name, so a 1 TiB sparse write to it runs out of memory (open, see
 * fuzz/README.md). fuzz/findings/ keeps the reproducers of issue 10; smoke.sh replays them.
 *
 * Input: a byte stream read as opcodes and their arguments (take()).
 */
#include <memtree.h>
#include <prjsim.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ROOT L"C:\\root"

static const char manifest[] = "dir d1\n"
                               "file d1\\f1.txt content=\"one\"\n"
                               "dir d1\\d2\n"
                               "file d1\\d2\\f2.txt content=\"two two\"\n"
                               "file a.txt content=\"hello\"\n"
                               "file big.bin size=70000 gen=5\n"
                               "file ro.txt content=\"r\" attr=readonly\n"
                               "file e.txt\n";

/* Relative paths, valid and not; the client sees ROOT\path. */
static const WCHAR *const paths[] = {
    L"",          L"a.txt",        L"d1",          L"d1\\f1.txt",  L"d1\\d2",        L"d1\\d2\\f2.txt",
    L"big.bin",   L"ro.txt",       L"e.txt",       L"new.txt",     L"d1\\new",       L"A.TXT",
    L"D1\\D2",    L"d1\\..\\a.txt", L"x\\y\\z",    L"a.txt\\sub",  L"d1\\*",         L"nothing",
    L"d1\\d2\\new\\deeper", L".",  L"d1\\.\\f1.txt",
};
#define PATHS (sizeof paths / sizeof paths[0])
/* Paths a Prj* call must reject without harm whatever the state. */
static const WCHAR *const bad_paths[] = {L"..\\escape.txt", L"d1\\..\\..\\escape", L"a\\\\b", L"*", L"a:b"};

typedef struct input {
    const uint8_t *d;
    size_t n, at;
} input;

static unsigned take(input *in, unsigned mod)
{
    if (in->at >= in->n || mod == 0)
        return 0;
    return in->d[in->at++] % mod;
}

static bool verbose;    /* PRJSIM_FUZZ_VERBOSE=1: print each step (to read a finding) */
static bool huge_sizes; /* PRJSIM_FUZZ_HUGE_SIZES=1: offsets and sizes from 2^40 */

#define SAY(...)                                                                                   \
    do {                                                                                           \
        if (verbose)                                                                               \
            fprintf(stderr, __VA_ARGS__);                                                          \
    } while (0)

/* ---- the run's state ---- */

#define SLOTS 6
static prjsim_sim *sim;
static memtree *tree;
static PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT ctx;
static bool running;
static prjsim_handle *slot[SLOTS];

/* What the next callback of a kind does first: a view change, then answer or fail. */
enum action_kind { ACT_NONE, ACT_DELETE, ACT_UPDATE, ACT_WRITE_PLACEHOLDER, ACT_FAIL };
static struct armed {
    enum action_kind kind;
    int callback; /* 0 any, 1 placeholder, 2 data, 3 enumeration, 4 notification */
    int target;   /* 0 own item, 1 parent, 2 another path */
    unsigned path;
    UINT32 flags;
    HRESULT fail;
} armed;
static int depth;

static WCHAR *full_path(const WCHAR *rel)
{
    static WCHAR buf[4][600];
    static int next;
    WCHAR *b = buf[next++ % 4];
    swprintf(b, 600, rel[0] ? L"%ls\\%ls" : L"%ls%ls", ROOT, rel);
    return b;
}

static void placeholder_info(PRJ_PLACEHOLDER_INFO *info, bool dir, UINT64 size)
{
    memset(info, 0, sizeof *info);
    info->FileBasicInfo.IsDirectory = dir;
    info->FileBasicInfo.FileSize = dir ? 0 : size;
    info->FileBasicInfo.FileAttributes = dir ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_NORMAL;
}

static void parent_of(const WCHAR *rel, WCHAR *out, size_t cap)
{
    swprintf(out, cap, L"%ls", rel);
    WCHAR *s = wcsrchr(out, L'\\');
    if (s)
        *s = 0;
    else
        out[0] = 0;
}

/* Runs the armed action inside a callback for @p rel; returns the HRESULT to answer with (S_OK: go on). */
static HRESULT run_armed(int callback, const WCHAR *rel)
{
    if (armed.kind == ACT_NONE || (armed.callback && armed.callback != callback) || depth > 0)
        return S_OK;
    struct armed a = armed;
    armed.kind = ACT_NONE;
    if (a.kind == ACT_FAIL)
        return a.fail;
    WCHAR target[600];
    if (a.target == 2 || !rel) {
        swprintf(target, 600, L"%ls", paths[a.path % PATHS]);
    } else if (a.target == 1) {
        parent_of(rel, target, 600);
    } else {
        swprintf(target, 600, L"%ls", rel);
    }
    SAY("  in callback %d for \"%ls\": action %d on \"%ls\"\n", callback, rel ? rel : L"", a.kind, target);
    depth++;
    PRJ_UPDATE_FAILURE_CAUSES cause;
    PRJ_PLACEHOLDER_INFO info;
    switch (a.kind) {
    case ACT_DELETE:
        PrjDeleteFile(ctx, target, (PRJ_UPDATE_TYPES)a.flags, &cause);
        break;
    case ACT_UPDATE:
        placeholder_info(&info, false, 3);
        PrjUpdateFileIfNeeded(ctx, target, &info, sizeof info, (PRJ_UPDATE_TYPES)a.flags, &cause);
        break;
    case ACT_WRITE_PLACEHOLDER:
        placeholder_info(&info, a.flags & 1, 5);
        PrjWritePlaceholderInfo(ctx, target, &info, sizeof info);
        break;
    default:
        break;
    }
    depth--;
    return S_OK;
}

/* ---- the wrapped provider ---- */

static HRESULT CALLBACK w_start_enum(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    HRESULT hr = run_armed(3, d->FilePathName);
    return hr != S_OK ? hr : memtree_callbacks()->StartDirectoryEnumerationCallback(d, id);
}

static HRESULT CALLBACK w_get_enum(const PRJ_CALLBACK_DATA *d, const GUID *id, PCWSTR search,
                                   PRJ_DIR_ENTRY_BUFFER_HANDLE buffer)
{
    HRESULT hr = run_armed(3, d->FilePathName);
    return hr != S_OK ? hr : memtree_callbacks()->GetDirectoryEnumerationCallback(d, id, search, buffer);
}

static HRESULT CALLBACK w_end_enum(const PRJ_CALLBACK_DATA *d, const GUID *id)
{
    return memtree_callbacks()->EndDirectoryEnumerationCallback(d, id);
}

static HRESULT CALLBACK w_placeholder(const PRJ_CALLBACK_DATA *d)
{
    HRESULT hr = run_armed(1, d->FilePathName);
    return hr != S_OK ? hr : memtree_callbacks()->GetPlaceholderInfoCallback(d);
}

static HRESULT CALLBACK w_file_data(const PRJ_CALLBACK_DATA *d, UINT64 offset, UINT32 length)
{
    HRESULT hr = run_armed(2, d->FilePathName);
    return hr != S_OK ? hr : memtree_callbacks()->GetFileDataCallback(d, offset, length);
}

static HRESULT CALLBACK w_notification(const PRJ_CALLBACK_DATA *d, BOOLEAN is_dir, PRJ_NOTIFICATION n,
                                       PCWSTR dest, PRJ_NOTIFICATION_PARAMETERS *params)
{
    (void)is_dir;
    (void)n;
    (void)dest;
    (void)params;
    return run_armed(4, d->FilePathName);
}

static HRESULT start(void)
{
    PRJ_CALLBACKS cb = *memtree_callbacks();
    cb.StartDirectoryEnumerationCallback = w_start_enum;
    cb.GetDirectoryEnumerationCallback = w_get_enum;
    cb.EndDirectoryEnumerationCallback = w_end_enum;
    cb.GetPlaceholderInfoCallback = w_placeholder;
    cb.GetFileDataCallback = w_file_data;
    cb.NotificationCallback = w_notification;
    PRJ_NOTIFICATION_MAPPING map = {PRJ_NOTIFY_FILE_OPENED | PRJ_NOTIFY_NEW_FILE_CREATED |
                                        PRJ_NOTIFY_FILE_OVERWRITTEN | PRJ_NOTIFY_PRE_DELETE |
                                        PRJ_NOTIFY_PRE_RENAME | PRJ_NOTIFY_PRE_SET_HARDLINK |
                                        PRJ_NOTIFY_FILE_RENAMED | PRJ_NOTIFY_HARDLINK_CREATED |
                                        PRJ_NOTIFY_FILE_HANDLE_CLOSED_NO_MODIFICATION |
                                        PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_MODIFIED |
                                        PRJ_NOTIFY_FILE_HANDLE_CLOSED_FILE_DELETED |
                                        PRJ_NOTIFY_FILE_PRE_CONVERT_TO_FULL,
                                    L""};
    PRJ_STARTVIRTUALIZING_OPTIONS o;
    memset(&o, 0, sizeof o);
    o.NotificationMappings = &map;
    o.NotificationMappingsCount = 1;
    HRESULT hr = PrjStartVirtualizing(ROOT, &cb, tree, &o, &ctx);
    running = SUCCEEDED(hr);
    return hr;
}

/* ---- operations ---- */

static const UINT32 accesses[] = {GENERIC_READ, GENERIC_WRITE, GENERIC_READ | GENERIC_WRITE | DELETE, DELETE,
                                  FILE_READ_ATTRIBUTES, 0, FILE_LIST_DIRECTORY};
static const UINT32 dispositions[] = {OPEN_EXISTING, CREATE_NEW, CREATE_ALWAYS, OPEN_ALWAYS, TRUNCATE_EXISTING, 0, 99};

static UINT64 offset_of(input *in)
{
    static const UINT64 small[] = {0, 1, 3, 4095, 4096, 65536, 69999, 70000, 1u << 20};
    static const UINT64 huge[] = {1ull << 40, (1ull << 62), UINT64_MAX - 1, UINT64_MAX};
    unsigned k = take(in, huge_sizes ? 13 : 9);
    UINT64 v = k < 9 ? small[k] : huge[k - 9];
    SAY("  offset or size %llu\n", (unsigned long long)v);
    return v;
}

static void op(input *in)
{
    static unsigned char buf[8192];
    prjsim_handle **h = &slot[take(in, SLOTS)];
    const WCHAR *rel = paths[take(in, PATHS)];
    UINT32 got = 0;
    PRJ_UPDATE_FAILURE_CAUSES cause;
    PRJ_PLACEHOLDER_INFO info;
    unsigned code = take(in, 30);
    static const char *const names[] = {
        "open", "close", "read", "write", "set-size", "query-directory", "list", "delete", "move", "mkdir",
        "read-file", "write-file", "link", "set-disposition", "rename", "query/set-basic-info", "PrjDeleteFile",
        "PrjUpdateFileIfNeeded", "PrjWritePlaceholderInfo", "PrjGetOnDiskFileState", "PrjCompleteCommand",
        "PrjWriteFileData", "PrjClearNegativePathCache", "PrjGetVirtualizationInstanceInfo", "stop/start",
        "cancel"};
    SAY("step %s slot=%d path=\"%ls\"\n", code < 26 ? names[code] : "arm a callback action", (int)(h - slot), rel);
    switch (code) {
    case 0: /* open */
        if (*h) {
            prjsim_client_close(*h);
            *h = NULL;
        }
        prjsim_client_open(h, sim, full_path(rel), accesses[take(in, 7)], dispositions[take(in, 7)],
                           take(in, 4), 0);
        break;
    case 1:
        if (*h) {
            prjsim_client_close(*h);
            *h = NULL;
        }
        break;
    case 2:
        if (*h)
            prjsim_client_read(*h, offset_of(in), buf, take(in, 3) ? 100 : sizeof buf, &got);
        break;
    case 3:
        if (*h)
            prjsim_client_write(*h, offset_of(in), "fuzz", 1 + take(in, 4), &got);
        break;
    case 4:
        if (*h)
            prjsim_client_set_size(*h, offset_of(in));
        break;
    case 5:
        if (*h) {
            prjsim_dir_entry *e = NULL;
            size_t n = 0;
            static const WCHAR *const patterns[] = {NULL, L"*", L"a*", L"<.txt", L"\"", L"", L"?"};
            static const UINT32 budgets[] = {0, 1, 0x70, 0x78, 200, 4096};
            if (prjsim_client_query_directory(*h, patterns[take(in, 7)], take(in, 4), budgets[take(in, 6)], &e,
                                              &n) == STATUS_SUCCESS)
                prjsim_client_free_entries(e);
        }
        break;
    case 6: {
        prjsim_dir_entry *e = NULL;
        size_t n = 0;
        if (prjsim_client_list(sim, full_path(rel), take(in, 2) ? NULL : L"*.txt", take(in, 2) ? 0 : 200, &e,
                               &n) == STATUS_SUCCESS)
            prjsim_client_free_entries(e);
        break;
    }
    case 7:
        prjsim_client_delete(sim, full_path(rel), take(in, 2));
        break;
    case 8:
        prjsim_client_move(sim, full_path(rel), full_path(paths[take(in, PATHS)]), take(in, 2));
        break;
    case 9:
        prjsim_client_create_directory(sim, full_path(rel));
        break;
    case 10: {
        void *data = NULL;
        size_t n = 0;
        if (prjsim_client_read_file(sim, full_path(rel), &data, &n) == STATUS_SUCCESS)
            free(data);
        break;
    }
    case 11:
        prjsim_client_write_file(sim, full_path(rel), "written", take(in, 8));
        break;
    case 12:
        prjsim_client_link(sim, full_path(rel), full_path(paths[take(in, PATHS)]));
        break;
    case 13:
        if (*h)
            prjsim_client_set_disposition(*h, take(in, 2));
        break;
    case 14:
        if (*h)
            prjsim_client_rename(*h, full_path(paths[take(in, PATHS)]), take(in, 2));
        break;
    case 15:
        if (*h) {
            prjsim_file_info fi;
            prjsim_client_query_info(*h, &fi);
            prjsim_client_set_basic_info(*h, 0, 0, take(in, 2) ? 133000000000000000ll : 0, 0,
                                         take(in, 2) ? FILE_ATTRIBUTE_READONLY : 0);
        }
        break;
    case 16: /* PrjDeleteFile, with a good or stale context, a good or bad path */
        PrjDeleteFile(take(in, 8) ? ctx : NULL, take(in, 6) ? rel : bad_paths[take(in, 5)],
                      (PRJ_UPDATE_TYPES)take(in, 64), take(in, 2) ? &cause : NULL);
        break;
    case 17:
        placeholder_info(&info, take(in, 4) == 0, take(in, 2) ? 3 : 70000);
        PrjUpdateFileIfNeeded(ctx, take(in, 6) ? rel : bad_paths[take(in, 5)], &info,
                              take(in, 4) ? sizeof info : take(in, 64), (PRJ_UPDATE_TYPES)take(in, 64), &cause);
        break;
    case 18:
        placeholder_info(&info, take(in, 3) == 0, 4);
        PrjWritePlaceholderInfo(ctx, take(in, 6) ? rel : bad_paths[take(in, 5)], &info,
                                take(in, 4) ? sizeof info : take(in, 64));
        break;
    case 19: {
        PRJ_FILE_STATE st;
        PrjGetOnDiskFileState(full_path(rel), take(in, 8) ? &st : NULL);
        break;
    }
    case 20:
        PrjCompleteCommand(ctx, (INT32)take(in, 40) - 2, take(in, 2) ? S_OK : E_FAIL, NULL);
        break;
    case 21: { /* PrjWriteFileData for a stream nobody is waiting on */
        GUID g;
        memset(&g, take(in, 3), sizeof g);
        void *b = take(in, 2) ? PrjAllocateAlignedBuffer(ctx, 4096) : NULL;
        PrjWriteFileData(ctx, &g, b ? b : buf, take(in, 2) ? 1 : 0, take(in, 2) ? 4096 : 0);
        if (b)
            PrjFreeAlignedBuffer(b);
        break;
    }
    case 22: {
        UINT32 n = 0;
        PrjClearNegativePathCache(ctx, take(in, 2) ? &n : NULL);
        break;
    }
    case 23: {
        PRJ_VIRTUALIZATION_INSTANCE_INFO vi;
        PrjGetVirtualizationInstanceInfo(ctx, take(in, 8) ? &vi : NULL);
        break;
    }
    case 24: /* stop, or start again */
        if (running) {
            PrjStopVirtualizing(ctx);
            running = false; /* ctx is now stale: later calls must say so */
        } else {
            start();
        }
        break;
    case 25: { /* cancel whatever is in flight (nothing is pended, so nothing) */
        INT32 ids[4];
        size_t k = prjsim_sim_commands_in_flight(sim, ids, 4);
        prjsim_client_cancel(sim, k ? ids[0] : (INT32)take(in, 10));
        break;
    }
    default: /* arm a callback action */
        armed.kind = (enum action_kind)(1 + take(in, 4));
        armed.callback = (int)take(in, 5);
        armed.target = (int)take(in, 3);
        armed.path = take(in, PATHS);
        armed.flags = take(in, 64);
        armed.fail = take(in, 2) ? E_FAIL : HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
        SAY("  armed: action %d (1 delete, 2 update, 3 write placeholder, 4 fail) in callback %d (0 any, "
            "1 placeholder, 2 data, 3 enumeration, 4 notification) on %s \"%ls\" flags 0x%x\n",
            armed.kind, armed.callback, armed.target == 0 ? "its own item" : armed.target == 1 ? "its parent" : "",
            armed.target == 2 ? paths[armed.path] : L"", (unsigned)armed.flags);
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool once;
    if (!once) {
        once = true;
        const char *e = getenv("PRJSIM_FUZZ_HUGE_SIZES");
        huge_sizes = e && *e == '1';
        e = getenv("PRJSIM_FUZZ_VERBOSE");
        verbose = e && *e == '1';
    }
    input in = {data, size, 0};
    prjsim_sim_options o = PRJSIM_SIM_OPTIONS_INIT;
    o.trace = take(&in, 2);
    if (FAILED(prjsim_sim_create(&sim, &o)))
        abort();
    prjsim_sim *previous = prjsim_sim_set_current(sim);
    if (FAILED(memtree_create(&tree)) || FAILED(memtree_parse_manifest(tree, manifest, "fuzz", NULL, 0)) ||
        FAILED(prjsim_volume_create_directory(sim, ROOT)))
        abort();
    GUID id = {0x66757a7a, 1, 2, {3, 4, 5, 6, 7, 8, 9, 10}};
    if (FAILED(PrjMarkDirectoryAsPlaceholder(ROOT, NULL, NULL, &id)) || FAILED(start()))
        abort();
    memset(&armed, 0, sizeof armed);
    for (int steps = 0; in.at < in.n && steps < 64; steps++)
        op(&in);
    for (int i = 0; i < SLOTS; i++)
        if (slot[i]) {
            prjsim_client_close(slot[i]);
            slot[i] = NULL;
        }
    if (running)
        PrjStopVirtualizing(ctx);
    running = false;
    prjsim_sim_set_current(previous);
    prjsim_sim_destroy(sim);
    memtree_destroy(tree);
    return 0;
}
