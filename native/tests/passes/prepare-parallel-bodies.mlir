// RUN: axle-opt --axle-prepare-parallel-bodies %s | FileCheck %s

// Outlined parallel bodies stay functions (noinline) with noalias pointers.

// CHECK-LABEL: llvm.func @parallel_compute_fn
// CHECK-SAME: %{{.*}}: !llvm.ptr {llvm.noalias}
// CHECK-SAME: attributes {no_inline}
llvm.func @parallel_compute_fn(%a: !llvm.ptr, %n: i64) {
  llvm.return
}
// CHECK-LABEL: llvm.func @other
// CHECK-NOT: llvm.noalias
llvm.func @other(%a: !llvm.ptr) {
  llvm.return
}
