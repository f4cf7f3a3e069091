import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertTimeZone, DEFAULT_TIME_ZONE, isDomainError } from '@qms/core';

export interface HubConfig {
  port: number;
  host: string;
  /** Absolute path of the data directory: the database, its backups, the lock file. */
  dataDir: string;
  timeZone: string;
  /** Password for user admin, used only when the database has no user yet. */
  adminPassword: string | undefined;
  /** Seed the demo centre into an empty database. */
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The nightly copy of the database into DATA/backups. */
  backup: BackupConfig;
  /** Announce the hub on the LAN with mDNS/DNS-SD (_qms._tcp) so stations find it without a URL. */
  mdns: boolean;
}

export interface BackupConfig {
  /** "HH:MM", centre time: when the nightly copy is written. */
  at: string;
  /** Nightly copies older than this many days are deleted. */
  keepDays: number;
}

export const DEFAULT_BACKUP: BackupConfig = { at: '02:30', keepDays: 14 };

/** What `qms hub` flags can set (they win over everything). */
export interface HubFlags {
  port?: string | number;
  host?: string;
  data?: string;
  demo?: boolean;
  tz?: string;
  /** false from --no-mdns. */
  mdns?: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const FILE_KEYS = ['port', 'host', 'timeZone', 'logLevel', 'backup', 'mdns'] as const;
const BACKUP_KEYS = ['at', 'keepDays'] as const;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function falsy(value: string | undefined): boolean {
  return value !== undefined && ['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

/** Announcing on the LAN: on unless --no-mdns, QMS_MDNS=0 or "mdns": false in hub.json. */
function mdnsOf(flag: boolean | undefined, env: string | undefined, file: unknown): boolean {
  if (file !== undefined && typeof file !== 'boolean') throw new ConfigError('hub.json: "mdns" must be true or false');
  if (flag === false) return false;
  if (env !== undefined) return !falsy(env);
  return file ?? true;
}

function parsePort(value: string | number, from: string): number {
  const port = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`${from}: port "${value}" must be a number from 0 to 65535`);
  return port;
}

/** The data directory from --data, else QMS_DATA_DIR, else ./data (absolute). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.QMS_DATA_DIR ?? 'data');
}

/**
 * Configuration: defaults < DATA/hub.json < environment (QMS_*) < flags, validated here so a
 * mistake stops the hub at start with a message that names the setting.
 */
export function loadHubConfig(flags: HubFlags = {}, env: NodeJS.ProcessEnv = process.env): HubConfig {
  const dataDir = resolveDataDir(flags.data, env);
  const file = readConfigFile(join(dataDir, 'hub.json'));
  const port = flags.port ?? env.QMS_PORT ?? file.port ?? 8080;
  const config: HubConfig = {
    port: parsePort(port, flags.port !== undefined ? '--port' : env.QMS_PORT !== undefined ? 'QMS_PORT' : 'hub.json'),
    host: flags.host ?? env.QMS_HOST ?? stringOr(file.host, '0.0.0.0'),
    dataDir,
    timeZone: flags.tz ?? env.QMS_TZ ?? stringOr(file.timeZone, DEFAULT_TIME_ZONE),
    adminPassword: env.QMS_ADMIN_PASSWORD || undefined,
    demo: flags.demo === true || truthy(env.QMS_DEMO),
    logLevel: (env.QMS_LOG_LEVEL ?? stringOr(file.logLevel, 'info')) as HubConfig['logLevel'],
    backup: backupConfig(file.backup, env),
    mdns: mdnsOf(flags.mdns, env.QMS_MDNS, file.mdns),
  };
  try {
    assertTimeZone(config.timeZone);
  } catch (error) {
    if (isDomainError(error)) throw new ConfigError(`QMS_TZ: ${error.message}`);
    throw error;
  }
  if (!LOG_LEVELS.includes(config.logLevel)) throw new ConfigError(`QMS_LOG_LEVEL "${config.logLevel}" must be one of ${LOG_LEVELS.join(', ')}`);
  if (config.adminPassword !== undefined && config.adminPassword.length < 8) {
    throw new ConfigError('QMS_ADMIN_PASSWORD must be at least 8 characters');
  }
  return config;
}

/** backup.at and backup.keepDays: defaults < hub.json's "backup" object < QMS_BACKUP_AT, QMS_BACKUP_KEEP_DAYS. */
function backupConfig(file: unknown, env: NodeJS.ProcessEnv): BackupConfig {
  if (file !== undefined && (typeof file !== 'object' || file === null || Array.isArray(file))) {
    throw new ConfigError('hub.json: "backup" must be an object such as {"at": "02:30", "keepDays": 14}');
  }
  const fromFile = (file ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(fromFile)) {
    if (!(BACKUP_KEYS as readonly string[]).includes(key)) throw new ConfigError(`hub.json: unknown setting "backup.${key}" (known: ${BACKUP_KEYS.join(', ')})`);
  }
  const at = env.QMS_BACKUP_AT ?? fromFile.at ?? DEFAULT_BACKUP.at;
  const atFrom = env.QMS_BACKUP_AT !== undefined ? 'QMS_BACKUP_AT' : 'hub.json backup.at';
  if (typeof at !== 'string' || !TIME_OF_DAY.test(at)) throw new ConfigError(`${atFrom}: "${String(at)}" must be a time of day HH:MM from 00:00 to 23:59 (centre time)`);
  const keep = env.QMS_BACKUP_KEEP_DAYS ?? fromFile.keepDays ?? DEFAULT_BACKUP.keepDays;
  const keepFrom = env.QMS_BACKUP_KEEP_DAYS !== undefined ? 'QMS_BACKUP_KEEP_DAYS' : 'hub.json backup.keepDays';
  const keepDays = typeof keep === 'number' ? keep : typeof keep === 'string' && /^\d+$/.test(keep) ? Number(keep) : Number.NaN;
  if (!Number.isInteger(keepDays) || keepDays < 1 || keepDays > 3650) throw new ConfigError(`${keepFrom}: "${String(keep)}" must be a whole number of days from 1 to 3650`);
  return { at, keepDays };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function readConfigFile(path: string): Partial<Record<Exclude<(typeof FILE_KEYS)[number], 'backup' | 'mdns'>, string | number>> & { backup?: unknown; mdns?: unknown } {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`${path} must hold a JSON object`);
  for (const key of Object.keys(parsed)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) throw new ConfigError(`${path}: unknown setting "${key}" (known: ${FILE_KEYS.join(', ')})`);
  }
  return parsed as Record<string, string | number>;
}

/** The configuration as it may be logged: secrets masked. */
export function printableConfig(config: HubConfig): Record<string, unknown> {
  return { ...config, adminPassword: config.adminPassword ? '***' : undefined };
}
