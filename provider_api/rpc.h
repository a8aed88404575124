/* SPDX-License-Identifier: MIT */
/*
 * rpc.h: the RPC runtime's header. Providers include it for UuidCreate, UuidToString,
 * UuidFromString and RpcStringFree, declared in prjsim_win/rpcdce.h (which <windows.h> also
 * includes, as the SDK's does unless WIN32_LEAN_AND_MEAN).
 */
#ifndef PRJSIM_RPC_H
#define PRJSIM_RPC_H

#include <windows.h>

#endif /* PRJSIM_RPC_H */
