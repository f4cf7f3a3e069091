import type { Role } from '@qms/core';
import { commandActor, withAccess } from './open-data.js';
import { CliError } from './open-data.js';
import { readPassword } from './read-password.js';

const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;

async function newPassword(): Promise<string> {
  const password = await readPassword('new password');
  if (password.length < 8) throw new CliError('the password must be at least 8 characters');
  return password;
}

export async function usersAdd(username: string, options: { role: Role; name?: string; data?: string }): Promise<void> {
  if (!USERNAME.test(username)) throw new CliError(`user name "${username}" must be 2-64 letters, digits, ".", "_" or "-"`);
  await withAccess(options.data, async (access) => {
    if (access.listUsers().some((user) => user.username.toLowerCase() === username.toLowerCase())) {
      throw new CliError(`user "${username}" already exists; use qms users passwd to change the password`);
    }
    const user = await access.createUser({ username, role: options.role, password: await newPassword(), displayName: options.name }, commandActor());
    process.stdout.write(`added user ${user.username} (${user.role}), id ${user.id}\n`);
  });
}

export async function usersPasswd(username: string, options: { data?: string }): Promise<void> {
  await withAccess(options.data, async (access) => {
    if (!access.listUsers().some((user) => user.username.toLowerCase() === username.toLowerCase())) {
      throw new CliError(`no user "${username}" (see qms users list)`);
    }
    const user = await access.setPassword(username, await newPassword(), commandActor());
    process.stdout.write(`password of ${user.username} changed; the user is signed out everywhere\n`);
  });
}

export async function usersPin(username: string, options: { data?: string; clear?: boolean }): Promise<void> {
  await withAccess(options.data, async (access) => {
    if (!access.listUsers().some((user) => user.username.toLowerCase() === username.toLowerCase())) {
      throw new CliError(`no user "${username}" (see qms users list)`);
    }
    let pin: string | null = null;
    if (!options.clear) {
      pin = await readPassword('new PIN (4 to 8 digits)');
      if (!/^[0-9]{4,8}$/.test(pin)) throw new CliError('a PIN is 4 to 8 digits');
    }
    const user = await access.setPin(username, pin, commandActor());
    process.stdout.write(`${pin === null ? 'PIN removed for' : 'PIN set for'} ${user.username}; the user is signed out everywhere\n`);
  });
}

export async function usersList(options: { data?: string }): Promise<void> {
  await withAccess(options.data, (access) => {
    for (const user of access.listUsers()) {
      process.stdout.write(`${String(user.id).padStart(4)}  ${user.username.padEnd(16)} ${user.role.padEnd(11)} ${user.active ? '' : '(disabled) '}${user.displayName}\n`);
    }
  });
}
