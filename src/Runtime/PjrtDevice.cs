using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// A device of a <see cref="PjrtClient"/>. Its description is read once when
/// the client is created; the device itself is owned by the client.
/// </summary>
public sealed unsafe class PjrtDevice
{
    private readonly IntPtr native;

    private PjrtDevice(PjrtClient client, PJRT_Device* device, int id, string kind, string debugString, bool isAddressable)
    {
        Client = client;
        native = (IntPtr)device;
        Id = id;
        Kind = kind;
        DebugString = debugString;
        IsAddressable = isAddressable;
    }

    /// <summary>The client the device belongs to.</summary>
    public PjrtClient Client { get; }

    /// <summary>The device's global id.</summary>
    public int Id { get; }

    /// <summary>The kind of device (for the bundled plugin, <c>cpu</c>).</summary>
    public string Kind { get; }

    /// <summary>The plugin's debug description of the device.</summary>
    public string DebugString { get; }

    /// <summary>Whether this process can put buffers on and run programs on the device.</summary>
    public bool IsAddressable { get; }

    internal PJRT_Device* Native => (PJRT_Device*)native;

    /// <inheritdoc/>
    public override string ToString() => DebugString.Length > 0 ? DebugString : $"{Kind}:{Id}";

    /// <summary>Reads a device's description; the caller holds a reference on the client.</summary>
    internal static PjrtDevice Describe(PjrtClient client, PjrtApi api, PJRT_Device* device)
    {
        api.Require(nameof(PJRT_Api.PJRT_Device_GetDescription));
        var descriptionArgs = new PJRT_Device_GetDescription_Args
        {
            struct_size = PjrtConstants.PJRT_Device_GetDescription_Args_STRUCT_SIZE,
            device = device,
        };
        api.Check(api.Raw->PJRT_Device_GetDescription(&descriptionArgs));
        PJRT_DeviceDescription* description = descriptionArgs.device_description;

        api.Require(nameof(PJRT_Api.PJRT_DeviceDescription_Id));
        var idArgs = new PJRT_DeviceDescription_Id_Args
        {
            struct_size = PjrtConstants.PJRT_DeviceDescription_Id_Args_STRUCT_SIZE,
            device_description = description,
        };
        api.Check(api.Raw->PJRT_DeviceDescription_Id(&idArgs));

        string kind = string.Empty;
        if (api.Has(nameof(PJRT_Api.PJRT_DeviceDescription_Kind)))
        {
            var kindArgs = new PJRT_DeviceDescription_Kind_Args
            {
                struct_size = PjrtConstants.PJRT_DeviceDescription_Kind_Args_STRUCT_SIZE,
                device_description = description,
            };
            api.Check(api.Raw->PJRT_DeviceDescription_Kind(&kindArgs));
            kind = PjrtApi.Utf8(kindArgs.device_kind, kindArgs.device_kind_size);
        }

        string debugString = string.Empty;
        if (api.Has(nameof(PJRT_Api.PJRT_DeviceDescription_DebugString)))
        {
            var debugArgs = new PJRT_DeviceDescription_DebugString_Args
            {
                struct_size = PjrtConstants.PJRT_DeviceDescription_DebugString_Args_STRUCT_SIZE,
                device_description = description,
            };
            api.Check(api.Raw->PJRT_DeviceDescription_DebugString(&debugArgs));
            debugString = PjrtApi.Utf8(debugArgs.debug_string, debugArgs.debug_string_size);
        }

        bool isAddressable = true;
        if (api.Has(nameof(PJRT_Api.PJRT_Device_IsAddressable)))
        {
            var addressableArgs = new PJRT_Device_IsAddressable_Args
            {
                struct_size = PjrtConstants.PJRT_Device_IsAddressable_Args_STRUCT_SIZE,
                device = device,
            };
            api.Check(api.Raw->PJRT_Device_IsAddressable(&addressableArgs));
            isAddressable = addressableArgs.is_addressable != 0;
        }

        return new PjrtDevice(client, device, idArgs.id, kind, debugString, isAddressable);
    }
}
