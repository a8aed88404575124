/* SPDX-License-Identifier: MIT */
/*
 * The registry: opening and creating keys, values of each type through the W and A forms,
 * Windows' error codes (ERROR_MORE_DATA with the size needed, ERROR_NO_MORE_ITEMS,
 * ERROR_FILE_NOT_FOUND, ERROR_KEY_DELETED...), enumeration order, RegGetValue's type checks;
 * and the `.reg` reader: every data form, the encodings reg export writes, deletions, and
 * "file:line: message" for malformed files, which change nothing.
 * Each test runs in its own process (Criterion), so the process-wide registry starts empty.
 */
#include <windows.h>
#include <prjsim/registry.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static HKEY create(HKEY root, const WCHAR *path)
{
    HKEY k = NULL;
    DWORD disp = 0;
    cr_assert_eq(RegCreateKeyExW(root, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp),
                 ERROR_SUCCESS);
    return k;
}

static void load(const char *text)
{
    char err[256];
    HRESULT hr = prjsim_registry_load_text("t.reg", text, strlen(text), err, sizeof err);
    cr_assert_eq(hr, S_OK, "%s", err);
}

Test(registry, create_open_close)
{
    HKEY k = NULL;
    DWORD disp = 0;
    cr_assert_eq(RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\Prjsim\\Test", 0, NULL, 0,
                                 KEY_ALL_ACCESS, NULL, &k, &disp), ERROR_SUCCESS);
    cr_expect_eq(disp, REG_CREATED_NEW_KEY);
    cr_expect_eq(RegCloseKey(k), ERROR_SUCCESS);
    cr_expect_eq(RegCreateKeyExW(HKEY_CURRENT_USER, L"SOFTWARE\\prjsim\\test", 0, NULL, 0,
                                 KEY_READ, NULL, &k, &disp), ERROR_SUCCESS, "case-insensitive");
    cr_expect_eq(disp, REG_OPENED_EXISTING_KEY);
    cr_expect_eq(RegCloseKey(k), ERROR_SUCCESS);
    cr_expect_eq(RegCloseKey(k), ERROR_INVALID_HANDLE, "a closed handle");
    cr_expect_eq(RegCloseKey(HKEY_LOCAL_MACHINE), ERROR_SUCCESS, "a predefined key");

    cr_expect_eq(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Prjsim", 0, KEY_READ, &k), ERROR_SUCCESS);
    RegCloseKey(k);
    cr_expect_eq(RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Nope", 0, KEY_READ, &k),
                 ERROR_FILE_NOT_FOUND);
    cr_expect_eq(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software", 0, KEY_READ, &k),
                 ERROR_FILE_NOT_FOUND, "the roots are separate trees");
    cr_expect_eq(RegOpenKeyExW(HKEY_CURRENT_USER, L"\\Software", 0, KEY_READ, &k),
                 ERROR_BAD_PATHNAME);
    cr_expect_eq(RegOpenKeyExW((HKEY)(ULONG_PTR)0x1234, L"x", 0, KEY_READ, &k),
                 ERROR_INVALID_HANDLE);
    cr_expect_eq(RegOpenKeyExW(HKEY_CURRENT_USER, NULL, 0, KEY_READ, &k), ERROR_SUCCESS);
    cr_expect_eq(k, HKEY_CURRENT_USER, "NULL subkey of a predefined key: the same handle");

    HKEY a = create(HKEY_CURRENT_USER, L"A");
    HKEY again = NULL;
    cr_expect_eq(RegOpenKeyExW(a, L"", 0, KEY_READ, &again), ERROR_SUCCESS);
    cr_expect_neq(again, a, "empty subkey of an opened key: a new handle");
    RegCloseKey(again);
    disp = 0;
    cr_expect_eq(RegCreateKeyExW(HKEY_CURRENT_USER, L"", 0, NULL, 0, KEY_READ, NULL, &again, &disp),
                 ERROR_SUCCESS);
    cr_expect_neq(again, HKEY_CURRENT_USER, "RegCreateKeyEx with \"\": a new handle, even to a predefined key");
    cr_expect_eq(disp, REG_OPENED_EXISTING_KEY);
    cr_expect_eq(RegCloseKey(again), ERROR_SUCCESS);
    cr_expect_eq(RegCreateKeyW(HKEY_CURRENT_USER, L"", &again), ERROR_SUCCESS);
    cr_expect_eq(again, HKEY_CURRENT_USER, "RegCreateKey with \"\": the same handle");
    RegCloseKey(a);
}

