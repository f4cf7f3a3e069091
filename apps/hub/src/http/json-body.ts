import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { ApiError } from '../api-error.js';

/**
 * Bodies are JSON. An empty body is no body (many clients send the JSON content type on a bare POST);
 * malformed JSON and prototype-poisoning keys (__proto__, constructor.prototype) are refused.
 */
export function installJsonBody(app: FastifyInstance): void {
  // JSON only: any other content type (text/plain included) is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      done(new ApiError('request.malformed_json', `the body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
}
