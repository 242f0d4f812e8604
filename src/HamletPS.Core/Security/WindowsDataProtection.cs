using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace HamletPS.Core.Security
{
    /// <summary>DPAPI (CryptProtectData / CryptUnprotectData) through crypt32.dll; Windows only.</summary>
    internal static class WindowsDataProtection
    {
        private const int CRYPTPROTECT_UI_FORBIDDEN = 0x1;
        private const int CRYPTPROTECT_LOCAL_MACHINE = 0x4;

        public static bool IsAvailable => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static byte[] Protect(byte[] data, bool localMachine) => Run(data, localMachine, protect: true);

        public static byte[] Unprotect(byte[] data, bool localMachine) => Run(data, localMachine, protect: false);

        private static byte[] Run(byte[] data, bool localMachine, bool protect)
        {
            if (!IsAvailable) throw new PlatformNotSupportedException("Windows data protection (DPAPI) is available on Windows only.");
            var input = new DataBlob();
            var output = new DataBlob();
            var handle = GCHandle.Alloc(data, GCHandleType.Pinned);
            try
            {
                input.cbData = data.Length;
                input.pbData = handle.AddrOfPinnedObject();
                int flags = CRYPTPROTECT_UI_FORBIDDEN | (localMachine ? CRYPTPROTECT_LOCAL_MACHINE : 0);
                bool ok = protect
                    ? CryptProtectData(ref input, null, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, flags, ref output)
                    : CryptUnprotectData(ref input, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, flags, ref output);
                if (!ok) throw new Win32Exception(Marshal.GetLastWin32Error(), "DPAPI could not " + (protect ? "protect" : "unprotect") + " a vault record.");
                var result = new byte[output.cbData];
                Marshal.Copy(output.pbData, result, 0, output.cbData);
                return result;
            }
            finally
            {
                handle.Free();
                if (output.pbData != IntPtr.Zero) LocalFree(output.pbData);
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct DataBlob
        {
            public int cbData;
            public IntPtr pbData;
        }

        [DllImport("crypt32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern bool CryptProtectData(ref DataBlob pDataIn, string szDataDescr, IntPtr pOptionalEntropy, IntPtr pvReserved,
            IntPtr pPromptStruct, int dwFlags, ref DataBlob pDataOut);

        [DllImport("crypt32.dll", SetLastError = true)]
        private static extern bool CryptUnprotectData(ref DataBlob pDataIn, IntPtr ppszDataDescr, IntPtr pOptionalEntropy, IntPtr pvReserved,
            IntPtr pPromptStruct, int dwFlags, ref DataBlob pDataOut);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr hMem);
    }
}
