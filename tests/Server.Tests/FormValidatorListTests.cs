using System.Text.Json.Nodes;
using Inburgering.Server.Forms;

namespace Inburgering.Server.Tests;

/// <summary>
/// A repeating list (form-js <c>dynamiclist</c> with a <c>path</c>), as the casuïstiekoverleg's agenda: one variable, an array of
/// rows the process drew up; the consulent fills in the editable fields of each row, the rest comes back unchanged.
/// </summary>
public sealed class FormValidatorListTests
{
    private static readonly JsonObject Form = JsonNode.Parse("""
        {
          "components": [
            { "type": "dynamiclist", "path": "agenda", "label": "Agenda", "isRepeating": true, "allowAddRemove": false, "components": [
              { "type": "text", "text": "[dossier](/trajecten/{{this.dossierId}})" },
              { "type": "textarea", "key": "redenen", "label": "Waarom", "readonly": true },
              { "type": "checkbox", "key": "besproken", "label": "Besproken" },
              { "type": "textfield", "key": "interventie", "label": "Interventie", "validate": { "maxLength": 10 } }
            ] },
            { "type": "radio", "key": "uitkomst", "label": "Uitkomst", "validate": { "required": true }, "values": [ { "label": "Gehouden", "value": "gehouden" } ] }
          ]
        }
        """)!.AsObject();

    private static JsonObject Current() => JsonNode.Parse("""
        { "agenda": [ { "dossierId": "d1", "redenen": "PIP te laat", "besproken": false, "interventie": "" },
                      { "dossierId": "d2", "redenen": "Incident", "besproken": false, "interventie": "" } ] }
        """)!.AsObject();

    private static JsonArray Rows() => Current()["agenda"]!.AsArray().DeepClone().AsArray();

    [Fact]
    public void TheEditableFieldsOfEachRow_AreAccepted_AndTheListIsShownAsOneVariable()
    {
        var rows = Rows();
        rows[0]!["besproken"] = true;
        rows[0]!["interventie"] = "Wmo";
        Assert.Empty(FormValidator.Validate(Form, new JsonObject { ["agenda"] = rows, ["uitkomst"] = "gehouden" }, Current()));
        Assert.Empty(FormValidator.Validate(Form, new JsonObject { ["uitkomst"] = "gehouden" }, Current()));
        Assert.Equal(2, FormValidator.DataFor(Form, Current())["agenda"]!.AsArray().Count);
    }

    [Fact]
    public void TheAgendaItself_CannotBeRewritten_NorRowsAddedOrRemoved()
    {
        var changed = Rows();
        changed[1]!["redenen"] = "niets";
        changed[1]!["dossierId"] = "d3";
        var errors = FormValidator.Validate(Form, new JsonObject { ["agenda"] = changed, ["uitkomst"] = "gehouden" }, Current());
        Assert.Equal(["agenda[1].dossierId", "agenda[1].redenen"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("form.read-only", e.Code));

        var fewer = Rows();
        fewer.RemoveAt(1);
        var removed = Assert.Single(FormValidator.Validate(Form, new JsonObject { ["agenda"] = fewer, ["uitkomst"] = "gehouden" }, Current()));
        Assert.Equal("form.list-rows", removed.Code);

        var notAList = Assert.Single(FormValidator.Validate(Form, new JsonObject { ["agenda"] = "x", ["uitkomst"] = "gehouden" }, Current()));
        Assert.Equal("form.type", notAList.Code);
    }

    [Fact]
    public void EachRowsFields_AreCheckedLikeTheFormsOwn()
    {
        var rows = Rows();
        rows[0]!["besproken"] = "ja";
        rows[1]!["interventie"] = "veel te lange tekst";
        var errors = FormValidator.Validate(Form, new JsonObject { ["agenda"] = rows, ["uitkomst"] = "gehouden" }, Current());
        Assert.Equal([("agenda[0].besproken", "form.type"), ("agenda[1].interventie", "form.max-length")], errors.Select(e => (e.Field, e.Code)).Order());
        Assert.Contains("rij 2", errors.Single(e => e.Code == "form.max-length").Message, StringComparison.Ordinal);
    }
}
