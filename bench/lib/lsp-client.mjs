/**
 * A minimal LSP client over stdio: Content-Length framing, requests with
 * promises, notifications, and handlers for the server's own requests.
 * Raw JSON-RPC on purpose: the benchmark should not depend on either
 * server's protocol library.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export class LspClient {
  /**
   * @param {string} command
   * @param {string[]} args
   * @param {{ cwd?: string, onRequest?: Record<string, (params: any) => any>, log?: (line: string) => void }} options
   */
  constructor(command, args, options = {}) {
    this.startedAt = performance.now();
    this.child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 1;
    this.pending = new Map();
    this.requestHandlers = options.onRequest ?? {};
    this.notificationListeners = new Set();
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
    this.child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.child.stdin.on('error', () => {});
    this.exited.then(({ code, signal }) => {
      for (const { reject } of this.pending.values()) reject(new Error(`server exited (${code ?? signal}): ${this.errorLine()}`));
      this.pending.clear();
    });
  }

  /** The line of the server's stderr that says what went wrong. */
  errorLine() {
    const lines = this.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
    return (lines.find((l) => /Error\b/.test(l)) ?? lines[0] ?? 'no output on stderr').slice(0, 200);
  }

  get pid() {
    return this.child.pid;
  }

  /** Peak resident set size of the server process so far, in KiB (Linux /proc). */
  peakRssKb() {
    try {
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** CPU time (user + system) of the server process so far, in ms (Linux /proc; 100 ticks a second). */
  cpuMs() {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  receive(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else waiter.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      const handler = this.requestHandlers[message.method];
      Promise.resolve()
        .then(() => (handler ? handler(message.params) : null))
        .then(
          (result) => this.send({ jsonrpc: '2.0', id: message.id, result: result ?? null }),
          (error) => this.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: String(error?.message ?? error) } }),
        );
      return;
    }
    for (const listener of this.notificationListeners) listener(message.method, message.params);
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification for which `match(method, params)` is true. */
  waitForNotification(match, timeoutMs, what = 'notification') {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.notificationListeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const listener = (method, params) => {
        if (!match(method, params)) return;
        clearTimeout(timer);
        this.notificationListeners.delete(listener);
        resolve(params);
      };
      this.notificationListeners.add(listener);
      this.exited.then(() => {
        clearTimeout(timer);
        this.notificationListeners.delete(listener);
        reject(new Error(`server exited while waiting for ${what}: ${this.errorLine()}`));
      });
    });
  }

  /** Orderly shutdown; kills the process if it does not exit within `graceMs`. */
  async stop(graceMs = 3000) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, graceMs))]);
      this.notify('exit', null);
    } catch {
      // Already gone.
    }
    await this.exited;
    clearTimeout(timer);
  }
}

/** Position helpers over a text (LSP positions count UTF-16 code units, as JS strings do). */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
