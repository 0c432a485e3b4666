namespace Axle;

/// <summary>
/// <see cref="InferenceData"/> in the files the Python and Stan ecosystems read: ArviZ's netCDF layout
/// (<c>az.from_netcdf</c>, <c>xarray.open_dataset(path, group=…)</c>) and CmdStan's sample CSV
/// (<c>rstan::read_stan_csv</c>, cmdstanpy, <c>az.from_cmdstan</c>).
/// </summary>
public static class InferenceDataFiles
{
    /// <summary>Writers on an InferenceData.</summary>
    /// <param name="idata">The results to write.</param>
    extension(InferenceData idata)
    {
        /// <summary>
        /// Writes the idata as ArviZ's <c>InferenceData.to_netcdf</c> does: a netCDF-4 file with one group per
        /// InferenceData group, each variable over its named dimensions, a coordinate variable per dimension,
        /// dtypes kept (bool as xarray stores it: int8 with <c>dtype = "bool"</c>; F16/BF16 as f32), the
        /// group attributes plus <c>created_at</c>, <c>inference_library</c>, <c>inference_library_version</c>
        /// where missing. <c>az.from_netcdf(path)</c> opens it. Uses the system's netCDF-C library.
        /// </summary>
        /// <param name="path">The file to create (replaced if it exists).</param>
        /// <exception cref="ArgumentException">
        /// A dimension has length 0, a variable has a dimension's name, coordinate labels mix types, or a
        /// shape is symbolic; nothing is written.
        /// </exception>
        /// <exception cref="DllNotFoundException">netCDF-C is not installed; the message names the Debian package (<c>libnetcdf19</c>).</exception>
        /// <exception cref="IOException">netCDF-C refused a step; the message gives its reason. No partial file is left.</exception>
        public void ToNetCdf(string path) => NetCdfWriter.Write(idata, path);

        /// <summary>
        /// Writes the posterior as CmdStan's sample output, one CSV per chain, <c>&lt;modelName&gt;_&lt;chain&gt;.csv</c>
        /// (chains from 1, as CmdStan names them): the configuration comments, the columns <c>lp__, accept_stat__, stepsize__,
        /// treedepth__, n_leapfrog__, divergent__, energy__</c> (from sample_stats' <c>lp</c>,
        /// <c>acceptance_rate</c>, <c>step_size</c>, <c>tree_depth</c>, <c>n_steps</c>, <c>diverging</c>,
        /// <c>energy</c>, those present) and every posterior scalar in Stan's naming (<c>theta.1</c>; arrays
        /// column-major: <c>Sigma.1.1, Sigma.2.1, …</c>), the warm-up draws when the warmup groups are present,
        /// the adaptation block and the timing block from the attributes named in <see cref="SamplerAttributes"/>.
        /// <c>rstan::read_stan_csv(files)</c> reads the files.
        /// </summary>
        /// <param name="directory">Where to write (created if missing).</param>
        /// <param name="modelName">The model's name: the files' prefix and the <c>model =</c> line.</param>
        /// <returns>The files written, chain 1 first.</returns>
        /// <exception cref="ArgumentException">
        /// No posterior, no <c>lp</c> in sample_stats, a variable not led by (chain, draw), a name Stan cannot
        /// have, or a malformed sampler attribute; the message names it.
        /// </exception>
        public IReadOnlyList<string> ToStanCsv(string directory, string modelName = "model") =>
            StanCsvWriter.Write(idata, directory, modelName);
    }

    /// <summary>Readers that make an InferenceData.</summary>
    extension(InferenceData)
    {
        /// <summary>
        /// Reads an ArviZ InferenceData netCDF file (written by <c>az.InferenceData.to_netcdf</c> or
        /// <see cref="ToNetCdf"/>) as <c>az.from_netcdf</c> does: one group per top-level netCDF group, decoded
        /// as xarray decodes it (bool markers, <c>_FillValue</c> as NaN, coordinate variables as coordinates).
        /// </summary>
        /// <param name="path">The file.</param>
        /// <exception cref="FileNotFoundException">No such file.</exception>
        /// <exception cref="InvalidDataException">A group that InferenceData has no slot for (e.g. <c>predictions</c>).</exception>
        /// <exception cref="NotSupportedException">A string, packed or user-typed data variable.</exception>
        /// <exception cref="DllNotFoundException">netCDF-C is not installed; the message names the Debian package.</exception>
        public static InferenceData FromNetCdf(string path) => NetCdfReader.Read(path);
    }
}
