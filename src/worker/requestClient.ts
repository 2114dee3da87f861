import { WorkerError, type WireError } from './protocol';

/** What a message from the worker means for the requests waiting on it. */
export type Routing =
  /** Not about a request (events, corpus progress): only the listeners hear it. */
  | { readonly to: 'listeners' }
  /** The reply to request `id`: it settles that request, with the message or, when `error` is set, with that error. */
  | { readonly to: 'reply'; readonly id: number; readonly error?: WireError }
  /** News about request `id` that does not settle it (a file's read progress). */
  | { readonly to: 'update'; readonly id: number };

export interface RequestClientOptions<Message> {
  /** Names the worker in the errors of its death: "the training worker crashed: …". */
  readonly workerName: string;
  readonly route: (message: Message) => Routing;
  /** What the listeners are told when the worker crashes or sends what cannot be read (terminate tells them nothing). */
  readonly deathNotice?: (error: WireError) => Message;
}

interface Pending<Message> {
  readonly resolve: (reply: Message) => void;
  readonly reject: (err: Error) => void;
  readonly onUpdate?: (message: Message) => void;
}

/**
 * The page's side of a request/reply protocol with a worker. Each request
 * gets a fresh id and waits in a map; its reply settles it exactly once and
 * removes it, an error sent as data becomes a WorkerError with its name
 * again, and a crash, an unreadable message or terminate rejects everything
 * pending. After that the worker is dead: requests reject and sends throw.
 * Every message also reaches the listeners, in order, after it settled its request.
 */
export class RequestClient<Request, Message extends { readonly kind: string }> {
  private readonly listeners = new Set<(message: Message) => void>();
  private readonly pending = new Map<number, Pending<Message>>();
  private nextId = 1;
  private dead: WorkerError | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly options: RequestClientOptions<Message>,
  ) {
    worker.onmessage = (event: MessageEvent<Message>) => this.receive(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(
        { name: 'WorkerCrash', message: `the ${options.workerName} crashed: ${event.message || 'unknown error'}` },
        true,
      );
    };
    worker.onmessageerror = () =>
      this.fail({ name: 'WorkerCrash', message: `a message from the ${options.workerName} could not be read` }, true);
  }

  /** False once the worker crashed or was terminated. */
  get alive(): boolean {
    return this.dead === null;
  }

  subscribe(listener: (message: Message) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A message that waits for no reply. Throws once the worker is dead. */
  send(request: Request): void {
    if (this.dead) throw this.dead;
    this.worker.postMessage(request);
  }

  /**
   * Sends the request `make` builds with a fresh id; resolves with the reply
   * of kind `expected`, or rejects with the worker's error (or with an error
   * saying which other kind came back). `onUpdate` hears the request's news until then.
   */
  request<K extends Message['kind']>(
    make: (id: number) => Request,
    expected: K,
    onUpdate?: (message: Message) => void,
  ): Promise<Extract<Message, { readonly kind: K }>> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const isExpected = (m: Message): m is Extract<Message, { readonly kind: K }> => m.kind === expected;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) =>
          isExpected(reply)
            ? resolve(reply)
            : reject(new Error(`unexpected reply ${reply.kind} to a request for ${expected}`)),
        reject,
        ...(onUpdate ? { onUpdate } : {}),
      });
      this.send(make(id));
    });
  }

  /** Ends the worker; what is pending rejects with WorkerTerminated. */
  terminate(): void {
    this.worker.terminate();
    this.fail({ name: 'WorkerTerminated', message: `the ${this.options.workerName} was stopped` }, false);
  }

  private receive(message: Message): void {
    const routing = this.options.route(message);
    if (routing.to === 'update') {
      this.pending.get(routing.id)?.onUpdate?.(message);
    } else if (routing.to === 'reply') {
      const p = this.pending.get(routing.id);
      if (p) {
        this.pending.delete(routing.id);
        if (routing.error) p.reject(new WorkerError(routing.error));
        else p.resolve(message);
      }
    }
    for (const l of this.listeners) l(message);
  }

  private fail(error: WireError, notify: boolean): void {
    if (this.dead) return;
    const err = new WorkerError(error);
    this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    const notice = notify ? this.options.deathNotice?.(error) : undefined;
    if (notice) for (const l of this.listeners) l(notice);
  }
}
