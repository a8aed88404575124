/* SPDX-License-Identifier: MIT */
/*
 * Providing file data (sections 4.10, 6.5): the first read of a placeholder asks the provider
 * for the whole file with GetFileData; the provider answers with PrjWriteFileData, in one or
 * more pieces, before the callback completes. Only one GetFileData runs per file.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void add_range(prjsim__stream *s, UINT64 start, UINT64 end)
{
    if (s->range_count == s->range_cap) {
        s->range_cap = s->range_cap ? s->range_cap * 2 : 8;
        s->ranges = prjsim__xrealloc(s->ranges, s->range_cap * sizeof *s->ranges);
    }
    /* Insert sorted by start, then merge neighbours that touch. */
    size_t i = s->range_count;
    while (i > 0 && s->ranges[i - 1].start > start) {
        s->ranges[i] = s->ranges[i - 1];
        i--;
    }
    s->ranges[i].start = start;
    s->ranges[i].end = end;
    s->range_count++;
    size_t out = 0;
    for (size_t j = 1; j < s->range_count; j++) {
        if (s->ranges[j].start <= s->ranges[out].end) {
            if (s->ranges[j].end > s->ranges[out].end)
                s->ranges[out].end = s->ranges[j].end;
        } else {
            s->ranges[++out] = s->ranges[j];
        }
    }
    s->range_count = out + 1;
}

static bool covers(const prjsim__stream *s, UINT64 start, UINT64 end)
{
    for (size_t i = 0; i < s->range_count; i++)
        if (s->ranges[i].start <= start && s->ranges[i].end >= end)
            return true;
    return start == end;
}

/* The largest GetFileData request: the 32-bit Length, rounded down to a page. */
#define MAX_REQUEST ((UINT64)0xFFFFF000u)

static NTSTATUS hydrate_once(prjsim_sim *sim, prjsim__item *item, bool unbuffered, bool *stale)
{
    if (!(item->state & ITEM_PLACEHOLDER) || (item->state & (ITEM_HYDRATED | ITEM_FULL | ITEM_DIR)))
        return STATUS_SUCCESS;
    prjsim__instance *inst = prjsim__instance_of_item(item);
    if (!inst)
        return STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    UINT64 size = (UINT64)item->info.FileSize;
    if (size == 0) {
        /* Nothing to ask for (DEVIATIONS.md). */
        item->state |= ITEM_HYDRATED;
        return STATUS_SUCCESS;
    }
    prjsim__stream *s = prjsim__xcalloc(1, sizeof *s);
    prjsim__new_guid(sim, &s->id);
    s->item = item;
    s->file_size = size;
    s->want_offset = 0;
    s->want_length = size > MAX_REQUEST ? MAX_REQUEST : size;
    s->unbuffered = unbuffered;
    s->buffer = size > PRJSIM__CONTENT_MAX ? NULL : prjsim__content_alloc((size_t)size);
    if (!s->buffer) {
        free(s);
        return prjsim__content_too_large(sim, "a placeholder's declared size", size);
    }
    s->next = inst->streams;
    inst->streams = s;
    item->hydrating = true;
    prjsim__item_pin(item);

    prjsim__call call;
    memset(&call, 0, sizeof call);
    call.kind = PRJSIM_CB_GET_FILE_DATA;
    WCHAR *original_path = prjsim__item_original_path(item);
    call.path = original_path; /* the name at placeholder creation (section 5.5) */
    call.version = prjsim__rare(item)->version;
    call.stream_id = &s->id;
    prjsim__command *cmd = NULL;
    HRESULT hr;
    /* Length is 32 bits: a file of 4 GiB or more is asked for in consecutive requests of at
     * most MAX_REQUEST bytes, never with a truncated Length (docs/behaviour/data.md). */
    for (;;) {
        call.offset = s->want_offset;
        call.length = (UINT32)s->want_length;
        hr = prjsim__dispatch(inst, &call, &cmd);
        if (hr != S_OK || inst->stopping || s->stale || s->want_offset + s->want_length >= size ||
            !covers(s, s->want_offset, s->want_offset + s->want_length))
            break;
        prjsim__command_release(cmd);
        cmd = NULL;
        s->want_offset += s->want_length;
        s->want_length = size - s->want_offset > MAX_REQUEST ? MAX_REQUEST : size - s->want_offset;
    }

    NTSTATUS st;
    if (inst->stopping) {
        st = STATUS_FILE_SYSTEM_VIRTUALIZATION_UNAVAILABLE;
    } else {
        for (prjsim__stream **pp = &inst->streams; *pp; pp = &(*pp)->next)
            if (*pp == s) {
                *pp = s->next;
                break;
            }
        if (s->stale) {
            st = STATUS_SUCCESS; /* nothing kept: the caller asks again about the file as it now is */
            *stale = true;
        } else if (hr == S_OK) {
            if (covers(s, s->want_offset, s->want_offset + s->want_length)) {
                prjsim__content_free(item->data, item->data_cap);
                item->data = s->buffer;
                item->data_cap = size;
                s->buffer = NULL;
                item->state |= ITEM_HYDRATED;
                prjsim__item_sync_links(item);
                st = STATUS_SUCCESS;
            } else {
                char *u = prjsim__utf8(original_path);
                prjsim__diag(sim, PRJSIM_DIAG_SHORT_DATA,
                             "GetFileData(\"%s\", %llu, %llu) returned S_OK without writing every byte", u,
                             (unsigned long long)s->want_offset, (unsigned long long)s->want_length);
                free(u);
                st = STATUS_INTERNAL_ERROR;
            }
        } else {
            st = prjsim__translate_result(sim, hr, cmd, PRJSIM_CB_GET_FILE_DATA);
        }
        prjsim__content_free(s->buffer, s->file_size);
        free(s->ranges);
        free(s);
    }
    /* On stop, PrjStopVirtualizing freed the stream with the instance's tables. */
    free(original_path);
    prjsim__command_release(cmd);
    item->hydrating = false;
    pthread_cond_broadcast(&sim->state_changed);
    prjsim__item_unpin(item);
    return st;
}

