//===- Lowering.cpp - Driver of the StableHLO lowering --------------------===//
//
// Walks each source function in order and dispatches every `stablehlo.*` op to
// its family's lowering. All type checks that upstream builders would assert
// on happen here or in the family lowerings, before any IR is built: the
// Release LLVM has asserts off, so a bad builder call would be silent UB.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"
#include "StablehloOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace axle::lowering {

std::string describeLocation(Operation *op) {
  if (auto loc = op->getLoc()->findInstanceOf<FileLineColLoc>())
    return "line " + std::to_string(loc.getLine()) + ":" +
           std::to_string(loc.getColumn());
  return "unknown location";
}

LogicalResult Lowerer::fail(Operation *op, PJRT_Error_Code code,
                            const llvm::Twine &message) {
  if (status.ok())
    status =
        Status::error(code, "'" + op->getName().getStringRef().str() + "' at " +
                                describeLocation(op) + ": " + message.str());
  return failure();
}

Type toSignless(Type type) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return RankedTensorType::get(tensor.getShape(),
                                 toSignless(tensor.getElementType()));
  if (auto integer = dyn_cast<IntegerType>(type))
    if (!integer.isSignless())
      return IntegerType::get(type.getContext(), integer.getWidth());
  return type;
}

bool isSupportedElementType(Type type) {
  if (auto integer = dyn_cast<IntegerType>(type)) {
    unsigned width = integer.getWidth();
    return width == 1 || width == 8 || width == 16 || width == 32 ||
           width == 64;
  }
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}

Attribute getOpAttr(Operation *op, llvm::StringRef name) {
  if (Attribute attr = op->getAttr(name))
    return attr;
  // Unregistered ops keep `<{...}>` properties as one dictionary attribute.
  if (auto dict =
          dyn_cast_or_null<DictionaryAttr>(op->getPropertiesAsAttribute()))
    return dict.get(name);
  return {};
}

std::string attrText(Attribute attr) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (attr)
    attr.print(os);
  return text;
}

std::optional<llvm::SmallVector<int64_t>> getI64Array(Operation *op,
                                                      llvm::StringRef name) {
  Attribute attr = getOpAttr(op, name);
  if (auto array = dyn_cast_or_null<DenseI64ArrayAttr>(attr))
    return llvm::SmallVector<int64_t>(array.asArrayRef());
  if (auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr)) {
    llvm::SmallVector<int64_t> values;
    for (const APInt &v : dense.getValues<APInt>())
      values.push_back(v.getSExtValue());
    return values;
  }
  if (auto array = dyn_cast_or_null<ArrayAttr>(attr)) {
    llvm::SmallVector<int64_t> values;
    for (Attribute element : array) {
      auto integer = dyn_cast<IntegerAttr>(element);
      if (!integer)
        return std::nullopt;
      values.push_back(integer.getInt());
    }
    return values;
  }
  return std::nullopt;
}

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 toSignless(type.getElementType()));
}

Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value) {
  Value empty = emptyTensor(b, loc, type);
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

const LoweringTable &loweringTable() {
  static const LoweringTable table = [] {
    LoweringTable t;
    addElementwiseLowerings(t);
    addShapeLowerings(t);
    addReduceLowerings(t);
    addContractionLowerings(t);
    addControlFlowLowerings(t);
    addIndexingLowerings(t);
    addSortLowerings(t);
    addLinalgLowerings(t);
    addGatherScatterLowerings(t);
    addReduceWindowLowerings(t);
    return t;
  }();
  return table;
}

namespace {

/// Every operand and result must be a statically shaped tensor of a supported
/// element type; the family lowerings rely on it.
LogicalResult checkTensorTypes(Lowerer &l, Operation *op) {
  auto check = [&](Type type, const char *what) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape())
      return l.fail(op, PJRT_Error_Code_UNIMPLEMENTED,
                    llvm::Twine(what) + " type " +
                        attrText(TypeAttr::get(type)) +
                        " is not a statically shaped tensor");
    if (!isSupportedElementType(tensor.getElementType()))
      return l.fail(op, PJRT_Error_Code_UNIMPLEMENTED,
                    llvm::Twine("unsupported element type in ") + what +
                        " type " + attrText(TypeAttr::get(type)));
    return success();
  };
  for (Type type : op->getOperandTypes())
    if (failed(check(type, "operand")))
      return failure();
  for (Type type : op->getResultTypes())
    if (failed(check(type, "result")))
      return failure();
  return success();
}

