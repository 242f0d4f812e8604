using System;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The cheap check of a received data set before it is made durable: the temporary file is parsed while it is still in
    /// the page cache, values of 1 KiB or more skipped rather than read (deflated ones inflated and read past, within
    /// <see cref="DicomReadOptions.MaxInflatedLength"/>), deflated data sets only up to the pixel data, within 64 MiB of memory. A data set that cannot be parsed gets C000 "cannot understand"; one whose SOP class or
    /// instance differs from the C-STORE command gets A900. Comments fit the 64 characters of (0000,0902) and hold no value.
    /// </summary>
    internal static class ReceivedDataSetCheck
    {
        /// <summary>Values from this length on are referenced in the file (or, inflated, read past): the check needs only the UIDs.</summary>
        internal const int CheckValueThreshold = 1024;

        /// <summary>What one check may hold in memory (elements and values under 1 KiB); a data set needing more is refused (C000).</summary>
        internal const long CheckMaxMemory = 64L * 1024 * 1024;

        /// <summary>Null when the data set is acceptable; else the status and comment to answer with.</summary>
        public static (ushort Status, string Comment)? Check(Stream file, string transferSyntaxUid, string sopClassUid, string sopInstanceUid)
        {
            DicomFile parsed;
            try
            {
                var options = new DicomReadOptions
                {
                    LargeValueThreshold = CheckValueThreshold,
                    SkipLargeStreamedValues = true,
                    MaxMemory = CheckMaxMemory,
                };
                if (DicomTransferSyntax.Lookup(transferSyntaxUid).IsDeflated) options.StopAtTag = new DicomTag(0x7FE0, 0x0010);
                parsed = DicomFile.Read(file, "received data set", options);
            }
            catch (DicomFormatException e)
            {
                return (DimseStatus.CannotUnderstand, "data set cannot be parsed at byte " + e.Offset);
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException || e is ArgumentException || e is OverflowException || e is NotSupportedException || e is FormatException)
            {
                return (DimseStatus.CannotUnderstand, "data set cannot be parsed");
            }
            string? cls = parsed.Dataset.GetUid(DicomTags.SOPClassUID);
            string? inst = parsed.Dataset.GetUid(DicomTags.SOPInstanceUID);
            if (cls != null && cls != sopClassUid) return (DimseStatus.DataSetDoesNotMatchSopClass, "SOP Class UID of the data set differs from the command");
            if (inst != null && inst != sopInstanceUid) return (DimseStatus.DataSetDoesNotMatchSopClass, "SOP Instance UID of the data set differs from the command");
            return null;
        }
    }
}
