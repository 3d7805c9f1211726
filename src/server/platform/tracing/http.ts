import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { AppInstance } from '../http/types.js';
import { methodLabel } from '../metrics/index.js';
import type { Tracing } from './index.js';

/**
 * A span for every request, named by its method and the matched route's template, child of the
 * caller's `traceparent` when it sends one; the answer carries the span's own `traceparent`. The
 * rest of the request (its hooks, the handler, its queries) runs inside the span.
 */
export function traceRequests(app: AppInstance, tracing: Tracing): void {
  app.addHook('onRequest', (request, reply, done) => {
    const parent = tracing.extract(request.headers);
    const method = methodLabel(request.method);
    const route = request.routeOptions.url ?? 'unmatched';
    const span = tracing.tracer.startSpan(
      `${method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } },
      parent,
    );
    for (const [name, value] of Object.entries(tracing.inject(span))) reply.header(name, value);
    reply.raw.once('close', () => {
      const status = reply.raw.statusCode;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), done);
  });
}
