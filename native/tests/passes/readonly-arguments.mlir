// RUN: axle-opt --axle-readonly-arguments %s | FileCheck %s

// PJRT inputs are never written: every argument is not writable.

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%arg0: tensor<4xf32> {bufferization.writable = false}, %arg1: tensor<4xf32> {bufferization.writable = false})
func.func @main(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %a, %b : tensor<4xf32>
  return %0 : tensor<4xf32>
}
