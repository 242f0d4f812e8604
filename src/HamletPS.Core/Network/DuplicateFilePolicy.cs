namespace HamletPS.Core.Network
{
    /// <summary>What the receiver does when <c>&lt;SOPInstanceUID&gt;.dcm</c> already exists in the incoming folder.</summary>
    public enum DuplicateFilePolicy
    {
        /// <summary>Replace the existing file atomically with the new one (the old receiver's behaviour).</summary>
        Overwrite,

        /// <summary>Keep both: the new one is stored as <c>&lt;SOPInstanceUID&gt;.1.dcm</c>, <c>.2.dcm</c>, …</summary>
        KeepBoth,

        /// <summary>Keep the existing file and refuse the new one (status 0111H, duplicate SOP instance).</summary>
        Reject,
    }
}
