# SPDX-License-Identifier: MIT
# What `cmake --install` adds beyond the targets: the CMake package (find_package(prjsim CONFIG)),
# pkg-config files, the data (manifests, scenarios), the docs and the licence; and the Debian
# package (`cpack -G DEB`). tools/package-test.sh checks all of it from a copied prefix.
include(CMakePackageConfigHelpers)

set(pkg ${CMAKE_CURRENT_LIST_DIR}/package)

# ---- The CMake package: prjsim::prjsim, prjsim::headers, prjsim::memtree, the tools, and the
# helpers prjsim_add_provider, prjsim_add_conformance_test and prjsim_add_random_test.
install(EXPORT prjsimTargets NAMESPACE prjsim:: FILE prjsimTargets.cmake
        DESTINATION ${PRJSIM_INSTALL_CMAKEDIR})
configure_package_config_file(${pkg}/prjsimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/prjsimConfig.cmake
  INSTALL_DESTINATION ${PRJSIM_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_BINDIR PRJSIM_INSTALL_DATADIR)
# Every 0.x release may break the API: only the same major.minor is compatible.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(prjsim_compat SameMinorVersion)
else()
  set(prjsim_compat SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/prjsimConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${prjsim_compat})
install(FILES
  ${PROJECT_BINARY_DIR}/package/prjsimConfig.cmake
  ${PROJECT_BINARY_DIR}/package/prjsimConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/PrjsimProvider.cmake
  ${CMAKE_CURRENT_LIST_DIR}/PrjsimConformance.cmake
  DESTINATION ${PRJSIM_INSTALL_CMAKEDIR})

# ---- pkg-config: prjsim (the library) and prjsim-provider (what a provider program adds).
# Paths are relative to the .pc file (${pcfiledir}), so a copied prefix still works.
file(RELATIVE_PATH PRJSIM_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" PRJSIM_PC_TO_PREFIX "${PRJSIM_PC_TO_PREFIX}")
foreach(pc prjsim prjsim-provider)
  configure_file(${pkg}/${pc}.pc.in ${PROJECT_BINARY_DIR}/package/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/package/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

# ---- Data and docs.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/conformance/scenarios/
        DESTINATION ${PRJSIM_INSTALL_DATADIR}/scenarios)
install(FILES ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/LICENSE
              ${PROJECT_SOURCE_DIR}/conformance/DEVIATIONS.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/conformance/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME scenario-language.md)
install(FILES ${PROJECT_SOURCE_DIR}/conformance/prjconf/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME prjconf.md)
install(FILES ${PROJECT_SOURCE_DIR}/fixtures/fault/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME faults.md)
install(FILES ${PROJECT_SOURCE_DIR}/sim/STATE-FORMAT.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME state-format.md)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        USE_SOURCE_PERMISSIONS PATTERN build* EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ci/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/ci
        USE_SOURCE_PERMISSIONS)
install(FILES ${PROJECT_SOURCE_DIR}/tools/python/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME python-driver.md)

# ---- The Debian package: `cpack -G DEB` in the build tree gives prjsim_<version>_<arch>.deb
# (everything above, installed under /usr).
set(CPACK_PACKAGE_NAME prjsim)
set(CPACK_PACKAGE_VENDOR prjsim)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Providers written for Windows against projectedfslib.h build unchanged against its headers \
and run in-process against a simulated virtualization root. Includes the library, headers, the \
tools prjsim, prjconf, prjsim-cc, prjsim-c++ and prjsim-bench, the CMake package, pkg-config \
files, the scenarios and the Python driver for pytest.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "prjsim maintainers <prjsim@invalid>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The compiler wrappers need a compiler; the driver needs Python; pytest runs its plugin.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "gcc, g++, python3")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cmake, pkg-config, python3-pytest")
set(CPACK_GENERATOR DEB)
include(CPack)
