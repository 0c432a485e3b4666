//===- Pipeline.cpp - Upstream passes from linalg to LLVM -----------------===//
//
// Pipelines are lists of passes on the module (the PassManager's anchor).
// They are written as pass-pipeline text: it is stable across MLIR
// releases where the C++ pass constructors and option structs are not.
//
//===----------------------------------------------------------------------===//

#include "Pipeline.h"
#include "BlasContraction.h"
#include "BufferHoisting.h"
#include "BufferRoots.h"
#include "ExpScalef.h"
#include "F64Approximations.h"
#include "RowFusion.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringSet.h"

#include <cstdlib>
#include <mutex>

using namespace mlir;

namespace axle {
namespace {

// One-shot bufferization across function boundaries gives memref arguments
// with the identity layout, which is what the caller's dense buffers are.
// Loops (scf.while from stablehlo.while) may yield fresh buffers; the
// deallocation pipeline frees them each iteration, so memory stays bounded
// (a copy per iteration remains: a later performance step).
constexpr const char *kBufferizePipeline =
    "one-shot-bufferize{bufferize-function-boundaries=1 "
    "allow-return-allocs-from-loops=1 "
    "function-boundary-type-conversion=identity-layout-map}";

// Runs after makeReturnedBuffersDistinct; then hoistFixedSizeBuffers moves
// temporaries out of loops (a loop body that allocated and freed a buffer per
// op and iteration spent most of its time in malloc), then deallocations.
constexpr const char *kOutParamsPipeline =
    "buffer-results-to-out-params{hoist-static-allocs=1 "
    "modify-public-functions=1},"
    "canonicalize";
constexpr const char *kDeallocationPipeline = "buffer-deallocation-pipeline";

// Runs after parallelizeLargeLoops.
constexpr const char *kLoopPipeline = "func.func(convert-linalg-to-loops),"
                                      "canonicalize,cse";

// Splits the scf.parallel loops of parallelizeLargeLoops across threads
// (AsyncRuntime.cpp); the caller runs one block itself.
std::string asyncPipeline(int64_t threads) {
  return "async-parallel-for{async-dispatch=0 num-workers=" +
         std::to_string(threads) +
         " min-task-size=1},"
         "async-to-async-runtime,"
         "func.func(async-runtime-ref-counting,"
         "async-runtime-ref-counting-opt),"
         "convert-async-to-llvm";
}

constexpr const char *kLLVMPipeline =
    "convert-bufferization-to-memref,"
    "expand-strided-metadata,"
    "lower-affine,"
    "convert-scf-to-cf,"
    "convert-math-to-llvm,"
    "convert-math-to-libm,"
    "finalize-memref-to-llvm{use-generic-functions=1},"
    "convert-arith-to-llvm,"
    "convert-index-to-llvm,"
    "convert-func-to-llvm,"
    "convert-cf-to-llvm,"
    "reconcile-unrealized-casts";

LogicalResult runPipeline(ModuleOp module, const std::string &pipeline) {
  static std::once_flag registered;
  std::call_once(registered, [] { registerAllPasses(); });
  PassManager pm(module->getContext());
  // AXLE_COMPILE_TIMING=1 also reports each pass's time (to stderr).
  if (std::getenv("AXLE_COMPILE_TIMING"))
    pm.enableTiming();
  if (failed(parsePassPipeline(pipeline, pm))) {
    emitError(module.getLoc()) << "internal: bad pass pipeline " << pipeline;
    return failure();
  }
  return pm.run(module);
}

/// buffer-results-to-out-params with hoisting replaces a returned
/// allocation by its out-param; an allocation returned twice (`return %0,
/// %0`, or a value next to an identity op on it that canonicalization
/// removed) would be replaced twice and the pass would touch an erased op.
/// Every repeated operand of a return gets its own copy, so each result has
/// its own buffer.
void makeReturnedBuffersDistinct(ModuleOp module) {
  module.walk([](func::ReturnOp ret) {
    llvm::SmallPtrSet<Value, 8> seen;
    OpBuilder b(ret);
    for (OpOperand &operand : ret->getOpOperands()) {
      Value value = operand.get();
      auto type = dyn_cast<MemRefType>(value.getType());
      if (!type || seen.insert(value).second)
        continue;
      auto fresh = MemRefType::get(type.getShape(), type.getElementType());
      if (fresh != type)
        continue; // Not produced by our bufferization options.
      Value copy = memref::AllocOp::create(b, ret.getLoc(), fresh);
      memref::CopyOp::create(b, ret.getLoc(), value, copy);
      operand.set(copy);
    }
  });
}

/// A producer worth recomputing in each consumer rather than storing once and
/// reading back: a fill (relu's zeros feeding both the next layer and the
/// backward mask were stored and read twice). Elementwise producers with
/// several uses stay stored: recomputing them in every consumer changed
/// results by an ulp (the Beta sampler's eager and jitted draws differed).
bool cheapToRecompute(Operation *producer) {
  return isa<linalg::FillOp>(producer);
}

/// Whether fusing the producer of `fused` into its consumer would run the
/// producer's body again for every value of consumer loops its result does
/// not depend on: a residual feeding Xᵀ·r, fused into the contraction, was
/// recomputed once per column of X (ten times the divisions of the seed
/// model's gradient).
bool fusionRecomputes(OpOperand *fused) {
  auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
  if (!consumer)
    return true;
  AffineMap map = consumer.getMatchingIndexingMap(fused);
  return map.getNumResults() != consumer.getNumLoops() || !map.isPermutation();
}

/// linalg-fuse-elementwise-ops, except that nothing is fused into a
/// contraction tagged for BLAS (a fused producer would turn the call back
/// into a loop nest), and a producer is fused where it would be recomputed
/// only when that is free (a fill).
void fuseElementwise(ModuleOp module) {
  MLIRContext *context = module.getContext();
  linalg::ControlFusionFn control = [](OpOperand *fused) {
    Operation *producer = fused->get().getDefiningOp();
    return producer && (producer->hasOneUse() || cheapToRecompute(producer)) &&
           !isTaggedForBlas(fused->getOwner()) &&
           (!fusionRecomputes(fused) || cheapToRecompute(producer));
  };
  RewritePatternSet patterns(context);
  linalg::populateElementwiseOpsFusionPatterns(patterns, control);
  linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, control);
  tensor::populateBubbleUpExpandShapePatterns(patterns);
  affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
  linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
  tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
  tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
  context->getLoadedDialect<linalg::LinalgDialect>()
      ->getCanonicalizationPatterns(patterns);
  linalg::populateConstantFoldLinalgOperations(patterns, control);
  // A while loop's invariant operands (a captured data matrix) stop being
  // carried: carried, bufferization copied them on every entry to the loop.
  scf::WhileOp::getCanonicalizationPatterns(patterns, context);
  (void)applyPatternsGreedily(
      module, std::move(patterns),
      GreedyRewriteConfig().setUseTopDownTraversal(true));
}

/// Float sums and products over a reduction loop may be reassociated, as XLA
/// does: it lets LLVM keep the accumulator in vector lanes. Only the ops
/// that update the accumulator are marked, so fused elementwise producers in
/// the same payload keep their exact rounding.
void markReductionsReassociable(ModuleOp module) {
  module.walk([](linalg::GenericOp g) {
    if (g.getNumReductionLoops() == 0)
      return;
    Block &body = g.getRegion().front();
    for (OpOperand &init : g.getDpsInitsMutable()) {
      BlockArgument acc = g.getMatchingBlockArgument(&init);
      for (Operation *user : acc.getUsers())
        if (auto math = dyn_cast<arith::ArithFastMathInterface>(user);
            math && user->getBlock() == &body &&
            isa<arith::AddFOp, arith::MulFOp>(user))
          user->setAttr(math.getFastMathAttrName(),
                        arith::FastMathFlagsAttr::get(
                            user->getContext(), arith::FastMathFlags::reassoc));
    }
  });
}

/// Constant of `type` (f32 scalar or vector of f32).
Value f32Constant(OpBuilder &b, Location loc, Type type, double v) {
  Attribute a = b.getF32FloatAttr(static_cast<float>(v));
  if (auto vector = dyn_cast<VectorType>(type))
    a = DenseElementsAttr::get(vector, a);
  return arith::ConstantOp::create(b, loc, type, cast<TypedAttr>(a));
}

/// The polynomial exp flushes results below 2^-126 to zero (libm and the
/// reference give subnormals, which e.g. logistic of large negative inputs
/// needs) and loses a few ulps just below overflow. At both ends exp(x) =
/// exp(x/2)^2: x/2 is exact and the square rounds once.
void splitExpAtTheEnds(ModuleOp module) {
  module.walk([](math::ExpOp exp) {
    Type type = exp.getType();
    if (!getElementTypeOrSelf(type).isF32() || exp->hasAttr("axle.split"))
      return;
    OpBuilder b(exp);
    Location loc = exp.getLoc();
    Value x = exp.getOperand();
    Value tiny = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                       f32Constant(b, loc, type, -87.33654475));
    Value huge = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                       f32Constant(b, loc, type, 80.0));
    Value split = arith::OrIOp::create(b, loc, tiny, huge);
    Value half =
        arith::MulFOp::create(b, loc, x, f32Constant(b, loc, type, 0.5));
    Value arg = arith::SelectOp::create(b, loc, split, half, x);
    auto e = math::ExpOp::create(b, loc, arg);
    e->setAttr("axle.split", b.getUnitAttr());
    Value squared = arith::MulFOp::create(b, loc, e, e);
    exp.replaceAllUsesWith(
        arith::SelectOp::create(b, loc, split, squared, e).getResult());
    exp.erase();
  });
}

