import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, launchChromium, serveStatic } from '../support/browser.js';

const PACKS = fileURLToPath(new URL('../../hardware/voice/packs/', import.meta.url));

type Event = { type: 'start' | 'end'; file: string; at: number };
/** The player's surface as the page sees it (the module is bundled into the page, not imported here). */
type Player = { onPlayback(listener: (event: Event) => void): void; announce(clips: string[]): Promise<unknown> };

/** Announcements played by howler in real headless Chromium, from the shipped clip packs. */
// Announcements play in real time (up to 12 s per test in CI).
describe('voice playback in the renderer', { timeout: 60_000 }, () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof serveStatic>>;

  beforeAll(async () => {
    const script = await bundleForBrowser(fileURLToPath(new URL('./playback-page.ts', import.meta.url)));
    server = await serveStatic({ '/': '<!doctype html><meta charset="utf-8"><script src="/page.js"></script>', '/page.js': script }, { '/packs/': PACKS });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('every clip of every shipped pack decodes as audio', async () => {
    const decoded = await page.evaluate(async () => {
      const context = new AudioContext();
      const result: Record<string, number> = {};
      for (const lang of ['vi', 'en']) {
        const manifest = await (await fetch(`/packs/${lang}/manifest.json`)).json();
        const files = [manifest.chime.file, ...Object.values(manifest.clips).map((clip) => (clip as { file: string }).file)];
        for (const file of files) {
          const audio = await context.decodeAudioData(await (await fetch(`/packs/${lang}/${file}`)).arrayBuffer());
          result[`${lang}/${file}`] = audio.duration;
        }
      }
      return result;
    });
    const entries = Object.entries(decoded);
    expect(entries.length).toBe(51 + 60);
    for (const [file, seconds] of entries) {
      expect(seconds, file).toBeGreaterThan(0.05);
      expect(seconds, file).toBeLessThan(4);
    }
  });

  it('plays a chime then the clips in order, one announcement after the other, never overlapping', async () => {
    const { events, expected } = await page.evaluate(async () => {
      const manifest = await (await fetch('/packs/vi/manifest.json')).json();
      const w = window as unknown as { AnnouncementPlayer: new (o: object) => Player; composeAnnouncement: (l: string, c: number) => { clips: string[] } };
      const player = new w.AnnouncementPlayer({ packUrl: '/packs/vi/', manifest, volume: 0.8 });
      const events: Event[] = [];
      player.onPlayback((event: Event) => events.push(event));
      const first = w.composeAnnouncement('A12', 1).clips;
      const second = w.composeAnnouncement('B5', 2).clips;
      // Both asked at once: the second waits for the first.
      await Promise.all([player.announce(first), player.announce(second)]);
      const file = (id: string) => manifest.clips[id].file;
      return { events, expected: [manifest.chime.file, ...first.map(file), manifest.chime.file, ...second.map(file)] };
    });
    const starts = events.filter((event) => event.type === 'start');
    expect(starts.map((event) => event.file)).toEqual(expected);
    // Each clip starts only after the previous one ended.
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    expect(events.map((event) => event.type)).toEqual(expected.flatMap(() => ['start', 'end']));
  });

  it('repeats the saying, with the chime only once, and stays silent in quiet hours', async () => {
    const result = await page.evaluate(async () => {
      const manifest = await (await fetch('/packs/en/manifest.json')).json();
      const w = window as unknown as { AnnouncementPlayer: new (o: object) => Player; composeAnnouncement: (l: string, c: number, o: object) => { clips: string[] } };
      const clips = w.composeAnnouncement('C7', 3, { lang: 'en' }).clips;
      const events: Event[] = [];
      const twice = new w.AnnouncementPlayer({ packUrl: '/packs/en/', manifest, repeat: 2, repeatGapMs: 50 });
      twice.onPlayback((event: Event) => events.push(event));
      await twice.announce(clips);
      const quiet = new w.AnnouncementPlayer({ packUrl: '/packs/en/', manifest, quietHours: [{ from: '22:00', to: '06:00' }], minuteOfDay: () => 23 * 60 });
      const quietEvents: Event[] = [];
      quiet.onPlayback((event: Event) => quietEvents.push(event));
      const silent = await quiet.announce(clips);
      return { starts: events.filter((e) => e.type === 'start').map((e) => e.file), clipCount: clips.length, silent, quietEvents: quietEvents.length };
    });
    expect(result.starts).toHaveLength(1 + 2 * result.clipCount);
    expect(result.starts.filter((file: string) => file === 'chime.ogg')).toHaveLength(1);
    expect(result.silent).toEqual({ played: false, reason: 'quiet_hours' });
    expect(result.quietEvents).toBe(0);
  });

  it('refuses an unknown clip at once', async () => {
    const message = await page.evaluate(async () => {
      const manifest = await (await fetch('/packs/vi/manifest.json')).json();
      const w = window as unknown as { AnnouncementPlayer: new (o: object) => Player };
      try {
        new w.AnnouncementPlayer({ packUrl: '/packs/vi/', manifest }).announce(['no_such_clip']);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(message).toMatch(/has no clip "no_such_clip"/);
  });
});
