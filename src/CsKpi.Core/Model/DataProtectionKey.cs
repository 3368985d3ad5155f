namespace CsKpi.Core.Model;

/// <summary>An ASP.NET Core data-protection key ring entry, kept in the database so a restart keeps everyone signed in.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
