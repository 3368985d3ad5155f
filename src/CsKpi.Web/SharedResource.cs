namespace CsKpi.Web;

/// <summary>
/// The app's texts: English in the code (the key), Italian, Polish and Dutch in Resources/SharedResource.{it,pl,nl}.resx,
/// reached through <c>IStringLocalizer&lt;SharedResource&gt;</c> (<c>T</c> in every view).
/// </summary>
public sealed class SharedResource;
