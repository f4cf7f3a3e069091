import type { FastifyInstance } from 'fastify';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { lazyValidator } from './lazy-schemas.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: true });
  addFormats(ajv);
  ajv.addKeyword('example');
  return ajv;
}

/**
 * Request validation. JSON bodies are checked as sent: no type coercion, unknown fields refused
 * (Fastify's defaults would turn "5" into 5 and silently drop unknown fields). Path, query and
 * headers arrive as text, so there numbers are coerced.
 */
export function installValidation(app: FastifyInstance): void {
  // Made on the first validator compiled (a route's first request): each one compiles ajv's
  // meta-schema and the formats' patterns, tens of milliseconds of the hub's start.
  let strict: Ajv | undefined;
  let coercing: Ajv | undefined;
  const ajvFor = (httpPart: string | undefined) => (httpPart === 'body' ? (strict ??= makeAjv(false)) : (coercing ??= makeAjv('array')));
  app.setValidatorCompiler(({ schema, httpPart }) => lazyValidator(() => ajvFor(httpPart).compile(schema)));
}

/** "body.priority must be one of normal, elderly ..." from the first ajv error. */
export function describeValidationError(context: string, errors: readonly ErrorObject[]): string {
  const error = errors[0];
  if (!error) return `${context} is invalid`;
  const where = `${context}${error.instancePath.replaceAll('/', '.')}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown field "${String(params.additionalProperty)}"`;
    case 'required':
      return `${where} is missing the field "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
