import { describe, expect, it } from 'vitest';
import { ticketPageUrl } from '@qms/core';
import { applicationUrl, parseProjectCode } from './project-codes.js';

describe("the project's own QR codes", () => {
  it('parse back what they were made from', () => {
    const ticket = ticketPageUrl('http://hub.local:8080/', 123, 'A001');
    expect(ticket).toBe('http://hub.local:8080/t/123-A001');
    expect(parseProjectCode(ticket)).toEqual({ kind: 'ticket', ticketId: 123, label: 'A001', url: ticket });
    const receipt = applicationUrl('https://motcua.example.vn', 'H01.01-240115-0001');
    expect(parseProjectCode(receipt)).toEqual({ kind: 'application', code: 'H01.01-240115-0001', url: receipt });
  });

  it('ignore anything else', () => {
    expect(parseProjectCode('hello')).toBeNull();
    expect(parseProjectCode('ftp://hub/t/1-A001')).toBeNull();
    expect(parseProjectCode('http://hub/t/x-A001')).toBeNull();
    expect(parseProjectCode('http://hub/other')).toBeNull();
  });
});
