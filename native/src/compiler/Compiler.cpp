//===- Compiler.cpp - StableHLO text to a JIT-compiled Executable ---------===//
//
// parse -> record the entry signature -> check sizes -> lower StableHLO to
// upstream dialects -> verify -> loops (kept as the optimized program) ->
// LLVM dialect -> JIT. Every failure becomes a Status; MLIR diagnostics are
// captured, never only printed.
//
//===----------------------------------------------------------------------===//

#include "Compiler.h"
#include "Jit.h"
#include "Lowering.h"
#include "AsyncRuntime.h"
#include "Pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <unistd.h>

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace axle {
namespace {

/// Result sizes above this are refused at compile time.
constexpr uint64_t kMaxTensorBytes = uint64_t(1) << 40;

/// The largest tensor a program may hold anywhere (arguments, results,
/// intermediates): 2^40 bytes, or less when the host has less physical
/// memory. The JIT'd code cannot report a failed allocation (it would write
/// through a null pointer), so a tensor that could never be backed is refused
/// here, with RESOURCE_EXHAUSTED, before anything runs.
uint64_t tensorByteLimit() {
  static const uint64_t limit = [] {
    long pages = sysconf(_SC_PHYS_PAGES);
    long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
      return kMaxTensorBytes;
    return std::min(kMaxTensorBytes,
                    uint64_t(pages) * static_cast<uint64_t>(pageSize));
  }();
  return limit;
}

/// Collects diagnostics as "line:col: error: message" lines.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext &context)
      : handler(&context, [this](Diagnostic &d) { record(d); }) {}

  std::string text() const { return collected; }

private:
  void record(Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Remark)
      return;
    append(d.getLocation(), d.getSeverity(), d.str());
    for (Diagnostic &note : d.getNotes())
      append(note.getLocation(), DiagnosticSeverity::Note, note.str());
  }
  void append(Location loc, DiagnosticSeverity severity,
              const std::string &message) {
    if (!collected.empty())
      collected += "\n";
    if (auto file = loc->findInstanceOf<FileLineColLoc>())
      collected += std::to_string(file.getLine()) + ":" +
                   std::to_string(file.getColumn()) + ": ";
    collected += severity == DiagnosticSeverity::Error     ? "error: "
                 : severity == DiagnosticSeverity::Warning ? "warning: "
                                                           : "note: ";
    collected += message;
  }

  std::string collected;
  ScopedDiagnosticHandler handler;
};

PJRT_Buffer_Type bufferType(Type element) {
  if (element.isF32())
    return PJRT_Buffer_Type_F32;
  if (element.isF64())
    return PJRT_Buffer_Type_F64;
  if (element.isF16())
    return PJRT_Buffer_Type_F16;
  if (element.isBF16())
    return PJRT_Buffer_Type_BF16;
  auto integer = dyn_cast<IntegerType>(element);
  if (!integer)
    return PJRT_Buffer_Type_INVALID;
  bool isUnsigned = integer.isUnsigned();
  switch (integer.getWidth()) {
  case 1:
    return PJRT_Buffer_Type_PRED;
  case 8:
    return isUnsigned ? PJRT_Buffer_Type_U8 : PJRT_Buffer_Type_S8;
  case 16:
    return isUnsigned ? PJRT_Buffer_Type_U16 : PJRT_Buffer_Type_S16;
  case 32:
    return isUnsigned ? PJRT_Buffer_Type_U32 : PJRT_Buffer_Type_S32;
  case 64:
    return isUnsigned ? PJRT_Buffer_Type_U64 : PJRT_Buffer_Type_S64;
  default:
    return PJRT_Buffer_Type_INVALID;
  }
}

Status specFor(Type type, TensorSpec &spec) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return Status::error(PJRT_Error_Code_UNIMPLEMENTED,
                         "entry function type " +
                             lowering::attrText(TypeAttr::get(type)) +
                             " is not a statically shaped tensor");
  spec.elementType = bufferType(tensor.getElementType());
  if (spec.elementType == PJRT_Buffer_Type_INVALID)
    return Status::error(PJRT_Error_Code_UNIMPLEMENTED,
                         "unsupported element type in " +
                             lowering::attrText(TypeAttr::get(type)));
  spec.dims.assign(tensor.getShape().begin(), tensor.getShape().end());
  return Status::success();
}

/// Refuses tensors whose byte size overflows or exceeds tensorByteLimit(),
/// so sizes computed later (including TensorSpec::byteSize) cannot overflow.
Status checkSizes(ModuleOp module) {
  Status status;
  const uint64_t limit = tensorByteLimit();
  module.walk([&](Operation *op) {
    auto check = [&](Type type) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (!tensor || !tensor.hasStaticShape() || !status.ok())
        return;
      uint64_t bytes =
          std::max<uint64_t>(1, (tensor.getElementTypeBitWidth() + 7) / 8);
      for (int64_t d : tensor.getShape()) {
        if (d == 0) {
          bytes = 0;
          break;
        }
        if (bytes > limit / static_cast<uint64_t>(d))
          bytes = limit + 1;
        else
          bytes *= d;
      }
      if (bytes > limit)
        status = Status::error(
            PJRT_Error_Code_RESOURCE_EXHAUSTED,
            "tensor " + lowering::attrText(TypeAttr::get(type)) + " at " +
                lowering::describeLocation(op) + " needs more than " +
                std::to_string(limit) +
                " bytes (the host's memory, at most 2^40)");
    };
    for (Type t : op->getResultTypes())
      check(t);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (Type t : block.getArgumentTypes())
          check(t);
  });
  return status;
}

