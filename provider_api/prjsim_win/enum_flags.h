/* SPDX-License-Identifier: MIT */
/*
 * prjsim_win/enum_flags.h: DEFINE_ENUM_FLAG_OPERATORS.
 *
 * C++ does not let two enumerators of a plain enum be combined with | and
 * stored back into the enum type; Windows headers therefore define the bit
 * operators for each flag enum. C needs nothing, since enums there are
 * ints, so the macro expands to a harmless declaration that consumes the
 * semicolon written after it (an empty expansion would leave a stray `;` at
 * file scope, which -pedantic rejects in C).
 */
#ifndef PRJSIM_WIN_ENUM_FLAGS_H
#define PRJSIM_WIN_ENUM_FLAGS_H

#include <stdint.h>

#ifdef __cplusplus

extern "C++" {
/* The unsigned integer type as wide as an enum, used for the bit arithmetic. */
template <unsigned Size> struct prjsim_win_enum_flag_int;
template <> struct prjsim_win_enum_flag_int<1> { typedef uint8_t type; };
template <> struct prjsim_win_enum_flag_int<2> { typedef uint16_t type; };
template <> struct prjsim_win_enum_flag_int<4> { typedef uint32_t type; };
template <> struct prjsim_win_enum_flag_int<8> { typedef uint64_t type; };
}

#define PRJSIM_WIN__FLAG_INT(ENUMTYPE) prjsim_win_enum_flag_int<sizeof(ENUMTYPE)>::type

#define DEFINE_ENUM_FLAG_OPERATORS(ENUMTYPE)                                                \
    extern "C++" {                                                                          \
    inline constexpr ENUMTYPE operator|(ENUMTYPE a, ENUMTYPE b) noexcept                    \
    {                                                                                       \
        return ENUMTYPE(static_cast<PRJSIM_WIN__FLAG_INT(ENUMTYPE)>(a) |                    \
                        static_cast<PRJSIM_WIN__FLAG_INT(ENUMTYPE)>(b));                    \
    }                                                                                       \
    inline constexpr ENUMTYPE operator&(ENUMTYPE a, ENUMTYPE b) noexcept                    \
    {                                                                                       \
        return ENUMTYPE(static_cast<PRJSIM_WIN__FLAG_INT(ENUMTYPE)>(a) &                    \
                        static_cast<PRJSIM_WIN__FLAG_INT(ENUMTYPE)>(b));                    \
    }                                                                                       \
    inline constexpr ENUMTYPE operator^(ENUMTYPE a, ENUMTYPE b) noexcept                    \
    {                                                                                       \
        return ENUMTYPE(static_cast<PRJSIM_WIN__FLAG_INT(ENUMTYPE)>(a) ^                    \
                        static_cast<PRJSIM_WIN__FLAG_INT(ENUMTYPE)>(b));                    \
    }                                                                                       \
    inline constexpr ENUMTYPE operator~(ENUMTYPE a) noexcept                                \
    {                                                                                       \
        return ENUMTYPE(~static_cast<PRJSIM_WIN__FLAG_INT(ENUMTYPE)>(a));                   \
    }                                                                                       \
    inline ENUMTYPE &operator|=(ENUMTYPE &a, ENUMTYPE b) noexcept                           \
    {                                                                                       \
        return a = a | b;                                                                   \
    }                                                                                       \
    inline ENUMTYPE &operator&=(ENUMTYPE &a, ENUMTYPE b) noexcept                           \
    {                                                                                       \
        return a = a & b;                                                                   \
    }                                                                                       \
    inline ENUMTYPE &operator^=(ENUMTYPE &a, ENUMTYPE b) noexcept                           \
    {                                                                                       \
        return a = a ^ b;                                                                   \
    }                                                                                       \
    }                                                                                       \
    struct prjsim_win_enum_flags_##ENUMTYPE

#else

#define DEFINE_ENUM_FLAG_OPERATORS(ENUMTYPE) struct prjsim_win_enum_flags_##ENUMTYPE

#endif

#endif /* PRJSIM_WIN_ENUM_FLAGS_H */
