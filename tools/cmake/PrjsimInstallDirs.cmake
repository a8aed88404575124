# SPDX-License-Identifier: MIT
# Where `cmake --install` puts things. Every installed file finds the others relative to its own
# location, so a prefix still works when copied elsewhere (tools/package-test.sh checks it).
include(GNUInstallDirs)
# The headers go in a folder of their own: windows.h and friends must not shadow anything else.
set(PRJSIM_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/prjsim)
# Data: the manifests (trees/), the scenarios (scenarios/), the docs.
set(PRJSIM_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/prjsim)
set(PRJSIM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/prjsim)
# The Python driver: Debian's python3 reads /usr/lib/python3/dist-packages, so the .deb needs
# no PYTHONPATH; under another prefix, add <prefix>/lib/python3/dist-packages or pip-install it.
set(PRJSIM_INSTALL_PYTHONDIR lib/python3/dist-packages CACHE STRING
    "Where the Python driver (prjsim_driver) is installed, relative to the prefix")
# The SONAME's version: major.minor while the major version is 0 (every 0.x may break the ABI).
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(PRJSIM_SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
else()
  set(PRJSIM_SOVERSION ${PROJECT_VERSION_MAJOR})
endif()
# Installed programs find libprjsim relative to themselves.
file(RELATIVE_PATH prjsim_bin_to_lib /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_LIBDIR})
set(PRJSIM_INSTALL_RPATH "$ORIGIN/${prjsim_bin_to_lib}")
