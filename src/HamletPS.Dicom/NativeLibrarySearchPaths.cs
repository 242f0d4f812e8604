using System.Runtime.InteropServices;

// Every P/Invoke of this assembly (libc on Linux, kernel32/crypt32 on Windows) loads its library from the system's own
// folders only, never from the application's or the current folder, where a planted libc.so or kernel32.dll would be
// found first (CA5392). On Linux and macOS only AssemblyDirectory changes the search, and it is not set.
[assembly: DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
