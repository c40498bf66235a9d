// Random grant entries and random grant_table_op/memory_op traffic from three domains must never throw, and
// tearing the mappings down must always give the mapper exactly its own pages back with nothing left pinned.
using CsCheck;
using Xen.Core.Grants;
using Xen.Core.Memory;
using Xen.Core.Public;
using static Xen.Core.Tests.Grants.GrantWorld;

namespace Xen.Core.Tests.Grants;

public sealed class GrantPropertyTests
{
    private const ulong InUse = GrantTableOp.GtfReading | GrantTableOp.GtfWriting;
    private static readonly ushort[] Domids = { D1, D2, D3, 77, MemoryOp.DomidSelf };

    [Fact]
    public void Random_operations_never_throw_and_teardown_restores_everything()
    {
        Gen.Select(Gen.Int[0, 7], Gen.UInt, Gen.UInt, Gen.UInt, Gen.ULong).Array[1, 60].Sample(ops =>
        {
            using var w = new GrantWorld();
            var original = new ulong[MapperPages];
            for (ulong g = 0; g < MapperPages; g++) original[g] = w.Mapper.P2m.HostPage(g);
            w.ShowGrantFrame(w.Granter);
            foreach (var (kind, a, b, c, d) in ops) Apply(w, kind, a, b, c, d);

            GrantMapping.UnmapAll(w.Mapper, w.Table(w.Mapper), w.Domains);
            GrantMapping.UnmapAll(w.Third, w.Table(w.Third), w.Domains);
            for (ulong g = 0; g < MapperPages; g++)
                if (w.Mapper.P2m.HostPage(g) != original[g]) throw new Exception("mapper frame " + g + " not restored");
            GrantTable t = w.Table(w.Granter);
            for (uint r = 0; r < t.EntryCount; r++)
                if (t.IsPinned(r) || (t.GuestFlags(r) & (GrantTableOp.GtfReading | GrantTableOp.GtfWriting)) != 0)
                    throw new Exception("ref " + r + " still in use");
        }, iter: 100);
    }

    private static void Apply(GrantWorld w, int kind, uint a, uint b, uint c, ulong d)
    {
        uint gref = a % 24;
        ushort dom = Domids[b % (uint)Domids.Length];
        switch (kind)
        {
            case 0: // the granter writes an entry of the current layout (mostly sensible, sometimes garbage, but never
                    // the in-use bits themselves, so the teardown check can tell who set them)
                if (w.Table(w.Granter).Version == 2)
                    GrantV2(w.Granter, gref, dom, c % 300, (ushort)((d % 4 == 0 ? d >> 8 : GrantTableOp.GtfPermitAccess | (d & GrantTableOp.GtfReadonly | d & GrantTableOp.GtfSubPage)) & ~InUse), (ushort)(d >> 16), (ushort)(d >> 32));
                else
                    GrantV1(w.Granter, gref, dom, c % 300, (ushort)((d % 4 == 0 ? d >> 8 : GrantTableOp.GtfPermitAccess | (d & GrantTableOp.GtfReadonly)) & ~InUse));
                break;
            case 1: // map, from the mapper or the third domain
            {
                var mapper = (c & 1) == 0 ? w.Mapper : w.Third;
                uint flags = (uint)(d & 0x3F);
                if (d % 3 != 0) flags = GrantTableOp.GntmapHostMap | (flags & GrantTableOp.GntmapReadonly);
                Put(mapper, Arg, MapOp((c >> 1) % (MapperPages + 8) * P2m.PageSize, flags, a % 3 == 0 ? a : gref, dom));
                w.Call(mapper, GrantTableOp.MapGrantRef, Arg, 1);
                break;
            }
            case 2: // unmap at a random frame, or where the handle's mapping is
                w.Unmap(w.Mapper, a % 12, (d & 1) == 0 ? 0 : c % (MapperPages + 8) * P2m.PageSize);
                break;
            case 3: // copy
                Put(w.Mapper, Arg, CopyOp(a % 3 == 0 ? a : gref, dom, (ushort)b, c % 1100, Domids[(c >> 16) % 5], (ushort)(b >> 16), (ushort)d, (ushort)(d >> 16)));
                w.Call(w.Mapper, GrantTableOp.Copy, Arg, 1);
                break;
            case 4:
                w.SetVersion(w.Granter, a % 4);
                break;
            case 5: // grant frames in and out of the granter's physmap (above the frames the test's own argument
                    // structures and entries go through, or the guest's writes would land in grant frames)
                w.AddToPhysmap(w.Granter, (b & 1) == 0 ? a % 40 : GrantTableOp.MapIdxGrantTableStatus | a % 3, 0x90 + c % 0x80);
                break;
            case 6: // raw bytes as any sub-op's argument, in either ABI, from the third domain
            {
                var raw = new byte[64];
                new Random((int)a).NextBytes(raw);
                Put(w.Third, Arg, raw);
                w.Handler.Invoke(w.Third.Vcpus[0], new Xen.Core.Hypercalls.HypercallArgs(HypercallNumber.GrantTableOp, b % 14, (d & 1) == 0 ? Arg : d, c % 3) { IsCompat = (b & 0x100) != 0 });
                break;
            }
            default: // the mapper's own table ops
                w.SetVersion(w.Mapper, 1 + a % 2);
                break;
        }
    }
}
