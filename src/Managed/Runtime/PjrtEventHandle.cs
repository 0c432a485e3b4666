using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>Owns a native <c>PJRT_Event</c>; used briefly to wait for work to finish.</summary>
internal sealed unsafe class PjrtEventHandle : PjrtClientBoundHandle
{
    private PjrtEventHandle(PjrtClientHandle client, PJRT_Event* nativeEvent)
        : base(client, (IntPtr)nativeEvent)
    {
        PjrtLiveObjects.EventCreated();
    }

    /// <summary>Blocks until <paramref name="nativeEvent"/> fires, destroys it, and throws its error if any.</summary>
    /// <remarks>A null event means the plugin had nothing to wait for.</remarks>
    internal static void AwaitAndDestroy(PjrtClientHandle client, PJRT_Event* nativeEvent)
    {
        if (nativeEvent == null)
        {
            return;
        }

        using var owned = new PjrtEventHandle(client, nativeEvent);
        owned.Await();
    }

    private void Await()
    {
        Api.Require(nameof(PJRT_Api.PJRT_Event_Await));
        var args = new PJRT_Event_Await_Args
        {
            struct_size = PjrtConstants.PJRT_Event_Await_Args_STRUCT_SIZE,
            @event = (PJRT_Event*)handle,
        };
        Api.Check(Api.Raw->PJRT_Event_Await(&args));
    }

    /// <inheritdoc/>
    protected override void DestroyNative()
    {
        var args = new PJRT_Event_Destroy_Args
        {
            struct_size = PjrtConstants.PJRT_Event_Destroy_Args_STRUCT_SIZE,
            @event = (PJRT_Event*)handle,
        };
        Api.Destroy(Api.Raw->PJRT_Event_Destroy(&args));
        PjrtLiveObjects.EventDestroyed();
    }
}
