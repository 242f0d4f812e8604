using System.Collections.Generic;

namespace HamletPS.Dicom.Network
{
    /// <summary>How a C-GET or C-MOVE ended: final status, sub-operation counts, the instances the peer says failed.</summary>
    public sealed class RetrieveResult
    {
        public ushort Status { get; set; }

        public string? ErrorComment { get; set; }

        public int Completed { get; set; }

        public int Failed { get; set; }

        public int Warning { get; set; }

        public int Remaining { get; set; }

        /// <summary>Failed SOP Instance UID List (0008,0058) of the final response.</summary>
        public IList<string> FailedSopInstanceUids { get; set; } = new List<string>();

        /// <summary>A C-CANCEL was sent.</summary>
        public bool Cancelled { get; set; }

        /// <summary>C-GET only: files stored by this retrieve.</summary>
        public int FilesStored { get; set; }
    }
}
