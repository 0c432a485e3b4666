//===- ApiTableTest.cpp - PJRT_Api version and slot layout ----------------===//
//
// Every slot of PJRT_Api at its byte offset. A plugin and a loader built from
// different headers agree only if slot i sits at 40 + 8 * i in both, so each
// slot index below is written out by hand from the upstream slot order
// (shared/reference/PJRT.md), not derived from the header under test.
//
//===----------------------------------------------------------------------===//

#include "pjrt_c_api.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <type_traits>

namespace {

constexpr size_t slotOffset(size_t index) { return 40 + 8 * index; }

TEST(ApiTable, VersionMacros) {
  EXPECT_EQ(PJRT_API_MAJOR, 0);
  EXPECT_EQ(PJRT_API_MINOR, 113);
}

TEST(ApiTable, HeaderFields) {
  EXPECT_EQ(offsetof(PJRT_Api, struct_size), 0u);
  EXPECT_EQ(offsetof(PJRT_Api, extension_start), 8u);
  EXPECT_EQ(offsetof(PJRT_Api, pjrt_api_version), 16u);
  EXPECT_EQ(sizeof(PJRT_Api_Version), 24u);
  EXPECT_EQ(static_cast<size_t>(PJRT_Api_Version_STRUCT_SIZE), 24u);
  EXPECT_EQ(offsetof(PJRT_Api_Version, major_version), 16u);
  EXPECT_EQ(offsetof(PJRT_Api_Version, minor_version), 20u);
}

TEST(ApiTable, SizeIs138Slots) {
  EXPECT_EQ(static_cast<size_t>(PJRT_Api_STRUCT_SIZE), 1144u);
  EXPECT_EQ(static_cast<size_t>(PJRT_Api_STRUCT_SIZE), slotOffset(138));
  EXPECT_EQ(sizeof(PJRT_Api), 1144u);
}

#define EXPECT_SLOT(name, index)                                               \
  EXPECT_EQ(offsetof(PJRT_Api, name), slotOffset(index)) << #name

TEST(ApiTable, SlotsUpToTheRearrangement) {
  EXPECT_SLOT(PJRT_Error_Destroy, 0);
  EXPECT_SLOT(PJRT_Error_Message, 1);
  EXPECT_SLOT(PJRT_Error_GetCode, 2);
  EXPECT_SLOT(PJRT_Plugin_Initialize, 3);
  EXPECT_SLOT(PJRT_Plugin_Attributes, 4);
  EXPECT_SLOT(PJRT_Event_Destroy, 5);
  EXPECT_SLOT(PJRT_Event_IsReady, 6);
  EXPECT_SLOT(PJRT_Event_Error, 7);
  EXPECT_SLOT(PJRT_Event_Await, 8);
  EXPECT_SLOT(PJRT_Event_OnReady, 9);
  EXPECT_SLOT(PJRT_Client_Create, 10);
  EXPECT_SLOT(PJRT_Client_Destroy, 11);
  EXPECT_SLOT(PJRT_Client_PlatformName, 12);
  EXPECT_SLOT(PJRT_Client_ProcessIndex, 13);
  EXPECT_SLOT(PJRT_Client_PlatformVersion, 14);
  EXPECT_SLOT(PJRT_Client_Devices, 15);
  EXPECT_SLOT(PJRT_Client_AddressableDevices, 16);
  EXPECT_SLOT(PJRT_Client_LookupDevice, 17);
  EXPECT_SLOT(PJRT_Client_LookupAddressableDevice, 18);
  EXPECT_SLOT(PJRT_Client_AddressableMemories, 19);
  EXPECT_SLOT(PJRT_Client_Compile, 20);
  EXPECT_SLOT(PJRT_Client_DefaultDeviceAssignment, 21);
  EXPECT_SLOT(PJRT_Client_BufferFromHostBuffer, 22);
  EXPECT_SLOT(PJRT_DeviceDescription_Id, 23);
  EXPECT_SLOT(PJRT_DeviceDescription_ProcessIndex, 24);
  EXPECT_SLOT(PJRT_DeviceDescription_Attributes, 25);
  EXPECT_SLOT(PJRT_DeviceDescription_Kind, 26);
  EXPECT_SLOT(PJRT_DeviceDescription_DebugString, 27);
  EXPECT_SLOT(PJRT_DeviceDescription_ToString, 28);
  EXPECT_SLOT(PJRT_Device_GetDescription, 29);
  EXPECT_SLOT(PJRT_Device_IsAddressable, 30);
  EXPECT_SLOT(PJRT_Device_LocalHardwareId, 31);
  EXPECT_SLOT(PJRT_Device_AddressableMemories, 32);
  EXPECT_SLOT(PJRT_Device_DefaultMemory, 33);
  EXPECT_SLOT(PJRT_Device_MemoryStats, 34);
  EXPECT_SLOT(PJRT_Memory_Id, 35);
  EXPECT_SLOT(PJRT_Memory_Kind, 36);
  EXPECT_SLOT(PJRT_Memory_DebugString, 37);
  EXPECT_SLOT(PJRT_Memory_ToString, 38);
  EXPECT_SLOT(PJRT_Memory_AddressableByDevices, 39);
  EXPECT_SLOT(PJRT_Executable_Destroy, 40);
  EXPECT_SLOT(PJRT_Executable_Name, 41);
  EXPECT_SLOT(PJRT_Executable_NumReplicas, 42);
  EXPECT_SLOT(PJRT_Executable_NumPartitions, 43);
  EXPECT_SLOT(PJRT_Executable_NumOutputs, 44);
  EXPECT_SLOT(PJRT_Executable_SizeOfGeneratedCodeInBytes, 45);
  EXPECT_SLOT(PJRT_Executable_GetCostAnalysis, 46);
  EXPECT_SLOT(PJRT_Executable_OutputMemoryKinds, 47);
  EXPECT_SLOT(PJRT_Executable_OptimizedProgram, 48);
  EXPECT_SLOT(PJRT_Executable_Serialize, 49);
  EXPECT_SLOT(PJRT_LoadedExecutable_Destroy, 50);
  EXPECT_SLOT(PJRT_LoadedExecutable_GetExecutable, 51);
  EXPECT_SLOT(PJRT_LoadedExecutable_AddressableDevices, 52);
  EXPECT_SLOT(PJRT_LoadedExecutable_Delete, 53);
  EXPECT_SLOT(PJRT_LoadedExecutable_IsDeleted, 54);
  EXPECT_SLOT(PJRT_LoadedExecutable_Execute, 55);
  EXPECT_SLOT(PJRT_Executable_DeserializeAndLoad, 56);
  EXPECT_SLOT(PJRT_LoadedExecutable_Fingerprint, 57);
  EXPECT_SLOT(PJRT_Buffer_Destroy, 58);
  EXPECT_SLOT(PJRT_Buffer_ElementType, 59);
  EXPECT_SLOT(PJRT_Buffer_Dimensions, 60);
  EXPECT_SLOT(PJRT_Buffer_UnpaddedDimensions, 61);
  EXPECT_SLOT(PJRT_Buffer_DynamicDimensionIndices, 62);
  EXPECT_SLOT(PJRT_Buffer_GetMemoryLayout, 63);
  EXPECT_SLOT(PJRT_Buffer_OnDeviceSizeInBytes, 64);
  EXPECT_SLOT(PJRT_Buffer_Device, 65);
  EXPECT_SLOT(PJRT_Buffer_Memory, 66);
  EXPECT_SLOT(PJRT_Buffer_Delete, 67);
  EXPECT_SLOT(PJRT_Buffer_IsDeleted, 68);
  EXPECT_SLOT(PJRT_Buffer_CopyToDevice, 69);
  EXPECT_SLOT(PJRT_Buffer_ToHostBuffer, 70);
  EXPECT_SLOT(PJRT_Buffer_IsOnCpu, 71);
  EXPECT_SLOT(PJRT_Buffer_ReadyEvent, 72);
  EXPECT_SLOT(PJRT_Buffer_UnsafePointer, 73);
  EXPECT_SLOT(PJRT_Buffer_IncreaseExternalReferenceCount, 74);
  EXPECT_SLOT(PJRT_Buffer_DecreaseExternalReferenceCount, 75);
  EXPECT_SLOT(PJRT_Buffer_OpaqueDeviceMemoryDataPointer, 76);
  EXPECT_SLOT(PJRT_CopyToDeviceStream_Destroy, 77);
  EXPECT_SLOT(PJRT_CopyToDeviceStream_AddChunk, 78);
  EXPECT_SLOT(PJRT_CopyToDeviceStream_TotalBytes, 79);
  EXPECT_SLOT(PJRT_CopyToDeviceStream_GranuleSize, 80);
  EXPECT_SLOT(PJRT_CopyToDeviceStream_CurrentBytes, 81);
  EXPECT_SLOT(PJRT_TopologyDescription_Create, 82);
  EXPECT_SLOT(PJRT_TopologyDescription_Destroy, 83);
  EXPECT_SLOT(PJRT_TopologyDescription_PlatformName, 84);
  EXPECT_SLOT(PJRT_TopologyDescription_PlatformVersion, 85);
  EXPECT_SLOT(PJRT_TopologyDescription_GetDeviceDescriptions, 86);
  EXPECT_SLOT(PJRT_TopologyDescription_Serialize, 87);
  EXPECT_SLOT(PJRT_TopologyDescription_Attributes, 88);
  EXPECT_SLOT(PJRT_Compile, 89);
}

TEST(ApiTable, AppendedSlots) {
  EXPECT_SLOT(PJRT_Executable_OutputElementTypes, 90);
  EXPECT_SLOT(PJRT_Executable_OutputDimensions, 91);
  EXPECT_SLOT(PJRT_Buffer_CopyToMemory, 92);
  EXPECT_SLOT(PJRT_Client_CreateViewOfDeviceBuffer, 93);
  EXPECT_SLOT(PJRT_Executable_Fingerprint, 94);
  EXPECT_SLOT(PJRT_Client_TopologyDescription, 95);
  EXPECT_SLOT(PJRT_Executable_GetCompiledMemoryStats, 96);
  EXPECT_SLOT(PJRT_Memory_Kind_Id, 97);
  EXPECT_SLOT(PJRT_ExecuteContext_Create, 98);
  EXPECT_SLOT(PJRT_ExecuteContext_Destroy, 99);
  EXPECT_SLOT(PJRT_Buffer_CopyRawToHost, 100);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_Destroy, 101);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_TransferData, 102);
  EXPECT_SLOT(PJRT_Client_CreateBuffersForAsyncHostToDevice, 103);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_RetrieveBuffer, 104);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_Device, 105);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_BufferCount, 106);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_BufferSize, 107);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_SetBufferError, 108);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_AddMetadata, 109);
  EXPECT_SLOT(PJRT_Client_DmaMap, 110);
  EXPECT_SLOT(PJRT_Client_DmaUnmap, 111);
  EXPECT_SLOT(PJRT_Client_CreateUninitializedBuffer, 112);
  EXPECT_SLOT(PJRT_Client_UpdateGlobalProcessInfo, 113);
  EXPECT_SLOT(PJRT_TopologyDescription_Deserialize, 114);
  EXPECT_SLOT(PJRT_Client_CreateAliasBuffer, 115);
  EXPECT_SLOT(PJRT_Client_FulfillAliasBuffer, 116);
  EXPECT_SLOT(PJRT_LoadedExecutable_GetDeviceAssignment, 117);
  EXPECT_SLOT(PJRT_Client_CreateErrorBuffer, 118);
  EXPECT_SLOT(PJRT_AsyncHostToDeviceTransferManager_TransferLiteral, 119);
  EXPECT_SLOT(PJRT_Buffer_CopyRawToHostFuture, 120);
  EXPECT_SLOT(PJRT_Device_PoisonExecution, 121);
  EXPECT_SLOT(PJRT_Device_CreateAsyncTrackingEvent, 122);
  EXPECT_SLOT(PJRT_AsyncTrackingEvent_Destroy, 123);
  EXPECT_SLOT(PJRT_Executable_GetCompileOptions, 124);
  EXPECT_SLOT(PJRT_Buffer_DonateWithControlDependency, 125);
  EXPECT_SLOT(PJRT_Event_Create, 126);
  EXPECT_SLOT(PJRT_Event_Set, 127);
  EXPECT_SLOT(PJRT_Device_GetAttributes, 128);
  EXPECT_SLOT(PJRT_Client_Load, 129);
  EXPECT_SLOT(PJRT_LoadedExecutable_AddressableDeviceLogicalIds, 130);
  EXPECT_SLOT(PJRT_Buffer_Bitcast, 131);
  EXPECT_SLOT(PJRT_Error_ForEachPayload, 132);
  EXPECT_SLOT(PJRT_TopologyDescription_Fingerprint, 133);
  EXPECT_SLOT(PJRT_Executable_ParameterMemoryKinds, 134);
  EXPECT_SLOT(PJRT_Device_ClearMemoryStats, 135);
  EXPECT_SLOT(PJRT_TopologyDescription_MakeCanonicalShapeForMemorySpace, 136);
  EXPECT_SLOT(PJRT_TopologyDescription_GetMemorySpaceKindIds, 137);
}

