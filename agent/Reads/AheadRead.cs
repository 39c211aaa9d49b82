using Provisioner.Transport;

namespace Provisioner.Reads;

/// <summary>
/// A read a task will make, named before the stage runs so it can go ahead in one round trip
/// (<see cref="ReadBatch"/>): its command, and — where one command makes many reads of its kind — its
/// part in that <see cref="JointRead"/>. The joint matters only to the batch; the task itself runs
/// <see cref="Command"/>, which the read cache answers from the batch.
/// </summary>
public sealed record AheadRead(Command Command, JointRead? Joint = null)
{
    /// <summary>A read that is made on its own.</summary>
    public static implicit operator AheadRead(Command command) => new(command);
}
