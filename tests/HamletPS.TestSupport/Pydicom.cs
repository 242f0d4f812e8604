using System;
using System.IO;

namespace HamletPS.TestSupport
{
    /// <summary>The installed pydicom (the oracle of many tests), asked where it lives rather than assumed at a fixed path.</summary>
    public static class Pydicom
    {
        private static readonly Lazy<string> Data = new Lazy<string>(FindData);

        /// <summary>The Python that has pydicom: Debian's /usr/bin/python3 when present, else python3 on PATH.</summary>
        public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

        /// <summary>pydicom's data folder (…/pydicom/data), or null when pydicom is not installed.</summary>
        public static string DataFolder => Data.Value;

        /// <summary>pydicom's data/test_files folder, or null when pydicom (or its test files) is not installed.</summary>
        public static string TestFiles
        {
            get
            {
                string data = DataFolder;
                string files = data == null ? null : Path.Combine(data, "test_files");
                return files != null && Directory.Exists(files) ? files : null;
            }
        }

        private static string FindData()
        {
            try
            {
                var (code, output) = PeerProcesses.Run(Python, "-c \"import os, pydicom.data; print(os.path.dirname(pydicom.data.__file__))\"", 30000);
                string folder = output.Trim();
                return code == 0 && Directory.Exists(folder) ? folder : null;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is TimeoutException)
            {
                return null;   // no python3 at all
            }
        }
    }
}
