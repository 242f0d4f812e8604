using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Dose;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Lists the dose history: one object per stored study with its irradiation events, filtered by kind, station,
    /// protocol, study description and date range; test/QA patients left out unless asked for. With -Summary, one object
    /// per station and kind: studies, latest study, median and quartiles of DLP, CTDIvol, DAP and AGD.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DoseHistory")]
    [OutputType(typeof(DoseHistoryEntry), typeof(DoseStationSummary))]
    public sealed class GetDoseHistoryCommand : DoseHistoryCmdlet
    {
        /// <summary>One object per station and kind instead of one per study.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void ProcessRecord()
        {
            var (_, database, filter) = ResolveHistory();
            using (DoseHistoryStore store = OpenHistory(database))
            {
                try
                {
                    if (Summary)
                    {
                        foreach (DoseStationSummary s in DoseHistoryExport.SummariseStations(store.Query(filter))) WriteObject(s);
                        return;
                    }
                    foreach (DoseHistoryEntry entry in store.Query(filter))
                    {
                        StopToken.ThrowIfCancellationRequested();
                        WriteObject(entry);
                    }
                }
                catch (HamletException ex)
                {
                    Terminate(ex, database); // DoseHistoryUnavailable
                }
            }
        }
    }
}
