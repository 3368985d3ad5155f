using System.Text.RegularExpressions;

namespace CsKpi.Core.Model;

/// <summary>
/// How the customer reached support: a code of the organisation's channel list (<see cref="ListedChannel"/>), stored
/// as is on tickets and interactions. The five defaults are named here; admins add more.
/// </summary>
public readonly struct Channel : IEquatable<Channel>, IComparable<Channel>
{
    // default(Channel) is phone, as the first member of the enum this type replaced was.
    private readonly string? _code;

    private Channel(string code) => _code = code;

    public static readonly Channel Phone = new("phone");
    public static readonly Channel Email = new("email");
    public static readonly Channel Chat = new("chat");
    public static readonly Channel Social = new("social");
    public static readonly Channel InPerson = new("in_person");

    internal string CodeText => _code ?? "phone";

    /// <summary>A code as written by <see cref="Channels.TryParse"/>; not checked against the list.</summary>
    internal static Channel FromCode(string code) => new(code);

    public bool Equals(Channel other) => string.Equals(CodeText, other.CodeText, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Channel other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CodeText);

    /// <summary>The defaults in their order, then other codes alphabetically (an in-memory order; the list has its
    /// own).</summary>
    public int CompareTo(Channel other)
    {
        var (mine, theirs) = (Rank(this), Rank(other));
        return mine != theirs ? mine.CompareTo(theirs) : string.CompareOrdinal(CodeText, other.CodeText);
    }

    private static int Rank(Channel channel)
    {
        for (var i = 0; i < Channels.Defaults.Count; i++)
        {
            if (Channels.Defaults[i] == channel)
                return i;
        }
        return int.MaxValue;
    }

    public static bool operator ==(Channel left, Channel right) => left.Equals(right);

    public static bool operator !=(Channel left, Channel right) => !left.Equals(right);

    public static bool operator <(Channel left, Channel right) => left.CompareTo(right) < 0;

    public static bool operator >(Channel left, Channel right) => left.CompareTo(right) > 0;

    public static bool operator <=(Channel left, Channel right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Channel left, Channel right) => left.CompareTo(right) >= 0;

    public override string ToString() => CodeText;
}

public static partial class Channels
{
    /// <summary>The channels every organisation starts with, in their order (the Channels migration seeds them).
    /// </summary>
    public static readonly IReadOnlyList<Channel> Defaults =
        [Channel.Phone, Channel.Email, Channel.Chat, Channel.Social, Channel.InPerson];

    /// <summary>The longest code: the width of the channel columns.</summary>
    public const int MaxCodeLength = 16;

    /// <summary>The name used in CSV files, the database and URLs.</summary>
    public static string Code(this Channel channel) => channel.CodeText;

    /// <summary>
    /// A channel code as written, normalised: case-insensitive, spaces and dashes as underscores (<c>In-Person</c> →
    /// <c>in_person</c>). Only its form is checked here; whether the organisation lists it is the channel list's
    /// question (Data/ChannelList).
    /// </summary>
    public static bool TryParse(string? text, out Channel channel)
    {
        var normalized = Normalize(text);
        foreach (var known in Defaults)
        {
            if (known.CodeText == normalized)
            {
                channel = known; // the defaults' own strings, not a copy per row
                return true;
            }
        }
        if (normalized is not null && CodeForm().IsMatch(normalized))
        {
            channel = Channel.FromCode(normalized);
            return true;
        }
        channel = default;
        return false;
    }

    /// <summary>Lower case, spaces and dashes as underscores; null for null.</summary>
    public static string? Normalize(string? text) =>
        text?.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');

    /// <summary>A letter, then letters, digits or underscores: 1 to <see cref="MaxCodeLength"/> ASCII
    /// characters.</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]{0,15}$")]
    private static partial Regex CodeForm();
}
