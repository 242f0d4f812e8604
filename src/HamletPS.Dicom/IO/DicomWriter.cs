using System;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Writes Part 10 files and bare datasets in Implicit VR LE, Explicit VR LE/BE, Deflated Explicit VR LE and the encapsulated
    /// syntaxes. Sequences and items are written with undefined length; group lengths are dropped except (0002,0000), which is
    /// always computed; odd values are padded; referenced values are copied from their source.
    /// </summary>
    public static class DicomWriter
    {
        /// <summary>"HAMLETPS_" + product version, written as Implementation Version Name (0002,0013).</summary>
        public static string ImplementationVersionName { get; } = "HAMLETPS_" + ProductVersion();

        private const uint Undefined = 0xFFFFFFFFu;
        private const int PreambleLength = 128;
        private const string MediaStorageDirectoryStorage = "1.2.840.10008.1.3.10";
        private static readonly DicomTag PixelData = new DicomTag(0x7FE0, 0x0010);

        /// <summary>Writes the file (preamble, meta group, dataset) to a stream.</summary>
        public static void Write(Stream output, DicomFile file, DicomWriteOptions? options = null)
        {
            if (output == null) throw new ArgumentNullException(nameof(output));
            if (file == null) throw new ArgumentNullException(nameof(file));
            options = options ?? new DicomWriteOptions();
            if (!file.IsComplete) throw new InvalidOperationException("The file was read only up to a stop tag (header only); it cannot be written.");
            var ts = options.TransferSyntax ?? file.TransferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian;
            CheckPixelDataEncoding(file.Dataset, ts);
            if (file.SopClassUid == MediaStorageDirectoryStorage)
                throw new NotSupportedException("DICOMDIR (Media Storage Directory) files hold byte offsets of their records, which HamletPS does not recompute; they are read-only.");

            var seal = options.ContentSeal;
            Stream target = output;
            long start = 0;
            if (seal != null)
            {
                if (!options.WriteFileMetaInformation) throw new InvalidOperationException("A content seal is written into the Part 10 preamble; a bare dataset has none.");
                if (!output.CanSeek) throw new ArgumentException("A sealed write needs a seekable output (its preamble is written last).", nameof(output));
                start = output.Position;
                output.Write(new byte[PreambleLength], 0, PreambleLength); // replaced by the seal's preamble at the end
                target = new ContentSealStream(output, seal);
            }
            using (var sources = new DicomValueSourceSession())
            using (var o = new DicomOutput(target) { Sources = sources })
            {
                if (options.WriteFileMetaInformation)
                {
                    var pre = file.Preamble;
                    if (seal == null) o.WriteBytes(pre != null && pre.Length == PreambleLength ? pre : new byte[PreambleLength], 0, PreambleLength);
                    o.WriteBytes(new[] { (byte)'D', (byte)'I', (byte)'C', (byte)'M' }, 0, 4);
                    WriteFileMeta(o, BuildFileMeta(file, ts));
                }
                if (ts.IsDeflated)
                {
                    var raw = o.FlushAndGetStream();
                    using (var deflate = new DeflateStream(raw, options.DeflateLevel, leaveOpen: true))
                    using (var d = new DicomOutput(deflate) { Sources = sources })
                        WriteDataset(d, file.Dataset, true, false, true);
                }
                else WriteDataset(o, file.Dataset, ts.IsExplicitVR, ts.IsBigEndian, true);
            }
            if (seal != null)
            {
                byte[] preamble = seal.Preamble();
                if (preamble == null || preamble.Length != PreambleLength) throw new InvalidOperationException("A content seal must give a preamble of 128 bytes.");
                long end = output.Position;
                output.Position = start;
                output.Write(preamble, 0, PreambleLength);
                output.Position = end;
            }
        }

        /// <summary>Writes a dataset alone (no preamble or meta group) in the given transfer syntax (not deflated).</summary>
        public static void WriteDataset(Stream output, DicomDataset dataset, DicomTransferSyntax ts)
        {
            using (var sources = new DicomValueSourceSession())
            using (var o = new DicomOutput(output) { Sources = sources })
                WriteDataset(o, dataset, ts.IsExplicitVR, ts.IsBigEndian, true);
        }

        /// <summary>The meta group as it will be written: the file's own elements, with the required ones set.</summary>
        public static DicomDataset BuildFileMeta(DicomFile file, DicomTransferSyntax ts)
        {
            var meta = new DicomDataset();
            foreach (var e in file.FileMetaInformation)
                if (e.Tag.Group == 0x0002 && e.Tag.Element != 0x0000) meta.AddOrUpdate(e);
            meta.AddOrUpdate(new DicomTag(0x0002, 0x0001), DicomVR.OB, new byte[] { 0, 1 });
            string? sopClass = file.Dataset.GetUid(DicomTags.SOPClassUID);
            string? sopInstance = file.Dataset.GetUid(DicomTags.SOPInstanceUID);
            if (sopClass is { Length: > 0 }) meta.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClass);
            if (sopInstance is { Length: > 0 }) meta.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstance);
            meta.AddOrUpdate(DicomTags.TransferSyntaxUID, DicomVR.UI, ts.Uid);
            meta.AddOrUpdate(DicomTags.ImplementationClassUID, DicomVR.UI, DicomUids.ImplementationClassUid);
            meta.AddOrUpdate(DicomTags.ImplementationVersionName, DicomVR.SH, ImplementationVersionName);
            return meta;
        }

        private static void WriteFileMeta(DicomOutput o, DicomDataset meta)
        {
            using (var ms = new MemoryStream())
            {
                using (var m = new DicomOutput(ms, 4096))
                    foreach (var e in meta) WriteElement(m, e, true, false);
                o.WriteUInt16(0x0002, false);
                o.WriteUInt16(0x0000, false);
                o.WriteByte((byte)'U');
                o.WriteByte((byte)'L');
                o.WriteUInt16(4, false);
                o.WriteUInt32((uint)ms.Length, false);
                o.WriteBytes(ms.GetBuffer(), 0, (int)ms.Length);
            }
        }

        private static void CheckPixelDataEncoding(DicomDataset ds, DicomTransferSyntax ts)
        {
            var pixel = ds.GetElement(PixelData);
            if (pixel == null) return;
            bool encapsulated = pixel is DicomFragmentSequence;
            if (encapsulated && !ts.IsEncapsulated)
                throw new InvalidOperationException("Encapsulated (compressed) pixel data cannot be written in " + ts.Name + "; HamletPS does not transcode pixel data.");
            if (!encapsulated && ts.IsEncapsulated)
                throw new InvalidOperationException("Native pixel data cannot be written in " + ts.Name + "; HamletPS does not compress pixel data.");
        }

        private static void WriteDataset(DicomOutput o, DicomDataset ds, bool explicitVR, bool bigEndian, bool topLevel)
        {
            var list = ds.Elements;
            for (int i = 0; i < list.Count; i++)
            {
                var e = list[i];
                var tag = e.Tag;
                if (tag.IsGroupLength) continue;                       // recomputed by nobody: dropped (PS3.5 7.2 makes them optional)
                if (topLevel && tag.Group == 0x0002) continue;          // file meta elements belong in the meta group only
                WriteElement(o, e, explicitVR, bigEndian);
            }
        }

        private static void WriteElement(DicomOutput o, DicomElement e, bool explicitVR, bool bigEndian)
        {
            switch (e)
            {
                case DicomSequence seq:
                    {
                        bool asUN = explicitVR && seq.VR == DicomVR.UN;
                        WriteHeader(o, e.Tag, asUN ? DicomVR.UN : DicomVR.SQ, Undefined, explicitVR, bigEndian);
                        bool innerExplicit = asUN ? false : explicitVR;
                        bool innerBig = asUN ? false : bigEndian;
                        foreach (var item in seq.Items)
                        {
                            WriteItemTag(o, 0xE000, Undefined, innerBig);
                            WriteDataset(o, item, innerExplicit, innerBig, false);
                            WriteItemTag(o, 0xE00D, 0, innerBig);
                        }
                        WriteItemTag(o, 0xE0DD, 0, innerBig);
                        return;
                    }
                case DicomFragmentSequence frags:
                    WriteHeader(o, e.Tag, frags.VR == DicomVR.OW ? DicomVR.OW : DicomVR.OB, Undefined, explicitVR, bigEndian);
                    WriteFragment(o, frags.OffsetTable, bigEndian);
                    foreach (var f in frags.Fragments) WriteFragment(o, f, bigEndian);
                    WriteItemTag(o, 0xE0DD, 0, bigEndian);
                    return;
            }

            var vr = e.VR;
            long length = e.Length;
            bool pad = (length & 1) == 1;
            long padded = length + (pad ? 1 : 0);
            if (padded > 0xFFFFFFFEL) throw new InvalidOperationException(e.Tag + ": value too long for DICOM (" + length + " bytes).");
            if (explicitVR && !vr.HasLongExplicitHeader && padded > 0xFFFF) vr = DicomVR.UN; // PS3.5 6.2.2 note: too long for a 16-bit length
            WriteHeader(o, e.Tag, vr, (uint)padded, explicitVR, bigEndian);
            bool swap = bigEndian && e.VR.IsSwappedByEndianness;
            if (e.Reference is { } reference)
            {
                var stream = o.FlushAndGetStream();
                reference.CopyTo(stream, bigEndian, e.VR.IsSwappedByEndianness ? e.VR.UnitSize : 1, o.Sources);
                o.AddWritten(length);
            }
            else if (swap) o.WriteSwapped(e.Data ?? Array.Empty<byte>(), e.VR.UnitSize);
            else if (e.Data != null) o.WriteBytes(e.Data, 0, e.Data.Length);
            if (pad) o.WriteByte(e.VR.PaddingByte);
        }

        private static void WriteFragment(DicomOutput o, DicomFragment f, bool bigEndian)
        {
            long length = f.Length;
            bool pad = (length & 1) == 1;
            WriteItemTag(o, 0xE000, (uint)(length + (pad ? 1 : 0)), bigEndian);
            if (f.Reference is { } reference)
            {
                reference.CopyTo(o.FlushAndGetStream(), false, 1, o.Sources);
                o.AddWritten(length);
            }
            else if (f.Data != null) o.WriteBytes(f.Data, 0, f.Data.Length);
            if (pad) o.WriteByte(0);
        }

        private static void WriteItemTag(DicomOutput o, ushort element, uint length, bool bigEndian)
        {
            o.WriteUInt16(0xFFFE, bigEndian);
            o.WriteUInt16(element, bigEndian);
            o.WriteUInt32(length, bigEndian);
        }

        private static void WriteHeader(DicomOutput o, DicomTag tag, DicomVR vr, uint length, bool explicitVR, bool bigEndian)
        {
            o.WriteUInt16(tag.Group, bigEndian);
            o.WriteUInt16(tag.Element, bigEndian);
            if (!explicitVR)
            {
                o.WriteUInt32(length, false);
                return;
            }
            o.WriteByte((byte)vr.Code[0]);
            o.WriteByte((byte)vr.Code[1]);
            if (vr.HasLongExplicitHeader)
            {
                o.WriteUInt16(0, bigEndian);
                o.WriteUInt32(length, bigEndian);
            }
            else o.WriteUInt16((ushort)length, bigEndian);
        }

        private static string ProductVersion()
        {
            var asm = typeof(DicomWriter).GetTypeInfo().Assembly;
            string? v = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (v is null || v.Length == 0) v = asm.GetName().Version.ToString(3);
            int plus = v.IndexOf('+');
            if (plus >= 0) v = v.Substring(0, plus);
            return v.Length > 7 ? v.Substring(0, 7) : v; // SH: at most 16 characters in all
        }
    }
}
