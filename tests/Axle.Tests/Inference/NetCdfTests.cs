using System.Globalization;
using System.Text.Json;
using Axle.Inference;
using Axle.Inference.Files;

namespace Axle.Tests.Inference;

/// <summary>
/// <c>ToNetCdf</c> checked by the reference readers: xarray opens every group exactly as ArviZ's
/// <c>from_netcdf</c> does (list the groups with netCDF4, then <c>xarray.open_dataset(path, group=…)</c>),
/// with both engines ArviZ uses (netcdf4: ArviZ ≤ 0.13's default; h5netcdf: the default since), and
/// <c>FromNetCdf</c> reads back both our files and files xarray wrote.
/// </summary>
public class NetCdfTests
{
    /// <summary>ArviZ's <c>from_netcdf</c> with each engine named after the path, printing what it loaded as JSON; then appends a group as xarray's <c>mode="a"</c> does.</summary>
    private const string ReadAsArviZ = """
        import json, sys
        import netCDF4, xarray as xr
        path = sys.argv[1]
        with netCDF4.Dataset(path, mode="r") as root:
            groups = list(root.groups)
        out = {}
        for engine in sys.argv[2:]:
            out[engine] = {"groups": groups, "data": {}}
            for g in groups:
                with xr.open_dataset(path, group=g, engine=engine) as ds:
                    ds = ds.load()
                    out[engine]["data"][g] = {
                        "sizes": {k: int(v) for k, v in ds.sizes.items()},
                        "attrs": {k: str(v) for k, v in ds.attrs.items()},
                        "coords": {k: {"dtype": str(c.dtype), "dims": list(c.dims), "values": c.values.tolist(),
                                       "types": sorted({type(x).__name__ for x in c.values.tolist()})}
                                   for k, c in ds.coords.items()},
                        "vars": {k: {"dims": list(v.dims), "dtype": str(v.dtype), "values": v.values.ravel().tolist()}
                                 for k, v in ds.data_vars.items()},
                    }
        # Users and ArviZ add groups to an existing file with mode="a"; netCDF-C refuses files it cannot extend.
        xr.Dataset({"y_hat": (["chain", "draw"], [[1.0]])}).to_netcdf(path, mode="a", group="posterior_predictive", engine="netcdf4")
        with netCDF4.Dataset(path, mode="r") as root:
            out["appended"] = list(root.groups)
        print(json.dumps(out))
        """;

