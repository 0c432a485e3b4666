//===- Evaluator.cpp - Parsing, scopes and dispatch -----------------------===//
//
// The module is parsed with MLIR (func registered, everything else as
// unregistered ops), then each op of the entry function is looked up in the
// op table and evaluated on host tensors. Values live in a stack of scopes so
// that region bodies (while, if, case) can read values defined around them.
//
//===----------------------------------------------------------------------===//

#include "Evaluator.h"
#include "EvalOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace axle::reference {

//===-- Helpers -----------------------------------------------------------===//

void fail(Operation *op, const std::string &message) {
  std::string where;
  if (auto loc = op->getLoc()->findInstanceOf<FileLineColLoc>())
    where = " at line " + std::to_string(loc.getLine());
  throw EvalError("'" + op->getName().getStringRef().str() + "'" + where +
                  ": " + message);
}

TensorType tensorTypeOf(Operation *op, Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    fail(op, "type " + attrText(TypeAttr::get(type)) +
                 " is not a statically shaped tensor");
  std::string name;
  llvm::raw_string_ostream os(name);
  tensor.getElementType().print(os);
  std::optional<ElementType> element = parseTypeName(name);
  if (!element)
    fail(op, "unsupported element type " + name);
  return TensorType{*element, {tensor.getShape().begin(), tensor.getShape().end()}};
}

TensorType resultType(Operation *op, unsigned i) {
  if (i >= op->getNumResults())
    fail(op, "expects at least " + std::to_string(i + 1) + " result(s)");
  return tensorTypeOf(op, op->getResult(i).getType());
}

void expectOperands(Operation *op, const Operands &args, size_t n) {
  if (args.size() != n)
    fail(op, "expects " + std::to_string(n) + " operand(s), got " +
                 std::to_string(args.size()));
}

Attribute getAttr(Operation *op, llvm::StringRef name) {
  if (Attribute attr = op->getAttr(name))
    return attr;
  if (auto dict = dyn_cast_or_null<DictionaryAttr>(op->getPropertiesAsAttribute()))
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

std::vector<int64_t> i64Array(Operation *op, llvm::StringRef name,
                              bool required) {
  Attribute attr = getAttr(op, name);
  if (auto array = dyn_cast_or_null<DenseI64ArrayAttr>(attr))
    return {array.asArrayRef().begin(), array.asArrayRef().end()};
  if (auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr)) {
    std::vector<int64_t> values;
    for (const llvm::APInt &v : dense.getValues<llvm::APInt>())
      values.push_back(v.getSExtValue());
    return values;
  }
  if (required)
    fail(op, "missing or malformed attribute '" + name.str() + "'");
  return {};
}

std::optional<int64_t> i64Attr(Operation *op, llvm::StringRef name) {
  if (auto integer = dyn_cast_or_null<IntegerAttr>(getAttr(op, name)))
    return integer.getInt();
  return std::nullopt;
}

std::string enumWord(Operation *op, llvm::StringRef name) {
  std::string text = attrText(getAttr(op, name));
  size_t end = text.rfind('>');
  if (end == std::string::npos)
    return {};
  size_t begin = text.find_last_of(" <", end);
  return begin == std::string::npos ? std::string()
                                    : text.substr(begin + 1, end - begin - 1);
}

/// Position right after "key = " for a whole-word key, or npos.
static size_t findKey(const std::string &text, const std::string &key) {
  for (size_t at = text.find(key); at != std::string::npos;
       at = text.find(key, at + 1)) {
    bool startOk = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) ||
                                text[at - 1] == '_');
    size_t p = at + key.size();
    while (p < text.size() && text[p] == ' ')
      ++p;
    if (startOk && p < text.size() && text[p] == '=') {
      ++p;
      while (p < text.size() && text[p] == ' ')
        ++p;
      return p;
    }
  }
  return std::string::npos;
}

