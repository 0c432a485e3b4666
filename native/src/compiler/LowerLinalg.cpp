//===- LowerLinalg.cpp - cholesky and triangular_solve --------------------===//
//
// Both are textbook loops on tensors (scf.for carrying the result), one
// matrix at a time over the flattened batch dimensions. They read only the
// triangle the attributes name. cholesky leaves zeros in the other triangle
// (the spec leaves it implementation-defined) and, for a matrix that is not
// positive definite, produces NaNs rather than failing: never a crash.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "ScalarEmitter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

bool boolAttr(Operation *op, llvm::StringRef name) {
  auto attr = dyn_cast_or_null<BoolAttr>(getOpAttr(op, name));
  return attr && attr.getValue();
}

/// Loop-building shorthands on one location. Matrices are addressed as
/// (batch indices..., row, column).
struct Loops {
  OpBuilder &b;
  Location loc;
  Value c(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  using Body = function_ref<Value(OpBuilder &, Value, Value)>;
  /// for i in [lo, hi): carried = body(i, carried).
  Value forLoop(Value lo, Value hi, Value init, Body body) {
    return scf::ForOp::create(
               b, loc, lo, hi, c(1), ValueRange{init},
               [&](OpBuilder &nb, Location, Value i, ValueRange args) {
                 scf::YieldOp::create(nb, loc, body(nb, i, args[0]));
               })
        .getResult(0);
  }
  static SmallVector<Value> at(ArrayRef<Value> batch, Value r, Value col) {
    SmallVector<Value> index(batch);
    index.append({r, col});
    return index;
  }
};

/// Runs `perMatrix(batchIndex, carried)` for every matrix of `type` (rank
/// >= 2), flattening the leading dimensions.
Value forEachMatrix(
    OpBuilder &b, Location loc, RankedTensorType type, Value init,
    function_ref<Value(OpBuilder &, ArrayRef<Value>, Value)> perMatrix) {
  int64_t batchRank = type.getRank() - 2, count = 1;
  for (int64_t d = 0; d < batchRank; ++d)
    count *= type.getDimSize(d);
  Loops loops{b, loc};
  return loops.forLoop(loops.c(0), loops.c(count), init,
                       [&](OpBuilder &nb, Value flat, Value carried) {
                         SmallVector<Value> batch(batchRank);
                         for (int64_t d = batchRank - 1; d >= 0; --d) {
                           Value size = arith::ConstantIndexOp::create(
                               nb, loc, type.getDimSize(d));
                           batch[d] =
                               arith::RemUIOp::create(nb, loc, flat, size);
                           flat = arith::DivUIOp::create(nb, loc, flat, size);
                         }
                         return perMatrix(nb, batch, carried);
                       });
}

LogicalResult lowerCholesky(Lowerer &l, Operation *op) {
  if (op->getNumOperands() != 1 || op->getNumResults() != 1 ||
      op->getOperand(0).getType() != op->getResult(0).getType())
    return l.fail(op, kInvalid, "expects one operand of the result type");
  RankedTensorType type = tensorType(op->getOperand(0));
  int64_t rank = type.getRank();
  if (rank < 2 || type.getDimSize(rank - 1) != type.getDimSize(rank - 2) ||
      !isa<FloatType>(type.getElementType()))
    return l.fail(op, kInvalid, "expects float square matrices");
  bool lower = boolAttr(op, "lower");
  int64_t n = type.getDimSize(rank - 1);
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  Type element = type.getElementType();
  Value a = l.get(op->getOperand(0));
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  Value init = filledTensor(b, loc, type, zero);
  // L[i][j] for j <= i; with lower = false the same loops fill U = L^T and
  // read a's upper triangle, so (row, col) are swapped on access.
  auto at = [&](ArrayRef<Value> batch, Value i, Value j) {
    return lower ? Loops::at(batch, i, j) : Loops::at(batch, j, i);
  };
  Value result = forEachMatrix(
      b, loc, type, init, [&](OpBuilder &mb, ArrayRef<Value> batch, Value out) {
        Loops m{mb, loc};
        return m.forLoop(
            m.c(0), m.c(n), out, [&](OpBuilder &jb, Value j, Value out) {
              Loops lj{jb, loc};
              return lj.forLoop(
                  j, lj.c(n), out, [&](OpBuilder &ib, Value i, Value out) {
                    Loops li{ib, loc};
                    Value s =
                        tensor::ExtractOp::create(ib, loc, a, at(batch, i, j));
                    s = li.forLoop(
                        li.c(0), j, s, [&](OpBuilder &kb, Value k, Value s) {
                          Value lik = tensor::ExtractOp::create(
                              kb, loc, out, at(batch, i, k));
                          Value ljk = tensor::ExtractOp::create(
                              kb, loc, out, at(batch, j, k));
                          return arith::SubFOp::create(
                              kb, loc, s,
                              arith::MulFOp::create(kb, loc, lik, ljk));
                        });
                    Value onDiagonal = arith::CmpIOp::create(
                        ib, loc, arith::CmpIPredicate::eq, i, j);
                    Value ljj = tensor::ExtractOp::create(ib, loc, out,
                                                          at(batch, j, j));
                    // Diagonal: sqrt(s) (NaN when not positive definite).
                    Value v = arith::SelectOp::create(
                        ib, loc, onDiagonal, math::SqrtOp::create(ib, loc, s),
                        arith::DivFOp::create(ib, loc, s, ljj));
                    return tensor::InsertOp::create(ib, loc, v, out,
                                                    at(batch, i, j));
                  });
            });
      });
  l.map(op, result);
  return success();
}

LogicalResult lowerTriangularSolve(Lowerer &l, Operation *op) {
  if (op->getNumOperands() != 2 || op->getNumResults() != 1 ||
      op->getOperand(1).getType() != op->getResult(0).getType())
    return l.fail(op, kInvalid, "expects a, b and a result of b's type");
  RankedTensorType aType = tensorType(op->getOperand(0));
  RankedTensorType bType = tensorType(op->getOperand(1));
  int64_t rank = aType.getRank();
  bool leftSide = boolAttr(op, "left_side"), lower = boolAttr(op, "lower");
  bool unitDiagonal = boolAttr(op, "unit_diagonal");
  std::string transpose = enumWord(getOpAttr(op, "transpose_a"));
  if (transpose != "NO_TRANSPOSE" && transpose != "TRANSPOSE" &&
      transpose != "ADJOINT")
    return l.fail(op, kInvalid,
                  "transpose_a must be NO_TRANSPOSE, TRANSPOSE "
                  "or ADJOINT");
  if (rank < 2 || bType.getRank() != rank ||
      aType.getElementType() != bType.getElementType() ||
      !isa<FloatType>(aType.getElementType()) ||
      aType.getDimSize(rank - 1) != aType.getDimSize(rank - 2) ||
      aType.getShape().drop_back(2) != bType.getShape().drop_back(2) ||
      bType.getDimSize(leftSide ? rank - 2 : rank - 1) !=
          aType.getDimSize(rank - 1))
    return l.fail(op, kInvalid, "a must be square and match b's shape");
  // Real types: ADJOINT is TRANSPOSE. Reduce everything to solving
  // M x = c column by column, where M = op(a) (left side) or op(a)^T (right
  // side: x op(a) = b  <=>  op(a)^T x^T = b^T).
  bool transposed = (transpose != "NO_TRANSPOSE") != !leftSide;
  bool mLower = lower != transposed; // M's nonzero triangle.
  int64_t n = aType.getDimSize(rank - 1);
  int64_t m = bType.getDimSize(leftSide ? rank - 1 : rank - 2);
  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  Value a = l.get(op->getOperand(0));
  auto mAt = [&](ArrayRef<Value> batch, Value i, Value k) {
    return transposed ? Loops::at(batch, k, i) : Loops::at(batch, i, k);
  };
  auto xAt = [&](ArrayRef<Value> batch, Value i, Value col) {
    return leftSide ? Loops::at(batch, i, col) : Loops::at(batch, col, i);
  };
  Value result = forEachMatrix(
      b, loc, aType, l.get(op->getOperand(1)),
      [&](OpBuilder &mb, ArrayRef<Value> batch, Value x) {
        Loops lm{mb, loc};
        return lm.forLoop(
            lm.c(0), lm.c(m), x, [&](OpBuilder &cb, Value col, Value x) {
              Loops lc{cb, loc};
              return lc.forLoop(
                  lc.c(0), lc.c(n), x, [&](OpBuilder &ib, Value ii, Value x) {
                    Loops li{ib, loc};
                    // Forward substitution for lower M, backward for upper.
                    Value i = mLower ? ii
                                     : Value(arith::SubIOp::create(
                                           ib, loc, li.c(n - 1), ii));
                    Value lo =
                        mLower
                            ? li.c(0)
                            : Value(arith::AddIOp::create(ib, loc, i, li.c(1)));
                    Value hi = mLower ? i : li.c(n);
                    Value s = tensor::ExtractOp::create(ib, loc, x,
                                                        xAt(batch, i, col));
                    s = li.forLoop(
                        lo, hi, s, [&](OpBuilder &kb, Value k, Value s) {
                          Value mik = tensor::ExtractOp::create(
                              kb, loc, a, mAt(batch, i, k));
                          Value xk = tensor::ExtractOp::create(
                              kb, loc, x, xAt(batch, k, col));
                          return arith::SubFOp::create(
                              kb, loc, s,
                              arith::MulFOp::create(kb, loc, mik, xk));
                        });
                    if (!unitDiagonal)
                      s = arith::DivFOp::create(
                          ib, loc, s,
                          tensor::ExtractOp::create(ib, loc, a,
                                                    mAt(batch, i, i)));
                    return tensor::InsertOp::create(ib, loc, s, x,
                                                    xAt(batch, i, col));
                  });
            });
      });
  l.map(op, result);
  return success();
}

} // namespace

void addLinalgLowerings(LoweringTable &table) {
  table["stablehlo.cholesky"] = lowerCholesky;
  table["stablehlo.triangular_solve"] = lowerTriangularSolve;
}

} // namespace axle::lowering
