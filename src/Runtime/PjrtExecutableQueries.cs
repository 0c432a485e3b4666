using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// Queries on a <c>PJRT_Executable</c> (the compiled program behind a loaded
/// executable). The caller owns the executable pointer and keeps it alive.
/// </summary>
internal static unsafe class PjrtExecutableQueries
{
    internal static string Name(PjrtApi api, IntPtr executable)
    {
        api.Require(nameof(PJRT_Api.PJRT_Executable_Name));
        var args = new PJRT_Executable_Name_Args
        {
            struct_size = PjrtConstants.PJRT_Executable_Name_Args_STRUCT_SIZE,
            executable = (PJRT_Executable*)executable,
        };
        api.Check(api.Raw->PJRT_Executable_Name(&args));
        return PjrtApi.Utf8(args.executable_name, args.executable_name_size);
    }

    internal static int NumOutputs(PjrtApi api, IntPtr executable)
    {
        api.Require(nameof(PJRT_Api.PJRT_Executable_NumOutputs));
        var args = new PJRT_Executable_NumOutputs_Args
        {
            struct_size = PjrtConstants.PJRT_Executable_NumOutputs_Args_STRUCT_SIZE,
            executable = (PJRT_Executable*)executable,
        };
        api.Check(api.Raw->PJRT_Executable_NumOutputs(&args));
        return checked((int)args.num_outputs);
    }

    internal static PjrtElementType[] OutputElementTypes(PjrtApi api, IntPtr executable)
    {
        api.Require(nameof(PJRT_Api.PJRT_Executable_OutputElementTypes));
        var args = new PJRT_Executable_OutputElementTypes_Args
        {
            struct_size = PjrtConstants.PJRT_Executable_OutputElementTypes_Args_STRUCT_SIZE,
            executable = (PJRT_Executable*)executable,
        };
        api.Check(api.Raw->PJRT_Executable_OutputElementTypes(&args));
        var types = new PjrtElementType[checked((int)args.num_output_types)];
        for (int i = 0; i < types.Length; i++)
        {
            types[i] = (PjrtElementType)(int)args.output_types[i];
        }

        return types;
    }

    internal static long[][] OutputDimensions(PjrtApi api, IntPtr executable)
    {
        api.Require(nameof(PJRT_Api.PJRT_Executable_OutputDimensions));
        var args = new PJRT_Executable_OutputDimensions_Args
        {
            struct_size = PjrtConstants.PJRT_Executable_OutputDimensions_Args_STRUCT_SIZE,
            executable = (PJRT_Executable*)executable,
        };
        api.Check(api.Raw->PJRT_Executable_OutputDimensions(&args));
        var shapes = new long[checked((int)args.num_outputs)][];
        long offset = 0;
        for (int i = 0; i < shapes.Length; i++)
        {
            int rank = checked((int)args.dim_sizes[i]);
            shapes[i] = new ReadOnlySpan<long>(args.dims + offset, rank).ToArray();
            offset += rank;
        }

        return shapes;
    }

    /// <summary>The optimized program's bytes and its format name (<c>mlir</c> text from the bundled plugin, <c>hlo</c> — a serialized HloModuleProto — from XLA).</summary>
    internal static (string Format, byte[] Code) OptimizedProgram(PjrtApi api, IntPtr executable)
    {
        api.Require(nameof(PJRT_Api.PJRT_Executable_OptimizedProgram));
        var program = new PJRT_Program { struct_size = PjrtConstants.PJRT_Program_STRUCT_SIZE };
        var args = new PJRT_Executable_OptimizedProgram_Args
        {
            struct_size = PjrtConstants.PJRT_Executable_OptimizedProgram_Args_STRUCT_SIZE,
            executable = (PJRT_Executable*)executable,
            program = &program,
        };

        // First call with no code pointer asks for the size; the second fills our array.
        api.Check(api.Raw->PJRT_Executable_OptimizedProgram(&args));
        var code = new byte[checked((int)program.code_size)];
        if (code.Length != 0)
        {
            fixed (byte* target = code)
            {
                program.code = (sbyte*)target;
                api.Check(api.Raw->PJRT_Executable_OptimizedProgram(&args));
            }
        }

        return (PjrtApi.Utf8(program.format, program.format_size), code);
    }
}
