import pino, { type Logger } from 'pino';

/**
 * JSON logs on stderr (stdout carries the hub's few human lines, such as "listening on").
 * Pretty when stderr is a terminal. Secrets are redacted wherever they might appear.
 */
export function createLogger(level: string, pretty = process.stderr.isTTY === true): Logger {
  const redact = {
    paths: ['req.headers.authorization', '*.password', '*.token', '*.secret', '*.idNumber', 'password', 'token', 'secret'],
    censor: '***',
  };
  if (pretty) {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino({ level, redact }, pino.destination(2));
}
