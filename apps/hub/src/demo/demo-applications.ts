import { randomBytes } from 'node:crypto';
import { type ApplicationStatus, newLookupSecret, SYSTEM_ACTOR } from '@qms/core';
import { ApplicationDigests } from '../applications/application-digests.js';
import type { HubContext } from '../hub-context.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The demo's applications: one story per line, received `daysAgo` days before now (at 09:00 UTC+7
 * and later), its steps spread evenly since. Together they show every status, 1 to 10: the online
 * ones start as registered (1), the others as received at the counter (2).
 */
const STORIES: { name: string; daysAgo: number; online?: boolean; path: ApplicationStatus[] }[] = [
  { name: 'Nguyễn Văn An', daysAgo: 1, path: [] },
  { name: 'Trịnh Văn Khoa', daysAgo: 2, online: true, path: [] },
  { name: 'Trần Thị Bình', daysAgo: 20, online: true, path: ['refused'] },
  { name: 'Lê Văn Cường', daysAgo: 3, path: ['processing'] },
  { name: 'Phạm Thị Dung', daysAgo: 6, path: ['processing', 'awaiting_documents'] },
  { name: 'Hoàng Văn Em', daysAgo: 8, path: ['awaiting_payment'] },
  { name: 'Vũ Thị Giang', daysAgo: 12, path: ['processing', 'withdrawn'] },
  { name: 'Đặng Văn Hùng', daysAgo: 15, path: ['processing', 'stopped'] },
  { name: 'Bùi Thị Lan', daysAgo: 9, path: ['processing', 'processed'] },
  { name: 'Đỗ Văn Minh', daysAgo: 18, path: ['processing', 'awaiting_documents', 'processing', 'processed', 'returned'] },
  { name: 'Ngô Thị Nga', daysAgo: 25, path: ['processing', 'processed', 'returned'] },
];

/** True when the hub has no application yet: the only time the demo seeds them. */
export function hasNoApplications(ctx: HubContext): boolean {
  return ctx.db.prepare<[], number>('SELECT count(*) FROM applications').pluck().get() === 0;
}

/**
 * Seeds the demo's applications over the last weeks on the procedures of the catalogue (the first
 * active ones, in turn), each with its history; returns how many. Throws when the catalogue is empty.
 */
export async function seedDemoApplications(ctx: HubContext): Promise<number> {
  const procedures = ctx.db.prepare<[], number>('SELECT id FROM procedures WHERE active = 1 ORDER BY id LIMIT 5').pluck().all();
  if (procedures.length === 0) throw new Error('the demo applications need procedures in the catalogue');
  const digests = ApplicationDigests.load(ctx.queueStore);
  const now = ctx.clock.now().getTime();
  const actor = { by: { ...SYSTEM_ACTOR, name: 'demo' } };
  for (const [index, story] of STORIES.entries()) {
    const receivedAt = now - story.daysAgo * DAY_MS - HOUR_MS;
    const application = await ctx.queue.call(
      'receiveApplication',
      {
        procedureId: procedures[index % procedures.length] as number,
        applicant: { fullName: story.name, phone: null, address: null, idMasked: null, idDigest: null },
        documents: [],
        channel: story.online ? 'online' : 'counter',
        initialStatus: story.online ? 'registered' : 'received',
        receivedAt: new Date(receivedAt).toISOString(),
        // The demo's secrets are printed nowhere: nobody can look these up, as intended.
        secretDigest: digests.secret(newLookupSecret((count) => randomBytes(count))),
      },
      actor,
    );
    // Steps spread evenly over the time since receipt: in time order, the last one before now.
    const step = (now - receivedAt) / (story.path.length + 1);
    for (const [n, status] of story.path.entries()) {
      const at = Math.round(receivedAt + (n + 1) * step);
      await ctx.queue.call('changeApplicationStatus', application.id, status, null, actor, new Date(at).toISOString());
    }
  }
  return STORIES.length;
}
