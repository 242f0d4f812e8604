using System;
using System.Collections.Generic;
using System.Management.Automation;
using HamletPS.Core.Upload;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Lists a share or one of its directories (recursively with -Recurse): name, path, size, last modified time and Content-MD5,
    /// like the earlier tool's "Listing contents of your storage account".
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzureShareItem", DefaultParameterSetName = ConfigurationSet)]
    [OutputType(typeof(ShareItem))]
    public sealed class GetAzureShareItemCommand : AzureShareCommand
    {
        private ResolvedShare _share;

        /// <summary>The directory to list, relative to the share; binds the Path property of a piped share item. Default the root (or the configuration's directory).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; }

        /// <summary>List subdirectories too (depth-first).</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        protected override string DirectoryValue => Directory;

        protected override void ProcessRecord()
        {
            _share = ResolveShare();
            var lister = new ShareLister(_share.Connection, _share.Target, new ShareListOptions { Recursive = Recurse });
            string where = _share.Target.ToString();
            IReadOnlyList<ShareItem> items = null;
            RunOffPipelineThread(async ct =>
            {
                try
                {
                    items = await lister.ListAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
                {
                    ErrorRecord record = NewShareError(where, ex, _share);
                    if (record == null) throw;
                    EmitError(record);
                }
            });
            if (items == null) return;
            foreach (ShareItem item in items) WriteObject(item);
        }
    }
}
