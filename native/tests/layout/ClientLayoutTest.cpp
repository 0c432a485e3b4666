//===- ClientLayoutTest.cpp - Client, programs, buffer creation -----------===//
//
// Literal x86-64 layouts of the client's Args structs, the program and
// layout descriptors, and the asynchronous host-to-device transfer manager.
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

TEST(ClientLayout, CreateAndDestroy) {
  EXPECT_STRUCT(PJRT_Client_Create_Args, 88, 88);
  EXPECT_FIELD(PJRT_Client_Create_Args, create_options, 16);
  EXPECT_FIELD(PJRT_Client_Create_Args, num_options, 24);
  EXPECT_FIELD(PJRT_Client_Create_Args, kv_get_callback, 32);
  EXPECT_FIELD(PJRT_Client_Create_Args, kv_get_user_arg, 40);
  EXPECT_FIELD(PJRT_Client_Create_Args, kv_put_callback, 48);
  EXPECT_FIELD(PJRT_Client_Create_Args, kv_put_user_arg, 56);
  EXPECT_FIELD(PJRT_Client_Create_Args, client, 64);
  EXPECT_FIELD(PJRT_Client_Create_Args, kv_try_get_callback, 72);
  EXPECT_FIELD(PJRT_Client_Create_Args, kv_try_get_user_arg, 80);
  EXPECT_STRUCT(PJRT_Client_Destroy_Args, 24, 24);
  EXPECT_FIELD(PJRT_Client_Destroy_Args, client, 16);
}

TEST(ClientLayout, Queries) {
  EXPECT_STRUCT(PJRT_Client_PlatformName_Args, 40, 40);
  EXPECT_FIELD(PJRT_Client_PlatformName_Args, platform_name, 24);
  EXPECT_FIELD(PJRT_Client_PlatformName_Args, platform_name_size, 32);
  EXPECT_STRUCT(PJRT_Client_ProcessIndex_Args, 28, 32);
  EXPECT_FIELD(PJRT_Client_ProcessIndex_Args, process_index, 24);
  EXPECT_STRUCT(PJRT_Client_PlatformVersion_Args, 40, 40);
  EXPECT_FIELD(PJRT_Client_PlatformVersion_Args, platform_version_size, 32);
  EXPECT_STRUCT(PJRT_Client_TopologyDescription_Args, 32, 32);
  EXPECT_STRUCT(PJRT_Client_Devices_Args, 40, 40);
  EXPECT_FIELD(PJRT_Client_Devices_Args, devices, 24);
  EXPECT_FIELD(PJRT_Client_Devices_Args, num_devices, 32);
  EXPECT_STRUCT(PJRT_Client_AddressableDevices_Args, 40, 40);
  EXPECT_FIELD(PJRT_Client_AddressableDevices_Args, client, 16);
  EXPECT_FIELD(PJRT_Client_AddressableDevices_Args, addressable_devices, 24);
  EXPECT_FIELD(PJRT_Client_AddressableDevices_Args, num_addressable_devices,
               32);
  EXPECT_STRUCT(PJRT_Client_LookupDevice_Args, 40, 40);
  EXPECT_FIELD(PJRT_Client_LookupDevice_Args, id, 24);
  EXPECT_FIELD(PJRT_Client_LookupDevice_Args, device, 32);
  EXPECT_STRUCT(PJRT_Client_LookupAddressableDevice_Args, 40, 40);
  EXPECT_FIELD(PJRT_Client_LookupAddressableDevice_Args, local_hardware_id, 24);
  EXPECT_FIELD(PJRT_Client_LookupAddressableDevice_Args, addressable_device,
               32);
  EXPECT_STRUCT(PJRT_Client_AddressableMemories_Args, 40, 40);
  EXPECT_FIELD(PJRT_Client_AddressableMemories_Args, addressable_memories, 24);
  EXPECT_STRUCT(PJRT_Client_DefaultDeviceAssignment_Args, 48, 48);
  EXPECT_FIELD(PJRT_Client_DefaultDeviceAssignment_Args, num_replicas, 24);
  EXPECT_FIELD(PJRT_Client_DefaultDeviceAssignment_Args, num_partitions, 28);
  EXPECT_FIELD(PJRT_Client_DefaultDeviceAssignment_Args,
               default_assignment_size, 32);
  EXPECT_FIELD(PJRT_Client_DefaultDeviceAssignment_Args, default_assignment,
               40);
}

