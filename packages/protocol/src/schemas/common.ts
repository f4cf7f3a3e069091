import { type TSchema, Type } from '@sinclair/typebox';

/**
 * The wire schemas of the hub's REST API. They validate requests (unknown fields are refused),
 * shape responses, and generate the OpenAPI document. Static<typeof X> gives the TypeScript type.
 */

export const Nullable = <T extends TSchema>(schema: T, description?: string) => Type.Union([schema, Type.Null()], description ? { description } : {});
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** A string from a fixed list, as a JSON-schema enum (clear validation messages, plain OpenAPI). */
export const literalUnion = <T extends readonly string[]>(values: T, description?: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
