using System.Globalization;

namespace CsKpi.Web.Uploads;

/// <summary>File sizes as people read them: 200 MB, 1.5 kB, 512 bytes.</summary>
public static class ByteSize
{
    public static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 => Scaled(bytes / (1024d * 1024), "MB"),
        >= 1024 => Scaled(bytes / 1024d, "kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    private static string Scaled(double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {unit}");
}
