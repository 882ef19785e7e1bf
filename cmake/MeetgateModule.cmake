# meetgate_add_plugin(NAME SOURCES ... [LIBS ...] [CONF file.jcfg])
# meetgate_add_transport(NAME SOURCES ... [LIBS ...] [CONF file.jcfg])
#
# Builds libmeetgate_plugin_NAME.so (or libmeetgate_transport_NAME.so) as a
# MODULE into the build tree's lib/meetgate/{plugins,transports}, and installs
# it with its config sample.
function(_meetgate_add_module kind NAME)
  cmake_parse_arguments(M "" "CONF" "SOURCES;LIBS" ${ARGN})
  set(target meetgate_${kind}_${NAME})
  add_library(${target} MODULE ${M_SOURCES})
  target_link_libraries(${target} PRIVATE meetgate::sdk ${M_LIBS})
  if(kind STREQUAL "plugin")
    set(build_dir ${MEETGATE_BUILD_PLUGIN_DIR})
    set(install_dir ${MEETGATE_INSTALL_PLUGIN_DIR})
  else()
    set(build_dir ${MEETGATE_BUILD_TRANSPORT_DIR})
    set(install_dir ${MEETGATE_INSTALL_TRANSPORT_DIR})
  endif()
  set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${build_dir})
  # A module must not leave undefined symbols for the daemon to fill.
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  install(TARGETS ${target} LIBRARY DESTINATION ${install_dir})
  if(M_CONF)
    install(FILES ${M_CONF} DESTINATION ${MEETGATE_INSTALL_CONF_DIR})
  endif()
endfunction()

function(meetgate_add_plugin NAME)
  _meetgate_add_module(plugin ${NAME} ${ARGN})
endfunction()

function(meetgate_add_transport NAME)
  _meetgate_add_module(transport ${NAME} ${ARGN})
endfunction()
