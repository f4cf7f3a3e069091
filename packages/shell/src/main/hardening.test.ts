import { describe, expect, it } from 'vitest';
import { isDevtoolsShortcut, isStationDocument, isStationUrl } from './hardening.js';

describe('station window hardening', () => {
  it('lets the window show only its own screen', () => {
    expect(isStationUrl('qms://station/index.html#rating')).toBe(true);
    expect(isStationUrl('qms://elsewhere/index.html')).toBe(false);
    expect(isStationUrl('file:///etc/passwd')).toBe(false);
    expect(isStationUrl('http://127.0.0.1:8090/')).toBe(true);
    expect(isStationUrl('http://localhost:8090/')).toBe(true);
    expect(isStationUrl('https://example.com/')).toBe(false);
    expect(isStationUrl('http://192.168.1.20:8090/')).toBe(false);
    expect(isStationUrl('javascript:alert(1)')).toBe(false);
    expect(isStationUrl('not a url')).toBe(false);
  });

  it('opens a new window only for a document the station made (a receipt PDF to print)', () => {
    expect(isStationDocument('qms://station/documents/0123abcd.pdf')).toBe(true);
    expect(isStationDocument('http://127.0.0.1:8091/documents/0123abcd.pdf')).toBe(true);
    expect(isStationDocument('qms://station/index.html')).toBe(false);
    expect(isStationDocument('https://example.com/documents/x.pdf')).toBe(false);
    expect(isStationDocument('not a url')).toBe(false);
  });

  it('swallows the developer-tools and reload keys, and nothing else', () => {
    const key = (key: string, mods: Partial<{ control: boolean; meta: boolean; shift: boolean }> = {}) =>
      isDevtoolsShortcut({ type: 'keyDown', key, control: false, meta: false, shift: false, ...mods });
    expect(key('F12')).toBe(true);
    expect(key('I', { control: true, shift: true })).toBe(true);
    expect(key('j', { meta: true, shift: true })).toBe(true);
    expect(key('r', { control: true })).toBe(true);
    expect(key('F5')).toBe(true);
    expect(key('a')).toBe(false);
    expect(key('Enter')).toBe(false); // keyboard-wedge scanners end with Enter
    expect(isDevtoolsShortcut({ type: 'keyUp', key: 'F12', control: false, meta: false, shift: false })).toBe(false);
  });
});