Test(registry, values_and_more_data)
{
    HKEY k = create(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Vals");
    const WCHAR *text = L"hello";
    DWORD dw = 0x1f;
    cr_assert_eq(RegSetValueExW(k, L"Str", 0, REG_SZ, (const BYTE *)text,
                                (DWORD)((wcslen(text) + 1) * sizeof(WCHAR))), ERROR_SUCCESS);
    cr_assert_eq(RegSetValueExW(k, L"Num", 0, REG_DWORD, (const BYTE *)&dw, 4), ERROR_SUCCESS);
    cr_assert_eq(RegSetValueExW(k, NULL, 0, REG_BINARY, (const BYTE *)"\x01\x02", 2), ERROR_SUCCESS);

    DWORD type = 0, cb = 0;
    cr_expect_eq(RegQueryValueExW(k, L"str", NULL, &type, NULL, &cb), ERROR_SUCCESS);
    cr_expect_eq(type, REG_SZ);
    cr_expect_eq(cb, 6 * sizeof(WCHAR), "the size with the NUL");
    WCHAR small[3];
    cb = sizeof small;
    cr_expect_eq(RegQueryValueExW(k, L"Str", NULL, &type, (BYTE *)small, &cb), ERROR_MORE_DATA);
    cr_expect_eq(cb, 6 * sizeof(WCHAR), "ERROR_MORE_DATA gives the size needed");
    WCHAR buf[16];
    cb = sizeof buf;
    cr_expect_eq(RegQueryValueExW(k, L"Str", NULL, NULL, (BYTE *)buf, &cb), ERROR_SUCCESS);
    cr_expect(wcscmp(buf, L"hello") == 0);
    cr_expect_eq(RegQueryValueExW(k, L"Str", NULL, NULL, (BYTE *)buf, NULL), ERROR_INVALID_PARAMETER);
    cr_expect_eq(RegQueryValueExW(k, L"Missing", NULL, NULL, NULL, &cb), ERROR_FILE_NOT_FOUND);
    cb = 2;
    BYTE bin[2];
    cr_expect_eq(RegQueryValueExW(k, L"", NULL, &type, bin, &cb), ERROR_SUCCESS, "the default value");
    cr_expect_eq(type, REG_BINARY);

    /* A forms: names and strings in UTF-8. */
    char nbuf[16];
    cb = sizeof nbuf;
    cr_expect_eq(RegQueryValueExA(k, "Str", NULL, &type, (BYTE *)nbuf, &cb), ERROR_SUCCESS);
    cr_expect_eq(cb, 6);
    cr_expect_str_eq(nbuf, "hello");
    cr_expect_eq(RegSetValueExA(k, "Narrow", 0, REG_SZ, (const BYTE *)"h\xc3\xa9", 4), ERROR_SUCCESS);
    cb = sizeof buf;
    cr_expect_eq(RegQueryValueExW(k, L"Narrow", NULL, &type, (BYTE *)buf, &cb), ERROR_SUCCESS);
    cr_expect_eq(cb, 3 * sizeof(WCHAR));
    cr_expect(wcscmp(buf, L"h\u00e9") == 0);

    cr_expect_eq(RegDeleteValueW(k, L"Narrow"), ERROR_SUCCESS);
    cr_expect_eq(RegDeleteValueW(k, L"Narrow"), ERROR_FILE_NOT_FOUND);
    RegCloseKey(k);

    HKEY ro;
    cr_assert_eq(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Vals", 0, KEY_READ, &ro), ERROR_SUCCESS);
    cr_expect_eq(RegSetValueExW(ro, L"X", 0, REG_DWORD, (const BYTE *)&dw, 4), ERROR_ACCESS_DENIED);
    cr_expect_eq(RegDeleteValueW(ro, L"Num"), ERROR_ACCESS_DENIED);
    HKEY sub;
    cr_expect_eq(RegCreateKeyExW(ro, L"New", 0, NULL, 0, KEY_READ, NULL, &sub, NULL),
                 ERROR_ACCESS_DENIED, "creating needs KEY_CREATE_SUB_KEY");
    RegCloseKey(ro);
}

Test(registry, enumeration_order)
{
    HKEY k = create(HKEY_CURRENT_USER, L"Enum");
    const WCHAR *keys[] = {L"zeta", L"Alpha", L"beta", L"_under"};
    for (int i = 0; i < 4; i++)
        RegCloseKey(create(k, keys[i]));
    const WCHAR *vals[] = {L"v2", L"V1", L"a"};
    for (int i = 0; i < 3; i++)
        RegSetValueExW(k, vals[i], 0, REG_DWORD, (const BYTE *)&i, 4);

    DWORD nsub = 0, nval = 0, maxsub = 0, maxvn = 0, maxvl = 0;
    cr_assert_eq(RegQueryInfoKeyW(k, NULL, NULL, NULL, &nsub, &maxsub, NULL, &nval, &maxvn,
                                  &maxvl, NULL, NULL), ERROR_SUCCESS);
    cr_expect_eq(nsub, 4);
    cr_expect_eq(nval, 3);
    cr_expect_eq(maxsub, 6);
    cr_expect_eq(maxvn, 2);
    cr_expect_eq(maxvl, 4);

    /* Subkeys by upper-cased name ('_' after the letters), values in creation order. */
    const WCHAR *want_keys[] = {L"Alpha", L"beta", L"zeta", L"_under"};
    WCHAR name[32];
    for (DWORD i = 0; i < 4; i++) {
        DWORD cch = 32;
        cr_assert_eq(RegEnumKeyExW(k, i, name, &cch, NULL, NULL, NULL, NULL), ERROR_SUCCESS);
        cr_expect(wcscmp(name, want_keys[i]) == 0, "key %u", (unsigned)i);
        cr_expect_eq(cch, wcslen(want_keys[i]));
    }
    DWORD cch = 32;
    cr_expect_eq(RegEnumKeyExW(k, 4, name, &cch, NULL, NULL, NULL, NULL), ERROR_NO_MORE_ITEMS);
    cch = 3;
    cr_expect_eq(RegEnumKeyExW(k, 0, name, &cch, NULL, NULL, NULL, NULL), ERROR_MORE_DATA);
    for (DWORD i = 0; i < 3; i++) {
        cch = 32;
        DWORD type = 0, data = 99, cb = 4;
        cr_assert_eq(RegEnumValueW(k, i, name, &cch, NULL, &type, (BYTE *)&data, &cb), ERROR_SUCCESS);
        cr_expect(wcscmp(name, vals[i]) == 0, "value %u", (unsigned)i);
        cr_expect_eq(data, i);
    }
    cch = 32;
    cr_expect_eq(RegEnumValueW(k, 3, name, &cch, NULL, NULL, NULL, NULL), ERROR_NO_MORE_ITEMS);
    BYTE one;
    DWORD cb = 1;
    cch = 32;
    cr_expect_eq(RegEnumValueW(k, 0, name, &cch, NULL, NULL, &one, &cb), ERROR_MORE_DATA);
    cr_expect_eq(cb, 4);

    char nname[32];
    DWORD ncch = 32;
    cr_expect_eq(RegEnumKeyExA(k, 1, nname, &ncch, NULL, NULL, NULL, NULL), ERROR_SUCCESS);
    cr_expect_str_eq(nname, "beta");
    RegCloseKey(k);
}

Test(registry, delete_key)
{
    HKEY parent = create(HKEY_CURRENT_USER, L"Del");
    HKEY child = create(parent, L"Child");
    cr_expect_eq(RegDeleteKeyW(HKEY_CURRENT_USER, L"Del"), ERROR_ACCESS_DENIED, "it has a subkey");
    cr_expect_eq(RegDeleteKeyW(parent, L"Child"), ERROR_SUCCESS);
    DWORD n = 0;
    cr_expect_eq(RegQueryInfoKeyW(child, NULL, NULL, NULL, &n, NULL, NULL, NULL, NULL, NULL,
                                  NULL, NULL), ERROR_KEY_DELETED);
    cr_expect_eq(RegCloseKey(child), ERROR_SUCCESS);
    cr_expect_eq(RegDeleteKeyW(parent, L"Child"), ERROR_FILE_NOT_FOUND);
    cr_expect_eq(RegDeleteKeyW(HKEY_CURRENT_USER, NULL), ERROR_INVALID_PARAMETER);
    RegCloseKey(parent);
}

Test(registry, get_value)
{
    HKEY k = create(HKEY_CURRENT_USER, L"Get");
    setenv("PRJSIM_REG_TEST", "there", 1);
    const WCHAR *exp = L"hi %PRJSIM_REG_TEST%";
    RegSetValueExW(k, L"Exp", 0, REG_EXPAND_SZ, (const BYTE *)exp, (DWORD)((wcslen(exp) + 1) * sizeof(WCHAR)));
    /* A REG_SZ stored without its NUL comes back terminated. */
    RegSetValueExW(k, L"Bare", 0, REG_SZ, (const BYTE *)L"abc", 3 * sizeof(WCHAR));
    DWORD dw = 7;
    RegSetValueExW(k, L"Num", 0, REG_DWORD, (const BYTE *)&dw, 4);

    WCHAR buf[64];
    DWORD cb = sizeof buf, type = 0;
    cr_expect_eq(RegGetValueW(HKEY_CURRENT_USER, L"Get", L"Exp", RRF_RT_REG_SZ, &type, buf, &cb),
                 ERROR_SUCCESS);
    cr_expect_eq(type, REG_SZ, "expanded and reported as REG_SZ");
    cr_expect(wcscmp(buf, L"hi there") == 0);
    cb = sizeof buf;
    cr_expect_eq(RegGetValueW(k, NULL, L"Exp", RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, &type, buf, &cb),
                 ERROR_SUCCESS);
    cr_expect(wcscmp(buf, exp) == 0);
    cr_expect_eq(RegGetValueW(k, NULL, L"Exp", RRF_RT_REG_EXPAND_SZ, NULL, NULL, &cb),
                 ERROR_INVALID_PARAMETER, "RRF_RT_REG_EXPAND_SZ needs RRF_NOEXPAND");
    cb = 0;
    cr_expect_eq(RegGetValueW(k, NULL, L"Bare", RRF_RT_ANY, NULL, NULL, &cb), ERROR_SUCCESS);
    cr_expect_eq(cb, 4 * sizeof(WCHAR), "room for the NUL it adds");
    cb = sizeof buf;
    cr_expect_eq(RegGetValueW(k, NULL, L"Num", RRF_RT_REG_SZ, NULL, buf, &cb), ERROR_UNSUPPORTED_TYPE);
    cr_expect_eq(RegGetValueW(k, NULL, L"Num", 0, NULL, NULL, &cb), ERROR_INVALID_PARAMETER);
    DWORD got = 0;
    cb = 4;
    cr_expect_eq(RegGetValueW(k, NULL, L"Num", RRF_RT_DWORD, &type, &got, &cb), ERROR_SUCCESS);
    cr_expect_eq(got, 7);
    cb = 2;
    memset(buf, 0xff, sizeof buf);
    cr_expect_eq(RegGetValueW(k, NULL, L"Num", RRF_RT_DWORD | RRF_ZEROONFAILURE, NULL, buf, &cb),
                 ERROR_MORE_DATA);
    cr_expect_eq(cb, 4);
    cr_expect_eq(((BYTE *)buf)[0], 0, "RRF_ZEROONFAILURE");
    cr_expect_eq(RegGetValueW(k, L"NoKey", L"Num", RRF_RT_ANY, NULL, NULL, &cb), ERROR_FILE_NOT_FOUND);
    char nbuf[16];
    cb = sizeof nbuf;
    cr_expect_eq(RegGetValueA(k, NULL, "Bare", RRF_RT_REG_SZ, NULL, nbuf, &cb), ERROR_SUCCESS);
    cr_expect_str_eq(nbuf, "abc");
    cr_expect_eq(cb, 4);
    RegCloseKey(k);
}

/* ---- The .reg reader ---- */

static const char sample[] =
    "Windows Registry Editor Version 5.00\r\n"
    "\r\n"
    "; a comment\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\r\n"
    "@=\"default\"\r\n"
    "\"Path\"=\"C:\\\\Program Files\\\\Contoso \\\"x\\\"\"\r\n"
    "\"Count\"=dword:0000001f\r\n"
    "\"Blob\"=hex:01,02,ff,\\\r\n"
    "  10,20\r\n"
    "\"Exp\"=hex(2):25,00,41,00,25,00,00,00\r\n"
    "\"Multi\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
    "\"Big\"=hex(b):01,00,00,00,00,00,00,00\r\n"
    "\"Gone\"=\"x\"\r\n"
    "\"Gone\"=-\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Sub\\Deep]\r\n"
    "[HKEY_CURRENT_USER\\Old]\r\n"
    "[-HKEY_CURRENT_USER\\Old]\r\n";

Test(regfile, every_form)
{
    load(sample);
    HKEY k;
    cr_assert_eq(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Contoso", 0, KEY_READ, &k), ERROR_SUCCESS);
    WCHAR s[64];
    DWORD cb = sizeof s, type;
    cr_expect_eq(RegQueryValueExW(k, NULL, NULL, &type, (BYTE *)s, &cb), ERROR_SUCCESS);
    cr_expect(wcscmp(s, L"default") == 0);
    cb = sizeof s;
    cr_expect_eq(RegQueryValueExW(k, L"Path", NULL, &type, (BYTE *)s, &cb), ERROR_SUCCESS);
    cr_expect(wcscmp(s, L"C:\\Program Files\\Contoso \"x\"") == 0, "%ls", s);
    DWORD dw = 0;
    cb = 4;
    cr_expect_eq(RegQueryValueExW(k, L"Count", NULL, &type, (BYTE *)&dw, &cb), ERROR_SUCCESS);
    cr_expect_eq(type, REG_DWORD);
    cr_expect_eq(dw, 0x1f);
    BYTE b[8];
    cb = sizeof b;
    cr_expect_eq(RegQueryValueExW(k, L"Blob", NULL, &type, b, &cb), ERROR_SUCCESS);
    cr_expect_eq(type, REG_BINARY);
    cr_expect_eq(cb, 5, "the continuation line is read");
    cr_expect_eq(b[4], 0x20);
    cb = sizeof s;
    cr_expect_eq(RegQueryValueExW(k, L"Exp", NULL, &type, (BYTE *)s, &cb), ERROR_SUCCESS);
    cr_expect_eq(type, REG_EXPAND_SZ);
    cr_expect_eq(cb, 4 * sizeof(WCHAR), "UTF-16LE bytes became WCHARs");
    cr_expect(wcscmp(s, L"%A%") == 0);
    cb = sizeof s;
    cr_expect_eq(RegQueryValueExW(k, L"Multi", NULL, &type, (BYTE *)s, &cb), ERROR_SUCCESS);
    cr_expect_eq(type, REG_MULTI_SZ);
    cr_expect_eq(cb, 5 * sizeof(WCHAR));
    ULONGLONG q = 0;
    cb = 8;
    cr_expect_eq(RegQueryValueExW(k, L"Big", NULL, &type, (BYTE *)&q, &cb), ERROR_SUCCESS);
    cr_expect_eq(type, REG_QWORD);
    cr_expect_eq(q, 1);
    cr_expect_eq(RegQueryValueExW(k, L"Gone", NULL, NULL, NULL, &cb), ERROR_FILE_NOT_FOUND);
    RegCloseKey(k);
    cr_expect_eq(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Contoso\\Sub\\Deep", 0, KEY_READ, &k),
                 ERROR_SUCCESS);
    RegCloseKey(k);
    cr_expect_eq(RegOpenKeyExW(HKEY_CURRENT_USER, L"Old", 0, KEY_READ, &k), ERROR_FILE_NOT_FOUND);
}

Test(regfile, utf16_with_bom)
{
    /* reg export's encoding: UTF-16LE with a BOM. */
    const char *text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_USERS\\W]\r\n\"N\"=\"\xc3\xa9\"\r\n";
    size_t n = strlen(text);
    unsigned char u16[512];
    size_t k = 0;
    u16[k++] = 0xFF;
    u16[k++] = 0xFE;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)text[i];
        if (c == 0xc3) {
            c = 0xe9;
            i++;
        }
        u16[k++] = (unsigned char)c;
        u16[k++] = 0;
    }
    char err[256];
    cr_assert_eq(prjsim_registry_load_text("w.reg", u16, k, err, sizeof err), S_OK, "%s", err);
    WCHAR s[8];
    DWORD cb = sizeof s;
    cr_expect_eq(RegGetValueW(HKEY_USERS, L"W", L"N", RRF_RT_REG_SZ, NULL, s, &cb), ERROR_SUCCESS);
    cr_expect(wcscmp(s, L"\u00e9") == 0);
}

