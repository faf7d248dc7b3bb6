/**
 * A Home Assistant integration's requests run in its update cycle: what the data fetch raises, the coordinator turns
 * into UpdateFailed and asks again at the next interval, so a 503 raised there is not final. Its sign-in step is
 * different — Home Assistant answers an authentication failure with a re-auth flow that stops polling — so a 503
 * given up on while signing in is still reported.
 */
import * as assert from 'node:assert/strict';
import { diagnosticsOf } from '../support/serviceHarness';

const integration = `from homeassistant.core import HomeAssistant
import aiohttp


class MeterApiError(Exception):
    pass


class MeterClient:
    def __init__(self, session: aiohttp.ClientSession):
        self._session = session

    async def async_readings(self, meter_id):
        async with self._session.get(f"https://meters.example.com/v1/{meter_id}", timeout=aiohttp.ClientTimeout(total=20)) as resp:
            if resp.status == 503:
                raise MeterApiError("meter service unavailable")
            return await resp.json()

    async def async_login(self, user, password):
        async with self._session.post("https://meters.example.com/v1/login", json={"u": user, "p": password}, timeout=aiohttp.ClientTimeout(total=20)) as resp:
            if resp.status == 503:
                return False
            return True
`;

describe('Home Assistant update cycle', () => {
  it('a 503 raised by the data fetch goes back to the coordinator, which asks again', async () => {
    const lines = (await diagnosticsOf('python', integration)).filter((d) => d.rule === 'retryable-treated-as-final').map((d) => d.range.start.line + 1);
    assert.ok(!lines.includes(15), `data fetch reported: ${lines.join(', ')}`);
  });
  it('a 503 given up on while signing in is still reported', async () => {
    const lines = (await diagnosticsOf('python', integration)).filter((d) => d.rule === 'retryable-treated-as-final').map((d) => d.range.start.line + 1);
    assert.ok(lines.some((l) => l >= 20 && l <= 22), `sign-in not reported: ${lines.join(', ')}`);
  });
  it('the same data fetch outside Home Assistant is reported', async () => {
    const lines = (await diagnosticsOf('python', integration.replace('from homeassistant.core import HomeAssistant\n', ''))).filter((d) => d.rule === 'retryable-treated-as-final').map((d) => d.range.start.line + 1);
    assert.ok(lines.some((l) => l >= 13 && l <= 15), `not reported outside HA: ${lines.join(', ')}`);
  });
});
