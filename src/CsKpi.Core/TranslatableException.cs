using System.Globalization;

namespace CsKpi.Core;

/// <summary>
/// A request refused with a reason for people: an English text with {0} placeholders — the translation key the web
/// app looks up — and its values. <see cref="Exception.Message"/> is the English text filled in.
/// </summary>
public abstract class TranslatableException(string format, params object[] arguments)
    : Exception(string.Format(CultureInfo.InvariantCulture, format, arguments))
{
    public string Format { get; } = format;
    public IReadOnlyList<object> Arguments { get; } = arguments;
}
