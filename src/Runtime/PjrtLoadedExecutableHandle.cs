using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>Owns a native <c>PJRT_LoadedExecutable</c>.</summary>
internal sealed unsafe class PjrtLoadedExecutableHandle : PjrtClientBoundHandle
{
    internal PjrtLoadedExecutableHandle(PjrtClientHandle client, PJRT_LoadedExecutable* executable)
        : base(client, (IntPtr)executable)
    {
        PjrtLiveObjects.ExecutableCreated();
    }

    /// <summary>The native executable; valid while this handle is open.</summary>
    internal PJRT_LoadedExecutable* Executable => (PJRT_LoadedExecutable*)handle;

    /// <inheritdoc/>
    protected override void DestroyNative()
    {
        var args = new PJRT_LoadedExecutable_Destroy_Args
        {
            struct_size = PjrtConstants.PJRT_LoadedExecutable_Destroy_Args_STRUCT_SIZE,
            executable = Executable,
        };
        Api.Destroy(Api.Raw->PJRT_LoadedExecutable_Destroy(&args));
        PjrtLiveObjects.ExecutableDestroyed();
    }
}
