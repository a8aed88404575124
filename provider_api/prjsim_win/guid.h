/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/guid.h: GUID, its comparison helpers, and CoCreateGuid.
 *
 * As on Windows, REFGUID is a pointer in C and a reference in C++, so
 * IsEqualGUID(&a, &b) is the C spelling and IsEqualGUID(a, b) or a == b the
 * C++ one.
 */
#ifndef PRJSIM_WIN_GUID_H
#define PRJSIM_WIN_GUID_H

#include <string.h>

#include "basetypes.h"
#include "sal.h"

/* The same guard name as Windows, so code that defines GUID itself can tell. */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;
#endif

typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
typedef GUID IID;
typedef IID *LPIID;
typedef GUID CLSID;
typedef CLSID *LPCLSID;

#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const IID &
#else
#define REFGUID const GUID *
#define REFIID const IID *
#define REFCLSID const IID *
#endif

/*
 * The all-zero GUID. Windows declares it extern and defines it in a static
 * library; header-only here, each translation unit gets its own copy, which
 * only matters to code that compares its address.
 */
static const GUID GUID_NULL PRJSIM_WIN_MAYBE_UNUSED = {0, 0, 0, {0, 0, 0, 0, 0, 0, 0, 0}};
#define IID_NULL GUID_NULL
#define CLSID_NULL GUID_NULL

#ifdef __cplusplus
extern "C++" {
inline int IsEqualGUID(REFGUID rguid1, REFGUID rguid2)
{
    return memcmp(&rguid1, &rguid2, sizeof(GUID)) == 0;
}
inline int InlineIsEqualGUID(REFGUID rguid1, REFGUID rguid2)
{
    return memcmp(&rguid1, &rguid2, sizeof(GUID)) == 0;
}
inline bool operator==(REFGUID guidOne, REFGUID guidOther)
{
    return IsEqualGUID(guidOne, guidOther) != 0;
}
inline bool operator!=(REFGUID guidOne, REFGUID guidOther)
{
    return !(guidOne == guidOther);
}
}
#else
/* A function rather than Windows' macro: same call syntax, checked types. */
static inline int IsEqualGUID(REFGUID rguid1, REFGUID rguid2)
{
    return memcmp(rguid1, rguid2, sizeof(GUID)) == 0;
}
static inline int InlineIsEqualGUID(REFGUID rguid1, REFGUID rguid2)
{
    return memcmp(rguid1, rguid2, sizeof(GUID)) == 0;
}
#endif
#define IsEqualIID(riid1, riid2) IsEqualGUID(riid1, riid2)
#define IsEqualCLSID(rclsid1, rclsid2) IsEqualGUID(rclsid1, rclsid2)

/**
 * Fills *pguid with a new random (version 4) GUID.
 *
 * Implemented by the prjsim library (sim/guid.c), not by this header.
 *
 * @param pguid receives the GUID; must not be NULL.
 * @return S_OK, or a failure HRESULT when no GUID could be made (for
 *         example when the system's random source cannot be read).
 */
STDAPI CoCreateGuid(_Out_ GUID *pguid);

PRJSIM_STATIC_ASSERT(sizeof(GUID) == 16, "GUID is 16 bytes");
PRJSIM_STATIC_ASSERT(offsetof(GUID, Data2) == 4 && offsetof(GUID, Data3) == 6 &&
                         offsetof(GUID, Data4) == 8,
                     "GUID field offsets");

#endif /* PRJSIM_WIN_GUID_H */
