// Why: one place that turns a validated stream item into the facts a dump shows — shared by the
// human and JSON dumps so both always say the same thing. PAGE_DATA is described through
// PageDataView, without copying the pages.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Streaming;
using Xen.Migration.Xl;

namespace Xen.Stream.Cli.Output;

/// <summary>Describes stream items as ordered key/value facts plus a one-line summary.</summary>
internal static class ItemDescriber
{
    public static (string Summary, List<KeyValuePair<string, object>> Fields) Describe(in MigrationItem item, DomainHeader? domain)
    {
        var f = new List<KeyValuePair<string, object>>();
        string summary;
        switch (item.Kind)
        {
            case MigrationItemKind.XlHeader:
            {
                XlSaveHeader h = item.XlHeader!;
                Add(f, "byteOrder", h.BigEndian ? "big" : "little");
                Add(f, "mandatoryFlags", h.MandatoryFlags);
                Add(f, "optionalFlags", h.OptionalFlags);
                Add(f, "optionalDataLength", h.OptionalDataLength);
                Add(f, "configLength", h.Config?.Length ?? -1);
                string flags = string.Join(",", new[] { (h.MandatoryFlags & XlSaveHeader.FlagJson) != 0 ? "json" : null,
                    (h.MandatoryFlags & XlSaveHeader.FlagStreamV2) != 0 ? "streamv2" : null }.Where(x => x != null));
                summary = Inv($"xl header: {(h.BigEndian ? "big" : "little")}-endian, mandatory 0x{h.MandatoryFlags:x} [{flags}], optional 0x{h.OptionalFlags:x}, optional data {h.OptionalDataLength} octets, config {(h.Config is { } c ? Inv($"{c.Length} octets") : "none")}");
                break;
            }
            case MigrationItemKind.LibxlHeader:
            {
                LibxlHeader h = item.LibxlHeader!;
                Add(f, "version", LibxlHeader.Version);
                Add(f, "byteOrder", h.BigEndian ? "big" : "little");
                Add(f, "legacy", h.Legacy);
                summary = Inv($"libxl header: version {LibxlHeader.Version}, {(h.BigEndian ? "big" : "little")}-endian{(h.Legacy ? ", converted from legacy" : "")}");
                break;
            }
            case MigrationItemKind.LibxcImageHeader:
            {
                ImageHeader h = item.ImageHeader!;
                Add(f, "version", h.Version);
                Add(f, "byteOrder", h.BigEndian ? "big" : "little");
                summary = Inv($"libxc image header: version {h.Version}, {(h.BigEndian ? "big" : "little")}-endian");
                break;
            }
            case MigrationItemKind.LibxcDomainHeader:
            {
                DomainHeader h = item.DomainHeader!;
                Add(f, "domainType", h.Type.ToString());
                Add(f, "pageSize", h.PageSize);
                Add(f, "xenVersion", Inv($"{h.XenMajor}.{h.XenMinor}"));
                summary = Inv($"libxc domain header: {h.Type}, page size {h.PageSize}, saved by Xen {h.XenMajor}.{h.XenMinor}");
                break;
            }
            case MigrationItemKind.LibxcRecord:
                summary = Inv($"{item.Name} length {item.Body.Length}") + DescribeLibxc(item, domain, f);
                break;
            default:
                summary = Inv($"{item.Name} length {item.Body.Length}") + DescribeLibxl(item, f);
                break;
        }
        return (summary, f);
    }

