// The composite recording's tile layout: N inputs on a near-square grid
// (cols = ceil(sqrt(N)), rows = ceil(N / cols)), each tile keeping the
// output's aspect ratio, centred in its cell. Pure arithmetic, unit-tested.
#pragma once

#include <cstddef>
#include <vector>

namespace meetgate::recording {

struct Tile {
  int x = 0, y = 0, width = 0, height = 0;
};

std::vector<Tile> grid_layout(size_t inputs, int canvas_width, int canvas_height);

}  // namespace meetgate::recording
