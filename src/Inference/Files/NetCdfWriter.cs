using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Axle.Inference.Files;

/// <summary>
/// Writes an <see cref="InferenceData"/> as ArviZ's <c>InferenceData.to_netcdf</c> does: a netCDF-4 file
/// with one group per InferenceData group, written through netCDF-C so the file is what xarray itself
/// would write (dimension scales, <c>_Netcdf4Dimid</c>, <c>_NCProperties</c> are netCDF-C's business).
/// </summary>
/// <remarks>
/// Per group, as xarray encodes a Dataset: every dimension a netCDF dimension with a coordinate variable
/// of the same name (int64, double or variable-length string labels); each variable over its named
/// dimensions in its own type (see <see cref="NetCdfTypes"/>; bool as int8 with <c>dtype = "bool"</c>);
/// float variables with <c>_FillValue = NaN</c>; non-scalar numeric variables compressed with zlib level 4
/// and shuffle (ArviZ's <c>compress=True</c>); the group's attributes as text, plus <c>created_at</c>
/// (UTC, Python's <c>isoformat</c>), <c>inference_library</c> and <c>inference_library_version</c> when the
/// group does not carry them (ArviZ's converters add the same keys).
/// </remarks>
internal static class NetCdfWriter
{
    private const int DeflateLevel = 4;

