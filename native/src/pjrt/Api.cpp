//===- Api.cpp - GetPjrtApi and the PJRT_Api table -----------------------===//
//
// The plugin's only exported symbol. The table is built once; every slot of
// the header's PJRT_Api is filled, the ones we do not implement with a
// function that returns UNIMPLEMENTED naming the slot, so callers never meet
// a null pointer.
//
// Version: we report the header's PJRT_API_MAJOR/MINOR (0.113). At that minor
// PJRT_Error and PJRT_Memory begin with function tables that callers may use
// directly; Error.cpp and Memory.cpp fill them in, so we honor its semantics.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/LiveObjects.h"

#include <new>

namespace axle::pjrt {
namespace {

// No C++ exception may cross the C boundary: running out of memory inside an
// entry point becomes a RESOURCE_EXHAUSTED error, anything else INTERNAL.
template <auto Fn> struct Guarded;
template <typename Args, PJRT_Error *(*Fn)(Args *)> struct Guarded<Fn> {
  static PJRT_Error *call(Args *args) noexcept {
    try {
      return Fn(args);
    } catch (const std::bad_alloc &) {
      return makeError(PJRT_Error_Code_RESOURCE_EXHAUSTED,
                       "out of host memory");
    } catch (const std::exception &e) {
      return makeError(PJRT_Error_Code_INTERNAL, e.what());
    } catch (...) {
      return makeError(PJRT_Error_Code_INTERNAL, "unknown C++ exception");
    }
  }
};

PJRT_Error *unimplementedSlot(const char *name) noexcept {
  try {
    return makeError(PJRT_Error_Code_UNIMPLEMENTED,
                     std::string(name) +
                         " is not implemented by the bundled CPU plugin");
  } catch (...) {
    return makeError(PJRT_Error_Code_UNIMPLEMENTED, {});
  }
}

#define AXLE_SLOT(Name, fn) api.Name = Guarded<fn>::call
#define AXLE_UNIMPLEMENTED_SLOT(Name)                                          \
  api.Name = [](Name##_Args *) -> PJRT_Error * {                               \
    return unimplementedSlot(#Name);                                           \
  }

PJRT_Api buildApi() {
  PJRT_Api api{};
  api.struct_size = PJRT_Api_STRUCT_SIZE;
  // The live-object counts (LiveObjects.h) are the only extension.
  api.extension_start = reinterpret_cast<PJRT_Extension_Base *>(
      const_cast<AxleLiveObjectsExtension *>(liveObjectsExtension()));
  api.pjrt_api_version.struct_size = PJRT_Api_Version_STRUCT_SIZE;
  api.pjrt_api_version.extension_start = nullptr;
  api.pjrt_api_version.major_version = PJRT_API_MAJOR;
  api.pjrt_api_version.minor_version = PJRT_API_MINOR;

  api.PJRT_Error_Destroy = errorDestroy;
  api.PJRT_Error_Message = errorMessage;
  AXLE_SLOT(PJRT_Error_GetCode, errorGetCode);
  AXLE_SLOT(PJRT_Error_ForEachPayload, errorForEachPayload);
  AXLE_SLOT(PJRT_Plugin_Initialize, pluginInitialize);
  AXLE_SLOT(PJRT_Plugin_Attributes, pluginAttributes);
  AXLE_SLOT(PJRT_Event_Destroy, eventDestroy);
  AXLE_SLOT(PJRT_Event_IsReady, eventIsReady);
  AXLE_SLOT(PJRT_Event_Error, eventError);
  AXLE_SLOT(PJRT_Event_Await, eventAwait);
  AXLE_SLOT(PJRT_Event_OnReady, eventOnReady);
  AXLE_SLOT(PJRT_Event_Create, eventCreate);
  AXLE_SLOT(PJRT_Event_Set, eventSet);
  AXLE_SLOT(PJRT_Client_Create, clientCreate);
  AXLE_SLOT(PJRT_Client_Destroy, clientDestroy);
  AXLE_SLOT(PJRT_Client_PlatformName, clientPlatformName);
  AXLE_SLOT(PJRT_Client_ProcessIndex, clientProcessIndex);
  AXLE_SLOT(PJRT_Client_PlatformVersion, clientPlatformVersion);
  AXLE_SLOT(PJRT_Client_Devices, clientDevices);
  AXLE_SLOT(PJRT_Client_AddressableDevices, clientAddressableDevices);
  AXLE_SLOT(PJRT_Client_LookupDevice, clientLookupDevice);
  AXLE_SLOT(PJRT_Client_LookupAddressableDevice, clientLookupAddressableDevice);
  AXLE_SLOT(PJRT_Client_AddressableMemories, clientAddressableMemories);
  AXLE_SLOT(PJRT_Client_Compile, clientCompile);
  AXLE_SLOT(PJRT_Client_DefaultDeviceAssignment, clientDefaultDeviceAssignment);
  AXLE_SLOT(PJRT_Client_BufferFromHostBuffer, clientBufferFromHostBuffer);
  AXLE_SLOT(PJRT_Client_CreateUninitializedBuffer,
            clientCreateUninitializedBuffer);
  AXLE_SLOT(PJRT_DeviceDescription_Id, deviceDescriptionId);
  AXLE_SLOT(PJRT_DeviceDescription_ProcessIndex, deviceDescriptionProcessIndex);
  AXLE_SLOT(PJRT_DeviceDescription_Attributes, deviceDescriptionAttributes);
  AXLE_SLOT(PJRT_DeviceDescription_Kind, deviceDescriptionKind);
  AXLE_SLOT(PJRT_DeviceDescription_DebugString, deviceDescriptionDebugString);
  AXLE_SLOT(PJRT_DeviceDescription_ToString, deviceDescriptionToString);
  AXLE_SLOT(PJRT_Device_GetDescription, deviceGetDescription);
  AXLE_SLOT(PJRT_Device_IsAddressable, deviceIsAddressable);
  AXLE_SLOT(PJRT_Device_LocalHardwareId, deviceLocalHardwareId);
  AXLE_SLOT(PJRT_Device_AddressableMemories, deviceAddressableMemories);
  AXLE_SLOT(PJRT_Device_DefaultMemory, deviceDefaultMemory);
  AXLE_SLOT(PJRT_Device_MemoryStats, deviceMemoryStats);
  AXLE_SLOT(PJRT_Device_GetAttributes, deviceGetAttributes);
  AXLE_SLOT(PJRT_Memory_Id, memoryId);
  AXLE_SLOT(PJRT_Memory_Kind, memoryKind);
  AXLE_SLOT(PJRT_Memory_Kind_Id, memoryKindId);
  AXLE_SLOT(PJRT_Memory_DebugString, memoryDebugString);
  AXLE_SLOT(PJRT_Memory_ToString, memoryToString);
  AXLE_SLOT(PJRT_Memory_AddressableByDevices, memoryAddressableByDevices);
  AXLE_SLOT(PJRT_Executable_Destroy, executableDestroy);
  AXLE_SLOT(PJRT_Executable_Name, executableName);
  AXLE_SLOT(PJRT_Executable_NumReplicas, executableNumReplicas);
  AXLE_SLOT(PJRT_Executable_NumPartitions, executableNumPartitions);
  AXLE_SLOT(PJRT_Executable_NumOutputs, executableNumOutputs);
  AXLE_SLOT(PJRT_Executable_SizeOfGeneratedCodeInBytes,
            executableSizeOfGeneratedCodeInBytes);
  AXLE_SLOT(PJRT_Executable_GetCostAnalysis, executableGetCostAnalysis);
  AXLE_SLOT(PJRT_Executable_OutputElementTypes, executableOutputElementTypes);
  AXLE_SLOT(PJRT_Executable_OutputDimensions, executableOutputDimensions);
  AXLE_SLOT(PJRT_Executable_OutputMemoryKinds, executableOutputMemoryKinds);
  AXLE_SLOT(PJRT_Executable_ParameterMemoryKinds,
            executableParameterMemoryKinds);
  AXLE_SLOT(PJRT_Executable_OptimizedProgram, executableOptimizedProgram);
  AXLE_SLOT(PJRT_Executable_Fingerprint, executableFingerprint);
  AXLE_SLOT(PJRT_Executable_GetCompiledMemoryStats,
            executableGetCompiledMemoryStats);
  AXLE_SLOT(PJRT_LoadedExecutable_Destroy, loadedExecutableDestroy);
  AXLE_SLOT(PJRT_LoadedExecutable_GetExecutable, loadedExecutableGetExecutable);
  AXLE_SLOT(PJRT_LoadedExecutable_AddressableDevices,
            loadedExecutableAddressableDevices);
  AXLE_SLOT(PJRT_LoadedExecutable_AddressableDeviceLogicalIds,
            loadedExecutableAddressableDeviceLogicalIds);
  AXLE_SLOT(PJRT_LoadedExecutable_Delete, loadedExecutableDelete);
  AXLE_SLOT(PJRT_LoadedExecutable_IsDeleted, loadedExecutableIsDeleted);
  AXLE_SLOT(PJRT_LoadedExecutable_Execute, loadedExecutableExecute);
  AXLE_SLOT(PJRT_LoadedExecutable_Fingerprint, loadedExecutableFingerprint);
  AXLE_SLOT(PJRT_Buffer_Destroy, bufferDestroy);
  AXLE_SLOT(PJRT_Buffer_ElementType, bufferElementType);
  AXLE_SLOT(PJRT_Buffer_Dimensions, bufferDimensions);
  AXLE_SLOT(PJRT_Buffer_UnpaddedDimensions, bufferUnpaddedDimensions);
  AXLE_SLOT(PJRT_Buffer_DynamicDimensionIndices, bufferDynamicDimensionIndices);
  AXLE_SLOT(PJRT_Buffer_GetMemoryLayout, bufferGetMemoryLayout);
  AXLE_SLOT(PJRT_Buffer_OnDeviceSizeInBytes, bufferOnDeviceSizeInBytes);
  AXLE_SLOT(PJRT_Buffer_Device, bufferDevice);
  AXLE_SLOT(PJRT_Buffer_Memory, bufferMemory);
  AXLE_SLOT(PJRT_Buffer_Delete, bufferDelete);
  AXLE_SLOT(PJRT_Buffer_IsDeleted, bufferIsDeleted);
  AXLE_SLOT(PJRT_Buffer_CopyToDevice, bufferCopyToDevice);
  AXLE_SLOT(PJRT_Buffer_CopyToMemory, bufferCopyToMemory);
  AXLE_SLOT(PJRT_Buffer_ToHostBuffer, bufferToHostBuffer);
  AXLE_SLOT(PJRT_Buffer_CopyRawToHost, bufferCopyRawToHost);
  AXLE_SLOT(PJRT_Buffer_IsOnCpu, bufferIsOnCpu);
  AXLE_SLOT(PJRT_Buffer_ReadyEvent, bufferReadyEvent);
  AXLE_SLOT(PJRT_Buffer_UnsafePointer, bufferUnsafePointer);
  AXLE_SLOT(PJRT_Buffer_IncreaseExternalReferenceCount,
            bufferIncreaseExternalReferenceCount);
  AXLE_SLOT(PJRT_Buffer_DecreaseExternalReferenceCount,
            bufferDecreaseExternalReferenceCount);
  AXLE_SLOT(PJRT_Buffer_OpaqueDeviceMemoryDataPointer,
            bufferOpaqueDeviceMemoryDataPointer);

  AXLE_UNIMPLEMENTED_SLOT(PJRT_Executable_Serialize);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Executable_DeserializeAndLoad);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_CopyToDeviceStream_Destroy);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_CopyToDeviceStream_AddChunk);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_CopyToDeviceStream_TotalBytes);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_CopyToDeviceStream_GranuleSize);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_CopyToDeviceStream_CurrentBytes);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_Create);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_Destroy);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_PlatformName);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_PlatformVersion);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_GetDeviceDescriptions);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_Serialize);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_Attributes);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Compile);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_CreateViewOfDeviceBuffer);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_TopologyDescription);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_ExecuteContext_Create);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_ExecuteContext_Destroy);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_Destroy);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_TransferData);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_CreateBuffersForAsyncHostToDevice);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_RetrieveBuffer);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_Device);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_BufferCount);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_BufferSize);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_SetBufferError);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncHostToDeviceTransferManager_AddMetadata);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_DmaMap);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_DmaUnmap);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_UpdateGlobalProcessInfo);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_Deserialize);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_CreateAliasBuffer);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_FulfillAliasBuffer);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_LoadedExecutable_GetDeviceAssignment);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_CreateErrorBuffer);
  AXLE_UNIMPLEMENTED_SLOT(
      PJRT_AsyncHostToDeviceTransferManager_TransferLiteral);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Buffer_CopyRawToHostFuture);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Device_PoisonExecution);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Device_CreateAsyncTrackingEvent);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_AsyncTrackingEvent_Destroy);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Executable_GetCompileOptions);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Buffer_DonateWithControlDependency);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Client_Load);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Buffer_Bitcast);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_Fingerprint);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_Device_ClearMemoryStats);
  AXLE_UNIMPLEMENTED_SLOT(
      PJRT_TopologyDescription_MakeCanonicalShapeForMemorySpace);
  AXLE_UNIMPLEMENTED_SLOT(PJRT_TopologyDescription_GetMemorySpaceKindIds);
  return api;
}

#undef AXLE_SLOT
#undef AXLE_UNIMPLEMENTED_SLOT

} // namespace
} // namespace axle::pjrt

extern "C" __attribute__((visibility("default"))) const PJRT_Api *
GetPjrtApi(void) {
  static const PJRT_Api api = axle::pjrt::buildApi();
  return &api;
}
