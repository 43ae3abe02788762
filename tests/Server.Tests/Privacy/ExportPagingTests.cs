using Inburgering.Engine.Queries;
using Inburgering.Server.Privacy;

namespace Inburgering.Server.Tests.Privacy;

/// <summary>
/// How the export reads a whole list (<c>PrivacyEndpoints.AllAsync</c>), against lists served from memory: by
/// <see cref="PagedList{T}.Next"/> where the list gives it (the tasks), by page number up to its total where it does not
/// (the journal, the access log), and never a page more than the list has.
/// </summary>
public sealed class ExportPagingTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(499, 1)]
    [InlineData(500, 1)]
    [InlineData(501, 2)]
    [InlineData(1_201, 3)]
    public async Task A_list_by_page_number_is_read_to_its_total(int count, int pages)
    {
        var items = Enumerable.Range(0, count).ToList();
        var asked = new List<Paging>();
        var all = await PrivacyEndpoints.AllAsync<int>((paging, _) =>
        {
            asked.Add(paging);
            return Task.FromResult<PagedList<int>?>(new PagedList<int>(items.Skip(paging.Skip).Take(paging.PageSize).ToList(), paging.Page, paging.PageSize, count));
        }, CancellationToken.None);

        Assert.Equal(items, all);
        Assert.Equal(Enumerable.Range(1, pages), asked.Select(p => p.Page));
        Assert.All(asked, p => Assert.Null(p.After));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(500, 1)]
    [InlineData(501, 2)]
    [InlineData(1_201, 3)]
    public async Task A_list_that_gives_next_is_read_by_it_and_ends_where_it_gives_none(int count, int pages)
    {
        // The cursor is the last item read; the total grows after the first page (a task added), as a werkvoorraad may: that moves nothing.
        var items = Enumerable.Range(0, count).ToList();
        var asked = new List<Paging>();
        var all = await PrivacyEndpoints.AllAsync<int>((paging, _) =>
        {
            asked.Add(paging);
            var from = paging.After is { } after ? int.Parse(after, System.Globalization.CultureInfo.InvariantCulture) + 1 : paging.Skip;
            var page = items.Skip(from).Take(paging.PageSize).ToList();
            var next = from + page.Count < count ? page[^1].ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult<PagedList<int>?>(new PagedList<int>(page, paging.Page, paging.PageSize, count + asked.Count - 1) { Next = next });
        }, CancellationToken.None);

        Assert.Equal(items, all);
        Assert.Equal(pages, asked.Count);
        Assert.Null(asked[0].After);
        Assert.All(asked.Skip(1), p => Assert.Equal((1, Paging.MaxPageSize), (p.Page, p.PageSize)));
        Assert.All(asked.Skip(1), p => Assert.NotNull(p.After));
    }

    [Fact]
    public async Task A_list_not_found_is_empty()
    {
        var all = await PrivacyEndpoints.AllAsync<int>((_, _) => Task.FromResult<PagedList<int>?>(null), CancellationToken.None);
        Assert.Empty(all);
    }
}
