//===- Layout.cpp - Host layouts and strided copies -----------------------===//

#include "pjrt/Layout.h"
#include "pjrt/Error.h"

#include <cstring>

namespace axle::pjrt {

std::vector<int64_t> denseStrides(const std::vector<int64_t> &dims,
                                  size_t elementSize) {
  std::vector<int64_t> strides(dims.size());
  int64_t stride = static_cast<int64_t>(elementSize);
  for (size_t i = dims.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= dims[i];
  }
  return strides;
}

PJRT_Error *layoutToStrides(const PJRT_Buffer_MemoryLayout &layout,
                            const std::vector<int64_t> &dims,
                            size_t elementSize, const char *function,
                            std::vector<int64_t> &strides) {
  const std::string where = std::string(function) + ": ";
  if (layout.struct_size < PJRT_Buffer_MemoryLayout_STRUCT_SIZE)
    return invalidArgument(
        where + "PJRT_Buffer_MemoryLayout struct_size is " +
        std::to_string(layout.struct_size) + ", expected at least " +
        std::to_string(PJRT_Buffer_MemoryLayout_STRUCT_SIZE));
  size_t rank = dims.size();
  if (layout.type == PJRT_Buffer_MemoryLayout_Type_Strides) {
    const PJRT_Buffer_MemoryLayout_Strides &s = layout.strides;
    if (s.num_byte_strides != rank || (rank > 0 && !s.byte_strides))
      return invalidArgument(
          where + "layout has " + std::to_string(s.num_byte_strides) +
          " byte strides for a rank-" + std::to_string(rank) + " array");
    strides.assign(s.byte_strides, s.byte_strides + rank);
    return nullptr;
  }
  if (layout.type != PJRT_Buffer_MemoryLayout_Type_Tiled)
    return invalidArgument(where + "unknown memory layout type " +
                           std::to_string(static_cast<int>(layout.type)));
  const PJRT_Buffer_MemoryLayout_Tiled &tiled = layout.tiled;
  if (tiled.num_tiles != 0)
    return unimplemented(where + "tiled memory layouts are not supported");
  if (tiled.minor_to_major_size != rank || (rank > 0 && !tiled.minor_to_major))
    return invalidArgument(where + "minor_to_major has " +
                           std::to_string(tiled.minor_to_major_size) +
                           " entries for a rank-" + std::to_string(rank) +
                           " array");
  strides.assign(rank, 0);
  std::vector<bool> seen(rank, false);
  int64_t stride = static_cast<int64_t>(elementSize);
  for (size_t i = 0; i < rank; ++i) {
    int64_t dim = tiled.minor_to_major[i];
    if (dim < 0 || dim >= static_cast<int64_t>(rank) || seen[dim])
      return invalidArgument(where + "minor_to_major is not a permutation of "
                                     "the array's dimensions");
    seen[dim] = true;
    strides[dim] = stride;
    stride *= dims[dim];
  }
  return nullptr;
}

void copyStrided(char *dst, const int64_t *dstStrides, const char *src,
                 const int64_t *srcStrides, const std::vector<int64_t> &dims,
                 size_t elementSize) {
  size_t rank = dims.size();
  for (int64_t extent : dims)
    if (extent == 0)
      return;
  if (rank == 0) {
    std::memcpy(dst, src, elementSize);
    return;
  }
  const int64_t inner = dims[rank - 1];
  const auto element = static_cast<int64_t>(elementSize);
  const bool denseRows =
      dstStrides[rank - 1] == element && srcStrides[rank - 1] == element;
  // Odometer over the outer dimensions; the innermost one is the row loop.
  std::vector<int64_t> index(rank, 0);
  for (;;) {
    int64_t dstOffset = 0, srcOffset = 0;
    for (size_t d = 0; d + 1 < rank; ++d) {
      dstOffset += index[d] * dstStrides[d];
      srcOffset += index[d] * srcStrides[d];
    }
    if (denseRows) {
      std::memcpy(dst + dstOffset, src + srcOffset, inner * elementSize);
    } else {
      for (int64_t i = 0; i < inner; ++i)
        std::memcpy(dst + dstOffset + i * dstStrides[rank - 1],
                    src + srcOffset + i * srcStrides[rank - 1], elementSize);
    }
    size_t d = rank - 1;
    for (;;) {
      if (d == 0)
        return;
      --d;
      if (++index[d] < dims[d])
        break;
      index[d] = 0;
    }
  }
}

} // namespace axle::pjrt
