using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// The function table of one loaded plugin plus the chores every call needs:
/// checking that a slot exists before using it, and turning a returned
/// <c>PJRT_Error*</c> into a <see cref="PjrtException"/> (destroying the error).
/// </summary>
internal sealed unsafe class PjrtApi
{
    // Slot offsets come from the generated struct so they can never drift from the header.
    private static readonly ConcurrentDictionary<string, int> SlotOffsets = new();

    private readonly nuint structSize;

    internal PjrtApi(PJRT_Api* raw, string path)
    {
        Raw = raw;
        Path = path;
        structSize = raw->struct_size;
        HasExecute = Has(nameof(PJRT_Api.PJRT_LoadedExecutable_Execute));
        HasEventAwait = Has(nameof(PJRT_Api.PJRT_Event_Await));
        HasEventDestroy = Has(nameof(PJRT_Api.PJRT_Event_Destroy));
        HasBufferReadyEvent = Has(nameof(PJRT_Api.PJRT_Buffer_ReadyEvent));
        HasBufferFromHost = Has(nameof(PJRT_Api.PJRT_Client_BufferFromHostBuffer));
        HasBufferDestroy = Has(nameof(PJRT_Api.PJRT_Buffer_Destroy));
        HasBufferToHost = Has(nameof(PJRT_Api.PJRT_Buffer_ToHostBuffer));
    }

    // Slots every dispatch uses, looked up once: Has(string) costs a dictionary lookup per call.
    internal bool HasExecute { get; }

    internal bool HasEventAwait { get; }

    internal bool HasEventDestroy { get; }

    internal bool HasBufferReadyEvent { get; }

    internal bool HasBufferFromHost { get; }

    internal bool HasBufferDestroy { get; }

    internal bool HasBufferToHost { get; }

    /// <summary>The plugin's function table; valid for the life of the process (plugins are never unloaded).</summary>
    internal PJRT_Api* Raw { get; }

    /// <summary>Where the plugin was loaded from.</summary>
    internal string Path { get; }

    /// <summary>Whether the plugin provides <paramref name="slot"/> (a <c>PJRT_Api</c> field name).</summary>
    internal bool Has(string slot)
    {
        int offset = OffsetOf(slot);
        // A plugin built against an older header has a shorter table: slots past its end are not there.
        if ((nuint)offset + (nuint)sizeof(void*) > structSize)
        {
            return false;
        }

        return *(void**)((byte*)Raw + offset) != null;
    }

    /// <summary>Throws naming <paramref name="slot"/> when the plugin does not provide it.</summary>
    internal void Require(string slot)
    {
        if (!Has(slot))
        {
            throw new PjrtException(
                PjrtErrorCode.Unimplemented,
                $"The PJRT plugin '{Path}' does not provide {slot} (its PJRT_Api is {structSize} bytes, "
                    + $"the slot ends at byte {OffsetOf(slot) + sizeof(void*)}, or the slot is null).");
        }
    }

    /// <summary>Throws the plugin's error, if any, after destroying it.</summary>
    internal void Check(PJRT_Error* error)
    {
        if (error != null)
        {
            throw TakeError(error);
        }
    }

    /// <summary>Converts a plugin error to an exception and destroys the native error.</summary>
    internal PjrtException TakeError(PJRT_Error* error)
    {
        var code = PjrtErrorCode.Unspecified;
        string message = "(the PJRT plugin gave no message)";
        try
        {
            if (Has(nameof(PJRT_Api.PJRT_Error_GetCode)))
            {
                var codeArgs = new PJRT_Error_GetCode_Args
                {
                    struct_size = PjrtConstants.PJRT_Error_GetCode_Args_STRUCT_SIZE,
                    error = error,
                };
                // GetCode itself can fail; its own error is dropped so the original one is reported.
                PJRT_Error* codeError = Raw->PJRT_Error_GetCode(&codeArgs);
                if (codeError == null)
                {
                    code = (PjrtErrorCode)(int)codeArgs.code;
                }
                else
                {
                    Destroy(codeError);
                }
            }

            if (Has(nameof(PJRT_Api.PJRT_Error_Message)))
            {
                var messageArgs = new PJRT_Error_Message_Args
                {
                    struct_size = PjrtConstants.PJRT_Error_Message_Args_STRUCT_SIZE,
                    error = error,
                };
                Raw->PJRT_Error_Message(&messageArgs);
                message = Utf8(messageArgs.message, messageArgs.message_size);
            }
        }
        finally
        {
            Destroy(error);
        }

        return new PjrtException(code, message);
    }

    /// <summary>Destroys a plugin error without reading it.</summary>
    internal void Destroy(PJRT_Error* error)
    {
        if (error == null || !Has(nameof(PJRT_Api.PJRT_Error_Destroy)))
        {
            return;
        }

        var args = new PJRT_Error_Destroy_Args
        {
            struct_size = PjrtConstants.PJRT_Error_Destroy_Args_STRUCT_SIZE,
            error = error,
        };
        Raw->PJRT_Error_Destroy(&args);
    }

    /// <summary>Decodes a (pointer, length) UTF-8 string owned by the plugin.</summary>
    internal static string Utf8(sbyte* text, nuint size)
    {
        if (text == null || size == 0)
        {
            return string.Empty;
        }

        return Encoding.UTF8.GetString((byte*)text, checked((int)size));
    }

    private static int OffsetOf(string slot) =>
        SlotOffsets.GetOrAdd(slot, static name =>
        {
            FieldInfo field = typeof(PJRT_Api).GetField(name)
                ?? throw new InvalidOperationException($"PJRT_Api has no field {name}; the bindings are out of date.");
            return field.GetCustomAttribute<FieldOffsetAttribute>()?.Value
                ?? throw new InvalidOperationException($"PJRT_Api.{name} has no [FieldOffset]; the bindings are malformed.");
        });
}
