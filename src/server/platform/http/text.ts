import type { FastifyReply, FastifyRequest } from 'fastify';
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

interface Finding {
  tooDeep: boolean;
  paths: string[];
}

function isPlainData(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/** Walks a parsed body (iteratively: a deep one must not exhaust the stack) for unstorable text. */
function inspect(root: unknown, where: string): Finding {
  const paths: string[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: where, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) paths.push(path);
      continue;
    }
    // Parsed JSON, a query or path parameters; a stream handed to a route (an import, an upload) is
    // the route's to read.
    if (!isPlainData(value)) continue;
    if (depth >= MAX_NESTING) return { tooDeep: true, paths };
    for (const [key, child] of Object.entries(value)) {
      // A field name that cannot be stored is reported at the object that holds it.
      if (!isStorableText(key)) paths.push(path);
      stack.push({ value: child, path: `${path}.${isStorableText(key) ? key : '?'}`, depth: depth + 1 });
    }
  }
  return { tooDeep: false, paths };
}

/**
 * One check at the HTTP boundary, before any route reads its input: text that PostgreSQL cannot
 * keep exactly as sent, in the body, the query or the path, answers 400
 * `request.invalid_characters` naming the fields, and nothing runs; a body nested deeper than any
 * request of ours answers 400 `request.nesting_too_deep`.
 */
export async function refuseUnstorableText(request: FastifyRequest, reply: FastifyReply) {
  const findings = [
    inspect(request.body, 'body'),
    inspect(request.query, 'query'),
    inspect(request.params, 'params'),
  ];
  if (findings.some((finding) => finding.tooDeep)) {
    return sendProblem(request, reply, new AppError('request.nesting_too_deep'));
  }
  const paths = findings.flatMap((finding) => finding.paths).sort();
  if (paths.length === 0) return;
  const errors: ProblemFieldError[] = paths.map((path) => ({
    path,
    code: 'invalid_characters',
    message: 'contains a NUL character or a broken (lone surrogate) character',
  }));
  return sendProblem(request, reply, new AppError('request.invalid_characters', { errors }));
}
