//===- HostPool.cpp - Reused host allocations for buffers -----------------===//

#include "HostPool.h"

#include <cstdlib>

namespace axle {

size_t HostPool::rounded(size_t size, size_t alignment) {
  // Pooled blocks are whole pages so sizes that differ by a few bytes share
  // a free list; aligned_alloc wants a multiple of the alignment anyway.
  size_t unit = size >= kMinPooled ? 4096 : alignment;
  size_t r = (size + unit - 1) / unit * unit;
  return r < size ? 0 : r;
}

void *HostPool::allocate(size_t size, size_t alignment) {
  size_t r = rounded(size, alignment);
  if (r == 0)
    return nullptr;
  if (r >= kMinPooled) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = freeBlocks.find(r);
    if (it != freeBlocks.end() && !it->second.empty()) {
      void *block = it->second.back();
      it->second.pop_back();
      cached -= r;
      return block;
    }
  }
  return std::aligned_alloc(alignment, r);
}

void HostPool::release(void *block, size_t size, size_t alignment) {
  if (!block)
    return;
  size_t r = rounded(size, alignment);
  if (r >= kMinPooled) {
    std::lock_guard<std::mutex> lock(mutex);
    if (cached + r <= kMaxCached) {
      freeBlocks[r].push_back(block);
      cached += r;
      return;
    }
  }
  std::free(block);
}

size_t HostPool::cachedBytes() const {
  std::lock_guard<std::mutex> lock(mutex);
  return cached;
}

HostPool::~HostPool() {
  for (auto &[size, blocks] : freeBlocks)
    for (void *block : blocks)
      std::free(block);
}

} // namespace axle
