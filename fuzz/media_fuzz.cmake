# libFuzzer targets of the media engine (preset "fuzz": clang, MEETGATE_FUZZ=ON),
# included at the end of the top-level configure by core/media/CMakeLists.txt.
#   sdp_fuzzer:    SdpParser -> SdpNegotiator -> SdpWriter -> SdpParser
#   packet_fuzzer: RFC 7983 demux, RTP header/extension reads, RTCP walking,
#                  and libnice's STUN validation as the ICE agent runs it
# Short run: build-fuzz/sdp_fuzzer -max_total_time=30 fuzz/corpus/sdp
foreach(target sdp_fuzzer packet_fuzzer)
  add_executable(${target} ${CMAKE_CURRENT_LIST_DIR}/${target}.cpp)
  target_compile_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${target} PRIVATE meetgate_media)
  target_include_directories(${target} PRIVATE ${CMAKE_SOURCE_DIR}/core/media)
endforeach()
# A short run of each target for CI (ctest -L fuzz): new inputs go to a
# scratch corpus in the build tree, the checked-in seeds are read only.
foreach(name sdp packet)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz-corpus/${name})
  add_test(NAME fuzz_${name}_short
    COMMAND ${name}_fuzzer -max_total_time=20 -rss_limit_mb=1024
            ${CMAKE_BINARY_DIR}/fuzz-corpus/${name} ${CMAKE_CURRENT_LIST_DIR}/corpus/${name})
  set_tests_properties(fuzz_${name}_short PROPERTIES LABELS "fuzz;media" TIMEOUT 120)
endforeach()
