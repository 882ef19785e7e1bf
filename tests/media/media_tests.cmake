# Tests of the media engine (core/media), included at the end of the top-level
# configure by core/media/CMakeLists.txt: CppUnit unit tests for SDP and the
# packet demultiplexer, and integration tests with real WebRTC peers
# (python3-aiortc) through the echotest plugin over the WebSocket transport.
add_executable(media_unit_tests
  ${CMAKE_CURRENT_LIST_DIR}/sdp_round_trip_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/packet_demux_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dtls_srtp_test.cpp)
target_link_libraries(media_unit_tests PRIVATE meetgate_media meetgate_cppunit_main)
target_compile_definitions(media_unit_tests PRIVATE
  MEDIA_FIXTURES_DIR="${CMAKE_CURRENT_LIST_DIR}/fixtures")
add_test(NAME media_unit_tests COMMAND media_unit_tests)
set_tests_properties(media_unit_tests PROPERTIES LABELS "unit;media" TIMEOUT 60)

meetgate_add_python_test(media_aiortc_echo ${CMAKE_CURRENT_LIST_DIR}/aiortc_echo_test.py
  LABELS media TIMEOUT 240)
meetgate_add_python_test(media_failure_paths ${CMAKE_CURRENT_LIST_DIR}/failure_paths_test.py
  LABELS media TIMEOUT 240)

# A test-only plugin driving producers/consumers (router_test.py loads it from
# its own directory; it is not in the build tree's plugins dir nor installed).
add_library(meetgate_plugin_routerprobe MODULE ${CMAKE_CURRENT_LIST_DIR}/router_probe_plugin.cpp)
target_link_libraries(meetgate_plugin_routerprobe PRIVATE meetgate::sdk)
target_link_options(meetgate_plugin_routerprobe PRIVATE -Wl,--no-undefined)
set_target_properties(meetgate_plugin_routerprobe PROPERTIES
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/media/plugins)
meetgate_add_python_test(media_router ${CMAKE_CURRENT_LIST_DIR}/router_test.py
  LABELS media TIMEOUT 240)
meetgate_add_python_test(media_chromium_echo ${CMAKE_CURRENT_LIST_DIR}/chromium_echo_test.py
  LABELS media TIMEOUT 180)
