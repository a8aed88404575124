/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/rpcdce.h: the UUID functions of the RPC runtime (<rpc.h>), which providers use to
 * print and parse GUIDs.
 *
 * UuidToString gives the 36-character lower-case form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
 * without braces; UuidFromString takes the same form in either case. UuidCreate makes the GUID
 * CoCreateGuid would (counter-based in a deterministic simulation, see prjsim/sim.h).
 *
 * Difference from Windows: RPC_WSTR is `WCHAR *` (`unsigned short *` there), so the string can
 * be printed and compared with the wide functions directly; code that casts between
 * RPC_WSTR and wchar_t * compiles either way.
 */
#ifndef PRJSIM_WIN_RPCDCE_H
#define PRJSIM_WIN_RPCDCE_H

#include "basetypes.h"
#include "guid.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef UUID_DEFINED
#define UUID_DEFINED
typedef GUID UUID;
#endif

typedef LONG RPC_STATUS;
typedef unsigned char *RPC_CSTR;
typedef WCHAR *RPC_WSTR;
typedef const WCHAR *RPC_CWSTR;

#ifndef RPC_ENTRY
#define RPC_ENTRY
#endif
#ifndef RPCRTAPI
#define RPCRTAPI
#endif

#define RPC_S_OK 0L
#define RPC_S_OUT_OF_MEMORY 14L
#define RPC_S_INVALID_ARG 87L
#define RPC_S_INVALID_STRING_UUID 1705L
#define RPC_S_UUID_LOCAL_ONLY 1824L
#define RPC_S_UUID_NO_ADDRESS 1739L

/** A new GUID in @p Uuid; RPC_S_OK. */
RPC_STATUS RPC_ENTRY UuidCreate(UUID *Uuid);
RPC_STATUS RPC_ENTRY UuidCreateSequential(UUID *Uuid);
/** The all-zero UUID; RPC_S_OK. */
RPC_STATUS RPC_ENTRY UuidCreateNil(UUID *NilUuid);
/**
 * The text form of @p Uuid in a new string (free it with RpcStringFree).
 * @return RPC_S_OK, RPC_S_INVALID_ARG for a NULL argument, RPC_S_OUT_OF_MEMORY.
 */
RPC_STATUS RPC_ENTRY UuidToStringA(const UUID *Uuid, RPC_CSTR *StringUuid);
RPC_STATUS RPC_ENTRY UuidToStringW(const UUID *Uuid, RPC_WSTR *StringUuid);
/**
 * Parses the text form (a NULL string gives the nil UUID).
 * @return RPC_S_OK or RPC_S_INVALID_STRING_UUID.
 */
RPC_STATUS RPC_ENTRY UuidFromStringA(RPC_CSTR StringUuid, UUID *Uuid);
RPC_STATUS RPC_ENTRY UuidFromStringW(RPC_WSTR StringUuid, UUID *Uuid);
/** Frees a string from UuidToString and sets *String to NULL; RPC_S_OK. */
RPC_STATUS RPC_ENTRY RpcStringFreeA(RPC_CSTR *String);
RPC_STATUS RPC_ENTRY RpcStringFreeW(RPC_WSTR *String);
/** Comparisons; a NULL UUID counts as nil. *Status receives RPC_S_OK. */
int RPC_ENTRY UuidIsNil(UUID *Uuid, RPC_STATUS *Status);
int RPC_ENTRY UuidEqual(UUID *Uuid1, UUID *Uuid2, RPC_STATUS *Status);
/** -1, 0 or 1, ordering as Windows does (field by field, Data1 first). */
int RPC_ENTRY UuidCompare(UUID *Uuid1, UUID *Uuid2, RPC_STATUS *Status);

#ifdef UNICODE
#define UuidToString UuidToStringW
#define UuidFromString UuidFromStringW
#define RpcStringFree RpcStringFreeW
#else
#define UuidToString UuidToStringA
#define UuidFromString UuidFromStringA
#define RpcStringFree RpcStringFreeA
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRJSIM_WIN_RPCDCE_H */