TEST(ClientLayout, ProcessInfoHasNoExtensionStart) {
  EXPECT_STRUCT(PJRT_ProcessInfo, 48, 48);
  EXPECT_FIELD(PJRT_ProcessInfo, task_id, 8);
  EXPECT_FIELD(PJRT_ProcessInfo, incarnation_id, 16);
  EXPECT_FIELD(PJRT_ProcessInfo, state, 24);
  EXPECT_FIELD(PJRT_ProcessInfo, error_code, 28);
  EXPECT_FIELD(PJRT_ProcessInfo, error_message, 32);
  EXPECT_STRUCT(PJRT_Client_UpdateGlobalProcessInfo_Args, 40, 40);
  EXPECT_STRUCT(PJRT_Client_DmaMap_Args, 40, 40);
  EXPECT_STRUCT(PJRT_Client_DmaUnmap_Args, 32, 32);
}

TEST(ClientLayout, ProgramCompileLoad) {
  EXPECT_STRUCT(PJRT_Program, 48, 48);
  EXPECT_FIELD(PJRT_Program, code, 16);
  EXPECT_FIELD(PJRT_Program, code_size, 24);
  EXPECT_FIELD(PJRT_Program, format, 32);
  EXPECT_FIELD(PJRT_Program, format_size, 40);
  EXPECT_STRUCT(PJRT_Client_Compile_Args, 56, 56);
  EXPECT_FIELD(PJRT_Client_Compile_Args, client, 16);
  EXPECT_FIELD(PJRT_Client_Compile_Args, program, 24);
  EXPECT_FIELD(PJRT_Client_Compile_Args, compile_options, 32);
  EXPECT_FIELD(PJRT_Client_Compile_Args, compile_options_size, 40);
  EXPECT_FIELD(PJRT_Client_Compile_Args, executable, 48);
  EXPECT_STRUCT(PJRT_Client_Load_Args, 56, 56);
  EXPECT_FIELD(PJRT_Client_Load_Args, loaded_executable, 48);
}

TEST(ClientLayout, MemoryLayouts) {
  EXPECT_STRUCT(PJRT_Buffer_MemoryLayout_Tiled, 56, 56);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout_Tiled, minor_to_major, 16);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout_Tiled, minor_to_major_size, 24);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout_Tiled, tile_dims, 32);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout_Tiled, tile_dim_sizes, 40);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout_Tiled, num_tiles, 48);
  EXPECT_STRUCT(PJRT_Buffer_MemoryLayout_Strides, 32, 32);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout_Strides, byte_strides, 16);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout_Strides, num_byte_strides, 24);
  // The union is as large as its Tiled member (56); the tag comes after it.
  EXPECT_STRUCT(PJRT_Buffer_MemoryLayout, 76, 80);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout, tiled, 16);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout, strides, 16);
  EXPECT_FIELD(PJRT_Buffer_MemoryLayout, type, 72);
}

TEST(ClientLayout, BufferFromHostBuffer) {
  using Args = PJRT_Client_BufferFromHostBuffer_Args;
  EXPECT_STRUCT(PJRT_Client_BufferFromHostBuffer_Args, 120, 120);
  EXPECT_FIELD(Args, client, 16);
  EXPECT_FIELD(Args, data, 24);
  EXPECT_FIELD(Args, type, 32);
  EXPECT_FIELD(Args, dims, 40);
  EXPECT_FIELD(Args, num_dims, 48);
  EXPECT_FIELD(Args, byte_strides, 56);
  EXPECT_FIELD(Args, num_byte_strides, 64);
  EXPECT_FIELD(Args, host_buffer_semantics, 72);
  EXPECT_FIELD(Args, device, 80);
  EXPECT_FIELD(Args, memory, 88);
  EXPECT_FIELD(Args, device_layout, 96);
  EXPECT_FIELD(Args, done_with_host_buffer, 104);
  EXPECT_FIELD(Args, buffer, 112);
}