/// The polynomial log reads the exponent field, which is wrong for
/// subnormal inputs: those are scaled by 2^24 first, log(x) = log(x·2^24) -
/// 24·ln 2 (the scaling is exact).
void scaleSubnormalLog(ModuleOp module) {
  module.walk([](math::LogOp log) {
    Type type = log.getType();
    if (!getElementTypeOrSelf(type).isF32() || log->hasAttr("axle.split"))
      return;
    OpBuilder b(log);
    Location loc = log.getLoc();
    Value x = log.getOperand();
    Value subnormal = arith::CmpFOp::create(
        b, loc, arith::CmpFPredicate::OLT, math::AbsFOp::create(b, loc, x),
        f32Constant(b, loc, type, 0x1p-126));
    Value scaled =
        arith::MulFOp::create(b, loc, x, f32Constant(b, loc, type, 0x1p24));
    auto l = math::LogOp::create(
        b, loc, arith::SelectOp::create(b, loc, subnormal, scaled, x));
    l->setAttr("axle.split", b.getUnitAttr());
    // +-0 stays exact: log(0·2^24) = -inf, and -inf - c = -inf.
    Value shifted = arith::SubFOp::create(
        b, loc, l, f32Constant(b, loc, type, 24 * 0.69314718055994530942));
    log.replaceAllUsesWith(
        arith::SelectOp::create(b, loc, subnormal, shifted, l).getResult());
    log.erase();
  });
}