    private static string DescribeLibxc(in MigrationItem item, DomainHeader? domain, List<KeyValuePair<string, object>> f)
    {
        var type = (LibxcRecordType)item.RecordType;
        if (type == LibxcRecordType.PageData)
        {
            var view = new PageDataView(item.Body, item.BigEndian, domain?.PageSize ?? 4096);
            ulong[] entries = new ulong[view.Count];
            view.CopyEntriesTo(entries);
            int withData = entries.Count(e => PfnEntry.HasData(PfnEntry.Type(e)));
            ulong lo = entries.Min(PfnEntry.Pfn), hi = entries.Max(PfnEntry.Pfn);
            string types = string.Join(", ", entries.GroupBy(PfnEntry.Type).OrderBy(g => g.Key).Select(g => Inv($"{LibxcNames.Of(g.Key)} x{g.Count()}")));
            Add(f, "count", view.Count);
            Add(f, "pagesWithData", withData);
            Add(f, "pfnMin", lo);
            Add(f, "pfnMax", hi);
            Add(f, "types", types);
            return Inv($": {view.Count} PFNs ({withData} with data), PFN 0x{lo:x}-0x{hi:x} [{types}]");
        }
        if (item.Body.Length > 1 << 20)
            return "";
        LibxcRecord r = LibxcRecordCodec.Decode(item.RecordType, item.Body, item.BigEndian);
        switch (r)
        {
            case X86PvInfoRecord i:
                Add(f, "guestWidth", i.GuestWidth);
                Add(f, "ptLevels", i.PtLevels);
                return Inv($": guest width {i.GuestWidth}, {i.PtLevels} page-table levels");
            case X86PvP2mFramesRecord p:
                Add(f, "startPfn", p.StartPfn);
                Add(f, "endPfn", p.EndPfn);
                Add(f, "frames", p.P2mPfns.Length);
                return Inv($": PFN 0x{p.StartPfn:x}-0x{p.EndPfn:x} in {p.P2mPfns.Length} frames");
            case X86PvVcpuRecord v:
                Add(f, "vcpu", v.VcpuId);
                Add(f, "contextLength", v.Context.Length);
                return Inv($": vcpu {v.VcpuId}, {v.Context.Length} octets of context");
            case X86TscInfoRecord t:
                Add(f, "mode", t.Mode);
                Add(f, "khz", t.Khz);
                Add(f, "nsec", t.Nsec);
                Add(f, "incarnation", t.Incarnation);
                return Inv($": mode {t.Mode}, {t.Khz} kHz, nsec {t.Nsec}, incarnation {t.Incarnation}");
            case HvmParamsRecord h:
                Add(f, "count", h.Parameters.Length);
                return Inv($": {h.Parameters.Length} params [{string.Join(", ", h.Parameters.Select(p => Inv($"{p.Index}=0x{p.Value:x}")))}]");
            case CheckpointDirtyPfnListRecord d:
                Add(f, "count", d.Pfns.Length);
                return Inv($": {d.Pfns.Length} dirty PFNs");
            case X86CpuidPolicyRecord c:
                Add(f, "leaves", c.Leaves.Length);
                return Inv($": {c.Leaves.Length} CPUID leaves");
            case X86MsrPolicyRecord m:
                Add(f, "msrs", m.Entries.Length);
                return Inv($": {m.Entries.Length} MSRs");
            case BlobRecord b when b.Body.Length == 0 && type is LibxcRecordType.HvmParams or LibxcRecordType.X86PvVcpuExtended
                or LibxcRecordType.X86PvVcpuXsave or LibxcRecordType.X86PvVcpuMsrs:
                return ": empty (tolerated, spec errata 1)";
            default:
                return "";
        }
    }

    private static string DescribeLibxl(in MigrationItem item, List<KeyValuePair<string, object>> f)
    {
        LibxlRecord r = LibxlRecordCodec.Decode(item.RecordType, item.Body, item.BigEndian);
        switch (r)
        {
            case EmulatorRecord e when e.Type == LibxlRecordType.EmulatorXenstoreData:
            {
                var pairs = e.GetPairs();
                Add(f, "emulator", e.Emulator.ToString());
                Add(f, "index", e.Index);
                Add(f, "keys", pairs.Count);
                return Inv($": {e.Emulator} #{e.Index}, {pairs.Count} keys [{string.Join(", ", pairs.Select(p => p.Key + "=" + p.Value))}]");
            }
            case EmulatorRecord e:
                Add(f, "emulator", e.Emulator.ToString());
                Add(f, "index", e.Index);
                Add(f, "contextLength", e.Data.Length);
                return Inv($": {e.Emulator} #{e.Index}, {e.Data.Length} octets of context");
            case CheckpointStateRecord c:
                Add(f, "state", c.State.ToString());
                return Inv($": {c.State}");
            default:
                return "";
        }
    }

    private static void Add(List<KeyValuePair<string, object>> f, string key, object value) => f.Add(new(key, value));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
