using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace HamletPS.Dicom.Tests.Text
{
    /// <summary>Runs pydicom_charsets.py once (/usr/bin/python3 with python3-pydicom) and holds its JSON.</summary>
    public sealed class PydicomCharsetFixture : IDisposable
    {
        public PydicomCharsetFixture()
        {
            string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            string script = Path.Combine(AppContext.BaseDirectory, "Text", "pydicom_charsets.py");
            using var temp = new TempFolder("pydicom-charsets");
            string output = temp.File("pydicom-charsets.json");
            var psi = new ProcessStartInfo(python)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(output);
            using (var p = Process.Start(psi))
            {
                string stderr = p.StandardError.ReadToEnd();
                p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0)
                    throw new InvalidOperationException("pydicom_charsets.py failed (needs /usr/bin/python3 with python3-pydicom): " + stderr);
            }
            try
            {
                Json = JsonDocument.Parse(File.ReadAllText(output));
            }
            finally
            {
                File.Delete(output);
            }
        }

        public JsonDocument Json { get; }

        public JsonElement Root => Json.RootElement;

        public void Dispose() => Json.Dispose();
    }
}
