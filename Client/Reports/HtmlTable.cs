using System.Net;
using System.Text;

namespace Sweep.Client.Reports;

/// <summary>A plain HTML table from a header and text cells, every cell encoded.</summary>
internal static class HtmlTable
{
    public static string Render(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var sb = new StringBuilder("<table>\n<tr>");
        foreach (string h in header)
        {
            sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        }

        sb.Append("</tr>\n");
        foreach (IEnumerable<string> row in rows)
        {
            sb.Append("<tr>");
            foreach (string cell in row)
            {
                sb.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        return sb.Append("</table>\n").ToString();
    }
}
