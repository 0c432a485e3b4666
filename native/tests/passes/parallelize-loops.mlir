// RUN: axle-opt --axle-parallelize-loops=min-iterations=64 %s | FileCheck %s
// RUN: axle-opt --axle-parallelize-loops %s | FileCheck %s --check-prefix=SMALL

// A top-level loop nest over disjoint buffers with enough iterations becomes
// scf.parallel over its parallel dimension; the reduction stays sequential.

#map = affine_map<(d0, d1) -> (d0, d1)>
#map1 = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @rows
// CHECK: scf.parallel
// CHECK: scf.for
// CHECK-NOT: linalg.generic
// SMALL-LABEL: func.func @rows
// SMALL-NOT: scf.parallel
// SMALL: linalg.generic
func.func @rows(%x: memref<16x16xf32>, %acc: memref<16xf32>) {
  linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "reduction"]} ins(%x : memref<16x16xf32>) outs(%acc : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %out, %in : f32
    linalg.yield %0 : f32
  }
  return
}

// Operands that may share memory stay sequential.

#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @aliased
// CHECK-NOT: scf.parallel
// CHECK: linalg.generic
func.func @aliased(%x: memref<256xf32>) {
  %v = memref.subview %x[0] [128] [1] : memref<256xf32> to memref<128xf32, strided<[1]>>
  %w = memref.subview %x[128] [128] [1] : memref<256xf32> to memref<128xf32, strided<[1], offset: 128>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%v : memref<128xf32, strided<[1]>>) outs(%w : memref<128xf32, strided<[1], offset: 128>>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}
