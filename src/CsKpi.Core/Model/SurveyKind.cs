namespace CsKpi.Core.Model;

public enum SurveyKind
{
    Csat,
    Nps,
    Ces,
    Enps,
}

public static class SurveyKinds
{
    public static readonly IReadOnlyList<SurveyKind> All = Enum.GetValues<SurveyKind>();

    public static string Code(this SurveyKind kind) => kind switch
    {
        SurveyKind.Csat => "csat",
        SurveyKind.Nps => "nps",
        SurveyKind.Ces => "ces",
        SurveyKind.Enps => "enps",
    };

    /// <summary>
    /// The inclusive score range of the survey (csv-formats.md: csat 1–5, nps 0–10, ces 1–7, enps 0–10).
    /// </summary>
    public static (int Min, int Max) Scale(this SurveyKind kind) => kind switch
    {
        SurveyKind.Csat => (1, 5),
        SurveyKind.Nps => (0, 10),
        SurveyKind.Ces => (1, 7),
        SurveyKind.Enps => (0, 10),
    };

    public static bool TryParse(string? text, out SurveyKind kind) => Codes.TryFind(All, Code, text, out kind);
}
