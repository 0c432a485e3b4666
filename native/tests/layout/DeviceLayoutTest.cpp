//===- DeviceLayoutTest.cpp - Devices, memories, topology -----------------===//
//
// Literal x86-64 layouts of device descriptions, devices, memories, async
// tracking events, execute contexts and topology descriptions.
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

TEST(DeviceLayout, DeviceDescription) {
  EXPECT_STRUCT(PJRT_DeviceDescription_Id_Args, 28, 32);
  EXPECT_FIELD(PJRT_DeviceDescription_Id_Args, device_description, 16);
  EXPECT_FIELD(PJRT_DeviceDescription_Id_Args, id, 24);
  EXPECT_STRUCT(PJRT_DeviceDescription_ProcessIndex_Args, 28, 32);
  // Count before array, unlike most list outputs.
  EXPECT_STRUCT(PJRT_DeviceDescription_Attributes_Args, 40, 40);
  EXPECT_FIELD(PJRT_DeviceDescription_Attributes_Args, num_attributes, 24);
  EXPECT_FIELD(PJRT_DeviceDescription_Attributes_Args, attributes, 32);
  EXPECT_STRUCT(PJRT_DeviceDescription_Kind_Args, 40, 40);
  EXPECT_FIELD(PJRT_DeviceDescription_Kind_Args, device_kind, 24);
  EXPECT_FIELD(PJRT_DeviceDescription_Kind_Args, device_kind_size, 32);
  EXPECT_STRUCT(PJRT_DeviceDescription_DebugString_Args, 40, 40);
  EXPECT_STRUCT(PJRT_DeviceDescription_ToString_Args, 40, 40);
  EXPECT_FIELD(PJRT_DeviceDescription_ToString_Args, to_string_size, 32);
}

TEST(DeviceLayout, Device) {
  EXPECT_STRUCT(PJRT_Device_GetDescription_Args, 32, 32);
  EXPECT_FIELD(PJRT_Device_GetDescription_Args, device_description, 24);
  EXPECT_STRUCT(PJRT_Device_IsAddressable_Args, 25, 32);
  EXPECT_FIELD(PJRT_Device_IsAddressable_Args, is_addressable, 24);
  EXPECT_STRUCT(PJRT_Device_LocalHardwareId_Args, 28, 32);
  EXPECT_STRUCT(PJRT_Device_AddressableMemories_Args, 40, 40);
  EXPECT_FIELD(PJRT_Device_AddressableMemories_Args, memories, 24);
  EXPECT_FIELD(PJRT_Device_AddressableMemories_Args, num_memories, 32);
  EXPECT_STRUCT(PJRT_Device_DefaultMemory_Args, 32, 32);
  EXPECT_FIELD(PJRT_Device_DefaultMemory_Args, memory, 24);
  EXPECT_STRUCT(PJRT_Device_ClearMemoryStats_Args, 24, 24);
  EXPECT_STRUCT(PJRT_Device_PoisonExecution_Args, 72, 72);
  EXPECT_FIELD(PJRT_Device_PoisonExecution_Args, launch_id, 24);
  EXPECT_FIELD(PJRT_Device_PoisonExecution_Args, error_code, 28);
  EXPECT_FIELD(PJRT_Device_PoisonExecution_Args, poisoned, 48);
  EXPECT_FIELD(PJRT_Device_PoisonExecution_Args, payload, 56);
  EXPECT_STRUCT(PJRT_Device_GetAttributes_Args, 56, 56);
  EXPECT_FIELD(PJRT_Device_GetAttributes_Args, attributes, 24);
  EXPECT_FIELD(PJRT_Device_GetAttributes_Args, num_attributes, 32);
  EXPECT_FIELD(PJRT_Device_GetAttributes_Args, device_attributes, 40);
  EXPECT_FIELD(PJRT_Device_GetAttributes_Args, attributes_deleter, 48);
}

TEST(DeviceLayout, MemoryStats) {
  // Each optional int64 is followed by its bool flag, padded to 8.
  using Args = PJRT_Device_MemoryStats_Args;
  EXPECT_STRUCT(PJRT_Device_MemoryStats_Args, 201, 208);
  EXPECT_FIELD(Args, bytes_in_use, 24);
  EXPECT_FIELD(Args, peak_bytes_in_use, 32);
  EXPECT_FIELD(Args, peak_bytes_in_use_is_set, 40);
  EXPECT_FIELD(Args, num_allocs, 48);
  EXPECT_FIELD(Args, largest_alloc_size, 64);
  EXPECT_FIELD(Args, bytes_limit, 80);
  EXPECT_FIELD(Args, bytes_reserved, 96);
  EXPECT_FIELD(Args, peak_bytes_reserved, 112);
  EXPECT_FIELD(Args, bytes_reservable_limit, 128);
  EXPECT_FIELD(Args, largest_free_block_bytes, 144);
  EXPECT_FIELD(Args, pool_bytes, 160);
  EXPECT_FIELD(Args, peak_pool_bytes, 176);
  EXPECT_FIELD(Args, peak_allocated_bytes, 192);
  EXPECT_FIELD(Args, peak_allocated_bytes_is_set, 200);
}

