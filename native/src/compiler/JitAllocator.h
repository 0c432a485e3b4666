//===- JitAllocator.h - Heap memory for JIT'd programs' temporaries -------===//

#ifndef AXLE_COMPILER_JITALLOCATOR_H
#define AXLE_COMPILER_JITALLOCATOR_H

#include <functional>

namespace axle {

/// Registers `_mlir_memref_to_llvm_{alloc,aligned_alloc,free}`, which the
/// lowering calls for memref.alloc/dealloc (finalize-memref-to-llvm with
/// generic functions).
void addJitAllocatorSymbols(
    const std::function<void(const char *, void *)> &add);

} // namespace axle

#endif
