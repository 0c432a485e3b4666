using System.Runtime.InteropServices;
using System.Text;

namespace Axle.Inference.Files;

/// <summary>
/// netCDF-C (Unidata's reference library, the one xarray's <c>netcdf4</c> engine and ArviZ use) through
/// its C API, loaded at first use from the system: Debian's <c>libnetcdf19</c>. Only the calls the
/// InferenceData reader and writer need, each wrapped so a failing status becomes an exception that
/// says what was being done and netCDF's own message.
/// </summary>
/// <remarks>
/// Loaded with <see cref="NativeLibrary"/> and called through function pointers rather than
/// <c>DllImport</c>: the soname differs between releases (<c>libnetcdf.so.19</c> on Debian 12,
/// <c>.so.22</c> on Debian 13, plain <c>libnetcdf.so</c> only with <c>libnetcdf-dev</c>), and an
/// assembly can have only one import resolver. The functions used have kept their signatures
/// since netCDF 4.0.
/// </remarks>
internal sealed unsafe class NetCdfLibrary
{
    internal const int NoWrite = 0, NetCdf4 = 0x1000, Global = -1, MaxName = 256;

    /// <summary>What to install where the library is missing.</summary>
    internal const string AptHint = "apt-get install libnetcdf19 (Debian 12; libnetcdf22 on Debian 13, or libnetcdf-dev on any release)";

    /// <summary>The names tried, in order: the development symlink, then the sonames of recent releases.</summary>
    internal static readonly string[] Candidates =
        ["libnetcdf.so", "libnetcdf.so.22", "libnetcdf.so.19", "libnetcdf.so.18", "libnetcdf.so.15", "libnetcdf.so.13", "libnetcdf.dylib", "netcdf.dll", "netcdf"];

    private static readonly Lazy<NetCdfLibrary> Shared = new(() => Load(Candidates));

    /// <summary>netCDF-C and Debian's serial HDF5 beneath it are not thread-safe: every file operation holds this.</summary>
    internal static readonly Lock Gate = new();

    /// <summary>The process-wide library (loaded once, never unloaded).</summary>
    /// <exception cref="DllNotFoundException">No candidate loads; the message names the Debian package.</exception>
    internal static NetCdfLibrary Instance => Shared.Value;

    private readonly IntPtr _handle;

    private NetCdfLibrary(IntPtr handle, string name)
    {
        _handle = handle;
        Name = name;
        _strerror = (delegate* unmanaged<int, byte*>)Export("nc_strerror");
        _create = (delegate* unmanaged<byte*, int, int*, int>)Export("nc_create");
        _openMem = (delegate* unmanaged<byte*, int, nuint, void*, int*, int>)Export("nc_open_mem");
        _close = (delegate* unmanaged<int, int>)Export("nc_close");
        _defGrp = (delegate* unmanaged<int, byte*, int*, int>)Export("nc_def_grp");
        _defDim = (delegate* unmanaged<int, byte*, nuint, int*, int>)Export("nc_def_dim");
        _defVar = (delegate* unmanaged<int, byte*, int, int, int*, int*, int>)Export("nc_def_var");
        _defVarDeflate = (delegate* unmanaged<int, int, int, int, int, int>)Export("nc_def_var_deflate");
        _defVarFill = (delegate* unmanaged<int, int, int, void*, int>)Export("nc_def_var_fill");
        _putAttText = (delegate* unmanaged<int, int, byte*, nuint, byte*, int>)Export("nc_put_att_text");
        _putAttString = (delegate* unmanaged<int, int, byte*, nuint, byte**, int>)Export("nc_put_att_string");
        _putVar = (delegate* unmanaged<int, int, void*, int>)Export("nc_put_var");
        _putVarString = (delegate* unmanaged<int, int, byte**, int>)Export("nc_put_var_string");
        _inqGrps = (delegate* unmanaged<int, int*, int*, int>)Export("nc_inq_grps");
        _inqGrpname = (delegate* unmanaged<int, byte*, int>)Export("nc_inq_grpname");
        _inqVarids = (delegate* unmanaged<int, int*, int*, int>)Export("nc_inq_varids");
        _inqVar = (delegate* unmanaged<int, int, byte*, int*, int*, int*, int*, int>)Export("nc_inq_var");
        _inqDim = (delegate* unmanaged<int, int, byte*, nuint*, int>)Export("nc_inq_dim");
        _getVar = (delegate* unmanaged<int, int, void*, int>)Export("nc_get_var");
        _getVarString = (delegate* unmanaged<int, int, byte**, int>)Export("nc_get_var_string");
        _freeString = (delegate* unmanaged<nuint, byte**, int>)Export("nc_free_string");
        _inqNatts = (delegate* unmanaged<int, int*, int>)Export("nc_inq_natts");
        _inqAttname = (delegate* unmanaged<int, int, int, byte*, int>)Export("nc_inq_attname");
        _inqAtt = (delegate* unmanaged<int, int, byte*, int*, nuint*, int>)Export("nc_inq_att");
        _getAtt = (delegate* unmanaged<int, int, byte*, void*, int>)Export("nc_get_att");
        _getAttString = (delegate* unmanaged<int, int, byte*, byte**, int>)Export("nc_get_att_string");
    }