bool producesOnlyEmptyTensors(Operation *op) {
  return op->getNumResults() > 0 &&
         llvm::all_of(op->getResultTypes(), [](Type t) {
           return cast<RankedTensorType>(t).getNumElements() == 0;
         });
}

/// A zero-element result needs no computation, and the family lowerings'
/// index arithmetic would build out-of-bounds tensor ops for it (a slice at
/// offset == dimension size). The lowering has run for its checks; its ops,
/// from `first` to the insertion point, are dropped for empty tensors.
void replaceByEmptyTensors(Lowerer &l, Operation *op, Block::iterator first) {
  SmallVector<Operation *> built;
  for (auto it = first, end = l.builder.getInsertionPoint(); it != end; ++it)
    built.push_back(&*it);
  SmallVector<Value> empties;
  for (Value result : op->getResults())
    empties.push_back(emptyTensor(l.builder, op->getLoc(), tensorType(result)));
  l.map(op, empties);
  // Users come after their producers: erasing backwards leaves no dangling
  // use. Anything still used elsewhere is kept (it is valid IR regardless).
  for (Operation *dead : llvm::reverse(built))
    if (dead->use_empty())
      dead->erase();
}

LogicalResult lowerOp(Lowerer &l, Operation *op) {
  llvm::StringRef name = op->getName().getStringRef();
  // Named before the type checks: its operands may be tuples or tokens.
  if (name == "stablehlo.custom_call")
    return loweringTable().lookup(name)(l, op);
  if (failed(checkTensorTypes(l, op)))
    return failure();
  for (Value operand : op->getOperands())
    if (!l.get(operand))
      return l.fail(op, PJRT_Error_Code_INVALID_ARGUMENT,
                    "uses a value defined outside its function");
  Location loc = op->getLoc();
  if (name == "func.return") {
    SmallVector<Value> operands;
    for (Value operand : op->getOperands())
      operands.push_back(l.get(operand));
    func::ReturnOp::create(l.builder, loc, operands);
    return success();
  }
  if (auto call = dyn_cast<func::CallOp>(op)) {
    SmallVector<Value> operands;
    SmallVector<Type> results;
    for (Value operand : op->getOperands())
      operands.push_back(l.get(operand));
    for (Type type : op->getResultTypes())
      results.push_back(toSignless(type));
    l.map(op, func::CallOp::create(l.builder, loc, call.getCallee(), results,
                                   operands)
                  .getResults());
    return success();
  }
  if (name == "stablehlo.return")
    return l.fail(op, PJRT_Error_Code_INVALID_ARGUMENT,
                  "stablehlo.return outside of a region");
  // Only the catalog's ops (StablehloOps.def) are lowered.
  auto it = findStablehloOp(name) ? loweringTable().find(name)
                                  : loweringTable().end();
  if (it == loweringTable().end()) {
    if (l.status.ok())
      l.status = Status::error(PJRT_Error_Code_UNIMPLEMENTED,
                               "unsupported op '" + name.str() + "' at " +
                                   describeLocation(op));
    return failure();
  }
  // Ops are appended at the builder's insertion point; remember what came
  // before it so that the ops of this lowering can be found again.
  Block *block = l.builder.getInsertionBlock();
  Block::iterator point = l.builder.getInsertionPoint();
  Operation *before = point == block->begin() ? nullptr : &*std::prev(point);
  if (failed(it->second(l, op)))
    return failure();
  for (Value result : op->getResults())
    if (!l.get(result))
      return l.fail(op, PJRT_Error_Code_INTERNAL, "lowering left a result");
  if (producesOnlyEmptyTensors(op))
    replaceByEmptyTensors(
        l, op, before ? std::next(Block::iterator(before)) : block->begin());
  return success();
}

