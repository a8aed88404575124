# SPDX-License-Identifier: MIT
# Cross-build for 64-bit Windows from Linux with Debian's mingw-w64 (gcc-mingw-w64-x86-64,
# g++-mingw-w64-x86-64):
#   cmake -S . -B build-mingw -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64-x86_64.cmake
# The programs are linked statically (C and C++ runtimes, winpthreads), so a .exe runs on
# Windows or under Wine without mingw's DLLs beside it. See docs/windows.md.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(prjsim_mingw_prefix x86_64-w64-mingw32)

# The -posix variants: the C++ runtime's threads and the memtree provider use winpthreads.
find_program(CMAKE_C_COMPILER NAMES ${prjsim_mingw_prefix}-gcc-posix ${prjsim_mingw_prefix}-gcc REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${prjsim_mingw_prefix}-g++-posix ${prjsim_mingw_prefix}-g++ REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${prjsim_mingw_prefix}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${prjsim_mingw_prefix})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static")
# ctest runs the cross-built programs through Wine: $WINE, else Debian's wine64 when installed.
if(DEFINED ENV{WINE})
  set(CMAKE_CROSSCOMPILING_EMULATOR $ENV{WINE})
else()
  find_program(PRJSIM_WINE NAMES wine64 wine PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
  if(PRJSIM_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${PRJSIM_WINE})
  endif()
endif()
