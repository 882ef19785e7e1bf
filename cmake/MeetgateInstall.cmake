# The SDK: headers, a CMake package and a pkg-config file, so a third-party
# plugin builds out of tree against an installed meetgate.
include(CMakePackageConfigHelpers)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/meetgate DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS meetgate_sdk EXPORT meetgateTargets)
install(EXPORT meetgateTargets NAMESPACE meetgate:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/meetgate)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/meetgateConfig.cmake.in
  ${PROJECT_BINARY_DIR}/meetgateConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/meetgate
  PATH_VARS MEETGATE_INSTALL_PLUGIN_DIR MEETGATE_INSTALL_TRANSPORT_DIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/meetgateConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/meetgateConfig.cmake ${PROJECT_BINARY_DIR}/meetgateConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/meetgate)
file(RELATIVE_PATH MEETGATE_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${PROJECT_SOURCE_DIR}/cmake/meetgate.pc.in ${PROJECT_BINARY_DIR}/meetgate.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/meetgate.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/conf/ DESTINATION ${MEETGATE_INSTALL_CONF_DIR}
  FILES_MATCHING PATTERN "*.jcfg")
