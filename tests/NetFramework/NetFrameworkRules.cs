// The .NET Framework-rules job: compiled by tests/NetFramework/run.sh with Mono's C# compiler against the laid-out module
// (out/HamletPS/<version>/) and run under Mono, whose class library follows .NET Framework's rules (FileStream,
// ServicePointManager, AppDomain.AssemblyResolve) where .NET 10 is lenient. It loads the netstandard2.0 assemblies the
// way Windows PowerShell 5.1 does: from the module's Dependencies/ folder through the module's own resolver, nothing copied
// beside this program. Writes a TRX-like file whose counters tests/run.sh adds to the totals.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Threading;
using HamletPS.Core.Identity;
using HamletPS.Core.Network;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Storage;

internal static class NetFrameworkRules
{
    private static string _module, _work;
    private static Assembly _moduleAssembly;
    private static object _resolver;
    private static int _passed, _failed, _skipped;
    private static readonly StringBuilder Results = new StringBuilder();

    private sealed class SkipException : Exception
    {
        public SkipException(string reason) : base(reason) { }
    }

    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: NetFrameworkRules.exe <module folder> <trx file>");
            return 2;
        }
        _module = Path.GetFullPath(args[0]);
        _work = Path.Combine(Path.GetTempPath(), "hamlet-netfx-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(_work);
        InstallResolver();

        Run("Mono_rejects_a_FileStream_bufferSize_of_0_as_NET_Framework_does", MonoFollowsFrameworkFileStreamRules);
        Run("Portable_IO_switch_is_on_for_this_job", PortableSwitchIsOn);
        Run("Received_file_is_created_through_LocalStorageFileSystem_defaults", LocalStorageCreatesFile);
        Run("Receiver_round_trip_from_storescu_stores_the_file", ReceiverRoundTrip);
        Run("Receiver_start_recovers_a_complete_partial_file", ReceiverRecoversPartial);
        Run("A_sharing_conflict_is_recognised_as_held_by_another_program", SharingConflict);
        Run("Read_only_attribute_is_cleared_on_files_we_own", ReadOnlyCleared);
        Run("Key_file_in_UTF16_LE_with_BOM_equals_the_ASCII_key", KeyFileUtf16);
        Run("Key_file_with_NUL_bytes_and_no_BOM_is_refused", KeyFileNul);
        Run("Mapping_csv_saved_as_Windows1252_maps_the_accented_MRN", Mapping1252);
        Run("Mapping_csv_with_a_byte_undefined_in_1252_names_its_line", Mapping1252Undefined);
        Run("Resolver_answers_requests_for_the_engine_assemblies", ResolverAnswersEngine);
        Run("Resolver_answers_our_assemblies_requests_for_their_dependencies", ResolverAnswersOurDependencies);
        Run("Resolver_refuses_requests_from_another_modules_assembly", ResolverRefusesForeign);
        Run("Resolver_refuses_a_version_newer_than_the_one_shipped", ResolverRefusesNewerVersion);
        Run("Foreign_load_of_our_YamlDotNet_by_name_fails_through_the_real_event", ForeignLoadFails);
        Run("Module_load_enables_TLS12_and_lifts_the_connection_limit", TlsDefaults);
        Run("Module_load_leaves_SystemDefault_protocols_to_the_OS", TlsSystemDefault);

        try { Directory.Delete(_work, true); } catch (IOException) { }
        WriteTrx(args[1]);
        Console.WriteLine("NetFramework (Mono): " + _passed + " passed, " + _failed + " failed, " + _skipped + " skipped");
        return _failed == 0 ? 0 : 1;
    }

    private static void InstallResolver()
    {
        _moduleAssembly = Assembly.LoadFrom(Path.Combine(_module, "HamletPS.dll"));
        Type type = _moduleAssembly.GetType("HamletPS.Internal.DependencyResolver", true);
        _resolver = Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null,
            new object[] { Path.Combine(_module, "Dependencies"), new[] { "HamletPS.Core", "HamletPS.Dicom" } }, null);
        MethodInfo resolve = type.GetMethod("Resolve");
        AppDomain.CurrentDomain.AssemblyResolve += (ResolveEventHandler)Delegate.CreateDelegate(typeof(ResolveEventHandler), _resolver, resolve);
    }

    private static Assembly Resolve(string name, Assembly requesting)
    {
        MethodInfo resolve = _resolver.GetType().GetMethod("Resolve");
        return (Assembly)resolve.Invoke(_resolver, new object[] { null, new ResolveEventArgs(name, requesting) });
    }

    private static void Run(string name, Action test)
    {
        try
        {
            test();
            _passed++;
            Console.WriteLine("  passed  " + name);
            Results.Append("    <UnitTestResult testName=\"" + name + "\" outcome=\"Passed\" />\n");
        }
        catch (SkipException ex)
        {
            _skipped++;
            Console.WriteLine("  SKIPPED " + name + ": " + ex.Message);
            Results.Append("    <UnitTestResult testName=\"" + name + "\" outcome=\"NotExecuted\" />\n");
        }
        catch (Exception ex)
        {
            _failed++;
            Exception inner = ex is TargetInvocationException && ex.InnerException != null ? ex.InnerException : ex;
            Console.WriteLine("  FAILED  " + name + ": " + inner.GetType().Name + ": " + inner.Message);
            Results.Append("    <UnitTestResult testName=\"" + name + "\" outcome=\"Failed\" />\n");
        }
    }

    private static void WriteTrx(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)));
        File.WriteAllText(path, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TestRun name=\"NetFramework (Mono)\">\n  <Results>\n" + Results +
            "  </Results>\n  <ResultSummary outcome=\"" + (_failed == 0 ? "Completed" : "Failed") + "\">\n    <Counters total=\"" + (_passed + _failed + _skipped) +
            "\" executed=\"" + (_passed + _failed) + "\" passed=\"" + _passed + "\" failed=\"" + _failed + "\" error=\"0\" notExecuted=\"" + _skipped +
            "\" />\n  </ResultSummary>\n</TestRun>\n");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new Exception(message);
    }

    // ---- FileStream rules and the receiver (finding 1) ----

    private static void MonoFollowsFrameworkFileStreamRules()
    {
        string path = Path.Combine(_work, "zero-buffer.bin");
        try
        {
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 0, FileOptions.None)) { }
        }
        catch (ArgumentOutOfRangeException)
        {
            return; // the .NET Framework rule this job exists to enforce
        }
        throw new Exception("this runtime accepted bufferSize 0, so the job cannot catch the .NET Framework rule");
    }

    private static void PortableSwitchIsOn()
    {
        Check(!PlatformIO.LinuxFastPaths, "run with HAMLET_PORTABLE_IO=1 so the Windows/.NET Framework paths are taken");
    }

    private static void LocalStorageCreatesFile()
    {
        string path = Path.Combine(_work, "received.dcm.partial");
        using (Stream s = new LocalStorageFileSystem().CreateNew(path))
        {
            s.Write(new byte[] { 1, 2, 3 }, 0, 3);
        }
        Check(new FileInfo(path).Length == 3, "the file was not written");
    }

    private static string WriteSyntheticCt(string folder, out string sopInstanceUid)
    {
        string root = "2.25." + ((ulong)Guid.NewGuid().GetHashCode() & 0x7FFFFFFF) + "1";
        sopInstanceUid = root + ".3";
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, sopInstanceUid);
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, root + ".1");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, root + ".2");
        ds.AddOrUpdate(DicomTags.Modality, "CT");
        ds.AddOrUpdate(DicomTags.PatientID, "SYNTHETIC-NETFX");
        ds.AddOrUpdate(DicomTags.PatientName, "Synthetic^Framework");
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, 1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.AddOrUpdate(DicomTags.Rows, 2);
        ds.AddOrUpdate(DicomTags.Columns, 2);
        ds.AddOrUpdate(DicomTags.BitsAllocated, 16);
        ds.AddOrUpdate(DicomTags.BitsStored, 16);
        ds.AddOrUpdate(DicomTags.HighBit, 15);
        ds.AddOrUpdate(DicomTags.PixelRepresentation, 0);
        ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, new byte[] { 1, 0, 2, 0, 3, 0, 4, 0 });
        string path = Path.Combine(folder, "ct.dcm");
        new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
        return path;
    }

    private static string Which(string program)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void ReceiverRoundTrip()
    {
        string storescu = Which("storescu");
        if (storescu == null) throw new SkipException("dcmtk's storescu is not installed (tests/run.sh installs dcmtk)");
        string source = Path.Combine(_work, "send");
        string incoming = Path.Combine(_work, "incoming");
        Directory.CreateDirectory(source);
        string sop;
        string file = WriteSyntheticCt(source, out sop);
        var receiver = new DicomReceiver(new DicomReceiverOptions { Folder = incoming, Port = FreePort(), AETitle = "HAMLET", Count = 1, IdleTimeout = TimeSpan.FromSeconds(30) });
        var refused = new List<string>();
        var log = new List<string>();
        receiver.Refused = new Progress(r => { lock (refused) refused.Add(((RefusedDicomFile)r).StatusText); });
        receiver.Log = new StringProgress(m => { lock (log) log.Add(m); });
        receiver.Start();
        var run = receiver.RunAsync(null, CancellationToken.None);
        var psi = new ProcessStartInfo(storescu, "-aec HAMLET -aet NETFX 127.0.0.1 " + receiver.Port + " \"" + file + "\"")
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        string peerOutput;
        int peerExit;
        using (Process p = Process.Start(psi))
        {
            peerOutput = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            peerExit = p.ExitCode;
        }
        bool finished = run.Wait(TimeSpan.FromSeconds(30));
        receiver.Dispose();
        string stored = Path.Combine(incoming, sop + ".dcm");
        Check(peerExit == 0, "storescu exited " + peerExit + ": " + peerOutput.Trim() + " | receiver: " + string.Join(" / ", log.ToArray()) + " " + string.Join(" / ", refused.ToArray()));
        Check(finished, "the receiver did not stop after one file");
        Check(File.Exists(stored), "no " + sop + ".dcm in the incoming folder; refused: " + string.Join(" / ", refused.ToArray()));
        Check(DicomFile.Open(stored).SopInstanceUid == sop, "the stored file does not read back");
    }

    private static void ReceiverRecoversPartial()
    {
        string source = Path.Combine(_work, "recover-src");
        string folder = Path.Combine(_work, "recover-rx");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(folder);
        string sop;
        string file = WriteSyntheticCt(source, out sop);
        File.Copy(file, Path.Combine(folder, ".abc123.partial"));
        var scp = new StorageScp(new StorageScpOptions { Folder = folder, AeTitle = "HAMLET", Port = 0 });
        try
        {
            scp.Start();
        }
        finally
        {
            scp.Dispose();
        }
        Check(File.Exists(Path.Combine(folder, sop + ".dcm")), "the complete .partial was not put in place");
        Check(Directory.GetFiles(folder, ".*.partial").Length == 0, "a .partial is left");
    }

    private static void SharingConflict()
    {
        string path = Path.Combine(_work, "held.bin");
        File.WriteAllText(path, "x");
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            try
            {
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read).Dispose();
            }
            catch (IOException ex)
            {
                Check(FileRetry.IsHeldByAnotherProgram(ex), "not recognised: " + ex.GetType().Name + " 0x" + ex.HResult.ToString("X8") + " " + ex.Message);
                return;
            }
        }
        throw new Exception("this runtime let a second stream open a file held with FileShare.None");
    }

    private static void ReadOnlyCleared()
    {
        string path = Path.Combine(_work, "cd-import.dcm");
        File.WriteAllText(path, "x");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        Check((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0, "the fixture is not read-only");
        Check(ReadOnlyAttribute.Clear(path), "Clear reported nothing to clear");
        Check((File.GetAttributes(path) & FileAttributes.ReadOnly) == 0, "still read-only");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        ReadOnlyAttribute.DeleteOwnedFile(path);
        Check(!File.Exists(path), "not deleted");
    }

    private sealed class Progress : IProgress<RefusedDicomFile>
    {
        private readonly Action<object> _a;
        public Progress(Action<object> a) { _a = a; }
        public void Report(RefusedDicomFile value) { _a(value); }
    }

    private sealed class StringProgress : IProgress<string>
    {
        private readonly Action<string> _a;
        public StringProgress(Action<string> a) { _a = a; }
        public void Report(string value) { _a(value); }
    }

    // ---- text encodings (finding 11) ----

    private static byte[] Material(SiteSecret secret)
    {
        MethodInfo copy = typeof(SiteSecret).GetMethod("CopyMaterial", BindingFlags.Instance | BindingFlags.NonPublic);
        return (byte[])copy.Invoke(secret, null);
    }

    private static void KeyFileUtf16()
    {
        string ascii = Path.Combine(_work, "ascii.key"), utf16 = Path.Combine(_work, "utf16.key");
        File.WriteAllBytes(ascii, Encoding.ASCII.GetBytes("synthetic-site-passphrase\r\n"));
        File.WriteAllText(utf16, "synthetic-site-passphrase\r\n", new UnicodeEncoding(false, true)); // what 5.1's '>' writes
        using (SiteSecret a = SiteSecret.FromKeyFile(ascii))
        using (SiteSecret b = SiteSecret.FromKeyFile(utf16))
            Check(Convert.ToBase64String(Material(a)) == Convert.ToBase64String(Material(b)), "the UTF-16 key file gives another key");
    }

    private static void KeyFileNul()
    {
        string path = Path.Combine(_work, "nobom.key");
        File.WriteAllBytes(path, Encoding.Unicode.GetBytes("synthetic-site-passphrase"));
        try
        {
            SiteSecret.FromKeyFile(path).Dispose();
        }
        catch (FormatException ex)
        {
            Check(ex.Message.Contains("NUL") && !ex.Message.Contains("passphrase"), "unexpected message: " + ex.Message);
            return;
        }
        throw new Exception("a UTF-16 key file without a byte-order mark was accepted");
    }

    private static void Mapping1252()
    {
        string path = Path.Combine(_work, "mapping-1252.csv");
        var bytes = new List<byte>(Encoding.ASCII.GetBytes("MRN,Study_ID\r\nSYN"));
        bytes.Add(0xC9); // É in Windows-1252, invalid alone in UTF-8
        bytes.AddRange(Encoding.ASCII.GetBytes("0001,999_1001\r\n"));
        File.WriteAllBytes(path, bytes.ToArray());
        StudyIdLookup lookup = StudyIdLookup.Load(path);
        string id;
        Check(lookup.TryGetStudyId("SYN\u00C90001", out id) && id == "999_1001", "the accented MRN is not mapped");
    }

    private static void Mapping1252Undefined()
    {
        string path = Path.Combine(_work, "mapping-bad.csv");
        var bytes = new List<byte>(Encoding.ASCII.GetBytes("MRN,Study_ID\r\nSYN0001,999_1001\r\nSYN"));
        bytes.Add(0x81);
        bytes.AddRange(Encoding.ASCII.GetBytes("0002,999_1002\r\n"));
        File.WriteAllBytes(path, bytes.ToArray());
        try
        {
            StudyIdLookup.Load(path);
        }
        catch (MappingFileException ex)
        {
            Check(ex.Errors.Count == 1 && ex.Errors[0].Line == 3, "expected line 3: " + ex.Message);
            return;
        }
        throw new Exception("an undecodable mapping file was accepted");
    }

    // ---- the 5.1 assembly resolver (finding 4) ----

    private static Assembly Loaded(string name)
    {
        foreach (Assembly a in AppDomain.CurrentDomain.GetAssemblies())
            if (a.GetName().Name == name) return a;
        return null;
    }

    private static void ResolverAnswersEngine()
    {
        Assembly a = Resolve("HamletPS.Core, Version=0.0.0.0, Culture=neutral, PublicKeyToken=null", null);
        Check(a != null && a.GetName().Name == "HamletPS.Core", "HamletPS.Core was not resolved");
    }

    private static void ResolverAnswersOurDependencies()
    {
        Assembly core = typeof(StudyIdLookup).Assembly;
        Assembly yaml = Resolve("YamlDotNet, Version=1.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15af5e", core);
        Check(yaml != null && yaml.GetName().Name == "YamlDotNet", "HamletPS.Core's request for YamlDotNet was not answered");
    }

    private static void ResolverRefusesForeign()
    {
        Check(Resolve("YamlDotNet, Version=1.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15af5e", typeof(NetFrameworkRules).Assembly) == null,
            "another assembly's request for YamlDotNet was answered with ours");
        Check(Resolve("Azure.Core, Version=1.0.0.0, Culture=neutral, PublicKeyToken=92742159e12e44c8", typeof(object).Assembly) == null,
            "mscorlib's request for Azure.Core was answered with ours");
    }

    private static void ResolverRefusesNewerVersion()
    {
        Check(Resolve("YamlDotNet, Version=999.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15af5e", typeof(StudyIdLookup).Assembly) == null,
            "a request for a newer YamlDotNet than ours was answered with ours");
    }

    private static void ForeignLoadFails()
    {
        try
        {
            Assembly.Load("YamlDotNet, Version=999.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15af5e");
        }
        catch (FileNotFoundException)
        {
            return;
        }
        catch (FileLoadException)
        {
            return;
        }
        throw new Exception("this program's load of YamlDotNet was served from the module's Dependencies folder");
    }

    // ---- TLS and connection limits (finding 2) ----

    private static void ApplyDefaults()
    {
        Type t = _moduleAssembly.GetType("HamletPS.Internal.NetFrameworkNetworkDefaults", true);
        t.GetMethod("Apply", BindingFlags.Public | BindingFlags.Static).Invoke(null, null);
    }

    private static void TlsDefaults()
    {
        // What Windows PowerShell 5.1 has without the strong-crypto registry values: SSL 3 and TLS 1.0, 2 connections per host.
        ServicePointManager.SecurityProtocol = (SecurityProtocolType)48 | SecurityProtocolType.Tls;
        ServicePointManager.DefaultConnectionLimit = 2;
        ServicePointManager.Expect100Continue = true;
        ApplyDefaults();
        Check((ServicePointManager.SecurityProtocol & SecurityProtocolType.Tls12) != 0, "TLS 1.2 is not enabled: " + ServicePointManager.SecurityProtocol);
        Check(ServicePointManager.DefaultConnectionLimit >= 64, "connection limit " + ServicePointManager.DefaultConnectionLimit);
        Check(!ServicePointManager.Expect100Continue, "Expect: 100-continue is still on");
    }

    private static void TlsSystemDefault()
    {
        ServicePointManager.SecurityProtocol = (SecurityProtocolType)0;
        ApplyDefaults();
        Check((int)ServicePointManager.SecurityProtocol == 0, "SystemDefault was replaced by " + ServicePointManager.SecurityProtocol);
    }
}
