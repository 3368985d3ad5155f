namespace CsKpi.Core.Model;

/// <summary>How the customer reached support. Stored as its snake_case name (see <see cref="Channels"/>).</summary>
public enum Channel
{
    Phone,
    Email,
    Chat,
    Social,
    InPerson,
}

public static class Channels
{
    public static readonly IReadOnlyList<Channel> All = Enum.GetValues<Channel>();

    /// <summary>The name used in CSV files, the database and URLs.</summary>
    public static string Code(this Channel channel) => channel switch
    {
        Channel.Phone => "phone",
        Channel.Email => "email",
        Channel.Chat => "chat",
        Channel.Social => "social",
        Channel.InPerson => "in_person",
    };

    public static bool TryParse(string? text, out Channel channel)
    {
        var normalized = text?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        foreach (var candidate in All)
        {
            if (candidate.Code() == normalized)
            {
                channel = candidate;
                return true;
            }
        }
        channel = default;
        return false;
    }
}
