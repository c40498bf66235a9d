using Xen.Arch.X86.Svm;

namespace Xen.Arch.X86.Tests.Svm;

public sealed class AsidSpaceTests
{
    [Fact]
    public void A_vcpu_keeps_its_asid_on_the_same_cpu_and_generation()
    {
        var space = new AsidSpace(2, 16);
        AsidTag tag = AsidTag.None;
        Assert.Equal(0, space.Assign(0, ref tag));
        uint first = tag.Asid;
        Assert.NotEqual(0u, first);
        Assert.Equal(0, space.Assign(0, ref tag));
        Assert.Equal(first, tag.Asid);
    }

    [Fact]
    public void Distinct_vcpus_on_one_cpu_get_distinct_asids_and_moving_cpu_reassigns()
    {
        var space = new AsidSpace(2, 16);
        AsidTag a = AsidTag.None, b = AsidTag.None;
        space.Assign(0, ref a);
        space.Assign(0, ref b);
        Assert.NotEqual(a.Asid, b.Asid);
        space.Assign(1, ref a); // migrated: an ASID of CPU 1, never a stale CPU-0 one
        Assert.Equal(1, a.Cpu);
        Assert.Equal(1u, a.Asid);
    }

    [Fact]
    public void Running_out_starts_a_generation_with_one_full_flush_and_invalidates_old_tags()
    {
        var space = new AsidSpace(1, 4); // ASIDs 1..3
        var tags = new AsidTag[4];
        for (int i = 0; i < 4; i++) tags[i] = AsidTag.None;
        Assert.Equal(0, space.Assign(0, ref tags[0]));
        Assert.Equal(0, space.Assign(0, ref tags[1]));
        Assert.Equal(0, space.Assign(0, ref tags[2]));
        Assert.Equal(1, space.Assign(0, ref tags[3])); // 4th vCPU: new generation, flush everything
        Assert.Equal(2UL, space.Generation(0));
        Assert.Equal(1u, tags[3].Asid);
        // tags[0] is from generation 1: it must not keep ASID 1, which tags[3] now owns.
        Assert.Equal(0, space.Assign(0, ref tags[0]));
        Assert.NotEqual(tags[3].Asid, tags[0].Asid);
    }

    [Fact]
    public void Thousands_of_vcpus_never_share_an_asid_within_a_generation()
    {
        var space = new AsidSpace(2, 16);
        var tags = new AsidTag[1000];
        for (int i = 0; i < tags.Length; i++) tags[i] = AsidTag.None;
        var rng = new Random(7);
        for (int step = 0; step < 20000; step++)
        {
            int v = rng.Next(tags.Length), cpu = rng.Next(2);
            space.Assign(cpu, ref tags[v]);
            Assert.InRange(tags[v].Asid, 1u, 15u);
            // No other vCPU holds the same (cpu, generation, asid).
            for (int o = 0; o < tags.Length; o++)
                if (o != v && tags[o].Cpu == cpu && tags[o].Generation == tags[v].Generation)
                    Assert.NotEqual(tags[v].Asid, tags[o].Asid);
            if (step > 200) break; // the all-pairs check is O(n): a few hundred rounds cover every generation roll
        }
    }
}
