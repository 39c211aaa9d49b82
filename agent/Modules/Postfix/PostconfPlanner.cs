using Provisioner.Transport;

namespace Provisioner.Modules.Postfix;

/// <summary>
/// The postconf commands (exact argv) that bring main.cf and one master.cf service from the state
/// read to the state asked for, with one <see cref="Change"/> per parameter, entry or option.
/// </summary>
public static class PostconfPlanner
{
    public static (IReadOnlyList<Command> Commands, IReadOnlyList<Change> Changes) Compute(PostconfArgs a, PostconfState s)
    {
        var commands = new List<Command>();
        var changes = new List<Change>();

        var set = a.Params.Where(p => !s.Main.TryGetValue(p.Key, out var have) || have != PostconfOutput.Normalize(p.Value)).ToList();
        if (set.Count > 0)
            commands.Add(Command.Of(["postconf", "-e", .. set.Select(p => new Arg($"{p.Key} = {p.Value}"))]));
        changes.AddRange(set.Select(p => new Change($"main.cf {p.Key}", ChangeKind.Value, s.Main.GetValueOrDefault(p.Key), p.Value)));

        var remove = a.Absent.Where(s.Main.ContainsKey).ToList();
        if (remove.Count > 0)
            commands.Add(Command.Of(["postconf", "-X", .. remove.Select(n => new Arg(n))]));
        changes.AddRange(remove.Select(n => new Change($"main.cf {n}", ChangeKind.Value, s.Main[n], null)));

        if (a.Service is { } svc) Master(a, s, svc, commands, changes);
        return (commands, changes);
    }

    private static void Master(PostconfArgs a, PostconfState s, string svc, List<Command> commands, List<Change> changes)
    {
        if (a.State == "absent")
        {
            if (s.MasterEntry is null) return;
            commands.Add(Command.Of("postconf", "-MX", svc));
            changes.Add(new Change($"master.cf {svc}", ChangeKind.State, s.MasterEntry, null));
            return;
        }

        var options = s.Options;
        if (a.Entry is { } entry && s.MasterEntry != PostconfOutput.Normalize(entry))
        {
            commands.Add(Command.Of("postconf", "-M", $"{svc}={entry}"));
            changes.Add(new Change($"master.cf {svc}", ChangeKind.State, s.MasterEntry, PostconfOutput.Normalize(entry)));
            // postconf -M replaces the whole entry, -o options included: re-set the ones to keep.
            var keep = a.ExclusiveOptions ? [] : options.Where(o => !a.Options.Any(w => w.Key == o.Key));
            var restore = keep.Select(o => new Arg($"{svc}/{o.Key}={o.Value}")).ToList();
            if (restore.Count > 0) commands.Add(Command.Of(["postconf", "-P", .. restore]));
            options = new Dictionary<string, string>(keep);
        }

        var setOptions = a.Options.Where(o => !options.TryGetValue(o.Key, out var have) || have != PostconfOutput.Normalize(o.Value)).ToList();
        if (setOptions.Count > 0)
            commands.Add(Command.Of(["postconf", "-P", .. setOptions.Select(o => new Arg($"{svc}/{o.Key}={o.Value}"))]));
        changes.AddRange(setOptions.Select(o => new Change($"master.cf {svc} -o {o.Key}", ChangeKind.Value, options.GetValueOrDefault(o.Key), o.Value)));

        if (!a.ExclusiveOptions) return;
        var extra = options.Keys.Where(k => !a.Options.Any(w => w.Key == k)).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
            commands.Add(Command.Of(["postconf", "-PX", .. extra.Select(k => new Arg($"{svc}/{k}"))]));
        changes.AddRange(extra.Select(k => new Change($"master.cf {svc} -o {k}", ChangeKind.Value, options[k], null)));
    }
}
