using System;
using System.Collections.Generic;
using System.Text.Json;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// One member of an object in manifest.json (a "series" or "files" item): its JSON name, how it is written from a
    /// <typeparamref name="T"/> and, where the manifest is read back, how it is set. One table per item type keeps writing and
    /// reading in step.
    /// </summary>
    internal sealed class ManifestJsonField<T>
    {
        private readonly Action<Utf8JsonWriter, T> _write;
        private readonly Func<JsonElement, T, bool> _read;

        private ManifestJsonField(string name, Action<Utf8JsonWriter, T> write, Func<JsonElement, T, bool> read)
        {
            Name = name;
            _write = write;
            _read = read;
        }

        public string Name { get; }

        /// <summary>A string member; read back as null when absent or not a string.</summary>
        public static ManifestJsonField<T> Text(string name, Func<T, string> get, Action<T, string> set = null) =>
            new ManifestJsonField<T>(name, (w, item) => w.WriteString(name, get(item)), set == null ? null : (Func<JsonElement, T, bool>)((e, item) =>
            {
                set(item, e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null);
                return true;
            }));

        /// <summary>A whole-number member; reading fails when it is absent or not a 64-bit integer.</summary>
        public static ManifestJsonField<T> Number(string name, Func<T, long> get, Action<T, long> set = null) =>
            new ManifestJsonField<T>(name, (w, item) => w.WriteNumber(name, get(item)), set == null ? null : (Func<JsonElement, T, bool>)((e, item) =>
            {
                if (!e.TryGetProperty(name, out JsonElement v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long number)) return false;
                set(item, number);
                return true;
            }));

        /// <summary>Writes an array member <paramref name="arrayName"/> with one object per item, each holding <paramref name="fields"/> in order.</summary>
        public static void WriteArray(Utf8JsonWriter writer, string arrayName, IEnumerable<T> items, IReadOnlyList<ManifestJsonField<T>> fields)
        {
            writer.WriteStartArray(arrayName);
            foreach (T item in items)
            {
                writer.WriteStartObject();
                foreach (ManifestJsonField<T> field in fields) field._write(writer, item);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        /// <summary>Sets every readable field of <paramref name="item"/> from <paramref name="element"/>; returns the name of the first
        /// field that could not be read, or null.</summary>
        public static string ReadInto(JsonElement element, T item, IReadOnlyList<ManifestJsonField<T>> fields)
        {
            foreach (ManifestJsonField<T> field in fields)
            {
                if (field._read != null && !field._read(element, item)) return field.Name;
            }
            return null;
        }
    }
}
