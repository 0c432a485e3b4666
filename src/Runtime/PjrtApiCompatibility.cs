using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// Which plugins Axle can drive. PJRT promises ABI compatibility within a major version:
/// a plugin with an older minor has a shorter <c>PJRT_Api</c> (its missing slots are reported
/// absent by <see cref="PjrtApi.Has"/> and never called), a newer minor only adds slots after
/// ours. A different major may have moved anything, so it is refused.
/// </summary>
internal static class PjrtApiCompatibility
{
    /// <summary>Bytes 16..39 of <c>PJRT_Api</c> hold the version; a shorter table cannot be read at all.</summary>
    internal const int VersionEnd = 40;

    /// <summary>Throws unless the table is long enough to hold its version.</summary>
    internal static void CheckStructSize(string path, nuint structSize)
    {
        if (structSize < VersionEnd)
        {
            throw new PjrtException(
                PjrtErrorCode.FailedPrecondition,
                $"The PJRT plugin '{path}' reports PJRT_Api.struct_size {structSize}, too small to hold its version (needs at least {VersionEnd}).");
        }
    }

    /// <summary>Throws unless <paramref name="major"/> is the major version the bindings were generated for.</summary>
    internal static void CheckVersion(string path, int major, int minor)
    {
        if (major != PjrtConstants.PJRT_API_MAJOR)
        {
            throw new PjrtException(
                PjrtErrorCode.FailedPrecondition,
                $"The PJRT plugin '{path}' implements PJRT C API {major}.{minor}; Axle needs major version "
                    + $"{PjrtConstants.PJRT_API_MAJOR} (it was built against {PjrtConstants.PJRT_API_MAJOR}.{PjrtConstants.PJRT_API_MINOR}). "
                    + "Use a plugin built for that major version (for JAX's CUDA plugin: a jax release from the same PJRT generation).");
        }
    }
}
