//===- Executable.cpp - PJRT_Executable and PJRT_LoadedExecutable ---------===//
//
// PJRT_Executable is a read-only view of a compiled program; the loaded
// executable owns the program until it is deleted. Both share the Program,
// so an Executable obtained from a loaded one outlives its Delete/Destroy.
// Execute lives in Execute.cpp.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

#include <cstring>

namespace axle::pjrt {
namespace {

const char kOptimizedFormat[] = "mlir";

PJRT_Error *deletedError(const char *function) {
  return failedPrecondition(std::string(function) +
                            ": the executable has been deleted");
}

} // namespace

PJRT_Error *executableDestroy(PJRT_Executable_Destroy_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_Destroy_Args);
  delete args->executable;
  return nullptr;
}

PJRT_Error *executableName(PJRT_Executable_Name_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_Name_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_Name", "executable");
  const std::string &name = args->executable->program->executable->name();
  args->executable_name = name.c_str();
  args->executable_name_size = name.size();
  return nullptr;
}

PJRT_Error *executableNumReplicas(PJRT_Executable_NumReplicas_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_NumReplicas_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_NumReplicas", "executable");
  args->num_replicas = 1;
  return nullptr;
}

PJRT_Error *executableNumPartitions(PJRT_Executable_NumPartitions_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_NumPartitions_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_NumPartitions", "executable");
  args->num_partitions = 1;
  return nullptr;
}

PJRT_Error *executableNumOutputs(PJRT_Executable_NumOutputs_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_NumOutputs_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_NumOutputs", "executable");
  args->num_outputs = args->executable->program->outputTypes.size();
  return nullptr;
}

// The compiler does not report the JIT's code size yet; 0 means "unknown".
PJRT_Error *executableSizeOfGeneratedCodeInBytes(
    PJRT_Executable_SizeOfGeneratedCodeInBytes_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_SizeOfGeneratedCodeInBytes_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_SizeOfGeneratedCodeInBytes",
               "executable");
  args->size_in_bytes = 0;
  return nullptr;
}

PJRT_Error *
executableGetCostAnalysis(PJRT_Executable_GetCostAnalysis_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_GetCostAnalysis_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_GetCostAnalysis",
               "executable");
  args->num_properties = 0;
  args->properties = nullptr;
  return nullptr;
}

PJRT_Error *
executableOutputElementTypes(PJRT_Executable_OutputElementTypes_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_OutputElementTypes_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_OutputElementTypes",
               "executable");
  // The header's field is non-const; the array is still owned by us and
  // must not be written by the caller.
  auto &types = args->executable->program->outputTypes;
  args->output_types = const_cast<PJRT_Buffer_Type *>(types.data());
  args->num_output_types = types.size();
  return nullptr;
}

PJRT_Error *
executableOutputDimensions(PJRT_Executable_OutputDimensions_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_OutputDimensions_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_OutputDimensions",
               "executable");
  const Program &program = *args->executable->program;
  args->num_outputs = program.outputDimSizes.size();
  args->dims = program.outputDims.data();
  args->dim_sizes = program.outputDimSizes.data();
  return nullptr;
}

PJRT_Error *
executableOutputMemoryKinds(PJRT_Executable_OutputMemoryKinds_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_OutputMemoryKinds_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_OutputMemoryKinds",
               "executable");
  const Program &program = *args->executable->program;
  args->num_outputs = program.outputMemoryKinds.size();
  args->memory_kinds = program.outputMemoryKinds.data();
  args->memory_kind_sizes = program.outputMemoryKindSizes.data();
  return nullptr;
}

PJRT_Error *executableParameterMemoryKinds(
    PJRT_Executable_ParameterMemoryKinds_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_ParameterMemoryKinds_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_ParameterMemoryKinds",
               "executable");
  const Program &program = *args->executable->program;
  args->num_parameters = program.parameterMemoryKinds.size();
  args->memory_kinds = program.parameterMemoryKinds.data();
  args->memory_kind_sizes = program.parameterMemoryKindSizes.data();
  return nullptr;
}

// Returns the program after the compiler's pipeline as MLIR text (XLA returns
// an HLO proto here). Called with program->code == null it reports the size.
PJRT_Error *
executableOptimizedProgram(PJRT_Executable_OptimizedProgram_Args *args) {
  static const char *const fn = "PJRT_Executable_OptimizedProgram";
  AXLE_CHECK_ARGS(args, PJRT_Executable_OptimizedProgram_Args);
  AXLE_REQUIRE(args->executable, fn, "executable");
  AXLE_REQUIRE(args->program, fn, "program");
  PJRT_Program &program = *args->program;
  if (program.struct_size < PJRT_Program_STRUCT_SIZE)
    return invalidArgument(std::string(fn) +
                           ": PJRT_Program struct_size is too small: expected "
                           "at least " +
                           std::to_string(PJRT_Program_STRUCT_SIZE) + ", got " +
                           std::to_string(program.struct_size));
  const std::string &text =
      args->executable->program->executable->optimizedProgram();
  program.format = kOptimizedFormat;
  program.format_size = sizeof(kOptimizedFormat) - 1;
  if (!program.code) {
    program.code_size = text.size();
    return nullptr;
  }
  if (program.code_size < text.size())
    return invalidArgument(std::string(fn) + ": code_size is " +
                           std::to_string(program.code_size) +
                           " bytes, the program needs " +
                           std::to_string(text.size()));
  std::memcpy(program.code, text.data(), text.size());
  program.code_size = text.size();
  return nullptr;
}

