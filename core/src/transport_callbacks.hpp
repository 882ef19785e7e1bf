// The mg_transport_callbacks table handed to every transport's init. Each
// entry is a thin, thread-safe adapter onto Gateway::current().
#pragma once

#include <meetgate/transport.h>

namespace meetgate::core {

mg_transport_callbacks make_transport_callbacks();

}  // namespace meetgate::core
