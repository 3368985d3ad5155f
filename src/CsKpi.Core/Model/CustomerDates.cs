namespace CsKpi.Core.Model;

/// <summary>
/// How many customers have each pair of (customer_since, cancelled_on) — table <c>customer_dates</c>, kept equal to
/// the customers table by statement triggers (migration CustomerDates), whoever writes. Customers without
/// customer_since, which churn and retention ignore, are not counted.
/// </summary>
internal sealed class CustomerDates
{
    public DateOnly? CustomerSince { get; init; }
    public DateOnly? CancelledOn { get; init; }
    public long Customers { get; init; }
}
