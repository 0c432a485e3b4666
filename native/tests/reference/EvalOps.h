//===- EvalOps.h - Shared machinery of the evaluator's op families -*- C++ -*-//
//
// Each op family (elementwise, shape, reduce, control flow) registers one
// `evalXxx` function per op in a table keyed by the op's name. Errors are
// thrown as EvalError and caught at the evaluator's entry point; nothing is
// ever thrown through MLIR or LLVM frames.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_TESTS_REFERENCE_EVALOPS_H
#define AXLE_TESTS_REFERENCE_EVALOPS_H

#include "Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringMap.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace axle::reference {

struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Runs regions and module-level functions for ops that contain code.
class Interpreter {
public:
  explicit Interpreter(mlir::ModuleOp module) : module(module) {}

  /// Runs the single block of `region` with `args`; returns the operands of
  /// its terminator (stablehlo.return or func.return).
  std::vector<Tensor> runRegion(mlir::Region &region,
                                const std::vector<Tensor> &args);
  /// Calls the module's function `name`.
  std::vector<Tensor> callFunction(llvm::StringRef name,
                                   const std::vector<Tensor> &args);

  mlir::ModuleOp module;
  int depth = 0;
};

using Operands = std::vector<Tensor>;
using OpFn = std::vector<Tensor> (*)(Interpreter &, mlir::Operation *,
                                     const Operands &);
using OpTable = llvm::StringMap<OpFn>;

void addElementwiseOps(OpTable &table);
void addShapeOps(OpTable &table);
void addReduceOps(OpTable &table);
void addControlOps(OpTable &table);
void addIndexingOps(OpTable &table);
const OpTable &opTable();

//===-- Helpers -----------------------------------------------------------===//

[[noreturn]] void fail(mlir::Operation *op, const std::string &message);
/// Static tensor type of an MLIR type; throws for anything else.
TensorType tensorTypeOf(mlir::Operation *op, mlir::Type type);
TensorType resultType(mlir::Operation *op, unsigned i = 0);
/// Checks the operand count.
void expectOperands(mlir::Operation *op, const Operands &args, size_t n);
/// The attribute `name`, from the dictionary or the `<{...}>` properties.
mlir::Attribute getAttr(mlir::Operation *op, llvm::StringRef name);
std::string attrText(mlir::Attribute attr);
/// `array<i64: ...>` or dense integer attribute; throws when absent if
/// `required`, else returns an empty vector.
std::vector<int64_t> i64Array(mlir::Operation *op, llvm::StringRef name,
                              bool required = true);
std::optional<int64_t> i64Attr(mlir::Operation *op, llvm::StringRef name);
/// Last word of an opaque enum attribute (`#stablehlo<comparison_direction
/// LT>` -> "LT"); empty when absent.
std::string enumWord(mlir::Operation *op, llvm::StringRef name);
/// `key = [1, 2]` inside an opaque attribute's text; empty when absent.
std::vector<int64_t> opaqueList(const std::string &text, const std::string &key);
std::optional<int64_t> opaqueInt(const std::string &text, const std::string &key);

/// Reads element `i` of `t` as an index (sign-aware).
int64_t indexValue(const Tensor &t, int64_t i);

} // namespace axle::reference

#endif // AXLE_TESTS_REFERENCE_EVALOPS_H
