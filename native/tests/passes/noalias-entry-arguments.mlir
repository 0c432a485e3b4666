// RUN: axle-opt --axle-noalias-entry-arguments %s | FileCheck %s

// Public functions' pointers are noalias; declarations' are not.

// CHECK-LABEL: llvm.func @main
// CHECK-SAME: (%{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: i64, %{{.*}}: !llvm.ptr {llvm.noalias})
llvm.func @main(%a: !llvm.ptr, %n: i64, %b: !llvm.ptr) {
  llvm.return
}
// CHECK-LABEL: llvm.func @external
// CHECK-NOT: llvm.noalias
llvm.func @external(!llvm.ptr)
