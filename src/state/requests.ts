import type { ReplyOf } from '../worker/protocol';

interface Pending<R> {
  settle(reply: ReplyOf<R>): void;
  reject(error: Error): void;
}

function isKind<R, K extends keyof R>(reply: ReplyOf<R>, kind: K): reply is ReplyOf<R, K> {
  return reply.kind === kind;
}

/**
 * Requests that expect one reply each, matched by id. `R` maps each kind of request to
 * the type of its reply, so `open` returns the right type and a reply of the wrong kind
 * is an error rather than a wrong value.
 */
export class Requests<R> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<R>>();

  /** Sends a request under a fresh id (through `send`) and waits for its reply. */
  open<K extends keyof R>(kind: K, send: (id: number) => void): Promise<R[K]> {
    const id = this.nextId++;
    return new Promise<R[K]>((resolve, reject) => {
      this.pending.set(id, {
        settle: (reply) => {
          if (isKind(reply, kind)) resolve(reply.value);
          else reject(new Error(`a ${String(kind)} request got a ${String(reply.kind)} reply`));
        },
        reject,
      });
      send(id);
    });
  }

  resolve(id: number, reply: ReplyOf<R>): void {
    this.take(id)?.settle(reply);
  }

  reject(id: number, message: string): void {
    this.take(id)?.reject(new Error(message));
  }

  /** Every open request fails with `message`: their answers will never come. */
  failAll(message: string): void {
    for (const id of [...this.pending.keys()]) this.reject(id, message);
  }

  get size(): number {
    return this.pending.size;
  }

  private take(id: number): Pending<R> | undefined {
    const request = this.pending.get(id);
    this.pending.delete(id);
    return request;
  }
}
