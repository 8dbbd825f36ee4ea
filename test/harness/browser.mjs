// Debian's chromium driven by playwright-core (no browser download), with a fresh profile per run.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTeardown } from './processes.mjs';

export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'paper-notes-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    // Our teardown (processes.mjs) handles signals; Playwright's own handlers would exit before it ran.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    try { await context.close(); } catch {}
    rmSync(profile, { recursive: true, force: true });
  };
  onTeardown(close);
  return { context, close };
}

/** The workbench URL for a folder, optionally with the test payload (needs the smoke-test driver). */
export function workbenchUrl(baseUrl, folder, payload) {
  let url = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** `vscode-remote://host:port/abs/path`, the form the payload needs. */
export const remoteUri = (baseUrl, absPath) => `vscode-remote://${new URL(baseUrl).host}${absPath}`;
