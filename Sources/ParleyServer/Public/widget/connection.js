// The client side of the wire protocol (docs/protocol.md), shared by the widget and the console: frame encoders, a
// strict decoder that normalizes server frames into plain events, close-code classes and the REST paths; a
// WebSocket that reconnects by itself with jittered exponential backoff, keeps unacknowledged messages in a
// persisted outbox (keyed by clientMessageId) and resends them after every reconnect, and drops duplicate
// deliveries by seq; and the visitor's session that survives page navigation. No DOM: the socket factory, timers,
// storage and randomness are injected, so Node tests it.

// ---- the protocol: paths, frames, decoding ----

/** Close codes 4000–4499 ask the client to reconnect, 4500–4999 tell it not to. Other codes: reconnect. */
export function isTerminalClose(code) {
  return code >= 4500 && code <= 4999;
}

export const PATHS = {
  visitorConversation: '/api/v1/visitor/conversations',
  visitorSocket: '/ws/visitor',
};

/** The WebSocket URL for `path` on `base` (an http(s) URL), with query parameters. */
export function socketURL(base, path, params = {}) {
  const url = new URL(path, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

export const encode = {
  join: (lastSeq, conversationId) => JSON.stringify(withConversation({ type: 'join', lastSeq }, conversationId)),
  message: (clientMessageId, text, conversationId) =>
    JSON.stringify(withConversation({ type: 'message', clientMessageId, text }, conversationId)),
  typing: (active, conversationId) => JSON.stringify(withConversation({ type: 'typing', active }, conversationId)),
  read: (seq, conversationId) => JSON.stringify(withConversation({ type: 'read', seq }, conversationId)),
  setLanguage: (language, conversationId) =>
    JSON.stringify(withConversation({ type: 'setLanguage', language }, conversationId)),
};

export function withConversation(frame, conversationId) {
  if (conversationId !== undefined && conversationId !== null) frame.conversationId = conversationId;
  return frame;
}

const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const int = (v) => (Number.isInteger(v) ? v : Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : null);

function translation(raw) {
  if (!raw || typeof raw !== 'object') return null;
  return {
    text: str(raw.text),
    language: str(raw.language),
    engine: str(raw.engine),
    quality: str(raw.quality) || 'machine',
  };
}

/** A normalized chat message; the original text and the translation are plain strings, never markup. */
export function normalizeMessage(raw) {
  const sender = raw.sender && typeof raw.sender === 'object' ? raw.sender : {};
  const role = sender.role ?? raw.role;
  const translations = Array.isArray(raw.translations) ? raw.translations.map(translation).filter(Boolean) : [];
  return {
    seq: int(raw.seq),
    conversationId: raw.conversationId ?? null,
    clientMessageId: raw.clientMessageId ? str(raw.clientMessageId) : null,
    role: ['visitor', 'operator', 'system'].includes(role) ? role : 'system',
    author: str(sender.name ?? ''),
    text: str(raw.text),
    language: str(raw.language ?? 'und') || 'und',
    confidence: typeof raw.confidence === 'number' ? raw.confidence : null,
    translation: translation(raw.translation) ?? null,
    translations,
    translationStatus: str(raw.translationStatus ?? (raw.translation ? 'done' : 'none')),
    sentAt: Date.parse(raw.createdAt ?? '') || null,
  };
}

const KINDS = new Set(['message', 'ack', 'translation', 'typing', 'read', 'language', 'system', 'conversation', 'queue',
  'joined', 'error']);
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);
// The fields of the other frames by documented type: strings ('' when absent), ints (null when absent, or 0),
// booleans (only a JSON `true` is true) and objects (null when absent).
const FIELDS = [
  [str, 'language', 'code', 'text', 'message'],
  [int, 'seq', 'retryAfterMs'],
  [(v) => int(v) ?? 0, 'lastSeq', 'waiting', 'operatorsOnline'],
  [(v) => v === true, 'active'],
  [obj, 'visitor'],
];

/**
 * Parses one server frame into an event {kind, ...}: `kind` is the frame type of protocol §4; fields are coerced to
 * their documented types; a `message` becomes {kind, message: normalizeMessage(frame)}. Any other type (and
 * anything that is not a JSON object) is {kind: 'unknown'}. Never throws.
 */
export function decode(data) {
  let raw;
  try {
    raw = obj(JSON.parse(data));
  } catch {
    raw = null;
  }
  if (!raw || !KINDS.has(raw.type)) return { kind: 'unknown', type: str(raw?.type) };
  if (raw.type === 'message') return { kind: 'message', message: normalizeMessage(raw) };
  const sender = obj(raw.sender) ?? {};
  const event = {
    kind: raw.type,
    conversationId: raw.conversationId ?? null,
    clientMessageId: raw.clientMessageId ? str(raw.clientMessageId) : null,
    role: str(sender.role ?? raw.role),
    name: str(sender.name ?? raw.name),
    status: str(raw.translationStatus ?? raw.status),
    translation: translation(raw.translation),
    conversation: obj(raw.conversation) ?? {},
  };
  for (const [coerce, ...names] of FIELDS) for (const name of names) event[name] = coerce(raw[name]);
  return event;
}

/** Normalizes the answer to POST visitorConversation. */
export function parseVisitorSession(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.token !== 'string') throw new Error('no token in the answer');
  return {
    token: raw.token,
    conversationId: str(raw.conversationId),
    language: str(raw.language),
    operatorsOnline: int(raw.operatorsOnline),
    lastSeq: int(raw.lastSeq) ?? 0,
  };
}