TEST(DeviceLayout, AsyncTrackingEvents) {
  EXPECT_STRUCT(PJRT_Device_CreateAsyncTrackingEvent_Args, 48, 48);
  EXPECT_FIELD(PJRT_Device_CreateAsyncTrackingEvent_Args, event, 40);
  EXPECT_STRUCT(PJRT_AsyncTrackingEvent_Destroy_Args, 24, 24);
}

TEST(DeviceLayout, Memory) {
  EXPECT_STRUCT(PJRT_Memory_Id_Args, 28, 32);
  EXPECT_FIELD(PJRT_Memory_Id_Args, memory, 16);
  EXPECT_FIELD(PJRT_Memory_Id_Args, id, 24);
  EXPECT_STRUCT(PJRT_Memory_Kind_Args, 40, 40);
  EXPECT_FIELD(PJRT_Memory_Kind_Args, kind, 24);
  EXPECT_FIELD(PJRT_Memory_Kind_Args, kind_size, 32);
  EXPECT_STRUCT(PJRT_Memory_Kind_Id_Args, 28, 32);
  EXPECT_STRUCT(PJRT_Memory_DebugString_Args, 40, 40);
  EXPECT_STRUCT(PJRT_Memory_ToString_Args, 40, 40);
  EXPECT_STRUCT(PJRT_Memory_AddressableByDevices_Args, 40, 40);
  EXPECT_FIELD(PJRT_Memory_AddressableByDevices_Args, devices, 24);
  EXPECT_FIELD(PJRT_Memory_AddressableByDevices_Args, num_devices, 32);
}

TEST(DeviceLayout, ExecuteContext) {
  EXPECT_STRUCT(PJRT_ExecuteContext_Create_Args, 24, 24);
  EXPECT_STRUCT(PJRT_ExecuteContext_Destroy_Args, 24, 24);
}

TEST(DeviceLayout, Topology) {
  EXPECT_STRUCT(PJRT_TopologyDescription_Create_Args, 56, 56);
  EXPECT_FIELD(PJRT_TopologyDescription_Create_Args, create_options, 32);
  EXPECT_FIELD(PJRT_TopologyDescription_Create_Args, topology, 48);
  EXPECT_STRUCT(PJRT_TopologyDescription_Destroy_Args, 24, 24);
  EXPECT_STRUCT(PJRT_TopologyDescription_PlatformVersion_Args, 40, 40);
  EXPECT_STRUCT(PJRT_TopologyDescription_PlatformName_Args, 40, 40);
  EXPECT_STRUCT(PJRT_TopologyDescription_GetDeviceDescriptions_Args, 40, 40);
  EXPECT_STRUCT(PJRT_TopologyDescription_Serialize_Args, 56, 56);
  EXPECT_FIELD(PJRT_TopologyDescription_Serialize_Args,
               serialized_topology_deleter, 48);
  EXPECT_STRUCT(PJRT_TopologyDescription_Deserialize_Args, 40, 40);
  EXPECT_STRUCT(PJRT_TopologyDescription_Attributes_Args, 40, 40);
  EXPECT_STRUCT(PJRT_TopologyDescription_Fingerprint_Args, 32, 32);
  using Canonical =
      PJRT_TopologyDescription_MakeCanonicalShapeForMemorySpace_Args;
  EXPECT_STRUCT(PJRT_TopologyDescription_MakeCanonicalShapeForMemorySpace_Args,
                88, 88);
  EXPECT_FIELD(Canonical, memory_space_kind_id, 24);
  EXPECT_FIELD(Canonical, element_type, 48);
  EXPECT_FIELD(Canonical, serialized_shape_deleter, 80);
  EXPECT_STRUCT(PJRT_TopologyDescription_GetMemorySpaceKindIds_Args, 40, 40);
  EXPECT_STRUCT(PJRT_Compile_Args, 64, 64);
  EXPECT_FIELD(PJRT_Compile_Args, topology, 16);
  EXPECT_FIELD(PJRT_Compile_Args, program, 24);
  EXPECT_FIELD(PJRT_Compile_Args, client, 48);
  EXPECT_FIELD(PJRT_Compile_Args, executable, 56);
}

} // namespace
