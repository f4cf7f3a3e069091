import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VirtualPrinter } from '@qms/simulators';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../support/free-port.js';
import { waitForLine } from '../support/kiosk-process.js';
import { type RunningCommand, runCommand, startCommand } from '../support/station-command.js';
import { tempDir } from '../support/temp-dir.js';
import { FIRST, PACKAGE_TIMEOUT_MS, packageBundles, runScript, SECOND, tarballOf, tarListing, treeOf, unitFields, unpack } from './bundles.js';

/**
 * Installing a centre from the bundles (issue 14): `npm run package`'s tarballs, unpacked and
 * installed with their install.sh into temporary prefixes (--no-systemd: no root, no systemd in the
 * test container), the hub and a kiosk started from them on the bundles' own Node 24, paired, a ticket
 * issued and printed on the virtual printer; then the hub upgraded over its database (backup,
 * migration, tickets intact), rolled back, and an upgrade whose migration fails.
 * Real processes and files throughout; the systemd units checked by systemd-analyze when it is here.
 */
describe('the hub and station bundles, installed with install.sh', () => {
  const dir = tempDir('qms-install-');
  const out = join(dir.path, 'out');
  const hubPrefix = join(dir.path, 'hub');
  const stationPrefix = join(dir.path, 'station');
  const data = join(hubPrefix, 'data');
  const qms = join(hubPrefix, 'bin', 'qms');
  const running: RunningCommand[] = [];
  /** Each test starts real processes and copies or deletes trees of 250 MB: a loaded 2-core machine took 25 s for one. */
  const TEST_TIMEOUT_MS = 120_000;
  let hubBundle = '';
  let stationBundle = '';
  let upgradeBundle = '';
  let printer: VirtualPrinter | undefined;
  // The environment of the installed commands: nothing of the repository's Node on the PATH.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', QMS_LOG_LEVEL: 'warn' };
  delete env.NODE_OPTIONS;

  beforeAll(() => {
    const seconds = packageBundles(out);
    process.stdout.write(`install tests: the bundles packaged in ${seconds.toFixed(1)} s\n`);
    hubBundle = unpack(tarballOf(out, 'hub', FIRST), join(dir.path, 'unpacked-hub'));
    stationBundle = unpack(tarballOf(out, 'station', FIRST), join(dir.path, 'unpacked-station'));
    upgradeBundle = unpack(tarballOf(out, 'hub', SECOND), join(dir.path, 'unpacked-upgrade'));
  }, PACKAGE_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(running.splice(0).map((command) => command.stop()));
    await printer?.close();
    dir.cleanup();
  });

  /** The kiosk's hub listens on this port each time: the kiosk's pairing is kept per hub URL. */
  let kioskHubPort = 0;
  /** `PREFIX/bin/qms hub` on a free loopback port (or this one), the demo centre seeded (always open), until it listens and answers. */
  const startHub = async (port = 0) => {
    const hub = startCommand(qms, ['hub', '--port', String(port), '--host', '127.0.0.1'], { env: { ...env, QMS_DEMO: '1', QMS_DEMO_STATIONS: '0', QMS_DEMO_HISTORY_DAYS: '0' }, timeoutMs: 600_000 });
    running.push(hub);
    const url = await waitForLine(hub.stdout, /listening on (http:\/\/\S+)/, hub.stderr, 30_000);
    // "listening on" is printed just before qms hub sets its SIGTERM handler: one answered request later, it is set.
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    return { ...hub, url };
  };
  /** SIGTERM, as systemd stops it, and a clean exit (0) within 20 s: the hub closes its database (a nightly copy being written first). */
  const stopHub = async (hub: RunningCommand) => {
    running.splice(running.indexOf(hub), 1);
    hub.child.kill('SIGTERM');
    const result = await Promise.race([hub.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
    if (result === null) await hub.stop();
    expect(result?.status, result?.stderr ?? 'the hub did not exit within 20 s of SIGTERM').toBe(0);
  };
  const ticketCount = (file: string) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return { tickets: (db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n, version: db.pragma('user_version', { simple: true }) as number };
    } finally {
      db.close();
    }
  };
  /** The executable a running process was started from (/proc/PID/exe), and what `that -p process.version` says. */
  const runtimeOf = (pid: number) => {
    const exe = realpathSync(`/proc/${pid}/exe`);
    return { exe, version: execFileSync(exe, ['-p', 'process.version'], { encoding: 'utf8' }).trim() };
  };

  it(
    'each bundle carries Node 24, install.sh, uninstall.sh, VERSION and its command; the station has no SQLite and no hub code',
    () => {
      const hub = tarListing(tarballOf(out, 'hub', FIRST));
      const station = tarListing(tarballOf(out, 'station', FIRST));
      for (const files of [hub, station])
        for (const file of ['node/bin/node', 'install.sh', 'uninstall.sh', 'VERSION', 'systemd/qms-hub.service', 'systemd/qms-station@.service', 'systemd/qms-screen@.service'])
          expect(files).toContain(file);
      expect(hub).toContain('bin/qms');
      expect(hub).toContain('lib/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
      expect(hub).toContain('lib/node_modules/@qms/db/migrations/001-queue.sql');
      expect(station).toContain('bin/qms-station');
      expect(station.filter((file) => /better-sqlite3|better_sqlite3|\/fastify\/|@qms\/hub|@qms\/db/.test(file))).toEqual([]);
      expect(new Set(station.filter((file) => file.startsWith('lib/node_modules/@qms/') && file.split('/')[3]).map((file) => file.split('/')[3]))).toEqual(new Set(['station-cli']));
      // Receipts are drawn from the glyph atlas beside the built code: no Skia in either bundle.
      expect(hub).toContain('lib/node_modules/@qms/hub/dist/glyphs/receipt-glyphs.bin');
      expect(station).toContain('lib/node_modules/@qms/station-cli/dist/glyphs/receipt-glyphs.bin');
      for (const files of [hub, station]) expect(files.filter((file) => /@napi-rs|skia/.test(file))).toEqual([]);
      // Only the SQLite build for Node 24: no sources, no build tree, no prebuild downloader.
      expect(hub.filter((file) => /better-sqlite3\/(deps|src)\/|prebuild-install/.test(file))).toEqual([]);
      for (const bundle of [hubBundle, stationBundle]) {
        expect(readFileSync(join(bundle, 'VERSION'), 'utf8')).toBe(`${FIRST}\n`);
        expect(execFileSync(join(bundle, 'node', 'bin', 'node'), ['-p', 'process.version'], { encoding: 'utf8' })).toMatch(/^v24\./);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'install.sh --help says what goes where; a wrong option is refused with a message',
    () => {
      const help = runScript(hubBundle, 'install.sh', ['--help']);
      expect(help.status, help.stderr).toBe(0);
      for (const text of ['--prefix DIR', '--no-systemd', '/opt/qms', '/var/lib/qms', '/etc/qms', 'qms rollback']) expect(help.stdout).toContain(text);
      const stationHelp = runScript(stationBundle, 'install.sh', ['--help']);
      for (const text of ['--station KIND', '--hub URL', 'qms-screen@KIND']) expect(stationHelp.stdout).toContain(text);
      const wrong = runScript(hubBundle, 'install.sh', ['--prefix', join(dir.path, 'never'), '--no-systemd', '--colour']);
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toBe('install.sh: unknown option "--colour" (see ./install.sh --help)\n');
      const badPort = runScript(hubBundle, 'install.sh', ['--prefix', join(dir.path, 'never'), '--no-systemd', '--port', 'http']);
      expect(badPort.stderr).toMatch(/--port must be a number from 1 to 65535, not "http"/);
      const badKind = runScript(stationBundle, 'install.sh', ['--prefix', join(dir.path, 'never'), '--no-systemd', '--station', 'kiosque']);
      expect(badKind.stderr).toMatch(/--station must be kiosk, counter or display, not "kiosque"/);
      expect(existsSync(join(dir.path, 'never'))).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'installs the hub under the prefix (versions/VERSION, current, bin/qms, data, etc, units), and a second run changes nothing',
    () => {
      const first = runScript(hubBundle, 'install.sh', ['--prefix', hubPrefix, '--no-systemd']);
      expect(first.status, first.stderr).toBe(0);
      expect(readlinkSync(join(hubPrefix, 'current'))).toBe(`versions/${FIRST}`);
      expect(readFileSync(join(hubPrefix, 'etc', 'hub.env'), 'utf8')).toContain(`QMS_DATA_DIR=${data}\n`);
      expect(first.stdout).toContain(`Start the hub: ${qms} hub`);
      expect(first.stdout).toMatch(/Console: http:\/\/\S+:8080\/console\//);
      const version = spawnSync(qms, ['--version'], { encoding: 'utf8', env });
      expect(version.stdout).toBe(`${FIRST}\n`);

      const before = treeOf(hubPrefix);
      const again = runScript(hubBundle, 'install.sh', ['--prefix', hubPrefix, '--no-systemd']);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain(`hub ${FIRST} is already in`);
      expect(again.stdout).toContain('kept');
      expect(treeOf(hubPrefix)).toEqual(before);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the units: restart, start at boot, the journal, the hub hardened and writing only its data folder (systemd-analyze verify where present)',
    () => {
      const hub = unitFields(join(hubPrefix, 'systemd', 'qms-hub.service'));
      expect(hub.Service).toMatchObject({
        ExecStart: [`${hubPrefix}/current/bin/qms hub`],
        Restart: ['always'],
        User: [execFileSync('id', ['-un'], { encoding: 'utf8' }).trim()],
        EnvironmentFile: [`${hubPrefix}/etc/hub.env`],
        NoNewPrivileges: ['yes'],
        ProtectSystem: ['strict'],
        PrivateTmp: ['yes'],
        ReadWritePaths: [data],
        StandardOutput: ['journal'],
        StandardError: ['journal'],
      });
      expect(hub.Install).toEqual({ WantedBy: ['multi-user.target'] });
      expect(JSON.stringify(hub)).not.toMatch(/@[A-Z]+@/);

      const station = runScript(stationBundle, 'install.sh', ['--prefix', stationPrefix, '--no-systemd', '--station', 'kiosk', '--hub', 'http://127.0.0.1:9']);
      expect(station.status, station.stderr).toBe(0);
      const agent = unitFields(join(stationPrefix, 'systemd', 'qms-station@.service'));
      expect(agent.Service).toMatchObject({
        ExecStart: [`${stationPrefix}/current/bin/qms-station %i --config ${stationPrefix}/etc/%i --port \${QMS_STATION_PORT}`],
        Restart: ['always'],
        ReadWritePaths: [`${stationPrefix}/etc/%i`],
        NoNewPrivileges: ['yes'],
        ProtectSystem: ['strict'],
        StandardOutput: ['journal'],
      });
      expect(agent.Install).toEqual({ WantedBy: ['multi-user.target'] });
      const screen = unitFields(join(stationPrefix, 'systemd', 'qms-screen@.service'));
      expect(screen.Service!.ExecStart![0]).toMatch(/^\/usr\/bin\/chromium --kiosk --noerrdialogs .*--autoplay-policy=no-user-gesture-required .*http:\/\/127\.0\.0\.1:\$\{QMS_STATION_PORT\}\/$/);
      expect(screen.Service!.Restart).toEqual(['always']);
      expect(screen.Install).toEqual({ WantedBy: ['graphical-session.target'] });
      expect(readFileSync(join(stationPrefix, 'etc', 'kiosk.env'), 'utf8')).toContain('QMS_STATION_PORT=8090\nQMS_HUB_URL=http://127.0.0.1:9\n');

      const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
      if (analyze.error) {
        process.stdout.write('install tests: systemd-analyze is not installed here; the units were checked field by field only\n');
        return;
      }
      // Instances of the templates, as systemctl enable makes them; the user unit with --user (no session bus needed to verify).
      const units = join(dir.path, 'units');
      cpSync(join(hubPrefix, 'systemd'), units, { recursive: true });
      cpSync(join(stationPrefix, 'systemd', 'qms-station@.service'), join(units, 'qms-station@kiosk.service'));
      cpSync(join(stationPrefix, 'systemd', 'qms-screen@.service'), join(units, 'qms-screen@kiosk.service'));
      for (const [unit, extra] of [
        ['qms-hub.service', []],
        ['qms-station@kiosk.service', []],
        ['qms-screen@kiosk.service', ['--user']],
      ] as const) {
        const verified = spawnSync('systemd-analyze', ['verify', ...extra, '--man=no', join(units, unit)], { encoding: 'utf8', env: { ...env, SYSTEMD_LOG_LEVEL: 'warning' } });
        // Lines about files other than ours (the host's own units) are not this test's business.
        const ours = `${verified.stderr}${verified.stdout}`.split('\n').filter((line) => line.includes('qms-') && !/Command .*chromium.* is not executable|not-found/.test(line));
        expect(ours, `systemd-analyze verify ${unit}:\n${verified.stderr}`).toEqual([]);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the hub runs from its bundle on Node 24; the kiosk from its bundle pairs, issues a ticket and prints it',
    async () => {
      kioskHubPort = await freePort();
      const hub = await startHub(kioskHubPort);
      const hubPid = Number(readFileSync(join(data, 'hub.pid'), 'utf8'));
      expect(runtimeOf(hubPid)).toEqual({ exe: join(hubPrefix, 'versions', FIRST, 'node', 'bin', 'node'), version: expect.stringMatching(/^v24\./) });
      expect(existsSync(join(data, 'initial-admin-password'))).toBe(true);

      printer = new VirtualPrinter();
      const printerPort = await printer.listen(0);
      const kiosk = startCommand(
        join(stationPrefix, 'bin', 'qms-station'),
        ['kiosk', '--config', join(stationPrefix, 'etc', 'kiosk'), '--port', '0', '--hub', hub.url, '--printer', `tcp://127.0.0.1:${printerPort}`],
        { env, timeoutMs: 600_000 },
      );
      running.push(kiosk);
      const screen = await waitForLine(kiosk.stdout, /kiosk screen: (http:\/\/\S+)/, kiosk.stderr);
      expect(runtimeOf(kiosk.child.pid!)).toEqual({ exe: join(stationPrefix, 'versions', FIRST, 'node', 'bin', 'node'), version: expect.stringMatching(/^v24\./) });
      // With the Node flags of the command's own #! line (the launchers read them from there).
      const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(commandLine(kiosk.child.pid!).slice(1, 3)).toEqual(['--max-semi-space-size=1', '--v8-pool-size=1']);
      expect(commandLine(hubPid).slice(1, 2)).toEqual(['--max-semi-space-size=4']);
      const code = await waitForLine(kiosk.stdout, /pairing code: (\d{6})/, kiosk.stderr);
      const approved = await runCommand(qms, ['devices', 'approve', code], { env });
      expect(approved.status, approved.stderr).toBe(0);
      await waitForLine(kiosk.stdout, /connected to the hub as device (\d+)/, kiosk.stderr);

      // The screen's bridge, as Chromium's page uses it: the fields in the view, then one press.
      const bridge = new WebSocket(`${screen.replace(/^http/, 'ws')}bridge`);
      const views: { fields?: { id: number; prefix: string; open: boolean }[] }[] = [];
      const replies: { id: number; ok: boolean; result?: { ticket: { label: string } } }[] = [];
      bridge.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { type: string; view?: (typeof views)[number]; id?: number; ok?: boolean };
        if (message.type === 'view') views.push(message.view!);
        if (message.type === 'reply') replies.push(message as unknown as (typeof replies)[number]);
      });
      await new Promise((resolve, reject) => bridge.once('open', resolve).once('error', reject));
      try {
        await expect.poll(() => views.at(-1)?.fields?.length ?? 0).toBeGreaterThan(0);
        const field = views.at(-1)!.fields!.find((candidate) => candidate.open)!;
        bridge.send(JSON.stringify({ id: 1, method: 'issue', params: { serviceId: field.id, priority: 'normal', key: 'install-test-press-1' } }));
        await expect.poll(() => replies.length).toBe(1);
        expect(replies[0]).toMatchObject({ id: 1, ok: true, result: { ticket: { label: `${field.prefix}001` } } });
        await expect.poll(() => printer!.receipts.length).toBe(1);
        expect(printer.receipts[0]!.qr[0]).toMatch(new RegExp(`/t/\\d+-${field.prefix}001$`));
      } finally {
        bridge.close();
      }
      running.splice(running.indexOf(kiosk), 1);
      await kiosk.stop();
      await stopHub(hub);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "a station's upgrade keeps its settings and its pairing: the kiosk of the new version connects without a new code",
    async () => {
      const credentials = readFileSync(join(stationPrefix, 'etc', 'kiosk', 'credentials.json'), 'utf8');
      const settings = readFileSync(join(stationPrefix, 'etc', 'kiosk.env'), 'utf8');
      // The next release of the station bundle: the same files under a new version.
      const next = join(dir.path, 'station-next');
      cpSync(stationBundle, next, { recursive: true });
      writeFileSync(join(next, 'VERSION'), `${SECOND}\n`);

      const upgrade = runScript(next, 'install.sh', ['--prefix', stationPrefix, '--no-systemd', '--station', 'kiosk']);
      expect(upgrade.status, `${upgrade.stdout}\n${upgrade.stderr}`).toBe(0);
      expect(upgrade.stdout).toContain(`kept ${join(stationPrefix, 'etc', 'kiosk.env')} as it is`);
      expect(readlinkSync(join(stationPrefix, 'current'))).toBe(`versions/${SECOND}`);
      expect(readlinkSync(join(stationPrefix, 'previous'))).toBe(`versions/${FIRST}`);
      expect(readFileSync(join(stationPrefix, 'etc', 'kiosk.env'), 'utf8')).toBe(settings);
      expect(readFileSync(join(stationPrefix, 'etc', 'kiosk', 'credentials.json'), 'utf8')).toBe(credentials);

      const hub = await startHub(kioskHubPort);
      const kiosk = startCommand(join(stationPrefix, 'bin', 'qms-station'), ['kiosk', '--config', join(stationPrefix, 'etc', 'kiosk'), '--port', '0', '--hub', hub.url], {
        env,
        timeoutMs: 600_000,
      });
      running.push(kiosk);
      try {
        await waitForLine(kiosk.stdout, /connected to the hub as device (\d+)/, kiosk.stderr);
        expect(runtimeOf(kiosk.child.pid!).exe).toBe(join(stationPrefix, 'versions', SECOND, 'node', 'bin', 'node'));
        expect(kiosk.stdout()).not.toMatch(/pairing code/);
      } finally {
        running.splice(running.indexOf(kiosk), 1);
        await kiosk.stop();
        await stopHub(hub);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an upgrade backs the database up, migrates it with the new version and keeps the old one; qms rollback puts both back',
    async () => {
      const database = join(data, 'qms.db');
      const before = ticketCount(database);
      expect(before.tickets).toBe(1);
      // The new version brings a migration (a real bundle of the next release would).
      const migrations = join(upgradeBundle, 'lib', 'node_modules', '@qms', 'db', 'migrations');
      const next = String(readdirSync(migrations).filter((file) => /^\d{3}-/.test(file)).length + 1).padStart(3, '0');
      writeFileSync(join(migrations, `${next}-install-test.sql`), 'CREATE TABLE install_test_upgrade (id INTEGER PRIMARY KEY);\n');

      const upgrade = runScript(upgradeBundle, 'install.sh', ['--prefix', hubPrefix, '--no-systemd']);
      expect(upgrade.status, `${upgrade.stdout}\n${upgrade.stderr}`).toBe(0);
      expect(upgrade.stdout).toContain(`upgrading the hub from ${FIRST} to ${SECOND}`);
      expect(upgrade.stdout).toMatch(new RegExp(`migrated ${database} from schema version ${before.version} to ${before.version + 1}`));
      expect(readlinkSync(join(hubPrefix, 'current'))).toBe(`versions/${SECOND}`);
      expect(readlinkSync(join(hubPrefix, 'previous'))).toBe(`versions/${FIRST}`);
      expect(existsSync(join(hubPrefix, 'versions', FIRST, 'bin', 'qms'))).toBe(true);
      const backups = readdirSync(join(data, 'backups')).filter((name) => name.startsWith(`before-upgrade-${FIRST}-to-${SECOND}-`));
      expect(backups).toHaveLength(1);
      expect(ticketCount(join(data, 'backups', backups[0]!))).toEqual(before);
      expect(ticketCount(database)).toEqual({ tickets: 1, version: before.version + 1 });
      expect(JSON.parse(readFileSync(join(data, 'upgrade.json'), 'utf8'))).toMatchObject({ previous: FIRST, version: SECOND, prefix: hubPrefix, backup: join(data, 'backups', backups[0]!) });

      // The new version runs on the migrated database; what is written after the upgrade ...
      const hub = await startHub();
      expect(spawnSync(qms, ['--version'], { encoding: 'utf8', env }).stdout).toBe(`${SECOND}\n`);
      await stopHub(hub);
      const db = new Database(database);
      db.exec('CREATE TABLE written_after_upgrade (id INTEGER)');
      db.close();

      // ... goes with the rollback, which is refused while the hub runs.
      const running2 = await startHub();
      const refused = await runCommand(qms, ['rollback'], { env });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/^qms: the hub \(pid \d+\) is running on .*; stop it first/);
      await stopHub(running2);

      const rollback = await runCommand(qms, ['rollback'], { env });
      expect(rollback.status, rollback.stderr).toBe(0);
      expect(rollback.stdout).toContain(`rolled back from ${SECOND} to ${FIRST}`);
      expect(readlinkSync(join(hubPrefix, 'current'))).toBe(`versions/${FIRST}`);
      expect(existsSync(join(hubPrefix, 'previous'))).toBe(false);
      expect(ticketCount(database)).toEqual(before);
      const tables = new Database(database, { readonly: true });
      expect(tables.prepare("SELECT name FROM sqlite_master WHERE name IN ('install_test_upgrade', 'written_after_upgrade')").all()).toEqual([]);
      tables.close();
      expect(readdirSync(data).filter((name) => name.startsWith('qms.db.before-restore-'))).toHaveLength(1);
      expect(spawnSync(qms, ['--version'], { encoding: 'utf8', env }).stdout).toBe(`${FIRST}\n`);
      const again = await runCommand(qms, ['rollback'], { env });
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/^qms: nothing to roll back: no .*upgrade\.json/);
      const restarted = await startHub();
      await stopHub(restarted);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an upgrade whose migration fails leaves the database untouched and the old version current',
    () => {
      const database = join(data, 'qms.db');
      const before = ticketCount(database);
      const bytes = readFileSync(database);
      // A third version: a good migration, then one that fails (in place, the first would stay applied).
      const broken = join(dir.path, 'broken');
      cpSync(unpack(tarballOf(out, 'hub', SECOND), join(dir.path, 'unpacked-broken')), broken, { recursive: true });
      writeFileSync(join(broken, 'VERSION'), '0.1.0-install.3\n');
      const migrations = join(broken, 'lib', 'node_modules', '@qms', 'db', 'migrations');
      const count = readdirSync(migrations).filter((file) => /^\d{3}-/.test(file)).length;
      writeFileSync(join(migrations, `${String(count + 1).padStart(3, '0')}-good.sql`), 'CREATE TABLE install_test_good (id INTEGER);\n');
      writeFileSync(join(migrations, `${String(count + 2).padStart(3, '0')}-broken.sql`), 'INSERT INTO no_such_table VALUES (1);\n');

      const upgrade = runScript(broken, 'install.sh', ['--prefix', hubPrefix, '--no-systemd']);
      expect(upgrade.status).toBe(1);
      expect(upgrade.stderr).toMatch(/qms: migration from schema version \d+ failed: no such table: no_such_table; .* is untouched/);
      expect(upgrade.stderr).toContain(`install.sh: the new version could not migrate the database (see above): the database is untouched and ${FIRST} stays current`);
      expect(readlinkSync(join(hubPrefix, 'current'))).toBe(`versions/${FIRST}`);
      expect(existsSync(join(hubPrefix, 'versions', '0.1.0-install.3'))).toBe(false);
      expect(existsSync(join(data, 'upgrade.json'))).toBe(false);
      expect(readFileSync(database).equals(bytes)).toBe(true);
      expect(ticketCount(database)).toEqual(before);
      expect(readdirSync(data).filter((name) => name.startsWith('qms.db.migrating'))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  // As root with systemd, in a private mount namespace whose /etc is a copy (the qms user and the units
  // land there, not in this machine's), with tests/install/fake-systemctl.sh for systemctl: this
  // container has no systemd (see that file for what it does and does not do).
  const asRoot = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
  it.skipIf(!asRoot)(
    'as root: creates the qms user, installs and enables the unit, runs the hub as qms; an upgrade and uninstall.sh go through systemctl',
    async () => {
      const prefix = join(dir.path, 'root');
      const etc = join(dir.path, 'etc-copy');
      const systemd = join(dir.path, 'fake-systemd');
      const bin = join(systemd, 'bin');
      mkdirSync(bin, { recursive: true });
      cpSync('/etc', etc, { recursive: true, verbatimSymlinks: true });
      cpSync(join(import.meta.dirname, 'fake-systemctl.sh'), join(bin, 'systemctl'));
      const port = await freePort();
      // The temporary folder is the root's alone (mkdtemp: 0700); /opt, where the installation goes, is open to all.
      chmodSync(dir.path, 0o755);
      const hubLog = () => (existsSync(join(systemd, 'hub.log')) ? readFileSync(join(systemd, 'hub.log'), 'utf8') : '(no hub.log)');
      /** A bundle's script as root, /etc being the copy. */
      const asRootInNamespace = (bundle: string, script: string, args: string[]) =>
        spawnSync('unshare', ['-m', 'sh', '-c', `mount --bind "$0" /etc && exec "$@"`, etc, join(bundle, script), ...args], {
          encoding: 'utf8',
          env: { ...env, PATH: `${bin}:${env.PATH}`, FAKE_SYSTEMD: systemd },
          timeout: 120_000,
        });
      const calls = () => readFileSync(join(systemd, 'calls'), 'utf8').trim().split('\n');
      const hubPid = () => Number(readFileSync(join(systemd, 'qms-hub.pid'), 'utf8'));
      const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      const health = async () => {
        const deadline = Date.now() + 30_000;
        for (;;) {
          try {
            const reply = await fetch(`http://127.0.0.1:${port}/api/health`);
            if (reply.ok) return reply.status;
          } catch {
            // not listening yet
          }
          if (Date.now() > deadline) throw new Error(`the hub did not answer on port ${port}:\n${readFileSync(join(systemd, 'hub.log'), 'utf8')}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      try {
        const installed = asRootInNamespace(hubBundle, 'install.sh', ['--prefix', prefix, '--port', String(port)]);
        expect(installed.status, `${installed.stdout}\n${installed.stderr}`).toBe(0);
        expect(installed.stdout).toContain('created the system user qms');
        expect(installed.stdout).toContain('qms-hub is enabled and (re)started');
        expect(installed.stdout, hubLog()).toMatch(/Sign in as admin, password \S{16}/);
        const user = readFileSync(join(etc, 'passwd'), 'utf8')
          .split('\n')
          .find((line) => line.startsWith('qms:'));
        expect(user).toMatch(new RegExp(`^qms:x:\\d+:\\d+:QMS services:${prefix}/data:/usr/sbin/nologin$`));
        const uid = Number(user!.split(':')[2]);
        expect(readFileSync(join(etc, 'systemd', 'system', 'qms-hub.service'), 'utf8')).toBe(readFileSync(join(prefix, 'systemd', 'qms-hub.service'), 'utf8'));
        expect(calls()).toEqual(expect.arrayContaining(['daemon-reload', 'enable qms-hub.service', 'restart qms-hub.service']));
        expect(await health()).toBe(200);
        expect(uidOf(hubPid())).toBe(uid);
        for (const file of ['data', 'data/qms.db', 'data/initial-admin-password']) expect(statSync(join(prefix, file)).uid, file).toBe(uid);

        // An upgrade as root: the running hub stopped, the backup and migration made as qms, the new version started.
        const next = join(dir.path, 'hub-next');
        cpSync(hubBundle, next, { recursive: true });
        writeFileSync(join(next, 'VERSION'), '0.1.0-install.root\n');
        const upgraded = asRootInNamespace(next, 'install.sh', ['--prefix', prefix]);
        expect(upgraded.status, `${upgraded.stdout}\n${upgraded.stderr}`).toBe(0);
        expect(upgraded.stdout).toContain(`upgrading the hub from ${FIRST} to 0.1.0-install.root`);
        expect(calls()).toEqual(expect.arrayContaining(['is-active --quiet qms-hub', 'stop qms-hub']));
        const backups = readdirSync(join(prefix, 'data', 'backups')).filter((name) => name.startsWith('before-upgrade-'));
        expect(backups).toHaveLength(1);
        expect(statSync(join(prefix, 'data', 'backups', backups[0]!)).uid).toBe(uid);
        expect(readlinkSync(join(prefix, 'current'))).toBe('versions/0.1.0-install.root');
        // The first version's Node 24 left its compiled modules in the data folder as it stopped (the unit's NODE_COMPILE_CACHE).
        expect(statSync(join(prefix, 'data', '.compile-cache')).uid).toBe(uid);
        expect(await health()).toBe(200);
        expect(uidOf(hubPid())).toBe(uid);
        expect(realpathSync(`/proc/${hubPid()}/exe`)).toBe(join(prefix, 'versions', '0.1.0-install.root', 'node', 'bin', 'node'));

        const removed = asRootInNamespace(next, 'uninstall.sh', ['--prefix', prefix]);
        expect(removed.status, removed.stderr).toBe(0);
        expect(calls()).toContain('disable --now qms-hub.service');
        expect(existsSync(join(etc, 'systemd', 'system', 'qms-hub.service'))).toBe(false);
        expect(existsSync(join(systemd, 'qms-hub.pid'))).toBe(false);
        expect(readdirSync(prefix).sort()).toEqual(['data', 'etc']);
      } finally {
        if (existsSync(join(systemd, 'qms-hub.pid'))) spawnSync('kill', ['-KILL', String(hubPid())]);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'uninstall.sh removes the installation and keeps the data and the configuration',
    () => {
      appendFileSync(join(hubPrefix, 'etc', 'hub.env'), '# edited by the technician\n');
      const removed = runScript(hubBundle, 'uninstall.sh', ['--prefix', hubPrefix, '--no-systemd']);
      expect(removed.status, removed.stderr).toBe(0);
      expect(readdirSync(hubPrefix).sort()).toEqual(['data', 'etc']);
      expect(readFileSync(join(hubPrefix, 'etc', 'hub.env'), 'utf8')).toContain('# edited by the technician');
      expect(ticketCount(join(data, 'qms.db')).tickets).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );
});
