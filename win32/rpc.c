/* SPDX-License-Identifier: MIT */
/*
 * GUIDs as text: the RPC runtime's Uuid* functions and COM's StringFromGUID2/CLSIDFromString,
 * plus COM's per-thread initialisation count.
 */
#include <windows.h>


#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

/* ---- Formatting and parsing ---- */

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (36 characters) into @p out (37 with the NUL). */
static void format_guid(const GUID *g, char *out, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    uint8_t bytes[16] = {
        (uint8_t)(g->Data1 >> 24), (uint8_t)(g->Data1 >> 16), (uint8_t)(g->Data1 >> 8),
        (uint8_t)g->Data1,         (uint8_t)(g->Data2 >> 8),  (uint8_t)g->Data2,
        (uint8_t)(g->Data3 >> 8),  (uint8_t)g->Data3,
    };
    memcpy(bytes + 8, g->Data4, 8);
    size_t k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[k++] = '-';
        out[k++] = digits[bytes[i] >> 4];
        out[k++] = digits[bytes[i] & 15];
    }
    out[k] = 0;
}

static int hex(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

/* Parses exactly the 36-character form from @p s (code points); false if it is not that. */
static bool parse_guid(const uint32_t *s, size_t n, GUID *g)
{
    if (n != 36)
        return false;
    uint8_t bytes[16];
    size_t k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            if (s[k++] != '-')
                return false;
        }
        int hi = hex(s[k++]), lo = hex(s[k++]);
        if (hi < 0 || lo < 0)
            return false;
        bytes[i] = (uint8_t)(hi << 4 | lo);
    }
    g->Data1 = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 |
               bytes[3];
    g->Data2 = (uint16_t)(bytes[4] << 8 | bytes[5]);
    g->Data3 = (uint16_t)(bytes[6] << 8 | bytes[7]);
    memcpy(g->Data4, bytes + 8, 8);
    return true;
}

/* Copies up to 40 characters of a narrow or wide string into code points; the length. */
static size_t code_points(const void *s, bool wide, uint32_t *out)
{
    size_t n = 0;
    if (wide)
        for (const wchar_t *w = s; *w && n < 40; w++)
            out[n++] = (uint32_t)*w;
    else
        for (const unsigned char *c = s; *c && n < 40; c++)
            out[n++] = *c;
    return n;
}

/* ---- The RPC runtime ---- */

RPC_STATUS RPC_ENTRY UuidCreate(UUID *Uuid)
{
    if (!Uuid)
        return RPC_S_INVALID_ARG;
    return SUCCEEDED(CoCreateGuid(Uuid)) ? RPC_S_OK : RPC_S_OUT_OF_MEMORY;
}

RPC_STATUS RPC_ENTRY UuidCreateSequential(UUID *Uuid)
{
    return UuidCreate(Uuid);
}

RPC_STATUS RPC_ENTRY UuidCreateNil(UUID *NilUuid)
{
    if (!NilUuid)
        return RPC_S_INVALID_ARG;
    memset(NilUuid, 0, sizeof *NilUuid);
    return RPC_S_OK;
}

RPC_STATUS RPC_ENTRY UuidToStringA(const UUID *Uuid, RPC_CSTR *StringUuid)
{
    if (!Uuid || !StringUuid)
        return RPC_S_INVALID_ARG;
    char *s = malloc(37);
    if (!s)
        return RPC_S_OUT_OF_MEMORY;
    format_guid(Uuid, s, false);
    *StringUuid = (RPC_CSTR)s;
    return RPC_S_OK;
}

RPC_STATUS RPC_ENTRY UuidToStringW(const UUID *Uuid, RPC_WSTR *StringUuid)
{
    if (!Uuid || !StringUuid)
        return RPC_S_INVALID_ARG;
    char text[37];
    format_guid(Uuid, text, false);
    WCHAR *s = malloc(37 * sizeof *s);
    if (!s)
        return RPC_S_OUT_OF_MEMORY;
    for (int i = 0; i < 37; i++)
        s[i] = (WCHAR)text[i];
    *StringUuid = s;
    return RPC_S_OK;
}

static RPC_STATUS from_string(const void *s, bool wide, UUID *Uuid)
{
    if (!Uuid)
        return RPC_S_INVALID_ARG;
    if (!s)
        return UuidCreateNil(Uuid);
    uint32_t cps[40];
    size_t n = code_points(s, wide, cps);
    return parse_guid(cps, n, Uuid) ? RPC_S_OK : RPC_S_INVALID_STRING_UUID;
}