    [Fact]
    public void XarrayReadsEveryGroupAsArviZFromNetCdfDoes()
    {
        var idata = NetCdfTestTools.Sample();
        string dir = NetCdfTestTools.TempDir();
        try
        {
            string path = Path.Combine(dir, "posterior.nc");
            idata.ToNetCdf(path);
            var engines = NetCdfTestTools.RunPython(ReadAsArviZ, path, "netcdf4", "h5netcdf");
            foreach (string engine in (string[])["netcdf4", "h5netcdf"]) CheckAsRead(idata, engines.GetProperty(engine));
            Assert.Contains("posterior_predictive", engines.GetProperty("appended").EnumerateArray().Select(g => g.GetString()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>What one xarray engine read equals what was written: groups, dims, coordinates, dtypes, values, attributes.</summary>
    private static void CheckAsRead(InferenceData idata, JsonElement read)
    {
        Assert.Equal(idata.Groups.Select(g => g.Name), read.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        foreach (var (name, group) in idata.Groups)
        {
            var g = read.GetProperty("data").GetProperty(name);
            var sizes = g.GetProperty("sizes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(group.DimSizes.OrderBy(p => p.Key), sizes.OrderBy(p => p.Key));
            foreach (var (dim, labels) in group.Coords)
            {
                var c = g.GetProperty("coords").GetProperty(dim);
                Assert.Equal([dim], c.GetProperty("dims").EnumerateArray().Select(d => d.GetString()));
                if (labels[0] is string)
                {
                    Assert.Equal("object", c.GetProperty("dtype").GetString());
                    Assert.Equal(["str"], c.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
                    Assert.Equal(labels.Cast<string>(), c.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
                }
                else
                {
                    Assert.Equal("int64", c.GetProperty("dtype").GetString());
                    Assert.Equal(labels.Select(Convert.ToInt64), c.GetProperty("values").EnumerateArray().Select(v => v.GetInt64()));
                }
            }
            var vars = g.GetProperty("vars");
            Assert.Equal(group.Keys.Order(), vars.EnumerateObject().Select(p => p.Name).Order());
            foreach (var v in group.Variables)
            {
                var x = vars.GetProperty(v.Name);
                Assert.Equal(v.Dims, x.GetProperty("dims").EnumerateArray().Select(d => d.GetString()));
                Assert.Equal(NumpyName(v.Values.DType), x.GetProperty("dtype").GetString());
                var values = x.GetProperty("values").EnumerateArray().ToArray();
                if (v.Values.DType == DType.Bool) Assert.Equal(v.Values.ToArray<bool>(), values.Select(e => e.GetBoolean()));
                else if (v.Values.DType.IsFloat()) Assert.Equal(v.ToDoubles(), values.Select(e => e.GetDouble()));
                else Assert.Equal(v.Values.ToArray<long>(), values.Select(e => e.GetInt64()));
            }
        }

        var attrs = read.GetProperty("data").GetProperty("posterior").GetProperty("attrs");
        Assert.Equal("posterior draws, ünïcödé", attrs.GetProperty("note").GetString());
        Assert.Equal("axle-tests", attrs.GetProperty("inference_library").GetString());
        Assert.True(DateTimeOffset.TryParse(attrs.GetProperty("created_at").GetString(), CultureInfo.InvariantCulture, out var created));
        Assert.InRange(DateTimeOffset.UtcNow - created, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var statsAttrs = read.GetProperty("data").GetProperty("sample_stats").GetProperty("attrs");
        Assert.Equal("2024-01-02T03:04:05.000006+00:00", statsAttrs.GetProperty("created_at").GetString());
        Assert.Equal("axle", statsAttrs.GetProperty("inference_library").GetString());
        Assert.False(string.IsNullOrEmpty(statsAttrs.GetProperty("inference_library_version").GetString()));
    }

    [Fact]
    public void FromNetCdfReadsBackWhatToNetCdfWrote()
    {
        var idata = NetCdfTestTools.Sample();
        string dir = NetCdfTestTools.TempDir();
        try
        {
            string path = Path.Combine(dir, "posterior.nc");
            idata.ToNetCdf(path);
            var back = InferenceData.FromNetCdf(path);
            Assert.Equal(idata.Groups.Select(g => g.Name), back.Groups.Select(g => g.Name));
            foreach (var (name, group) in idata.Groups)
            {
                var other = back[name]!;
                Assert.Equal(group.Keys, other.Keys);
                foreach (var v in group.Variables)
                {
                    var w = other.Variable(v.Name);
                    Assert.Equal(v.Dims, w.Dims);
                    Assert.Equal(v.Values.DType, w.Values.DType);
                    Assert.Equal(v.Values.Shape.ToArray(), w.Values.Shape.ToArray());
                    Assert.Equal(v.Values.HostBytes(), w.Values.HostBytes());
                }
                foreach (var (dim, labels) in group.Coords) Assert.Equal(labels, other.Coords[dim]);
                foreach (var (key, value) in group.Attributes) Assert.Equal(value, other.Attributes[key]);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>ArviZ's <c>to_netcdf</c>: each Dataset written by xarray into its group, zlib on for numeric variables.</summary>
    private const string WriteAsArviZ = """
        import json, sys
        import numpy as np, xarray as xr
        path = sys.argv[1]
        post = xr.Dataset(
            {"mu": (["chain", "draw"], np.arange(6, dtype=np.float64).reshape(2, 3) / 4),
             "w": (["chain", "draw", "school"], np.arange(12, dtype=np.float32).reshape(2, 3, 2) - 5.5)},
            coords={"chain": np.arange(2), "draw": np.arange(3), "school": ["Choate", "Deerfield"]},
            attrs={"created_at": "2020-01-01T00:00:00", "inference_library": "pymc", "sampling_time": 1.5, "tuning_steps": 1000})
        stats = xr.Dataset(
            {"diverging": (["chain", "draw"], np.array([[True, False, False], [False, False, True]])),
             "tree_depth": (["chain", "draw"], np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int64)),
             "energy": (["chain", "draw"], np.array([[1.0, np.nan, 2.0], [3.0, 4.0, 5.0]]))},
            coords={"chain": np.arange(2), "draw": np.arange(3)})
        obs = xr.Dataset({"y": (["y_dim_0"], np.array([1, -2, 3], dtype=np.int32))})
        mode = "w"
        for name, ds in [("posterior", post), ("sample_stats", stats), ("observed_data", obs)]:
            ds.to_netcdf(path, mode=mode, group=name, engine="netcdf4", encoding={v: {"zlib": True} for v in ds.variables if ds[v].dtype.kind in "biuf"})
            mode = "a"
        print(json.dumps({"ok": True}))
        """;

    [Fact]
    public void FromNetCdfReadsAFileXarrayWroteAsArviZWritesIt()
    {
        string dir = NetCdfTestTools.TempDir();
        try
        {
            string path = Path.Combine(dir, "arviz.nc");
            NetCdfTestTools.RunPython(WriteAsArviZ, path);
            var idata = InferenceData.FromNetCdf(path);
            Assert.Equal(["posterior", "sample_stats", "observed_data"], idata.Groups.Select(g => g.Name));

            var post = idata.Posterior!;
            Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0, 1.25], post.Variable("mu").ToDoubles());
            Assert.Equal(DType.F64, post["mu"].DType);
            Assert.Equal(DType.F32, post["w"].DType);
            Assert.Equal(["chain", "draw", "school"], post.Variable("w").Dims);
            Assert.Equal(Enumerable.Range(0, 12).Select(i => i - 5.5f), post["w"].ToArray<float>());
            Assert.Equal(["Choate", "Deerfield"], post.Coords["school"]);
            Assert.Equal([0, 1, 2], post.Coords["draw"]);
            Assert.Equal("pymc", post.Attributes["inference_library"]);
            Assert.Equal("1.5", post.Attributes["sampling_time"]);
            Assert.Equal("1000", post.Attributes["tuning_steps"]);

            var stats = idata.SampleStats!;
            Assert.Equal(DType.Bool, stats["diverging"].DType);
            Assert.Equal([true, false, false, false, false, true], stats["diverging"].ToArray<bool>());
            Assert.Equal(DType.I64, stats["tree_depth"].DType);
            Assert.Equal([1L, 2, 3, 4, 5, 6], stats["tree_depth"].ToArray<long>());
            double[] energy = stats.Variable("energy").ToDoubles();
            Assert.True(double.IsNaN(energy[1]));
            Assert.Equal([1.0, 2, 3, 4, 5], energy.Where(e => !double.IsNaN(e)));

            var y = idata.ObservedData!.Variable("y");
            Assert.Equal(DType.I32, y.Values.DType);
            Assert.Equal(["y_dim_0"], y.Dims);
            Assert.Equal([1, -2, 3], y.Values.ToArray<int>());
            Assert.Equal([0, 1, 2], idata.ObservedData.Coords["y_dim_0"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void HalfPrecisionIsStoredAsFloat32WithTheSameValues()
    {
        Half[] values = [(Half)0.5, (Half)(-1.25), Half.MaxValue];
        var idata = new InferenceData { ObservedData = new InferenceGroup([new("h", Tensor.From(values), ["i"])]) };
        string dir = NetCdfTestTools.TempDir();
        try
        {
            string path = Path.Combine(dir, "half.nc");
            idata.ToNetCdf(path);
            var h = InferenceData.FromNetCdf(path).ObservedData!["h"];
            Assert.Equal(DType.F32, h.DType);
            Assert.Equal(values.Select(v => (float)v), h.ToArray<float>());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "empty", "dimension 'draw' of group 'posterior' has length 0" },
        { "dim-name", "variable 'draw' of group 'posterior' has the name of a dimension" },
        { "mixed", "coordinate 'draw' of group 'posterior' has labels of type Int32, String" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void BadGroupsAreRefusedBeforeAnyFileIsWritten(string which, string message)
    {
        InferenceGroup group = which switch
        {
            "empty" => new([new("mu", Tensor.From(Array.Empty<double>(), 2, 0), ["chain", "draw"])]),
            "dim-name" => new([new("draw", Tensor.From(new double[4], 2, 2), ["chain", "draw"])]),
            _ => new([new("mu", Tensor.From(new double[4], 2, 2), ["chain", "draw"])],
                new Dictionary<string, IReadOnlyList<object>> { ["draw"] = [0, "one"] }),
        };
        string dir = NetCdfTestTools.TempDir();
        try
        {
            string path = Path.Combine(dir, "bad.nc");
            var e = Assert.Throws<ArgumentException>(() => new InferenceData { Posterior = group }.ToNetCdf(path));
            Assert.Contains(message, e.Message);
            Assert.False(File.Exists(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AMissingNetCdfLibraryNamesTheDebianPackage()
    {
        var e = Assert.Throws<DllNotFoundException>(() => NetCdfLibrary.Load(["libaxle-no-such-netcdf.so.0"]));
        Assert.Contains("libaxle-no-such-netcdf.so.0", e.Message);
        Assert.Contains("apt-get install libnetcdf19", e.Message);
    }

    [Fact]
    public void ReadingAGroupInferenceDataCannotHoldIsRefusedByName()
    {
        string dir = NetCdfTestTools.TempDir();
        try
        {
            string path = Path.Combine(dir, "predictions.nc");
            // A group ArviZ writes for out-of-sample predictions, which InferenceData has no slot for.
            var nc = NetCdfLibrary.Instance;
            lock (NetCdfLibrary.Gate)
            {
                int ncid = nc.Create(path);
                int gid = nc.DefineGroup(ncid, "predictions");
                int varid = nc.DefineVar(gid, "y", NetCdfTypes.Double, [nc.DefineDim(gid, "n", 1)]);
                nc.PutVar(gid, varid, BitConverter.GetBytes(1.0), "y");
                nc.CheckClose(ncid, path);
            }
            var e = Assert.Throws<InvalidDataException>(() => InferenceData.FromNetCdf(path));
            Assert.Contains("group 'predictions'", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string NumpyName(DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        DType.U8 => "uint8",
        _ => dtype.IsFloat() ? $"float{dtype.ByteSize() * 8}" : $"int{dtype.ByteSize() * 8}",
    };
}
