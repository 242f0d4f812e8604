namespace HamletPS.Core.Retrieve
{
    /// <summary>One instance a retrieve could not bring in (becomes a non-terminating error naming the UID, never a patient value).</summary>
    public sealed class DicomRetrieveFailure
    {
        public string SOPInstanceUID { get; set; }

        /// <summary>Stable reason: DicomStoreRefused (our side refused it), DicomSubOperationFailed (the PACS says it failed), DicomInstanceNotReceived, DicomInstanceNotFound (the PACS lists nothing for the request).</summary>
        public string Reason { get; set; }

        public string Message { get; set; }
    }
}
