// A counting global operator new for this test binary: proves that a code
// path does not allocate.
#pragma once

#include <cstdint>

namespace meetgate::media::rtp::test {
uint64_t allocation_count();
}
