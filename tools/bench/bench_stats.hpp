// Small measurement helpers the benches share: machine load, percentiles and
// the bench's own CPU time (the gateway's CPU comes from /proc, see
// bench_media_gateway.hpp).
#pragma once

#include <string>
#include <vector>

namespace meetgate::bench {

// "/proc/loadavg"'s three averages, "1m 5m 15m".
std::string load_average();
// The value at `fraction` (0..1) of the sorted values; -1 when empty.
double percentile(std::vector<double> values, double fraction);
// User + system CPU seconds of this process so far.
double own_cpu_seconds();

}  // namespace meetgate::bench
