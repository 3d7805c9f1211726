import { accessRefused } from './platform/refusals.js';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from './platform/errors.js';
import { sendProblem, toAppError } from './platform/http/problem.js';
import { sameOriginWrites } from './platform/http/origin.js';
import { refuseUnstorableText } from './platform/http/text.js';
import type { AppInstance } from './platform/http/types.js';
import { mountAuth, resolveActorHook } from './modules/identity/http.js';
import type { AppDeps } from './room.js';
import { rooms } from './rooms.js';
import { documentBlobs } from './modules/documents/index.js';
import { healthRoutes } from './platform/http/health.js';
import { postgresRateLimitStore } from './platform/http/rate-limit.js';
import { measureRequests, metricsRoute } from './platform/metrics/http.js';
import { traceRequests } from './platform/tracing/http.js';
import { registerWebApp, type WebApp } from './platform/web/serve.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export async function buildApp(deps: AppDeps): Promise<AppInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A caller's request id is kept when it looks like one, so a trace crosses services.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>() as unknown as AppInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorateRequest('ctx', null as never);
  // First of all hooks: a request refused by any later one is timed and counted too.
  measureRequests(app, deps.metrics);
  traceRequests(app, deps.tracing);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.ctx = {
      requestId: String(request.id),
      actor: null,
      clock: deps.clock,
      db: deps.db,
      log: request.log,
    };
  });

  // Cross-site writes are refused before anything else reads the request (platform/http/origin.ts).
  app.addHook('onRequest', sameOriginWrites(config.allowedOrigins));
  // Text PostgreSQL cannot keep as sent (NUL, lone surrogates) is refused before any route runs.
  app.addHook('preValidation', refuseUnstorableText);

  // An answer sent before the request's body was read to its end (a refused import or upload)
  // closes the connection: the rest of the body would otherwise sit unread, and the client keep
  // sending it into a socket nobody reads.
  app.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete) reply.header('connection', 'close');
  });

  app.setErrorHandler(async (error, request, reply) => {
    // The client closed the connection before its body had arrived (a member who cancels an
    // upload): their choice, not a fault of ours, so one calm line without a stack.
    if (!request.raw.complete && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
      request.log.info('request stopped by the client');
      return sendProblem(request, reply, new AppError('request.aborted'));
    }
    const { appError, unexpected } = toAppError(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    else if (appError.status >= 500) request.log.warn({ code: appError.code }, 'request failed');
    // A refused access is audited here, after the use case's transaction has rolled back, in a
    // transaction of its own. Failing to record it never changes the answer the user gets.
    if (appError.denial && request.ctx?.actor) {
      try {
        await accessRefused.run(request.ctx, appError.denial);
      } catch (failure) {
        request.log.error({ err: failure }, 'a refused access could not be recorded');
      }
    }
    return sendProblem(request, reply, appError);
  });
  // The web app's routes are client-side: a GET outside /api that matches no file gets the app's
  // page (once the app is registered below); everything else stays a problem+json 404.
  let webApp: WebApp | null = null;
  app.setNotFoundHandler((request, reply) => {
    if (webApp?.fallback(request, reply)) return reply;
    return sendProblem(request, reply, new AppError('route.not_found'));
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // The same as frame-ancestors 'none', for browsers that only know this header.
    xFrameOptions: { action: 'deny' },
    // Only an https address can promise https: HSTS over plain http is meaningless at best.
    strictTransportSecurity: config.publicUrl.startsWith('https://'),
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // The API's limit: the web app's own files (a first visit fetches some forty scripts, which the
    // browser then keeps) are not API calls, and counting them would refuse a member's next page.
    // Decided by the route that matched (the web app's files are routes of their own), so that no
    // spelling of an API address slips past it.
    allowList: (request) => !(request.routeOptions.url ?? request.url).startsWith('/api'),
    // Counted in PostgreSQL (platform/http/rate-limit.ts), so that the limit holds across instances.
    ...(config.rateLimitStore === 'postgres' ? { store: postgresRateLimitStore(deps.pool) } : {}),
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) =>
      new AppError('request.rate_limited', {
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });

  // Uploads stream through (never buffered); the file size cap is DOCUMENT_MAX_BYTES.
  await app.register(multipart, {
    limits: { fileSize: config.documentMaxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 11 },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Consilium API',
        version: '1',
        description:
          'The Second Medical Opinion service. Errors are RFC 9457 problem+json documents with a stable `code`. ' +
          'Sign-in, sign-out and two-factor are under /api/auth (see the API guide).',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'consilium.session_token' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  if (config.apiDocs) {
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
      app.swagger(),
    );
  }

  metricsRoute(app, deps.metrics, config.metricsToken);
  await app.register(async (scope) => mountAuth(scope as AppInstance, deps));
  await app.register(async (scope) => {
    const api = scope as AppInstance;
    // Who is calling is settled before the input is validated: an anonymous caller gets 401, not a
    // validation report of a route they may not use. (Not onRequest: the rate limit comes first.)
    api.addHook('preValidation', resolveActorHook(deps));
    await healthRoutes(api, deps, { documents: documentBlobs(config) });
    for (const room of rooms) await room.routes?.(api, deps);
  });

  webApp = await registerWebApp(app);

  return app;
}
