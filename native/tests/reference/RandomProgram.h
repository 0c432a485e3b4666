//===- RandomProgram.h - Seeded random StableHLO programs ------*- C++ -*-===//
//
// Generates well-typed programs in the generic form Axle's lowering emits
// (`func.func public @main`, `"stablehlo.op"(...) {attrs} : (...) -> ...`,
// `"func.return"`), with random shapes (rank 0 and size-0 dimensions
// included), dtypes, attributes and inputs (NaN, +-inf, -0.0, integer
// min/max, 0, 1 mixed in).
//
// Two rules keep the comparison with the compiled path exact where it must
// be: (1) the result of an inexact op (transcendentals) is returned but never
// fed to another op, so its error is measured alone; (2) float operands of
// reductions and contractions hold small half-integers (whole inputs, or
// data moved from them), so every partial sum is exact in any summation
// order and the result does not depend on the order the compiler picks.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_TESTS_REFERENCE_RANDOMPROGRAM_H
#define AXLE_TESTS_REFERENCE_RANDOMPROGRAM_H

#include "Tensor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace axle::reference {

struct RandomProgram {
  std::string text;
  std::vector<Tensor> inputs;
  /// For each result of @main, the op that produced it ("stablehlo.sine").
  std::vector<std::string> resultOps;
};

/// Ops the generator knows, by family.
const std::vector<std::string> &generatedOps();
/// Ops the generator uses around the op under test; kept to a basic set so a
/// missing advanced op does not fail the tests of every other op.
const std::vector<std::string> &contextOps();

/// A program with 1-8 ops in which `focusOp` appears at least once; the other
/// ops come from contextOps(). Deterministic in `seed`.
RandomProgram generateProgram(const std::string &focusOp, uint64_t seed);

/// Renders a tensor as a dense literal (for reproducers).
std::string denseLiteral(const Tensor &t);

} // namespace axle::reference

#endif // AXLE_TESTS_REFERENCE_RANDOMPROGRAM_H