    /// <summary>The file name the library was loaded from (one of <see cref="Candidates"/>).</summary>
    internal string Name { get; }

    /// <summary>Loads the first of <paramref name="candidates"/> that the dynamic loader finds.</summary>
    /// <exception cref="DllNotFoundException">None loads; the message lists them and names the Debian package.</exception>
    internal static NetCdfLibrary Load(IReadOnlyList<string> candidates)
    {
        foreach (string name in candidates)
            if (NativeLibrary.TryLoad(name, typeof(NetCdfLibrary).Assembly, null, out IntPtr handle))
                return new NetCdfLibrary(handle, name);
        throw new DllNotFoundException(
            $"netCDF files need the netCDF-C library, and none of {string.Join(", ", candidates)} could be loaded: {AptHint}");
    }

    private IntPtr Export(string symbol) =>
        NativeLibrary.TryGetExport(_handle, symbol, out IntPtr address) ? address
            : throw new EntryPointNotFoundException($"{Name} has no '{symbol}'; netCDF-C 4.x is needed ({AptHint})");

    // === files and groups ===
    // HDF5 opens files without close-on-exec and flocks them, so a child process started meanwhile by any
    // thread inherits the lock, and the next open of the file fails with "HDF error" until that child
    // exits. Callers therefore never let HDF5 open the user's file: the writer builds a private temporary
    // file and copies it (a new inode, never locked), the reader opens the bytes in memory.

    /// <summary>Creates (or replaces) a netCDF-4 file on disk.</summary>
    internal int Create(string path)
    {
        int ncid;
        fixed (byte* p = Utf8(path)) Check(_create(p, NetCdf4, &ncid), $"create '{path}'");
        return ncid;
    }

    internal void CheckClose(int ncid, string path) => Check(_close(ncid), $"close '{path}'");

    /// <summary>Opens <paramref name="image"/> (a file's bytes, which must stay alive and pinned until <see cref="Close"/>) read-only.</summary>
    internal int OpenInMemory(string path, byte* image, long length)
    {
        int ncid;
        fixed (byte* p = Utf8(path)) Check(_openMem(p, NoWrite, (nuint)length, image, &ncid), $"open '{path}'");
        return ncid;
    }

    /// <summary>Closes a file; returns netCDF's status (a failed close of a file being abandoned is not worth a second exception).</summary>
    internal int Close(int ncid) => _close(ncid);

    internal int DefineGroup(int parent, string name)
    {
        int id;
        fixed (byte* p = Utf8(name)) Check(_defGrp(parent, p, &id), $"define group '{name}'");
        return id;
    }

    internal int[] Groups(int ncid)
    {
        int count;
        Check(_inqGrps(ncid, &count, null), "list groups");
        var ids = new int[count];
        fixed (int* p = ids) Check(_inqGrps(ncid, &count, p), "list groups");
        return ids;
    }

    internal string GroupName(int ncid)
    {
        byte* name = stackalloc byte[MaxName + 1];
        Check(_inqGrpname(ncid, name), "read a group's name");
        return Marshal.PtrToStringUTF8((IntPtr)name)!;
    }

    // === dimensions and variables ===

