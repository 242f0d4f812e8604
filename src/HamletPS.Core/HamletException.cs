using System;
using System.Text;

namespace HamletPS.Core
{
    /// <summary>
    /// The one exception of the workflow engine: every public exception type of Core derives from it. <see cref="ErrorId"/> is
    /// a stable id from <see cref="ErrorIds"/> (the cmdlets' ErrorId, the CLI's error prefix), which also gives the
    /// <see cref="Category"/> and whether it is a set-up error. The message says what is wrong and where, never a patient
    /// value or a secret, and names no parameter of either face: when the remedy is a setting, <see cref="Remedy"/> says so
    /// with the setting's name in braces (<c>{Force}</c>), which each face renders in its own syntax (<see cref="Describe"/>).
    /// </summary>
    public class HamletException : Exception
    {
        public HamletException(string errorId, string message, Exception innerException = null, string remedy = null)
            : base(message, innerException)
        {
            if (string.IsNullOrEmpty(errorId)) throw new ArgumentException("An error id is required.", nameof(errorId));
            ErrorId = errorId;
            Remedy = remedy;
        }

        /// <summary>The stable id (<see cref="ErrorIds"/>).</summary>
        public string ErrorId { get; }

        /// <summary>What kind of failure this is; the faces map it to an ErrorCategory.</summary>
        public HamletErrorCategory Category => ErrorIds.CategoryOf(ErrorId);

        /// <summary>True when the settings cannot be used and nothing was touched (terminating error; `hamlet` exits 2).</summary>
        public bool IsSetup => ErrorIds.IsSetup(ErrorId);

        /// <summary>What to do, with each setting's name in braces (e.g. "Replace it with {Force}."), or null.</summary>
        public string Remedy { get; }

        /// <summary>
        /// The message and the remedy, each <c>{Setting}</c> written as <paramref name="parameterName"/> makes it (the cmdlets:
        /// "-Setting"; `hamlet`: "--setting").
        /// </summary>
        public string Describe(Func<string, string> parameterName)
        {
            if (string.IsNullOrEmpty(Remedy)) return Message;
            return Message + " " + RenderSettings(Remedy, parameterName);
        }

        /// <summary>Replaces each <c>{Name}</c> of <paramref name="text"/> by <paramref name="parameterName"/>(Name).</summary>
        public static string RenderSettings(string text, Func<string, string> parameterName)
        {
            if (text == null || parameterName == null) return text;
            var sb = new StringBuilder(text.Length + 16);
            int i = 0;
            while (i < text.Length)
            {
                int open = text.IndexOf('{', i);
                int close = open < 0 ? -1 : text.IndexOf('}', open + 1);
                if (open < 0 || close < 0)
                {
                    sb.Append(text, i, text.Length - i);
                    break;
                }
                sb.Append(text, i, open - i);
                sb.Append(parameterName(text.Substring(open + 1, close - open - 1)));
                i = close + 1;
            }
            return sb.ToString();
        }
    }
}
