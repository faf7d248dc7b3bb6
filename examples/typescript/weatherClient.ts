// A fetch-based client: one flawed call, one that honours Retry-After.
const BASE = 'https://api.example.com/v1';

export async function getForecast(city: string): Promise<unknown> {
  const res = await fetch(`${BASE}/forecast?city=${encodeURIComponent(city)}`);
  if (!res.ok) {
    throw new Error(`forecast failed: ${res.status}`);
  }
  return res.json();
}

export async function createAlert(body: object): Promise<Response> {
  // Flawed: a POST retried blindly, without an Idempotency-Key.
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(`${BASE}/alerts`, { method: 'POST', body: JSON.stringify(body) });
    if (res.status === 503 || res.status === 429) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    return res;
  }
  throw new Error('gave up');
}

export function describe(err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNRESET') {
    return 'connection reset';
  }
  return err.message;
}
