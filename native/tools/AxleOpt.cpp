//===- AxleOpt.cpp - mlir-opt with Axle's passes and pipelines ------------===//
//
// axle-opt FILE [--PASS...]: runs any of Axle's passes (Passes.h), the
// pipelines (--axle-pipeline, --axle-loop-pipeline, --axle-llvm-pipeline)
// or upstream passes on a file, with the dialects the compiler uses; the
// FileCheck tests in native/tests/passes drive it. StableHLO input is read
// as unregistered ops, so --axle-lower-stablehlo needs
// --allow-unregistered-dialect:
//
//   axle-opt --allow-unregistered-dialect --axle-lower-stablehlo \
//     --axle-pipeline=threads=4 program.mlir
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "compiler/Pipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  axle::registerCompilerDialects(registry);
  axle::registerAxlePasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "Axle's MLIR passes and pipeline\n", registry));
}
