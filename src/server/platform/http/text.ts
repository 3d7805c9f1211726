import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ProblemFieldError } from '../../../shared/errors.js';
import { AppError } from '../errors.js';
import { sendProblem } from './problem.js';

/** Deeper than any request of ours: a body nested further is refused before anyone walks it. */
export const MAX_NESTING = 64;

// A NUL (PostgreSQL keeps no 0x00 in text) or half of a surrogate pair (no UTF-8 encodes it: it
// would be stored as U+FFFD, not as it was sent).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NUL = String.fromCharCode(0);

export const isStorableText = (text: string): boolean => !text.includes(NUL) && !LONE_SURROGATE.test(text);

// The characters that reorder the text after them until they are closed: embeddings and overrides
// (U+202A-U+202E) and isolates (U+2066-U+2069). In a name or a title they make it read backwards
// to whoever sees it; the marks (LRM, RLM, ALM) reorder nothing around them and are kept.
const DIRECTION_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export const hasDirectionControl = (text: string): boolean => DIRECTION_CONTROL.test(text);

/** Text a schema allows longer than this is prose (a concern, a question, a message); shorter is a line. */
export const SHORT_TEXT_MAX = 200;

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Each route's body schema as JSON Schema, made once. */
const bodySchemas = new WeakMap<object, JsonSchema | null>();

function bodySchemaOf(request: FastifyRequest): JsonSchema | null {
  const schema: unknown = request.routeOptions.schema?.body;
  if (!(schema instanceof z.ZodType)) return null;
  let found = bodySchemas.get(schema);
  if (found === undefined) {
    try {
      found = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    } catch {
      found = null;
    }
    bodySchemas.set(schema, found);
  }
  return found;
}

/** Whether the schema lets the value at `path` be prose (a string allowed past SHORT_TEXT_MAX). */
function isProse(schema: JsonSchema | null | undefined, path: readonly string[]): boolean {
  if (!schema) return false;
  const options = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  if (options.some((option) => isProse(option, path))) return true;
  if (path.length === 0) return typeof schema.maxLength === 'number' && schema.maxLength > SHORT_TEXT_MAX;
  const [step, ...rest] = path as [string, ...string[]];
  if (schema.properties && step in schema.properties) return isProse(schema.properties[step], rest);
  if (schema.items && /^\d+$/.test(step)) return isProse(schema.items, rest);
  return false;
}

interface Finding {
  tooDeep: boolean;
  paths: string[];
  /** Fields of one line (a name, a title) that carry a direction control. */
  directionPaths: string[];
}

function isPlainData(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/**
 * Walks a parsed body (iteratively: a deep one must not exhaust the stack) for unstorable text,
 * and for direction controls outside prose (`schema`: the route's body schema; a password is the
 * account holder's own and is never shown).
 */
function inspect(root: unknown, where: string, schema: JsonSchema | null): Finding {
  const paths: string[] = [];
  const directionPaths: string[] = [];
  const stack: { value: unknown; path: string; steps: string[]; depth: number }[] = [
    { value: root, path: where, steps: [], depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, steps, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) paths.push(path);
      else if (hasDirectionControl(value) && !/password/i.test(steps.at(-1) ?? '') && !isProse(schema, steps))
        directionPaths.push(path);
      continue;
    }
    // Parsed JSON, a query or path parameters; a stream handed to a route (an import, an upload) is
    // the route's to read.
    if (!isPlainData(value)) continue;
    if (depth >= MAX_NESTING) return { tooDeep: true, paths, directionPaths };
    for (const [key, child] of Object.entries(value)) {
      // A field name that cannot be stored is reported at the object that holds it.
      if (!isStorableText(key)) paths.push(path);
      else if (hasDirectionControl(key)) directionPaths.push(path);
      const name = isStorableText(key) ? key : '?';
      stack.push({ value: child, path: `${path}.${name}`, steps: [...steps, name], depth: depth + 1 });
    }
  }
  return { tooDeep: false, paths, directionPaths };
}

/**
 * One check at the HTTP boundary, before any route reads its input: text that PostgreSQL cannot
 * keep exactly as sent, in the body, the query or the path, answers 400
 * `request.invalid_characters` naming the fields, and nothing runs; a body nested deeper than any
 * request of ours answers 400 `request.nesting_too_deep`. A character that reorders the text after
 * it, in a field of one line (a name, a title, anything the route's schema keeps to
 * SHORT_TEXT_MAX characters or fewer), answers 400 `request.direction_controls` naming the
 * fields; prose keeps it exactly as written.
 */
export async function refuseUnstorableText(request: FastifyRequest, reply: FastifyReply) {
  const findings = [
    inspect(request.body, 'body', bodySchemaOf(request)),
    inspect(request.query, 'query', null),
    inspect(request.params, 'params', null),
  ];
  if (findings.some((finding) => finding.tooDeep)) {
    return sendProblem(request, reply, new AppError('request.nesting_too_deep'));
  }
  const paths = findings.flatMap((finding) => finding.paths).sort();
  if (paths.length > 0) {
    const errors: ProblemFieldError[] = paths.map((path) => ({
      path,
      code: 'invalid_characters',
      message: 'contains a NUL character or a broken (lone surrogate) character',
    }));
    return sendProblem(request, reply, new AppError('request.invalid_characters', { errors }));
  }
  const directionPaths = findings.flatMap((finding) => finding.directionPaths).sort();
  if (directionPaths.length === 0) return;
  const errors: ProblemFieldError[] = directionPaths.map((path) => ({
    path,
    code: 'direction_control',
    message: 'contains a character that reverses or reorders the text (U+202A-U+202E, U+2066-U+2069)',
  }));
  return sendProblem(request, reply, new AppError('request.direction_controls', { errors }));
}
