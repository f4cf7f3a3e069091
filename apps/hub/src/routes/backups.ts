import { createReadStream, rmSync, statSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditActorOf, auditEntry } from '@qms/core';
import { backupDatabase } from '@qms/db';
import { BackupFileSchema, BackupNameParams, ErrorSchema } from '@qms/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error.js';
import { dataDirOf, downloadName, downloadTempPath, listNightly, nightlyPath } from '../backup/backup-files.js';
import type { HubContext } from '../hub-context.js';
import { principalOf } from '../http/auth.js';

const SQLITE_TYPE = 'application/vnd.sqlite3';
const ErrorRef = Type.Ref(ErrorSchema);
/** The body of a download, for the OpenAPI document (a stream is sent as it is). */
const SqliteFile = { description: 'an SQLite database file', content: { [SQLITE_TYPE]: { schema: Type.String({ format: 'binary' }) } } };

/** Copies of the database for the technician: one made now, and the nightly ones (DATA/backups). */
export function backupRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const dataDir = dataDirOf(ctx.db.name);

    /** Sends a file as an attachment; `cleanup` runs once the file is sent or the download is broken off. Records the download in the audit log. */
    const sendFile = async (request: FastifyRequest, reply: FastifyReply, file: string, name: string, cleanup?: () => void) => {
      const bytes = statSync(file).size;
      const stream = createReadStream(file);
      if (cleanup) stream.once('close', cleanup);
      // A GET is not flushed by the app's onSend hook: make the audit entry durable here.
      ctx.audit.append(auditEntry({ action: 'backup.downloaded', details: { name, bytes } }, auditActorOf(principalOf(request)), ctx.clock.now().toISOString()));
      await ctx.writes.flush();
      return reply
        .header('content-type', SQLITE_TYPE)
        .header('content-length', String(bytes))
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    };

    app.get(
      '/api/backup',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'Download a copy of the database made now (consistent while the hub keeps working)',
          description:
            'SQLite online backup into a temporary file of the data folder, checked (integrity_check), sent, then deleted. ' +
            'Named qms-backup-YYYYMMDD-HHMM.sqlite (centre time). Restore it with qms restore FILE on a stopped hub. Recorded in the audit log.',
          tags: ['backups'],
          response: { 200: SqliteFile },
        },
      },
      async (request, reply) => {
        const temp = downloadTempPath(dataDir);
        try {
          await backupDatabase(ctx.db, temp);
        } catch (error) {
          rmSync(temp, { force: true });
          throw error;
        }
        const remove = () => rmSync(temp, { force: true });
        try {
          return await sendFile(request, reply, temp, downloadName(ctx.clock.now(), ctx.timeZone), remove);
        } catch (error) {
          remove();
          throw error;
        }
      },
    );

    app.get(
      '/api/backups',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'The nightly copies of the database kept in the data folder (DATA/backups), newest first',
          description: 'Written every night at backup.at (centre time); those older than backup.keepDays are deleted.',
          tags: ['backups'],
          response: { 200: Type.Array(BackupFileSchema) },
        },
      },
      async () => listNightly(dataDir),
    );

    app.get(
      '/api/backups/:name',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'Download one nightly copy by its name (as listed)',
          description: '404 backup.not_found for any other name. Recorded in the audit log.',
          tags: ['backups'],
          params: BackupNameParams,
          response: { 200: SqliteFile, 404: ErrorRef },
        },
      },
      async (request, reply) => {
        const file = nightlyPath(dataDir, request.params.name);
        if (file === null) throw new ApiError('backup.not_found', `no nightly backup named "${request.params.name}"; GET /api/backups lists them (qms-YYYYMMDD.sqlite)`);
        return sendFile(request, reply, file, request.params.name);
      },
    );
  };
}