RPC_STATUS RPC_ENTRY UuidFromStringA(RPC_CSTR StringUuid, UUID *Uuid)
{
    return from_string(StringUuid, false, Uuid);
}

RPC_STATUS RPC_ENTRY UuidFromStringW(RPC_WSTR StringUuid, UUID *Uuid)
{
    return from_string(StringUuid, true, Uuid);
}

RPC_STATUS RPC_ENTRY RpcStringFreeA(RPC_CSTR *String)
{
    if (String) {
        free(*String);
        *String = NULL;
    }
    return RPC_S_OK;
}

RPC_STATUS RPC_ENTRY RpcStringFreeW(RPC_WSTR *String)
{
    if (String) {
        free(*String);
        *String = NULL;
    }
    return RPC_S_OK;
}

static const UUID nil_uuid;

int RPC_ENTRY UuidCompare(UUID *Uuid1, UUID *Uuid2, RPC_STATUS *Status)
{
    const UUID *a = Uuid1 ? Uuid1 : &nil_uuid, *b = Uuid2 ? Uuid2 : &nil_uuid;
    if (Status)
        *Status = RPC_S_OK;
    if (a->Data1 != b->Data1)
        return a->Data1 < b->Data1 ? -1 : 1;
    if (a->Data2 != b->Data2)
        return a->Data2 < b->Data2 ? -1 : 1;
    if (a->Data3 != b->Data3)
        return a->Data3 < b->Data3 ? -1 : 1;
    int c = memcmp(a->Data4, b->Data4, 8);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int RPC_ENTRY UuidEqual(UUID *Uuid1, UUID *Uuid2, RPC_STATUS *Status)
{
    return UuidCompare(Uuid1, Uuid2, Status) == 0;
}

int RPC_ENTRY UuidIsNil(UUID *Uuid, RPC_STATUS *Status)
{
    return UuidCompare(Uuid, NULL, Status) == 0;
}

/* ---- COM's forms ---- */

int WINAPI StringFromGUID2(REFGUID rguid, LPOLESTR lpsz, int cchMax)
{
    if (!rguid || !lpsz || cchMax < 39)
        return 0;
    char text[37];
    format_guid(rguid, text, true);
    lpsz[0] = L'{';
    for (int i = 0; i < 36; i++)
        lpsz[i + 1] = (WCHAR)text[i];
    lpsz[37] = L'}';
    lpsz[38] = 0;
    return 39;
}

static HRESULT string_from(REFGUID g, LPOLESTR *out)
{
    if (!out)
        return E_INVALIDARG;
    *out = CoTaskMemAlloc(39 * sizeof(WCHAR));
    if (!*out)
        return E_OUTOFMEMORY;
    StringFromGUID2(g, *out, 39);
    return S_OK;
}

HRESULT StringFromCLSID(REFCLSID rclsid, LPOLESTR *lplpsz)
{
    return string_from(rclsid, lplpsz);
}

HRESULT StringFromIID(REFIID rclsid, LPOLESTR *lplpsz)
{
    return string_from(rclsid, lplpsz);
}

/* The braced form; false otherwise. */
static bool parse_braced(LPCOLESTR s, GUID *g)
{
    uint32_t cps[40];
    size_t n = code_points(s, true, cps);
    return n == 38 && cps[0] == '{' && cps[37] == '}' && parse_guid(cps + 1, 36, g);
}

HRESULT CLSIDFromString(LPCOLESTR lpsz, LPCLSID pclsid)
{
    if (!pclsid)
        return E_INVALIDARG;
    if (!lpsz) {
        memset(pclsid, 0, sizeof *pclsid);
        return NOERROR;
    }
    return parse_braced(lpsz, pclsid) ? NOERROR : CO_E_CLASSSTRING;
}

HRESULT IIDFromString(LPCOLESTR lpsz, LPIID lpiid)
{
    if (!lpiid)
        return E_INVALIDARG;
    if (!lpsz) {
        memset(lpiid, 0, sizeof *lpiid);
        return S_OK;
    }
    return parse_braced(lpsz, lpiid) ? S_OK : E_INVALIDARG;
}

/* ---- Initialisation ---- */

static _Thread_local unsigned com_inits;

HRESULT CoInitializeEx(LPVOID pvReserved, DWORD dwCoInit)
{
    (void)pvReserved;
    (void)dwCoInit;
    return com_inits++ ? S_FALSE : S_OK;
}

HRESULT CoInitialize(LPVOID pvReserved)
{
    return CoInitializeEx(pvReserved, COINIT_APARTMENTTHREADED);
}

void CoUninitialize(void)
{
    if (com_inits)
        com_inits--;
}
