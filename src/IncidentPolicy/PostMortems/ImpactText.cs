using System.Globalization;
using IncidentPolicy.Lifecycle;

namespace IncidentPolicy.PostMortems;

/// <summary>Impact figures in words; the rules are documented on <see cref="PostMortem.Impact"/>.</summary>
internal static class ImpactText
{
    public static string Describe(IReadOnlyList<ImpactFigure> impacts) =>
        impacts.Count == 0 ? "not recorded" : string.Join(", ", impacts.Select(Describe));

    private static string Describe(ImpactFigure figure) => figure.Metric switch
    {
        "failedCheckouts" => $"{Number(figure.Value)} failed checkout {(figure.Value == 1 ? "attempt" : "attempts")}",
        "revenueLoss" => $"estimated {Money(figure.Value, figure.Unit)} lost revenue",
        _ => $"{figure.Metric}: {Number(figure.Value)}{(string.IsNullOrWhiteSpace(figure.Unit) ? "" : " " + figure.Unit)}",
    };

    private static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Money(decimal value, string? unit)
    {
        var magnitude = Math.Abs(value);
        var compact = magnitude >= 1_000_000m ? Compact(value / 1_000_000m) + "M"
            : magnitude >= 1_000m ? Compact(value / 1_000m) + "K"
            : Number(value);
        return unit switch
        {
            "USD" => "$" + compact,
            "EUR" => "€" + compact,
            "GBP" => "£" + compact,
            null or "" => compact,
            _ => compact + " " + unit,
        };
    }

    private static string Compact(decimal value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", CultureInfo.InvariantCulture);
}