// The two void slots, and a sample of the error-returning ones, have exactly
// the function types a loader casts them to.
template <typename Slot, typename Args, typename Result>
constexpr bool hasSignature() {
  return std::is_same<Slot, Result (*)(Args *)>::value;
}

TEST(ApiTable, SlotFunctionTypes) {
  EXPECT_TRUE((hasSignature<decltype(PJRT_Api::PJRT_Error_Destroy),
                            PJRT_Error_Destroy_Args, void>()));
  EXPECT_TRUE((hasSignature<decltype(PJRT_Api::PJRT_Error_Message),
                            PJRT_Error_Message_Args, void>()));
  EXPECT_TRUE((hasSignature<decltype(PJRT_Api::PJRT_Error_GetCode),
                            PJRT_Error_GetCode_Args, PJRT_Error *>()));
  EXPECT_TRUE((hasSignature<decltype(PJRT_Api::PJRT_Client_Create),
                            PJRT_Client_Create_Args, PJRT_Error *>()));
  EXPECT_TRUE((hasSignature<decltype(PJRT_Api::PJRT_Client_Compile),
                            PJRT_Client_Compile_Args, PJRT_Error *>()));
  EXPECT_TRUE(
      (hasSignature<decltype(PJRT_Api::PJRT_LoadedExecutable_Execute),
                    PJRT_LoadedExecutable_Execute_Args, PJRT_Error *>()));
  EXPECT_TRUE((hasSignature<decltype(PJRT_Api::PJRT_Buffer_ToHostBuffer),
                            PJRT_Buffer_ToHostBuffer_Args, PJRT_Error *>()));
  EXPECT_TRUE(
      (hasSignature<
          decltype(PJRT_Api::PJRT_TopologyDescription_GetMemorySpaceKindIds),
          PJRT_TopologyDescription_GetMemorySpaceKindIds_Args,
          PJRT_Error *>()));
}

} // namespace
