import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import type { PrinterInterface } from './interface-spec.js';

/** A link to one printer for the length of one job or status query. */
export interface PrinterConnection {
  write(bytes: Buffer): Promise<void>;
  /** Sends a request and waits for `length` answer bytes. */
  request(bytes: Buffer, length: number, timeoutMs: number): Promise<Buffer>;
  close(): Promise<void>;
}

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(
    readonly reason: 'unreachable' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** Collects answer bytes from a stream and hands them to whoever waits for them. */
class Inbox {
  private bytes = Buffer.alloc(0);
  private waiter: { length: number; resolve: (bytes: Buffer) => void } | undefined;

  push(chunk: Buffer): void {
    this.bytes = Buffer.concat([this.bytes, chunk]);
    this.deliver();
  }

  take(length: number, timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new ConnectionError('timeout', `the printer did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        length,
        resolve: (bytes) => {
          clearTimeout(timer);
          resolve(bytes);
        },
      };
      this.deliver();
    });
  }

  clear(): void {
    this.bytes = Buffer.alloc(0);
  }

  private deliver(): void {
    if (!this.waiter || this.bytes.length < this.waiter.length) return;
    const { length, resolve } = this.waiter;
    this.waiter = undefined;
    const answer = this.bytes.subarray(0, length);
    this.bytes = this.bytes.subarray(length);
    resolve(answer);
  }
}

function tcpConnection(host: string, port: number, timeoutMs: number): Promise<PrinterConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    const inbox = new Inbox();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectionError('unreachable', `no answer from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new ConnectionError('unreachable', `cannot reach ${host}:${port}: ${error.message}`));
    });
    socket.on('data', (chunk) => inbox.push(chunk));
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => undefined); // a later failure shows as a timeout on the next request
      resolve({
        write: (bytes) => new Promise((done, fail) => socket.write(bytes, (error) => (error ? fail(new ConnectionError('unreachable', error.message)) : done()))),
        request: async (bytes, length, requestTimeout) => {
          inbox.clear();
          await new Promise<void>((done) => socket.write(bytes, () => done()));
          return inbox.take(length, requestTimeout);
        },
        close: () =>
          new Promise((done) => {
            socket.end(() => done());
            setTimeout(() => {
              socket.destroy();
              done();
            }, 500).unref();
          }),
      });
    });
  });
}

/**
 * A device file (/dev/usb/lp0, or a pseudo-terminal in the tests), opened read-write and
 * non-blocking: writes go straight to the device, nothing is queued in the driver to print later,
 * and a status answer is awaited with a timeout instead of a read that could hang.
 */
function fileConnection(path: string): PrinterConnection {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new ConnectionError('unreachable', `cannot open ${path}: ${(error as Error).message}`);
  }
  const write = async (bytes: Buffer) => {
    let offset = 0;
    const deadline = Date.now() + 10_000;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > deadline) throw new ConnectionError('unreachable', `cannot write to ${path}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  };
  const drain = () => {
    const scratch = Buffer.alloc(256);
    for (;;) {
      try {
        if (readSync(fd, scratch) <= 0) return;
      } catch {
        return; // EAGAIN: nothing left to read
      }
    }
  };
  return {
    write,
    request: async (bytes, length, timeoutMs) => {
      drain();
      await write(bytes);
      const answer = Buffer.alloc(length);
      let got = 0;
      const deadline = Date.now() + timeoutMs;
      while (got < length) {
        try {
          got += readSync(fd, answer, got, length - got, null);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw new ConnectionError('unreachable', `cannot read from ${path}: ${(error as Error).message}`);
          if (Date.now() > deadline) throw new ConnectionError('timeout', `${path} did not answer within ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
      return answer;
    },
    close: async () => closeSync(fd),
  };
}

function serialConnection(path: string, baudRate: number): Promise<PrinterConnection> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const inbox = new Inbox();
    port.on('data', (chunk: Buffer) => inbox.push(chunk));
    port.open((error) => {
      if (error) return reject(new ConnectionError('unreachable', `cannot open ${path}: ${error.message}`));
      port.on('error', () => undefined);
      const write = (bytes: Buffer) =>
        new Promise<void>((done, fail) => {
          port.write(bytes, (writeError) => {
            if (writeError) return fail(new ConnectionError('unreachable', writeError.message));
            port.drain(() => done());
          });
        });
      resolve({
        write,
        request: async (bytes, length, timeoutMs) => {
          inbox.clear();
          await write(bytes);
          return inbox.take(length, timeoutMs);
        },
        close: () => new Promise((done) => (port.isOpen ? port.close(() => done()) : done())),
      });
    });
  });
}

export async function openConnection(target: PrinterInterface, timeoutMs: number): Promise<PrinterConnection> {
  if (target.kind === 'tcp') return tcpConnection(target.host, target.port, timeoutMs);
  if (target.kind === 'serial') return serialConnection(target.path, target.baudRate);
  return fileConnection(target.path);
}
