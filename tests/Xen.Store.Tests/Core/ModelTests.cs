// Why: randomized differential tests. Long seeded sequences of requests (live and inside transactions)
// are checked against a tiny reference model of the tree, and the core's own hash maps against the
// BCL's, so tombstones, child lists and copy-on-write overlays cannot silently drift.
using Xen.Store.Collections;
using Xen.Store.Tests.Support;
using Xen.Store.Wire;
using static Xen.Store.Tests.Support.CoreHarness;

namespace Xen.Store.Tests.Core;

public sealed class ModelTests
{
    private sealed class Model
    {
        public Dictionary<string, string> Values { get; } = new() { ["/"] = "" };

        public Dictionary<string, List<string>> Children { get; } = new() { ["/"] = new() };

        public Model Clone()
        {
            Model m = new();
            foreach (var kv in Values)
            {
                m.Values[kv.Key] = kv.Value;
            }

            foreach (var kv in Children)
            {
                m.Children[kv.Key] = new List<string>(kv.Value);
            }

            return m;
        }

        public void Create(string path, string value)
        {
            if (!Values.ContainsKey(path))
            {
                string parent = Parent(path);
                if (!Values.ContainsKey(parent))
                {
                    Create(parent, "");
                }

                Children[parent].Add(path[(path.LastIndexOf('/') + 1)..]);
                Children[path] = new();
                Values[path] = "";
            }

            Values[path] = value;
        }

        public string? Rm(string path)
        {
            if (!Values.ContainsKey(path))
            {
                return Values.ContainsKey(Parent(path)) ? null : "ENOENT";
            }

            Remove(path);
            Children[Parent(path)].Remove(path[(path.LastIndexOf('/') + 1)..]);
            return null;
        }

        private void Remove(string path)
        {
            foreach (string c in Children[path])
            {
                Remove(path == "/" ? "/" + c : path + "/" + c);
            }

            Children.Remove(path);
            Values.Remove(path);
        }

        private static string Parent(string p) => p.LastIndexOf('/') <= 0 ? "/" : p[..p.LastIndexOf('/')];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_requests_match_the_reference_model(int seed)
    {
        var rng = new Random(seed);
        CoreHarness h = new();
        var c = h.Server.Connect();
        Model live = new();
        Model? txModel = null;
        uint tx = 0;
        string[] names = { "a", "b", "c" };
        for (int step = 0; step < 20_000; step++)
        {
            string path = "";
            for (int d = rng.Next(1, 4); d > 0; d--)
            {
                path += "/" + names[rng.Next(names.Length)];
            }

            Model m = txModel ?? live;
            int op = rng.Next(100);
            if (op < 30)
            {
                string v = "v" + step;
                Assert.Equal("OK\0", h.Write(c, path, v, tx).Text);
                m.Create(path, v);
            }
            else if (op < 40)
            {
                Assert.Equal("OK\0", h.Send(c, XsMessageType.Mkdir, Fields(path), tx).Text);
                if (!m.Values.ContainsKey(path))
                {
                    m.Create(path, "");
                }
            }
            else if (op < 55)
            {
                string? expected = m.Rm(path);
                Reply r = h.Send(c, XsMessageType.Rm, Fields(path), tx);
                Assert.Equal(expected ?? "", r.ErrorName);
            }
            else if (op < 75)
            {
                Reply r = h.Read(c, path, tx);
                Assert.Equal(m.Values.TryGetValue(path, out string? v) ? v : "ENOENT", r.Type == XsMessageType.Error ? r.ErrorName : r.Text);
            }
            else if (op < 90)
            {
                Reply r = h.Send(c, XsMessageType.Directory, Fields(path), tx);
                if (m.Children.TryGetValue(path, out List<string>? kids))
                {
                    Assert.Equal(kids, r.Fields);
                }
                else
                {
                    Assert.Equal("ENOENT", r.ErrorName);
                }
            }
            else if (op < 95 && tx == 0)
            {
                tx = h.Begin(c);
                txModel = live.Clone();
            }
            else if (tx != 0)
            {
                bool commit = rng.Next(3) != 0;
                Assert.Equal("OK\0", h.End(c, tx, commit).Text); // no concurrent writer: never EAGAIN
                if (commit)
                {
                    live = txModel!;
                }

                tx = 0;
                txModel = null;
            }
        }

        Assert.Equal(live.Values.Count, h.Server.NodeCount);
    }

    [Fact]
    public void String_and_uint_maps_behave_like_dictionaries_under_churn()
    {
        var rng = new Random(7);
        StringMap<int> mine = new();
        UIntMap<int> mineU = new();
        Dictionary<string, int> reference = new();
        for (int i = 0; i < 50_000; i++)
        {
            int k = rng.Next(2000);
            string key = "/k/" + k;
            switch (rng.Next(3))
            {
                case 0:
                    mine.Set(key, i);
                    mineU.Set((uint)k, i);
                    reference[key] = i;
                    break;
                case 1:
                    bool removed = reference.Remove(key);
                    Assert.Equal(removed, mine.Remove(key));
                    Assert.Equal(removed, mineU.Remove((uint)k));
                    break;
                default:
                    bool found = reference.TryGetValue(key, out int expected);
                    Assert.Equal(found, mine.TryGetValue(key, out int actual));
                    Assert.Equal(found, mineU.TryGetValue((uint)k, out int actualU));
                    if (found)
                    {
                        Assert.Equal(expected, actual);
                        Assert.Equal(expected, actualU);
                    }

                    break;
            }
        }

        Assert.Equal(reference.Count, mine.Count);
        Assert.Equal(reference.Count, mineU.Count);
        int seen = 0;
        for (int s = 0; s < mine.Capacity; s++)
        {
            if (mine.TryGetSlot(s, out string key, out int value))
            {
                Assert.Equal(reference[key], value);
                seen++;
            }
        }

        Assert.Equal(reference.Count, seen);
    }
}
