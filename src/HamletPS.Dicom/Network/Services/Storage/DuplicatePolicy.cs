namespace HamletPS.Dicom.Network
{
    /// <summary>What the receiver does when <c>&lt;SOPInstanceUID&gt;.dcm</c> already exists in the target folder.</summary>
    public enum DuplicatePolicy
    {
        /// <summary>Replace the existing file atomically with the new one.</summary>
        Overwrite,
        /// <summary>Keep both: the new one is stored as <c>&lt;SOPInstanceUID&gt;.1.dcm</c>, <c>.2.dcm</c>, …</summary>
        KeepBoth,
        /// <summary>Keep the existing file and answer the C-STORE with a failure status (0111H duplicate SOP instance).</summary>
        Reject,
    }
}
