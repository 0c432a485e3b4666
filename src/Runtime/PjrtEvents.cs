using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// Waits for native <c>PJRT_Event</c>s and destroys them. An event lives only for the span of
/// the call that waits on it, and every caller holds a reference on the client meanwhile, so a
/// try/finally owns it: a SafeHandle per event (an allocation, a finalizer registration and a
/// client reference) would cost more than a whole dispatch on a synchronous plugin.
/// </summary>
internal static unsafe class PjrtEvents
{
    /// <summary>Blocks until <paramref name="nativeEvent"/> fires, destroys it, and throws its error if any.</summary>
    /// <remarks>A null event means the plugin had nothing to wait for. The caller keeps <paramref name="client"/> alive.</remarks>
    internal static void AwaitAndDestroy(PjrtClientHandle client, PJRT_Event* nativeEvent)
    {
        if (nativeEvent == null)
        {
            return;
        }

        PjrtApi api = client.Api;
        PjrtLiveObjects.EventCreated();
        try
        {
            if (!api.HasEventAwait)
            {
                api.Require(nameof(PJRT_Api.PJRT_Event_Await));
            }

            var args = new PJRT_Event_Await_Args
            {
                struct_size = PjrtConstants.PJRT_Event_Await_Args_STRUCT_SIZE,
                @event = nativeEvent,
            };
            api.Check(api.Raw->PJRT_Event_Await(&args));
        }
        finally
        {
            Destroy(api, nativeEvent);
        }
    }

    private static void Destroy(PjrtApi api, PJRT_Event* nativeEvent)
    {
        if (api.HasEventDestroy)
        {
            var args = new PJRT_Event_Destroy_Args
            {
                struct_size = PjrtConstants.PJRT_Event_Destroy_Args_STRUCT_SIZE,
                @event = nativeEvent,
            };
            api.Destroy(api.Raw->PJRT_Event_Destroy(&args));
        }

        PjrtLiveObjects.EventDestroyed();
    }
}
