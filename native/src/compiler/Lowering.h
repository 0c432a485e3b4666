//===- Lowering.h - StableHLO (generic form) to upstream MLIR --*- C++ -*-===//
//
// StableHLO is not part of upstream MLIR, so its ops reach us as unregistered
// operations. Rather than pattern-rewriting them in place, the lowering builds
// a fresh module of upstream ops (linalg, tensor, arith, math) while walking
// the source in order: the source keeps its original (signed/unsigned) types,
// which the lowering needs to choose signed or unsigned arithmetic, while the
// new module uses signless integers as the upstream dialects require.
//
// One file per op family registers its lowerings in a table keyed by op name;
// the ops and their families are listed in StablehloOps.def.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_COMPILER_LOWERING_H
#define AXLE_COMPILER_LOWERING_H

#include "Compiler.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

namespace axle::lowering {

/// State shared by all lowerings: the builder positioned in the new module,
/// the map from source values to lowered values, and the first error.
class Lowerer {
public:
  explicit Lowerer(mlir::MLIRContext *context) : builder(context) {}

  mlir::OpBuilder builder;
  mlir::IRMapping values;
  Status status;

  mlir::Value get(mlir::Value source) const { return values.lookup(source); }
  void map(mlir::Operation *source, mlir::ValueRange lowered) {
    values.map(source->getResults(), lowered);
  }

  /// Records an error that names `op` and its line; always returns failure.
  mlir::LogicalResult fail(mlir::Operation *op, PJRT_Error_Code code,
                           const llvm::Twine &message);
};

using LowerFn = mlir::LogicalResult (*)(Lowerer &, mlir::Operation *);
using LoweringTable = llvm::StringMap<LowerFn>;

void addElementwiseLowerings(LoweringTable &table);
void addShapeLowerings(LoweringTable &table);
void addReduceLowerings(LoweringTable &table);
void addContractionLowerings(LoweringTable &table);
void addControlFlowLowerings(LoweringTable &table);
void addIndexingLowerings(LoweringTable &table);
void addSortLowerings(LoweringTable &table);
void addLinalgLowerings(LoweringTable &table);
void addGatherScatterLowerings(LoweringTable &table);
void addReduceWindowLowerings(LoweringTable &table);

/// Every family's lowerings: one entry per catalog op that is not
/// Structural (CatalogTest checks it).
const LoweringTable &loweringTable();

/// Lowers every function of `source` into a new module. `source` must have
/// been parsed with unregistered dialects allowed. On failure returns null
/// and sets `status`.
mlir::OwningOpRef<mlir::ModuleOp> lowerModule(mlir::ModuleOp source,
                                              Status &status);

/// Lowers the one block of `source` (a region of `owner`) at the end of
/// `b`'s insertion block: its arguments become `arguments`, its ops are
/// lowered like any others, and the lowered operands of its terminating
/// stablehlo.return, whose types must be `expectedResults`, are returned.
/// The caller emits the lowered terminator.
mlir::LogicalResult lowerRegion(Lowerer &l, mlir::Operation *owner,
                                mlir::Region &source, mlir::OpBuilder &b,
                                mlir::ValueRange arguments,
                                llvm::ArrayRef<mlir::Type> expectedResults,
                                llvm::SmallVectorImpl<mlir::Value> &returned);

/// Emits a region made of elementwise ops on rank-0 tensors (a reduction,
/// scatter or sort body) on scalars: `arguments` are the scalars for the
/// block arguments in order. Sets `results` to the returned scalars.
mlir::LogicalResult
emitScalarRegion(Lowerer &l, mlir::Operation *owner, mlir::OpBuilder &b,
                 mlir::Location loc, mlir::Block &block,
                 mlir::ValueRange arguments,
                 llvm::SmallVectorImpl<mlir::Value> &results);

/// Checks a scalar region: one block of `argumentTypes.size()` rank-0 tensor
/// arguments of those element types, rank-0 values throughout, ending in a
/// stablehlo.return of values of `resultTypes` element types.
mlir::LogicalResult checkScalarRegion(Lowerer &l, mlir::Operation *owner,
                                      mlir::Region &body,
                                      llvm::ArrayRef<mlir::Type> argumentTypes,
                                      llvm::ArrayRef<mlir::Type> resultTypes);

/// Checks the operands of a variadic reduce-like op (reduce, reduce_window):
/// N inputs shaped like the first, N rank-0 init values and N results of shape
/// `resultShape`, all of one element type per operand, and a scalar body
/// (a_1..a_N, b_1..b_N) -> (r_1..r_N). Fills `elementTypes`.
mlir::LogicalResult
checkVariadicReduce(Lowerer &l, mlir::Operation *op, unsigned n,
                    llvm::ArrayRef<int64_t> resultShape,
                    llvm::SmallVectorImpl<mlir::Type> &elementTypes);

//===-- Helpers shared by the op families ---------------------------------===//

/// "line N" (or "col" detail) of an op, for messages.
std::string describeLocation(mlir::Operation *op);

/// Signless form of a scalar or tensor type (ui32 -> i32, tensor<ui32> ->
/// tensor<i32>); other types unchanged.
mlir::Type toSignless(mlir::Type type);

/// Whether `type` is an element type the compiler handles.
bool isSupportedElementType(mlir::Type type);

/// The op's attribute `name`, whether it was written in the attribute
/// dictionary `{...}` or as a property `<{...}>`.
mlir::Attribute getOpAttr(mlir::Operation *op, llvm::StringRef name);

/// The attribute as MLIR prints it (for opaque `#stablehlo<...>` attributes).
std::string attrText(mlir::Attribute attr);

/// An `array<i64: ...>` (or dense i64 elements) attribute's values.
std::optional<llvm::SmallVector<int64_t>> getI64Array(mlir::Operation *op,
                                                      llvm::StringRef name);

/// The static ranked tensor type of a source value (with its original,
/// possibly unsigned element type).
inline mlir::RankedTensorType tensorType(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType());
}

/// The value of a rank-0 integer tensor (original element type
/// `sourceElement`, signed or unsigned) as an `index`.
mlir::Value indexFromTensor(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value scalarTensor, mlir::Type sourceElement);

/// A `tensor.empty` of the signless form of `type`.
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type);

/// A tensor of the signless form of `type` filled with the scalar `value`.
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::RankedTensorType type, mlir::Value value);

} // namespace axle::lowering

#endif // AXLE_COMPILER_LOWERING_H
