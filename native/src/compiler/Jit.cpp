//===- Jit.cpp - LLVM-dialect module to a callable Executable -------------===//
//
// Calls go through the ExecutionEngine's packed wrapper `_mlir_<entry>(void**)`
// whose slots point at each scalar of each memref descriptor (allocated and
// aligned pointer, offset, sizes, strides). The descriptors are built on the
// stack of each call, so concurrent calls share nothing mutable.
//
//===----------------------------------------------------------------------===//

#include "Jit.h"
#include "AsyncRuntime.h"
#include "JitAllocator.h"
#include "RuntimeDot.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>

using namespace mlir;

namespace axle {
namespace {

class JitExecutable final : public Executable {
public:
  JitExecutable(std::unique_ptr<ExecutionEngine> engine, void (*entry)(void **),
                std::string name, std::vector<TensorSpec> parameters,
                std::vector<TensorSpec> results, std::string optimized)
      : engine(std::move(engine)), entry(entry), entryName(std::move(name)),
        params(std::move(parameters)), outs(std::move(results)),
        optimized(std::move(optimized)) {
    // Sizes and row-major strides of every descriptor, computed once.
    for (const TensorSpec &spec :
         llvm::concat<const TensorSpec>(params, outs)) {
      descriptorStart.push_back(shapeWords.size());
      shapeWords.insert(shapeWords.end(), spec.dims.begin(), spec.dims.end());
      std::vector<int64_t> strides(spec.dims.size(), 1);
      for (size_t i = spec.dims.size(); i-- > 1;)
        strides[i - 1] = strides[i] * spec.dims[i];
      shapeWords.insert(shapeWords.end(), strides.begin(), strides.end());
    }
  }

  const std::vector<TensorSpec> &parameters() const override { return params; }
  const std::vector<TensorSpec> &results() const override { return outs; }
  const std::string &name() const override { return entryName; }
  const std::string &optimizedProgram() const override { return optimized; }

