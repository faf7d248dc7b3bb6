/**
 * Runs document operations one at a time per URI, in arrival order. Opening a document is async
 * (a grammar may still be loading), and an edit must never overtake the open it belongs to.
 */
export class DocumentQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(uri: string, task: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(uri) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(uri, tail);
    void tail.then(() => {
      if (this.tails.get(uri) === tail) this.tails.delete(uri);
    });
    return next;
  }

  /** Resolves once every queued operation on the URI has finished. */
  idle(uri: string): Promise<unknown> {
    return this.tails.get(uri) ?? Promise.resolve();
  }
}
