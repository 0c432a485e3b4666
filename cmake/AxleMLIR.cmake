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
  # The compiler registers every upstream dialect, extension and pass (InitAll*.h), so the
  # plugin needs all of those archives; the linker keeps only the objects that are referenced.
  # The imported targets carry their own dependency lists (LLVM components included), which
  # gives CMake the order static archives need.
  get_property(_axle_dialect_libs GLOBAL PROPERTY MLIR_DIALECT_LIBS)
  get_property(_axle_conversion_libs GLOBAL PROPERTY MLIR_CONVERSION_LIBS)
  get_property(_axle_extension_libs GLOBAL PROPERTY MLIR_EXTENSION_LIBS)
  # Test-only libraries in those lists link the shared libMLIR/libLLVM: leave them out.
  list(FILTER _axle_dialect_libs EXCLUDE REGEX "Test")
  list(FILTER _axle_conversion_libs EXCLUDE REGEX "Test")
  list(FILTER _axle_extension_libs EXCLUDE REGEX "Test")
  foreach(_lib MLIRRegisterAllDialects MLIRRegisterAllExtensions MLIRRegisterAllPasses
               MLIRExecutionEngine MLIRExecutionEngineUtils MLIRBuiltinToLLVMIRTranslation
               MLIRLLVMToLLVMIRTranslation MLIRTargetLLVMIRExport)
    if(NOT TARGET ${_lib})
      message(FATAL_ERROR "AXLE_STATIC_MLIR: MLIR at ${MLIR_DIR} has no static target ${_lib}")
    endif()
  endforeach()
  # LLVMSupport's link interface names zstd; Debian's LLVMConfig finds it only with
  # libzstd-dev installed. Without it, point the target at the runtime library (dropped by
  # --as-needed below unless something references it).
  if(NOT TARGET zstd::libzstd_shared)
    find_library(AXLE_ZSTD NAMES zstd libzstd.so.1 REQUIRED)
    add_library(zstd::libzstd_shared SHARED IMPORTED)
    set_target_properties(zstd::libzstd_shared PROPERTIES IMPORTED_LOCATION ${AXLE_ZSTD})
  endif()
  # Debian builds MLIR against the LLVM dylib: every MLIR archive's link interface names the
  # shared `LLVM` target (and MLIRExecutionEngine also `MLIR`). Rewrite those interfaces to the
  # static LLVM component archives (the linker keeps only what is referenced) and drop `MLIR`,
  # whose archives are all on the link line already.
  # (llvm_map_components_to_libnames answers `LLVM`, the dylib, on such builds: list the
  # component archives ourselves.)
  set(_axle_llvm_libs "")
  foreach(_lib IN LISTS LLVM_AVAILABLE_LIBS)
    # Tool-only libraries (and LLVMExtensions/LTO, which name Polly, absent from Debian) stay out.
    if(TARGET ${_lib} AND _lib MATCHES "^LLVM." AND NOT _lib MATCHES
       "^LLVM(Extensions|LTO|DTLTO|Exegesis.*|BOLT.*|OptDriver|CFIVerify|Diff|Debuginfod|Fuzz.*|TableGen.*|LineEditor|Telemetry)$")
      get_target_property(_type ${_lib} TYPE)
      # Tool libraries whose optional dependencies this machine lacks (CURL for Debuginfod)
      # are skipped; nothing the plugin links reaches them.
      get_target_property(_deps ${_lib} INTERFACE_LINK_LIBRARIES)
      set(_usable TRUE)
      foreach(_dep IN LISTS _deps)
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _dep "${_dep}")
        if(_dep MATCHES "::" AND NOT TARGET ${_dep})
          set(_usable FALSE)
        endif()
      endforeach()
      if(_type STREQUAL "STATIC_LIBRARY" AND _usable)
        list(APPEND _axle_llvm_libs ${_lib})
      endif()
    endif()
  endforeach()
  if(NOT _axle_llvm_libs)
    message(FATAL_ERROR "AXLE_STATIC_MLIR: LLVM at ${LLVM_DIR} exports no static component libraries")
  endif()
  # Every imported target MLIR's and LLVM's packages defined (not just MLIR_ALL_LIBS: runtime
  # helpers such as mlir_c_runner_utils name `LLVM` too).
  get_property(_axle_imported DIRECTORY PROPERTY IMPORTED_TARGETS)
  foreach(_target IN LISTS _axle_imported)
    get_target_property(_type ${_target} TYPE)
    if(_type STREQUAL "STATIC_LIBRARY" OR _type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(_deps ${_target} INTERFACE_LINK_LIBRARIES)
      if(_deps)
        set(_static_deps "")
        foreach(_dep IN LISTS _deps)
          if(_dep STREQUAL "LLVM" OR _dep STREQUAL "$<LINK_ONLY:LLVM>")
            list(APPEND _static_deps ${_axle_llvm_libs})
          elseif(NOT _dep STREQUAL "MLIR" AND NOT _dep STREQUAL "$<LINK_ONLY:MLIR>")
            list(APPEND _static_deps ${_dep})
          endif()
        endforeach()
        set_target_properties(${_target} PROPERTIES INTERFACE_LINK_LIBRARIES "${_static_deps}")
      endif()
    endif()
  endforeach()
  target_link_libraries(axle_mlir INTERFACE
    MLIRRegisterAllDialects MLIRRegisterAllExtensions MLIRRegisterAllPasses
    MLIRExecutionEngine MLIRExecutionEngineUtils MLIRBuiltinToLLVMIRTranslation
    MLIRLLVMToLLVMIRTranslation MLIRTargetLLVMIRExport
    ${_axle_dialect_libs} ${_axle_conversion_libs} ${_axle_extension_libs} ${_axle_llvm_libs})
  # LLVMSupport compresses with zlib and zstd: link their archives (libzstd.a is in libzstd-dev)
  # so the plugin needs no library beyond libc/libm/libstdc++/libgcc_s.
  foreach(_pair "ZLIB::ZLIB;z" "zstd::libzstd_shared;zstd")
    list(GET _pair 0 _target)
    list(GET _pair 1 _name)
    find_library(AXLE_STATIC_${_name} NAMES lib${_name}.a)
    if(TARGET ${_target} AND AXLE_STATIC_${_name})
      set_target_properties(${_target} PROPERTIES IMPORTED_LOCATION ${AXLE_STATIC_${_name}}
        IMPORTED_LOCATION_RELEASE ${AXLE_STATIC_${_name}} IMPORTED_LOCATION_DEBUG ${AXLE_STATIC_${_name}}
        IMPORTED_LOCATION_RELWITHDEBINFO ${AXLE_STATIC_${_name}} IMPORTED_LOCATION_NOCONFIG ${AXLE_STATIC_${_name}})
    elseif(TARGET ${_target})
      message(WARNING "AXLE_STATIC_MLIR: lib${_name}.a not found; the plugin will need lib${_name}.so")
    endif()
  endforeach()
  # Optional libraries LLVMSupport lists (z3) become NEEDED only if referenced; unreferenced
  # sections go, and debug info and the symbol table stay out of the shipped plugin (a third of its size).
  target_link_options(axle_mlir INTERFACE -Wl,--as-needed -Wl,--gc-sections -Wl,--strip-all)
else()
  target_link_libraries(axle_mlir INTERFACE MLIR LLVM)
endif()
add_library(axle::mlir ALIAS axle_mlir)
