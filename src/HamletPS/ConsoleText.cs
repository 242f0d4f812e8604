using System;
using System.Globalization;
using HamletPS.Core;

namespace HamletPS
{
    /// <summary>
    /// What the module's default views (HamletPS.format.ps1xml) show of a string a sender, a peer or a file name controls:
    /// control characters, line separators and bidi controls escaped (<see cref="PrintableText"/>), so a value holding ESC[31m
    /// or a newline cannot recolour the console or forge a line. The objects keep their raw values for scripts; only the view
    /// escapes. Public in the cmdlet assembly (which PowerShell loads in its default context) so a view's ScriptBlock can call
    /// it as <c>[HamletPS.ConsoleText]::Escape($_.Value)</c>; the engine types themselves live in a private load context.
    /// </summary>
    public static class ConsoleText
    {
        /// <summary>The value as text with every unsafe character escaped (null stays null).</summary>
        public static string Escape(object value)
        {
            if (value == null) return null;
            string text = value as string ?? Convert.ToString(value, CultureInfo.CurrentCulture);
            return PrintableText.Escape(text);
        }
    }
}
