using System.Globalization;
using System.Text;

namespace Axle.Inference.Files;

/// <summary>
/// Reads an ArviZ InferenceData netCDF file (what <c>InferenceData.to_netcdf</c> or
/// <see cref="NetCdfWriter"/> writes) the way ArviZ's <c>from_netcdf</c> does: every top-level group is
/// one InferenceData group, decoded as xarray decodes a Dataset.
/// </summary>
/// <remarks>
/// Decoding, as xarray's defaults do: an int8 variable with <c>dtype = "bool"</c> becomes Bool; a float
/// variable's <c>_FillValue</c> entries become NaN; a 1-D variable named like its dimension is that
/// dimension's coordinate (strings stay strings; integers come back as <c>int</c> when every label fits,
/// else <c>long</c>; floats as <c>double</c>); a dimension without one gets 0, 1, …. Group attributes
/// become text (numbers in invariant culture, several values joined by ", "). Refused: groups
/// InferenceData has no slot for, string or packed (<c>scale_factor</c>/<c>add_offset</c>) data variables,
/// user-defined types, files over 2 GB (the file is read whole into memory and opened from there, see
/// <see cref="NetCdfLibrary"/>).
/// </remarks>
internal static unsafe class NetCdfReader
{
    internal static InferenceData Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"InferenceData.FromNetCdf: no file '{path}'", path);
        var nc = NetCdfLibrary.Instance;
        byte[] image = File.ReadAllBytes(path);
        lock (NetCdfLibrary.Gate)
            fixed (byte* bytes = image)
            {
                int ncid = nc.OpenInMemory(path, bytes, image.Length);
                try
                {
                    return ReadGroups(nc, ncid, path);
                }
                finally
                {
                    nc.Close(ncid);
                }
            }
    }

    private static InferenceData ReadGroups(NetCdfLibrary nc, int ncid, string path)
    {
        var idata = new InferenceData();
        foreach (int gid in nc.Groups(ncid))
        {
            string name = nc.GroupName(gid);
            if (!InferenceData.GroupNames.Contains(name))
                throw new InvalidDataException(
                    $"InferenceData.FromNetCdf: '{path}' has a group '{name}', which InferenceData does not hold; it holds {string.Join(", ", InferenceData.GroupNames)}");
            idata[name] = ReadGroup(nc, gid, path, name);
        }
        return idata;
    }

    private static InferenceGroup ReadGroup(NetCdfLibrary nc, int gid, string path, string group)
    {
        var coords = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);
        var variables = new List<InferenceVariable>();
        foreach (int varid in nc.VarIds(gid))
        {
            var (name, type, dimids, attCount) = nc.Var(gid, varid);
            var dims = dimids.Select(d => nc.Dim(gid, d)).ToArray();
            string where = $"variable '{name}' of group '{group}' in '{path}'";
            if (dims.Length == 1 && dims[0].Name == name)
            {
                coords[name] = ReadLabels(nc, gid, varid, type, checked((int)dims[0].Length), where);
                continue;
            }
            var attributes = Enumerable.Range(0, attCount).Select(i => nc.AttName(gid, varid, i)).ToHashSet(StringComparer.Ordinal);
            if (attributes.Contains("scale_factor") || attributes.Contains("add_offset"))
                throw new NotSupportedException($"InferenceData.FromNetCdf: {where} is packed (scale_factor/add_offset); unpacking is not supported");
            DType dtype = NetCdfTypes.ToDType(type)
                ?? throw new NotSupportedException($"InferenceData.FromNetCdf: {where} has type {NetCdfTypes.Name(type)}; a Tensor holds numbers only");
            var shape = new Shape(dims.Select(d => checked((int)d.Length)).ToArray());
            byte[] bytes = new byte[checked((int)shape.ElementCount * dtype.ByteSize())];
            nc.GetVar(gid, varid, bytes, name);
            if (type == NetCdfTypes.Byte && attributes.Contains(NetCdfTypes.BoolMarker) && Text(nc, gid, varid, NetCdfTypes.BoolMarker) == "bool")
            {
                for (int i = 0; i < bytes.Length; i++) bytes[i] = bytes[i] != 0 ? (byte)1 : (byte)0;
                dtype = DType.Bool;
            }
            if (dtype.IsFloat() && attributes.Contains("_FillValue")) MaskFill(nc, gid, varid, dtype, bytes);
            variables.Add(new InferenceVariable(name, Tensor.FromBytes(bytes, dtype, shape), [.. dims.Select(d => d.Name)]));
        }
        var groupAttributes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < nc.AttCount(gid); i++)
        {
            string key = nc.AttName(gid, NetCdfLibrary.Global, i);
            groupAttributes[key] = Text(nc, gid, NetCdfLibrary.Global, key);
        }
        return new InferenceGroup(variables, coords, groupAttributes);
    }

    private static IReadOnlyList<object> ReadLabels(NetCdfLibrary nc, int gid, int varid, int type, int count, string where)
    {
        if (type == NetCdfTypes.String) return nc.GetVarStrings(gid, varid, count, where);
        DType dtype = NetCdfTypes.ToDType(type)
            ?? throw new NotSupportedException($"InferenceData.FromNetCdf: coordinate {where} has type {NetCdfTypes.Name(type)}");
        var bytes = new byte[count * dtype.ByteSize()];
        nc.GetVar(gid, varid, bytes, where);
        var tensor = Tensor.FromBytes(bytes, dtype, new Shape(count));
        if (dtype.IsFloat()) return tensor.ToArray<double>().Cast<object>().ToArray();
        long[] labels = tensor.ToArray<long>();
        return labels.All(l => l is >= int.MinValue and <= int.MaxValue)
            ? labels.Select(l => (object)(int)l).ToArray()
            : labels.Cast<object>().ToArray();
    }

    /// <summary>xarray's mask: entries equal to the fill value are missing, hence NaN.</summary>
    private static void MaskFill(NetCdfLibrary nc, int gid, int varid, DType dtype, byte[] bytes)
    {
        var (type, length) = nc.Att(gid, varid, "_FillValue");
        DType? fillType = NetCdfTypes.ToDType(type);
        if (length != 1 || fillType is null) return;
        double fill = Tensor.FromBytes(nc.GetAtt(gid, varid, "_FillValue", fillType.Value.ByteSize()), fillType.Value, Shape.Scalar).Item<double>();
        if (double.IsNaN(fill)) return;
        if (dtype == DType.F64)
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
            for (int i = 0; i < values.Length; i++) if (values[i] == fill) values[i] = double.NaN;
        }
        else
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
            for (int i = 0; i < values.Length; i++) if (values[i] == (float)fill) values[i] = float.NaN;
        }
    }

    /// <summary>An attribute as text: text as is, strings joined, numbers in invariant culture.</summary>
    private static string Text(NetCdfLibrary nc, int gid, int varid, string key)
    {
        var (type, length) = nc.Att(gid, varid, key);
        int count = checked((int)length);
        if (type == NetCdfTypes.Char) return Encoding.UTF8.GetString(nc.GetAtt(gid, varid, key, count)).TrimEnd('\0');
        if (type == NetCdfTypes.String) return string.Join(", ", nc.GetAttStrings(gid, varid, key, count));
        DType dtype = NetCdfTypes.ToDType(type)
            ?? throw new NotSupportedException($"InferenceData.FromNetCdf: attribute '{key}' has type {NetCdfTypes.Name(type)}");
        var tensor = Tensor.FromBytes(nc.GetAtt(gid, varid, key, count * dtype.ByteSize()), dtype, new Shape(count));
        return string.Join(", ", dtype.IsFloat()
            ? tensor.ToArray<double>().Select(d => d.ToString("R", CultureInfo.InvariantCulture))
            : tensor.ToArray<long>().Select(l => l.ToString(CultureInfo.InvariantCulture)));
    }
}
