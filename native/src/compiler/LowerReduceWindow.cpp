//===- LowerReduceWindow.cpp - stablehlo.reduce_window --------------------===//
//
// One linalg.generic over (result dims, window dims), the window dims being
// reductions. The spec pads the (base-dilated) inputs with the init values,
// so a window position that falls on padding or in a dilation hole feeds the
// init value to the body. A tensor.empty of the window's shape is a dummy
// input that only gives linalg the window loops' extents.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace axle::lowering {
namespace {

constexpr PJRT_Error_Code kInvalid = PJRT_Error_Code_INVALID_ARGUMENT;

LogicalResult lowerReduceWindow(Lowerer &l, Operation *op) {
  unsigned n = op->getNumResults();
  if (n == 0 || op->getNumOperands() != 2 * n || op->getNumRegions() != 1)
    return l.fail(op, kInvalid,
                  "expects N inputs, N init values, N results and a body");
  RankedTensorType first = tensorType(op->getOperand(0));
  int64_t rank = first.getRank();
  auto window = getI64Array(op, "window_dimensions");
  if (!window || int64_t(window->size()) != rank)
    return l.fail(op, kInvalid,
                  "window_dimensions must have one entry per dim");
  auto optional = [&](llvm::StringRef name, int64_t fill,
                      int64_t count) -> std::optional<SmallVector<int64_t>> {
    if (!getOpAttr(op, name))
      return SmallVector<int64_t>(count, fill);
    auto values = getI64Array(op, name);
    if (!values || int64_t(values->size()) != count)
      return std::nullopt;
    return values;
  };
  auto strides = optional("window_strides", 1, rank);
  auto baseDil = optional("base_dilations", 1, rank);
  auto winDil = optional("window_dilations", 1, rank);
  auto padding = optional("padding", 0, 2 * rank);
  if (!strides || !baseDil || !winDil || !padding)
    return l.fail(op, kInvalid, "strides, dilations or padding malformed");
  SmallVector<int64_t> outShape;
  for (int64_t d = 0; d < rank; ++d) {
    if ((*window)[d] < 1 || (*strides)[d] < 1 || (*baseDil)[d] < 1 ||
        (*winDil)[d] < 1)
      return l.fail(op, kInvalid,
                    "window sizes, strides and dilations must "
                    "be positive");
    int64_t size = first.getDimSize(d);
    int64_t padded = (size == 0 ? 0 : (size - 1) * (*baseDil)[d] + 1) +
                     (*padding)[2 * d] + (*padding)[2 * d + 1];
    int64_t span = ((*window)[d] - 1) * (*winDil)[d] + 1;
    outShape.push_back(padded < span ? 0 : (padded - span) / (*strides)[d] + 1);
  }
  SmallVector<Type> elementTypes;
  if (failed(checkVariadicReduce(l, op, n, outShape, elementTypes)))
    return failure();

  OpBuilder &b = l.builder;
  Location loc = op->getLoc();
  MLIRContext *context = op->getContext();
  SmallVector<Value> inits, outputs, sources;
  SmallVector<Type> resultTypes;
  for (unsigned i = 0; i < n; ++i) {
    sources.push_back(l.get(op->getOperand(i)));
    inits.push_back(
        tensor::ExtractOp::create(b, loc, l.get(op->getOperand(n + i))));
    outputs.push_back(
        filledTensor(b, loc, tensorType(op->getResult(i)), inits.back()));
    resultTypes.push_back(outputs.back().getType());
  }
  bool empty = first.getNumElements() == 0;
  Value windowShape = tensor::EmptyOp::create(b, loc, *window, b.getI8Type());
  SmallVector<AffineExpr> outExprs, winExprs;
  for (int64_t d = 0; d < rank; ++d) {
    outExprs.push_back(getAffineDimExpr(d, context));
    winExprs.push_back(getAffineDimExpr(rank + d, context));
  }
  SmallVector<AffineMap> maps = {
      AffineMap::get(2 * rank, 0, winExprs, context)};
  maps.append(n, AffineMap::get(2 * rank, 0, outExprs, context));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.append(rank, utils::IteratorType::reduction);
  bool failedBody = false;
  auto generic = linalg::GenericOp::create(
      b, loc, resultTypes, ValueRange{windowShape}, outputs, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        auto c = [&](int64_t v) {
          return arith::ConstantIndexOp::create(nb, nl, v);
        };
        Value inside = arith::ConstantIntOp::create(nb, nl, !empty, 1);
        SmallVector<Value> index;
        for (int64_t d = 0; d < rank; ++d) {
          // Position in the padded, dilated input; then in the input.
          Value pos = arith::AddIOp::create(
              nb, nl,
              arith::MulIOp::create(nb, nl, linalg::IndexOp::create(nb, nl, d),
                                    c((*strides)[d])),
              arith::MulIOp::create(nb, nl,
                                    linalg::IndexOp::create(nb, nl, rank + d),
                                    c((*winDil)[d])));
          pos = arith::SubIOp::create(nb, nl, pos, c((*padding)[2 * d]));
          Value q = arith::DivSIOp::create(nb, nl, pos, c((*baseDil)[d]));
          Value r = arith::RemSIOp::create(nb, nl, pos, c((*baseDil)[d]));
          using P = arith::CmpIPredicate;
          Value ok = arith::AndIOp::create(
              nb, nl, arith::CmpIOp::create(nb, nl, P::sge, pos, c(0)),
              arith::CmpIOp::create(nb, nl, P::eq, r, c(0)));
          ok = arith::AndIOp::create(
              nb, nl, ok,
              arith::CmpIOp::create(nb, nl, P::slt, q, c(first.getDimSize(d))));
          inside = arith::AndIOp::create(nb, nl, inside, ok);
          index.push_back(arith::MinSIOp::create(
              nb, nl, arith::MaxSIOp::create(nb, nl, q, c(0)),
              c(std::max<int64_t>(first.getDimSize(d) - 1, 0))));
        }
        SmallVector<Value> bodyArgs(args.drop_front(1));
        for (unsigned i = 0; i < n; ++i) {
          Value element =
              empty
                  ? inits[i]
                  : Value(tensor::ExtractOp::create(nb, nl, sources[i], index));
          bodyArgs.push_back(
              arith::SelectOp::create(nb, nl, inside, element, inits[i]));
        }
        SmallVector<Value> results;
        failedBody = failed(emitScalarRegion(
            l, op, nb, nl, op->getRegion(0).front(), bodyArgs, results));
        linalg::YieldOp::create(nb, nl, results);
      });
  if (failedBody)
    return failure();
  l.map(op, generic.getResults());
  return success();
}

} // namespace

void addReduceWindowLowerings(LoweringTable &table) {
  table["stablehlo.reduce_window"] = lowerReduceWindow;
}

} // namespace axle::lowering