Test(regfile, regedit4_and_short_roots)
{
    load("REGEDIT4\n\n[HKCU\\R4]\n\"E\"=hex(2):25,58,25,00\n");
    WCHAR s[8];
    DWORD cb = sizeof s, type;
    cr_expect_eq(RegGetValueW(HKEY_CURRENT_USER, L"R4", L"E", RRF_RT_ANY | RRF_NOEXPAND, &type, s, &cb),
                 ERROR_SUCCESS);
    cr_expect(wcscmp(s, L"%X%") == 0, "REGEDIT4 string bytes are narrow");
}

struct bad {
    char text[160];
    char message[96];
};

static struct bad bad_files[] = {
    {"hello\n", "t.reg:1: not a .reg file"},
    {"", "t.reg:1: empty file"},
    {"REGEDIT4\n\"x\"=\"y\"\n", "t.reg:2: value outside a key"},
    {"REGEDIT4\n[HKEY_NOWHERE\\x]\n", "t.reg:2: unknown root key 'HKEY_NOWHERE'"},
    {"REGEDIT4\n[HKLM\\x\n", "t.reg:2: key line without its closing ']'"},
    {"REGEDIT4\n[HKLM\\x]\n\"a\"=dword:123456789\n", "t.reg:3: bad dword"},
    {"REGEDIT4\n[HKLM\\x]\n\"a\"=hex:1,zz\n", "t.reg:3: bad hex byte"},
    {"REGEDIT4\n[HKLM\\x]\n\"a\"=hex:01,\\\n", "t.reg:3: the hex data continues past the end"},
    {"REGEDIT4\n[HKLM\\x]\n\n\"a\"=\"open\n", "t.reg:4: string without its closing"},
    {"REGEDIT4\n[HKLM\\x]\n\"a\"=qword:1\n", "t.reg:3: unrecognised value data"},
    {"Windows Registry Editor Version 5.00\n[HKLM\\x]\n\"a\"=hex(2):41\n", "t.reg:3: odd number of bytes"},
    {"REGEDIT4\n[HKLM\\x\\\\y]\n", "t.reg:2: empty key name in the path"},
    {"REGEDIT4\n[HKLM\\x]\n\"a\"=\"b\" junk\n", "t.reg:3: text after the closing"},
    {"REGEDIT4\n[HKLM\\x]\njunk\n", "t.reg:3: expected a [key] line"},
};

