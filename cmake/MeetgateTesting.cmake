# Test helpers every folder may use (included before any module folder):
#  - meetgate_cppunit_main: the shared CppUnit main (tests/cppunit_main.cpp)
#  - meetgate_add_python_test(NAME script.py [LABELS ...] [TIMEOUT s]): an
#    integration script run by Debian's python3 against the build tree.
if(NOT MEETGATE_BUILD_TESTS)
  function(meetgate_add_python_test)
  endfunction()
  return()
endif()

pkg_check_modules(CPPUNIT REQUIRED IMPORTED_TARGET cppunit)
add_library(meetgate_cppunit_main STATIC ${PROJECT_SOURCE_DIR}/tests/cppunit_main.cpp)
target_link_libraries(meetgate_cppunit_main PUBLIC PkgConfig::CPPUNIT)

# Debian's python3 has python3-aiortc, -websockets, -av, -opencv, -zmq; the
# pyenv python3 that may come first on PATH does not.
set(MEETGATE_TEST_PYTHON /usr/bin/python3 CACHE FILEPATH "python3 with Debian's test packages")

function(meetgate_add_python_test NAME SCRIPT)
  cmake_parse_arguments(T "" "TIMEOUT" "LABELS;ENV" ${ARGN})
  add_test(NAME ${NAME} COMMAND ${MEETGATE_TEST_PYTHON} ${SCRIPT})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${NAME} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "integration;${T_LABELS}"
    ENVIRONMENT "MEETGATE_BUILD_DIR=${CMAKE_BINARY_DIR};MEETGATE_SOURCE_DIR=${PROJECT_SOURCE_DIR};PYTHONPATH=${PROJECT_SOURCE_DIR}/tests/harness;PYTHONDONTWRITEBYTECODE=1;${T_ENV}")
endfunction()
