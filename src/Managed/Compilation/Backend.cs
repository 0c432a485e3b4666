using Axle.Runtime;

namespace Axle;

/// <summary>
/// The default PJRT client, shared by every tensor: created on first use from Axle.Runtime's
/// default plugin resolution (<c>AXLE_PJRT_PLUGIN</c>, <c>AXLE_PLATFORM</c>, then the bundled
/// CPU plugin), or from the plugin <see cref="Ax.UsePlugin"/> chose before that first use.
/// </summary>
internal static class Backend
{
    private static readonly object Gate = new();
    private static Func<PjrtClient> factory = () => PjrtClient.Create(PjrtPlugin.LoadDefault());
    private static string? configured;
    private static PjrtClient? client;

    public static PjrtClient Client => Volatile.Read(ref client) ?? Create();

    public static PjrtDevice DefaultDevice => Client.AddressableDevices[0];

    /// <summary>
    /// Replaces how the client is created. Tensors hold buffers of one client, so once it
    /// exists only the same choice (same <paramref name="description"/>) is accepted again.
    /// </summary>
    public static void Configure(string description, Func<PjrtClient> create)
    {
        lock (Gate)
        {
            if (client is not null)
            {
                if (configured == description) return;
                throw new InvalidOperationException(
                    $"The default backend is already running on '{client.Plugin.Path}' ({client.PlatformName}); "
                    + $"Ax.UsePlugin must come before the first tensor operation (requested: {description}).");
            }

            factory = create;
            configured = description;
        }
    }

    private static PjrtClient Create()
    {
        lock (Gate)
        {
            if (client is null)
            {
                PjrtClient created = factory();
                configured ??= created.Plugin.Path;
                Volatile.Write(ref client, created);
            }

            return client;
        }
    }
}
