/**
 * A status put on an error object the code builds and throws (`const err = new Error('busy'); err.status = 503;
 * throw err`) is the status a client received, handed on to its caller or a retry helper: a constant, not a
 * response being sent, so missing-retry-after has nothing to say. Express's `err.status = 404; next(err)` hands
 * the error to the handler that answers with it, and stays a response's status.
 */
import * as assert from 'node:assert/strict';
import { occurrencesOf, ruleLines } from '../support/serviceHarness';

const client = `export async function balance(url: string) {
  const res = await fetch(url);
  if (res.status === 429) {
    const err = new Error("Rate limited") as any;
    err.status = 429;
    err.headers = Object.fromEntries(res.headers.entries());
    throw err;
  }
  return res.json();
}
`;

const express = `import express from "express";
const app = express();
app.get("/quota", (req, res, next) => {
  const err = new Error("Too many") as any;
  err.status = 429;
  next(err);
});
`;

describe('statuses put on thrown errors', () => {
  it('reads a status on an error the client throws as a constant', async () => {
    const roles = (await occurrencesOf('typescript', client)).filter((o) => o.range.start.line === 4).map((o) => o.role);
    assert.deepEqual(roles, ['constant']);
    assert.deepEqual(await ruleLines('typescript', client, 'missing-retry-after'), []);
  });

  it('keeps an error handed to next() as the status the server answers with', async () => {
    const roles = (await occurrencesOf('typescript', express)).filter((o) => o.range.start.line === 4).map((o) => o.role);
    assert.deepEqual(roles, ['server-sets']);
    assert.deepEqual(await ruleLines('typescript', express, 'missing-retry-after'), [5]);
  });
});
