/* SPDX-License-Identifier: MIT */
// The C runtime's file calls with Windows paths, from C++ built with prjsim-c++: std::fopen
// and ::stat reach the C: drive (the wrapper links with --wrap), std::remove the algorithm is
// untouched, and wmain falls off its end (exit 0, as MSVC makes it).
#include <windows.h>
#include <algorithm>
#include <cstdio>
#include <sys/stat.h>
#include <vector>

int wmain()
{
    std::FILE *f = std::fopen("C:\\crt-test.txt", "w");
    if (!f)
        return 1;
    std::fputs("written", f);
    std::fclose(f);
    struct _stat st;
    if (_stat("C:\\crt-test.txt", &st) != 0 || st.st_size != 7)
        return 2;
    std::vector<int> v{1, 2, 1};
    v.erase(std::remove(v.begin(), v.end(), 1), v.end());
    std::printf("size=%ld left=%zu\n", static_cast<long>(st.st_size), v.size());
}