/// f32 transcendentals as inline polynomials (MLIR's, after Eigen/Cephes)
/// instead of libm calls: the calls block vectorization and cost ~20x per
/// element. The set is limited to the functions whose error against libm the
/// native tests bound (ApproximationTest); f64 exp, expm1, log and log1p are
/// F64Approximations.cpp's, and the rest stay libm.
void approximateF32Transcendentals(ModuleOp module) {
  static const llvm::StringSet<> approximated = {"exp", "log", "tanh"};
  // tanh's polynomial is rational and has no exp: only explicit exps change.
  if (useScalefExp())
    rewriteExpWithScalef(module);
  else
    splitExpAtTheEnds(module);
  scaleSubnormalLog(module);
  RewritePatternSet patterns(module.getContext());
  populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
    name.consume_front("math.");
    return approximated.contains(name);
  });
  (void)applyPatternsGreedily(module, std::move(patterns));
}

/// Below this many iterations a loop is not worth waking another thread.
constexpr int64_t kMinParallelIterations = int64_t(1) << 18;

/// Large loop nests at the top level of a function become scf.parallel over
/// their parallel dimensions (a reduction's rows, an elementwise op's
/// elements), which asyncPipeline splits across cores; reduction dimensions
/// stay sequential inside each task. Only ops whose operands are disjoint
/// buffers qualify, so the outlined bodies may declare their pointers
/// noalias (prepareParallelBodies), which vectorizing a reduction's
/// accumulator needs. Loops inside control flow stay sequential: each
/// iteration is short.
void parallelizeLargeLoops(ModuleOp module) {
  SmallVector<linalg::GenericOp> candidates;
  module.walk([&](linalg::GenericOp g) {
    if (!isa<func::FuncOp>(g->getParentOp()) || !g.hasPureBufferSemantics() ||
        g.getNumParallelLoops() == 0 ||
        !operandsAreDisjointBuffers({g.getOperation()}))
      return;
    int64_t iterations = 1;
    for (int64_t r : g.getStaticLoopRanges()) {
      if (ShapedType::isDynamic(r))
        return;
      iterations *= r;
    }
    if (iterations >= kMinParallelIterations)
      candidates.push_back(g);
  });
  IRRewriter rewriter(module.getContext());
  for (linalg::GenericOp g : candidates) {
    rewriter.setInsertionPoint(g);
    if (succeeded(linalg::linalgOpToParallelLoops(rewriter, g)))
      rewriter.eraseOp(g);
  }
}

