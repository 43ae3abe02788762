using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Inburgering.Workflows.Beheer;

namespace Inburgering.Server.Api.Beheer;

/// <summary>
/// The quarter's counts and the overdue list as CSV (CsvHelper: semicolons and a byte-order mark, as Dutch Excel opens them; a text that a spreadsheet would run as a formula is escaped)
/// and XLSX (ClosedXML: one sheet per table, numbers as numbers, dates as dates).
/// </summary>
internal static class Export
{
    public enum Formaat
    {
        Csv,
        Xlsx,
    }

    /// <summary>At most this many pages of 500 rows per kind in one export.</summary>
    public const int MaxPages = 40;

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static Formaat? Format(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "xlsx" => Formaat.Xlsx,
        "csv" => Formaat.Csv,
        _ => null,
    };

    public static IResult Counts(Cijfers.CijfersView cijfers, Formaat format)
    {
        var name = $"cijfers-{cijfers.Kwartaal}";
        var tables = CountTables(cijfers);
        if (format == Formaat.Csv)
        {
            return Csv(name, (csv) =>
            {
                foreach (var (_, title, header, rows) in tables)
                {
                    csv.WriteField(title);
                    csv.EndRecord();
                    WriteRow(csv, header);
                    foreach (var row in rows)
                    {
                        WriteRow(csv, row);
                    }

                    csv.EndRecord();
                }
            });
        }

        using var workbook = new XLWorkbook();
        foreach (var (sheetName, title, header, rows) in tables)
        {
            var sheet = workbook.Worksheets.Add(sheetName);
            sheet.Cell(1, 1).Value = title;
            sheet.Cell(1, 1).Style.Font.Bold = true;
            WriteSheetRows(sheet, 3, header, rows);
        }

        return Xlsx(name, workbook);
    }

