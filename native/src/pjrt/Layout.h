//===- Layout.h - Host layouts and strided copies ---------------*- C++ -*-===//
//
// Device buffers are always dense row-major. Host data on either side of a
// transfer may be laid out differently (byte strides, or a minor-to-major
// permutation); these helpers turn such layouts into byte strides and copy
// element by element, or row by row when the innermost dimension is dense.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_PJRT_LAYOUT_H
#define AXLE_PJRT_LAYOUT_H

#include "pjrt_c_api.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace axle::pjrt {

/// Byte strides of a dense row-major array.
std::vector<int64_t> denseStrides(const std::vector<int64_t> &dims,
                                  size_t elementSize);

/// Byte strides described by `layout` (a tiled layout without tiles, i.e. a
/// minor-to-major permutation, or explicit strides). UNIMPLEMENTED for tiled
/// layouts with tiles; INVALID_ARGUMENT for malformed layouts.
PJRT_Error *layoutToStrides(const PJRT_Buffer_MemoryLayout &layout,
                            const std::vector<int64_t> &dims,
                            size_t elementSize, const char *function,
                            std::vector<int64_t> &strides);

/// Copies a `dims` array of `elementSize`-byte elements from `src` laid out
/// with `srcStrides` to `dst` laid out with `dstStrides` (byte strides, may be
/// negative: the pointers then point inside their arrays).
void copyStrided(char *dst, const int64_t *dstStrides, const char *src,
                 const int64_t *srcStrides, const std::vector<int64_t> &dims,
                 size_t elementSize);

} // namespace axle::pjrt

#endif // AXLE_PJRT_LAYOUT_H
