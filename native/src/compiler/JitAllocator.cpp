//===- JitAllocator.cpp - Heap memory for JIT'd programs' temporaries -----===//
//
// A program's intermediate buffers are allocated and freed on every call.
// From malloc, large ones come back as fresh pages each time (glibc maps
// them, or trims the heap after the free), and a 128 KiB temporary costs 32
// page faults per call. They come from a process-wide HostPool instead. The
// block size rides in a header just below the returned pointer, because the
// free function is given only the pointer.
//
//===----------------------------------------------------------------------===//

#include "JitAllocator.h"

#include "HostPool.h"

#include <cstdint>
#include <cstdlib>

namespace axle {
namespace {

HostPool &pool() {
  static HostPool *instance = new HostPool; // Outlives every static caller.
  return *instance;
}

struct Header {
  uint64_t blockSize; // What was asked of the pool.
  uint64_t offset;    // From the block's start to the returned pointer.
};

void *alignedAlloc(uint64_t alignment, uint64_t size) {
  // The header needs 16 bytes below the pointer; keep the pointer aligned.
  uint64_t offset = alignment < 64 ? 64 : alignment;
  if ((offset & (offset - 1)) != 0 || size > UINT64_MAX - offset)
    return nullptr;
  uint64_t blockSize = size + offset;
  auto *block = static_cast<char *>(pool().allocate(blockSize, offset));
  if (!block)
    return nullptr;
  char *result = block + offset;
  auto *header = reinterpret_cast<Header *>(result - sizeof(Header));
  header->blockSize = blockSize;
  header->offset = offset;
  return result;
}

extern "C" void *axleJitAlloc(uint64_t size) { return alignedAlloc(16, size); }

extern "C" void *axleJitAlignedAlloc(uint64_t alignment, uint64_t size) {
  return alignedAlloc(alignment, size);
}

extern "C" void axleJitFree(void *pointer) {
  if (!pointer)
    return;
  auto *result = static_cast<char *>(pointer);
  auto *header = reinterpret_cast<Header *>(result - sizeof(Header));
  pool().release(result - header->offset, header->blockSize, header->offset);
}

} // namespace

void addJitAllocatorSymbols(
    const std::function<void(const char *, void *)> &add) {
  add("_mlir_memref_to_llvm_alloc", reinterpret_cast<void *>(&axleJitAlloc));
  add("_mlir_memref_to_llvm_aligned_alloc",
      reinterpret_cast<void *>(&axleJitAlignedAlloc));
  add("_mlir_memref_to_llvm_free", reinterpret_cast<void *>(&axleJitFree));
}

} // namespace axle