/// Deepest bracket nesting ((, [, {, <) a program may have. MLIR's parser,
/// our lowering and LLVM all recurse once per nested region, attribute or
/// type, so a program nested thousands deep overflows the stack of whatever
/// thread compiles it (found by native/fuzz: 5,000 nested stablehlo.if).
/// Real programs nest a few dozen levels.
constexpr int kMaxNesting = 256;

/// Refuses text nested deeper than kMaxNesting, before anything parses it.
/// String literals are skipped; "->" is an arrow, not a closing bracket.
Status checkNesting(std::string_view code) {
  int depth = 0;
  bool inString = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '(' || c == '[' || c == '{' || c == '<') {
      if (++depth > kMaxNesting)
        return Status::error(PJRT_Error_Code_RESOURCE_EXHAUSTED,
                             "the program nests brackets more than " +
                                 std::to_string(kMaxNesting) +
                                 " levels deep (at byte " + std::to_string(i) +
                                 ")");
    } else if (c == ')' || c == ']' || c == '}' ||
               (c == '>' && (i == 0 || code[i - 1] != '-'))) {
      depth = std::max(0, depth - 1);
    }
  }
  return Status::success();
}

/// Regions (if/while/case bodies) nested deeper than this are refused:
/// MLIR's one-shot bufferization analysis takes time that doubles with every
/// level of nested `if`s yielding tensors (18 levels 0.27 s, 24 levels
/// ~17 s), so an unbounded depth is a denial of service. Real programs nest
/// a few levels (a cond in a while in a scan).
constexpr int kMaxRegionDepth = 24;

Status checkRegionDepth(ModuleOp module) {
  Status status = Status::success();
  module.walk([&](Operation *op) {
    if (!status.ok() || op->getNumRegions() == 0)
      return;
    int depth = 0;
    for (Operation *p = op; p && !isa<func::FuncOp>(p); p = p->getParentOp())
      depth += p->getNumRegions() > 0 ? 1 : 0;
    if (depth > kMaxRegionDepth)
      status = Status::error(
          PJRT_Error_Code_RESOURCE_EXHAUSTED,
          "regions nested " + std::to_string(depth) + " deep at " +
              lowering::describeLocation(op) + "; the bundled compiler takes "
              "time exponential in the nesting of if/case/while regions and "
              "accepts at most " + std::to_string(kMaxRegionDepth));
  });
  return status;
}

/// Refuses a cyclic call graph. StableHLO programs (like XLA's HLO) never
/// recurse, and a cycle would become JIT'd code that recurses until the
/// stack overflows (found by native/fuzz). Iterative, so a long call chain
/// cannot overflow the checker's own stack either.
Status checkCallGraph(ModuleOp module) {
  llvm::DenseMap<Operation *, llvm::SmallVector<Operation *, 4>> callees;
  for (auto f : module.getOps<func::FuncOp>()) {
    auto &list = callees[f.getOperation()];
    f.walk([&](func::CallOp call) {
      if (auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee()))
        list.push_back(callee.getOperation());
    });
  }
  enum Mark : char { Unseen, Open, Done };
  llvm::DenseMap<Operation *, Mark> marks;
  for (auto &entry : callees) {
    if (marks.lookup(entry.first) != Unseen)
      continue;
    // (function, index of the next callee to visit)
    llvm::SmallVector<std::pair<Operation *, size_t>, 16> stack;
    stack.push_back({entry.first, 0});
    marks[entry.first] = Open;
    while (!stack.empty()) {
      auto &[function, next] = stack.back();
      const auto &list = callees[function];
      if (next == list.size()) {
        marks[function] = Done;
        stack.pop_back();
        continue;
      }
      Operation *callee = list[next++];
      Mark mark = marks.lookup(callee);
      if (mark == Open)
        return Status::error(
            PJRT_Error_Code_INVALID_ARGUMENT,
            "recursive call to @" +
                cast<func::FuncOp>(callee).getName().str() + " at " +
                lowering::describeLocation(callee) +
                ": StableHLO programs cannot recurse");
      if (mark == Unseen) {
        marks[callee] = Open;
        stack.push_back({callee, 0});
      }
    }
  }
  return Status::success();
}

func::FuncOp findEntry(ModuleOp module) {
  func::FuncOp onlyPublic;
  int publicCount = 0;
  for (auto f : module.getOps<func::FuncOp>()) {
    if (f.getName() == "main")
      return f;
    if (f.isPublic()) {
      onlyPublic = f;
      ++publicCount;
    }
  }
  return publicCount == 1 ? onlyPublic : func::FuncOp();
}