TEST(ClientLayout, OtherBufferCreation) {
  using Uninit = PJRT_Client_CreateUninitializedBuffer_Args;
  EXPECT_STRUCT(PJRT_Client_CreateUninitializedBuffer_Args, 80, 80);
  EXPECT_FIELD(Uninit, shape_dims, 24);
  EXPECT_FIELD(Uninit, shape_num_dims, 32);
  EXPECT_FIELD(Uninit, shape_element_type, 40);
  EXPECT_FIELD(Uninit, shape_layout, 48);
  EXPECT_FIELD(Uninit, device, 56);
  EXPECT_FIELD(Uninit, memory, 64);
  EXPECT_FIELD(Uninit, buffer, 72);

  EXPECT_STRUCT(PJRT_Client_CreateErrorBuffer_Args, 112, 112);
  EXPECT_FIELD(PJRT_Client_CreateErrorBuffer_Args, error_code, 24);
  EXPECT_FIELD(PJRT_Client_CreateErrorBuffer_Args, shape_element_type, 64);
  EXPECT_FIELD(PJRT_Client_CreateErrorBuffer_Args, buffer, 88);
  EXPECT_FIELD(PJRT_Client_CreateErrorBuffer_Args, num_payload, 104);

  EXPECT_STRUCT(PJRT_Client_CreateAliasBuffer_Args, 80, 80);
  EXPECT_FIELD(PJRT_Client_CreateAliasBuffer_Args, memory, 24);
  EXPECT_FIELD(PJRT_Client_CreateAliasBuffer_Args, fulfill_alias_buffer_cb, 72);
  EXPECT_STRUCT(PJRT_Client_FulfillAliasBuffer_Args, 64, 64);
  EXPECT_FIELD(PJRT_Client_FulfillAliasBuffer_Args, status_code, 32);

  using View = PJRT_Client_CreateViewOfDeviceBuffer_Args;
  EXPECT_STRUCT(PJRT_Client_CreateViewOfDeviceBuffer_Args, 112, 112);
  EXPECT_FIELD(View, element_type, 48);
  EXPECT_FIELD(View, on_delete_callback, 72);
  EXPECT_FIELD(View, stream, 88);
  EXPECT_FIELD(View, buffer, 96);
  EXPECT_FIELD(View, memory, 104);
}

TEST(ClientLayout, AsyncHostToDevice) {
  EXPECT_STRUCT(PJRT_ShapeSpec, 36, 40);
  EXPECT_FIELD(PJRT_ShapeSpec, element_type, 32);
  EXPECT_STRUCT(PJRT_Client_CreateBuffersForAsyncHostToDevice_Args, 72, 72);
  EXPECT_FIELD(PJRT_Client_CreateBuffersForAsyncHostToDevice_Args,
               transfer_manager, 64);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_Destroy_Args, 24, 24);
  using Data = PJRT_AsyncHostToDeviceTransferManager_TransferData_Args;
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_TransferData_Args, 72,
                72);
  EXPECT_FIELD(Data, buffer_index, 24);
  EXPECT_FIELD(Data, offset, 40);
  EXPECT_FIELD(Data, is_last_transfer, 56);
  EXPECT_FIELD(Data, done_with_h2d_transfer, 64);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_RetrieveBuffer_Args, 40,
                40);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_Device_Args, 32, 32);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_BufferCount_Args, 32, 32);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_BufferSize_Args, 40, 40);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_SetBufferError_Args, 48,
                48);
  EXPECT_FIELD(PJRT_AsyncHostToDeviceTransferManager_SetBufferError_Args,
               error_code, 28);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_AddMetadata_Args, 40, 40);
  EXPECT_STRUCT(PJRT_AsyncHostToDeviceTransferManager_TransferLiteral_Args, 80,
                80);
  EXPECT_FIELD(PJRT_AsyncHostToDeviceTransferManager_TransferLiteral_Args,
               shape_element_type, 56);
}

} // namespace
