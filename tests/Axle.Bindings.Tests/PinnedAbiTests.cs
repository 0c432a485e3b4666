using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Axle.Bindings.Tests;

/// <summary>
/// Literal ABI facts of PJRT (x86-64), written down independently of both the
/// header and the generator: a wrong header would still pass the layout test
/// against itself, but not these.
/// </summary>
public class PinnedAbiTests
{
    private static int Offset<T>(string field) => Marshal.OffsetOf<T>(field).ToInt32();

    private static int ApiSlot(int index) => 40 + (8 * index);

    [Fact]
    public void ApiFunctionSlotsSitAtTheirIndex()
    {
        Assert.Equal(0, Offset<PJRT_Api>(nameof(PJRT_Api.struct_size)));
        Assert.Equal(8, Offset<PJRT_Api>(nameof(PJRT_Api.extension_start)));
        Assert.Equal(16, Offset<PJRT_Api>(nameof(PJRT_Api.pjrt_api_version)));
        Assert.Equal(ApiSlot(0), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_Error_Destroy)));
        Assert.Equal(ApiSlot(2), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_Error_GetCode)));
        Assert.Equal(ApiSlot(10), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_Client_Create)));
        Assert.Equal(ApiSlot(20), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_Client_Compile)));
        Assert.Equal(ApiSlot(22), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_Client_BufferFromHostBuffer)));
        Assert.Equal(ApiSlot(48), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_Executable_OptimizedProgram)));
        Assert.Equal(ApiSlot(55), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_LoadedExecutable_Execute)));
        Assert.Equal(ApiSlot(70), Offset<PJRT_Api>(nameof(PJRT_Api.PJRT_Buffer_ToHostBuffer)));
    }

    [Fact]
    public void ApiVersionLayout()
    {
        Assert.Equal(24, Unsafe.SizeOf<PJRT_Api_Version>());
        Assert.Equal(16, Offset<PJRT_Api_Version>(nameof(PJRT_Api_Version.major_version)));
        Assert.Equal(20, Offset<PJRT_Api_Version>(nameof(PJRT_Api_Version.minor_version)));
        Assert.Equal(0, PjrtConstants.PJRT_API_MAJOR);
    }

    [Fact]
    public void StructSizesExcludeTailPadding()
    {
        Assert.Equal(28, PjrtConstants.PJRT_Error_GetCode_Args_STRUCT_SIZE);
        Assert.Equal(32, Unsafe.SizeOf<PJRT_Error_GetCode_Args>());
        Assert.Equal(24, PjrtConstants.PJRT_Error_Destroy_Args_STRUCT_SIZE);
        Assert.Equal(40, PjrtConstants.PJRT_Error_Message_Args_STRUCT_SIZE);
    }

    [Fact]
    public void ArgsStructSizes()
    {
        Assert.Equal(88, PjrtConstants.PJRT_Client_Create_Args_STRUCT_SIZE);
        Assert.Equal(56, PjrtConstants.PJRT_Client_Compile_Args_STRUCT_SIZE);
        Assert.Equal(120, PjrtConstants.PJRT_Client_BufferFromHostBuffer_Args_STRUCT_SIZE);
        Assert.Equal(80, PjrtConstants.PJRT_LoadedExecutable_Execute_Args_STRUCT_SIZE);
        Assert.Equal(56, PjrtConstants.PJRT_Buffer_ToHostBuffer_Args_STRUCT_SIZE);
        Assert.Equal(48, PjrtConstants.PJRT_Program_STRUCT_SIZE);
        Assert.Equal(56, PjrtConstants.PJRT_NamedValue_STRUCT_SIZE);
        Assert.Equal(48, Unsafe.SizeOf<PJRT_Program>());
    }

    [Fact]
    public void BufferFromHostBufferLayout()
    {
        Assert.Equal(120, Unsafe.SizeOf<PJRT_Client_BufferFromHostBuffer_Args>());
        Assert.Equal(32, Offset<PJRT_Client_BufferFromHostBuffer_Args>(nameof(PJRT_Client_BufferFromHostBuffer_Args.type)));
        Assert.Equal(72, Offset<PJRT_Client_BufferFromHostBuffer_Args>(
            nameof(PJRT_Client_BufferFromHostBuffer_Args.host_buffer_semantics)));
        Assert.Equal(104, Offset<PJRT_Client_BufferFromHostBuffer_Args>(
            nameof(PJRT_Client_BufferFromHostBuffer_Args.done_with_host_buffer)));
        Assert.Equal(112, Offset<PJRT_Client_BufferFromHostBuffer_Args>(nameof(PJRT_Client_BufferFromHostBuffer_Args.buffer)));
    }

    [Fact]
    public void NamedValueUnionIsFlattenedAtOffset40()
    {
        Assert.Equal(56, Unsafe.SizeOf<PJRT_NamedValue>());
        Assert.Equal(32, Offset<PJRT_NamedValue>(nameof(PJRT_NamedValue.type)));
        Assert.Equal(40, Offset<PJRT_NamedValue>(nameof(PJRT_NamedValue.string_value)));
        Assert.Equal(40, Offset<PJRT_NamedValue>(nameof(PJRT_NamedValue.int64_value)));
        Assert.Equal(40, Offset<PJRT_NamedValue>(nameof(PJRT_NamedValue.int64_array_value)));
        Assert.Equal(40, Offset<PJRT_NamedValue>(nameof(PJRT_NamedValue.float_value)));
        Assert.Equal(40, Offset<PJRT_NamedValue>(nameof(PJRT_NamedValue.bool_value)));
        Assert.Equal(48, Offset<PJRT_NamedValue>(nameof(PJRT_NamedValue.value_size)));
    }

    [Fact]
    public unsafe void FieldTypesFollowTheMappingContract()
    {
        var value = default(PJRT_NamedValue);
        Assert.IsType<nuint>(value.name_size);
        Assert.IsType<long>(value.int64_value);
        Assert.IsType<byte>(value.bool_value);
        Assert.Equal(typeof(sbyte*), typeof(PJRT_NamedValue).GetField(nameof(PJRT_NamedValue.name))!.FieldType);
        Assert.Equal(typeof(PJRT_NamedValue_Type), typeof(PJRT_NamedValue).GetField(nameof(PJRT_NamedValue.type))!.FieldType);
        var api = default(PJRT_Api);
        delegate* unmanaged[Cdecl]<PJRT_Client_Create_Args*, PJRT_Error*> create = api.PJRT_Client_Create;
        delegate* unmanaged[Cdecl]<PJRT_Error_Destroy_Args*, void> destroy = api.PJRT_Error_Destroy;
        Assert.True(create == null && destroy == null);
        Assert.Empty(typeof(PJRT_Client).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public));
    }

    [Fact]
    public void EnumValues()
    {
        Assert.Equal(0, (int)PJRT_Buffer_Type.PJRT_Buffer_Type_INVALID);
        Assert.Equal(1, (int)PJRT_Buffer_Type.PJRT_Buffer_Type_PRED);
        Assert.Equal(11, (int)PJRT_Buffer_Type.PJRT_Buffer_Type_F32);
        Assert.Equal(12, (int)PJRT_Buffer_Type.PJRT_Buffer_Type_F64);
        Assert.Equal(13, (int)PJRT_Buffer_Type.PJRT_Buffer_Type_BF16);
        Assert.Equal(3, (int)PJRT_Error_Code.PJRT_Error_Code_INVALID_ARGUMENT);
        Assert.Equal(12, (int)PJRT_Error_Code.PJRT_Error_Code_UNIMPLEMENTED);
        Assert.Equal(4, (int)PJRT_NamedValue_Type.PJRT_NamedValue_kBool);
        Assert.Equal(typeof(int), Enum.GetUnderlyingType(typeof(PJRT_Buffer_Type)));
    }
}