/* A provider that changes the file during each of its GetFileData calls gets this many. */
#define HYDRATE_ATTEMPTS 8

NTSTATUS prjsim__hydrate(prjsim_sim *sim, prjsim__item *item, bool unbuffered)
{
    prjsim__item *named = prjsim__item_projected_name(item);
    if (named != item) /* a link outside the root: hydrate through the name inside (links.c) */
        return prjsim__hydrate(sim, named, unbuffered);
    prjsim__item_pin(item);
    NTSTATUS st = STATUS_FILE_SYSTEM_VIRTUALIZATION_BUSY; /* DEVIATIONS.md */
    for (int attempt = 0; attempt < HYDRATE_ATTEMPTS; attempt++) {
        while (item->hydrating)
            pthread_cond_wait(&sim->state_changed, &sim->lock);
        if (!prjsim__item_in_tree(item)) {
            st = STATUS_DELETE_PENDING; /* the provider deleted the file meanwhile */
            break;
        }
        bool stale = false;
        st = hydrate_once(sim, item, unbuffered, &stale);
        if (!stale)
            break;
        st = STATUS_FILE_SYSTEM_VIRTUALIZATION_BUSY;
    }
    prjsim__item_unpin(item);
    return st;
}

STDAPI PrjWriteFileData(PRJ_NAMESPACE_VIRTUALIZATION_CONTEXT namespaceVirtualizationContext,
                        const GUID *dataStreamId, void *buffer, UINT64 byteOffset, UINT32 length)
{
    prjsim_sim *sim;
    prjsim__instance *inst = prjsim__instance_from_context(&sim, namespaceVirtualizationContext,
                                                           "PrjWriteFileData");
    if (!inst)
        return E_INVALIDARG;
    HRESULT hr = S_OK;
    prjsim__stream *s = NULL;
    if (dataStreamId)
        for (prjsim__stream *i = inst->streams; i; i = i->next)
            if (memcmp(&i->id, dataStreamId, sizeof(GUID)) == 0) {
                s = i;
                break;
            }
    uint32_t align = sim->options.write_alignment;
    if (!dataStreamId || !buffer || length == 0) {
        hr = E_INVALIDARG;
    } else if (!s) {
        hr = E_HANDLE;
        prjsim__diag(sim, PRJSIM_DIAG_STALE_DATA_STREAM,
                     "PrjWriteFileData for a data stream that is not waiting for data");
    } else if (byteOffset >= s->file_size || byteOffset + length > s->file_size) {
        hr = E_INVALIDARG;
        prjsim__diag(sim, PRJSIM_DIAG_DATA_PAST_END,
                     "PrjWriteFileData(offset %llu, length %u) past the end of a %llu-byte file",
                     (unsigned long long)byteOffset, (unsigned)length, (unsigned long long)s->file_size);
    } else if (s->unbuffered &&
               (byteOffset % align != 0 || (length % align != 0 && byteOffset + length != s->file_size))) {
        hr = HRESULT_FROM_WIN32(ERROR_OFFSET_ALIGNMENT_VIOLATION);
        prjsim__diag(sim, PRJSIM_DIAG_UNALIGNED_WRITE,
                     "PrjWriteFileData(offset %llu, length %u) breaks WriteAlignment %u",
                     (unsigned long long)byteOffset, (unsigned)length, (unsigned)align);
    } else {
        if (!prjsim__is_aligned_buffer(buffer, length))
            prjsim__diag(sim, PRJSIM_DIAG_UNALIGNED_BUFFER,
                         "PrjWriteFileData buffer was not allocated with PrjAllocateAlignedBuffer");
        memcpy(s->buffer + byteOffset, buffer, length);
        add_range(s, byteOffset, byteOffset + length);
    }
    char hb[96];
    prjsim__trace(sim, PRJSIM_TRACE_API, hr, "api PrjWriteFileData offset=%llu length=%u -> %s",
                  (unsigned long long)byteOffset, (unsigned)length, prjsim__hr_str(hb, sizeof hb, hr));
    prjsim__unlock(sim);
    prjsim__note_api_result(hr);
    return hr;
}
