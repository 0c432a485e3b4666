/*===- CHeaderCheck.c - The header as seen by a C11 compiler ---------------===*
 *
 * Compiling this file keeps pjrt_c_api.h valid C. The static assertions pin
 * the layouts other languages depend on most (C# bindings, C plugins), and
 * axleCLayouts lets CAgreementTest.cpp check that C and C++ agree on the rest.
 *
 *===----------------------------------------------------------------------===*/

#include "pjrt_c_api.h"

#include <stddef.h>

_Static_assert(PJRT_API_MAJOR == 0 && PJRT_API_MINOR == 113, "version");
_Static_assert(PJRT_Api_STRUCT_SIZE == 1144, "PJRT_Api has 138 slots");
_Static_assert(sizeof(PJRT_Api) == 1144, "PJRT_Api has no padding");
_Static_assert(offsetof(PJRT_Api, PJRT_Client_Create) == 40 + 8 * 10, "slot");
_Static_assert(offsetof(PJRT_Api, PJRT_LoadedExecutable_Execute) == 40 + 8 * 55,
               "slot");
_Static_assert(offsetof(PJRT_Api, PJRT_Executable_OptimizedProgram) ==
                   40 + 8 * 48,
               "slot");
_Static_assert(PJRT_Error_GetCode_Args_STRUCT_SIZE == 28, "GetCode");
_Static_assert(PJRT_Client_Create_Args_STRUCT_SIZE == 88, "Client_Create");
_Static_assert(PJRT_Client_Compile_Args_STRUCT_SIZE == 56, "Client_Compile");
_Static_assert(PJRT_Client_BufferFromHostBuffer_Args_STRUCT_SIZE == 120,
               "BufferFromHostBuffer");
_Static_assert(offsetof(PJRT_Client_BufferFromHostBuffer_Args,
                        host_buffer_semantics) == 72,
               "semantics");
_Static_assert(PJRT_NamedValue_STRUCT_SIZE == 56, "NamedValue");
_Static_assert(offsetof(PJRT_NamedValue, int64_value) == 40, "union");
_Static_assert(PJRT_ExecuteOptions_STRUCT_SIZE == 144, "ExecuteOptions");
_Static_assert(PJRT_LoadedExecutable_Execute_Args_STRUCT_SIZE == 80, "Execute");
_Static_assert(PJRT_Buffer_ToHostBuffer_Args_STRUCT_SIZE == 56, "ToHost");

/* Must match the row type in CAgreementTest.cpp. */
typedef struct AxleCLayout {
  const char *name;
  size_t structSize; /* <name>_STRUCT_SIZE, or 0 where none is defined */
  size_t size;       /* sizeof */
} AxleCLayout;

#define ROW(T)                                                                 \
  { #T, T##_STRUCT_SIZE, sizeof(T) }

const AxleCLayout axleCLayouts[] = {
    ROW(PJRT_Api),
    ROW(PJRT_Api_Version),
    ROW(PJRT_Extension_Base),
    ROW(PJRT_Error),
    ROW(PJRT_Error_FunctionTable),
    ROW(PJRT_Memory),
    ROW(PJRT_Memory_FunctionTable),
    ROW(PJRT_Error_Destroy_Args),
    ROW(PJRT_Error_Message_Args),
    ROW(PJRT_Error_GetCode_Args),
    ROW(PJRT_NamedValue),
    ROW(PJRT_Plugin_Initialize_Args),
    ROW(PJRT_Plugin_Attributes_Args),
    ROW(PJRT_Event_IsReady_Args),
    ROW(PJRT_Event_OnReady_Args),
    ROW(PJRT_Event_Set_Args),
    ROW(PJRT_Client_Create_Args),
    ROW(PJRT_Client_AddressableDevices_Args),
    ROW(PJRT_Program),
    ROW(PJRT_Client_Compile_Args),
    ROW(PJRT_Client_DefaultDeviceAssignment_Args),
    ROW(PJRT_Buffer_MemoryLayout),
    ROW(PJRT_Client_BufferFromHostBuffer_Args),
    ROW(PJRT_Client_CreateUninitializedBuffer_Args),
    ROW(PJRT_ShapeSpec),
    ROW(PJRT_Device_MemoryStats_Args),
    ROW(PJRT_Device_GetAttributes_Args),
    ROW(PJRT_DeviceDescription_Attributes_Args),
    ROW(PJRT_Memory_Kind_Args),
    ROW(PJRT_Executable_GetCompiledMemoryStats_Args),
    ROW(PJRT_Executable_OutputDimensions_Args),
    ROW(PJRT_Executable_Serialize_Args),
    ROW(PJRT_ExecuteOptions),
    ROW(PJRT_LoadedExecutable_Execute_Args),
    ROW(PJRT_Buffer_GetMemoryLayout_Args),
    ROW(PJRT_Buffer_ToHostBuffer_Args),
    ROW(PJRT_Buffer_CopyRawToHostFuture_Callback_Args),
    ROW(PJRT_TopologyDescription_MakeCanonicalShapeForMemorySpace_Args),
    {"PJRT_Chunk", 0, sizeof(PJRT_Chunk)},
};

const size_t axleCLayoutCount = sizeof(axleCLayouts) / sizeof(axleCLayouts[0]);
