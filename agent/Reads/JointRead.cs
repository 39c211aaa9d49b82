using Provisioner.Transport;

namespace Provisioner.Reads;

/// <summary>
/// Reads of one kind made together by one host command (a few processes for all of them instead of a
/// script each), which gives every read the answer it would have printed alone, byte for byte — so
/// the modules that parse those answers cannot tell. Only reads sent ahead together are joined
/// (<see cref="ReadBatch"/>); a read the joint cannot answer runs again on its own.
/// </summary>
public interface IReadJoint
{
    /// <summary>The one command making all these reads (each one's <see cref="AheadRead.Joint"/> is of this joint).</summary>
    Command Join(IReadOnlyList<JointRead> reads);

    /// <summary>Each read's stdout as it would be alone, from the joined command's stdout; null where the joint cannot tell.</summary>
    IReadOnlyList<string?> Split(string stdout, IReadOnlyList<JointRead> reads);
}

/// <summary>A read's membership of a joint: the joint, and this read's inputs to it (the script's arguments alone, compared by value).</summary>
public sealed record JointRead(IReadJoint Joint, IReadOnlyList<string> Args)
{
    public bool Equals(JointRead? other) =>
        other is not null && ReferenceEquals(Joint, other.Joint) && Args.SequenceEqual(other.Args, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Joint, Args.Count, Args.FirstOrDefault());
}
