using Axle.Runtime;

namespace Axle;

/// <summary>
/// The default PJRT client, created on first use from Axle.Runtime's default plugin resolution
/// (<c>AXLE_PJRT_PLUGIN</c>, then the bundled CPU plugin) and shared by every tensor.
/// </summary>
internal static class Backend
{
    private static readonly Lazy<PjrtClient> LazyClient = new(() => PjrtClient.Create(PjrtPlugin.LoadDefault()));

    public static PjrtClient Client => LazyClient.Value;

    public static PjrtDevice DefaultDevice => Client.AddressableDevices[0];
}
