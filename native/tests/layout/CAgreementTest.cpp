//===- CAgreementTest.cpp - C and C++ see the same layouts ----------------===//
//
// CHeaderCheck.c records STRUCT_SIZE and sizeof as a C compiler computes them;
// here the same rows are computed by the C++ compiler and compared, so a
// construct that C and C++ lay out differently (bool, enums, anonymous unions)
// cannot slip in unnoticed.
//
//===----------------------------------------------------------------------===//

#include "pjrt_c_api.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>

extern "C" {
// Same layout as the struct in CHeaderCheck.c.
struct AxleCLayout {
  const char *name;
  size_t structSize;
  size_t size;
};
extern const AxleCLayout axleCLayouts[];
extern const size_t axleCLayoutCount;
}

namespace {

#define ROW(T)                                                                 \
  { #T, T##_STRUCT_SIZE, sizeof(T) }

const AxleCLayout cppLayouts[] = {
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

TEST(CAgreement, SameRowsInBothLanguages) {
  constexpr size_t cppCount = sizeof(cppLayouts) / sizeof(cppLayouts[0]);
  ASSERT_EQ(axleCLayoutCount, cppCount);
  for (size_t i = 0; i < cppCount; ++i) {
    const AxleCLayout &c = axleCLayouts[i];
    const AxleCLayout &cpp = cppLayouts[i];
    ASSERT_STREQ(c.name, cpp.name) << "row " << i;
    EXPECT_EQ(c.structSize, cpp.structSize) << cpp.name;
    EXPECT_EQ(c.size, cpp.size) << cpp.name;
  }
}

TEST(CAgreement, StructSizeNeverExceedsSizeof) {
  for (const AxleCLayout &row : cppLayouts) {
    if (row.structSize == 0)
      continue; // no STRUCT_SIZE defined (PJRT_Chunk)
    EXPECT_LE(row.structSize, row.size) << row.name;
    // Tail padding is less than the largest alignment (8) on LP64.
    EXPECT_LT(row.size - row.structSize, 8u) << row.name;
  }
}

} // namespace
