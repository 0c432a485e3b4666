//===- BufferHoisting.h - Fixed-size temporaries out of loops -*- C++ -*-===//
//
// After bufferization, every op in a loop or branch body that makes a tensor
// allocates its buffer where it runs: once per iteration. Temporaries of a
// fixed size that never leave the body can live for the whole call instead.
//
//===----------------------------------------------------------------------===//

#ifndef AXLE_COMPILER_BUFFERHOISTING_H
#define AXLE_COMPILER_BUFFERHOISTING_H

#include "mlir/IR/BuiltinOps.h"

namespace axle {

/// Moves each statically sized memref.alloc whose buffer (through any view of
/// it) is only read and written in place — never yielded, returned, stored or
/// passed to an unknown call — to the start of its function, and turns the
/// small ones into stack buffers up to a per-function budget. Runs after
/// one-shot bufferization and before deallocations are inserted.
void hoistFixedSizeBuffers(mlir::ModuleOp module);

/// Moves each constant-size llvm.alloca outside its function's entry block to
/// the entry block when its pointer is used only in its own block, and only
/// as an address (loads, stores into it, GEPs, call arguments, the unranked
/// memref structs that carry it). Lowering a
/// memref passed to a runtime call as unranked (axleDot*, memrefCopy) puts
/// its descriptor in such an alloca at the call site; inside a loop, LLVM
/// grows the stack on every iteration and a long while loop (a NUTS chain)
/// overflows it. Runs on the LLVM dialect.
void hoistStackSlots(mlir::ModuleOp module);

} // namespace axle

#endif
