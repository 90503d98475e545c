import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { freePort } from '@crm/testing';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const telemetryModule = resolve(__dirname, '../src/telemetry/index.ts');
const registerModule = resolve(__dirname, '../src/telemetry/register.ts');

interface FixtureReport {
  spans: { name: string; kind: number; attributes: Record<string, unknown>; resource: Record<string, unknown> }[];
  metrics: { status: number; body: string } | null;
}

/** A signed survey link's credential: its path must not reach the traces. */
const surveyToken = 'C15ebzfXbnxNLRk5vEnnvQAAAZrYmM2A.cR1qG3XaL0cO9i7bNf0Yd1tD_6hnA4cVbWqzS2XyPkE';

// Instrumentation hooks require(), which jest replaces: the traced app has to run in a real node process.
const fixture = `
  const { InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace');
  const { startTelemetry, shutdownTelemetry } = require(${JSON.stringify(telemetryModule)});
  const exporter = new InMemorySpanExporter();
  const telemetry = startTelemetry({
    serviceName: 'telemetry-fixture',
    serviceVersion: '1.2.3',
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const express = require('express');
  const app = express();
  app.get('/accounts/:id', (req, res) => res.json({ id: req.params.id }));
  app.get('/surveys/:token', (req, res) => res.json({ ok: true }));
  app.get('/healthz', (req, res) => res.json({ status: 'ok' }));
  const server = app.listen(0, '127.0.0.1', async () => {
    const base = 'http://127.0.0.1:' + server.address().port;
    await (await fetch(base + '/accounts/42')).json();
    await (await fetch(base + '/surveys/${surveyToken}?lang=zh')).json();
    await (await fetch(base + '/healthz')).json();
    const deadline = Date.now() + 3000;
    while (exporter.getFinishedSpans().filter((s) => s.kind === 1).length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    let metrics = null;
    if (telemetry.metricsPort !== undefined) {
      const response = await fetch('http://127.0.0.1:' + telemetry.metricsPort + '/metrics');
      metrics = { status: response.status, body: await response.text() };
    }
    const spans = exporter.getFinishedSpans().map((s) => ({
      name: s.name, kind: s.kind, attributes: s.attributes, resource: s.resource.attributes,
    }));
    process.stdout.write('REPORT ' + JSON.stringify({ spans, metrics }) + '\\n');
    server.close();
    await shutdownTelemetry();
  });
`;

function runFixture(env: NodeJS.ProcessEnv): Promise<{ code: number | null; report: FixtureReport; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', fixture], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('REPORT '));
      if (!line) return fail(new Error(`fixture printed no report (exit ${code}): ${stderr}`));
      done({ code, report: JSON.parse(line.slice('REPORT '.length)) as FixtureReport, stderr });
    });
  });
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('OTEL_') || name === 'METRICS_PORT') delete env[name];
  return env;
}

describe('telemetry', () => {
  it('records a server span for an HTTP request to express, named by route and carrying the service name', async () => {
    const { code, report, stderr } = await runFixture(baseEnv());
    expect(code).toBe(0);
    const serverSpans = report.spans.filter((span) => span.kind === 1);
    expect(serverSpans).toHaveLength(2);
    expect(serverSpans.find((span) => span.name === 'GET /accounts/:id')).toMatchObject({
      name: 'GET /accounts/:id',
      attributes: { 'http.route': '/accounts/:id', 'http.response.status_code': 200 },
      resource: { 'service.name': 'telemetry-fixture', 'service.version': '1.2.3' },
    });
    // Probes are not traced, and without an exporter configured nothing complains.
    expect(report.spans.some((span) => String(span.attributes['url.path']) === '/healthz')).toBe(false);
    expect(report.metrics).toBeNull();
    expect(stderr).toBe('');
  });

  it('keeps the credential of a signed link out of the spans: its path segment is masked', async () => {
    const { code, report } = await runFixture(baseEnv());
    expect(code).toBe(0);
    // The resource is left out: it holds the fixture's own command line, token included.
    expect(JSON.stringify(report.spans.map((span) => [span.name, span.attributes]))).not.toContain(surveyToken);
    expect(report.spans.find((span) => span.kind === 1 && span.name === 'GET /surveys/:token')).toMatchObject({
      attributes: { 'url.path': '/surveys/***', 'http.route': '/surveys/:token' },
    });
  });

  it('serves Prometheus metrics on METRICS_PORT', async () => {
    const port = await freePort();
    const { code, report } = await runFixture({ ...baseEnv(), METRICS_PORT: String(port) });
    expect(code).toBe(0);
    expect(report.metrics?.status).toBe(200);
    expect(report.metrics?.body).toContain('service_name="telemetry-fixture"');
  });

  it('exports traces over OTLP/HTTP when preloaded with telemetry/register and OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const received: { path: string; body: string }[] = [];
    const collector = createHttpServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((done) => collector.listen(0, '127.0.0.1', () => done()));
    const { port } = collector.address() as { port: number };
    const app = `
      const { shutdownTelemetry } = require(${JSON.stringify(telemetryModule)});
      const express = require('express');
      const app = express();
      app.get('/ping', (req, res) => res.json({ pong: true }));
      const server = app.listen(0, '127.0.0.1', async () => {
        await (await fetch('http://127.0.0.1:' + server.address().port + '/ping')).json();
        server.close();
        await shutdownTelemetry();
      });
    `;
    try {
      const code = await new Promise<number | null>((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--import', registerModule, '-e', app], {
          cwd: repoRoot,
          env: {
            ...baseEnv(),
            OTEL_SERVICE_NAME: 'register-fixture',
            OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
          },
        });
        child.on('error', fail);
        child.on('exit', done);
      });
      expect(code).toBe(0);
      const traces = received.filter((r) => r.path === '/v1/traces');
      expect(traces.length).toBeGreaterThan(0);
      expect(traces.map((t) => t.body).join('')).toContain('register-fixture');
      expect(traces.map((t) => t.body).join('')).toContain('/ping');
    } finally {
      await new Promise((done) => collector.close(done));
    }
  });
});
