//===- ExecutableLayoutTest.cpp - Executables and execution ---------------===//
//
// Literal x86-64 layouts of executables, loaded executables, execute options
// and the callback descriptors that execution takes.
//
//===----------------------------------------------------------------------===//

#include "pjrt_c_api.h"

#include <gtest/gtest.h>

#include <cstddef>

#define EXPECT_STRUCT(T, structSize, sizeofT)                                  \
  do {                                                                         \
    EXPECT_EQ(static_cast<size_t>(T##_STRUCT_SIZE), size_t{structSize}) << #T; \
    EXPECT_EQ(sizeof(T), size_t{sizeofT}) << #T;                               \
  } while (false)
#define EXPECT_FIELD(T, field, offset)                                         \
  EXPECT_EQ(offsetof(T, field), size_t{offset}) << #T "." #field

namespace {

TEST(ExecutableLayout, SimpleQueries) {
  EXPECT_STRUCT(PJRT_Executable_Destroy_Args, 24, 24);
  EXPECT_FIELD(PJRT_Executable_Destroy_Args, executable, 16);
  EXPECT_STRUCT(PJRT_Executable_Name_Args, 40, 40);
  EXPECT_FIELD(PJRT_Executable_Name_Args, executable_name, 24);
  EXPECT_FIELD(PJRT_Executable_Name_Args, executable_name_size, 32);
  EXPECT_STRUCT(PJRT_Executable_NumReplicas_Args, 32, 32);
  EXPECT_STRUCT(PJRT_Executable_NumPartitions_Args, 32, 32);
  EXPECT_STRUCT(PJRT_Executable_NumOutputs_Args, 32, 32);
  EXPECT_FIELD(PJRT_Executable_NumOutputs_Args, num_outputs, 24);
  EXPECT_STRUCT(PJRT_Executable_SizeOfGeneratedCodeInBytes_Args, 32, 32);
  EXPECT_STRUCT(PJRT_Executable_Fingerprint_Args, 40, 40);
  EXPECT_FIELD(PJRT_Executable_Fingerprint_Args, executable_fingerprint, 24);
  // Count before array.
  EXPECT_STRUCT(PJRT_Executable_GetCostAnalysis_Args, 40, 40);
  EXPECT_FIELD(PJRT_Executable_GetCostAnalysis_Args, num_properties, 24);
  EXPECT_FIELD(PJRT_Executable_GetCostAnalysis_Args, properties, 32);
}

TEST(ExecutableLayout, OutputDescriptions) {
  EXPECT_STRUCT(PJRT_Executable_OutputElementTypes_Args, 40, 40);
  EXPECT_FIELD(PJRT_Executable_OutputElementTypes_Args, output_types, 24);
  EXPECT_FIELD(PJRT_Executable_OutputElementTypes_Args, num_output_types, 32);
  EXPECT_STRUCT(PJRT_Executable_OutputDimensions_Args, 48, 48);
  EXPECT_FIELD(PJRT_Executable_OutputDimensions_Args, num_outputs, 24);
  EXPECT_FIELD(PJRT_Executable_OutputDimensions_Args, dims, 32);
  EXPECT_FIELD(PJRT_Executable_OutputDimensions_Args, dim_sizes, 40);
  EXPECT_STRUCT(PJRT_Executable_OutputMemoryKinds_Args, 48, 48);
  EXPECT_FIELD(PJRT_Executable_OutputMemoryKinds_Args, memory_kinds, 32);
  EXPECT_FIELD(PJRT_Executable_OutputMemoryKinds_Args, memory_kind_sizes, 40);
  EXPECT_STRUCT(PJRT_Executable_ParameterMemoryKinds_Args, 48, 48);
  EXPECT_STRUCT(PJRT_Executable_OptimizedProgram_Args, 32, 32);
  EXPECT_FIELD(PJRT_Executable_OptimizedProgram_Args, program, 24);
}

TEST(ExecutableLayout, SerializationAndStats) {
  EXPECT_STRUCT(PJRT_Executable_Serialize_Args, 56, 56);
  EXPECT_FIELD(PJRT_Executable_Serialize_Args, serialized_bytes, 24);
  EXPECT_FIELD(PJRT_Executable_Serialize_Args, serialized_executable, 40);
  EXPECT_FIELD(PJRT_Executable_Serialize_Args, serialized_executable_deleter,
               48);
  EXPECT_STRUCT(PJRT_Executable_GetCompileOptions_Args, 56, 56);
  EXPECT_STRUCT(PJRT_LoadOptions, 32, 32);
  EXPECT_FIELD(PJRT_LoadOptions, computation_origin, 8);
  EXPECT_STRUCT(PJRT_Executable_DeserializeAndLoad_Args, 72, 72);
  EXPECT_FIELD(PJRT_Executable_DeserializeAndLoad_Args, loaded_executable, 40);
  EXPECT_FIELD(PJRT_Executable_DeserializeAndLoad_Args, load_options, 64);
  // Fifteen int64 outputs from offset 24.
  using Stats = PJRT_Executable_GetCompiledMemoryStats_Args;
  EXPECT_STRUCT(PJRT_Executable_GetCompiledMemoryStats_Args, 144, 144);
  EXPECT_FIELD(Stats, generated_code_size_in_bytes, 24);
  EXPECT_FIELD(Stats, host_generated_code_size_in_bytes, 64);
  EXPECT_FIELD(Stats, peak_memory_in_bytes, 104);
  EXPECT_FIELD(Stats, peak_unpadded_heap_bytes, 136);
}

TEST(ExecutableLayout, LoadedExecutable) {
  EXPECT_STRUCT(PJRT_LoadedExecutable_Destroy_Args, 24, 24);
  EXPECT_STRUCT(PJRT_LoadedExecutable_GetExecutable_Args, 32, 32);
  EXPECT_FIELD(PJRT_LoadedExecutable_GetExecutable_Args, loaded_executable, 16);
  EXPECT_FIELD(PJRT_LoadedExecutable_GetExecutable_Args, executable, 24);
  EXPECT_STRUCT(PJRT_LoadedExecutable_AddressableDevices_Args, 40, 40);
  EXPECT_STRUCT(PJRT_LoadedExecutable_AddressableDeviceLogicalIds_Args, 40, 40);
  EXPECT_EQ(sizeof(PJRT_LogicalDeviceIds), 8u);
  EXPECT_STRUCT(PJRT_LoadedExecutable_Delete_Args, 24, 24);
  EXPECT_STRUCT(PJRT_LoadedExecutable_IsDeleted_Args, 25, 32);
  EXPECT_STRUCT(PJRT_LoadedExecutable_Fingerprint_Args, 40, 40);
  EXPECT_STRUCT(PJRT_LoadedExecutable_GetDeviceAssignment_Args, 56, 56);
  EXPECT_FIELD(PJRT_LoadedExecutable_GetDeviceAssignment_Args,
               serialized_device_assignment_deleter, 48);
}

TEST(ExecutableLayout, CallbackDescriptors) {
  EXPECT_EQ(sizeof(PJRT_Chunk), 32u);
  EXPECT_FIELD(PJRT_Chunk, size, 8);
  EXPECT_FIELD(PJRT_Chunk, deleter, 16);
  EXPECT_FIELD(PJRT_Chunk, deleter_arg, 24);
  EXPECT_STRUCT(PJRT_SendCallbackInfo, 24, 24);
  EXPECT_FIELD(PJRT_SendCallbackInfo, send_callback, 16);
  EXPECT_STRUCT(PJRT_RecvCallbackInfo, 24, 24);
  EXPECT_STRUCT(PJRT_HloOutputCallbackInfo, 32, 32);
  EXPECT_FIELD(PJRT_HloOutputCallbackInfo, callback_id, 16);
}

TEST(ExecutableLayout, ExecuteOptions) {
  // 112 bytes at 0.94; 0.97 and later append four fields, giving 144.
  EXPECT_STRUCT(PJRT_ExecuteOptions, 144, 144);
  EXPECT_FIELD(PJRT_ExecuteOptions, send_callbacks, 16);
  EXPECT_FIELD(PJRT_ExecuteOptions, recv_callbacks, 24);
  EXPECT_FIELD(PJRT_ExecuteOptions, num_send_ops, 32);
  EXPECT_FIELD(PJRT_ExecuteOptions, num_recv_ops, 40);
  EXPECT_FIELD(PJRT_ExecuteOptions, launch_id, 48);
  EXPECT_FIELD(PJRT_ExecuteOptions, non_donatable_input_indices, 56);
  EXPECT_FIELD(PJRT_ExecuteOptions, num_non_donatable_input_indices, 64);
  EXPECT_FIELD(PJRT_ExecuteOptions, context, 72);
  EXPECT_FIELD(PJRT_ExecuteOptions, call_location, 80);
  EXPECT_FIELD(PJRT_ExecuteOptions, num_tasks, 88);
  EXPECT_FIELD(PJRT_ExecuteOptions, task_ids, 96);
  EXPECT_FIELD(PJRT_ExecuteOptions, incarnation_ids, 104);
  EXPECT_FIELD(PJRT_ExecuteOptions, multi_slice_config, 112);
  EXPECT_FIELD(PJRT_ExecuteOptions,
               use_major_to_minor_data_layout_for_callbacks, 120);
  EXPECT_FIELD(PJRT_ExecuteOptions, hlo_output_callbacks, 128);
  EXPECT_FIELD(PJRT_ExecuteOptions, num_hlo_output_callbacks, 136);
}

TEST(ExecutableLayout, Execute) {
  using Args = PJRT_LoadedExecutable_Execute_Args;
  EXPECT_STRUCT(PJRT_LoadedExecutable_Execute_Args, 80, 80);
  EXPECT_FIELD(Args, executable, 16);
  EXPECT_FIELD(Args, options, 24);
  EXPECT_FIELD(Args, argument_lists, 32);
  EXPECT_FIELD(Args, num_devices, 40);
  EXPECT_FIELD(Args, num_args, 48);
  EXPECT_FIELD(Args, output_lists, 56);
  EXPECT_FIELD(Args, device_complete_events, 64);
  EXPECT_FIELD(Args, execute_device, 72);
}

} // namespace