LogicalResult lowerFunction(Lowerer &l, func::FuncOp source) {
  FunctionType type = source.getFunctionType();
  SmallVector<Type> inputs, results;
  for (Type t : type.getInputs())
    inputs.push_back(toSignless(t));
  for (Type t : type.getResults())
    results.push_back(toSignless(t));
  if (source.isExternal())
    return l.fail(source, PJRT_Error_Code_INVALID_ARGUMENT,
                  "function '" + source.getName() + "' has no body");
  if (!source.getBody().hasOneBlock())
    return l.fail(source, PJRT_Error_Code_UNIMPLEMENTED,
                  "functions with several blocks are not supported");
  for (Type t : llvm::concat<const Type>(type.getInputs(), type.getResults())) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !tensor.hasStaticShape() ||
        !isSupportedElementType(tensor.getElementType()))
      return l.fail(source, PJRT_Error_Code_UNIMPLEMENTED,
                    "function '" + source.getName() + "' has type " +
                        attrText(TypeAttr::get(t)) +
                        "; only statically shaped tensors are supported");
  }

  OpBuilder::InsertionGuard guard(l.builder);
  auto lowered =
      func::FuncOp::create(l.builder, source.getLoc(), source.getName(),
                           l.builder.getFunctionType(inputs, results));
  lowered.setVisibility(source.getVisibility());
  Block *entry = lowered.addEntryBlock();
  l.values.map(source.getArguments(), entry->getArguments());
  l.builder.setInsertionPointToEnd(entry);
  for (Operation &op : source.getBody().front())
    if (failed(lowerOp(l, &op)))
      return failure();
  return success();
}

} // namespace

LogicalResult lowerRegion(Lowerer &l, Operation *owner, Region &source,
                          OpBuilder &b, ValueRange arguments,
                          ArrayRef<Type> expectedResults,
                          SmallVectorImpl<Value> &returned) {
  if (!source.hasOneBlock())
    return l.fail(owner, PJRT_Error_Code_INVALID_ARGUMENT,
                  "expects regions with exactly one block");
  Block &block = source.front();
  if (block.getNumArguments() != arguments.size())
    return l.fail(owner, PJRT_Error_Code_INVALID_ARGUMENT,
                  "region takes " + llvm::Twine(block.getNumArguments()) +
                      " arguments; expected " + llvm::Twine(arguments.size()));
  for (auto [arg, lowered] : llvm::zip(block.getArguments(), arguments))
    if (toSignless(arg.getType()) != lowered.getType())
      return l.fail(owner, PJRT_Error_Code_INVALID_ARGUMENT,
                    "region argument type " +
                        attrText(TypeAttr::get(arg.getType())) +
                        " does not match the value it receives");
  Operation *terminator = &block.back();
  if (terminator->getName().getStringRef() != "stablehlo.return" ||
      terminator->getNumOperands() != expectedResults.size())
    return l.fail(owner, PJRT_Error_Code_INVALID_ARGUMENT,
                  "region must end in stablehlo.return of " +
                      llvm::Twine(expectedResults.size()) + " values");
  for (auto [value, type] :
       llvm::zip(terminator->getOperands(), expectedResults))
    if (value.getType() != type)
      return l.fail(owner, PJRT_Error_Code_INVALID_ARGUMENT,
                    "region returns " +
                        attrText(TypeAttr::get(value.getType())) + " where " +
                        attrText(TypeAttr::get(type)) + " is expected");
  OpBuilder::InsertionGuard guard(l.builder);
  l.builder.setInsertionPoint(b.getInsertionBlock(), b.getInsertionPoint());
  l.values.map(block.getArguments(), arguments);
  // Unregistered ops have no IsTerminator trait: skip the last op by hand.
  for (Operation &op :
       llvm::make_range(block.begin(), Block::iterator(terminator)))
    if (failed(lowerOp(l, &op)))
      return failure();
  returned.clear();
  for (Value value : terminator->getOperands()) {
    if (!l.get(value))
      return l.fail(terminator, PJRT_Error_Code_INVALID_ARGUMENT,
                    "returns a value defined outside its function");
    returned.push_back(l.get(value));
  }
  return success();
}

OwningOpRef<ModuleOp> lowerModule(ModuleOp source, Status &status) {
  Lowerer l(source.getContext());
  OwningOpRef<ModuleOp> module = ModuleOp::create(source.getLoc());
  l.builder.setInsertionPointToEnd(module->getBody());
  for (Operation &op : *source.getBody()) {
    auto function = dyn_cast<func::FuncOp>(op);
    LogicalResult result =
        function ? lowerFunction(l, function)
                 : l.fail(&op, PJRT_Error_Code_UNIMPLEMENTED,
                          "only func.func is supported at module level");
    if (failed(result)) {
      status = l.status;
      return nullptr;
    }
  }
  return module;
}

} // namespace axle::lowering
