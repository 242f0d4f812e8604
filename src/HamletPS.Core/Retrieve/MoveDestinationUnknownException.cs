using System;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// The PACS refused a C-MOVE because it does not know our AE (status A801): the message says what to declare on the PACS
    /// (AE title, address, port) or to use C-GET, which needs no such entry.
    /// </summary>
    public sealed class MoveDestinationUnknownException : HamletException
    {
        public MoveDestinationUnknownException(string peer, string destination, string address, int? port, Exception inner)
            : base(ErrorIds.MoveDestinationUnknown, peer + ": C-MOVE refused, the PACS does not know the move destination '" + destination + "' (status A801). " +
                "Declare AE title '" + destination + "' at " + (address ?? "this computer's address") + ", port " +
                (port.HasValue ? port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "<receiver port>") +
                " in the PACS's list of DICOM nodes (Orthanc: DicomModalities; dcmqrscp: HostTable), or retrieve with C-GET.", inner)
        {
            Destination = destination;
        }

        public string Destination { get; }
    }
}
