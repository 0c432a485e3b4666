using System.Runtime.InteropServices;
using System.Text;
using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// A PJRT client: the entry point for compiling programs and moving data to
/// devices. <see cref="Dispose"/> closes the client for new work; the native
/// client is destroyed only once every buffer and executable made from it has
/// been released, so disposal order never matters.
/// </summary>
public sealed unsafe class PjrtClient : IDisposable
{
    private static readonly byte[] MlirFormat = "mlir"u8.ToArray();
    private static readonly byte[] DefaultCompileOptions = CompileOptionsEncoder.Encode(numReplicas: 1, numPartitions: 1);

    private readonly PjrtClientHandle handle;
    private int disposed;

    private PjrtClient(PjrtPlugin plugin, PjrtClientHandle handle)
    {
        Plugin = plugin;
        this.handle = handle;
        PjrtApi api = plugin.Api;
        PJRT_Client* client = handle.Client;

        PlatformName = ReadPlatformName(api, client);
        PlatformVersion = ReadPlatformVersion(api, client);

        api.Require(nameof(PJRT_Api.PJRT_Client_Devices));
        var devicesArgs = new PJRT_Client_Devices_Args
        {
            struct_size = PjrtConstants.PJRT_Client_Devices_Args_STRUCT_SIZE,
            client = client,
        };
        api.Check(api.Raw->PJRT_Client_Devices(&devicesArgs));
        var devices = new PjrtDevice[checked((int)devicesArgs.num_devices)];
        for (int i = 0; i < devices.Length; i++)
        {
            devices[i] = PjrtDevice.Describe(this, api, devicesArgs.devices[i]);
        }

        Devices = devices;

        api.Require(nameof(PJRT_Api.PJRT_Client_AddressableDevices));
        var addressableArgs = new PJRT_Client_AddressableDevices_Args
        {
            struct_size = PjrtConstants.PJRT_Client_AddressableDevices_Args_STRUCT_SIZE,
            client = client,
        };
        api.Check(api.Raw->PJRT_Client_AddressableDevices(&addressableArgs));
        var addressable = new PjrtDevice[checked((int)addressableArgs.num_addressable_devices)];
        for (int i = 0; i < addressable.Length; i++)
        {
            addressable[i] = FindDevice(addressableArgs.addressable_devices[i])
                ?? PjrtDevice.Describe(this, api, addressableArgs.addressable_devices[i]);
        }

        AddressableDevices = addressable;
    }

    /// <summary>The plugin this client runs on.</summary>
    public PjrtPlugin Plugin { get; }

    /// <summary>The platform name (e.g. <c>cpu</c>, <c>cuda</c>).</summary>
    public string PlatformName { get; }

    /// <summary>The plugin's platform version text.</summary>
    public string PlatformVersion { get; }

    /// <summary>All devices the client sees.</summary>
    public IReadOnlyList<PjrtDevice> Devices { get; }

