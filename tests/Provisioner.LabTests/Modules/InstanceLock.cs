namespace Provisioner.LabTests.ModulesLab;

/// <summary>
/// Serialises test processes that use the same lab instance name: two `dotnet test` runs on one
/// machine (several engineers, or a full run beside a filtered one) would otherwise boot, drive and
/// tear down the same container under each other. .NET takes an flock for FileShare.None on Unix.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly FileStream _stream;

    private InstanceLock(FileStream stream) => _stream = stream;

    public static async Task<InstanceLock> AcquireAsync(string instance, TimeSpan? timeout = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"provisioner-labtest-{instance}.lock");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(15));
        while (true)
        {
            try
            {
                return new InstanceLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
