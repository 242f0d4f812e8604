#nullable enable
using System;

namespace HamletPS.Core.Inspection
{
    /// <summary>
    /// One DICOM file's header, as Get-DicomFile and `hamlet inspect` show it. These are the file's own values: a summary of
    /// an unprotected file holds patient identifiers and stays at the site.
    /// </summary>
    public sealed class DicomFileSummary
    {
        public string? PatientID { get; set; }
        public string? PatientName { get; set; }
        public string? StudyInstanceUID { get; set; }
        public string? SeriesInstanceUID { get; set; }
        public string? SOPInstanceUID { get; set; }
        public string? SOPClassUID { get; set; }

        /// <summary>The SOP class's name from the UID registry (e.g. "CT Image Storage"), or the UID when unknown.</summary>
        public string? SOPClassName { get; set; }

        public string? Modality { get; set; }
        public DateTime? StudyDate { get; set; }
        public string? AccessionNumber { get; set; }
        public int? SeriesNumber { get; set; }

        /// <summary>The transfer syntax's name (e.g. "Explicit VR Little Endian").</summary>
        public string? TransferSyntax { get; set; }

        public string? TransferSyntaxUID { get; set; }

        /// <summary>Full path of the file (binds to -Path of the next cmdlet by property name).</summary>
        public string? Path { get; set; }

        /// <summary>File size in bytes.</summary>
        public long Length { get; set; }
    }
}
