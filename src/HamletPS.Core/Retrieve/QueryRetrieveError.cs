using System;
using HamletPS.Dicom.Network;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// Classifies a failure of a query or retrieve for the cmdlets and verbs (which must not name engine types): a stable
    /// error ID, or null when the exception is not a network/peer failure and must propagate.
    /// </summary>
    public static class QueryRetrieveError
    {
        public static string Classify(Exception e)
        {
            switch (e)
            {
                case MoveDestinationUnknownException _: return ErrorIds.MoveDestinationUnknown;
                case AssociationRejectedException _: return ErrorIds.DicomAssociationRejected;
                case DimseFailureException _: return ErrorIds.DicomQueryRefused;
                case AssociationAbortedException _: return ErrorIds.DicomAssociationAborted;
                case DicomNetworkException _: return ErrorIds.DicomConnectionFailed;
                case Dicom.DicomFormatException _: return ErrorIds.DicomInvalidResponse;
                default: return null;
            }
        }
    }
}
