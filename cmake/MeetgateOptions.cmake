# Warnings, -Werror and sanitizers for every target of the project.
add_compile_options(-Wall -Wextra)
if(MEETGATE_WERROR)
  add_compile_options(-Werror)
endif()
if(MEETGATE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
# Plugins and transports export only their create symbol.
set(CMAKE_C_VISIBILITY_PRESET hidden)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)

# Where modules land in the build tree, so the daemon and the tests find them
# the same way an installed daemon finds lib/meetgate/{plugins,transports}.
set(MEETGATE_BUILD_PLUGIN_DIR ${CMAKE_BINARY_DIR}/lib/meetgate/plugins)
set(MEETGATE_BUILD_TRANSPORT_DIR ${CMAKE_BINARY_DIR}/lib/meetgate/transports)
set(MEETGATE_INSTALL_PLUGIN_DIR ${CMAKE_INSTALL_LIBDIR}/meetgate/plugins)
set(MEETGATE_INSTALL_TRANSPORT_DIR ${CMAKE_INSTALL_LIBDIR}/meetgate/transports)
set(MEETGATE_INSTALL_CONF_DIR ${CMAKE_INSTALL_SYSCONFDIR}/meetgate)
set(MEETGATE_INSTALL_DATA_DIR ${CMAKE_INSTALL_DATADIR}/meetgate)

# GCC 12 reports -Wrestrict false positives inside libstdc++ for
# `"literal" + std::string` at -O2 and above (GCC bug 105651).
# It also reports -Wmaybe-uninitialized inside std::variant's move constructor
# when inlined at -O2 (GCC bugs 105593, 107138): still shown, not fatal.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>
                      $<$<COMPILE_LANGUAGE:CXX>:-Wno-error=maybe-uninitialized>)
endif()
