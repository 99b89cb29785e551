using System.Globalization;
using System.Text;

namespace IncidentPolicy.Lifecycle;

/// <summary>Incident channel names from the policy's pattern: <c>#inc-{date}-{slug}</c> → <c>#inc-2026-05-29-checkout-errors</c>.</summary>
internal static class ChannelNames
{
    public const int MaxSlugLength = 80;

    public static string Format(Incident incident)
    {
        var date = incident.AlertAt.InZone(incident.Policy.Calendar.Zone).Date;
        return incident.Policy.Lifecycle.ChannelPattern
            .Replace("{date}", date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{slug}", Slug(incident.Title ?? incident.Summary), StringComparison.Ordinal)
            .Replace("{id}", Slug(incident.Id), StringComparison.Ordinal)
            .Replace("{severity}", Slug(incident.SeverityId ?? "unassessed"), StringComparison.Ordinal);
    }

    /// <summary>Lower-case ASCII letters and digits, words joined by single hyphens, at most 80 characters, never ending
    /// in a hyphen; accented Latin letters lose their accents (<c>Ünïcödé</c> → <c>unicode</c>), other characters
    /// separate words.</summary>
    /// <remarks>Accents are folded with a table rather than Unicode normalization, which is unavailable in
    /// applications that run with invariant globalization.</remarks>
    public static string Slug(string text)
    {
        var slug = new StringBuilder(Math.Min(text.Length, MaxSlugLength));
        var pendingHyphen = false;
        foreach (var original in text)
        {
            var c = Fold(original);
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    if (slug.Length + 1 >= MaxSlugLength)
                    {
                        break;
                    }

                    slug.Append('-');
                }

                pendingHyphen = false;
                if (slug.Length >= MaxSlugLength)
                {
                    break;
                }

                slug.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return slug.Length == 0 ? "incident" : slug.ToString();
    }

    // Latin-1 Supplement and Latin Extended-A letters, each followed by its ASCII base letter.
    private const string Folds =
        "ÀAÁAÂAÃAÄAÅAàaáaâaãaäaåaĀAāaĂAăaĄAąaÇCçcĆCćcĈCĉcĊCċcČCčcĎDďdĐDđdÈEÉEÊEËEèeéeêeëeĒEēeĔEĕeĖEėeĘEęeĚEěe"
        + "ĜGĝgĞGğgĠGġgĢGģgĤHĥhĦHħhÌIÍIÎIÏIìiíiîiïiĨIĩiĪIīiĬIĭiĮIįiİIıiĴJĵjĶKķkĹLĺlĻLļlĽLľlĿLŀlŁLłlÑNñnŃNńnŅNņnŇNňn"
        + "ÒOÓOÔOÕOÖOØOòoóoôoõoöoøoŌOōoŎOŏoŐOőoŔRŕrŖRŗrŘRřrŚSśsŜSŝsŞSşsŠSšsŢTţtŤTťtŦTŧtÙUÚUÛUÜUùuúuûuüuŨUũuŪUūu"
        + "ŬUŭuŮUůuŰUűuŲUųuŴWŵwÝYýyÿyŶYŷyŸYŹZźzŻZżzŽZžzßsÆAæaŒOœoÐDðdÞTþt";

    private static char Fold(char c)
    {
        if (c < 128)
        {
            return c;
        }

        var at = Folds.IndexOf(c, StringComparison.Ordinal);
        return at >= 0 && at % 2 == 0 ? Folds[at + 1] : ' ';
    }
}