// ---- the connection and what it keeps ----

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

/** How many delivered messages a VisitorSession keeps for the next page. */
const LIMIT = 200;

/**
 * The visitor's conversation as the widget remembers it across page navigations on the same site: the token, the
 * resume point (last seq) and a bounded transcript cache, all in one storage entry per site.
 */
export class VisitorSession {
  constructor(storage, site) {
    this.storage = storage;
    this.key = `parley.${site}.session`;
    this.state = { token: null, conversationId: null, language: null, log: [], greeted: false, open: false };
    try {
      const saved = JSON.parse(storage?.getItem(this.key) ?? 'null');
      if (saved && typeof saved === 'object') Object.assign(this.state, saved);
    } catch {
      // A broken entry starts a fresh session.
    }
    if (!Array.isArray(this.state.log)) this.state.log = [];
  }
  get token() {
    return this.state.token;
  }
  /** Highest seq in the cached transcript: a resume asks for everything after it. */
  get lastSeq() {
    return this.state.log.reduce((max, m) => (Number.isInteger(m.seq) && m.seq > max ? m.seq : max), 0);
  }
  set(patch) {
    Object.assign(this.state, patch);
    this.save();
  }
  /** Adds or replaces (by seq) a delivered message in the cache, keeping it in seq order. */
  remember(message) {
    const log = this.state.log.filter((m) => m.seq !== message.seq);
    log.push(message);
    log.sort((a, b) => a.seq - b.seq);
    this.state.log = log.slice(-LIMIT);
    this.save();
  }
  /** Applies a translation update to a cached message. */
  updateTranslation(seq, translation) {
    const m = this.state.log.find((x) => x.seq === seq);
    if (m) {
      m.translation = translation;
      this.save();
    }
    return m ?? null;
  }
  forget() {
    this.state = { token: null, conversationId: null, language: this.state.language, log: [], greeted: true, open: false };
    this.save();
  }
  save() {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // Storage full or blocked: the session lasts for this page only.
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

/**
 * A new `clientMessageId`: the time in milliseconds (base 36, nine digits until the year 5188), then 64 random bits
 * in hex. Ids made later sort later, so the relay's store adds each to the end of its index of client ids instead of
 * somewhere in the middle (a page written per message); the random part keeps ids from one sender unique.
 */
export function newMessageId(now = Date.now(), randomBytes = (bytes) => globalThis.crypto.getRandomValues(bytes)) {
  const random = randomBytes(new Uint8Array(8));
  const hex = Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${Math.floor(now).toString(36).padStart(9, '0')}-${hex}`;
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
    this.timers = timers ?? globalThis;
    this.random = random;
    this.newId = newId ?? (() => newMessageId());
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
