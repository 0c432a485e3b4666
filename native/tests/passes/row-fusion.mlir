// RUN: axle-opt --axle-row-fusion %s | FileCheck %s
// RUN: axle-opt --axle-row-fusion=parallel=1 %s | FileCheck %s --check-prefix=PAR

// logsumexp after bufferization: the max over each row and the sum of
// exp(x - max) over the same row run in one loop over rows, each generic on a
// one-row view, so the row is read from memory once.

// CHECK-LABEL: func.func @main
// CHECK: scf.for
// CHECK: memref.subview
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: }
// PAR-LABEL: func.func @main
// PAR: scf.parallel
#map = affine_map<(d0, d1) -> (d0, d1)>
#map1 = affine_map<(d0, d1) -> (d0)>
#map2 = affine_map<(d0) -> (d0)>
module {
  func.func @main(%arg0: memref<4096x4096xf32>, %arg1: memref<4096xf32>) {
    %cst = arith.constant 0xFF800000 : f32
    %cst_0 = arith.constant 0.000000e+00 : f32
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<4096xf32>
    %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<4096xf32>
    linalg.fill ins(%cst : f32) outs(%alloc_1 : memref<4096xf32>)
    linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "reduction"]} ins(%arg0 : memref<4096x4096xf32>) outs(%alloc_1 : memref<4096xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.maximumf %out, %in : f32
      linalg.yield %0 : f32
    }
    linalg.fill ins(%cst_0 : f32) outs(%alloc : memref<4096xf32>)
    linalg.generic {indexing_maps = [#map, #map1, #map1], iterator_types = ["parallel", "reduction"]} ins(%arg0, %alloc_1 : memref<4096x4096xf32>, memref<4096xf32>) outs(%alloc : memref<4096xf32>) {
    ^bb0(%in: f32, %in_2: f32, %out: f32):
      %0 = arith.subf %in, %in_2 : f32
      %1 = math.exp %0 : f32
      %2 = arith.addf %out, %1 fastmath<reassoc> : f32
      linalg.yield %2 : f32
    }
    linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel"]} ins(%alloc, %alloc_1 : memref<4096xf32>, memref<4096xf32>) outs(%arg1 : memref<4096xf32>) {
    ^bb0(%in: f32, %in_2: f32, %out: f32):
      %0 = math.log %in : f32
      %1 = arith.addf %0, %in_2 : f32
      linalg.yield %1 : f32
    }
    memref.dealloc %alloc : memref<4096xf32>
    memref.dealloc %alloc_1 : memref<4096xf32>
    return
  }
}

