/* SPDX-License-Identifier: MIT */
/*
 * GUIDs as text: UuidToString/UuidFromString round trips, the RPC status codes, StringFromGUID2
 * and CLSIDFromString, and COM's initialisation count.
 */
#include <windows.h>
#include <objbase.h>
#include <rpc.h>

#include <criterion/criterion.h>

static const GUID sample = {0x12345678, 0x9ABC, 0xDEF0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF}};

Test(uuid, to_string_and_back)
{
    RPC_CSTR s = NULL;
    cr_assert_eq(UuidToStringA(&sample, &s), RPC_S_OK);
    cr_expect_str_eq((char *)s, "12345678-9abc-def0-0123-456789abcdef", "lower case, no braces");
    UUID back;
    cr_expect_eq(UuidFromStringA(s, &back), RPC_S_OK);
    cr_expect(IsEqualGUID(&back, &sample));
    cr_expect_eq(RpcStringFreeA(&s), RPC_S_OK);
    cr_expect_null(s, "RpcStringFree clears the pointer");

    RPC_WSTR w = NULL;
    cr_assert_eq(UuidToStringW(&sample, &w), RPC_S_OK);
    cr_expect(wcscmp(w, L"12345678-9abc-def0-0123-456789abcdef") == 0);
    memset(&back, 0, sizeof back);
    cr_expect_eq(UuidFromStringW((RPC_WSTR)L"12345678-9ABC-DEF0-0123-456789ABCDEF", &back), RPC_S_OK,
                 "upper case is accepted");
    cr_expect(IsEqualGUID(&back, &sample));
    RpcStringFreeW(&w);
}

Test(uuid, create_and_errors)
{
    UUID a, b;
    cr_expect_eq(UuidCreate(&a), RPC_S_OK);
    cr_expect_eq(UuidCreate(&b), RPC_S_OK);
    RPC_STATUS st;
    cr_expect(!UuidEqual(&a, &b, &st), "two new UUIDs differ");
    cr_expect_eq(st, RPC_S_OK);
    cr_expect(!UuidIsNil(&a, &st));
    UUID nil;
    UuidCreateNil(&nil);
    cr_expect(UuidIsNil(&nil, &st));
    cr_expect(UuidIsNil(NULL, &st));
    cr_expect_eq(UuidCompare(&nil, &a, &st), -1);
    cr_expect_eq(UuidCompare(&a, &a, &st), 0);

    UUID out;
    const char *bad[] = {"", "12345678-9abc-def0-0123-456789abcde", "{12345678-9abc-def0-0123-456789abcdef}",
                         "12345678-9abc-def0-0123-456789abcdeg", "12345678x9abc-def0-0123-456789abcdef",
                         "12345678-9abc-def0-0123-456789abcdef0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_expect_eq(UuidFromStringA((RPC_CSTR)bad[i], &out), RPC_S_INVALID_STRING_UUID, "case %zu", i);
    cr_expect_eq(UuidFromStringA(NULL, &out), RPC_S_OK, "NULL is the nil UUID");
    cr_expect(UuidIsNil(&out, &st));
    cr_expect_eq(UuidToStringA(NULL, NULL), RPC_S_INVALID_ARG);
}

Test(com, string_from_guid_and_back)
{
    WCHAR buf[64];
    cr_expect_eq(StringFromGUID2(&sample, buf, 64), 39);
    cr_expect(wcscmp(buf, L"{12345678-9ABC-DEF0-0123-456789ABCDEF}") == 0, "got %ls", buf);
    cr_expect_eq(StringFromGUID2(&sample, buf, 38), 0, "too small");
    CLSID c;
    cr_expect_eq(CLSIDFromString(L"{12345678-9abc-def0-0123-456789abcdef}", &c), NOERROR);
    cr_expect(IsEqualGUID(&c, &sample));
    cr_expect_eq(CLSIDFromString(L"12345678-9abc-def0-0123-456789abcdef", &c), CO_E_CLASSSTRING);
    cr_expect_eq(CLSIDFromString(L"{12345678-9abc-def0-0123-456789abcdef", &c), CO_E_CLASSSTRING);
    IID i;
    cr_expect_eq(IIDFromString(L"{nope}", &i), E_INVALIDARG);
    cr_expect_eq(IIDFromString(L"{12345678-9ABC-DEF0-0123-456789ABCDEF}", &i), S_OK);
    LPOLESTR s = NULL;
    cr_expect_eq(StringFromCLSID(&sample, &s), S_OK);
    cr_expect(wcscmp(s, buf) == 0);
    CoTaskMemFree(s);
}

Test(com, initialisation_counts)
{
    cr_expect_eq(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    cr_expect_eq(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_FALSE, "already initialised");
    CoUninitialize();
    CoUninitialize();
    cr_expect_eq(CoInitialize(NULL), S_OK);
    CoUninitialize();
    GUID g;
    cr_expect_eq(CoCreateGuid(&g), S_OK);
}
