#nullable enable
namespace HamletPS.Core
{
    /// <summary>
    /// Text from a file, a peer or a folder made safe to print on one line (control characters, line separators and bidi
    /// controls escaped as <c>\xHH</c> / <c>\uHHHH</c>). For the cmdlets and the CLI, which reference Core only; the one
    /// implementation is <see cref="HamletPS.Dicom.Text.DisplayText"/>.
    /// </summary>
    public static class PrintableText
    {
        public static string? Escape(string text) => Dicom.Text.DisplayText.Escape(text);

        /// <summary>A serialized JSON line with what its encoder left raw (bidi controls, line separators, DEL, C1) as \uHHHH.</summary>
        public static string? EscapeJson(string json) => Dicom.Text.DisplayText.EscapeJson(json);
    }
}
