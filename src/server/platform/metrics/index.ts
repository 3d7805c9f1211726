import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type pg from 'pg';

/*
 * Prometheus metrics of one app instance. Everything is read when Prometheus scrapes (a gauge's
 * `collect`), nothing polls in between; the HTTP histogram is the only thing written per request.
 * Labels are closed sets chosen here (a route's template, a method, a status class, a queue's
 * name, a standing): never a URL, an id, an address or a word a person wrote.
 */

/** What a route's requests are while they are open: a live stream, or an upload. */
export type InFlightKind = 'stream' | 'upload';

/** One value of a gauge read on scrape, with its labels. */
export interface Reading {
  labels?: Record<string, string>;
  value: number;
}

export interface GaugeSource {
  /** Without the `consilium_` prefix, e.g. `outbox_oldest_pending_age_seconds`. */
  name: string;
  help: string;
  labelNames?: string[];
  read: () => Promise<Reading[]>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A request's method as a label: the known ones, anything else `other` (a method is client input). */
export const methodLabel = (method: string): string => (METHODS.has(method) ? method : 'other');

export class Metrics {
  /** Its own registry (not prom-client's global one): two instances in one process stay apart. */
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly open = new Map<InFlightKind, number>([
    ['stream', 0],
    ['upload', 0],
  ]);

  constructor(pool: pg.Pool) {
    collectDefaultMetrics({ register: this.registry, prefix: 'consilium_' });
    this.requestDuration = new Histogram({
      name: 'consilium_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status class, from arrival to the end of the answer',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers: [this.registry],
    });
    this.gauge({
      name: 'db_pool_connections',
      help: 'Connections of the database pool: all of them, the idle ones, and the queries waiting for one',
      labelNames: ['state'],
      read: async () => [
        { labels: { state: 'total' }, value: pool.totalCount },
        { labels: { state: 'idle' }, value: pool.idleCount },
        { labels: { state: 'waiting' }, value: pool.waitingCount },
      ],
    });
    this.gauge({
      name: 'live_streams_open',
      help: 'Live case streams (Server-Sent Events) open on this instance',
      read: async () => [{ value: this.open.get('stream') ?? 0 }],
    });
    this.gauge({
      name: 'uploads_in_flight',
      help: 'Document uploads (multipart or resumable) being received by this instance',
      read: async () => [{ value: this.open.get('upload') ?? 0 }],
    });
  }

  /** A gauge read on scrape. A source that fails is left out of that scrape, not the whole page. */
  gauge(source: GaugeSource): void {
    new Gauge({
      name: `consilium_${source.name}`,
      help: source.help,
      labelNames: source.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        let readings: Reading[];
        try {
          readings = await source.read();
        } catch {
          return;
        }
        for (const { labels, value } of readings) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      },
    });
  }

  /** Records one finished request. `route` is the matched route's template, or null (no route matched). */
  observeRequest(method: string, route: string | null, status: number, seconds: number): void {
    this.requestDuration.observe(
      {
        method: methodLabel(method),
        route: route ?? 'unmatched',
        status_class: `${Math.floor(status / 100)}xx`,
      },
      seconds,
    );
  }

  /** Counts a stream or an upload as open until the returned function is called (once). */
  opened(kind: InFlightKind): () => void {
    this.open.set(kind, (this.open.get(kind) ?? 0) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.open.set(kind, (this.open.get(kind) ?? 1) - 1);
    };
  }

  private scrapes = 0;

  /** A read shared by the gauges of one scrape (several gauges from one query), fresh at the next. */
  perScrape<T>(read: () => Promise<T>): () => Promise<T> {
    let cached: { scrape: number; value: Promise<T> } | undefined;
    return () => {
      if (cached?.scrape !== this.scrapes) cached = { scrape: this.scrapes, value: read() };
      return cached.value;
    };
  }

  /** The exposition text, and its content type. */
  async scrape(): Promise<{ text: string; contentType: string }> {
    this.scrapes += 1;
    return { text: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
