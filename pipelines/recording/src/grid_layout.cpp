#include <cmath>
#include <meetgate/recording/grid_layout.hpp>

namespace meetgate::recording {

std::vector<Tile> grid_layout(size_t inputs, int canvas_width, int canvas_height) {
  std::vector<Tile> tiles;
  if (inputs == 0 || canvas_width <= 0 || canvas_height <= 0) return tiles;
  int cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(inputs))));
  int rows = static_cast<int>((inputs + cols - 1) / cols);
  int cell_width = canvas_width / cols, cell_height = canvas_height / rows;
  for (size_t i = 0; i < inputs; ++i) {
    int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
    // Even sizes: the I420 chroma planes halve them.
    Tile tile{col * cell_width, row * cell_height, cell_width & ~1, cell_height & ~1};
    tiles.push_back(tile);
  }
  return tiles;
}

}  // namespace meetgate::recording
