# Libraries the benches link (included by CMakeLists.txt when present).
# bench_http.cpp: libcurl easy handles (one per connection, reused so the
# connection stays alive) and Jansson for the JSON answers.
find_package(PkgConfig REQUIRED)
pkg_check_modules(BENCH_CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(BENCH_JANSSON REQUIRED IMPORTED_TARGET jansson)
find_package(Threads REQUIRED)
target_link_libraries(meetgate-bench PRIVATE PkgConfig::BENCH_CURL PkgConfig::BENCH_JANSSON Threads::Threads)
# bench_infer.cpp: the gateway-side ZeroMQ client of the inference units.
if(TARGET meetgate_infer_client)
  target_link_libraries(meetgate-bench PRIVATE meetgate_infer_client)
endif()
# bench_media*.cpp: WebRTC load peers made of the core's media classes
# (core/media: ICE, DTLS-SRTP, SDP) and libwebsockets for the signaling.
if(TARGET meetgate_media)
  pkg_check_modules(BENCH_LWS REQUIRED IMPORTED_TARGET libwebsockets)
  target_link_libraries(meetgate-bench PRIVATE meetgate_media meetgate_media_rtp PkgConfig::BENCH_LWS)
endif()
