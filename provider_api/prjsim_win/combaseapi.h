/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/combaseapi.h: the little of COM that providers touch: initialisation, the task
 * allocator, and GUID <-> string conversion. (CoCreateGuid itself is in guid.h.)
 *
 * There are no apartments or objects: CoInitialize(Ex) only counts per thread, returning S_OK
 * the first time on a thread and S_FALSE after, as Windows does for a matching model.
 */
#ifndef PRJSIM_WIN_COMBASEAPI_H
#define PRJSIM_WIN_COMBASEAPI_H

#include "basetypes.h"
#include "guid.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;
#ifndef OLESTR
#define OLESTR(str) L##str
#endif

#ifndef CO_E_CLASSSTRING
#define CO_E_CLASSSTRING ((HRESULT)0x800401F3L)
#endif
#ifndef CO_E_NOTINITIALIZED
#define CO_E_NOTINITIALIZED ((HRESULT)0x800401F0L)
#endif

typedef enum tagCOINIT {
    COINIT_MULTITHREADED = 0x0,
    COINIT_APARTMENTTHREADED = 0x2,
    COINIT_DISABLE_OLE1DDE = 0x4,
    COINIT_SPEED_OVER_MEMORY = 0x8
} COINIT;

STDAPI CoInitialize(LPVOID pvReserved);
STDAPI CoInitializeEx(LPVOID pvReserved, DWORD dwCoInit);
STDAPI_(void) CoUninitialize(void);

/** The COM task allocator: malloc/realloc/free. */
STDAPI_(LPVOID) CoTaskMemAlloc(SIZE_T cb);
STDAPI_(LPVOID) CoTaskMemRealloc(LPVOID pv, SIZE_T cb);
STDAPI_(void) CoTaskMemFree(LPVOID pv);

/**
 * Writes "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" (upper case, 38 characters and a NUL).
 * @return 39, or 0 when @p cchMax is below 39 (nothing written).
 */
int WINAPI StringFromGUID2(REFGUID rguid, LPOLESTR lpsz, int cchMax);
/** As StringFromGUID2, into a CoTaskMemAlloc'd string. S_OK or E_OUTOFMEMORY. */
STDAPI StringFromCLSID(REFCLSID rclsid, LPOLESTR *lplpsz);
STDAPI StringFromIID(REFIID rclsid, LPOLESTR *lplpsz);
/**
 * Parses the braced form. NOERROR; CO_E_CLASSSTRING for anything else (prjsim knows no
 * ProgIDs). A NULL string gives CLSID_NULL.
 */
STDAPI CLSIDFromString(LPCOLESTR lpsz, LPCLSID pclsid);
/** As CLSIDFromString, failing with E_INVALIDARG. */
STDAPI IIDFromString(LPCOLESTR lpsz, LPIID lpiid);

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_COMBASEAPI_H */