std::string printModule(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os);
  return text;
}

/// Wall time per compile stage, for finding where compile time goes.
class CompileTimer {
public:
  explicit CompileTimer(bool enabled)
      : enabled(enabled), last(std::chrono::steady_clock::now()) {}
  void stage(const char *name) {
    if (!enabled)
      return;
    auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "axle compile: %-40s %8.1f ms\n", name,
                 std::chrono::duration<double, std::milli>(now - last).count());
    last = now;
  }

private:
  bool enabled;
  std::chrono::steady_clock::time_point last;
};

} // namespace

std::unique_ptr<Executable>
compileProgram(std::string_view code, std::string_view format, Status &status,
               const CompileOptions &options) {
  status = Status::success();
  if (format != "mlir") {
    status = Status::error(PJRT_Error_Code_INVALID_ARGUMENT,
                           "unsupported program format '" +
                               std::string(format) + "'; expected 'mlir'");
    return nullptr;
  }
  if (status = checkNesting(code); !status.ok())
    return nullptr;
  DialectRegistry registry;
  registerCompilerDialects(registry);
  // One compile is small; a thread pool per context would cost more.
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.allowUnregisteredDialects();
  loadCompilerDialects(context);
  DiagnosticCollector diagnostics(context);
  auto fail = [&](PJRT_Error_Code code, const std::string &message) {
    std::string details = diagnostics.text();
    status = Status::error(code, details.empty() ? message
                                                 : message + ":\n" + details);
    return nullptr;
  };

  // MLIR's lexer relies on a NUL after the text (its own tools read files
  // into NUL-terminated buffers) and reads one byte past a bare StringRef's
  // end; the caller's bytes need not be terminated (found by native/fuzz:
  // the one-byte program "W" read out of bounds). std::string always is.
  const std::string terminated(code);
  OwningOpRef<ModuleOp> source = parseSourceString<ModuleOp>(
      llvm::StringRef(terminated.data(), terminated.size()),
      ParserConfig(&context), "program");
  if (!source)
    return fail(PJRT_Error_Code_INVALID_ARGUMENT, "cannot parse the program");
  func::FuncOp entry = findEntry(*source);
  if (!entry)
    return fail(PJRT_Error_Code_INVALID_ARGUMENT,
                "no entry function: expected @main or a single public "
                "func.func");
  std::vector<TensorSpec> parameters, results;
  for (auto [types, specs] :
       {std::make_pair(entry.getFunctionType().getInputs(), &parameters),
        std::make_pair(entry.getFunctionType().getResults(), &results)})
    for (Type type : types) {
      specs->emplace_back();
      if (Status s = specFor(type, specs->back()); !s.ok())
        return fail(s.code, s.message);
    }
  if (Status s = checkSizes(*source); !s.ok())
    return fail(s.code, s.message);
  if (Status s = checkCallGraph(*source); !s.ok())
    return fail(s.code, s.message);
  if (Status s = checkRegionDepth(*source); !s.ok())
    return fail(s.code, s.message);

  Status lowerStatus;
  // AXLE_COMPILE_TIMING=1 prints the time of each stage to stderr.
  CompileTimer timer(std::getenv("AXLE_COMPILE_TIMING") != nullptr);
  OwningOpRef<ModuleOp> module = lowering::lowerModule(*source, lowerStatus);
  timer.stage("StableHLO -> linalg");
  if (!module)
    return fail(lowerStatus.code, lowerStatus.message);
  if (failed(verify(*module)))
    return fail(PJRT_Error_Code_INTERNAL,
                "lowered program does not verify (compiler bug)");
  // AXLE_DUMP_LINALG=FILE keeps the program as the conversion left it (tensors,
  // linalg, scf), the input of the pass pipeline, for running passes by hand
  // with mlir-opt.
  if (const char *path = std::getenv("AXLE_DUMP_LINALG")) {
    std::error_code error;
    llvm::raw_fd_ostream out(path, error);
    if (!error)
      module->print(out);
  }
  int64_t threads =
      options.threads > 0 ? options.threads : asyncWorkerCount();
  if (failed(lowerToLoops(*module, threads)))
    return fail(PJRT_Error_Code_INTERNAL, "bufferization/loop lowering failed");
  timer.stage("fusion, bufferization, loops");
  std::string optimized = printModule(*module);
  if (failed(lowerToLLVM(*module, threads)))
    return fail(PJRT_Error_Code_INTERNAL, "lowering to LLVM failed");
  timer.stage("to the LLVM dialect");
  Status jitStatus;
  auto executable =
      jitCompile(*module, entry.getName().str(), std::move(parameters),
                 std::move(results), std::move(optimized), jitStatus);
  timer.stage("LLVM optimization and code generation");
  if (!executable)
    return fail(jitStatus.code, jitStatus.message);
  return executable;
}

} // namespace axle
