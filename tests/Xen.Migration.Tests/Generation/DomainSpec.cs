// Why: the knobs of a generated test domain; CsCheck generates these and the builder turns them
// into a valid image, so shrinking works on a handful of numbers rather than on bytes.
using Xen.Migration.Streaming;

namespace Xen.Migration.Tests.Generation;

public enum DomainKind { Pv, Hvm, Pvh }

public sealed record DomainSpec(
    DomainKind Kind,
    StreamFraming Framing,
    bool BigEndian,
    uint Version,
    int Vcpus,
    int Pages,
    int Checkpoints,
    int Seed,
    bool Extras = false)
{
    public override string ToString() =>
        $"{Kind} {Framing} v{Version} {(BigEndian ? "BE" : "LE")} vcpus={Vcpus} pages={Pages} checkpoints={Checkpoints} seed={Seed} extras={Extras}";
}
