// Why this file exists: the fixed-capacity containers under every runqueue must behave like their obvious
// reference models (a sorted list, a FIFO), and CPU masks like sets.
using CsCheck;
using Xen.Sched.Collections;
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class CollectionsTests
{
    [Fact]
    public void SlotHeapMatchesReferenceModel()
    {
        // Operations: (kind, slot, key): 0 push/update, 1 remove, 2 pop.
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 40], Gen.Long[-1000, 1000]).Array[1, 300].Sample(ops =>
        {
            SlotHeap heap = new SlotHeap(4);
            heap.EnsureCapacity(41);
            Dictionary<int, long> model = new();
            foreach ((int kind, int slot, long key) in ops)
            {
                if (kind == 0)
                {
                    heap.Push(slot, key);
                    model[slot] = key;
                }
                else if (kind == 1)
                {
                    if (heap.Remove(slot) != model.Remove(slot))
                    {
                        return false;
                    }
                }
                else
                {
                    int expected = -1;
                    foreach (KeyValuePair<int, long> kv in model)
                    {
                        if (expected < 0 || kv.Value > model[expected] || (kv.Value == model[expected] && kv.Key < expected))
                        {
                            expected = kv.Key;
                        }
                    }

                    if (heap.Pop() != expected)
                    {
                        return false;
                    }

                    model.Remove(expected);
                }

                if (heap.Count != model.Count)
                {
                    return false;
                }
            }

            return true;
        }, iter: 500);
    }

    [Fact]
    public void BitsMatchTheBcl()
    {
        Gen.ULong.Sample(x =>
            Bits.PopCount(x) == System.Numerics.BitOperations.PopCount(x)
            && Bits.TrailingZeroCount(x) == System.Numerics.BitOperations.TrailingZeroCount(x)
            && Bits.LeadingZeroCount(x) == System.Numerics.BitOperations.LeadingZeroCount(x)
            && Bits.LeadingZeroCount(x >> 17) == System.Numerics.BitOperations.LeadingZeroCount(x >> 17), iter: 5000);
        Assert.Equal(64, Bits.TrailingZeroCount(0));
        Assert.Equal(64, Bits.LeadingZeroCount(0));
    }

    [Fact]
    public void SlotListIsFifoPerList()
    {
        SlotList l = new SlotList(2, 2);
        l.EnsureCapacity(10);
        l.AddTail(0, 3);
        l.AddTail(0, 5);
        l.AddTail(1, 7);
        l.AddTail(0, 1);
        l.AddTail(1, 3); // moves 3 from list 0 to list 1
        Assert.Equal(5, l.First(0));
        Assert.Equal(1, l.Next(5));
        Assert.Equal(-1, l.Next(1));
        Assert.Equal(2, l.Count(0));
        Assert.Equal(7, l.First(1));
        Assert.Equal(3, l.Next(7));
        l.Remove(7);
        Assert.Equal(3, l.First(1));
        Assert.Equal(-1, l.ListOf(7));
    }

    [Fact]
    public void CpuMaskBehavesLikeASet()
    {
        Gen.Select(Gen.Int[1, 200], Gen.Int[0, 199].Array[0, 50]).Sample((size, cpus) =>
        {
            CpuMask m = new CpuMask(size);
            HashSet<int> model = new();
            foreach (int c in cpus)
            {
                m.Set(c);
                if (c < size)
                {
                    model.Add(c);
                }
            }

            List<int> listed = new();
            for (int c = m.First(); c >= 0; c = m.Next(c))
            {
                listed.Add(c);
            }

            List<int> sorted = model.ToList();
            sorted.Sort();
            CpuMask all = new CpuMask(size);
            all.SetAll();
            return listed.SequenceEqual(sorted) && m.Count() == model.Count && all.Count() == size
                && m.Intersects(all) == (model.Count > 0);
        }, iter: 500);
    }

    [Fact]
    public void CpuPoolsStayDisjoint()
    {
        CpuTopology topo = CpuTopology.Flat(8);
        CpuPoolTable pools = new CpuPoolTable(8, 2);
        IScheduler a = TestRig.Create(SchedulerKind.Credit2, topo);
        IScheduler b = TestRig.Create(SchedulerKind.Rtds, topo);
        Assert.Equal(SchedError.None, pools.Add(new CpuPool(0, TestRig.Mask(8, 0, 1, 2, 3), a)));
        Assert.Equal(SchedError.Busy, pools.Add(new CpuPool(1, TestRig.Mask(8, 3, 4), b)));
        Assert.Equal(SchedError.AlreadyExists, pools.Add(new CpuPool(0, TestRig.Mask(8, 5), b)));
        Assert.Equal(SchedError.InvalidArgument, pools.Add(new CpuPool(1, new CpuMask(8), b)));
        Assert.Equal(SchedError.None, pools.Add(new CpuPool(1, TestRig.Mask(8, 4, 5, 6, 7), b)));
        Assert.Equal(SchedError.NoSpace, pools.Add(new CpuPool(2, TestRig.Mask(8, 0), b)));
        Assert.Same(a, pools.PoolOf(2)!.Scheduler);
        Assert.Same(b, pools.PoolOf(6)!.Scheduler);
        Assert.Null(pools.PoolOf(9));
    }
}
