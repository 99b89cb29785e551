using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using IncidentPolicy.Calendars;
using NodaTime;
using PublicHoliday;

namespace IncidentPolicy.PublicHolidays;

/// <summary>
/// The public holidays of the countries and regions the <c>PublicHoliday</c> package (3.17.0, MIT) knows, as an
/// <see cref="IHolidaySource"/>: pass <see cref="Instance"/> in <see cref="PolicyReadOptions.HolidaySource"/> to read a
/// policy whose calendar has <c>{"country": "DE", "region": "BE"}</c> holidays, or to <see cref="IncidentPolicy.Calendars.Holiday.FromSource"/>.
/// </summary>
/// <remarks>
/// <para>Countries are ISO 3166-1 alpha-2 codes and regions the codes listed in <see cref="Countries"/> (Germany's
/// states, Switzerland's cantons and Canada's provinces by their ISO 3166-2 codes; the UK's nations as <c>ENG</c>,
/// <c>WLS</c>, <c>SCT</c>, <c>NIR</c>), both matched without regard to case. A country without a region has the
/// holidays the package gives the whole country (for <c>GB</c>, England and Wales). The days are the package's
/// public holidays on the dates they are observed (a holiday moved off a weekend counts on the weekday it moved to),
/// named in English where the package has an English name (else the name is empty). It works in processes with
/// invariant globalization.</para>
/// <para>Turkey's religious holidays follow the Hijri calendar, which .NET knows only from 1900 to 2077; for the
/// years it cannot compute, <c>TR</c> gives no holidays. The package's calendars that are not of a country or region
/// — the ECB's TARGET closing days, the New York Stock Exchange, the US Federal Reserve and Quebec's government
/// closing days — are not offered.</para>
/// <para>The instance is immutable and thread-safe: each calendar it hands out serialises its calls into the package.</para>
/// </remarks>
public sealed class PublicHolidaySource : IHolidaySource
{
    private static readonly string[] CanadaProvinceCodes = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];

    private static readonly FrozenSet<string> CanadaProvinces = CanadaProvinceCodes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, UKBankHoliday.UkCountries> UkNations =
        new Dictionary<string, UKBankHoliday.UkCountries>(StringComparer.OrdinalIgnoreCase)
        {
            ["ENG"] = UKBankHoliday.UkCountries.England,
            ["WLS"] = UKBankHoliday.UkCountries.Wales,
            ["SCT"] = UKBankHoliday.UkCountries.Scotland,
            ["NIR"] = UKBankHoliday.UkCountries.NorthernIreland,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, Func<string?, IPublicHolidays?>> Factories =
        new Dictionary<string, Func<string?, IPublicHolidays?>>(StringComparer.OrdinalIgnoreCase)
        {
            ["AT"] = Whole(() => new AustriaPublicHoliday()),
            ["AU"] = Region<AustraliaPublicHoliday, AustraliaPublicHoliday.States>(() => new AustraliaPublicHoliday(), (h, s) => h.State = s, AustraliaPublicHoliday.States.All),
            ["BE"] = Whole(() => new BelgiumPublicHoliday()),
            ["BR"] = Whole(() => new BrazilPublicHoliday()),
            ["CA"] = region => region is null ? new CanadaPublicHoliday()
                : CanadaProvinces.Contains(region) ? new CanadaPublicHoliday(region.ToUpperInvariant()) : null,
            ["CH"] = Region<SwitzerlandPublicHoliday, SwitzerlandPublicHoliday.Cantons>(() => new SwitzerlandPublicHoliday(), (h, c) => h.Canton = c, SwitzerlandPublicHoliday.Cantons.OnlyOfficial, SwitzerlandPublicHoliday.Cantons.ALL),
            ["CZ"] = Whole(() => new CzechRepublicPublicHoliday()),
            ["DE"] = Region<GermanPublicHoliday, GermanPublicHoliday.States>(() => new GermanPublicHoliday(), (h, s) => h.State = s, GermanPublicHoliday.States.ALL),
            ["DK"] = Whole(() => new DenmarkPublicHoliday()),
            ["EE"] = Whole(() => new EstoniaPublicHoliday()),
            ["ES"] = Whole(() => new SpainPublicHoliday()),
            ["FI"] = Whole(() => new FinlandPublicHoliday()),
            ["FR"] = Region<FrancePublicHoliday, FrancePublicHoliday.Regions>(() => new FrancePublicHoliday(), (h, r) => h.Region = r, FrancePublicHoliday.Regions.OnlyOfficial, FrancePublicHoliday.Regions.ALL),
            ["GB"] = region => region is null ? new UKBankHoliday()
                : UkNations.TryGetValue(region, out var nation) ? new UKBankHoliday(nation) : null,
            ["GR"] = Whole(() => new GreecePublicHoliday()),
            ["HR"] = Whole(() => new CroatiaPublicHoliday()),
            ["HU"] = Whole(() => new HungaryPublicHoliday()),
            ["IE"] = Whole(() => new IrelandPublicHoliday()),
            ["IT"] = Whole(() => new ItalyPublicHoliday()),
            ["JP"] = Whole(() => new JapanPublicHoliday()),
            ["KZ"] = Whole(() => new KazakhstanPublicHoliday()),
            ["LT"] = Whole(() => new LithuaniaPublicHoliday()),
            ["LU"] = Whole(() => new LuxembourgPublicHoliday()),
            ["LV"] = Whole(() => new LatviaPublicHoliday()),
            ["ME"] = Whole(() => new MontenegroPublicHoliday()),
            ["MX"] = Whole(() => new MexicoPublicHoliday()),
            ["NL"] = Whole(() => new DutchPublicHoliday()),
            ["NO"] = Whole(() => new NorwayPublicHoliday()),
            ["NZ"] = Region<NewZealandPublicHoliday, NewZealandPublicHoliday.ProvincialDistricts>(() => new NewZealandPublicHoliday(), (h, d) => h.ProvincialDistrict = d, NewZealandPublicHoliday.ProvincialDistricts.ALL),
            ["PL"] = Whole(() => new PolandPublicHoliday()),
            ["PT"] = Region<PortugalPublicHoliday, PortugalPublicHoliday.Regions>(() => new PortugalPublicHoliday(), (h, r) => h.Region = r, PortugalPublicHoliday.Regions.OnlyOfficial),
            ["RO"] = Whole(() => new RomanianPublicHoliday()),
            ["RS"] = Whole(() => new SerbianPublicHoliday()),
            ["SE"] = Whole(() => new SwedenPublicHoliday()),
            ["SI"] = Whole(() => new SloveniaPublicHoliday()),
            ["SK"] = Whole(() => new SlovakiaPublicHoliday()),
            ["TR"] = Whole(() => new TurkeyPublicHoliday()),
            ["US"] = Whole(() => new USAPublicHoliday()),
            ["ZA"] = Whole(() => new SouthAfricaPublicHoliday()),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private PublicHolidaySource()
    {
        Countries = Factories.Keys.Order(StringComparer.Ordinal).ToDictionary(
            c => c,
            c => (IReadOnlyList<string>)RegionsOf(c).AsReadOnly(),
            StringComparer.OrdinalIgnoreCase).AsReadOnly();
    }

    /// <summary>The one instance.</summary>
    public static PublicHolidaySource Instance { get; } = new();

    /// <summary>Every country this source knows (upper-case ISO 3166-1 codes), each with its regions (empty when the
    /// package has none for it).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Countries { get; }

    /// <inheritdoc/>
    public bool TryGet(
        string country,
        string? region,
        [NotNullWhen(true)] out Func<int, IReadOnlyList<HolidayDate>>? holidaysInYear,
        out string reason)
    {
        ArgumentNullException.ThrowIfNull(country);
        holidaysInYear = null;
        if (!Factories.TryGetValue(country, out var factory))
        {
            reason = $"'{country}' is not a country of the PublicHoliday package; known: {string.Join(", ", Countries.Keys)}";
            return false;
        }

        if (factory(region) is not { } calendar)
        {
            var regions = Countries[country];
            reason = regions.Count == 0
                ? $"the PublicHoliday package has no regions for {country.ToUpperInvariant()}; leave region out"
                : $"'{region}' is not a region of {country.ToUpperInvariant()} in the PublicHoliday package; known: {string.Join(", ", regions)}";
            return false;
        }

        var gate = new Lock();
        holidaysInYear = year =>
        {
            lock (gate)
            {
                return HolidaysIn(calendar, year);
            }
        };
        reason = "";
        return true;
    }

    // Names are the package's EnglishName, which it fills for some countries only: its localized Name needs the
    // culture "en", which a process in invariant globalization mode (as this repository's tools run) cannot create.
    private static HolidayDate[] HolidaysIn(IPublicHolidays calendar, int year)
    {
        try
        {
            var days = calendar.PublicHolidays(year).Select(d => d.Date).ToHashSet();
            return calendar.PublicHolidaysInformation(year)
                .Where(h => days.Remove(h.ObservedDate.Date))
                .Select(h => new HolidayDate(LocalDate.FromDateTime(h.ObservedDate.Date), h.EnglishName ?? ""))
                .Concat(days.Select(d => new HolidayDate(LocalDate.FromDateTime(d), "")))
                .OrderBy(h => h.Date)
                .ToArray();
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only Turkey's Hijri-based holidays: .NET's Hijri calendar covers 1900 to 2077.
            return [];
        }
    }

    private static List<string> RegionsOf(string country) => country.ToUpperInvariant() switch
    {
        "AU" => Names<AustraliaPublicHoliday.States>(AustraliaPublicHoliday.States.All),
        "CA" => [.. CanadaProvinceCodes],
        "CH" => Names<SwitzerlandPublicHoliday.Cantons>(SwitzerlandPublicHoliday.Cantons.OnlyOfficial, SwitzerlandPublicHoliday.Cantons.ALL),
        "DE" => Names<GermanPublicHoliday.States>(GermanPublicHoliday.States.ALL),
        "FR" => Names<FrancePublicHoliday.Regions>(FrancePublicHoliday.Regions.OnlyOfficial, FrancePublicHoliday.Regions.ALL),
        "GB" => [.. UkNations.Keys.Order(StringComparer.Ordinal)],
        "NZ" => Names<NewZealandPublicHoliday.ProvincialDistricts>(NewZealandPublicHoliday.ProvincialDistricts.ALL),
        "PT" => Names<PortugalPublicHoliday.Regions>(PortugalPublicHoliday.Regions.OnlyOfficial),
        _ => [],
    };

    private static List<string> Names<TEnum>(params TEnum[] left)
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Where(v => !left.Contains(v)).Select(v => v.ToString())];

    private static Func<string?, IPublicHolidays?> Whole(Func<IPublicHolidays> create) =>
        region => region is null ? create() : null;

    private static Func<string?, IPublicHolidays?> Region<TCalendar, TEnum>(Func<TCalendar> create, Action<TCalendar, TEnum> set, params TEnum[] left)
        where TCalendar : IPublicHolidays
        where TEnum : struct, Enum =>
        region =>
        {
            if (region is null)
            {
                return create();
            }

            if (region.Any(c => !char.IsAsciiLetter(c) && c != '_')
                || !Enum.TryParse<TEnum>(region, ignoreCase: true, out var value) || left.Contains(value))
            {
                return null;
            }

            var calendar = create();
            set(calendar, value);
            return calendar;
        };
}
