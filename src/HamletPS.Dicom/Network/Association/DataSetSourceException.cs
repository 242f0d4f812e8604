using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The data set being sent could not be read (the file, or its on-the-fly transcoding, failed) — unlike a network failure
    /// the association is not at fault, but it has to be aborted because the message is half sent.
    /// </summary>
    public sealed class DataSetSourceException : Exception
    {
        public DataSetSourceException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
