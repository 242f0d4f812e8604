namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Receives a message's data set fragment by fragment as P-DATA PDVs arrive (never the whole data set at once). Writes are
    /// synchronous: the association's reading thread makes them between two PDUs (a file write, a memory copy).
    /// </summary>
    public interface IDataSetSink
    {
        /// <summary>Called for every data set fragment in order; blocks until the fragment is taken. The buffer is reused after the call returns.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
