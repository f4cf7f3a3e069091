import { type Static, Type } from '@sinclair/typebox';
import { Instant } from './common.js';

// ---- backups: the nightly copies an administrator downloads

export const BACKUP_NAME_PATTERN = '^qms-\\d{8}\\.sqlite$';
export const BackupFileSchema = Type.Object({
  name: Type.String({ description: 'qms-YYYYMMDD.sqlite: the nightly copy of that night (centre time)' }),
  bytes: Type.Integer({ minimum: 0 }),
  at: Instant,
});
export type BackupFileDto = Static<typeof BackupFileSchema>;
export const BackupNameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64, description: 'as listed by GET /api/backups' }) }, { additionalProperties: false });