  Status execute(const void *const *inputs,
                 void *const *outputs) const override {
    size_t numBuffers = params.size() + outs.size();
    std::vector<void *> pointers(numBuffers);
    for (size_t i = 0; i < params.size(); ++i) // Never written (see Pipeline).
      pointers[i] = const_cast<void *>(inputs[i]);
    for (size_t j = 0; j < outs.size(); ++j)
      pointers[params.size() + j] = outputs[j];
    std::vector<int64_t> words = shapeWords;
    int64_t zeroOffset = 0;
    std::vector<void *> slots;
    slots.reserve(3 * numBuffers + words.size());
    for (size_t i = 0; i < numBuffers; ++i) {
      size_t rank =
          (i < params.size() ? params[i] : outs[i - params.size()]).dims.size();
      slots.push_back(&pointers[i]); // allocated
      slots.push_back(&pointers[i]); // aligned
      slots.push_back(&zeroOffset);
      for (size_t k = 0; k < 2 * rank; ++k)
        slots.push_back(&words[descriptorStart[i] + k]);
    }
    AsyncCallScope tasks; // Waits for the parallel loops' last tasks.
    entry(slots.data());
    return Status::success();
  }

private:
  std::unique_ptr<ExecutionEngine> engine;
  void (*entry)(void **);
  std::string entryName;
  std::vector<TensorSpec> params, outs;
  std::string optimized;
  std::vector<int64_t> shapeWords;
  std::vector<size_t> descriptorStart;
};

/// MLIR lowers memref.copy between non-contiguous layouts to a call to
/// `memrefCopy(elementSize, UnrankedMemRef *src, UnrankedMemRef *dst)`,
/// normally found in libmlir_c_runner_utils; we provide it ourselves so the
/// plugin does not need that library at run time.
struct UnrankedMemRef {
  int64_t rank;
  void *descriptor; // {alloc, aligned, offset, sizes[rank], strides[rank]}
};

void memrefCopy(int64_t elementSize, UnrankedMemRef *src, UnrankedMemRef *dst) {
  int64_t rank = src->rank;
  auto fields = [](UnrankedMemRef *m, char *&base, const int64_t *&words) {
    base = static_cast<char **>(m->descriptor)[1];
    words = reinterpret_cast<const int64_t *>(
        static_cast<char **>(m->descriptor) + 2);
  };
  char *srcBase, *dstBase;
  const int64_t *s, *d; // offset, sizes..., strides...
  fields(src, srcBase, s);
  fields(dst, dstBase, d);
  for (int64_t i = 0; i < rank; ++i)
    if (s[1 + i] == 0)
      return;
  std::vector<int64_t> index(rank, 0);
  while (true) {
    int64_t so = s[0], dof = d[0];
    for (int64_t i = 0; i < rank; ++i) {
      so += index[i] * s[1 + rank + i];
      dof += index[i] * d[1 + rank + i];
    }
    std::memcpy(dstBase + dof * elementSize, srcBase + so * elementSize,
                elementSize);
    int64_t axis = rank - 1;
    while (axis >= 0 && ++index[axis] == s[1 + axis])
      index[axis--] = 0;
    if (axis < 0)
      return;
  }
}

/// compiler-rt's __truncsfbf2 (f32 -> bf16, round to nearest even, NaNs stay
/// quiet NaNs), which LLVM calls for an fptrunc to bfloat on hosts without
/// AVX512-BF16. The x86-64 ABI returns a bf16 in the low 16 bits of xmm0,
/// where a float's low bits travel, hence the float return type.
float truncF32ToBF16(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  uint32_t rounded = (bits & 0x7fffffffu) > 0x7f800000u
                         ? (bits >> 16) | 0x40u
                         : (bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16;
  float result;
  std::memcpy(&result, &rounded, sizeof result);
  return result;
}

/// libm functions the generated code may call, registered explicitly so the
/// JIT does not depend on how the host process was linked.
llvm::orc::SymbolMap libmSymbols(llvm::orc::MangleAndInterner interner) {
  llvm::orc::SymbolMap map;
  auto add = [&](const char *name, auto *fn) {
    map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(fn),
                           llvm::JITSymbolFlags::Exported};
  };
  using F1 = float (*)(float);
  using D1 = double (*)(double);
  using F2 = float (*)(float, float);
  using D2 = double (*)(double, double);
#define AXLE_LIBM1(name)                                                       \
  add(#name "f", static_cast<F1>(::name##f));                                  \
  add(#name, static_cast<D1>(::name));
#define AXLE_LIBM2(name)                                                       \
  add(#name "f", static_cast<F2>(::name##f));                                  \
  add(#name, static_cast<D2>(::name));
  AXLE_LIBM1(exp)
  AXLE_LIBM1(expm1) AXLE_LIBM1(log) AXLE_LIBM1(log1p) AXLE_LIBM1(sqrt)
      AXLE_LIBM1(cbrt) AXLE_LIBM1(tanh) AXLE_LIBM1(sin) AXLE_LIBM1(cos)
          AXLE_LIBM1(tan) AXLE_LIBM1(floor) AXLE_LIBM1(ceil) AXLE_LIBM1(round)
              AXLE_LIBM1(roundeven) AXLE_LIBM1(exp2) AXLE_LIBM1(log2)
                  AXLE_LIBM1(log10) AXLE_LIBM1(erf) AXLE_LIBM1(atan)
                      AXLE_LIBM1(asin) AXLE_LIBM1(acos) AXLE_LIBM1(sinh)
                          AXLE_LIBM1(cosh) AXLE_LIBM1(trunc) AXLE_LIBM2(pow)
                              AXLE_LIBM2(fmod) AXLE_LIBM2(atan2)
                                  AXLE_LIBM2(copysign)
                                      add("memrefCopy", &memrefCopy);
  add("__truncsfbf2", &truncF32ToBF16);
  add("axleDotF32", &axleDotF32);
  add("axleDotF64", &axleDotF64);
  auto addPointer = [&](const char *name, void *fn) {
    map[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(fn),
                           llvm::JITSymbolFlags::Exported};
  };
  addAsyncRuntimeSymbols(addPointer);
  addJitAllocatorSymbols(addPointer);
#undef AXLE_LIBM1
#undef AXLE_LIBM2
  return map;
}

/// LLVM's O2 pipeline with loop and SLP vectorization and interleaving (the
/// reductions need several accumulators) but without loop unrolling: at O3
/// with unrolling a 1,000-op program took 7.7 s in LLVM, here 1.5 s, with the
/// same kernel speeds (bench/Plugin).
llvm::Error optimizeModule(llvm::Module &m, llvm::TargetMachine *machine) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  tuning.LoopInterleaving = true;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::PassBuilder builder(machine, tuning);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager passes =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  passes.run(m, mam);
  return llvm::Error::success();
}

std::string errorText(llvm::Error error) {
  return llvm::toString(std::move(error));
}

} // namespace

std::unique_ptr<Executable> jitCompile(ModuleOp module, std::string entry,
                                       std::vector<TensorSpec> parameters,
                                       std::vector<TensorSpec> results,
                                       std::string optimizedProgram,
                                       Status &status) {
  static std::once_flag targetsReady;
  std::call_once(targetsReady, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  auto fail = [&](const std::string &message) {
    status = Status::error(PJRT_Error_Code_INTERNAL, "JIT: " + message);
    return nullptr;
  };
  auto machineBuilder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machineBuilder)
    return fail(errorText(machineBuilder.takeError()));
  machineBuilder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return fail(errorText(machine.takeError()));

  auto optimize = [tm = machine->get()](llvm::Module *m) {
    return optimizeModule(*m, tm);
  };
  // AXLE_DUMP_LLVM_IR=DIR keeps the optimized LLVM IR of each program: the
  // place to check what a kernel was vectorized into.
  const char *dumpDir = std::getenv("AXLE_DUMP_LLVM_IR");
  std::function<llvm::Error(llvm::Module *)> transformer =
      [optimize, dumpDir, entry](llvm::Module *m) -> llvm::Error {
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error e = optimize(m))
      return e;
    if (std::getenv("AXLE_COMPILE_TIMING"))
      std::fprintf(stderr, "axle compile:   (of which LLVM's IR optimization %.1f ms)\n",
                   std::chrono::duration<double, std::milli>(
                       std::chrono::steady_clock::now() - start)
                       .count());
    if (dumpDir) {
      static std::atomic<int> counter{0};
      std::error_code ec;
      llvm::raw_fd_ostream out(std::string(dumpDir) + "/" + entry + "." +
                                   std::to_string(counter++) + ".ll",
                               ec);
      if (!ec)
        m->print(out, nullptr);
    }
    return llvm::Error::success();
  };
  ExecutionEngineOptions options;
  options.transformer = transformer;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Default;
  options.enableGDBNotificationListener = false;
  // AXLE_PERF_MAP=1 names the JIT'd functions for `perf` (/tmp/perf-PID.map).
  options.enablePerfNotificationListener = std::getenv("AXLE_PERF_MAP") != nullptr;
  auto engine = ExecutionEngine::create(module, options, std::move(*machine));
  if (!engine)
    return fail(errorText(engine.takeError()));
  (*engine)->registerSymbols(libmSymbols);
  (*engine)->initialize();
  auto function = (*engine)->lookupPacked(entry);
  if (!function)
    return fail(errorText(function.takeError()));
  return std::make_unique<JitExecutable>(
      std::move(*engine), *function, std::move(entry), std::move(parameters),
      std::move(results), std::move(optimizedProgram));
}

} // namespace axle