std::vector<int64_t> opaqueList(const std::string &text, const std::string &key) {
  std::vector<int64_t> values;
  size_t p = findKey(text, key);
  if (p == std::string::npos || p >= text.size() || text[p] != '[')
    return values;
  size_t end = text.find(']', p);
  std::string body = text.substr(p + 1, end == std::string::npos ? 0 : end - p - 1);
  size_t i = 0;
  while (i < body.size()) {
    if (body[i] == '-' || std::isdigit(static_cast<unsigned char>(body[i]))) {
      size_t used = 0;
      values.push_back(std::stoll(body.substr(i), &used));
      i += used;
    } else {
      ++i;
    }
  }
  return values;
}

std::optional<int64_t> opaqueInt(const std::string &text, const std::string &key) {
  size_t p = findKey(text, key);
  if (p == std::string::npos || p >= text.size() ||
      !(text[p] == '-' || std::isdigit(static_cast<unsigned char>(text[p]))))
    return std::nullopt;
  return std::stoll(text.substr(p));
}

int64_t indexValue(const Tensor &t, int64_t i) {
  if (isFloat(t.element()))
    throw EvalError("index tensor of type " + t.type().text() + " is not integer");
  return t.getInt(i);
}

const OpTable &opTable() {
  static const OpTable table = [] {
    OpTable t;
    addElementwiseOps(t);
    addShapeOps(t);
    addReduceOps(t);
    addControlOps(t);
    addIndexingOps(t);
    return t;
  }();
  return table;
}

bool isSupportedOp(const std::string &name) {
  return name == "func.call" || opTable().count(name) != 0;
}

//===-- Interpreter -------------------------------------------------------===//

namespace {

using Scope = llvm::DenseMap<Value, Tensor>;

/// Scopes of the region bodies being run; innermost last.
thread_local std::vector<Scope *> scopes;

const Tensor &lookup(Operation *user, Value v) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    auto found = (*it)->find(v);
    if (found != (*it)->end())
      return found->second;
  }
  fail(user, "uses a value that is not defined before it");
}

void checkType(Operation *op, const Tensor &t, Type expected, const char *what) {
  TensorType type = tensorTypeOf(op, expected);
  if (t.type() != type)
    fail(op, std::string(what) + " has type " + t.type().text() +
                 " but the program says " + type.text());
}

std::vector<Tensor> runOp(Interpreter &in, Operation *op) {
  std::string name = op->getName().getStringRef().str();
  Operands args;
  for (Value v : op->getOperands())
    args.push_back(lookup(op, v));
  std::vector<Tensor> results;
  if (auto call = dyn_cast<func::CallOp>(op)) {
    results = in.callFunction(call.getCallee(), args);
  } else {
    auto it = opTable().find(name);
    if (it == opTable().end())
      fail(op, "op is not implemented by the reference evaluator");
    results = it->second(in, op, args);
  }
  if (results.size() != op->getNumResults())
    fail(op, "evaluated " + std::to_string(results.size()) +
                 " results, the program declares " +
                 std::to_string(op->getNumResults()));
  for (unsigned i = 0; i < results.size(); ++i)
    checkType(op, results[i], op->getResult(i).getType(), "result");
  return results;
}

} // namespace

std::vector<Tensor> Interpreter::runRegion(Region &region,
                                           const std::vector<Tensor> &args) {
  if (!region.hasOneBlock())
    throw EvalError("regions must have exactly one block");
  if (++depth > 64) {
    --depth;
    throw EvalError("call depth exceeds 64");
  }
  struct Guard {
    Interpreter &in;
    ~Guard() {
      scopes.pop_back();
      --in.depth;
    }
  };
  Scope scope;
  scopes.push_back(&scope);
  Guard guard{*this};
  Block &block = region.front();
  if (block.getNumArguments() != args.size())
    throw EvalError("region takes " + std::to_string(block.getNumArguments()) +
                    " arguments, given " + std::to_string(args.size()));
  for (unsigned i = 0; i < args.size(); ++i) {
    checkType(region.getParentOp(), args[i], block.getArgument(i).getType(),
              "region argument");
    scope[block.getArgument(i)] = args[i];
  }
  for (Operation &op : block) {
    llvm::StringRef name = op.getName().getStringRef();
    if (name == "stablehlo.return" || name == "func.return") {
      std::vector<Tensor> results;
      for (Value v : op.getOperands())
        results.push_back(lookup(&op, v));
      return results;
    }
    std::vector<Tensor> results = runOp(*this, &op);
    for (unsigned i = 0; i < results.size(); ++i)
      scope[op.getResult(i)] = std::move(results[i]);
  }
  throw EvalError("region has no terminator");
}

