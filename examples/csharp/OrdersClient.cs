using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

public class OrdersClient
{
    private readonly HttpClient _http = new HttpClient();

    public async Task<string> GetOrderAsync(string id)
    {
        var response = await _http.GetAsync($"https://api.example.com/v1/orders/{id}");
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException("rate limited");
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
