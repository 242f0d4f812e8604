using HamletPS.TestSupport;

namespace HamletPS.Dicom.Tests
{
    /// <summary>Locations the tests use: repository root, the standard's tables, pydicom corpus, peers, scratch folders (the shared helpers, under the names these tests use).</summary>
    internal static class TestPaths
    {
        public static string RepositoryRoot => RepositoryPaths.Root;

        /// <summary>The DICOM standard's tables the generators read (src/HamletPS.Generators/Data; source and licence in its README).</summary>
        public static string StandardTables => RepositoryPaths.GeneratorData;

        /// <summary>The former name of <see cref="StandardTables"/> (the tables were read from ../shared/dicom-standard).</summary>
        public static string SharedStandard => StandardTables;

        /// <summary>pydicom's data folder, found through the installed pydicom (Debian's path when it is missing, so a test fails naming it).</summary>
        public static string PydicomData => Pydicom.DataFolder ?? "/usr/lib/python3/dist-packages/pydicom/data";

        public static string Python => Pydicom.Python;

        public static string Oracle(string name) => System.IO.Path.Combine(System.AppContext.BaseDirectory, "Oracles", name);

        /// <summary>A new folder, removed when the test process ends.</summary>
        public static string NewScratch(string name) => ScratchFolders.New(name);
    }
}