std::vector<Tensor> Interpreter::callFunction(llvm::StringRef name,
                                              const std::vector<Tensor> &args) {
  auto f = module.lookupSymbol<func::FuncOp>(name);
  if (!f || f.isExternal())
    throw EvalError("no function @" + name.str() + " with a body");
  // A call sees only its own arguments, never the caller's values.
  std::vector<Scope *> saved;
  saved.swap(scopes);
  struct Restore {
    std::vector<Scope *> &saved;
    ~Restore() { scopes.swap(saved); }
  } restore{saved};
  std::vector<Tensor> results = runRegion(f.getBody(), args);
  FunctionType type = f.getFunctionType();
  if (results.size() != type.getNumResults())
    throw EvalError("@" + name.str() + " returns the wrong number of values");
  for (unsigned i = 0; i < results.size(); ++i)
    checkType(f, results[i], type.getResult(i), "returned value");
  return results;
}

//===-- Evaluator ---------------------------------------------------------===//

struct Evaluator::Impl {
  MLIRContext context{MLIRContext::Threading::DISABLED};
  OwningOpRef<ModuleOp> module;
  func::FuncOp entry;
  std::vector<TensorType> parameters, results;
};

Evaluator::Evaluator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Evaluator::~Evaluator() = default;

const std::vector<TensorType> &Evaluator::parameters() const { return impl_->parameters; }
const std::vector<TensorType> &Evaluator::results() const { return impl_->results; }

std::unique_ptr<Evaluator> Evaluator::parse(std::string_view text,
                                            std::string &error) {
  auto impl = std::make_unique<Impl>();
  MLIRContext &context = impl->context;
  context.allowUnregisteredDialects();
  context.getOrLoadDialect<func::FuncDialect>();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return success();
  });
  impl->module = parseSourceString<ModuleOp>(
      llvm::StringRef(text.data(), text.size()), ParserConfig(&context), "program");
  if (!impl->module) {
    error = "cannot parse the program: " + diagnostics;
    return nullptr;
  }
  int publicCount = 0;
  for (auto f : impl->module->getOps<func::FuncOp>()) {
    if (f.getName() == "main") {
      impl->entry = f;
      publicCount = 1;
      break;
    }
    if (f.isPublic()) {
      impl->entry = f;
      ++publicCount;
    }
  }
  if (!impl->entry || publicCount != 1) {
    error = "no entry function: expected @main or a single public function";
    return nullptr;
  }
  try {
    FunctionType type = impl->entry.getFunctionType();
    for (Type t : type.getInputs())
      impl->parameters.push_back(tensorTypeOf(impl->entry, t));
    for (Type t : type.getResults())
      impl->results.push_back(tensorTypeOf(impl->entry, t));
  } catch (const EvalError &e) {
    error = e.what();
    return nullptr;
  }
  return std::unique_ptr<Evaluator>(new Evaluator(std::move(impl)));
}

bool Evaluator::run(const std::vector<Tensor> &inputs,
                    std::vector<Tensor> &outputs, std::string &error) const {
  if (inputs.size() != impl_->parameters.size()) {
    error = "expected " + std::to_string(impl_->parameters.size()) +
            " inputs, got " + std::to_string(inputs.size());
    return false;
  }
  try {
    Interpreter interpreter(*impl_->module);
    outputs = interpreter.callFunction(impl_->entry.getName(), inputs);
    return true;
  } catch (const EvalError &e) {
    error = e.what();
  } catch (const std::exception &e) {
    error = std::string("internal error: ") + e.what();
  }
  return false;
}

} // namespace axle::reference
