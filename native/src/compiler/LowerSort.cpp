//===- LowerSort.cpp - stablehlo.sort to loops on tensors -----------------===//
//
// Every 1-D slice along `dimension` is insertion-sorted with the comparator
// region: element j moves left while comparator(x[j], x[j-1]) holds. Only
// strictly "less" elements move past others, so the sort is stable whether
// or not `is_stable` asks for it. O(n^2) per slice: correctness first, a
// merge sort is a later performance step.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

LogicalResult lowerSort(Lowerer &l, Operation *op) {
  unsigned n = op->getNumOperands();
  auto dimAttr = dyn_cast_or_null<IntegerAttr>(getOpAttr(op, "dimension"));
  if (n == 0 || op->getNumResults() != n || op->getNumRegions() != 1)
    return l.fail(op, kInvalid,
                  "expects N operands, N results and a comparator");
  RankedTensorType first = tensorType(op->getOperand(0));
  int64_t rank = first.getRank();
  int64_t dim = dimAttr ? dimAttr.getInt() : -1;
  if (dim < 0)
    dim += rank; // The spec allows negative dimensions.
  if (rank == 0 || dim < 0 || dim >= rank)
    return l.fail(op, kInvalid, "dimension out of range");
  SmallVector<Type> argumentTypes;
  for (unsigned i = 0; i < n; ++i) {
    if (op->getOperand(i).getType() != op->getResult(i).getType() ||
        tensorType(op->getOperand(i)).getShape() != first.getShape())
      return l.fail(op, kInvalid, "operands and results must share a shape");
    Type element = tensorType(op->getOperand(i)).getElementType();
    argumentTypes.append({element, element});
  }
  Type i1 = l.builder.getI1Type();
  Region &body = op->getRegion(0);
  if (failed(checkScalarRegion(l, op, body, argumentTypes, {i1})))
    return failure();

  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  auto c = [&](OpBuilder &ob, int64_t v) {
    return arith::ConstantIndexOp::create(ob, loc, v);
  };
  int64_t length = first.getDimSize(dim);
  int64_t outer = first.getNumElements() / std::max<int64_t>(length, 1);
  if (first.getNumElements() == 0)
    outer = 0;
  SmallVector<Value> inits;
  for (Value operand : op->getOperands())
    inits.push_back(l.get(operand));
  bool failedBody = false;
  // for o in slices: for i in 1..length: for k in 0..i: j = i - k; swap?
  auto outerLoop = scf::ForOp::create(
      b, loc, c(b, 0), c(b, outer), c(b, 1), inits,
      [&](OpBuilder &ob, Location, Value o, ValueRange tensors) {
        // Slice number -> index of every dimension but `dim`.
        SmallVector<Value> base(rank);
        Value rest = o;
        for (int64_t d = rank - 1; d >= 0; --d) {
          if (d == dim)
            continue;
          Value size = c(ob, first.getDimSize(d));
          base[d] = arith::RemUIOp::create(ob, loc, rest, size);
          rest = arith::DivUIOp::create(ob, loc, rest, size);
        }
        auto iLoop = scf::ForOp::create(
            ob, loc, c(ob, 1), c(ob, length), c(ob, 1), tensors,
            [&](OpBuilder &ib, Location, Value i, ValueRange current) {
              auto kLoop = scf::ForOp::create(
                  ib, loc, c(ib, 0), i, c(ib, 1), current,
                  [&](OpBuilder &kb, Location, Value k, ValueRange values) {
                    Value j = arith::SubIOp::create(kb, loc, i, k);
                    Value jm1 = arith::SubIOp::create(kb, loc, j, c(kb, 1));
                    SmallVector<Value> at(base), atPrev(base);
                    at[dim] = j;
                    atPrev[dim] = jm1;
                    SmallVector<Value> args, xs, ys;
                    for (Value t : values) {
                      xs.push_back(tensor::ExtractOp::create(kb, loc, t, at));
                      ys.push_back(
                          tensor::ExtractOp::create(kb, loc, t, atPrev));
                      args.append({xs.back(), ys.back()});
                    }
                    SmallVector<Value> less;
                    if (failed(emitScalarRegion(l, op, kb, loc, body.front(),
                                                args, less))) {
                      failedBody = true;
                      less.assign(
                          {arith::ConstantIntOp::create(kb, loc, 0, 1)});
                    }
                    auto swap = scf::IfOp::create(
                        kb, loc, less[0],
                        [&](OpBuilder &tb, Location) {
                          SmallVector<Value> swapped;
                          for (unsigned t = 0; t < n; ++t) {
                            Value r = tensor::InsertOp::create(tb, loc, ys[t],
                                                               values[t], at);
                            swapped.push_back(tensor::InsertOp::create(
                                tb, loc, xs[t], r, atPrev));
                          }
                          scf::YieldOp::create(tb, loc, swapped);
                        },
                        [&](OpBuilder &eb, Location) {
                          scf::YieldOp::create(eb, loc, values);
                        });
                    scf::YieldOp::create(kb, loc, swap.getResults());
                  });
              scf::YieldOp::create(ib, loc, kLoop.getResults());
            });
        scf::YieldOp::create(ob, loc, iLoop.getResults());
      });
  if (failedBody)
    return failure();
  l.map(op, outerLoop.getResults());
  return success();
}

} // namespace

void addSortLowerings(LoweringTable &table) {
  table["stablehlo.sort"] = lowerSort;
}

} // namespace axle::lowering
