using System.Management.Automation;

namespace HamletPS.Internal
{
    /// <summary>An information record shown like Write-Host (tag PSHOST): visible by default, yet capturable with 6&gt; or -InformationVariable.</summary>
    internal static class HostMessage
    {
        public static InformationRecord Create(string text, string source)
        {
            var record = new InformationRecord(new HostInformationMessage { Message = text, NoNewLine = false }, source);
            record.Tags.Add("PSHOST");
            return record;
        }
    }
}