    internal static void Write(InferenceData idata, string path)
    {
        ArgumentNullException.ThrowIfNull(idata);
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Everything that can be refused is refused before the file exists.
        var layouts = idata.Groups.Select(g => GroupLayout.Of(g.Name, g.Group)).ToArray();
        var nc = NetCdfLibrary.Instance;
        // netCDF-C writes a private file that is then copied into place (see NetCdfLibrary on HDF5's locks);
        // a failure leaves nothing at path. (netCDF's in-memory files would avoid the copy, but their root
        // group does not track creation order, and netCDF-C then refuses to append to them: xarray's mode="a".)
        string temporary = Path.Combine(Path.GetTempPath(), $"axle-{Guid.NewGuid():N}.nc");
        try
        {
            lock (NetCdfLibrary.Gate) WriteFile(nc, temporary, layouts);
            CopyUnlocked(temporary, path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteFile(NetCdfLibrary nc, string temporary, GroupLayout[] layouts)
    {
        int ncid = nc.Create(temporary);
        try
        {
            foreach (var layout in layouts) WriteGroup(nc, ncid, layout);
        }
        catch
        {
            nc.Close(ncid);
            throw;
        }
        nc.CheckClose(ncid, temporary);
    }

    private static void WriteGroup(NetCdfLibrary nc, int ncid, GroupLayout layout)
    {
        int gid = nc.DefineGroup(ncid, layout.Name);
        var dimids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (dim, size) in layout.Dims) dimids[dim] = nc.DefineDim(gid, dim, size);

        foreach (var (dim, labels) in layout.Coords)
        {
            int type = labels switch { string[] => NetCdfTypes.String, double[] => NetCdfTypes.Double, _ => NetCdfTypes.Int64 };
            int varid = nc.DefineVar(gid, dim, type, [dimids[dim]]);
            if (type != NetCdfTypes.String) nc.Deflate(gid, varid, DeflateLevel, dim);
            switch (labels)
            {
                case string[] s: nc.PutVarStrings(gid, varid, s, dim); break;
                case double[] d: nc.PutVar(gid, varid, MemoryMarshal.AsBytes(d.AsSpan()), dim); break;
                case long[] l: nc.PutVar(gid, varid, MemoryMarshal.AsBytes(l.AsSpan()), dim); break;
            }
        }

        foreach (var v in layout.Group.Variables)
        {
            var (ncType, stored) = NetCdfTypes.Of(v.Values.DType);
            int varid = nc.DefineVar(gid, v.Name, ncType, [.. v.Dims.Select(d => dimids[d])]);
            if (v.Values.DType == DType.Bool) nc.PutAttText(gid, varid, NetCdfTypes.BoolMarker, "bool");
            if (stored.IsFloat()) nc.SetFill(gid, varid, double.NaN, v.Name);
            if (v.Values.Rank > 0) nc.Deflate(gid, varid, DeflateLevel, v.Name);
            byte[] bytes = stored == v.Values.DType ? v.Values.HostBytes() : HostData.Convert(v.Values.HostBytes(), v.Values.DType, stored);
            nc.PutVar(gid, varid, bytes, v.Name);
        }

        foreach (var (key, value) in layout.Attributes) nc.PutAttText(gid, NetCdfLibrary.Global, key, value);
    }

    /// <summary>
    /// Copies <paramref name="source"/> with plain <c>open</c>/<c>read</c>: .NET's own file reads take a shared
    /// flock, which the exclusive HDF5 lock a child process may have inherited on the temporary file refuses.
    /// </summary>
    private static unsafe void CopyUnlocked(string source, string destination)
    {
        int fd = Open(source, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"InferenceData.ToNetCdf: could not reopen '{source}' (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            using var output = new FileStream(destination, FileMode.Create, FileAccess.Write);
            var buffer = new byte[1 << 20];
            fixed (byte* p = buffer)
                while (true)
                {
                    nint n = Read(fd, p, (nuint)buffer.Length);
                    if (n == 0) break;
                    if (n < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == 4 /* EINTR */) continue;
                        throw new IOException($"InferenceData.ToNetCdf: could not read '{source}' (errno {errno})");
                    }
                    output.Write(buffer, 0, (int)n);
                }
        }
        finally
        {
            _ = CloseFd(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern unsafe nint Read(int fd, byte* buffer, nuint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int CloseFd(int fd);

    /// <summary>A group checked and laid out for writing: dimensions in first-use order, typed coordinate labels, attributes.</summary>
    private sealed record GroupLayout(string Name, InferenceGroup Group, List<(string Dim, int Size)> Dims,
        List<(string Dim, Array Labels)> Coords, List<(string Key, string Value)> Attributes)
    {
        internal static GroupLayout Of(string name, InferenceGroup group)
        {
            var dims = new List<(string, int)>();
            foreach (var v in group.Variables)
            {
                if (!v.Values.Shape.IsKnown)
                    throw new ArgumentException($"InferenceData.ToNetCdf: variable '{v.Name}' of group '{name}' has symbolic shape {v.Values.Shape}; only concrete draws can be written", "idata");
                foreach (string d in v.Dims)
                    if (!dims.Any(x => x.Item1 == d)) dims.Add((d, group.DimSizes[d]));
                if (group.DimSizes.ContainsKey(v.Name))
                    throw new ArgumentException($"InferenceData.ToNetCdf: variable '{v.Name}' of group '{name}' has the name of a dimension, whose coordinate variable it would replace; rename it", "idata");
            }
            foreach (var (d, size) in dims)
                if (size == 0)
                    throw new ArgumentException($"InferenceData.ToNetCdf: dimension '{d}' of group '{name}' has length 0; a netCDF dimension of length 0 is unlimited, which xarray reads differently", "idata");

            var coords = dims.Select(d => (d.Item1, Labels(name, d.Item1, group.Coords[d.Item1]))).ToList();
            return new GroupLayout(name, group, dims, coords, AttributesOf(group));
        }

        /// <summary>The labels as one array of the type they will be stored as: long[], double[] or string[].</summary>
        private static Array Labels(string group, string dim, IReadOnlyList<object> labels)
        {
            if (labels.All(l => l is string)) return labels.Cast<string>().ToArray();
            if (labels.All(l => l is sbyte or byte or short or ushort or int or uint or long || l is ulong u && u <= long.MaxValue))
                return labels.Select(l => Convert.ToInt64(l, CultureInfo.InvariantCulture)).ToArray();
            if (labels.All(l => l is float or double)) return labels.Select(l => Convert.ToDouble(l, CultureInfo.InvariantCulture)).ToArray();
            string kinds = string.Join(", ", labels.Select(l => l?.GetType().Name ?? "null").Distinct());
            throw new ArgumentException(
                $"InferenceData.ToNetCdf: coordinate '{dim}' of group '{group}' has labels of type {kinds}; expected all strings, all integers or all floats", "idata");
        }

        private static List<(string, string)> AttributesOf(InferenceGroup group)
        {
            var attributes = group.Attributes.Select(a => (a.Key, a.Value)).ToList();
            void Default(string key, string value)
            {
                if (!group.Attributes.ContainsKey(key)) attributes.Insert(0, (key, value));
            }
            Default("inference_library_version", LibraryVersion);
            Default("inference_library", "axle");
            Default("created_at", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture));
            return attributes;
        }
    }

    private static string LibraryVersion { get; } =
        (typeof(InferenceData).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];
}
