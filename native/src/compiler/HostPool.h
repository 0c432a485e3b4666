//===- HostPool.h - Reused host allocations for buffers -------------------===//
//
// Large buffers come from the kernel as fresh pages: a 64 MiB output costs
// 16k page faults (tens of milliseconds) on every call that makes one. The
// pool keeps freed blocks of large sizes for the next allocation of the same
// rounded size, up to a byte budget, so steady-state calls touch warm pages.
// Each PJRT client has one for its buffers; JIT'd code has one for its
// temporaries (JitAllocator.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef AXLE_COMPILER_HOSTPOOL_H
#define AXLE_COMPILER_HOSTPOOL_H

#include <cstddef>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace axle {

class HostPool {
public:
  /// Blocks below this size come straight from malloc, which already reuses
  /// them from its own free lists without page faults.
  static constexpr size_t kMinPooled = size_t(64) << 10;
  /// Idle bytes kept at most; beyond it freed blocks go back to the system.
  static constexpr size_t kMaxCached = size_t(1) << 30;

  HostPool() = default;
  HostPool(const HostPool &) = delete;
  HostPool &operator=(const HostPool &) = delete;
  ~HostPool();

  /// `alignment`-aligned block of at least `size` bytes; null on failure.
  void *allocate(size_t size, size_t alignment);
  /// Gives back a block from `allocate(size, ...)`.
  void release(void *block, size_t size, size_t alignment);

  size_t cachedBytes() const;

private:
  static size_t rounded(size_t size, size_t alignment);

  mutable std::mutex mutex;
  std::unordered_map<size_t, std::vector<void *>> freeBlocks;
  size_t cached = 0;
};

} // namespace axle

#endif
