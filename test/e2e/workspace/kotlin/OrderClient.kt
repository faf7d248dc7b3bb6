// An order-status client on OkHttp: a refusal from the order service is treated as final.
import java.io.IOException
import okhttp3.OkHttpClient
import okhttp3.Request

class OrderClient(private val client: OkHttpClient, private val baseUrl: String) {
    fun status(orderId: String): String {
        val request = Request.Builder().url("$baseUrl/orders/$orderId/status").build()
        val response = client.newCall(request).execute()
        if (response.code == 503) {
            throw IOException("order service unavailable")
        }
        return response.body?.string().orEmpty()
    }
}
