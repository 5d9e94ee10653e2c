# Install rules and the exported package, so that a consumer can find_package(retort).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS retort EXPORT retortTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/retort DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT retortTargets NAMESPACE retort:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/retort)

configure_package_config_file(cmake/retortConfig.cmake.in
  ${PROJECT_BINARY_DIR}/retortConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/retort)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/retortConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/retortConfig.cmake ${PROJECT_BINARY_DIR}/retortConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/retort)
