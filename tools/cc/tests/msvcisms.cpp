/* SPDX-License-Identifier: MIT */
// C++ that MSVC accepts and g++ rejects by default, as Windows providers write it: the address
// of a temporary returned by value, and std::logic_error used after <string> without
// <stdexcept>. Built with prjsim-c++ and no flags; exits 42.
#include <Windows.h>
#include <string>

struct Info {
    int Value;
};

static Info Make(int v)
{
    return Info{v};
}

static int Read(const Info *info)
{
    return info->Value;
}

class NotImplemented : public std::logic_error {
public:
    NotImplemented() : std::logic_error("not implemented") {}
};

int __cdecl wmain(int argc, const WCHAR **argv)
{
    (void)argv;
    try {
        if (argc > 0)
            throw NotImplemented();
    } catch (const std::logic_error &e) {
        return Read(&Make(42)) + (int)strlen(e.what()) - 15;
    }
    return 0;
}
