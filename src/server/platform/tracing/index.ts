import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type pg from 'pg';

/*
 * OpenTelemetry traces: a span per HTTP request (named by the route's template) and one per
 * database query inside it (named by the statement's kind), exported over OTLP when an endpoint
 * is set. Without one there is no provider: spans cost nothing, and a caller's `traceparent` is
 * still carried through to the answer. No URL, no SQL text, no parameter and no id of a person or
 * a case becomes a span's name or attribute: names and attributes are templates and kinds.
 */

/** The propagation of W3C Trace Context headers (`traceparent`, `tracestate`). */
const propagator = new W3CTraceContextPropagator();

/** Spans follow the async work of a request: installed once per process, whatever the instances. */
let contextManagerInstalled = false;
function installContextManager(): void {
  if (contextManagerInstalled) return;
  contextManagerInstalled = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagator);
}

export interface TracingSettings {
  /** OTLP over HTTP: the collector's base address (`/v1/traces` is added), or none. */
  otlpEndpoint: string | undefined;
  serviceName: string;
}

export class Tracing {
  readonly tracer: Tracer;
  private readonly provider: TracerProvider | undefined;

  /** `processors`: where spans go besides the OTLP exporter (a story's in-memory exporter). */
  constructor(settings: TracingSettings, processors: SpanProcessor[] = []) {
    installContextManager();
    const spanProcessors = [...processors];
    if (settings.otlpEndpoint)
      spanProcessors.push(
        new BatchSpanProcessor({
          exporter: new OTLPTraceExporter({ url: `${settings.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
        }),
      );
    if (spanProcessors.length > 0) {
      this.provider = new TracerProvider({
        resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
        spanProcessors,
      });
      this.tracer = this.provider.getTracer('consilium');
    } else {
      this.provider = undefined;
      // No provider: the API's tracer, whose spans only carry the caller's context along.
      this.tracer = trace.getTracer('consilium');
    }
  }

  /** Whether spans are recorded at all (an exporter or a processor is there). */
  get recording(): boolean {
    return this.provider !== undefined;
  }

  /** The context a request's headers carry (`traceparent`), or the root. */
  extract(headers: Record<string, string | string[] | undefined>): Context {
    return propagator.extract(ROOT_CONTEXT, headers, {
      get: (carrier, key) => carrier[key],
      keys: (carrier) => Object.keys(carrier),
    });
  }

  /** The `traceparent` (and `tracestate`) of a span, to send on an answer or an outgoing call. */
  inject(span: Span): Record<string, string> {
    const headers: Record<string, string> = {};
    if (!trace.isSpanContextValid(span.spanContext())) return headers;
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, {
      set: (carrier, key, value) => {
        carrier[key] = value;
      },
    });
    return headers;
  }

  /**
   * Gives every query of the pool's connections a span, as a child of the span active when it is
   * sent (a request's); queries outside any recorded span (the job runner's polling) get none.
   */
  instrumentPool(pool: pg.Pool): void {
    if (!this.recording) return;
    pool.on('connect', (client) => this.instrumentClient(client));
  }

  private instrumentClient(client: pg.PoolClient): void {
    const tracer = this.tracer;
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    const query = (...args: unknown[]): unknown => {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | null)?.text;
      if (typeof text !== 'string' || !trace.getSpan(context.active())?.isRecording())
        return original(...args);
      const operation = statementKind(text);
      const span = tracer.startSpan(`pg ${operation}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation },
      });
      const end = (error: unknown) => {
        if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: 'query failed' });
        span.end();
      };
      const callbackAt = args.findIndex((arg) => typeof arg === 'function');
      if (callbackAt >= 0) {
        const callback = args[callbackAt] as (error: unknown, result: unknown) => void;
        args[callbackAt] = (error: unknown, result: unknown) => {
          end(error);
          callback(error, result);
        };
        return original(...args);
      }
      return (original(...args) as Promise<unknown>).then(
        (result) => {
          end(null);
          return result;
        },
        (error: unknown) => {
          end(error);
          throw error;
        },
      );
    };
    client.query = query as typeof client.query;
  }

  /** Sends the spans still buffered and stops. */
  async shutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}

const KINDS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'WITH',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'LOCK',
  'NOTIFY',
  'LISTEN',
  'UNLISTEN',
  'SET',
  'SHOW',
  'CREATE',
  'ALTER',
  'DROP',
  'TRUNCATE',
]);

/** The statement's first word when it is a known kind (never the text itself), else `OTHER`. */
export function statementKind(text: string): string {
  const word = /^\s*(?:--[^\n]*\n\s*)*\(?\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? '';
  return KINDS.has(word) ? word : 'OTHER';
}