ParameterizedTestParameters(regfile, malformed)
{
    return cr_make_param_array(struct bad, bad_files, sizeof bad_files / sizeof bad_files[0]);
}

ParameterizedTest(struct bad *b, regfile, malformed)
{
    char err[256] = "";
    /* A good key first: a malformed file must change nothing. */
    char text[256];
    snprintf(text, sizeof text, "%s", b->text);
    cr_expect_eq(prjsim_registry_load_text("t.reg", text, strlen(text), err, sizeof err), E_INVALIDARG);
    cr_expect(strncmp(err, b->message, strlen(b->message)) == 0, "got '%s', want '%s...'", err,
              b->message);
    HKEY k;
    cr_expect_eq(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"x", 0, KEY_READ, &k), ERROR_FILE_NOT_FOUND,
                 "nothing applied");
}

Test(regfile, file_errors)
{
    char err[256];
    cr_expect_eq(prjsim_registry_load_file("/nonexistent/x.reg", err, sizeof err),
                 HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND));
    cr_expect(strstr(err, "/nonexistent/x.reg: cannot read") != NULL, "%s", err);
}

Test(regfile, clear)
{
    load("REGEDIT4\n[HKLM\\C]\n\"v\"=\"1\"\n");
    HKEY k;
    cr_assert_eq(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"C", 0, KEY_READ, &k), ERROR_SUCCESS);
    prjsim_registry_clear();
    cr_expect_eq(RegQueryValueExW(k, L"v", NULL, NULL, NULL, NULL), ERROR_KEY_DELETED);
    RegCloseKey(k);
    cr_expect_eq(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"C", 0, KEY_READ, &k), ERROR_FILE_NOT_FOUND);
}

