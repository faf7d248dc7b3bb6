// Orders API client used by the Error Code Insight end-to-end tests.
const BASE_URL = 'https://orders.example.test';

export async function getOrder(id: string): Promise<unknown> {
  const res = await fetch(`${BASE_URL}/orders/${encodeURIComponent(id)}`);
  if (res.status === 503) {
    throw new Error('orders service unavailable');
  }
  if (!res.ok) {
    throw new Error(`orders API answered ${res.status}`);
  }
  return res.json();
}

export function describeFailure(err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNRESET') {
    return 'the connection was reset';
  }
  return err.message;
}
