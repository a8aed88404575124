/* SPDX-License-Identifier: MIT */
// A tiny C++ provider program for the wrapper test: a wmain with C++ linkage using the
// standard library, DEFINE_ENUM_FLAG_OPERATORS from the SDK header, and a -D flag passed
// through. Prints its arguments sorted the way ProjFS sorts names, and returns 10 + argc.
#include <windows.h>
#include <projectedfslib.h>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#if __cplusplus != 201703L
#error "prjsim-c++ compiles gnu++17 by default"
#endif

int wmain(int argc, wchar_t *argv[])
{
    std::vector<std::wstring> names(argv + 1, argv + argc);
    std::sort(names.begin(), names.end(), [](const std::wstring &a, const std::wstring &b) {
        return PrjFileNameCompare(a.c_str(), b.c_str()) < 0;
    });
    PRJ_UPDATE_TYPES update = PRJ_UPDATE_ALLOW_DIRTY_DATA | PRJ_UPDATE_ALLOW_TOMBSTONE;
    std::printf("%s", PREFIX);
    for (const auto &n : names)
        std::printf(" %ls", n.c_str());
    std::printf(" update=%d\n", static_cast<int>(update));
    return 10 + argc;
}