    /// <summary>The devices this process can use.</summary>
    public IReadOnlyList<PjrtDevice> AddressableDevices { get; }

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) != 0;

    internal PjrtClientHandle Handle => handle;

    internal PjrtApi Api => Plugin.Api;

    /// <summary>Creates a client on <paramref name="plugin"/>.</summary>
    /// <param name="plugin">The loaded plugin.</param>
    /// <param name="options">
    /// Plugin-specific options, passed as <c>PJRT_NamedValue</c>s: a string becomes kString,
    /// long/int kInt64, long[]/int[] kInt64List, float/double kFloat, bool kBool.
    /// The plugin rejects names it does not know with a <see cref="PjrtException"/>.
    /// </param>
    /// <exception cref="ArgumentException">An option value has a type PJRT cannot carry.</exception>
    /// <exception cref="PjrtException">The plugin refused to create the client.</exception>
    public static PjrtClient Create(PjrtPlugin plugin, IReadOnlyDictionary<string, object>? options = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        PjrtApi api = plugin.Api;
        api.Require(nameof(PJRT_Api.PJRT_Client_Create));
        api.Require(nameof(PJRT_Api.PJRT_Client_Destroy));

        PJRT_Client* native;
        using (var namedValues = new PjrtNamedValues(options))
        {
            var args = new PJRT_Client_Create_Args
            {
                struct_size = PjrtConstants.PJRT_Client_Create_Args_STRUCT_SIZE,
                create_options = namedValues.Values,
                num_options = (nuint)namedValues.Count,
            };
            api.Check(api.Raw->PJRT_Client_Create(&args));
            native = args.client;
        }

        if (native == null)
        {
            throw new PjrtException(PjrtErrorCode.Internal, $"The PJRT plugin '{api.Path}' returned no client and no error.");
        }

        var clientHandle = new PjrtClientHandle(api, native);
        try
        {
            return new PjrtClient(plugin, clientHandle);
        }
        catch
        {
            clientHandle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Compiles a StableHLO module (MLIR text, program format <c>mlir</c>) for
    /// one replica and one partition.
    /// </summary>
    /// <param name="mlirText">The module; its entry function is <c>@main</c>.</param>
    /// <returns>The loaded executable; dispose it when done.</returns>
    /// <exception cref="PjrtException">The plugin rejected the program (its message carries the diagnostics).</exception>
    /// <exception cref="ObjectDisposedException">The client has been disposed.</exception>
    public PjrtLoadedExecutable Compile(string mlirText) => Compile(mlirText, DefaultCompileOptions);

    /// <summary>
    /// Compiles like <see cref="Compile(string)"/> with XLA debug options set for this program
    /// (<c>CompileOptionsProto.env_option_overrides</c>), e.g. <c>xla_dump_to</c> = a directory.
    /// Plugins ignore options they do not know; the bundled plugin ignores them all.
    /// </summary>
    /// <param name="mlirText">The module; its entry function is <c>@main</c>.</param>
    /// <param name="envOptionOverrides">Option name → string, bool, integer or floating-point value.</param>
    /// <exception cref="ArgumentException">An option value has another type (the message names the option).</exception>
    /// <exception cref="PjrtException">The plugin rejected the program or an option.</exception>
    public PjrtLoadedExecutable Compile(string mlirText, IReadOnlyDictionary<string, object> envOptionOverrides)
    {
        ArgumentNullException.ThrowIfNull(envOptionOverrides);
        return Compile(mlirText, CompileOptionsEncoder.Encode(1, 1, envOptionOverrides));
    }

    private PjrtLoadedExecutable Compile(string mlirText, byte[] compileOptions)
    {
        ArgumentNullException.ThrowIfNull(mlirText);
        ThrowIfDisposed();
        byte[] code = Encoding.UTF8.GetBytes(mlirText);
        PjrtApi api = Api;
        api.Require(nameof(PJRT_Api.PJRT_Client_Compile));
        api.Require(nameof(PJRT_Api.PJRT_LoadedExecutable_Destroy));

        using (SafeHandleRef.Take(handle))
        {
            PJRT_LoadedExecutable* native;
            // A one-byte tail keeps the pinned pointer non-null for empty text.
            fixed (byte* codePointer = code.Length == 0 ? new byte[1] : code)
            fixed (byte* formatPointer = MlirFormat)
            fixed (byte* optionsPointer = compileOptions)
            {
                var program = new PJRT_Program
                {
                    struct_size = PjrtConstants.PJRT_Program_STRUCT_SIZE,
                    code = (sbyte*)codePointer,
                    code_size = (nuint)code.Length,
                    format = (sbyte*)formatPointer,
                    format_size = (nuint)MlirFormat.Length,
                };
                var args = new PJRT_Client_Compile_Args
                {
                    struct_size = PjrtConstants.PJRT_Client_Compile_Args_STRUCT_SIZE,
                    client = handle.Client,
                    program = &program,
                    compile_options = (sbyte*)optionsPointer,
                    compile_options_size = (nuint)compileOptions.Length,
                };
                api.Check(api.Raw->PJRT_Client_Compile(&args));
                native = args.executable;
            }

            if (native == null)
            {
                throw new PjrtException(PjrtErrorCode.Internal, "PJRT_Client_Compile returned no executable and no error.");
            }

            var executableHandle = new PjrtLoadedExecutableHandle(handle, native);
            return new PjrtLoadedExecutable(this, executableHandle, MlirTensorType.ReadMainParameters(mlirText));
        }
    }

    /// <summary>
    /// Copies a dense row-major host array to a device. The data is copied
    /// during the call (<c>ImmutableOnlyDuringCall</c>), so the span may be
    /// reused as soon as this returns.
    /// </summary>
    /// <typeparam name="T">
    /// Element type: float (F32), double (F64), int (S32), uint (U32), long (S64), ulong (U64),
    /// short (S16), ushort (U16), sbyte (S8), byte (U8), bool (PRED) or Half (F16).
    /// </typeparam>
    /// <param name="data">The elements, row-major; its length must be the product of <paramref name="dimensions"/>.</param>
    /// <param name="dimensions">The shape; empty for a scalar.</param>
    /// <param name="device">The target device; null for the first addressable device.</param>
    /// <exception cref="ArgumentException">The length does not match the shape, a dimension is negative, or the device belongs to another client.</exception>
    public PjrtBuffer BufferFromHost<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> dimensions, PjrtDevice? device = null)
        where T : unmanaged
    {
        PjrtElementType type = PjrtElementTypes.Of<T>();
        long count = PjrtElementTypes.ElementCount(dimensions, nameof(dimensions));
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(",", dimensions.ToArray())}] holds {count} elements but {data.Length} were given.",
                nameof(data));
        }

        return PjrtHostTransfer.Upload(this, MemoryMarshal.AsBytes(data), type, dimensions, device);
    }

    /// <summary>
    /// Copies raw host bytes of element type <paramref name="elementType"/> to a
    /// device (for types without a .NET counterpart, such as BF16).
    /// </summary>
    /// <param name="data">Dense row-major element bytes, little-endian.</param>
    /// <param name="elementType">The element type of the bytes.</param>
    /// <param name="dimensions">The shape; empty for a scalar.</param>
    /// <param name="device">The target device; null for the first addressable device.</param>
    /// <exception cref="ArgumentException">The byte count does not match the shape and element size.</exception>
    public PjrtBuffer BufferFromHost(ReadOnlySpan<byte> data, PjrtElementType elementType, ReadOnlySpan<long> dimensions, PjrtDevice? device = null)
    {
        int elementSize = PjrtElementTypes.ByteSize(elementType);
        if (elementSize == 0)
        {
            throw new ArgumentException($"Element type {elementType} cannot be copied from the host by Axle.", nameof(elementType));
        }

        long count = PjrtElementTypes.ElementCount(dimensions, nameof(dimensions));
        if (count * elementSize != data.Length)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(",", dimensions.ToArray())}] of {elementType} needs {count * elementSize} bytes but {data.Length} were given.",
                nameof(data));
        }

        return PjrtHostTransfer.Upload(this, data, elementType, dimensions, device);
    }

    /// <summary>
    /// Closes the client. Buffers and executables already made stay usable; the
    /// native client is destroyed after the last of them is released.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            handle.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"PjrtClient({PlatformName}, {Devices.Count} device(s))";

    internal PjrtDevice? FindDevice(PJRT_Device* native)
    {
        foreach (PjrtDevice device in Devices)
        {
            if (device.Native == native)
            {
                return device;
            }
        }

        return null;
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    private static string ReadPlatformName(PjrtApi api, PJRT_Client* client)
    {
        if (!api.Has(nameof(PJRT_Api.PJRT_Client_PlatformName)))
        {
            return string.Empty;
        }

        var args = new PJRT_Client_PlatformName_Args
        {
            struct_size = PjrtConstants.PJRT_Client_PlatformName_Args_STRUCT_SIZE,
            client = client,
        };
        api.Check(api.Raw->PJRT_Client_PlatformName(&args));
        return PjrtApi.Utf8(args.platform_name, args.platform_name_size);
    }

    private static string ReadPlatformVersion(PjrtApi api, PJRT_Client* client)
    {
        if (!api.Has(nameof(PJRT_Api.PJRT_Client_PlatformVersion)))
        {
            return string.Empty;
        }

        var args = new PJRT_Client_PlatformVersion_Args
        {
            struct_size = PjrtConstants.PJRT_Client_PlatformVersion_Args_STRUCT_SIZE,
            client = client,
        };
        api.Check(api.Raw->PJRT_Client_PlatformVersion(&args));
        return PjrtApi.Utf8(args.platform_version, args.platform_version_size);
    }
}
