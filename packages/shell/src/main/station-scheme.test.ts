import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stationSchemeResponse } from './station-scheme.js';

describe('qms://station/ in Electron', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qms-scheme-'));
  const renderer = join(dir, 'renderer');
  const pack = join(dir, 'own-voice');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  mkdirSync(pack);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>screen</title>');
  writeFileSync(join(renderer, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(pack, 'manifest.json'), '{"format":"qms-clip-pack/1"}');
  writeFileSync(join(dir, 'secret.txt'), 'not for the screen');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const get = async (url: string) => {
    const response = await stationSchemeResponse(url, renderer, { '/voice/custom/': pack });
    return { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), body: response.status === 200 ? await response.text() : '' };
  };

  it('answers the screen, its assets (unknown paths: the page) and the mounted folders, with the one CSP', async () => {
    expect(await get('qms://station/index.html')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>screen</title>' });
    expect((await get('qms://station/index.html')).csp).toContain("default-src 'self'");
    expect(await get('qms://station/assets/main.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(await get('qms://station/some/route')).toMatchObject({ status: 200, body: '<!doctype html><title>screen</title>' });
    expect(await get('qms://station/voice/custom/manifest.json')).toMatchObject({ status: 200, type: 'application/json', body: '{"format":"qms-clip-pack/1"}' });
  });

  it('nothing outside them: another host, a missing clip, a path that climbs out', async () => {
    expect((await get('qms://elsewhere/index.html')).status).toBe(404);
    expect((await get('qms://station/voice/custom/missing.ogg')).status).toBe(404);
    // However the climb is written, the answer is refused or the screen's own page, never the file.
    for (const climb of ['qms://station/%2e%2e/secret.txt', 'qms://station/voice/custom/%2e%2e/secret.txt', 'qms://station/..%2fsecret.txt', 'qms://station/voice/custom/..%2f..%2fsecret.txt']) {
      const answer = await get(climb);
      expect(answer.body, climb).not.toContain('not for the screen');
      expect([403, 404, 200], climb).toContain(answer.status);
    }
    expect((await get('qms://station/voice/custom/..%2f..%2fsecret.txt')).status).toBe(403);
  });
});
