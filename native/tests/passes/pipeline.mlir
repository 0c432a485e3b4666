// RUN: axle-opt --allow-unregistered-dialect --axle-lower-stablehlo --axle-pipeline %s | FileCheck %s
// RUN: axle-opt --allow-unregistered-dialect --axle-lower-stablehlo --axle-loop-pipeline %s | FileCheck %s --check-prefix=LOOPS

// The whole pipeline: a StableHLO program ends as LLVM dialect with the
// result as an out-parameter, and noalias pointers in the entry.

// CHECK-LABEL: llvm.func @main
// CHECK-SAME: !llvm.ptr {llvm.noalias}
// CHECK-NOT: linalg.
// CHECK-NOT: math.exp
// LOOPS-LABEL: func.func @main
// LOOPS-SAME: memref<4xf32>, %{{.*}}: memref<4xf32>)
// LOOPS: scf.for
// LOOPS: math.exp
// LOOPS-NOT: linalg.generic
func.func public @main(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "stablehlo.add"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "stablehlo.exponential"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  "func.return"(%1) : (tensor<4xf32>) -> ()
}
