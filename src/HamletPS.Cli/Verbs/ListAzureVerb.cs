using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet list-azure`: Get-AzureShareItem for the command line.</summary>
    public static class ListAzureVerb
    {
        public const string CmdletName = "Get-AzureShareItem";

        public static Command Create()
        {
            var directory = new Option<string>("--directory") { Description = "Directory to list, relative to the share (default the root)." };
            var share = new Option<string>("--share") { Description = "File share (default: the configuration's AZURE SHARENAME)." };
            var target = new Option<string>("--target") { Description = "share/dir in one value." };
            var recurse = new Option<bool>("--recurse", "-r") { Description = "List subdirectories too." };
            var json = new Option<bool>("--json") { Description = "One JSON object per item." };
            var shareOptions = new ShareOptions();
            var command = new Command("list-azure", "List the files of the site's Azure Files share with size, time and MD5 (Get-AzureShareItem).") { directory, share, target, recurse, json };
            shareOptions.AddTo(command);
            command.SetAction((parse, ct) => Task.FromResult(Run(shareOptions.Build(parse, parse.GetValue(share), parse.GetValue(directory), parse.GetValue(target)),
                parse.GetValue(recurse), parse.GetValue(json), CliOutput.Console, ct)));
            return command;
        }

        public static int Run(ShareConnectionRequest request, bool recurse, bool json, CliOutput output, CancellationToken cancellationToken = default)
        {
            ResolvedShare share;
            try
            {
                share = ShareConnectionResolver.Resolve(request);
            }
            catch (HamletException ex) when (ex.IsSetup)
            {
                return output.Failure(ex);
            }
            IReadOnlyList<ShareItem> items;
            try
            {
                items = new ShareLister(share.Connection, share.Target, new ShareListOptions { Recursive = recurse }).ListAsync(cancellationToken).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ShareFailure.Classify(share.Target.ToString(), ex) != null)
            {
                ShareFailure failure = ShareFailure.Classify(share.Target.ToString(), ex);
                output.Failure(failure.Reason, share.Redact(failure.Message));
                return output.ExitCode;
            }
            foreach (ShareItem item in items)
            {
                if (json)
                {
                    output.Json(ShareItemLine.From(item), CliJsonContext.Relaxed.ShareItemLine);
                    continue;
                }
                output.Line(string.Join("  ",
                    item.IsDirectory ? "d" : "-",
                    (item.Length?.ToString(CultureInfo.InvariantCulture) ?? "").PadLeft(13),
                    item.LastModified?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-".PadRight(19),
                    (item.ContentMD5 ?? "-").PadRight(24),
                    item.IsDirectory ? item.Path + "/" : item.Path));
            }
            return output.ExitCode;
        }
    }
}
