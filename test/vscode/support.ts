// Shared helpers for the extension-host suite: the live extension API and the fixture server's control endpoint.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PaperNotesApi } from '../../src/vscode/extension';

export const FIXTURE_DAY = '2026-07-30';
export const HOSTILE_DAY = '2026-07-29';

export async function extensionApi(): Promise<PaperNotesApi> {
  const ext = vscode.extensions.getExtension<PaperNotesApi>('paper-notes.paper-notes');
  assert.ok(ext, 'extension paper-notes.paper-notes is loaded');
  return ext.activate();
}

export function fixtureUrl(): string {
  const url = process.env.PAPER_NOTES_FIXTURE_URL;
  assert.ok(url, 'PAPER_NOTES_FIXTURE_URL is set by the harness');
  return url;
}

/** Steers the fixture server: `fault(day, 'html')`, `clearFaults()`. */
export async function fault(date: string, kind: string, times?: number): Promise<void> {
  const q = new URLSearchParams({ date, kind, ...(times ? { times: String(times) } : {}) });
  const res = await fetch(`${fixtureUrl()}/__control/fault?${q}`, { method: 'POST' });
  assert.equal(res.status, 200, await res.text());
}

export async function clearFaults(): Promise<void> {
  assert.equal((await fetch(`${fixtureUrl()}/__control/clear`, { method: 'POST' })).status, 200);
}

export async function requestsFor(date: string): Promise<number> {
  const all = (await (await fetch(`${fixtureUrl()}/__control/requests`)).json()) as Array<{ url: string }>;
  return all.filter((r) => r.url.startsWith('/api/daily_papers') && r.url.includes(`date=${date}`)).length;
}

/** The fixture day's raw API items (the suite is built to out/test/vscode; fixtures stay in test/fixtures). */
export function fixtureItems(day: string): Array<{ paper: { id: string; title: string; upvotes?: number } }> {
  const root = join(__dirname, '..', '..', '..');
  return JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'days', `${day}.json`), 'utf8'));
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
