#nullable disable warnings // nullable annotations not finished here yet (issue 17): the warnings are off, the annotations count
using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.Network
{
    /// <summary>Verification SCU (PS3.4 Annex A): one association, one C-ECHO, release; never throws for network failures.</summary>
    public static class EchoScu
    {
        public static async Task<EchoResult> EchoAsync(ScuOptions options, CancellationToken cancellationToken)
        {
            var result = new EchoResult { Host = options.Host, Port = options.Port, CalledAeTitle = options.CalledAeTitle, CallingAeTitle = options.CallingAeTitle };
            var total = Stopwatch.StartNew();
            var rq = new AssociateRequestPdu { CalledAeTitle = options.CalledAeTitle, CallingAeTitle = options.CallingAeTitle };
            rq.PresentationContexts.Add(new PresentationContextRequestItem(1, DicomUids.Verification, new[] { DicomUids.ImplicitVRLittleEndian }));
            try
            {
                using (Association a = await Association.RequestAsync(options.Host, options.Port, rq, options.Association, options.Tls, cancellationToken).ConfigureAwait(false))
                {
                    if (!a.Contexts.TryGetValue(1, out PresentationContext pc) || !pc.IsAccepted)
                    {
                        await a.AbortAsync("verification not accepted").ConfigureAwait(false);
                        result.Error = "peer did not accept the Verification SOP class";
                        return result;
                    }
                    var rtt = Stopwatch.StartNew();
                    await a.SendMessageAsync(1, DimseCommand.EchoRequest(1), null, 0, null, cancellationToken).ConfigureAwait(false);
                    DimseMessage rsp = await a.ReceiveMessageAsync((c, x) => null, options.Association.DimseTimeout, cancellationToken).ConfigureAwait(false);
                    rtt.Stop();
                    if (rsp == null) { result.Error = "peer released the association before answering"; return result; }
                    result.RoundTrip = rtt.Elapsed;
                    result.Status = rsp.Command.Status;
                    result.Success = rsp.Command.CommandField == DimseCommandField.CEchoResponse && rsp.Command.Status == DimseStatus.Success;
                    if (!result.Success) result.Error = "C-ECHO answered with status " + (rsp.Command.Status ?? 0xFFFF).ToString("X4", CultureInfo.InvariantCulture);
                    await a.ReleaseAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DicomNetworkException e)
            {
                result.Error = e.Message;
            }
            result.Total = total.Elapsed;
            return result;
        }
    }
}