/* Threads creating, writing, reading, enumerating and deleting at once (run under TSan too). */
static void *hammer(void *arg)
{
    int id = (int)(intptr_t)arg;
    WCHAR name[32];
    swprintf(name, 32, L"T%d", id);
    for (int round = 0; round < 50; round++) {
        HKEY k;
        if (RegCreateKeyExW(HKEY_CURRENT_USER, L"Shared", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL))
            return (void *)1;
        HKEY mine;
        if (RegCreateKeyExW(k, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &mine, NULL))
            return (void *)2;
        DWORD v = (DWORD)round;
        RegSetValueExW(mine, L"v", 0, REG_DWORD, (const BYTE *)&v, 4);
        DWORD got = 0, cb = 4;
        if (RegQueryValueExW(mine, L"v", NULL, NULL, (BYTE *)&got, &cb) || got != v)
            return (void *)3;
        WCHAR sub[32];
        for (DWORD i = 0;; i++) {
            DWORD cch = 32;
            if (RegEnumKeyExW(k, i, sub, &cch, NULL, NULL, NULL, NULL) != ERROR_SUCCESS)
                break;
        }
        RegCloseKey(mine);
        if (RegDeleteKeyW(k, name))
            return (void *)4;
        RegCloseKey(k);
    }
    return NULL;
}

Test(registry, threads)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, hammer, (void *)(intptr_t)i), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        cr_expect_null(r, "thread %d failed at step %d", i, (int)(intptr_t)r);
    }
    DWORD n = 99;
    cr_expect_eq(RegQueryInfoKeyW(HKEY_CURRENT_USER, NULL, NULL, NULL, &n, NULL, NULL, NULL, NULL,
                                  NULL, NULL, NULL), ERROR_SUCCESS);
    cr_expect_eq(n, 1, "only Shared is left");
}
