// The fabric's local processes (setpriv, postgres, redis-server) exist on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