PJRT_Error *executableFingerprint(PJRT_Executable_Fingerprint_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_Fingerprint_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_Fingerprint", "executable");
  const std::string &fingerprint = args->executable->program->fingerprint;
  args->executable_fingerprint = fingerprint.c_str();
  args->executable_fingerprint_size = fingerprint.size();
  return nullptr;
}

PJRT_Error *executableGetCompiledMemoryStats(
    PJRT_Executable_GetCompiledMemoryStats_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Executable_GetCompiledMemoryStats_Args);
  AXLE_REQUIRE(args->executable, "PJRT_Executable_GetCompiledMemoryStats",
               "executable");
  const axle::Executable &executable = *args->executable->program->executable;
  auto sum = [](const std::vector<TensorSpec> &specs) {
    int64_t total = 0;
    for (const TensorSpec &spec : specs)
      total += static_cast<int64_t>(spec.numElements()) *
               static_cast<int64_t>(bufferElementSize(spec.elementType));
    return total;
  };
  PJRT_Executable *executableHandle = args->executable;
  size_t structSize = args->struct_size;
  PJRT_Extension_Base *extension = args->extension_start;
  *args = PJRT_Executable_GetCompiledMemoryStats_Args{};
  args->struct_size = structSize;
  args->extension_start = extension;
  args->executable = executableHandle;
  args->argument_size_in_bytes = sum(executable.parameters());
  args->output_size_in_bytes = sum(executable.results());
  return nullptr;
}

PJRT_Error *loadedExecutableDestroy(PJRT_LoadedExecutable_Destroy_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_Destroy_Args);
  delete args->executable;
  return nullptr;
}

PJRT_Error *
loadedExecutableGetExecutable(PJRT_LoadedExecutable_GetExecutable_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_GetExecutable_Args);
  AXLE_REQUIRE(args->loaded_executable, "PJRT_LoadedExecutable_GetExecutable",
               "loaded_executable");
  std::shared_ptr<const Program> program = args->loaded_executable->current();
  if (!program)
    return deletedError("PJRT_LoadedExecutable_GetExecutable");
  auto *executable = new PJRT_Executable;
  executable->program = std::move(program);
  args->executable = executable;
  return nullptr;
}

PJRT_Error *loadedExecutableAddressableDevices(
    PJRT_LoadedExecutable_AddressableDevices_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_AddressableDevices_Args);
  AXLE_REQUIRE(args->executable, "PJRT_LoadedExecutable_AddressableDevices",
               "executable");
  args->addressable_devices = args->executable->state->devices.data();
  args->num_addressable_devices = args->executable->state->devices.size();
  return nullptr;
}

PJRT_Error *loadedExecutableAddressableDeviceLogicalIds(
    PJRT_LoadedExecutable_AddressableDeviceLogicalIds_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_AddressableDeviceLogicalIds_Args);
  AXLE_REQUIRE(args->executable,
               "PJRT_LoadedExecutable_AddressableDeviceLogicalIds",
               "executable");
  static PJRT_LogicalDeviceIds only = {0, 0};
  args->addressable_device_logical_ids = &only;
  args->num_addressable_device_logical_ids = 1;
  return nullptr;
}

PJRT_Error *loadedExecutableDelete(PJRT_LoadedExecutable_Delete_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_Delete_Args);
  AXLE_REQUIRE(args->executable, "PJRT_LoadedExecutable_Delete", "executable");
  std::shared_ptr<const Program> released;
  {
    std::lock_guard<std::mutex> lock(args->executable->mutex);
    released.swap(args->executable->program);
  }
  return nullptr;
}

PJRT_Error *
loadedExecutableIsDeleted(PJRT_LoadedExecutable_IsDeleted_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_IsDeleted_Args);
  AXLE_REQUIRE(args->executable, "PJRT_LoadedExecutable_IsDeleted",
               "executable");
  args->is_deleted = args->executable->current() == nullptr;
  return nullptr;
}

PJRT_Error *
loadedExecutableFingerprint(PJRT_LoadedExecutable_Fingerprint_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_LoadedExecutable_Fingerprint_Args);
  AXLE_REQUIRE(args->executable, "PJRT_LoadedExecutable_Fingerprint",
               "executable");
  std::shared_ptr<const Program> program = args->executable->current();
  if (!program)
    return deletedError("PJRT_LoadedExecutable_Fingerprint");
  // The string lives in the Program, which the loaded executable no longer
  // owns once deleted; valid until Delete or Destroy, as for a handle.
  args->executable_fingerprint = program->fingerprint.c_str();
  args->executable_fingerprint_size = program->fingerprint.size();
  return nullptr;
}

} // namespace axle::pjrt