    public static IResult Overdue(IReadOnlyList<BeheerEndpoints.AchterstandView> rows, Kwartaal kwartaal, DateTimeOffset peildatum, Formaat format)
    {
        var name = $"achterstanden-{kwartaal}";
        object[] header = ["Soort", "Staat", "Datum", "Gemeente", "Gemeentecode", "Inburgeraar", "PersoonReferentie", "Schakel", "Wat", "Toegewezen aan", "Traject"];
        var kinds = Achterstanden.Alle.ToDictionary(a => a.Key, a => a.Naam, StringComparer.Ordinal);
        var data = rows.Select(r => new object[]
        {
            kinds.GetValueOrDefault(r.Soort, r.Soort),
            r.Staat == "te-laat" ? "te laat" : "binnenkort",
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Datum, Amsterdam).DateTime),
            r.Gemeente.Naam,
            r.Gemeente.Code,
            r.Inburgeraar ?? "",
            r.PersoonReferentie ?? "",
            r.Schakel,
            r.Wat,
            r.Toegewezen ?? "",
            r.TrajectId.ToString(),
        }).ToList();
        var title = $"Achterstanden en wat binnenkort verloopt, peildatum {DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(peildatum, Amsterdam).DateTime).ToString("d MMMM yyyy", Dutch)}";
        if (format == Formaat.Csv)
        {
            return Csv(name, csv =>
            {
                WriteRow(csv, header);
                foreach (var row in data)
                {
                    WriteRow(csv, row);
                }
            });
        }

        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Achterstanden");
        sheet.Cell(1, 1).Value = title;
        sheet.Cell(1, 1).Style.Font.Bold = true;
        WriteSheetRows(sheet, 3, header, data);
        return Xlsx(name, workbook);
    }

    /// <summary>Each table of the counts: title, header row, rows (text first, then a number per gemeente and the total).</summary>
    private static List<(string Sheet, string Title, object[] Header, List<object[]> Rows)> CountTables(Cijfers.CijfersView c)
    {
        var codes = c.Gemeenten.Select(g => g.Code).ToList();
        object[] header = ["", .. c.Gemeenten.Select(g => (object)g.Naam), "Samenwerkingsverband"];
        var tables = new List<(string, string, object[], List<object[]>)>();
        var sheets = new Dictionary<string, string>(StringComparer.Ordinal) { ["memo"] = "Memo", ["schakels"] = "Schakels", ["doelgroepen"] = "Doelgroepen", ["leerroutes"] = "Leerroutes" };
        foreach (var tabel in new[] { c.Memo, c.Schakels, c.Doelgroepen, c.Leerroutes })
        {
            var title = tabel.Key == "memo" ? $"{tabel.Titel}, {c.Naam}" : tabel.Titel;
            tables.Add((sheets[tabel.Key], title, header, tabel.Rijen.Select(r => (object[])[r.Naam, .. codes.Select(code => (object)r.Aantallen.GetValueOrDefault(code)), r.Totaal]).ToList()));
        }

        tables.Add(("PIP-norm", $"PIP binnen 10 weken, {c.Naam}", header,
        [
            ["Binnen 10 weken", .. codes.Select(code => (object)c.PipNorm.Binnen.GetValueOrDefault(code)), c.PipNorm.TotaalBinnen],
            ["Buiten 10 weken", .. codes.Select(code => (object)c.PipNorm.Buiten.GetValueOrDefault(code)), c.PipNorm.TotaalBuiten],
        ]));
        tables.Add(("Verloop", "Trajecten gestart en afgerond per kwartaal",
            ["Kwartaal", .. c.Gemeenten.Select(g => (object)$"{g.Naam} gestart"), .. c.Gemeenten.Select(g => (object)$"{g.Naam} afgerond"), "Totaal gestart", "Totaal afgerond"],
            c.Verloop.Select(k => (object[])[k.Kwartaal, .. codes.Select(code => (object)k.Gestart.GetValueOrDefault(code)), .. codes.Select(code => (object)k.Afgerond.GetValueOrDefault(code)), k.TotaalGestart, k.TotaalAfgerond]).ToList()));
        return tables;
    }

    private static void WriteRow(CsvWriter csv, object[] row)
    {
        foreach (var value in row)
        {
            csv.WriteField(value switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            });
        }

        csv.EndRecord();
    }

    private static void WriteSheetRows(IXLWorksheet sheet, int firstRow, object[] header, List<object[]> rows)
    {
        for (var col = 0; col < header.Length; col++)
        {
            var cell = sheet.Cell(firstRow, col + 1);
            cell.Value = header[col]?.ToString() ?? "";
            cell.Style.Font.Bold = true;
        }

        for (var r = 0; r < rows.Count; r++)
        {
            for (var col = 0; col < rows[r].Length; col++)
            {
                var cell = sheet.Cell(firstRow + 1 + r, col + 1);
                switch (rows[r][col])
                {
                    case int i:
                        cell.Value = i;
                        break;
                    case DateOnly d:
                        cell.Value = d.ToDateTime(TimeOnly.MinValue);
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                        break;
                    case var other:
                        // Text stays text: a PersoonReferentie or code that looks like a number keeps its leading zeros.
                        cell.SetValue(other?.ToString() ?? "");
                        cell.DataType = XLDataType.Text;
                        break;
                }
            }
        }

        sheet.Column(1).Width = 48;
        for (var col = 2; col <= header.Length; col++)
        {
            sheet.Column(col).Width = 20;
        }

        sheet.SheetView.FreezeRows(firstRow);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Csv(string name, Action<CsvWriter> write)
    {
        using var buffer = new MemoryStream();
        var options = new CsvWriterOptions
        {
            Separator = ';',
            WriteByteOrderMark = true,
            ValidateFieldCount = false,
            Injection = CsvInjection.Escape,
        };
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            write(csv);
        }

        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Xlsx(string name, XLWorkbook workbook)
    {
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return TypedResults.File(buffer.ToArray(), XlsxType, name + ".xlsx");
    }
}
