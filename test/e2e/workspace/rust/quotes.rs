// A quote client on reqwest: a refusal from the quote service is treated as final.
use std::time::Duration;

pub async fn quote(client: &reqwest::Client, url: &str) -> Result<String, String> {
    let response = client.get(url).timeout(Duration::from_secs(5)).send().await.map_err(|e| e.to_string())?;
    if response.status().as_u16() == 503 {
        return Err("quote service unavailable".into());
    }
    response.text().await.map_err(|e| e.to_string())
}
