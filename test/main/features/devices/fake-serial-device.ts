import { SerialPort } from 'serialport';

/**
 * The test's end of a socat pseudo-terminal pair, playing an ESC/POS printer
 * (or drawer, or scanner): records every byte the register sends and answers
 * `DLE EOT n` with the byte configured for n (or stays silent).
 */
export class FakeSerialDevice {
  readonly answers = new Map<number, number | null>([
    [1, 0x12],
    [2, 0x12],
    [3, 0x12],
    [4, 0x12],
  ]);
  #received = Buffer.alloc(0);
  #scanned = 0;

  private constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.#received = Buffer.concat([this.#received, chunk]);
      this.#answerRequests();
    });
  }

  static async open(path: string): Promise<FakeSerialDevice> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    return new FakeSerialDevice(port);
  }

  bytes(): Buffer {
    return Buffer.from(this.#received);
  }

  clear(): void {
    this.#received = Buffer.alloc(0);
    this.#scanned = 0;
  }

  /** Polls until `predicate` holds for everything received so far (or throws after `timeoutMs`). */
  async waitFor(predicate: (bytes: Buffer) => boolean, timeoutMs = 5_000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.#received)) {
      if (Date.now() > deadline) throw new Error(`device did not receive the expected bytes; got ${this.#received.toString('hex')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.bytes();
  }

  write(bytes: Uint8Array | string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes));
      this.port.drain((error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  #answerRequests(): void {
    for (let i = this.#scanned; i + 2 < this.#received.length; i += 1) {
      if (this.#received[i] !== 0x10 || this.#received[i + 1] !== 0x04) continue;
      const answer = this.answers.get(this.#received[i + 2] ?? -1);
      if (answer !== null && answer !== undefined) this.port.write(Buffer.of(answer));
      this.#scanned = i + 3;
      i += 2;
    }
    // Keep the last two bytes: a request may be split across chunks.
    this.#scanned = Math.max(this.#scanned, this.#received.length - 2);
  }
}

/** All `10 04 n` requests found in `bytes`, in order. */
export function statusRequestsIn(bytes: Buffer): number[] {
  const found: number[] = [];
  for (let i = 0; i + 2 < bytes.length; i += 1) if (bytes[i] === 0x10 && bytes[i + 1] === 0x04) found.push(bytes[i + 2] ?? -1);
  return found;
}
