import SerializerSelector, { type Serializer, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

/**
 * Route schemas compiled when a route is first used, not all at start. Compiling every route's
 * request validators (ajv) and response serializers (fast-json-stringify) was most of the hub's
 * start (issue 15: about 1 s of CPU of 3.4 on a loaded 2-core machine); a route compiles in a few
 * milliseconds the first time it answers. A schema that does not compile therefore fails at its
 * first use: `compilePendingSchemas` compiles them all, and a test calls it on the whole app.
 */
const pending = new Set<() => void>();

/** Compiles every schema not compiled yet; throws the first compile error. */
export function compilePendingSchemas(): number {
  const thunks = [...pending];
  for (const compile of thunks) compile();
  return thunks.length;
}

/** A validator (ajv's: called with the data, its `errors` read after a false answer) compiled on first call. */
export function lazyValidator<V extends ((data: never) => unknown) & { errors?: unknown }>(compile: () => V): V {
  let validate: V | undefined;
  const ensure = (): V => {
    if (!validate) {
      validate = compile();
      pending.delete(ensure);
    }
    return validate;
  };
  pending.add(ensure);
  const wrapper = (data: unknown): unknown => (ensure() as unknown as (data: unknown) => unknown)(data);
  Object.defineProperty(wrapper, 'errors', { get: () => validate?.errors ?? null });
  return wrapper as unknown as V;
}

/** Fastify's own serializer factory (fast-json-stringify, with the shared schemas), each route's serializer compiled on first use. */
export function lazySerializers(): SerializerFactory {
  const build = SerializerSelector();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let serialize: Serializer | undefined;
      const ensure = () => {
        if (!serialize) {
          serialize = compile(route);
          pending.delete(ensure);
        }
        return serialize;
      };
      pending.add(ensure);
      return (payload: unknown) => ensure()(payload);
    };
  };
}
