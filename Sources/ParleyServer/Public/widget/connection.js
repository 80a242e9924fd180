// A WebSocket that reconnects by itself with jittered exponential backoff, keeps unacknowledged messages in a
// persisted outbox (keyed by clientMessageId) and resends them after every reconnect, and drops duplicate
// deliveries by seq. No DOM: the socket factory, timers, storage and randomness are injected, so Node tests it.

import { decode, encode, isTerminalClose } from './protocol.js';

/** Error codes after which a message is resent unchanged (protocol §6); any other error drops it. */
const RETRYABLE = new Set(['rate_limited', 'busy', 'internal', 'not_joined']);

/** Unacknowledged messages, persisted so they survive reloads and page navigation. */
export class Outbox {
  constructor(storage, key) {
    this.storage = storage;
    this.key = key;
    this.items = [];
    try {
      const saved = JSON.parse(storage?.getItem(key) ?? '[]');
      if (Array.isArray(saved)) this.items = saved.filter((m) => m && typeof m.clientMessageId === 'string');
    } catch {
      this.items = [];
    }
  }
  add(item) {
    if (!this.items.some((m) => m.clientMessageId === item.clientMessageId)) this.items.push(item);
    this.save();
  }
  remove(clientMessageId) {
    const before = this.items.length;
    this.items = this.items.filter((m) => m.clientMessageId !== clientMessageId);
    if (this.items.length !== before) this.save();
    return before !== this.items.length;
  }
  save() {
    try {
      if (this.items.length) this.storage?.setItem(this.key, JSON.stringify(this.items));
      else this.storage?.removeItem(this.key);
    } catch {
      // Storage full or blocked: the outbox still works for this page.
    }
  }
}

/** Remembers which seqs of each conversation were delivered; the highest one is where a resume starts. */
export class SeqTracker {
  /** @param {Record<string, number>} floors  per conversation, the seq up to which everything is already shown */
  constructor(floors = {}) {
    this.seen = new Map();
    this.floor = new Map(Object.entries(floors).map(([k, v]) => [k, Number(v) || 0]));
    this.last = new Map(this.floor);
  }
  /** True the first time a (conversation, seq) pair is seen above the conversation's floor. */
  accept(conversationId, seq) {
    if (!Number.isInteger(seq)) return true;
    const key = String(conversationId ?? '');
    if (seq <= (this.floor.get(key) ?? 0)) return false;
    const seen = this.seen.get(key) ?? new Set();
    if (seen.has(seq)) return false;
    seen.add(seq);
    this.seen.set(key, seen);
    if (seq > (this.last.get(key) ?? 0)) this.last.set(key, seq);
    return true;
  }
  lastSeq(conversationId) {
    return this.last.get(String(conversationId ?? '')) ?? 0;
  }
}

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with 50–100 % jitter. */
export function backoffDelay(attempt, random = Math.random, base = 500, max = 30000) {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export class Connection {
  /**
   * @param {object} options
   * @param {() => string} options.url  evaluated before every connect (so it can carry the current resume point)
   * @param {(url: string) => object} options.createSocket  returns a WebSocket-like object
   * @param {(event: object) => void} options.onEvent  decoded, de-duplicated events plus {kind:'status'}
   * @param {(connection: Connection) => void} [options.onOpen]  sends `join` frames before the outbox is flushed
   */
  constructor({ url, createSocket, onEvent, onOpen, outbox, seqs = new SeqTracker(), timers, random = Math.random, newId }) {
    this.onOpen = onOpen;
    this.url = url;
    this.createSocket = createSocket;
    this.onEvent = onEvent;
    this.outbox = outbox ?? new Outbox(null, '');
    this.seqs = seqs;
    this.timers = timers ?? { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id) };
    this.random = random;
    this.newId = newId ?? (() => globalThis.crypto.randomUUID());
    this.attempt = 0;
    this.state = 'idle';
    this.socket = null;
    this.timer = null;
    this.hadOpened = false;
  }

  start() {
    if (this.state === 'idle' || this.state === 'waiting') this.connect();
  }

  stop() {
    this.state = 'stopped';
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000);
  }

  get isOpen() {
    return this.state === 'open';
  }

  /** Queues a chat message; it is sent now if connected and again after every reconnect until acknowledged. */
  sendMessage(text, conversationId) {
    const item = { clientMessageId: this.newId(), text, conversationId: conversationId ?? null, createdAt: Date.now() };
    this.outbox.add(item);
    this.transmit(item);
    return item;
  }

  /** Sends a frame that needs no acknowledgement (typing, read, language); dropped while offline. */
  sendFrame(frame) {
    if (this.state !== 'open') return false;
    try {
      this.socket.send(frame);
      return true;
    } catch {
      return false;
    }
  }

  transmit(item) {
    this.sendFrame(encode.message(item.clientMessageId, item.text, item.conversationId ?? undefined));
  }

  connect() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.state = 'connecting';
    this.emit({ kind: 'status', state: 'connecting', attempt: this.attempt });
    let socket;
    try {
      socket = this.createSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.socket === socket && this.opened();
    socket.onmessage = (event) => this.socket === socket && this.received(event.data);
    socket.onclose = (event) => this.socket === socket && this.closed(event?.code ?? 1006, event?.reason ?? '');
    socket.onerror = () => {};
  }

  opened() {
    this.state = 'open';
    this.attempt = 0;
    this.emit({ kind: 'status', state: 'open', reconnected: this.hadOpened });
    this.hadOpened = true;
    try {
      this.onOpen?.(this);
    } catch (error) {
      globalThis.console?.error?.(error);
    }
    for (const item of [...this.outbox.items]) this.transmit(item);
  }

  received(data) {
    const event = decode(data);
    if (event.kind === 'ack') {
      this.outbox.remove(event.clientMessageId);
    } else if (event.kind === 'message') {
      const m = event.message;
      if (m.clientMessageId) this.outbox.remove(m.clientMessageId);
      if (!this.seqs.accept(m.conversationId, m.seq)) return;
    } else if (event.kind === 'error' && event.clientMessageId) {
      this.rejected(event);
    }
    this.emit(event);
  }

  /** A message was not stored: retry transient failures later, give up (and tell) on permanent ones. */
  rejected(event) {
    const item = this.outbox.items.find((m) => m.clientMessageId === event.clientMessageId);
    if (!item) return;
    if (RETRYABLE.has(event.code)) {
      this.timers.setTimeout(() => this.outbox.items.includes(item) && this.transmit(item), event.retryAfterMs || 1000);
      event.willRetry = true;
    } else {
      this.outbox.remove(item.clientMessageId);
      event.willRetry = false;
    }
  }

  closed(code, reason) {
    this.socket = null;
    if (this.state === 'stopped') return;
    if (isTerminalClose(code)) {
      this.state = 'closed';
      this.emit({ kind: 'status', state: 'closed', code, reason });
      return;
    }
    this.scheduleReconnect(code);
  }

  scheduleReconnect(code) {
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.state = 'waiting';
    this.emit({ kind: 'status', state: 'waiting', delay, code });
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.state === 'waiting') this.connect();
    }, delay);
  }

  /** Reconnect now (e.g. the page became visible or the browser went online). */
  nudge() {
    if (this.state === 'waiting') this.connect();
  }

  emit(event) {
    try {
      this.onEvent?.(event);
    } catch (error) {
      // A rendering bug must never kill the connection.
      globalThis.console?.error?.(error);
    }
  }
}
