namespace CsKpi.Core.Kpis;

/// <summary>
/// The KPI formulas of kpis.md, pure: sums and counts come from PostgreSQL, the arithmetic happens here. An empty
/// denominator is "no data" (null), never 0 and never NaN.
/// </summary>
public static class KpiMath
{
    /// <summary>100 × part / whole, e.g. CSAT = 100 × satisfied / responses.</summary>
    public static double? Percent(double? part, double? whole) =>
        whole is > 0 && part is { } p ? 100.0 * p / whole.Value : null;

    /// <summary>Arithmetic mean from a sum and a count.</summary>
    public static double? Mean(double? sum, double? count) =>
        count is > 0 && sum is { } s ? s / count.Value : null;

    /// <summary>NPS / eNPS: 100 × (promoters − detractors) / responses; −100…100.</summary>
    public static double? NetScore(long promoters, long detractors, long responses) =>
        Percent(promoters - detractors, responses);

    /// <summary>
    /// Promoter 9–10, passive 7–8, detractor 0–6 (kpis.md): the one definition, in C# and in every query.
    /// </summary>
    public const int PromoterFrom = 9;

    /// <summary>The highest detractor score; passives are those between.</summary>
    public const int DetractorTo = 6;

    public static bool IsPromoter(int score) => score >= PromoterFrom;
    public static bool IsDetractor(int score) => score <= DetractorTo;

    /// <summary>
    /// Pearson correlation from running sums (key-driver importance). Null with fewer than two pairs or when
    /// either variable does not vary: a correlation is then undefined, not zero.
    /// </summary>
    public static double? Pearson(long n, double sumX, double sumY, double sumXy, double sumXx, double sumYy)
    {
        if (n < 2)
            return null;
        var covariance = (n * sumXy) - (sumX * sumY);
        var varianceX = (n * sumXx) - (sumX * sumX);
        var varianceY = (n * sumYy) - (sumY * sumY);
        if (varianceX <= 0 || varianceY <= 0)
            return null;
        return covariance / Math.Sqrt(varianceX * varianceY);
    }

    /// <summary>
    /// Continuous percentile, as PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks.
    /// The engine lets PostgreSQL compute it; this is the reference the tests and docs point to.
    /// </summary>
    public static double? PercentileCont(IReadOnlyList<double> sortedValues, double fraction)
    {
        if (sortedValues.Count == 0)
            return null;
        var rank = fraction * (sortedValues.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sortedValues[lower] + ((rank - lower) * (sortedValues[upper] - sortedValues[lower]));
    }

    /// <summary>
    /// Status against a target: on, near (within 5% of the target's value) or off, by the KPI's direction. For a
    /// neutral KPI (time with customer against its target time) the target is a level: on within 5%, near within 10%.
    /// </summary>
    public static TargetStatus? Status(double? value, double? target, Direction direction)
    {
        if (value is not { } v || target is not { } t)
            return null;
        var distance = Math.Abs(v - t);
        var band = Math.Abs(t) * 0.05;
        var onTarget = direction switch
        {
            Direction.HigherIsBetter => v >= t,
            Direction.LowerIsBetter => v <= t,
            Direction.Neutral => distance <= band,
        };
        if (onTarget)
            return TargetStatus.On;
        return distance <= (direction == Direction.Neutral ? 2 * band : band) ? TargetStatus.Near : TargetStatus.Off;
    }
}

public enum TargetStatus
{
    On,
    Near,
    Off,
}
