//===- RuntimeDot.h - BLAS-backed dot_general called from JIT'd code ------===//
//
// Arguments follow MLIR's expansion of unranked memrefs (rank, descriptor
// pointer) for lhs, rhs and the result, then the dimension numbers as packed
// nibble lists (see packDims in BlasContraction.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef AXLE_COMPILER_RUNTIMEDOT_H
#define AXLE_COMPILER_RUNTIMEDOT_H

#include <cstdint>

namespace axle {

extern "C" void axleDotF32(int64_t lhsRank, void **lhs, int64_t rhsRank,
                           void **rhs, int64_t outRank, void **out,
                           int64_t lhsBatch, int64_t rhsBatch,
                           int64_t lhsContract, int64_t rhsContract);
extern "C" void axleDotF64(int64_t lhsRank, void **lhs, int64_t rhsRank,
                           void **rhs, int64_t outRank, void **out,
                           int64_t lhsBatch, int64_t rhsBatch,
                           int64_t lhsContract, int64_t rhsContract);

} // namespace axle

#endif
