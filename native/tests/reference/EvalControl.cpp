//===- EvalControl.cpp - while, if, case ----------------------------------===//

#include "EvalOps.h"

namespace axle::reference {
namespace {

/// Bound on while iterations, so a non-terminating program fails the test
/// instead of hanging it.
constexpr int64_t kMaxIterations = 1 << 20;

bool scalarPredicate(mlir::Operation *op, const std::vector<Tensor> &r) {
  if (r.size() != 1 || r[0].element() != ElementType::I1 || r[0].rank() != 0)
    fail(op, "condition must produce one rank-0 i1");
  return r[0].getInt(0) != 0;
}

std::vector<Tensor> evalWhile(Interpreter &in, mlir::Operation *op, const Operands &a) {
  if (op->getNumRegions() != 2)
    fail(op, "expects cond and body regions");
  std::vector<Tensor> state = a;
  for (int64_t i = 0;; ++i) {
    if (i == kMaxIterations)
      fail(op, "did not finish within 2^20 iterations");
    if (!scalarPredicate(op, in.runRegion(op->getRegion(0), state)))
      return state;
    state = in.runRegion(op->getRegion(1), state);
    if (state.size() != a.size())
      fail(op, "body must return one value per operand");
  }
}

std::vector<Tensor> evalIf(Interpreter &in, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  if (op->getNumRegions() != 2)
    fail(op, "expects true and false branches");
  bool pred = scalarPredicate(op, a);
  return in.runRegion(op->getRegion(pred ? 0 : 1), {});
}

std::vector<Tensor> evalCase(Interpreter &in, mlir::Operation *op, const Operands &a) {
  expectOperands(op, a, 1);
  int64_t n = op->getNumRegions();
  if (n == 0 || a[0].rank() != 0)
    fail(op, "expects a rank-0 index and at least one branch");
  int64_t index = indexValue(a[0], 0);
  if (index < 0 || index >= n) // spec: out-of-range runs the last branch
    index = n - 1;
  return in.runRegion(op->getRegion(index), {});
}

} // namespace

void addControlOps(OpTable &table) {
  table["stablehlo.while"] = evalWhile;
  table["stablehlo.if"] = evalIf;
  table["stablehlo.case"] = evalCase;
}

} // namespace axle::reference
