//===- Evaluator.h - Reference evaluator for StableHLO programs -*- C++ -*-===//
//
// The differential tests' oracle: it interprets a StableHLO module (generic
// text form, as Axle's lowering emits it) op by op on host tensors with
// straightforward loops, one function per spec op, written from the StableHLO
// spec and independent of the compiler in native/src/compiler.
//
// Where the spec leaves a result open, the evaluator follows XLA:
//   - integer x / 0 = -1 (all ones, also for unsigned), x % 0 = x,
//     INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0;
//   - shift amounts are read as unsigned; shifts by >= the bit width give 0
//     (shift_right_arithmetic: the sign bit repeated);
//   - float -> integer convert truncates toward zero and saturates, NaN -> 0;
//     float -> i1 is `x != 0` (NaN -> true);
//   - integer power with a negative exponent: 1 for base 1, +-1 for base -1,
//     otherwise 0.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_TESTS_REFERENCE_EVALUATOR_H
#define AXLE_TESTS_REFERENCE_EVALUATOR_H

#include "Tensor.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace axle::reference {

class Evaluator {
public:
  /// Parses `text` (a module with `func.func` entry @main or a single public
  /// function). On failure returns null and sets `error`.
  static std::unique_ptr<Evaluator> parse(std::string_view text,
                                          std::string &error);
  ~Evaluator();

  const std::vector<TensorType> &parameters() const;
  const std::vector<TensorType> &results() const;

  /// Runs the entry function on `inputs` (types must equal parameters()).
  /// Returns false and sets `error` for an op the evaluator does not know,
  /// a malformed op, or inputs of the wrong type.
  bool run(const std::vector<Tensor> &inputs, std::vector<Tensor> &outputs,
           std::string &error) const;

  struct Impl;

private:
  explicit Evaluator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Whether the evaluator implements op `name` ("stablehlo.add", "func.call").
bool isSupportedOp(const std::string &name);

} // namespace axle::reference

#endif // AXLE_TESTS_REFERENCE_EVALUATOR_H
