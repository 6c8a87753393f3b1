import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy between one terminal and the store server, for
 * fault tests (test tooling, not replication): it forwards bytes as they
 * are (TLS stays end to end), and on `cut` resets every open connection and
 * every new one until `heal` — a LAN partition as the terminal sees it.
 */
export class FaultProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #cut = false;
  /** Requests go through, answers never come back: the connection is reset as the server answers (sent, not acknowledged). */
  #loseAnswers = false;
  /** Requests go through, answers are held back without a word: the terminal waits until its own timeout. */
  #stallAnswers = false;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(targetPort: number): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server);
    server.on('connection', (client) => proxy.#accept(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  #accept(client: Socket, targetPort: number): void {
    if (this.#cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (this.#loseAnswers) client.resetAndDestroy();
      else if (!this.#stallAnswers) client.write(chunk);
    });
    upstream.on('end', () => client.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  cut(): void {
    this.#cut = true;
    for (const s of this.#sockets) s.resetAndDestroy();
  }

  heal(): void {
    this.#cut = false;
    this.#loseAnswers = false;
    this.#stallAnswers = false;
  }

  /** From now on the server gets every request and its answers are lost on the way back. */
  loseAnswers(): void {
    this.#loseAnswers = true;
  }

  /** From now on the server gets every request and its answers never arrive (the connection stays open). */
  stallAnswers(): void {
    this.#stallAnswers = true;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
