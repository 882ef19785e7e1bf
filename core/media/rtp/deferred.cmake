# Included at the end of the top-level configure (see CMakeLists.txt).
# (Subdirectories cannot be added during deferred execution: the test
# target is defined here.)
if(MEETGATE_BUILD_TESTS AND TARGET meetgate_cppunit_main)
  set(rtp_tests
    allocation_counter allocation_test audio_level_test keyframe_test nack_test
    retransmission_test rewriter_test router_test rtcp_test rtp_packet_test sinks_test
    transport_cc_test)
  list(TRANSFORM rtp_tests PREPEND ${CMAKE_CURRENT_LIST_DIR}/tests/)
  list(TRANSFORM rtp_tests APPEND .cpp)
  add_executable(media_rtp_unit_tests ${rtp_tests})
  target_link_libraries(media_rtp_unit_tests PRIVATE meetgate_media_rtp meetgate_cppunit_main)
  add_test(NAME media_rtp_unit_tests COMMAND media_rtp_unit_tests)
  set_tests_properties(media_rtp_unit_tests PROPERTIES TIMEOUT 120 LABELS "unit;media")
endif()

# tools/bench/bench_router.cpp is globbed into meetgate-bench; it needs the router.
if(TARGET meetgate-bench AND EXISTS ${CMAKE_SOURCE_DIR}/tools/bench/bench_router.cpp)
  target_link_libraries(meetgate-bench PRIVATE meetgate_media_rtp)
endif()

# libFuzzer targets for the RTP and RTCP parsers (preset "fuzz": clang, MEETGATE_FUZZ=ON).
# Short run: BUILD/bin/rtp_parse_fuzzer -max_total_time=30
if(MEETGATE_FUZZ)
  foreach(fuzzer rtp_parse_fuzzer rtcp_parse_fuzzer)
    if(NOT TARGET ${fuzzer} AND EXISTS ${CMAKE_SOURCE_DIR}/fuzz/${fuzzer}.cpp)
      add_executable(${fuzzer} ${CMAKE_SOURCE_DIR}/fuzz/${fuzzer}.cpp)
      target_compile_options(${fuzzer} PRIVATE -fsanitize=fuzzer,address,undefined)
      target_link_options(${fuzzer} PRIVATE -fsanitize=fuzzer,address,undefined)
      target_link_libraries(${fuzzer} PRIVATE meetgate_media_rtp)
      set_target_properties(${fuzzer} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
    endif()
  endforeach()
  # A short run of each for CI (ctest -L fuzz), like fuzz/media_fuzz.cmake's.
  foreach(name rtp_parse rtcp_parse)
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
    add_test(NAME fuzz_${name}_short
      COMMAND ${name}_fuzzer -max_total_time=20 -rss_limit_mb=1024
              ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
    set_tests_properties(fuzz_${name}_short PROPERTIES LABELS "fuzz;media" TIMEOUT 120)
  endforeach()
endif()
