using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Dicom.Network
{
    /// <summary>Receives a message's data set fragment by fragment as P-DATA PDVs arrive (never the whole data set at once).</summary>
    public interface IDataSetSink
    {
        /// <summary>Called for every data set fragment in order. The buffer is reused after the call returns.</summary>
        Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken);
    }
}
