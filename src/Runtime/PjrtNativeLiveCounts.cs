using System.Runtime.InteropServices;
using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// Live-object counts a plugin keeps on its side, read through the bundled
/// plugin's own PJRT extension (type <c>AXLE_PJRT_EXTENSION_LIVE_OBJECTS</c>,
/// see <c>native/src/pjrt/LiveObjects.h</c>). Lets leak tests check both
/// sides of the boundary; other plugins do not have the extension.
/// </summary>
internal sealed record PjrtNativeLiveCounts(long Clients, long Buffers, long Executables, long LoadedExecutables, long Events, long Errors)
{
    /// <summary>The extension's type tag ('AXL1').</summary>
    private const int LiveObjectsExtensionType = 0x41584C31;

    /// <summary>Reads the counts, or returns null when the plugin lacks the extension.</summary>
    internal static unsafe PjrtNativeLiveCounts? Read(PjrtPlugin plugin)
    {
        for (PJRT_Extension_Base* extension = plugin.Api.Raw->extension_start; extension != null; extension = extension->next)
        {
            if ((int)extension->type != LiveObjectsExtensionType)
            {
                continue;
            }

            // Layout: the extension base (24 bytes), then `void (*get_live_counts)(AxleLiveObjectCounts*)`.
            var liveObjects = (LiveObjectsExtension*)extension;
            if (liveObjects->GetLiveCounts == null)
            {
                return null;
            }

            Counts counts;
            liveObjects->GetLiveCounts(&counts);
            return new PjrtNativeLiveCounts(counts.Clients, counts.Buffers, counts.Executables, counts.LoadedExecutables, counts.Events, counts.Errors);
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Counts
    {
        public long Clients;
        public long Buffers;
        public long Executables;
        public long LoadedExecutables;
        public long Events;
        public long Errors;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct LiveObjectsExtension
    {
        public PJRT_Extension_Base Base;
        public delegate* unmanaged[Cdecl]<Counts*, void> GetLiveCounts;
    }
}