    internal int DefineDim(int ncid, string name, long length)
    {
        int id;
        fixed (byte* p = Utf8(name)) Check(_defDim(ncid, p, (nuint)length, &id), $"define dimension '{name}' of length {length}");
        return id;
    }

    internal (string Name, long Length) Dim(int ncid, int dimid)
    {
        byte* name = stackalloc byte[MaxName + 1];
        nuint length;
        Check(_inqDim(ncid, dimid, name, &length), $"read dimension {dimid}");
        return (Marshal.PtrToStringUTF8((IntPtr)name)!, (long)length);
    }

    internal int DefineVar(int ncid, string name, int type, int[] dimids)
    {
        int id;
        fixed (byte* p = Utf8(name))
        fixed (int* d = dimids)
            Check(_defVar(ncid, p, type, dimids.Length, d, &id), $"define variable '{name}'");
        return id;
    }

    /// <summary>zlib at <paramref name="level"/> with the shuffle filter (netCDF4-python's <c>zlib=True</c>).</summary>
    internal void Deflate(int ncid, int varid, int level, string name) =>
        Check(_defVarDeflate(ncid, varid, 1, 1, level), $"compress variable '{name}'");

    internal void SetFill(int ncid, int varid, double fill, string name) =>
        Check(_defVarFill(ncid, varid, 0, &fill), $"set the fill value of '{name}'");

    internal int[] VarIds(int ncid)
    {
        int count;
        Check(_inqVarids(ncid, &count, null), "list variables");
        var ids = new int[count];
        fixed (int* p = ids) Check(_inqVarids(ncid, &count, p), "list variables");
        return ids;
    }

    internal (string Name, int Type, int[] DimIds, int AttCount) Var(int ncid, int varid)
    {
        byte* name = stackalloc byte[MaxName + 1];
        int type, ndims, natts;
        Check(_inqVar(ncid, varid, name, &type, &ndims, null, &natts), $"read variable {varid}");
        var dimids = new int[ndims];
        fixed (int* d = dimids) Check(_inqVar(ncid, varid, null, null, null, d, null), $"read variable {varid}");
        return (Marshal.PtrToStringUTF8((IntPtr)name)!, type, dimids, natts);
    }

    internal void PutVar(int ncid, int varid, ReadOnlySpan<byte> data, string name)
    {
        fixed (byte* p = data) Check(_putVar(ncid, varid, p), $"write variable '{name}'");
    }

    internal void PutVarStrings(int ncid, int varid, IReadOnlyList<string> values, string name)
    {
        var utf8 = values.Select(Utf8).ToArray();
        var handles = utf8.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = handles.Select(h => (IntPtr)h.AddrOfPinnedObject()).ToArray();
            fixed (IntPtr* p = pointers) Check(_putVarString(ncid, varid, (byte**)p), $"write variable '{name}'");
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    internal void GetVar(int ncid, int varid, Span<byte> data, string name)
    {
        fixed (byte* p = data) Check(_getVar(ncid, varid, p), $"read variable '{name}'");
    }

    internal string[] GetVarStrings(int ncid, int varid, int count, string name)
    {
        var pointers = new IntPtr[count];
        fixed (IntPtr* p = pointers)
        {
            Check(_getVarString(ncid, varid, (byte**)p), $"read variable '{name}'");
            var values = pointers.Select(s => Marshal.PtrToStringUTF8(s) ?? "").ToArray();
            Check(_freeString((nuint)count, (byte**)p), $"free the strings of '{name}'");
            return values;
        }
    }

    // === attributes ===

    /// <summary>
    /// A text attribute as netCDF4-python (hence xarray) writes a Python str: ASCII as <c>char</c>
    /// (<c>NC_CHAR</c>), anything else as one UTF-8 <c>string</c> (<c>NC_STRING</c>), which h5py and h5netcdf
    /// decode as UTF-8 where they would decode <c>char</c> as ASCII.
    /// </summary>
    internal void PutAttText(int ncid, int varid, string name, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* n = Utf8(name))
        {
            if (value.All(char.IsAscii))
            {
                fixed (byte* v = bytes) Check(_putAttText(ncid, varid, n, (nuint)bytes.Length, v), $"write attribute '{name}'");
                return;
            }
            fixed (byte* v = Utf8(value))
            {
                byte* one = v;
                Check(_putAttString(ncid, varid, n, 1, &one), $"write attribute '{name}'");
            }
        }
    }

