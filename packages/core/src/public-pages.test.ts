import { describe, expect, it } from 'vitest';
import { applicationPageUrl, parseApplicationPagePath, parseApplicationPageRef, parseTicketPagePath, ticketPageUrl } from './public-pages.js';

describe('public pages', () => {
  it('an application page URL is read back as its code and secret, case forgiven', () => {
    const url = applicationPageUrl('http://hub.local:8080/', 'UBND-261129-0001', '7KQ2MX');
    expect(url).toBe('http://hub.local:8080/a/UBND-261129-0001/7KQ2MX');
    expect(parseApplicationPagePath(new URL(url).pathname)).toEqual({ code: 'UBND-261129-0001', secret: '7KQ2MX' });
    expect(parseApplicationPageRef('ubnd-261129-0001/7kq2mx')).toEqual({ code: 'UBND-261129-0001', secret: '7KQ2MX' });
  });

  it('other paths are not application pages', () => {
    expect(parseApplicationPagePath('/a/UBND-261129-0001')).toBeNull();
    expect(parseApplicationPagePath('/a/UBND-26112-0001/7KQ2MX')).toBeNull();
    expect(parseApplicationPagePath('/t/12-A001')).toBeNull();
    expect(parseTicketPagePath(new URL(ticketPageUrl('http://h:1', 12, 'A001')).pathname)).toEqual({ ticketId: 12, label: 'A001' });
  });
});
