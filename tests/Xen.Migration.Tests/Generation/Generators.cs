// Why: CsCheck generators for domain specs, kept small so a property run stays fast in CI.
using CsCheck;
using Xen.Migration.Streaming;

namespace Xen.Migration.Tests.Generation;

public static class Generators
{
    public static readonly Gen<DomainSpec> Spec =
        from kind in Gen.Enum<DomainKind>()
        from framing in Gen.Enum<StreamFraming>()
        from be in Gen.Bool
        from v3 in Gen.Int[0, 3]
        from vcpus in Gen.Int[1, 4]
        from pages in Gen.Int[1, 40]
        from checkpoints in Gen.Int[0, 3]
        from seed in Gen.Int
        from extras in Gen.Bool
        select new DomainSpec(kind, framing, be, v3 == 0 ? 2u : 3u, vcpus, pages, checkpoints, seed, extras);
}
