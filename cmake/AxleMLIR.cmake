# Finds MLIR/LLVM 22. Search order: MLIR_DIR if given, then the usual install places
# (Debian/Ubuntu apt.llvm.org layout, Homebrew on macOS, vcpkg). Only the Debian layout is
# tested; the others are where those package managers put MLIRConfig.cmake.
set(_axle_mlir_hints
  /usr/lib/llvm-22/lib/cmake/mlir
  /usr/local/opt/llvm@22/lib/cmake/mlir
  /opt/homebrew/opt/llvm@22/lib/cmake/mlir
  /usr/local/opt/llvm/lib/cmake/mlir
  /opt/homebrew/opt/llvm/lib/cmake/mlir)
if(DEFINED ENV{VCPKG_ROOT})
  list(APPEND _axle_mlir_hints "$ENV{VCPKG_ROOT}/installed/x64-linux/share/mlir")
endif()
# MLIRConfigVersion accepts only a matching major.minor, so ask for no version and check the
# major ourselves.
find_package(MLIR REQUIRED CONFIG HINTS ${_axle_mlir_hints})
if(NOT LLVM_VERSION_MAJOR EQUAL 22)
  message(FATAL_ERROR "Axle needs MLIR/LLVM 22, found ${LLVM_PACKAGE_VERSION} at ${MLIR_DIR}")
endif()
message(STATUS "MLIR: ${MLIR_DIR}")
message(STATUS "LLVM: ${LLVM_DIR} (${LLVM_PACKAGE_VERSION})")

# axle::mlir — headers and libraries for code that uses MLIR and LLVM.
# Development builds link the shared libMLIR/libLLVM (fast links); AXLE_STATIC_MLIR links the
# static archives instead, for a self-contained plugin.
option(AXLE_STATIC_MLIR "Link MLIR/LLVM statically into the plugin" OFF)
add_library(axle_mlir INTERFACE)
target_include_directories(axle_mlir SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS})
target_compile_definitions(axle_mlir INTERFACE ${LLVM_DEFINITIONS})
if(NOT LLVM_ENABLE_RTTI)
  target_compile_options(axle_mlir INTERFACE -fno-rtti)
endif()
if(AXLE_STATIC_MLIR)
  message(FATAL_ERROR "AXLE_STATIC_MLIR is not implemented yet")
else()
  target_link_libraries(axle_mlir INTERFACE MLIR LLVM)
endif()
add_library(axle::mlir ALIAS axle_mlir)