    internal int AttCount(int ncid)
    {
        int count;
        Check(_inqNatts(ncid, &count), "count attributes");
        return count;
    }

    internal string AttName(int ncid, int varid, int index)
    {
        byte* name = stackalloc byte[MaxName + 1];
        Check(_inqAttname(ncid, varid, index, name), $"read the name of attribute {index}");
        return Marshal.PtrToStringUTF8((IntPtr)name)!;
    }

    internal (int Type, long Length) Att(int ncid, int varid, string name)
    {
        int type;
        nuint length;
        fixed (byte* n = Utf8(name)) Check(_inqAtt(ncid, varid, n, &type, &length), $"read attribute '{name}'");
        return (type, (long)length);
    }

    /// <summary>An attribute's raw values (numbers, or the bytes of a text attribute).</summary>
    internal byte[] GetAtt(int ncid, int varid, string name, int byteCount)
    {
        var data = new byte[byteCount];
        fixed (byte* n = Utf8(name))
        fixed (byte* d = data)
            Check(_getAtt(ncid, varid, n, d), $"read attribute '{name}'");
        return data;
    }

    internal string[] GetAttStrings(int ncid, int varid, string name, int count)
    {
        var pointers = new IntPtr[count];
        fixed (byte* n = Utf8(name))
        fixed (IntPtr* p = pointers)
        {
            Check(_getAttString(ncid, varid, n, (byte**)p), $"read attribute '{name}'");
            var values = pointers.Select(s => Marshal.PtrToStringUTF8(s) ?? "").ToArray();
            Check(_freeString((nuint)count, (byte**)p), $"free attribute '{name}'");
            return values;
        }
    }

    private void Check(int status, string what)
    {
        if (status != 0)
            throw new IOException($"netCDF: could not {what}: {Marshal.PtrToStringUTF8((IntPtr)_strerror(status))} (status {status})");
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s + "\0");

    private readonly delegate* unmanaged<int, byte*> _strerror;
    private readonly delegate* unmanaged<byte*, int, int*, int> _create;
    private readonly delegate* unmanaged<byte*, int, nuint, void*, int*, int> _openMem;
    private readonly delegate* unmanaged<int, int> _close;
    private readonly delegate* unmanaged<int, byte*, int*, int> _defGrp;
    private readonly delegate* unmanaged<int, byte*, nuint, int*, int> _defDim;
    private readonly delegate* unmanaged<int, byte*, int, int, int*, int*, int> _defVar;
    private readonly delegate* unmanaged<int, int, int, int, int, int> _defVarDeflate;
    private readonly delegate* unmanaged<int, int, int, void*, int> _defVarFill;
    private readonly delegate* unmanaged<int, int, byte*, nuint, byte*, int> _putAttText;
    private readonly delegate* unmanaged<int, int, byte*, nuint, byte**, int> _putAttString;
    private readonly delegate* unmanaged<int, int, void*, int> _putVar, _getVar;
    private readonly delegate* unmanaged<int, int, byte**, int> _putVarString, _getVarString;
    private readonly delegate* unmanaged<int, int*, int*, int> _inqGrps, _inqVarids;
    private readonly delegate* unmanaged<int, byte*, int> _inqGrpname;
    private readonly delegate* unmanaged<int, int, byte*, int*, int*, int*, int*, int> _inqVar;
    private readonly delegate* unmanaged<int, int, byte*, nuint*, int> _inqDim;
    private readonly delegate* unmanaged<nuint, byte**, int> _freeString;
    private readonly delegate* unmanaged<int, int*, int> _inqNatts;
    private readonly delegate* unmanaged<int, int, int, byte*, int> _inqAttname;
    private readonly delegate* unmanaged<int, int, byte*, int*, nuint*, int> _inqAtt;
    private readonly delegate* unmanaged<int, int, byte*, void*, int> _getAtt;
    private readonly delegate* unmanaged<int, int, byte*, byte**, int> _getAttString;
}
