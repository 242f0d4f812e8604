using System;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// One file the receiver stored (Receive-Dicom writes one per file as it lands). Identifiers only: no patient value.
    /// <see cref="Path"/> binds to -Path of the next cmdlet.
    /// </summary>
    public sealed class ReceivedDicomFile
    {
        /// <summary>The sender's AE title.</summary>
        public string CallingAE { get; set; }

        public string SOPClassUID { get; set; }

        /// <summary>The SOP class's registry name ("CT Image Storage"), or the UID when unknown.</summary>
        public string SOPClassName { get; set; }

        public string SOPInstanceUID { get; set; }

        /// <summary>Size of the stored file in bytes.</summary>
        public long Length { get; set; }

        /// <summary>Full path of the stored file, <c>&lt;SOPInstanceUID&gt;.dcm</c> in the incoming folder.</summary>
        public string Path { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }
    }
}
