using System.Runtime.InteropServices;
using System.Text;
using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// Converts between .NET values and <c>PJRT_NamedValue</c> arrays (client
/// options in, plugin attributes out). Written arrays live in one native block
/// freed on <see cref="Dispose"/>, after the call that reads them.
/// </summary>
internal sealed unsafe class PjrtNamedValues : IDisposable
{
    private readonly List<IntPtr> allocations = new();

    /// <summary>Encodes <paramref name="options"/>; each value becomes the PJRT kind matching its .NET type.</summary>
    /// <exception cref="ArgumentException">A value has a type PJRT cannot carry.</exception>
    internal PjrtNamedValues(IReadOnlyDictionary<string, object>? options)
    {
        Count = options?.Count ?? 0;
        if (Count == 0)
        {
            return;
        }

        Values = (PJRT_NamedValue*)Allocate(sizeof(PJRT_NamedValue) * Count);
        try
        {
            int i = 0;
            // Ordinal order keeps what the plugin sees independent of dictionary insertion order.
            foreach (var (name, value) in options!.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                ArgumentNullException.ThrowIfNull(value, $"options[\"{name}\"]");
                PJRT_NamedValue* entry = &Values[i++];
                entry->struct_size = PjrtConstants.PJRT_NamedValue_STRUCT_SIZE;
                entry->name = Utf8(name, out nuint nameSize);
                entry->name_size = nameSize;
                Write(entry, name, value);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The encoded array (null when empty).</summary>
    internal PJRT_NamedValue* Values { get; }

    /// <summary>Number of entries in <see cref="Values"/>.</summary>
    internal int Count { get; }

    /// <summary>Reads one plugin-owned value as string, long, long[], float or bool.</summary>
    internal static object Read(PJRT_NamedValue* value) => value->type switch
    {
        PJRT_NamedValue_Type.PJRT_NamedValue_kString => PjrtApi.Utf8(value->string_value, value->value_size),
        PJRT_NamedValue_Type.PJRT_NamedValue_kInt64 => value->int64_value,
        PJRT_NamedValue_Type.PJRT_NamedValue_kInt64List =>
            new ReadOnlySpan<long>(value->int64_array_value, checked((int)value->value_size)).ToArray(),
        PJRT_NamedValue_Type.PJRT_NamedValue_kFloat => value->float_value,
        PJRT_NamedValue_Type.PJRT_NamedValue_kBool => value->bool_value != 0,
        _ => $"(unknown PJRT_NamedValue type {(int)value->type})",
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (IntPtr block in allocations)
        {
            NativeMemory.Free((void*)block);
        }

        allocations.Clear();
    }

    private void Write(PJRT_NamedValue* entry, string name, object value)
    {
        switch (value)
        {
            case string text:
                entry->type = PJRT_NamedValue_Type.PJRT_NamedValue_kString;
                entry->string_value = Utf8(text, out nuint size);
                entry->value_size = size;
                break;
            case long or int or short or sbyte or uint or ushort or byte:
                entry->type = PJRT_NamedValue_Type.PJRT_NamedValue_kInt64;
                entry->int64_value = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                entry->value_size = 1;
                break;
            case IEnumerable<long> or IEnumerable<int>:
                // Lists too (List<int> for visible_devices): PJRT has one integer-list kind, int64.
                long[] list = value is IEnumerable<long> longs ? longs.ToArray() : ((IEnumerable<int>)value).Select(x => (long)x).ToArray();
                entry->type = PJRT_NamedValue_Type.PJRT_NamedValue_kInt64List;
                entry->int64_array_value = (long*)Allocate(sizeof(long) * Math.Max(list.Length, 1));
                list.CopyTo(new Span<long>(entry->int64_array_value, list.Length));
                entry->value_size = (nuint)list.Length;
                break;
            case float or double:
                // PJRT carries one float kind (kFloat, 32-bit); doubles are narrowed.
                entry->type = PJRT_NamedValue_Type.PJRT_NamedValue_kFloat;
                entry->float_value = Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture);
                entry->value_size = 1;
                break;
            case bool flag:
                entry->type = PJRT_NamedValue_Type.PJRT_NamedValue_kBool;
                entry->bool_value = flag ? (byte)1 : (byte)0;
                entry->value_size = 1;
                break;
            default:
                throw new ArgumentException(
                    $"Option \"{name}\" has type {value.GetType()}; PJRT options must be string, long/int, long[]/int[] (or lists of them), float/double or bool.",
                    "options");
        }
    }

    private sbyte* Utf8(string text, out nuint size)
    {
        int byteCount = Encoding.UTF8.GetByteCount(text);
        byte* bytes = (byte*)Allocate(byteCount + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, byteCount));
        bytes[byteCount] = 0;
        size = (nuint)byteCount;
        return (sbyte*)bytes;
    }

    private void* Allocate(int bytes)
    {
        void* block = NativeMemory.AllocZeroed((nuint)bytes);
        allocations.Add((IntPtr)block);
        return block;
    }
}
