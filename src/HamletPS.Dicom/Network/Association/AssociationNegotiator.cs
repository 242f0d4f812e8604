using System;
using System.Collections.Generic;
using System.Linq;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Acceptor-side association negotiation (PS3.8 7.1.1, PS3.7 D.3): checks the application context and AE titles, and for
    /// each proposed presentation context accepts the first transfer syntax of OUR preference order that the requestor
    /// proposed. Rejections: calling AE not allowed (permanent, service-user, reason 3), called AE wrong (reason 7),
    /// application context not supported (reason 2), no acceptable presentation context (permanent, reason 1).
    /// The association limit is checked by the caller (transient, service-provider, local limit exceeded).
    /// </summary>
    public sealed class AssociationNegotiator
    {
        private readonly Func<string, bool> _acceptsAbstractSyntax;
        private readonly IReadOnlyList<string> _transferSyntaxes;

        /// <param name="calledAeTitle">Our AE title; null or empty accepts any called AE title.</param>
        /// <param name="allowedCallingAeTitles">Calling AE titles allowed in; null or empty allows any.</param>
        /// <param name="acceptsAbstractSyntax">Whether a SOP class is served (Verification is always served).</param>
        /// <param name="transferSyntaxes">Our transfer syntax preference order.</param>
        public AssociationNegotiator(string calledAeTitle, IEnumerable<string> allowedCallingAeTitles, Func<string, bool> acceptsAbstractSyntax, IReadOnlyList<string> transferSyntaxes)
        {
            CalledAeTitle = calledAeTitle;
            AllowedCallingAeTitles = new HashSet<string>((allowedCallingAeTitles ?? Enumerable.Empty<string>()).Select(t => t.Trim()), StringComparer.Ordinal);
            _acceptsAbstractSyntax = acceptsAbstractSyntax;
            _transferSyntaxes = transferSyntaxes;
        }

        public string CalledAeTitle { get; }

        public ISet<string> AllowedCallingAeTitles { get; }

        /// <summary>Returns either an A-ASSOCIATE-AC (with one result per proposed context) or an A-ASSOCIATE-RJ.</summary>
        public Pdu Negotiate(AssociateRequestPdu request)
        {
            if (request.ApplicationContext == null || request.ApplicationContext.Name != ApplicationContextItem.DicomApplicationContext)
                return AssociateRejectPdu.ApplicationContextNotSupported();
            if (!string.IsNullOrEmpty(CalledAeTitle) && !string.Equals(request.CalledAeTitle, CalledAeTitle.Trim(), StringComparison.Ordinal))
                return AssociateRejectPdu.CalledAeNotRecognized();
            if (AllowedCallingAeTitles.Count > 0 && !AllowedCallingAeTitles.Contains(request.CallingAeTitle ?? string.Empty))
                return AssociateRejectPdu.CallingAeNotRecognized();

            var accept = new AssociateAcceptPdu
            {
                CalledAeTitle = request.CalledAeTitle,
                CallingAeTitle = request.CallingAeTitle,
                UserInformation = new UserInformationItem
                {
                    ImplementationClassUid = DicomUids.ImplementationClassUid,
                    ImplementationVersionName = IO.DicomWriter.ImplementationVersionName,
                },
            };
            if (request.UserInformation?.MaxOperationsInvoked != null)
            {
                // Asynchronous operations window: we perform and invoke one operation at a time (PS3.7 D.3.3.3).
                accept.UserInformation.MaxOperationsInvoked = 1;
                accept.UserInformation.MaxOperationsPerformed = 1;
            }
            bool any = false;
            var seen = new HashSet<byte>();
            foreach (PresentationContextRequestItem pc in request.PresentationContexts)
            {
                if (!seen.Add(pc.Id)) continue;
                PresentationContextAcceptItem result = NegotiateContext(pc);
                any |= result.Result == PresentationContextResult.Acceptance;
                accept.PresentationContexts.Add(result);
            }
            if (!any) return AssociateRejectPdu.NoReasonGiven();
            return accept;
        }

        private PresentationContextAcceptItem NegotiateContext(PresentationContextRequestItem pc)
        {
            bool served = pc.AbstractSyntax == DicomUids.Verification || _acceptsAbstractSyntax(pc.AbstractSyntax);
            if (!served)
                return new PresentationContextAcceptItem(pc.Id, PresentationContextResult.AbstractSyntaxNotSupported, DicomUids.ImplicitVRLittleEndian);
            foreach (string ours in _transferSyntaxes)
                if (pc.TransferSyntaxes.Contains(ours))
                    return new PresentationContextAcceptItem(pc.Id, PresentationContextResult.Acceptance, ours);
            return new PresentationContextAcceptItem(pc.Id, PresentationContextResult.TransferSyntaxesNotSupported, DicomUids.ImplicitVRLittleEndian);
        }
    }
}
