using System;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// What Send-AzureShare or `hamlet send-azure` was given for the HTTPS route besides the connection (which
    /// <see cref="ShareConnectionResolver"/> resolves): null when not given. <see cref="UploadSetup"/> fills the rest from the
    /// configuration and the defaults.
    /// </summary>
    public sealed class UploadRequest
    {
        /// <summary>-Force / --force: replace a remote file whose content differs.</summary>
        public bool Force { get; set; }

        /// <summary>Asked when a remote file differs and <see cref="Force"/> is not set (the cmdlet's -Confirm); null: never replace.</summary>
        public Func<string, bool> ConfirmOverwrite { get; set; }

        /// <summary>-MaxParallelRanges / --max-parallel-ranges.</summary>
        public int? MaxParallelRanges { get; set; }

        /// <summary>-LedgerPath / --ledger-path, made full by the face.</summary>
        public string LedgerPath { get; set; }
    }
}
