using System.Linq.Expressions;
using CsKpi.Core.Model;

namespace CsKpi.Core.Kpis;

public enum KpiUnit
{
    Percent,
    Score,
    Seconds,
    Count,
}

public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
    /// <summary>
    /// Neither (ticket volume, time with customer): a change is not coloured, a target is a level to stay near.
    /// </summary>
    Neutral,
}

/// <summary>Which records a KPI counts, and so which timestamp places a record in the period (kpis.md).</summary>
public enum KpiSource
{
    /// <summary>survey_responses by submitted_at.</summary>
    Surveys,
    /// <summary>tickets by created_at.</summary>
    CreatedTickets,
    /// <summary>tickets by resolved_at.</summary>
    ResolvedTickets,
    /// <summary>interactions by started_at.</summary>
    Interactions,
    /// <summary>customers by customer_since / cancelled_on, company-wide.</summary>
    Customers,
    /// <summary>tickets open at the period's end (service-levels.md backlog): a state at an instant.</summary>
    OpenTickets,
}

/// <summary>How numerator and denominator become the value.</summary>
public enum KpiFormula
{
    /// <summary>100 × numerator / denominator.</summary>
    Percent,
    /// <summary>numerator / denominator.</summary>
    Mean,
    /// <summary>The numerator itself (a sum or a percentile); count = denominator.</summary>
    Total,
    /// <summary>A plain count: value = count = numerator; no data when the source has no records.</summary>
    Count,
    /// <summary>
    /// A count of what is open at an instant (the backlog): value = count = numerator, and 0 is a real value — an
    /// empty backlog is a state, not missing data.
    /// </summary>
    Level,
}

/// <summary>
/// One KPI, defined once: key, name, unit, direction, the records that place it in a period, and numerator and
/// denominator as aggregates over those records (translated by EF Core into the source's one GROUP BY).
/// </summary>
public sealed record Kpi
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    /// <summary>What it means and how it is computed, in a sentence (English; the web app translates it).</summary>
    public string Help { get; init; } = "";
    public required KpiUnit Unit { get; init; }
    public required Direction Direction { get; init; }
    public required KpiSource Source { get; init; }
    public required KpiFormula Formula { get; init; }
    /// <summary>Expression&lt;Func&lt;IEnumerable&lt;TRecord&gt;, double?&gt;&gt; over the source's records.</summary>
    public LambdaExpression? Numerator { get; init; }
    public LambdaExpression? Denominator { get; init; }
    /// <summary>
    /// Units of the numerator in one unit of the value: 10⁶ for a mean of whole microseconds shown in seconds (the
    /// value is then the exact sum over count × 10⁶, rounded once).
    /// </summary>
    public double NumeratorPerUnit { get; init; } = 1;
    /// <summary>
    /// For customer KPIs: numerator and denominator over customers for a period [from, to) of dates. They count
    /// customers whose dates compare so with from and to (see <c>Sources/CustomerCells.cs</c>).
    /// </summary>
    public Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>>? CustomerNumerator { get; init; }
    public Expression<Func<IEnumerable<Customer>, DateOnly, DateOnly, double?>>? CustomerDenominator { get; init; }

    /// <summary>
    /// What empties the denominator when the source has records in the period (FCR: tickets without interactions),
    /// so a "no data" note names the real reason; <see cref="NoDataReason.NoRecords"/> when it counts every record.
    /// </summary>
    public NoDataReason EmptiedBy { get; init; } = NoDataReason.NoRecords;

    /// <summary>A <see cref="KpiFormula.Total"/> summing its records (time with customer), not a percentile.</summary>
    public bool SumsRecords { get; init; }

    /// <summary>
    /// A total that grows with the group's size (counts, summed times): a person or team is compared with the group's
    /// average per member, not with its total (issue #19 point 2).
    /// </summary>
    public bool Additive => Formula == KpiFormula.Count || (Formula == KpiFormula.Total && SumsRecords);

    /// <summary>Team, agent, channel and category filters and groupings apply (not to company-wide KPIs).</summary>
    public bool FiltersApply => Source != KpiSource.Customers;

    public override string ToString() => Key;

    /// <summary>The value and the reported count from the measured numerator and denominator.</summary>
    public (double? Value, long Count) Evaluate(double? numerator, double? denominator)
    {
        var count = (long)(denominator ?? 0);
        return Formula switch
        {
            KpiFormula.Percent => (KpiMath.Percent(numerator, denominator), count),
            KpiFormula.Mean => (KpiMath.Mean(numerator, denominator * NumeratorPerUnit), count),
            KpiFormula.Total => (count > 0 ? numerator : null, count),
            KpiFormula.Count => count > 0 ? (numerator ?? 0, (long)(numerator ?? 0)) : (null, 0),
            KpiFormula.Level => (numerator ?? 0, (long)(numerator ?? 0)),
        };
    }
}