/// async-parallel-for outlines each loop body as parallel_compute_fn and
/// calls it from a coroutine per task. Inlined into the coroutine, the body's
/// pointers live in the coroutine frame and are reloaded on every iteration
/// (a store might alias the frame), which stops vectorization: 5x slower. So
/// bodies stay functions, and their pointers are noalias: every
/// parallelized op's operands are disjoint buffers (parallelizeLargeLoops).
void prepareParallelBodies(ModuleOp module) {
  module.walk([](LLVM::LLVMFuncOp f) {
    if (!f.getName().starts_with("parallel_compute_fn"))
      return;
    f.setNoInline(true);
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      if (isa<LLVM::LLVMPointerType>(f.getArgument(i).getType()))
        f.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                     UnitAttr::get(f.getContext()));
  });
}

/// PJRT hands every input and output its own buffer (outputs are fresh; an
/// input passed twice is only read), so the entry's pointers do not alias.
/// Telling LLVM lets it keep accumulators in registers and vectorize loops
/// without run-time overlap checks.
void markEntryArgumentsNoAlias(ModuleOp module) {
  module.walk([](LLVM::LLVMFuncOp f) {
    if (f.isExternal() || f.isPrivate())
      return;
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      if (isa<LLVM::LLVMPointerType>(f.getArgument(i).getType()))
        f.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                     UnitAttr::get(f.getContext()));
  });
}

} // namespace

void registerCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void loadCompilerDialects(MLIRContext &context) {
  context.loadDialect<func::FuncDialect, arith::ArithDialect, math::MathDialect,
                      linalg::LinalgDialect, tensor::TensorDialect,
                      bufferization::BufferizationDialect,
                      memref::MemRefDialect, scf::SCFDialect>();
}

LogicalResult lowerToLoops(ModuleOp module, int64_t threads) {
  // PJRT input buffers are immutable: forbid bufferization from writing in
  // place into function arguments.
  module.walk([](func::FuncOp f) {
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      f.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                   BoolAttr::get(f.getContext(), false));
  });
  fuseElementwise(module);
  if (failed(runPipeline(module, kBufferizePipeline)))
    return failure();
  replaceTaggedContractions(module);
  markReductionsReassociable(module);
  makeReturnedBuffersDistinct(module);
  if (failed(runPipeline(module, kOutParamsPipeline)))
    return failure();
  hoistFixedSizeBuffers(module);
  if (failed(runPipeline(module, kDeallocationPipeline)))
    return failure();
  fuseConsecutiveRowOps(module, threads > 1);
  if (threads > 1)
    parallelizeLargeLoops(module);
  return runPipeline(module, kLoopPipeline);
}

LogicalResult lowerToLLVM(ModuleOp module, int64_t threads) {
  approximateF64Transcendentals(module);
  approximateF32Transcendentals(module);
  if (failed(runPipeline(module, asyncPipeline(threads) + "," + kLLVMPipeline)))
    return failure();
  hoistStackSlots(module);
  markEntryArgumentsNoAlias(module);
  prepareParallelBodies(module);
  return success();
}

} // namespace axle
